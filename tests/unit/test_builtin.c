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

/* Issue 14's names, as a student types them: each is the role meant, or the list to pick from. */
static void the_names_students_type_resolve(void **state) {
  (void)state;
  cp_graph *g = builtin();
  const char *names[][2] = {{"data analyst", "general-data-analyst"},
                            {"chief medical information officer", "cmio"},
                            {"Chief Nursing Information Officer", "cnio"},
                            {"project manager", "project-manager"},
                            {"data scientist", "health-data-scientist"},
                            {"RN", "registered-nurse"},
                            {"MD", "physician"},
                            {"DBA", "database-administrator"},
                            {"PM", "project-manager"},
                            {"Registered Nurses", "registered-nurse"},
                            {"ms-health-informatics-student", "ms-health-informatics-graduate"},
                            {"29-1141.00", "registered-nurse"}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    size_t r;
    cp_error e = {0};
    if (cp_graph_find_role(g, names[i][0], &r, &e) != CP_OK)
      fail_msg("'%s': %s", names[i][0], e.message);
    if (strcmp(cp_graph_role(g, r)->id, names[i][1]))
      fail_msg("'%s' is %s, not %s", names[i][0], cp_graph_role(g, r)->id, names[i][1]);
  }
  cp_role_match m;
  cp_error e = {0};
  assert_int_equal(cp_graph_match_role(g, "nurse", &m, &e), CP_EAMBIGUOUS);
  bool rn = false;
  for (size_t i = 0; i < m.n_candidates; i++)
    rn |= !strcmp(cp_graph_role(g, m.candidates[i])->id, "registered-nurse");
  assert_true(rn && m.n_candidates >= 3);
  assert_contains(e.message, "'Registered Nurse' (registered-nurse, clinical-practice)");
  cp_role_match_clear(&m);
  cp_graph_free(g);
}

/* An alias that resolved to another role, or to a list, would send a student elsewhere. */
static void every_alias_names_its_own_role(void **state) {
  (void)state;
  cp_graph *g = builtin();
  size_t checked = 0;
  for (size_t i = 0; i < cp_graph_role_count(g); i++) {
    const char *aliases = cp_role_attr(cp_graph_role(g, i), "aliases");
    if (!aliases)
      fail_msg("role %s has no aliases", cp_graph_role(g, i)->id);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", aliases);
    for (char *save = NULL, *a = strtok_r(buf, ";", &save); a; a = strtok_r(NULL, ";", &save)) {
      size_t r;
      cp_error e = {0};
      if (cp_graph_find_role(g, a, &r, &e) != CP_OK || r != i)
        fail_msg("alias '%s' of %s: %s", a, cp_graph_role(g, i)->id,
                 e.message[0] ? e.message : cp_graph_role(g, r)->id);
      checked++;
    }
  }
  assert_true(checked >= 60);
  cp_graph_free(g);
}

typedef struct bls_row {
  char code[16], title[128];
  double mean;
} bls_row;

typedef struct bls_table {
  bls_row rows[1024];
  size_t n;
} bls_table;

static cp_status bls_row_read(void *ctx, const char *const *f, size_t n, size_t line,
                              cp_error *err) {
  (void)err;
  bls_table *t = ctx;
  if (line == 1 || n < 5 || t->n == 1024)
    return CP_OK;
  bls_row *r = &t->rows[t->n++];
  snprintf(r->code, sizeof r->code, "%s", f[1]);
  snprintf(r->title, sizeof r->title, "%s", f[2]);
  r->mean = atof(f[4]);
  return CP_OK;
}

/* Every wage is the BLS mean its source names, read from the copy in data/. */
static void wages_are_the_bls_means_their_source_names(void **state) {
  (void)state;
  char *text = NULL;
  size_t len;
  cp_error e = {0};
  static bls_table t;
  t.n = 0;
  if (cp_read_file(CP_SOURCE_DIR "/data/cps-mobility/occ_names_bls_minor_major.csv", &text, &len,
                   &e) != CP_OK)
    fail_msg("%s", e.message);
  assert_int_equal(cp_csv_parse("occ_names", text, len, bls_row_read, &t, &e), CP_OK);
  free(text);
  assert_int_equal(t.n, 539);
  cp_graph *g = builtin();
  size_t with_wage = 0;
  for (size_t i = 0; i < cp_graph_role_count(g); i++) {
    const cp_role *r = cp_graph_role(g, i);
    const char *wage = cp_role_attr(r, "wage"), *src = cp_role_attr(r, "wage_source");
    if (!wage)
      continue;
    with_wage++;
    if (!src || !strstr(src, "BLS OES May 2018"))
      fail_msg("role %s: wage without a BLS source", r->id);
    const char *code = strstr(src, "SOC 2010 ");
    assert_non_null(code);
    code += strlen("SOC 2010 ");
    bool found = false;
    for (size_t j = 0; j < t.n && !found; j++) {
      char named[256];
      snprintf(named, sizeof named, "%s %s, $", t.rows[j].code, t.rows[j].title);
      if (strncmp(code, named, strlen(named)))
        continue;
      found = true;
      if (atof(wage) != t.rows[j].mean)
        fail_msg("role %s: wage %s, but BLS gives %s %g", r->id, wage, t.rows[j].code,
                 t.rows[j].mean);
    }
    if (!found)
      fail_msg("role %s: '%s' names no occupation of the BLS table", r->id, code);
  }
  assert_true(with_wage >= 20);
  cp_graph_free(g);
}

static bool onet_code(const char *s) {
  static const char pattern[] = "dd-dddd.dd";
  if (strlen(s) != 10)
    return false;
  for (size_t i = 0; i < 10; i++)
    if (pattern[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pattern[i])
      return false;
  return true;
}

/* Every role names its nearest O*NET occupation (or says why it has none), with the title
 * O*NET gives it when the O*NET tables are in data/. */
static void every_role_names_its_nearest_onet_occupation(void **state) {
  (void)state;
  cp_graph *g = builtin();
  char *occupations = NULL;
  size_t len, without = 0;
  cp_read_file(CP_SOURCE_DIR "/data/onet-29.3/Occupation Data.txt", &occupations, &len, NULL);
  for (size_t i = 0; i < cp_graph_role_count(g); i++) {
    const cp_role *r = cp_graph_role(g, i);
    const char *code = cp_role_attr(r, "onet"), *src = cp_role_attr(r, "onet_source");
    if (!src || !*src)
      fail_msg("role %s: no onet_source", r->id);
    if (!code) {
      without++;
      assert_contains(src, "none: ");
      continue;
    }
    if (!onet_code(code))
      fail_msg("role %s: onet '%s' is not an O*NET-SOC code", r->id, code);
    assert_contains(src, code);
    if (occupations) {
      const char *title = strstr(src, code) + strlen(code) + 1;
      int n = (int)strcspn(title, ",;(");
      while (n && title[n - 1] == ' ')
        n--;
      char line[256];
      snprintf(line, sizeof line, "\n%s\t%.*s\t", code, n, title);
      if (!strstr(occupations, line))
        fail_msg("role %s: O*NET has no '%s'", r->id, line + 1);
    }
  }
  assert_true(without <= 3); /* the three education roles before a first post */
  free(occupations);
  cp_graph_free(g);
}

/* A degree is paid where it is studied: reaching the master's graduate takes the degree's
 * months and tuition, and what follows it is a job search, not the degree again. */
static void tuition_is_charged_where_it_is_paid(void **state) {
  (void)state;
  cp_graph *g = builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "student"), 0, CP_BY_MONTHS);
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_reach(r, &q, &l, NULL), CP_OK);
  size_t grad = cp_test_role(g, "ms-health-informatics-graduate");
  size_t nurse = cp_test_role(g, "registered-nurse");
  for (size_t i = 0; i < l->n; i++) {
    const cp_route *x = &l->routes[i];
    size_t end = x->roles[x->n_steps];
    if (end == grad && (x->months < 24 || x->cost < 35000))
      fail_msg("the master's graduate is %g months, $%g from a student", x->months, x->cost);
    if (end == nurse && x->months < 24)
      fail_msg("a registered nurse is %g months from a non-nursing graduate", x->months);
  }
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    if (tr->from == grad && tr->cost > 1000)
      fail_msg("a move out of the master's graduate charges $%g", tr->cost);
  }
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_compiled_in_copy_is_the_graph_file),
      cmocka_unit_test(every_role_the_seed_names_is_there),
      cmocka_unit_test(every_role_and_move_is_described_and_sourced),
      cmocka_unit_test(acceptance_routes_exist_and_are_optimal),
      cmocka_unit_test(credentials_are_sourced_and_paid_where_required),
      cmocka_unit_test(the_names_students_type_resolve),
      cmocka_unit_test(every_alias_names_its_own_role),
      cmocka_unit_test(wages_are_the_bls_means_their_source_names),
      cmocka_unit_test(every_role_names_its_nearest_onet_occupation),
      cmocka_unit_test(tuition_is_charged_where_it_is_paid),
  };
  return CP_RUN(tests, argc, argv);
}
