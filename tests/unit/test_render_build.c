/* test_render_build.c: render_build.c, the map as a cgraph graph: lanes, role nodes pinned in
 * their cells, a line per move with its figure, and the routes' styles and ids. */
#include "test_render.h"

#include <stdlib.h>

/* Roles: 0 a (x, 1), 1 b (x, 2), 2 c (y, 2), 3 d (no domain, 3), 4 e (x, 2), 5 f (y, 1).
 * Moves: 0 a>b 6, 1 a>b 7 (parallel), 2 b>a 1 (back), 3 d>c 2 (down the levels), 4 b>e 3
 * (flat: one level), 5 a>c 4, 6 c>d 5 (up again), 7 c>f 8 (down). */
static cp_graph *sample(void) {
  cp_graph *g = rt_graph("sample");
  rt_role(g, "a", "x", 1), rt_role(g, "b", "x", 2), rt_role(g, "c", "y", 2);
  rt_role(g, "d", "", 3), rt_role(g, "e", "x", 2), rt_role(g, "f", "y", 1);
  rt_move(g, 0, 1, 6, NULL), rt_move(g, 0, 1, 7, NULL), rt_move(g, 1, 0, 1, NULL);
  rt_move(g, 3, 2, 2, NULL), rt_move(g, 1, 4, 3, NULL), rt_move(g, 0, 2, 4, NULL);
  rt_move(g, 2, 3, 5, NULL), rt_move(g, 2, 5, 8, NULL);
  return g;
}

static void build(cp_drawing *d, const cp_graph *g, const cp_render_options *o) {
  cp_error e = {0};
  if (rt_build(d, g, o, &e) != CP_OK)
    fail_msg("build: %s", e.message);
}

/* The map: a role's node pinned in its cell, in its domain's colour; a lane per domain. */
static void roles_sit_in_their_lanes(void **state) {
  (void)state;
  cp_graph *g = sample();
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  cp_drawing d;
  build(&d, g, &o);
  assert_int_equal(d.engine, CP_ENGINE_MAP);
  assert_string_equal(rt_attr(d.nodes[2], "id"), "role_2");
  assert_string_equal(rt_attr(d.nodes[2], "fillcolor"), cp_render_domain_colour(2));
  assert_string_equal(agnameof(d.nodes[2]), "c");
  assert_non_null(strchr(rt_attr(d.nodes[2], "pos"), '!')); /* pinned */
  /* Lanes x, y and "no domain" (last), each a box with the domain's name. */
  assert_int_equal(d.map.n_lanes, 3);
  Agraph_t *lane = agsubg(d.ag, "cluster_lane_2", 0);
  assert_non_null(lane);
  assert_string_equal(rt_attr(lane, "label"), "No domain");
  /* a (level 1) is left of b (level 2); b and c share a column. */
  assert_true(d.map.x[0] < d.map.x[1]);
  assert_true(d.map.x[1] == d.map.x[2]);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* Each move its own line, parallel ones too, its figure a node the line runs through. */
static void one_line_per_move(void **state) {
  (void)state;
  cp_graph *g = sample();
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  cp_drawing d;
  build(&d, g, &o);
  assert_non_null(d.edges[0].e);
  assert_non_null(d.edges[1].e);
  assert_ptr_not_equal(d.edges[0].e, d.edges[1].e);
  assert_string_equal(rt_attr(d.edges[0].figure, "label"), "6 mo");
  assert_string_equal(rt_attr(d.edges[1].figure, "label"), "7 mo");
  assert_ptr_equal(aghead(d.edges[1].e), d.nodes[1]);
  assert_ptr_equal(agtail(d.edges[1].from), d.nodes[0]);
  assert_string_equal(rt_attr(d.edges[1].e, "id"), "edge_1");
  assert_string_equal(rt_attr(d.edges[2].e, "id"), "edge_2");
  cp_render_drawing_free(&d);
  /* By steps: no figures, the line goes straight from role to role. */
  o.label_by = CP_BY_STEPS;
  build(&d, g, &o);
  assert_null(d.edges[0].figure);
  assert_ptr_equal(agtail(d.edges[0].e), d.nodes[0]);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

static void the_route_and_alternatives_are_styled(void **state) {
  (void)state;
  cp_graph *g = sample();
  /* The route a>c>d; alternative 1 a>b (move 1), alternative 2 a>b (move 0) and b>e. */
  size_t roles[] = {0, 2, 3}, moves[] = {5, 6};
  size_t a1_roles[] = {0, 1}, a1_moves[] = {1}, a2_roles[] = {0, 1, 4}, a2_moves[] = {0, 4};
  cp_route r = rt_route(g, roles, moves, 2);
  cp_route alts[] = {rt_route(g, a1_roles, a1_moves, 1), rt_route(g, a2_roles, a2_moves, 2)};
  cp_render_options o = {
      .label_by = CP_BY_MONTHS, .route = &r, .alternatives = alts, .n_alternatives = 2};
  cp_drawing d;
  build(&d, g, &o);
  assert_string_equal(rt_attr(d.nodes[0], "id"), "route_node_0");
  assert_string_equal(rt_attr(d.nodes[3], "id"), "route_node_2");
  assert_string_equal(rt_attr(d.nodes[3], "penwidth"), "3");
  assert_string_equal(rt_attr(d.nodes[1], "id"), "role_1");
  assert_string_equal(rt_attr(d.edges[6].e, "id"), "route_edge_1");
  assert_string_equal(rt_attr(d.edges[6].e, "color"), cp_render_route_colour(0));
  assert_string_equal(rt_attr(d.edges[6].e, "class"), "route-1");
  /* The parallel moves a>b: each in its own route's line. */
  assert_string_equal(rt_attr(d.edges[1].e, "id"), "alt1_edge_0");
  assert_string_equal(rt_attr(d.edges[1].e, "style"), cp_render_route_line(1));
  assert_string_equal(rt_attr(d.edges[0].e, "id"), "alt2_edge_0");
  assert_string_equal(rt_attr(d.edges[0].e, "style"), cp_render_route_line(2));
  assert_string_equal(rt_attr(d.edges[4].e, "id"), "alt2_edge_1");
  /* Routes differ in line as well as colour. */
  assert_string_not_equal(cp_render_route_line(0), cp_render_route_line(1));
  assert_string_not_equal(cp_render_route_line(1), cp_render_route_line(2));
  cp_render_drawing_free(&d);
  /* A move on two routes names both in its class, drawn in the better one's line. */
  alts[1] = rt_route(g, roles, moves, 2);
  alts[1].transitions = moves + 1, alts[1].roles = roles + 1, alts[1].n_steps = 1;
  build(&d, g, &o);
  assert_string_equal(rt_attr(d.edges[6].e, "class"), "route-1 route-3");
  assert_string_equal(rt_attr(d.edges[6].e, "style"), cp_render_route_line(0));
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* Route-only drawings: a column of cards a route, nothing else of the graph. */
static void route_only_draws_cards(void **state) {
  (void)state;
  cp_graph *g = sample();
  size_t roles[] = {0, 1, 4}, moves[] = {1, 4};
  cp_route r = rt_route(g, roles, moves, 2);
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &r, .route_only = 1};
  cp_drawing d;
  build(&d, g, &o);
  assert_int_equal(d.engine, CP_ENGINE_CARDS);
  /* Three cards, a heading, two steps: no role of the graph as such. */
  size_t cards = 0, steps = 0;
  for (Agnode_t *n = agfstnode(d.ag); n; n = agnxtnode(d.ag, n)) {
    cards += !strncmp(rt_attr(n, "id"), "route_node_", 11);
    for (Agedge_t *e = agfstout(d.ag, n); e; e = agnxtout(d.ag, e))
      steps += !strncmp(rt_attr(e, "id"), "route_edge_", 11);
  }
  assert_int_equal(cards, 3);
  assert_int_equal(steps, 2);
  assert_null(d.nodes[0]);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(roles_sit_in_their_lanes),
      cmocka_unit_test(one_line_per_move),
      cmocka_unit_test(the_route_and_alternatives_are_styled),
      cmocka_unit_test(route_only_draws_cards),
  };
  return CP_RUN(tests, argc, argv);
}
