/* test_render_style.c: render_style.c, how a drawing looks: edge figures, the route's and
 * alternatives' colours and lines, the graph's settings, and the legend. */
#include "test_render.h"

static void edge_figures_by_criterion(void **state) {
  (void)state;
  cp_transition t = {.months = 6, .cost = 1500, .effort = 3, .has = CP_HAS_MONTHS | CP_HAS_COST};
  char buf[64];
  cp_render_edge_figure(&t, CP_BY_MONTHS, buf, sizeof buf);
  assert_string_equal(buf, "6 mo");
  cp_render_edge_figure(&t, CP_BY_COST, buf, sizeof buf);
  assert_string_equal(buf, "$1,500");
  cp_render_edge_figure(&t, CP_BY_EFFORT, buf, sizeof buf); /* not given: nothing */
  assert_string_equal(buf, "");
  t.has |= CP_HAS_EFFORT;
  cp_render_edge_figure(&t, CP_BY_EFFORT, buf, sizeof buf);
  assert_string_equal(buf, "effort 3");
  cp_render_edge_figure(&t, CP_BY_STEPS, buf, sizeof buf);
  assert_string_equal(buf, "");
}

/* Roles a (x), b (y), c (z), d (no domain); a>b, a>c, b>c. */
static cp_graph *three_domains(void) {
  cp_graph *g = rt_graph("styles");
  rt_role(g, "a", "x", 1), rt_role(g, "b", "y", 2), rt_role(g, "c", "z", 3);
  rt_role(g, "d", "", 3);
  rt_move(g, 0, 1, 1, NULL), rt_move(g, 0, 2, 2, NULL), rt_move(g, 1, 2, 3, NULL);
  return g;
}

/* A box per domain drawn, in its colour, "(no domain)" for roles without one; a key entry
 * per route when there are alternatives; a note on what the edges say. */
static void the_legend(void **state) {
  (void)state;
  cp_graph *g = three_domains();
  unsigned char shown[4] = {1, 1, 0, 1};
  cp_render_options o = {.label_by = CP_BY_MONTHS, .shown = shown};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  Agraph_t *legend = agsubg(d.ag, "cluster_legend", 0);
  assert_non_null(legend);
  Agnode_t *none = rt_node_by_id(legend, "legend_domain_0"),
           *x = rt_node_by_id(legend, "legend_domain_1");
  assert_string_equal(rt_attr(none, "label"), "(no domain)");
  assert_string_equal(rt_attr(x, "label"), "x");
  assert_string_equal(rt_attr(x, "fillcolor"), rt_attr(d.nodes[0], "fillcolor"));
  assert_null(rt_node_by_id(legend, "legend_domain_3")); /* z: nothing of it drawn */
  assert_null(rt_node_by_id(legend, "legend_route_0"));
  assert_string_equal(rt_attr(rt_node_by_id(legend, "legend_note"), "label"),
                      "edge labels: months");
  cp_render_drawing_free(&d);
  /* One route: the note says how it is drawn; with alternatives, a key entry each. */
  size_t roles[] = {0, 2}, moves[] = {1}, alt_roles[] = {0, 1, 2}, alt_moves[] = {0, 2};
  cp_route r = rt_route(g, roles, moves, 1), alt = rt_route(g, alt_roles, alt_moves, 2);
  o = (cp_render_options){.label_by = CP_BY_STEPS, .route = &r};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  legend = agsubg(d.ag, "cluster_legend", 0);
  assert_string_equal(rt_attr(rt_node_by_id(legend, "legend_note"), "label"),
                      "\\nbold red: the route");
  cp_render_drawing_free(&d);
  o.alternatives = &alt, o.n_alternatives = 1;
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  legend = agsubg(d.ag, "cluster_legend", 0);
  assert_string_equal(rt_attr(rt_node_by_id(legend, "legend_route_0"), "label"),
                      "route 1: solid red");
  Agnode_t *second = rt_node_by_id(legend, "legend_route_1");
  assert_string_equal(rt_attr(second, "label"), "route 2: dashed blue");
  assert_string_equal(rt_attr(second, "style"), "rounded,dashed");
  assert_string_equal(rt_attr(second, "color"), "#0077BB");
  assert_string_equal(rt_attr(rt_node_by_id(legend, "legend_note"), "label"), "roles by domain");
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* The key matches the edges: each alternative in its colour and line, the third dotted. */
static void alternatives_look_as_their_key_says(void **state) {
  (void)state;
  cp_graph *g = three_domains();
  size_t roles[] = {0, 1}, moves[] = {0}, r2[] = {0, 2}, m2[] = {1}, r3[] = {1, 2}, m3[] = {2};
  cp_route r = rt_route(g, roles, moves, 1);
  cp_route alts[] = {rt_route(g, r2, m2, 1), rt_route(g, r3, m3, 1)};
  cp_render_options o = {.route = &r, .alternatives = alts, .n_alternatives = 2};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  Agraph_t *legend = agsubg(d.ag, "cluster_legend", 0);
  for (size_t a = 1; a <= 2; a++) {
    char id[32];
    snprintf(id, sizeof id, "legend_route_%zu", a);
    Agnode_t *key = rt_node_by_id(legend, id);
    Agedge_t *edge = rt_edge(&d, a == 1 ? 0 : 1, 2);
    assert_string_equal(rt_attr(edge, "color"), rt_attr(key, "color"));
    assert_contains(rt_attr(key, "style"), rt_attr(edge, "style"));
    assert_string_equal(rt_attr(edge, "penwidth"), "2.5");
  }
  assert_string_equal(rt_attr(rt_edge(&d, 1, 2), "style"), "dotted");
  assert_string_equal(rt_attr(d.nodes[0], "color"), "#CC3311");
  assert_string_equal(rt_attr(d.ag, "rankdir"), "LR");
  assert_string_equal(rt_attr(d.ag, "overlap"), ""); /* dot: ranks, not overlap removal */
  cp_render_drawing_free(&d);
  o.layout = "neato";
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  assert_string_equal(rt_attr(d.ag, "overlap"), "false");
  assert_null(agsubg(d.ag, "cluster_legend", 0)); /* force-directed: no boxed legend */
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(edge_figures_by_criterion),
      cmocka_unit_test(the_legend),
      cmocka_unit_test(alternatives_look_as_their_key_says),
  };
  return CP_RUN(tests, argc, argv);
}
