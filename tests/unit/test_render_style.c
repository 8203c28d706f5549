/* test_render_style.c: render_style.c, how a drawing looks: edge figures, the route's and
 * alternatives' colours and lines, the graph's settings, and the legend. */
#include "test_render.h"

#include <math.h>

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

static Agedge_t *edge_by_id(Agraph_t *g, const char *id) {
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
    for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
      if (!strcmp(rt_attr(e, "id"), id))
        return e;
  return NULL;
}

/* Whether some key text reads `label` (text nodes end in "\l"). */
static bool key_says(Agraph_t *g, const char *label) {
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
    if (!strncmp(agnameof(n), "key_", 4) || !strncmp(rt_attr(n, "id"), "key_", 4)) {
      const char *l = rt_attr(n, "label");
      if (!strncmp(l, label, strlen(label)))
        return true;
    }
  return false;
}

/* The key: what the figures are, that they are estimates with sources, a line per route;
 * with lanes no domain colours (the lanes name them), without (neato) a swatch each. */
static void the_key(void **state) {
  (void)state;
  cp_graph *g = three_domains();
  cp_transition_spec sourced = {.months = 1, .has = CP_HAS_MONTHS, .source = "seed [1]"};
  assert_int_equal(cp_graph_add_transition(g, 0, 3, &sourced, NULL), CP_OK);
  size_t roles[] = {0, 2}, moves[] = {1};
  cp_route r = rt_route(g, roles, moves, 1);
  const char *names[] = {"Fastest: 1 step"};
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &r, .route_labels = names};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  assert_non_null(agsubg(d.ag, "cluster_key", 0));
  assert_true(key_says(d.ag, "Fastest: 1 step"));
  assert_true(key_says(d.ag, "Figures on the lines: months each move takes"));
  assert_true(key_says(d.ag, "Most figures are typical values or estimates; each move names its "
                             "source"));
  assert_false(key_says(d.ag, "X")); /* the lane names it */
  cp_render_drawing_free(&d);
  o = (cp_render_options){.label_by = CP_BY_EFFORT, .layout = "neato"};
  /* neato's key is made once Graphviz has placed the roles: through the whole call. */
  char *svg = NULL;
  size_t len = 0;
  assert_int_equal(cp_render(g, &o, CP_FORMAT_SVG, &svg, &len, &e), CP_OK);
  assert_contains(svg, ">X</text>"); /* domain x, in title case, by its swatch */
  assert_contains(svg, ">No domain</text>");
  assert_contains(svg, ">Effort: 1 light, 2 moderate, 3 substantial, 4 demanding, 5 very "
                       "demanding</text>");
  free(svg);
  cp_graph_free(g);
}

/* The key matches the lines: each route in its colour and line, the third dotted. */
static void routes_look_as_their_key_says(void **state) {
  (void)state;
  cp_graph *g = three_domains();
  size_t roles[] = {0, 1}, moves[] = {0}, r2[] = {0, 2}, m2[] = {1}, r3[] = {1, 2}, m3[] = {2};
  cp_route r = rt_route(g, roles, moves, 1);
  cp_route alts[] = {rt_route(g, r2, m2, 1), rt_route(g, r3, m3, 1)};
  cp_render_options o = {.route = &r, .alternatives = alts, .n_alternatives = 2};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  for (size_t a = 0; a < 3; a++) {
    char id[32];
    snprintf(id, sizeof id, "key_route_%zu", a + 1);
    Agedge_t *key = edge_by_id(d.ag, id), *line = d.edges[a].e;
    assert_non_null(key);
    assert_string_equal(rt_attr(line, "color"), rt_attr(key, "color"));
    assert_string_equal(rt_attr(line, "style"), rt_attr(key, "style"));
  }
  assert_string_equal(rt_attr(d.edges[2].e, "style"), "dotted");
  assert_true(key_says(d.ag, "Route 2: 1 step"));
  assert_string_equal(rt_attr(d.nodes[0], "color"), cp_render_route_colour(0));
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* Domain fills stay apart in greyscale: Rec. 601 luma at least 14 of 255 apart, and black
 * text on each readable (luma 120 or more). */
static void domains_differ_in_grey(void **state) {
  (void)state;
  double luma[9];
  for (size_t i = 0; i < 9; i++) {
    unsigned r, g, b;
    assert_int_equal(sscanf(cp_render_domain_colour(i), "#%02x%02x%02x", &r, &g, &b), 3);
    luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    assert_true(luma[i] >= 120);
  }
  for (size_t i = 0; i < 9; i++)
    for (size_t j = i + 1; j < 9; j++)
      if (fabs(luma[i] - luma[j]) < 14)
        fail_msg("domains %zu and %zu: luma %.1f and %.1f", i, j, luma[i], luma[j]);
  assert_string_equal(cp_render_domain_colour(9), cp_render_domain_colour(0));
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(edge_figures_by_criterion),
      cmocka_unit_test(the_key),
      cmocka_unit_test(routes_look_as_their_key_says),
      cmocka_unit_test(domains_differ_in_grey),
  };
  return CP_RUN(tests, argc, argv);
}
