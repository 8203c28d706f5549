/* test_render_svg.c: render_svg.c, SVG for screen readers: each group Graphviz wrote for a
 * role, a drawn move or the drawing gets a <title> and a <desc>; the rest is left alone. */
#include "test_render.h"

#include <stdlib.h>

/* a "Alpha <&>" (x, 1), b (x, 2), c (no domain, 3); moves 0 a>b (requires X), 1 b>c, 2 a>c.
 * The route a>b>c, alternative 1 a>c. */
typedef struct fixture {
  cp_graph *g;
  size_t roles[3], moves[2], alt_roles[2], alt_moves[1];
  cp_route route, alt;
  cp_render_options o;
  cp_drawing d;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->g = rt_graph("svg");
  assert_int_equal(cp_graph_add_role(f->g, "a", "Alpha <&>", "x", 1, 0, NULL, NULL), CP_OK);
  rt_role(f->g, "b", "x", 2), rt_role(f->g, "c", NULL, 3);
  rt_move(f->g, 0, 1, 6, "X"), rt_move(f->g, 1, 2, 2, NULL), rt_move(f->g, 0, 2, 9, NULL);
  size_t roles[] = {0, 1, 2}, moves[] = {0, 1};
  memcpy(f->roles, roles, sizeof roles), memcpy(f->moves, moves, sizeof moves);
  f->alt_roles[0] = 0, f->alt_roles[1] = 2, f->alt_moves[0] = 2;
  f->route = rt_route(f->g, f->roles, f->moves, 2);
  f->alt = rt_route(f->g, f->alt_roles, f->alt_moves, 1);
  f->o = (cp_render_options){
      .route = &f->route, .alternatives = &f->alt, .n_alternatives = 1, .title = "T & t"};
  cp_error e = {0};
  assert_int_equal(rt_build(&f->d, f->g, &f->o, &e), CP_OK);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  cp_render_drawing_free(&f->d);
  cp_graph_free(f->g);
  free(f);
  return 0;
}

static char *rewrite(const fixture *f, const char *svg) {
  char *out = NULL;
  size_t len = 0;
  cp_error e = {0};
  assert_int_equal(cp_render_accessible_svg(&f->d, svg, strlen(svg), &out, &len, &e), CP_OK);
  assert_int_equal(strlen(out), len);
  return out;
}

static void roles_moves_and_the_drawing_are_described(void **state) {
  fixture *f = *state;
  char *out = rewrite(f, "<svg>\n<g id=\"graph0\" class=\"graph\">\n<title>careerpath</title>\n"
                         "<g id=\"route_node_0\" class=\"node\">\n<title>a</title>\n<text/>\n"
                         "<g id=\"route_edge_1\" class=\"edge\">\n<title>b&#45;&gt;c</title>\n"
                         "<g id=\"alt1_edge_0\" class=\"edge\">\n<title>a&#45;&gt;c</title>\n"
                         "</svg>\n");
  assert_string_equal(
      out, "<svg>\n<g id=\"graph0\" class=\"graph\">\n<title>T &amp; t</title>\n"
           "<desc>Route: Alpha &lt;&amp;&gt; to b to c; 2 steps, 8 months, $800; 1 alternative "
           "drawn beside it</desc>\n"
           "<g id=\"route_node_0\" class=\"node\">\n<title>Alpha &lt;&amp;&gt;</title>\n"
           "<desc>Role Alpha &lt;&amp;&gt; (a), domain x, level 1 of 5; where the route "
           "starts</desc>\n<text/>\n"
           "<g id=\"route_edge_1\" class=\"edge\">\n<title>b to c</title>\n"
           "<desc>Step 2 of 2 of the route: b to c, 2 months, $200</desc>\n"
           "<g id=\"alt1_edge_0\" class=\"edge\">\n<title>Alpha &lt;&amp;&gt; to c</title>\n"
           "<desc>Step 1 of 1 of alternative 1: Alpha &lt;&amp;&gt; to c, 9 months, $900</desc>\n"
           "</svg>\n");
  free(out);
}

/* Only ids this drawing gave are described: helpers (level anchors, the legend), ids it
 * did not use (role_0: a is on the route), and groups not shaped as Graphviz writes them
 * (no <title> on the next line, no end to an id or a title) pass through unchanged. */
static void everything_else_passes_through(void **state) {
  fixture *f = *state;
  const char *in[] = {
      "<g id=\"level_1\" class=\"node\">\n<title>level_1</title>\n",
      "<g id=\"role_0\" class=\"node\">\n<title>a</title>\n",
      "<g id=\"edge_0\" class=\"edge\">\n<title>a&#45;&gt;b</title>\n",
      "<g id=\"route_node_1\" class=\"node\">\n<text>no title</text>\n",
      "<g id=\"route_node_1\" class=\"node\">\n<title>b",
      "<g id=\"route_node_1",
      "",
  };
  for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
    char *out = rewrite(f, in[i]);
    assert_string_equal(out, in[i]);
    free(out);
  }
  /* After an untouched group, the next one is still described. */
  char *out = rewrite(f, "<g id=\"level_1\">\n<title>x</title>\n"
                         "<g id=\"route_node_2\">\n<title>c</title>\n");
  assert_contains(out, "<title>c</title>\n<desc>Role c (c), level 3 of 5; step 2 of 2 of the "
                       "route</desc>\n");
  free(out);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(roles_moves_and_the_drawing_are_described, setup, teardown),
      cmocka_unit_test_setup_teardown(everything_else_passes_through, setup, teardown),
  };
  return CP_RUN(tests, argc, argv);
}
