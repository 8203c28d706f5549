/* test_route.c: routes as values: the tie rule, the objective, building routes, and the
 * requirements along them. */
#include "cp_test.h"

#include <math.h>

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
  const char *t = "from,to,months,cost\ns,a,1,0\ns,b,1,0\na,t,1,0\nb,t,1,0\na,t,1,0\n"
                  "s,t,2,0\ns,t,2.0000000001,0\na,b,0,0\n";
  cp_graph *g = cp_test_csv(t);
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
  /* An unreached role's infinity is more than any total, however large. */
  assert_int_equal(cp_objective_compare(1e300, INFINITY), -1);
  assert_int_equal(cp_objective_compare(INFINITY, 5), 1);
  assert_int_equal(cp_objective_compare(INFINITY, INFINITY), 0);
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
  g = cp_test_csv(t);
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
      cmocka_unit_test(objectives_equal_within_a_relative_tolerance),
      cmocka_unit_test(the_objective_weighs_each_total_and_skips_unweighted_ones),
      cmocka_unit_test(routes_are_built_from_their_transitions),
      cmocka_unit_test(ties_go_to_fewer_steps_then_roles_then_transitions),
      cmocka_unit_test(requirements_are_held_earned_to_earn_or_other),
  };
  return CP_RUN(tests, argc, argv);
}
