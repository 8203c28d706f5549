/* test_render_build.c: render_build.c, the drawing as a cgraph graph: domain boxes, role
 * nodes, one edge per pair of roles, and the route's and alternatives' styles and ids. The
 * constructs Graphviz 2.42 crashes on (docs/design.md) are checked to stay out. */
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

static void roles_sit_in_their_domains_box(void **state) {
  (void)state;
  cp_graph *g = sample();
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  cp_drawing d;
  build(&d, g, &o);
  /* Domains "", x, y: clusters for the named ones, ids by their place. */
  assert_null(d.clusters[0]);
  assert_string_equal(agnameof(d.clusters[1]), "cluster_domain_1");
  assert_string_equal(rt_attr(d.clusters[2], "label"), "y");
  assert_ptr_equal(agsubnode(d.clusters[1], d.nodes[0], 0), d.nodes[0]);
  assert_null(agsubnode(d.clusters[1], d.nodes[2], 0));
  for (size_t dom = 1; dom < 3; dom++) /* d has no domain: in no box */
    assert_null(agsubnode(d.clusters[dom], d.nodes[3], 0));
  assert_string_equal(rt_attr(d.nodes[2], "id"), "role_2");
  assert_string_equal(rt_attr(d.nodes[2], "fillcolor"), cp_render_domain_colour(2));
  assert_string_equal(agnameof(d.nodes[2]), "c");
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

static void one_edge_per_pair_of_roles(void **state) {
  (void)state;
  cp_graph *g = sample();
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  cp_drawing d;
  build(&d, g, &o);
  /* a>b twice and b>a: one edge, both figures, pointing both ways. */
  Agedge_t *ab = rt_edge(&d, 0, 1);
  assert_ptr_equal(agtail(ab), d.nodes[0]);
  assert_string_equal(rt_attr(ab, "label"), "6 mo / 7 mo / 1 mo");
  assert_string_equal(rt_attr(ab, "dir"), "both");
  assert_string_equal(rt_attr(ab, "id"), "edge_0");
  size_t n_edges = 0;
  for (Agedge_t *e = agfstout(d.ag, d.nodes[0]); e; e = agnxtout(d.ag, e))
    n_edges += aghead(e) == d.nodes[1];
  assert_int_equal(n_edges, 1);
  /* Down the levels (c, level 2 to f, level 1): laid out f to c, drawn pointing at f. */
  Agedge_t *cf = rt_edge(&d, 2, 5);
  assert_ptr_equal(agtail(cf), d.nodes[5]);
  assert_string_equal(rt_attr(cf, "dir"), "back");
  /* d>c is laid out c to d too, and c>d joins it: both ways. */
  Agedge_t *dc = rt_edge(&d, 3, 2);
  assert_ptr_equal(agtail(dc), d.nodes[2]);
  assert_string_equal(rt_attr(dc, "dir"), "both");
  assert_string_equal(rt_attr(dc, "label"), "2 mo / 5 mo");
  /* A move within one level is flat: its figure is an xlabel. */
  Agedge_t *be = rt_edge(&d, 1, 4);
  assert_string_equal(rt_attr(be, "xlabel"), "3 mo");
  assert_string_equal(rt_attr(be, "label"), "");
  /* Within a domain, in its box; across domains, outside any. */
  assert_non_null(agsubedge(d.clusters[1], ab, 0));
  assert_null(agsubedge(d.clusters[1], rt_edge(&d, 0, 2), 0));
  assert_null(agsubedge(d.clusters[2], rt_edge(&d, 0, 2), 0));
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
  Agedge_t *cd = rt_edge(&d, 2, 3);
  assert_string_equal(rt_attr(cd, "id"), "route_edge_1");
  assert_string_equal(rt_attr(cd, "color"), "#CC3311");
  /* a>b: move 0 (alternative 2) comes first, but alternative 1's move 1 outranks it. */
  Agedge_t *ab = rt_edge(&d, 0, 1);
  assert_string_equal(rt_attr(ab, "id"), "alt1_edge_0");
  assert_string_equal(rt_attr(ab, "style"), "dashed");
  assert_int_equal(d.edges[0].route, 1);
  assert_int_equal(d.edges[0].move, 1);
  Agedge_t *be = rt_edge(&d, 1, 4);
  assert_string_equal(rt_attr(be, "id"), "alt2_edge_1");
  assert_string_equal(rt_attr(be, "style"), "dotted");
  cp_render_drawing_free(&d);
  /* The other way round, the better alternative keeps the edge. */
  alts[0] = rt_route(g, a2_roles, a2_moves, 2);
  alts[1] = rt_route(g, a1_roles, a1_moves, 1);
  build(&d, g, &o);
  assert_string_equal(rt_attr(rt_edge(&d, 0, 1), "id"), "alt1_edge_0");
  assert_int_equal(d.edges[0].move, 0);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* Route-only drawings: the route's roles and moves, no boxes, no figures on edges. */
static void route_only_has_no_boxes(void **state) {
  (void)state;
  cp_graph *g = sample();
  size_t roles[] = {0, 1, 4}, moves[] = {1, 4};
  cp_route r = rt_route(g, roles, moves, 2);
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &r, .route_only = 1};
  cp_drawing d;
  build(&d, g, &o);
  assert_null(agfstsubg(d.ag));
  assert_int_equal(agnnodes(d.ag), 3);
  assert_int_equal(agnedges(d.ag), 2);
  assert_string_equal(rt_attr(rt_edge(&d, 0, 1), "label"), "");
  assert_string_equal(rt_attr(rt_edge(&d, 0, 1), "id"), "route_edge_0");
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* docs/design.md's table: newrank, constraint=false and labelled flat edges crash or leak
 * in Graphviz 2.42's dot; none appears in a drawing. */
static void no_construct_graphviz_crashes_on(void **state) {
  (void)state;
  cp_graph *g = sample();
  size_t roles[] = {0, 2, 3}, moves[] = {5, 6};
  cp_route r = rt_route(g, roles, moves, 2);
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &r};
  char *dot = NULL;
  size_t len = 0;
  assert_int_equal(cp_render(g, &o, CP_FORMAT_DOT, &dot, &len, NULL), CP_OK);
  assert_null(strstr(dot, "newrank"));
  assert_null(strstr(dot, "constraint"));
  cp_drawing d;
  build(&d, g, &o);
  for (size_t i = 0; i < cp_graph_role_count(g); i++)
    for (size_t j = 0; j < cp_graph_role_count(g); j++) {
      Agedge_t *e = agedge(d.ag, d.nodes[i], d.nodes[j], NULL, 0);
      if (!e)
        continue;
      /* One edge between two roles, whichever way. */
      size_t n = 0;
      for (Agedge_t *f = agfstout(d.ag, d.nodes[i]); f; f = agnxtout(d.ag, f))
        n += aghead(f) == d.nodes[j];
      assert_int_equal(n, 1);
      assert_null(agedge(d.ag, d.nodes[j], d.nodes[i], NULL, 0));
      /* Flat edges (one column) carry no label. */
      int li = cp_graph_role(g, i)->level, lj = cp_graph_role(g, j)->level;
      if (li && lj && d.rank_of[li] == d.rank_of[lj])
        assert_string_equal(rt_attr(e, "label"), "");
    }
  cp_render_drawing_free(&d);
  free(dot);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(roles_sit_in_their_domains_box),
      cmocka_unit_test(one_edge_per_pair_of_roles),
      cmocka_unit_test(the_route_and_alternatives_are_styled),
      cmocka_unit_test(route_only_has_no_boxes),
      cmocka_unit_test(no_construct_graphviz_crashes_on),
  };
  return CP_RUN(tests, argc, argv);
}
