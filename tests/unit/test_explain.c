/* test_explain.c: why there is no route: the licence gate into the CMIO, limits, avoided
 * roles, waypoints, and requirements on every way in. */
#include "cp_test.h"

#include <math.h>

static cp_no_route *explain(const cp_router *r, const cp_query *q) {
  cp_no_route *x = NULL;
  cp_error e = {0};
  if (cp_explain_no_route(r, q, &x, &e) != CP_OK)
    fail_msg("%s", e.message);
  return x;
}

static bool has_role(const cp_graph *g, const size_t *roles, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(cp_graph_role(g, roles[i])->id, id))
      return true;
  return false;
}

/* Issue 14: a data analyst can never reach the CMIO: every way in starts as a physician. */
static void the_cmio_is_closed_to_a_data_analyst_by_a_medical_licence(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "general-data-analyst"), cp_test_role(g, "cmio"), CP_BY_MONTHS);
  cp_no_route *x = explain(r, &q);
  assert_int_equal(x->reason, CP_NO_ROUTE_CLOSED);
  assert_int_equal(x->n_into, 3);
  assert_true(has_role(g, x->into, x->n_into, "physician-informaticist"));
  assert_true(has_role(g, x->into, x->n_into, "medical-director"));
  assert_true(has_role(g, x->into, x->n_into, "clinical-informatics-fellow"));
  assert_int_equal(x->n_starts, 1);
  assert_string_equal(cp_graph_role(g, x->starts[0])->id, "physician");
  assert_non_null(x->start_requires[0]);
  assert_contains(x->start_requires[0], "medical licence");
  assert_int_equal(x->n_gates, 1);
  assert_string_equal(x->gates[0], "clinical experience");
  cp_no_route_free(x);
  cp_router_free(r);
  cp_graph_free(g);
}

static void limits_avoided_roles_and_waypoints_are_named(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "registered-nurse"), cp_test_role(g, "cnio"), CP_BY_MONTHS);
  cp_no_route *x = explain(r, &q);
  assert_int_equal(x->reason, CP_NO_ROUTE_NONE); /* there is a route */
  cp_no_route_free(x);

  q.limits[CP_BY_COST] = 10000;
  q.limits[CP_BY_MONTHS] = 36;
  x = explain(r, &q);
  assert_int_equal(x->reason, CP_NO_ROUTE_LIMITS);
  cp_no_route_free(x);

  cp_query_init(&q, cp_test_role(g, "registered-nurse"), cp_test_role(g, "cnio"), CP_BY_MONTHS);
  size_t avoid[] = {cp_test_role(g, "nurse-informaticist"), cp_test_role(g, "nurse-manager"),
                    cp_test_role(g, "pharmacist")};
  q.avoid = avoid;
  q.n_avoid = 3;
  x = explain(r, &q);
  assert_int_equal(x->reason, CP_NO_ROUTE_AVOIDED);
  assert_int_equal(x->n_avoided, 2); /* not the pharmacist: no route passes there */
  assert_true(has_role(g, x->avoided, x->n_avoided, "nurse-informaticist"));
  assert_true(has_role(g, x->avoided, x->n_avoided, "nurse-manager"));
  cp_no_route_free(x);

  cp_query_init(&q, cp_test_role(g, "student"), cp_test_role(g, "health-data-scientist"),
                CP_BY_MONTHS);
  size_t via[] = {cp_test_role(g, "cnio")};
  q.via = via;
  q.n_via = 1;
  x = explain(r, &q);
  assert_int_equal(x->reason, CP_NO_ROUTE_WAYPOINTS);
  cp_no_route_free(x);
  cp_router_free(r);
  cp_graph_free(g);
}

/* s -> a; the target t is entered from m and n, both only from the entry role b, through
 * moves listing L (on every route), K (on one) and E (one the person can get near: a -> z). */
static cp_graph *gated(void) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("gated", &g), CP_OK);
  const char *ids[] = {"s", "a", "z", "b", "m", "n", "t"};
  for (size_t i = 0; i < 7; i++)
    assert_int_equal(cp_graph_add_role(g, ids[i], NULL, NULL, 1, 0, NULL, NULL), CP_OK);
  struct {
    size_t from, to;
    const char *requires;
  } moves[] = {{0, 1, NULL},  {1, 2, "E"}, {3, 4, "L;E"}, {3, 5, "L"},
               {4, 6, "K;E"}, {5, 6, "E"}, {6, 6, NULL}};
  for (size_t i = 0; i < 7; i++) {
    cp_transition_spec spec = {.months = 1,
                               .cost = 1,
                               .effort = 1,
                               .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT,
                               .requires = moves[i].requires};
    assert_int_equal(cp_graph_add_transition(g, moves[i].from, moves[i].to, &spec, NULL), CP_OK);
  }
  assert_int_equal(cp_graph_set_role_attr(g, 3, "requires", "a B licence", NULL), CP_OK);
  return g;
}

static void gates_are_the_requirements_on_every_way_in_out_of_reach(void **state) {
  (void)state;
  cp_graph *g = gated();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, 0, 6, CP_BY_MONTHS);
  cp_no_route *x = explain(r, &q);
  assert_int_equal(x->reason, CP_NO_ROUTE_CLOSED);
  assert_int_equal(x->n_into, 2); /* m and n; the stay t -> t is not a way in */
  assert_int_equal(x->n_starts, 1);
  assert_string_equal(x->start_requires[0], "a B licence");
  assert_int_equal(x->n_gates, 1); /* L: K is on one route only, E is within reach */
  assert_string_equal(x->gates[0], "L");
  cp_no_route_free(x);
  /* Holding L: nothing bars the way but the start itself. */
  const char *have[] = {"l"};
  q.have = have;
  q.n_have = 1;
  x = explain(r, &q);
  assert_int_equal(x->n_gates, 0);
  cp_no_route_free(x);
  q.to = 99;
  cp_error e = {0};
  assert_int_equal(cp_explain_no_route(r, &q, &x, &e), CP_EINVAL);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_cmio_is_closed_to_a_data_analyst_by_a_medical_licence),
      cmocka_unit_test(limits_avoided_roles_and_waypoints_are_named),
      cmocka_unit_test(gates_are_the_requirements_on_every_way_in_out_of_reach),
  };
  return CP_RUN(tests, argc, argv);
}
