/* test_route.c: routes on a hand-checked graph, and k-best routes against brute force. */
#include "cp_test.h"

#include <math.h>

static cp_route_list *find(const cp_graph *g, const char *from, const char *to, cp_criterion by,
                           size_t k) {
  cp_route_list *list = NULL;
  cp_error e = {0};
  if (cp_route_find(g, cp_test_role(g, from), cp_test_role(g, to), by, k, &list, &e) != CP_OK)
    fail_msg("route %s -> %s: %s", from, to, e.message);
  return list;
}

static void assert_path(const cp_graph *g, const cp_route *r, const char *ids) {
  char got[256] = "";
  for (size_t i = 0; i <= r->n_steps; i++) {
    strcat(got, i ? " " : "");
    strcat(got, cp_graph_role(g, r->roles[i])->id);
  }
  assert_string_equal(got, ids);
}

/* small.gv, worked by hand: a-b-d 12 months $6000 effort 5; a-c-d 15 months $300 effort 3;
 * a-d 30 months $0 effort 5. */
static void each_criterion_picks_its_own_best_route(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = find(g, "a", "d", CP_BY_MONTHS, 1);
  assert_int_equal(l->n, 1);
  assert_path(g, &l->routes[0], "a b d");
  assert_true(l->routes[0].months == 12 && l->routes[0].cost == 6000);
  assert_true(l->routes[0].effort == 5);
  cp_route_list_free(l);
  l = find(g, "a", "d", CP_BY_COST, 1);
  assert_path(g, &l->routes[0], "a d");
  cp_route_list_free(l);
  l = find(g, "a", "d", CP_BY_EFFORT, 1);
  assert_path(g, &l->routes[0], "a c d");
  assert_true(l->routes[0].effort == 3);
  cp_route_list_free(l);
  l = find(g, "a", "d", CP_BY_STEPS, 1);
  assert_path(g, &l->routes[0], "a d");
  assert_int_equal(l->routes[0].n_steps, 1);
  cp_route_list_free(l);
  l = find(g, "a", "e", CP_BY_MONTHS, 1);
  assert_path(g, &l->routes[0], "a b d e");
  assert_true(l->routes[0].months == 24);
  assert_int_equal(l->routes[0].transitions[2], 5);
  cp_route_list_free(l);
  cp_graph_free(g);
}

static void k_routes_come_best_first_and_distinct(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = find(g, "a", "d", CP_BY_MONTHS, 3);
  assert_int_equal(l->n, 3);
  assert_path(g, &l->routes[0], "a b d");
  assert_path(g, &l->routes[1], "a c d");
  assert_path(g, &l->routes[2], "a d");
  cp_route_list_free(l);
  /* Asking for more routes than exist gives those that exist. */
  l = find(g, "a", "d", CP_BY_COST, 10);
  assert_int_equal(l->n, 3);
  cp_route_list_free(l);
  /* Equal step counts: ordered by role ids along the route. */
  l = find(g, "a", "d", CP_BY_STEPS, 3);
  assert_path(g, &l->routes[0], "a d");
  assert_path(g, &l->routes[1], "a b d");
  assert_path(g, &l->routes[2], "a c d");
  cp_route_list_free(l);
  cp_graph_free(g);
}

static void no_route_is_an_empty_list_and_self_is_zero_steps(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = find(g, "e", "a", CP_BY_MONTHS, 2);
  assert_int_equal(l->n, 0);
  cp_route_list_free(l);
  l = find(g, "a", "z", CP_BY_MONTHS, 1);
  assert_int_equal(l->n, 0);
  cp_route_list_free(l);
  l = find(g, "b", "b", CP_BY_COST, 3);
  assert_int_equal(l->n, 1);
  assert_int_equal(l->routes[0].n_steps, 0);
  assert_true(l->routes[0].cost == 0);
  cp_route_list_free(l);
  cp_route_list *none = NULL;
  assert_int_equal(cp_route_find(g, 0, 1, CP_BY_MONTHS, 0, &none, NULL), CP_EINVAL);
  assert_int_equal(cp_route_find(g, 0, 99, CP_BY_MONTHS, 1, &none, NULL), CP_EINVAL);
  assert_null(none);
  cp_graph_free(g);
}

static void a_criterion_the_graph_lacks_is_refused(void **state) {
  (void)state;
  cp_graph *g = NULL;
  const char *t = "from,to,months\na,b,1\nb,c,\n";
  assert_int_equal(cp_read_csv_buffers("t.csv", t, strlen(t), NULL, NULL, 0, &g, NULL), CP_OK);
  cp_route_list *l = NULL;
  cp_error e = {0};
  assert_int_equal(cp_route_find(g, 0, 2, CP_BY_MONTHS, 1, &l, &e), CP_ENOCRIT);
  assert_contains(e.message, "t.csv:3: transition b -> c has no 'months'");
  assert_int_equal(cp_route_find(g, 0, 2, CP_BY_COST, 1, &l, &e), CP_ENOCRIT);
  assert_int_equal(cp_route_find(g, 0, 2, CP_BY_STEPS, 1, &l, &e), CP_OK);
  assert_int_equal(l->n, 1);
  assert_true(isnan(l->routes[0].months)); /* one step has no months: the total is unknown */
  cp_route_list_free(l);
  cp_graph_free(g);
}

/* ---- brute force: every simple path, on small random graphs ---- */

static unsigned long long rng_state;
static unsigned rnd(unsigned n) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)((rng_state >> 33) % n);
}

enum { MAXN = 8, MAXPATHS = 20000 };
static double totals[MAXPATHS];
static size_t n_totals;

static void enumerate(const cp_graph *g, size_t at, size_t to, cp_criterion by, bool *on,
                      double sum) {
  if (at == to) {
    if (n_totals < MAXPATHS)
      totals[n_totals++] = sum;
    return;
  }
  on[at] = true;
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    if (t->from != at || on[t->to])
      continue;
    double w = by == CP_BY_STEPS    ? 1
               : by == CP_BY_MONTHS ? t->months
               : by == CP_BY_COST   ? t->cost
                                    : t->effort;
    enumerate(g, t->to, to, by, on, sum + w);
  }
  on[at] = false;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static cp_graph *random_graph(size_t n, size_t m) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("random", &g), CP_OK);
  for (size_t i = 0; i < n; i++) {
    char id[32];
    snprintf(id, sizeof id, "r%zu", i);
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 0, 0, NULL, NULL), CP_OK);
  }
  for (size_t j = 0; j < m; j++) {
    /* Parallel edges and self-loops are allowed: both occur in real graphs. */
    cp_transition_spec s = {.months = rnd(6),
                            .cost = rnd(4) * 500.0,
                            .effort = 1 + rnd(5),
                            .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT};
    assert_int_equal(cp_graph_add_transition(g, rnd((unsigned)n), rnd((unsigned)n), &s, NULL),
                     CP_OK);
  }
  return g;
}

static void k_best_routes_match_brute_force(void **state) {
  (void)state;
  rng_state = 20261125;
  size_t checked = 0;
  for (int trial = 0; trial < 1000; trial++) {
    size_t n = 2 + rnd(MAXN - 1), m = n + rnd((unsigned)(n * 2));
    cp_graph *g = random_graph(n, m);
    size_t from = rnd((unsigned)n), to = rnd((unsigned)n);
    cp_criterion by = (cp_criterion)rnd(CP_CRITERION_COUNT);
    size_t k = 1 + rnd(4);
    bool on[MAXN] = {false};
    n_totals = 0;
    enumerate(g, from, to, by, on, 0);
    qsort(totals, n_totals, sizeof *totals, cmp_double);
    cp_route_list *l = NULL;
    assert_int_equal(cp_route_find(g, from, to, by, k, &l, NULL), CP_OK);
    size_t want = n_totals < k ? n_totals : k;
    if (l->n != want)
      fail_msg("trial %d: %zu routes, brute force %zu (k=%zu)", trial, l->n, want, k);
    for (size_t i = 0; i < l->n; i++) {
      const cp_route *r = &l->routes[i];
      double total = cp_route_total(r, by);
      if (fabs(total - totals[i]) > 1e-9)
        fail_msg("trial %d route %zu: %g, brute force %g", trial, i, total, totals[i]);
      /* Each route is a real simple path whose totals add up. */
      bool seen[MAXN] = {false};
      double months = 0;
      assert_int_equal(r->roles[0], from);
      assert_int_equal(r->roles[r->n_steps], to);
      for (size_t s = 0; s < r->n_steps; s++) {
        const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
        assert_int_equal(t->from, r->roles[s]);
        assert_int_equal(t->to, r->roles[s + 1]);
        assert_false(seen[r->roles[s]]);
        seen[r->roles[s]] = true;
        months += t->months;
      }
      assert_true(fabs(months - r->months) < 1e-9);
      /* Distinct: no two routes use the same transitions. */
      for (size_t j = 0; j < i; j++) {
        const cp_route *o = &l->routes[j];
        assert_false(o->n_steps == r->n_steps &&
                     !memcmp(o->transitions, r->transitions, r->n_steps * sizeof(size_t)));
      }
    }
    checked += l->n;
    cp_route_list_free(l);
    cp_graph_free(g);
  }
  if (checked < 800) /* the generator must actually produce routes to compare */
    fail_msg("only %zu routes compared", checked);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(each_criterion_picks_its_own_best_route),
      cmocka_unit_test(k_routes_come_best_first_and_distinct),
      cmocka_unit_test(no_route_is_an_empty_list_and_self_is_zero_steps),
      cmocka_unit_test(a_criterion_the_graph_lacks_is_refused),
      cmocka_unit_test(k_best_routes_match_brute_force),
  };
  return CP_RUN(tests, argc, argv);
}
