/* test_route.c: routes on a hand-checked graph, and k-best routes against brute force. */
#include "cp_test.h"

#include <math.h>

static cp_route_list *find(const cp_graph *g, const char *from, const char *to, cp_criterion by,
                           size_t k) {
  return cp_test_routes(g, cp_test_role(g, from), cp_test_role(g, to), by, k);
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
  cp_status st;
  assert_null(cp_test_routes_st(g, 0, 1, CP_BY_MONTHS, 0, &st, NULL));
  assert_int_equal(st, CP_EINVAL);
  assert_null(cp_test_routes_st(g, 0, 99, CP_BY_MONTHS, 1, &st, NULL));
  assert_int_equal(st, CP_EINVAL);
  cp_graph_free(g);
}

static void a_criterion_the_graph_lacks_is_refused(void **state) {
  (void)state;
  cp_graph *g = NULL;
  const char *t = "from,to,months\na,b,1\nb,c,\n";
  assert_int_equal(cp_read_csv_buffers("t.csv", t, strlen(t), NULL, NULL, 0, &g, NULL), CP_OK);
  cp_error e = {0};
  cp_status st;
  assert_null(cp_test_routes_st(g, 0, 2, CP_BY_MONTHS, 1, &st, &e));
  assert_int_equal(st, CP_ENOCRIT);
  assert_contains(e.message, "t.csv:3: transition b -> c has no 'months'");
  assert_null(cp_test_routes_st(g, 0, 2, CP_BY_COST, 1, &st, &e));
  assert_int_equal(st, CP_ENOCRIT);
  cp_route_list *l = cp_test_routes(g, 0, 2, CP_BY_STEPS, 1);
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
    cp_route_list *l = cp_test_routes(g, from, to, by, k);
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

/* ---- the tie rule, the objective, building routes ---- */

/* A route over `g` through the transitions given, built as the engines build theirs. */
static cp_route make(const cp_graph *g, size_t start, const size_t *tr, size_t n) {
  cp_route r;
  assert_int_equal(cp_route_alloc(&r, n), CP_OK);
  if (n)
    memcpy(r.transitions, tr, n * sizeof *tr);
  cp_route_finish(&r, g, start, NULL);
  return r;
}

/* s=0 a=1 b=2 t=3; transitions: 0 s>a 1, 1 s>b 1, 2 a>t 1, 3 b>t 1, 4 a>t 1 (parallel to 2),
 * 5 s>t 2, 6 s>t 2.0000000001 (equal to 5 within the tolerance), 7 a>b 0. */
static cp_graph *tie_graph(void) {
  cp_graph *g = NULL;
  const char *t = "from,to,months,cost\ns,a,1,0\ns,b,1,0\na,t,1,0\nb,t,1,0\na,t,1,0\n"
                  "s,t,2,0\ns,t,2.0000000001,0\na,b,0,0\n";
  assert_int_equal(cp_read_csv_buffers("t.csv", t, strlen(t), NULL, NULL, 0, &g, NULL), CP_OK);
  return g;
}

static void objectives_equal_within_a_relative_tolerance(void **state) {
  (void)state;
  assert_int_equal(cp_objective_compare(0.1 + 0.2, 0.3), 0);
  assert_int_equal(cp_objective_compare(1e12 + 1e-1, 1e12), 0); /* 1e-13 relative */
  assert_int_equal(cp_objective_compare(1e12 + 1e4, 1e12), 1);  /* 1e-8 relative */
  assert_int_equal(cp_objective_compare(0, 1e-10), 0);          /* 1e-9 absolute below 1 */
  assert_int_equal(cp_objective_compare(0, 1e-8), -1);
  assert_int_equal(cp_objective_compare(2, 3), -1);
  assert_int_equal(cp_objective_compare(3, 2), 1);
}

static void the_objective_weighs_each_total_and_skips_unweighted_ones(void **state) {
  (void)state;
  cp_route r = {.n_steps = 3, .months = 10, .cost = 2000, .effort = NAN};
  double months[CP_CRITERION_COUNT] = {[CP_BY_MONTHS] = 1};
  double trade[CP_CRITERION_COUNT] = {[CP_BY_STEPS] = 2, [CP_BY_MONTHS] = 1, [CP_BY_COST] = 0.001};
  assert_true(cp_route_objective(&r, months) == 10);
  assert_true(fabs(cp_route_objective(&r, trade) - 18) < 1e-12); /* 6 + 10 + 2 */
  double effort[CP_CRITERION_COUNT] = {[CP_BY_EFFORT] = 1};
  assert_true(isnan(cp_route_objective(&r, effort)));
}

static void routes_are_built_from_their_transitions(void **state) {
  (void)state;
  cp_graph *g = tie_graph();
  size_t tr[] = {0, 7, 3};
  cp_route r = make(g, 0, tr, 3);
  assert_int_equal(r.n_steps, 3);
  size_t roles[] = {0, 1, 2, 3};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(r.roles[i], roles[i]);
  assert_true(r.months == 2 && r.cost == 0);
  assert_true(isnan(r.effort)); /* the graph has no effort */
  cp_route_clear(&r);
  assert_null(r.roles);
  cp_route none = make(g, 2, NULL, 0); /* no steps: the start alone */
  assert_int_equal(none.n_steps, 0);
  assert_int_equal(none.roles[0], 2);
  assert_true(none.months == 0);
  cp_route_clear(&none);
  /* Totals from other figures (credentials held taken off) when given. */
  double ones[8] = {1, 1, 1, 1, 1, 1, 1, 1}, halves[8] = {.5, .5, .5, .5, .5, .5, .5, .5};
  const double *w[CP_CRITERION_COUNT] = {ones, halves, ones, ones};
  cp_route h;
  assert_int_equal(cp_route_alloc(&h, 2), CP_OK);
  h.transitions[0] = 0, h.transitions[1] = 2;
  cp_route_finish(&h, g, 0, w);
  assert_true(h.months == 1 && h.cost == 2 && h.effort == 2);
  cp_route_clear(&h);
  cp_graph_free(g);
}

static void ties_go_to_fewer_steps_then_roles_then_transitions(void **state) {
  (void)state;
  cp_graph *g = tie_graph();
  double months[CP_CRITERION_COUNT] = {[CP_BY_MONTHS] = 1};
  size_t direct[] = {5}, direct2[] = {6}, via_a[] = {0, 2}, via_a2[] = {0, 4}, via_b[] = {1, 3},
         via_ab[] = {0, 7, 3};
  cp_route r[6] = {make(g, 0, via_ab, 3),  make(g, 0, via_b, 2), make(g, 0, via_a2, 2),
                   make(g, 0, direct2, 1), make(g, 0, via_a, 2), make(g, 0, direct, 1)};
  /* All cost 2 months (one within the tolerance): one step first, then s>a>t before s>b>t,
   * then transition 2 before its parallel 4, and the three-step route last. */
  cp_route_list list = {r, 6};
  cp_route_list_sort(&list, months);
  const size_t want_first[] = {5, 6, 0, 0, 1, 0}, want_second[] = {0, 0, 2, 4, 3, 7};
  for (size_t i = 0; i < 6; i++) {
    assert_int_equal(r[i].transitions[0], want_first[i]);
    if (r[i].n_steps > 1)
      assert_int_equal(r[i].transitions[1], want_second[i]);
    else
      assert_int_equal(want_second[i], 0);
  }
  for (size_t i = 0; i < 6; i++)
    for (size_t j = 0; j < 6; j++) {
      int c = cp_route_compare(&r[i], &r[j], months);
      assert_true(i < j ? c < 0 : i > j ? c > 0 : c == 0);
    }
  /* By cost (all 0) the same order; by steps too. */
  double cost[CP_CRITERION_COUNT] = {[CP_BY_COST] = 1};
  assert_true(cp_route_compare(&r[0], &r[5], cost) < 0);
  assert_true(cp_route_compare_ties(&r[2], &r[3]) < 0);
  /* The objective comes before the steps: by cost with a price on s>t, the direct route
   * loses. */
  cp_route dear = r[0];
  dear.cost = 5;
  assert_true(cp_route_compare(&dear, &r[5], cost) > 0);
  /* Pareto vectors compare their objectives in the order given. */
  cp_criterion mc[2] = {CP_BY_MONTHS, CP_BY_COST};
  assert_true(cp_route_compare_vector(&r[4], &dear, mc, 2) < 0);
  assert_true(cp_route_compare_vector(&r[0], &r[1], mc, 2) < 0);
  for (size_t i = 0; i < 6; i++)
    cp_route_clear(&r[i]);
  cp_graph_free(g);
}

static void requirements_are_held_earned_to_earn_or_other(void **state) {
  (void)state;
  cp_graph *g = NULL;
  const char *t = "from,to,months,requires\na,b,1,CPHIMS;Degree\nb,c,1,cphims;Licence\n"
                  "c,d,1,CAHIMS\n";
  assert_int_equal(cp_read_csv_buffers("t.csv", t, strlen(t), NULL, NULL, 0, &g, NULL), CP_OK);
  assert_int_equal(cp_graph_add_credential(g, "CPHIMS", 3, 300, "", NULL), CP_OK);
  assert_int_equal(cp_graph_add_credential(g, "CAHIMS", 2, 200, "", NULL), CP_OK);
  size_t tr[] = {0, 1, 2};
  cp_route r = make(g, 0, tr, 3);
  const char *have[] = {"cahims"};
  /* Step 0: CPHIMS is catalogued and not held; Degree is something else. */
  assert_int_equal(cp_requirement_status(g, &r, 0, "CPHIMS", have, 1), CP_REQ_TO_EARN);
  assert_int_equal(cp_requirement_status(g, &r, 0, "Degree", have, 1), CP_REQ_OTHER);
  /* Step 1: cphims was earned on step 0 (any case); Licence is something else. */
  assert_int_equal(cp_requirement_status(g, &r, 1, "cphims", have, 1), CP_REQ_HELD);
  assert_int_equal(cp_requirement_status(g, &r, 1, "Licence", have, 1), CP_REQ_OTHER);
  /* Step 2: CAHIMS is held already; without it, it is to earn. */
  assert_int_equal(cp_requirement_status(g, &r, 2, "CAHIMS", have, 1), CP_REQ_HELD);
  assert_int_equal(cp_requirement_status(g, &r, 2, "CAHIMS", NULL, 0), CP_REQ_TO_EARN);
  /* ASCII folding only: a dotless capital I is not an i. */
  const char *turkish[] = {"c\xc4\xb0rcle"};
  assert_int_equal(cp_strcasecmp_ascii("CIRCLE", "circle"), 0);
  assert_true(cp_strcasecmp_ascii(turkish[0], "circle") != 0);
  cp_route_clear(&r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(each_criterion_picks_its_own_best_route),
      cmocka_unit_test(k_routes_come_best_first_and_distinct),
      cmocka_unit_test(no_route_is_an_empty_list_and_self_is_zero_steps),
      cmocka_unit_test(a_criterion_the_graph_lacks_is_refused),
      cmocka_unit_test(k_best_routes_match_brute_force),
      cmocka_unit_test(objectives_equal_within_a_relative_tolerance),
      cmocka_unit_test(the_objective_weighs_each_total_and_skips_unweighted_ones),
      cmocka_unit_test(routes_are_built_from_their_transitions),
      cmocka_unit_test(ties_go_to_fewer_steps_then_roles_then_transitions),
      cmocka_unit_test(requirements_are_held_earned_to_earn_or_other),
  };
  return CP_RUN(tests, argc, argv);
}
