/* test_builtin.c: the built-in health-informatics graph: complete, sourced, and routable. */
#include "cp_test.h"

#include <math.h>

static cp_graph *builtin(void) {
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_builtin_graph(&g, &e) != CP_OK)
    fail_msg("built-in graph: %s", e.message);
  return g;
}

static const char *attr(const cp_attr *a, size_t n, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(a[i].key, key))
      return a[i].value;
  return NULL;
}

static void the_compiled_in_copy_is_the_graph_file(void **state) {
  (void)state;
  FILE *f = fopen(CP_BUILTIN_GV, "rb");
  assert_non_null(f);
  static char file[1 << 20];
  size_t n = fread(file, 1, sizeof file, f);
  fclose(f);
  size_t len;
  const char *text = cp_builtin_dot_text(&len);
  assert_int_equal(len, n);
  assert_memory_equal(text, file, n);
}

static void every_role_the_seed_names_is_there(void **state) {
  (void)state;
  cp_graph *g = builtin();
  /* The roles and entry points of shared/seeds/000_85cc3d8acd11d494.txt. */
  const char *ids[] = {"student",
                       "health-systems-analyst",
                       "clinical-informaticist",
                       "registered-nurse",
                       "nurse-informaticist",
                       "physician",
                       "pharmacist",
                       "cmio",
                       "cnio",
                       "health-data-analyst",
                       "health-data-scientist",
                       "health-it-specialist",
                       "interoperability-engineer",
                       "project-manager",
                       "security-analyst",
                       "privacy-officer",
                       "consultant",
                       "general-it-professional",
                       "network-engineer",
                       "database-administrator"};
  for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
    cp_test_role(g, ids[i]);
  size_t r;
  assert_int_equal(cp_graph_find_role(g, "Health Systems Analyst", &r, NULL), CP_OK);
  assert_int_equal(cp_graph_find_role(g, "CNIO", &r, NULL), CP_OK);
  assert_int_equal(cp_graph_find_role(g, "Registered Nurse", &r, NULL), CP_OK);
  cp_graph_free(g);
}

static void every_role_and_move_is_described_and_sourced(void **state) {
  (void)state;
  cp_graph *g = builtin();
  const char *domains = " education clinical-practice general-it data systems health-it "
                        "clinical-informatics leadership governance ";
  for (size_t i = 0; i < cp_graph_role_count(g); i++) {
    const cp_role *r = cp_graph_role(g, i);
    char d[64];
    snprintf(d, sizeof d, " %s ", r->domain);
    if (!strstr(domains, d) || r->level < 1 || r->level > 5 || !strcmp(r->label, r->id))
      fail_msg("role %s: domain '%s', level %d, label '%s'", r->id, r->domain, r->level, r->label);
    const char *src = attr(r->attrs, r->n_attrs, "source");
    if (!src || !*src)
      fail_msg("role %s has no source", r->id);
  }
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    const char *from = cp_graph_role(g, t->from)->id, *to = cp_graph_role(g, t->to)->id;
    if (t->has != (CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT))
      fail_msg("%s -> %s lacks a weight", from, to);
    if (!*t->source || !*t->note)
      fail_msg("%s -> %s lacks a source or note", from, to);
    if (t->effort != floor(t->effort))
      fail_msg("%s -> %s: effort %g is not whole", from, to, t->effort);
  }
  cp_summary *s = NULL;
  assert_int_equal(cp_graph_summarize(g, &s, NULL), CP_OK);
  assert_int_equal(s->n_isolated, 0);
  assert_int_equal(s->n_unreachable, 0);
  assert_true(s->n_roles >= 20);
  cp_summary_free(s);
  cp_graph_free(g);
}

/* The catalogue's convention (graphs/health-informatics.gv): a move lists a catalogued
 * credential only when it is earned on that move, so the move's figures include it and
 * holding it may take it off. A move listing one it does not pay for breaks --have. */
static void credentials_are_sourced_and_paid_where_required(void **state) {
  (void)state;
  cp_graph *g = builtin();
  size_t n = cp_graph_credential_count(g);
  assert_true(n >= 10);
  for (size_t c = 0; c < n; c++) {
    const cp_credential *cred = cp_graph_credential(g, c);
    if (!*cred->source)
      fail_msg("credential '%s' has no source", cred->name);
    size_t required = 0;
    for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
      const cp_transition *t = cp_graph_transition(g, i);
      for (size_t j = 0; j < t->n_requires; j++) {
        if (strcmp(t->requires[j], cred -> name))
          continue;
        required++;
        if (t->months < cred->months || t->cost < cred->cost)
          fail_msg("%s -> %s requires '%s' but its figures (%g months, $%g) do not include "
                   "earning it (%g months, $%g)",
                   cp_graph_role(g, t->from)->id, cp_graph_role(g, t->to)->id, cred->name,
                   t->months, t->cost, cred->months, cred->cost);
      }
    }
    if (!required)
      fail_msg("no move requires credential '%s'", cred->name);
  }
  cp_graph_free(g);
}

/* Smallest total over every simple path, by depth-first enumeration. */
static size_t paths_seen;
static void least(const cp_graph *g, size_t at, size_t to, cp_criterion by, bool *on, double sum,
                  double *best) {
  if (sum >= *best)
    return; /* weights are non-negative: nothing below can do better */
  if (at == to) {
    *best = sum;
    paths_seen++;
    return;
  }
  on[at] = true;
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    if (t->from == at && !on[t->to]) {
      double w = by == CP_BY_STEPS ? 1 : by == CP_BY_MONTHS ? t->months : t->cost;
      least(g, t->to, to, by, on, sum + w, best);
    }
  }
  on[at] = false;
}

static void acceptance_routes_exist_and_are_optimal(void **state) {
  (void)state;
  cp_graph *g = builtin();
  const char *pairs[][2] = {{"health-systems-analyst", "clinical-informaticist"},
                            {"registered-nurse", "cnio"},
                            {"physician", "cmio"}};
  cp_criterion by[] = {CP_BY_STEPS, CP_BY_MONTHS, CP_BY_COST};
  size_t pairs_with_three = 0;
  for (size_t p = 0; p < 3; p++) {
    size_t from = cp_test_role(g, pairs[p][0]), to = cp_test_role(g, pairs[p][1]);
    for (size_t c = 0; c < 3; c++) {
      cp_route_list *l = cp_test_routes(g, from, to, by[c], 3);
      if (l->n == 0)
        fail_msg("no route %s -> %s", pairs[p][0], pairs[p][1]);
      bool on[4096] = {false};
      double best = INFINITY;
      least(g, from, to, by[c], on, 0, &best);
      double got = cp_route_total(&l->routes[0], by[c]);
      if (fabs(got - best) > 1e-9)
        fail_msg("%s -> %s by %s: %g, brute force %g", pairs[p][0], pairs[p][1],
                 cp_criterion_name(by[c]), got, best);
      for (size_t i = 1; i < l->n; i++)
        assert_true(cp_route_total(&l->routes[i - 1], by[c]) <=
                    cp_route_total(&l->routes[i], by[c]) + 1e-9);
      pairs_with_three += l->n == 3;
      cp_route_list_free(l);
    }
  }
  assert_true(pairs_with_three > 0);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_compiled_in_copy_is_the_graph_file),
      cmocka_unit_test(every_role_the_seed_names_is_there),
      cmocka_unit_test(every_role_and_move_is_described_and_sourced),
      cmocka_unit_test(acceptance_routes_exist_and_are_optimal),
      cmocka_unit_test(credentials_are_sourced_and_paid_where_required),
  };
  return CP_RUN(tests, argc, argv);
}
