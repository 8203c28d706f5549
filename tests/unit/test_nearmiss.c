/* test_nearmiss.c: near misses under limits (issue 14: RN to CNIO with $10,000 and 36
 * months), and how many of k routes each limit removes. */
#include "cp_test.h"

#include <math.h>

static void a_nurse_with_10000_dollars_and_36_months_sees_both_near_misses(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "registered-nurse"), cp_test_role(g, "cnio"), CP_BY_MONTHS);
  q.limits[CP_BY_COST] = 10000;
  q.limits[CP_BY_MONTHS] = 36;
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 0); /* the limits cut every route */
  cp_route_list_free(l);
  cp_near_misses *m = NULL;
  assert_int_equal(cp_near_misses_find(r, &q, &m, NULL), CP_OK);
  assert_int_equal(m->n, 2);
  const cp_near_miss *fast = &m->items[0], *cheap = &m->items[1];
  assert_int_equal(fast->by, CP_BY_MONTHS); /* the query's criterion first */
  assert_float_equal(fast->route.months, 84, 1e-9);
  assert_float_equal(fast->route.cost, 60695, 1e-9); /* of the 84-month routes, the cheaper */
  assert_float_equal(fast->excess[CP_BY_MONTHS], 48, 1e-9);
  assert_float_equal(fast->excess[CP_BY_COST], 50695, 1e-9);
  assert_true(isnan(fast->excess[CP_BY_STEPS]));
  assert_int_equal(cheap->by, CP_BY_COST);
  assert_float_equal(cheap->route.cost, 695, 1e-9);
  assert_float_equal(cheap->route.months, 96, 1e-9);
  assert_float_equal(cheap->excess[CP_BY_COST], 0, 0);
  assert_float_equal(cheap->excess[CP_BY_MONTHS], 60, 1e-9);
  cp_near_misses_free(m);

  /* One route best on both limits is listed once, marked as both. */
  cp_query_init(&q, cp_test_role(g, "registered-nurse"), cp_test_role(g, "nurse-manager"),
                CP_BY_MONTHS);
  q.limits[CP_BY_COST] = 10000;
  q.limits[CP_BY_MONTHS] = 12;
  assert_int_equal(cp_near_misses_find(r, &q, &m, NULL), CP_OK);
  assert_int_equal(m->n, 1);
  assert_int_equal(m->items[0].also, 1u << CP_BY_COST);
  assert_float_equal(m->items[0].excess[CP_BY_MONTHS], 36, 1e-9);
  cp_near_misses_free(m);
  cp_router_free(r);
  cp_graph_free(g);
}

/* Every simple route from `at` to `to`, counted, with how many pass each limit. */
static void count_routes(const cp_graph *g, size_t at, size_t to, bool *on, double months,
                         double cost, size_t steps, const cp_query *q, size_t *all,
                         size_t *over_months, size_t *over_cost) {
  if (at == to) {
    (*all)++;
    *over_months += months > q->limits[CP_BY_MONTHS];
    *over_cost += cost > q->limits[CP_BY_COST];
    return;
  }
  on[at] = true;
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    if (t->from == at && !on[t->to])
      count_routes(g, t->to, to, on, months + t->months, cost + t->cost, steps + 1, q, all,
                   over_months, over_cost);
  }
  on[at] = false;
}

static void a_short_list_says_which_limits_removed_the_rest(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "registered-nurse"), cp_test_role(g, "cnio"), CP_BY_MONTHS);
  q.limits[CP_BY_COST] = 10000;
  q.limits[CP_BY_MONTHS] = 90;
  q.k = 50; /* more than there are: every route */
  cp_k_shortfall s;
  assert_int_equal(cp_k_shortfall_count(r, &q, &s, NULL), CP_OK);
  bool on[64] = {false};
  size_t all = 0, over_months = 0, over_cost = 0;
  count_routes(g, q.from, q.to, on, 0, 0, 0, &q, &all, &over_months, &over_cost);
  assert_int_equal(s.unlimited, all);
  assert_int_equal(s.over[CP_BY_MONTHS], over_months);
  assert_int_equal(s.over[CP_BY_COST], over_cost);
  assert_int_equal(s.over[CP_BY_STEPS], 0);
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(s.within, l->n);
  assert_true(s.within < s.unlimited && s.over[CP_BY_COST] > 0 && s.over[CP_BY_MONTHS] > 0);
  cp_route_list_free(l);
  q.k = 2;
  assert_int_equal(cp_k_shortfall_count(r, &q, &s, NULL), CP_OK);
  assert_int_equal(s.unlimited, 2);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_nurse_with_10000_dollars_and_36_months_sees_both_near_misses),
      cmocka_unit_test(a_short_list_says_which_limits_removed_the_rest),
  };
  return CP_RUN(tests, argc, argv);
}
