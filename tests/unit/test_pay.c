/* test_pay.c: wages on roles and the months a route's wage gain takes to repay its cost. */
#include "cp_test.h"

#include <math.h>

static cp_route_list *best(const cp_router *r, const char *from, const char *to, cp_criterion by,
                           size_t k) {
  const cp_graph *g = cp_router_graph(r);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, from), cp_test_role(g, to), by);
  q.k = k;
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_true(l->n >= 1);
  return l;
}

static void a_nurse_becoming_a_cnio_repays_the_route_from_the_raise(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  double rn, cnio;
  assert_true(cp_role_wage(cp_graph_role(g, cp_test_role(g, "registered-nurse")), &rn));
  assert_true(cp_role_wage(cp_graph_role(g, cp_test_role(g, "cnio")), &cnio));
  assert_float_equal(rn, 75510, 0);
  assert_float_equal(cnio, 152860, 0);
  cp_route_list *l = best(r, "registered-nurse", "cnio", CP_BY_MONTHS, 1);
  /* $60,695 repaid at ($152,860 - $75,510) / 12 a month. */
  assert_float_equal(cp_route_payback(g, &l->routes[0]), 60695 / ((152860.0 - 75510) / 12), 1e-9);
  cp_route_list_free(l);
  /* A student has no wage: no figure. */
  l = best(r, "student", "cnio", CP_BY_MONTHS, 1);
  assert_true(isnan(cp_route_payback(g, &l->routes[0])));
  cp_route_list_free(l);
  /* A physician becoming a medical director keeps a physician's pay (a floor): a route that
   * costs nothing pays back at once; one that costs something never does. */
  l = best(r, "physician", "medical-director", CP_BY_MONTHS, 1);
  assert_float_equal(cp_route_payback(g, &l->routes[0]), 0, 0);
  l->routes[0].cost = 100;
  assert_true(isinf(cp_route_payback(g, &l->routes[0])));
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

static void wages_must_be_positive_numbers(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("w", &g), CP_OK);
  const char *values[] = {"50000", " 72520 ", "0", "-5", "lots", "nan", "1e400"};
  const bool ok[] = {true, true, false, false, false, false, false};
  for (size_t i = 0; i < 7; i++) {
    char id[8];
    size_t at;
    snprintf(id, sizeof id, "r%zu", i);
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 1, 0, &at, NULL), CP_OK);
    assert_int_equal(cp_graph_set_role_attr(g, at, "wage", values[i], NULL), CP_OK);
    double w = -1;
    assert_int_equal(cp_role_wage(cp_graph_role(g, at), &w), ok[i]);
  }
  double w;
  assert_int_equal(cp_graph_add_role(g, "none", NULL, NULL, 1, 0, NULL, NULL), CP_OK);
  assert_false(cp_role_wage(cp_graph_role(g, 7), &w));
  cp_graph_free(g);
}

static void routes_sort_by_payback_soonest_first_unknown_last(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "registered-nurse"), 0, CP_BY_MONTHS);
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_reach(r, &q, &l, NULL), CP_OK);
  cp_route_list_sort_by_payback(g, l);
  double last = -1;
  bool unknown = false;
  for (size_t i = 0; i < l->n; i++) {
    double p = cp_route_payback(g, &l->routes[i]);
    if (isnan(p)) {
      unknown = true;
      continue;
    }
    assert_false(unknown); /* every known figure before the first unknown */
    assert_true(p >= last);
    last = p;
  }
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_nurse_becoming_a_cnio_repays_the_route_from_the_raise),
      cmocka_unit_test(wages_must_be_positive_numbers),
      cmocka_unit_test(routes_sort_by_payback_soonest_first_unknown_last),
  };
  return CP_RUN(tests, argc, argv);
}
