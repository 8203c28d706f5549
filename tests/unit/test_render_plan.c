/* test_render_plan.c: render_plan.c, what a drawing holds: route, alternatives, region,
 * roles shown, which edge carries each move, title and domains. */
#include "test_render.h"

/* a b c d in two domains; moves: 0 a>b, 1 b>d, 2 a>c, 3 c>d, 4 a>d, 5 a>b again, 6 c>d again,
 * 7 b>a (back). */
static cp_graph *diamond(void) {
  cp_graph *g = rt_graph("diamond");
  size_t a = rt_role(g, "a", "x", 1), b = rt_role(g, "b", "x", 2);
  size_t c = rt_role(g, "c", "y", 2), d = rt_role(g, "d", "", 3);
  rt_move(g, a, b, 6, NULL), rt_move(g, b, d, 6, NULL), rt_move(g, a, c, 1, NULL);
  rt_move(g, c, d, 1, NULL), rt_move(g, a, d, 30, NULL), rt_move(g, a, b, 7, NULL);
  rt_move(g, c, d, 2, NULL), rt_move(g, b, a, 1, NULL);
  return g;
}

static void plan(cp_drawing *d, const cp_graph *g, const cp_render_options *o) {
  *d = (cp_drawing){.g = g, .o = o};
  cp_error e = {0};
  if (cp_render_plan(d, &e) != CP_OK)
    fail_msg("plan: %s", e.message);
}

static void route_and_alternatives_are_marked(void **state) {
  (void)state;
  cp_graph *g = diamond();
  size_t roles[] = {0, 1, 3}, moves[] = {0, 1};
  size_t alt1_roles[] = {0, 2, 3}, alt1_moves[] = {2, 3};
  size_t alt2_roles[] = {0, 2, 3}, alt2_moves[] = {2, 6};
  cp_route route = rt_route(g, roles, moves, 2);
  cp_route alts[] = {rt_route(g, alt1_roles, alt1_moves, 2),
                     rt_route(g, alt2_roles, alt2_moves, 2)};
  cp_render_options o = {.route = &route, .alternatives = alts, .n_alternatives = 2};
  cp_drawing d;
  plan(&d, g, &o);
  /* Each role and move takes the best route it is on: 0 the route, a the alternative. */
  long want_route[] = {0, 0, 1, 0}, want_pos[] = {0, 1, 1, 2};
  for (size_t i = 0; i < 4; i++) {
    assert_int_equal(d.role_route[i], want_route[i]);
    assert_int_equal(d.role_pos[i], want_pos[i]);
  }
  /* Move 2 is on both alternatives: the first's. */
  long want_on[] = {0, 0, 1, 1, -1, -1, 2, -1}, want_step[] = {0, 1, 0, 1, -1, -1, 1, -1};
  for (size_t i = 0; i < 8; i++) {
    assert_int_equal(d.edges[i].route, want_on[i]);
    assert_int_equal(d.edges[i].step, want_step[i]);
  }
  assert_true(cp_render_on_route(&d, 2, 2) && cp_render_on_route(&d, 2, 1));
  assert_false(cp_render_on_route(&d, 2, 0));
  assert_int_equal(d.n_routes, 3);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

static void refused(const cp_graph *g, const cp_render_options *o, const char *why) {
  cp_drawing d = {.g = g, .o = o};
  cp_error e = {0};
  assert_int_equal(cp_render_plan(&d, &e), CP_EINVAL);
  assert_contains(e.message, why);
  cp_render_drawing_free(&d);
}

static void what_the_graph_lacks_is_refused(void **state) {
  (void)state;
  cp_graph *g = diamond();
  size_t roles[] = {0, 9}, moves[] = {0}, far_moves[] = {99};
  cp_route bad_role = {.roles = roles, .transitions = moves, .n_steps = 1};
  cp_render_options o = {.route = &bad_role};
  refused(g, &o, "a route names something outside the graph");
  size_t ok_roles[] = {0, 1};
  cp_route bad_move = {.roles = ok_roles, .transitions = far_moves, .n_steps = 1};
  o.route = &bad_move;
  refused(g, &o, "a route names something outside the graph");
  cp_route good = rt_route(g, ok_roles, moves, 1);
  o = (cp_render_options){.route = &good, .alternatives = &bad_move, .n_alternatives = 1};
  refused(g, &o, "a route names something outside the graph");
  o = (cp_render_options){.alternatives = &good, .n_alternatives = 1};
  refused(g, &o, "alternatives are drawn beside a route");
  cp_route_list region = {.routes = &bad_role, .n = 1};
  o = (cp_render_options){.region = &region};
  refused(g, &o, "a region route names something outside the graph");
  /* And through the public call, before anything is planned. */
  o = (cp_render_options){.route_only = 1};
  char *out = NULL;
  size_t len = 0;
  cp_error e = {0};
  assert_int_equal(cp_render(g, &o, CP_FORMAT_DOT, &out, &len, &e), CP_EINVAL);
  assert_contains(e.message, "a route-only drawing needs a route");
  assert_null(out);
  cp_graph_free(g);
}

static void drawn_roles_and_moves(void **state) {
  (void)state;
  cp_graph *g = diamond();
  size_t roles[] = {0, 1}, moves[] = {0};
  cp_route route = rt_route(g, roles, moves, 1);
  /* Shown roles, and the route's always. */
  unsigned char shown[4] = {0, 0, 1, 0};
  cp_render_options o = {.route = &route, .shown = shown};
  cp_drawing d;
  plan(&d, g, &o);
  bool want_shown[] = {true, true, true, false};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(cp_render_drawn(&d, i), want_shown[i]);
  assert_true(cp_render_move_drawn(&d, 2));  /* a>c: both ends drawn */
  assert_true(cp_render_move_drawn(&d, 7));  /* b>a */
  assert_false(cp_render_move_drawn(&d, 3)); /* c>d: d is not */
  cp_render_drawing_free(&d);
  /* Route-only: the route's roles and its moves, not the parallel a>b nor b>a. */
  o = (cp_render_options){.route = &route, .route_only = 1};
  plan(&d, g, &o);
  assert_true(cp_render_drawn(&d, 0) && cp_render_drawn(&d, 1));
  assert_false(cp_render_drawn(&d, 2) || cp_render_drawn(&d, 3));
  assert_true(cp_render_move_drawn(&d, 0));
  assert_false(cp_render_move_drawn(&d, 5) || cp_render_move_drawn(&d, 7));
  cp_render_drawing_free(&d);
  /* A region: the roles and moves of its routes only. */
  size_t r2_roles[] = {0, 2, 3}, r2_moves[] = {2, 3};
  cp_route in_region[] = {route, rt_route(g, r2_roles, r2_moves, 2)};
  cp_route_list region = {.routes = in_region, .n = 2};
  o = (cp_render_options){.region = &region};
  plan(&d, g, &o);
  for (size_t i = 0; i < 4; i++)
    assert_true(cp_render_drawn(&d, i));
  bool want_moves[] = {true, false, true, true, false, false, false, false};
  for (size_t i = 0; i < 8; i++)
    assert_int_equal(cp_render_move_drawn(&d, i), want_moves[i]);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

static void title_and_domains(void **state) {
  (void)state;
  cp_graph *g = diamond();
  cp_render_options o = {0};
  cp_drawing d;
  plan(&d, g, &o);
  assert_string_equal(d.title, "diamond"); /* the graph's name, without a label */
  /* Distinct and sorted, "" (no domain) first. */
  assert_int_equal(d.n_domains, 3);
  assert_string_equal(d.domains[0], "");
  assert_string_equal(d.domains[1], "x");
  assert_string_equal(d.domains[2], "y");
  assert_int_equal(cp_render_domain_index(&d, "y"), 2);
  cp_render_drawing_free(&d);
  assert_int_equal(cp_graph_set_attr(g, "label", "Labelled"), CP_OK);
  plan(&d, g, &o);
  assert_string_equal(d.title, "Labelled");
  cp_render_drawing_free(&d);
  o.title = "Asked for";
  plan(&d, g, &o);
  assert_string_equal(d.title, "Asked for");
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(route_and_alternatives_are_marked),
      cmocka_unit_test(what_the_graph_lacks_is_refused),
      cmocka_unit_test(drawn_roles_and_moves),
      cmocka_unit_test(title_and_domains),
  };
  return CP_RUN(tests, argc, argv);
}
