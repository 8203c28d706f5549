/* test_goals.c: the best routes to any of several roles, against each asked alone. */
#include "cp_test.h"

#include <math.h>

static void either_goal_is_the_better_of_the_two_asked_alone(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  const char *pairs[][3] = {{"registered-nurse", "cnio", "nurse-manager"},
                            {"student", "cmio", "clinical-informaticist"}, /* cmio: no route */
                            {"health-systems-analyst", "project-manager", "consultant"}};
  cp_criterion by[] = {CP_BY_MONTHS, CP_BY_COST, CP_BY_STEPS};
  for (size_t p = 0; p < 3; p++)
    for (size_t c = 0; c < 3; c++) {
      size_t targets[2] = {cp_test_role(g, pairs[p][1]), cp_test_role(g, pairs[p][2])};
      cp_query q;
      cp_query_init(&q, cp_test_role(g, pairs[p][0]), 0, by[c]);
      q.k = 3;
      cp_route_list *any = NULL, *alone[2] = {NULL, NULL};
      assert_int_equal(cp_route_search_any(r, &q, targets, 2, &any, NULL), CP_OK);
      double least = INFINITY;
      size_t total = 0;
      for (int t = 0; t < 2; t++) {
        q.to = targets[t];
        assert_int_equal(cp_route_search(r, &q, &alone[t], NULL), CP_OK);
        total += alone[t]->n;
        if (alone[t]->n)
          least = fmin(least, cp_route_total(&alone[t]->routes[0], by[c]));
      }
      assert_int_equal(any->n, total < 3 ? total : 3);
      assert_float_equal(cp_route_total(&any->routes[0], by[c]), least, 1e-9);
      for (size_t i = 0; i < any->n; i++) {
        size_t end = any->routes[i].roles[any->routes[i].n_steps];
        assert_true(end == targets[0] || end == targets[1]);
        if (i)
          assert_true(cp_route_total(&any->routes[i - 1], by[c]) <=
                      cp_route_total(&any->routes[i], by[c]) + 1e-9);
      }
      cp_route_list_free(any);
      cp_route_list_free(alone[0]);
      cp_route_list_free(alone[1]);
    }
  cp_query q;
  cp_query_init(&q, 0, 0, CP_BY_MONTHS);
  cp_route_list *l = NULL;
  cp_error e = {0};
  assert_int_equal(cp_route_search_any(r, &q, NULL, 0, &l, &e), CP_EINVAL);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(either_goal_is_the_better_of_the_two_asked_alone),
  };
  return CP_RUN(tests, argc, argv);
}
