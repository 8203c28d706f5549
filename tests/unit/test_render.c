/* test_render.c: render.c, cp_render end to end: SVG and DOT drawings checked by parsing them
 * (not by pixels), PNG and PDF, and leaks; each module has its own test_render_NAME.c. */
#include "cp_test.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

typedef struct svg {
  xmlDocPtr doc;
  xmlXPathContextPtr xp;
} svg;

static svg parse_svg(const char *text, size_t len) {
  svg s;
  s.doc = xmlReadMemory(text, (int)len, "out.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  if (!s.doc)
    fail_msg("the SVG does not parse as XML");
  s.xp = xmlXPathNewContext(s.doc);
  xmlXPathRegisterNs(s.xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
  return s;
}

static void svg_free(svg *s) {
  xmlXPathFreeContext(s->xp);
  xmlFreeDoc(s->doc);
}

/* The text of the first node matching `expr`, or NULL; the caller frees with xmlFree. */
static char *xpath_text(svg *s, const char *expr) {
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, s->xp);
  char *r = NULL;
  if (o && o->nodesetval && o->nodesetval->nodeNr > 0)
    r = (char *)xmlNodeGetContent(o->nodesetval->nodeTab[0]);
  xmlXPathFreeObject(o);
  return r;
}

static int xpath_count(svg *s, const char *expr) {
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, s->xp);
  int n = o && o->nodesetval ? o->nodesetval->nodeNr : 0;
  xmlXPathFreeObject(o);
  return n;
}

static void assert_xpath_text(svg *s, const char *expr, const char *want) {
  char *got = xpath_text(s, expr);
  if (!got || strcmp(got, want))
    fail_msg("%s: got '%s', wanted '%s'", expr, got ? got : "(nothing)", want);
  xmlFree(got);
}

static double node_x(svg *s, const char *group_id) {
  char expr[256];
  snprintf(expr, sizeof expr, "//s:g[@id='%s']/s:text/@x", group_id);
  char *x = xpath_text(s, expr);
  if (!x)
    fail_msg("no node %s", group_id);
  double v = atof(x);
  xmlFree(x);
  return v;
}

static char *render(const cp_graph *g, const cp_render_options *o, cp_format f, size_t *len) {
  char *out = NULL;
  cp_error e = {0};
  if (cp_render(g, o, f, &out, len, &e) != CP_OK)
    fail_msg("render: %s", e.message);
  if (f == CP_FORMAT_SVG || f == CP_FORMAT_DOT)
    assert_int_equal(strlen(out), *len); /* text: NUL-free */
  return out;
}

static cp_route_list *best(const cp_graph *g, const char *from, const char *to) {
  cp_route_list *l = cp_test_routes(g, cp_test_role(g, from), cp_test_role(g, to), CP_BY_MONTHS, 1);
  assert_int_equal(l->n, 1);
  return l;
}

static void whole_graph_svg_highlights_the_route(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = best(g, "a", "e"); /* a b d e */
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &l->routes[0], .title = "T"};
  size_t len;
  char *text = render(g, &o, CP_FORMAT_SVG, &len);
  svg s = parse_svg(text, len);
  /* For screen readers: each role's title is its label, its desc says what and where. */
  const char *labels[] = {"Alpha Role", "Beta", "Delta", "Epsilon"};
  const char *descs[] = {"Role Alpha Role (a), domain d1, level 1 of 5; where the route starts",
                         "Role Beta (b), domain d1, level 2 of 5; step 1 of 3 of the route",
                         "Role Delta (d), domain d2, level 3 of 5; step 2 of 3 of the route",
                         "Role Epsilon (e), domain d3, level 4 of 5; step 3 of 3 of the route"};
  for (int i = 0; i < 4; i++) {
    char expr[128];
    snprintf(expr, sizeof expr, "//s:g[@id='route_node_%d']/s:title", i);
    assert_xpath_text(&s, expr, labels[i]);
    snprintf(expr, sizeof expr, "//s:g[@id='route_node_%d']/s:desc", i);
    assert_xpath_text(&s, expr, descs[i]);
    snprintf(expr, sizeof expr, "//s:g[@id='route_node_%d']/s:path/@stroke", i);
    assert_xpath_text(&s, expr, "#d55e00");
  }
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'route_node_')]"), 4);
  /* Each move a line into its figure and a line on from it, both in the route's colour. */
  assert_int_equal(
      xpath_count(&s, "//s:g[starts-with(@class,'edge') and starts-with(@id,'route_edge_')]"), 6);
  assert_xpath_text(&s, "//s:g[@id='route_edge_1-from']/s:path/@stroke", "#d55e00");
  assert_xpath_text(&s, "//s:g[@id='route_edge_1']/s:title", "Beta to Delta");
  assert_int_equal(xpath_count(&s, "//s:g[@id='route_edge_1']/s:desc[starts-with(., 'Step 2 of 3 "
                                   "of the route: Beta to Delta, 6 months')]"),
                   1);
  /* The drawing's own title and desc: the question, and the route with its totals. */
  assert_xpath_text(&s, "//s:g[@id='graph0']/s:title", "T");
  assert_int_equal(xpath_count(&s, "//s:g[@id='graph0']/s:desc[starts-with(., 'Route: Alpha Role "
                                   "to Beta to Delta to Epsilon; 3 steps')]"),
                   1);
  /* Every role and move drawn has both. */
  assert_int_equal(
      xpath_count(&s, "//s:g[(@class='node' or starts-with(@class,'edge')) and "
                      "(starts-with(@id,'role_') or starts-with(@id,'route_') or "
                      "starts-with(@id,'edge_')) and not(contains(@id, '-')) and not(s:desc)]"),
      0);
  assert_xpath_text(&s, "//s:g[@id='route_edge_1']/s:path/@stroke-width", "2.6");
  assert_xpath_text(&s, "//s:g[@id='route_edge_1-figure']/s:text", "6 mo");
  /* Roles off the route are drawn plainly; all six roles and six transitions are there. */
  assert_xpath_text(&s, "//s:g[@id='role_2']/s:title", "Gamma");
  assert_int_equal(xpath_count(&s, "//s:g[@class='node' and (starts-with(@id,'role_') or "
                                   "starts-with(@id,'route_node_'))]"),
                   6);
  assert_int_equal(xpath_count(&s,
                               "//s:g[starts-with(@class,'edge') and (starts-with(@id,'edge_') or "
                               "starts-with(@id,'route_edge_')) and not(contains(@id,'-'))]"),
                   6);
  /* Domains are lanes, each named (in title case), with level headers and a key. */
  assert_int_equal(xpath_count(&s, "//s:g[@class='cluster' and starts-with(@id,'lane_')]"), 3);
  assert_int_equal(xpath_count(&s, "//s:g[@class='cluster']/s:text[. = 'D2']"), 1);
  assert_int_equal(xpath_count(&s, "//s:g[@class='node']/s:text[. = 'Entry']"), 1);
  assert_contains(text, "Figures on the lines: months each move takes");
  assert_xpath_text(&s, "/s:svg/s:g/s:text", "T");
  /* Levels run left to right: every level-1 role left of every level-2 role, and so on. */
  double xa = node_x(&s, "route_node_0"), xb = node_x(&s, "route_node_1");
  double xc = node_x(&s, "role_2"), xd = node_x(&s, "route_node_2");
  double xe = node_x(&s, "route_node_3"), xz = node_x(&s, "role_5");
  assert_true(xa < xb && xa < xc && xz < xb && xz < xc);
  assert_true(xb < xd && xc < xd && xd < xe);
  svg_free(&s);
  free(text);
  cp_route_list_free(l);
  cp_graph_free(g);
}

static void route_only_drawing_has_just_the_route(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = best(g, "a", "d");
  cp_render_options o = {.label_by = CP_BY_COST, .route = &l->routes[0], .route_only = 1};
  size_t len;
  char *text = render(g, &o, CP_FORMAT_SVG, &len);
  svg s = parse_svg(text, len);
  /* A heading, then a card a role; a line a step, with no figures on it. */
  assert_int_equal(xpath_count(&s, "//s:g[@class='node']"), 4);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'route_node_')]"), 3);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@class,'edge')]"), 2);
  assert_int_equal(xpath_count(&s, "//s:g[@id='route_edge_0']/s:text"), 0);
  assert_xpath_text(&s, "//s:g[@id='route_head']/s:text", "Route 1: 2 steps, 12 months, $6,000");
  assert_xpath_text(&s, "//s:g[@id='route_node_0']/s:text[2]", "Start");
  assert_xpath_text(&s, "//s:g[@id='route_node_1']/s:text[1]", "Beta");
  assert_xpath_text(&s, "//s:g[@id='route_node_1']/s:text[2]",
                    "Step 1 \u00b7 6 months \u00b7 $1,000");
  assert_int_equal(xpath_count(&s, "//s:g[@id='route_node_1']/s:text[. = 'Requires: X, Y']"), 1);
  assert_xpath_text(&s, "//s:g[@id='route_node_2']/s:text[2]",
                    "Step 2 \u00b7 6 months \u00b7 $5,000");
  assert_int_equal(xpath_count(&s, "//s:g[@id='key']"), 0);
  /* Without a title the graph's own label heads the drawing. */
  assert_xpath_text(&s, "/s:svg/s:g/s:text", "Small test graph");
  svg_free(&s);
  free(text);
  cp_route_list_free(l);
  cp_graph_free(g);
}

/* The best route and two alternatives (small.gv: a-b-d, a-c-d, a-d by months): each in its
 * own colour and line style, with a key entry per route. */
static void alternatives_are_drawn_apart_with_a_key(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = cp_test_routes(g, cp_test_role(g, "a"), cp_test_role(g, "d"), CP_BY_MONTHS, 3);
  assert_int_equal(l->n, 3);
  cp_render_options o = {.label_by = CP_BY_MONTHS,
                         .route = &l->routes[0],
                         .alternatives = l->routes + 1,
                         .n_alternatives = 2};
  size_t len;
  char *text = render(g, &o, CP_FORMAT_SVG, &len);
  svg s = parse_svg(text, len);
  assert_xpath_text(&s, "//s:g[@id='route_edge_0']/s:title", "Alpha Role to Beta");
  assert_xpath_text(&s, "//s:g[@id='alt1_edge_0']/s:title", "Alpha Role to Gamma");
  assert_xpath_text(&s, "//s:g[@id='alt1_edge_1']/s:title", "Gamma to Delta");
  assert_int_equal(
      xpath_count(&s, "//s:g[@id='alt1_edge_1']/s:desc[starts-with(., 'Step 2 of 2 of alternative "
                      "1: Gamma to Delta')]"),
      1);
  assert_xpath_text(&s, "//s:g[@id='alt1_edge_0']/s:path/@stroke", "#0072b2");
  assert_xpath_text(&s, "//s:g[@id='alt1_edge_0']/s:path/@stroke-dasharray", "5,2");
  assert_xpath_text(&s, "//s:g[@id='alt2_edge_0']/s:title", "Alpha Role to Delta");
  assert_xpath_text(&s, "//s:g[@id='alt2_edge_0']/s:path/@stroke", "#009e73");
  assert_xpath_text(&s, "//s:g[@id='key_route_2']/s:path/@stroke", "#0072b2");
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'key_route_')]"), 3);
  assert_int_equal(xpath_count(&s, "//s:text[starts-with(., 'Route 2: 2 steps')]"), 1);
  svg_free(&s);
  free(text);
  /* Route-only, the alternatives are columns of cards beside the route's. */
  o.route_only = 1;
  text = render(g, &o, CP_FORMAT_SVG, &len);
  s = parse_svg(text, len);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'alt1_node_')]"), 3);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'alt2_node_')]"), 2);
  assert_true(node_x(&s, "route_node_0") < node_x(&s, "alt1_node_0"));
  svg_free(&s);
  free(text);
  cp_route_list_free(l);
  cp_graph_free(g);
}

/* Only the roles shown are drawn, but the route always is; force-directed engines on
 * request; an unknown engine is refused. */
static void subsets_and_engines(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = best(g, "a", "e"); /* a b d e */
  unsigned char shown[6] = {0};
  shown[cp_test_role(g, "c")] = 1;
  shown[cp_test_role(g, "z")] = 1;
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &l->routes[0], .shown = shown};
  size_t len;
  char *text = render(g, &o, CP_FORMAT_SVG, &len);
  svg s = parse_svg(text, len);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'route_node_')]"), 4);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'role_')]"), 2); /* c and z */
  svg_free(&s);
  free(text);
  o.shown = NULL;
  o.layout = "sfdp";
  text = render(g, &o, CP_FORMAT_SVG, &len);
  s = parse_svg(text, len);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'route_node_')]"), 4);
  assert_int_equal(xpath_count(&s, "//s:g[starts-with(@id,'level_')]"), 0); /* dot's only */
  svg_free(&s);
  free(text);
  o.layout = "circo";
  cp_error e = {0};
  char *none = NULL;
  assert_int_equal(cp_render(g, &o, CP_FORMAT_SVG, &none, &len, &e), CP_EINVAL);
  assert_contains(e.message, "unknown layout 'circo'");
  cp_route_list_free(l);
  cp_graph_free(g);
}

static void hostile_labels_stay_text(void **state) {
  (void)state;
  const char *label = "A \"quoted\" <b>&amp; \\N </text><script>x</script>";
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("evil \"graph\" <i>", &g), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "level_1", label, "<dom & ain>", 1, 0, NULL, NULL), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "x\"y", "plain", "", 2, 0, NULL, NULL), CP_OK);
  cp_transition_spec t = {.months = 1, .has = CP_HAS_MONTHS};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &t, NULL), CP_OK);
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  size_t len;
  char *text = render(g, &o, CP_FORMAT_SVG, &len);
  svg s = parse_svg(text, len);
  /* Wrapped at spaces onto lines of its box: each line text. */
  assert_xpath_text(&s, "//s:g[@id='role_0']/s:text[1]", "A \"quoted\" <b>&amp; \\N");
  assert_xpath_text(&s, "//s:g[@id='role_0']/s:text[2]", "</text><script>x</script>");
  /* The label is text in the title and desc too, not markup. */
  assert_xpath_text(&s, "//s:g[@id='role_0']/s:title", label);
  assert_xpath_text(&s, "//s:g[@id='graph0']/s:title", "evil \"graph\" <i>");
  assert_int_equal(xpath_count(&s, "//s:g[@id='role_0']/s:desc[contains(., '(level_1), domain "
                                   "<dom & ain>')]"),
                   1);
  assert_int_equal(xpath_count(&s, "//s:script"), 0);
  assert_int_equal(xpath_count(&s, "//s:g[@id='lane_0']/s:text[. = '<dom & Ain>']"), 1);
  svg_free(&s);
  free(text);
  /* DOT output read back gives the same roles: quoting survives the round trip. */
  text = render(g, &o, CP_FORMAT_DOT, &len);
  cp_graph *back = NULL;
  cp_error e = {0};
  if (cp_read_dot_buffer("back.gv", text, len, &back, &e) != CP_OK)
    fail_msg("re-reading the DOT output: %s\n%s", e.message, text);
  size_t i = cp_test_role(back, "level_1");
  /* DOT labels are Graphviz label text: backslashes doubled and & written as an entity, so
   * that Graphviz shows the original; quotes and markup come back as they went in, the name
   * broken into the lines of its box. */
  assert_string_equal(cp_graph_role(back, i)->label,
                      "A \"quoted\" <b>&amp;amp; \\\\N\\n</text><script>x</script>");
  cp_test_role(back, "x\"y");
  cp_graph_free(back);
  free(text);
  cp_graph_free(g);
}

/* Run alone, under LeakSanitizer with no suppressions (ctest unit.render.unsuppressed):
 * route-only drawings have no clusters (whole drawings always have the legend's), the
 * layouts Graphviz 2.42 frees completely, and they go through the same layout, render and
 * cleanup code, so any leak here is ours. */
static void layout_without_clusters_frees_everything(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("plain", &g), CP_OK);
  const char *ids[] = {"p", "q", "r", "s"};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(cp_graph_add_role(g, ids[i], NULL, NULL, 0, 0, NULL, NULL), CP_OK);
  cp_transition_spec t = {.months = 2, .has = CP_HAS_MONTHS};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &t, NULL), CP_OK);
  assert_int_equal(cp_graph_add_transition(g, 1, 2, &t, NULL), CP_OK);
  assert_int_equal(cp_graph_add_transition(g, 0, 3, &t, NULL), CP_OK);
  cp_route_list *l = cp_test_routes(g, 0, 2, CP_BY_MONTHS, 1);
  cp_render_options whole = {.label_by = CP_BY_MONTHS, .route = &l->routes[0]};
  cp_render_options alone = {.label_by = CP_BY_MONTHS, .route = &l->routes[0], .route_only = 1};
  for (int i = 0; i < 3; i++) {
    size_t len;
    free(render(g, &alone, CP_FORMAT_SVG, &len));
    free(render(g, &whole, CP_FORMAT_DOT, &len));
  }
  cp_route_list_free(l);
  cp_graph_free(g);
}

/* PNG and PDF through Graphviz's cairo renderer: well-formed, the same bytes each time. */
static void png_and_pdf(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = best(g, "a", "e");
  cp_render_options o = {.label_by = CP_BY_MONTHS, .route = &l->routes[0], .route_only = 1};
  size_t len, len2;
  char *png = render(g, &o, CP_FORMAT_PNG, &len), *png2 = render(g, &o, CP_FORMAT_PNG, &len2);
  assert_true(len > 100);
  assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
  assert_memory_equal(png + 12, "IHDR", 4);
  const unsigned char *u = (const unsigned char *)png;
  unsigned width = (unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
  unsigned height = (unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
  /* Four cards in a column: taller than wide, at 150 dpi (72 points an inch). */
  assert_true(height > width && width > 3 * 72 * 150 / 72);
  assert_int_equal(len, len2);
  assert_memory_equal(png, png2, len);
  char *pdf = render(g, &o, CP_FORMAT_PDF, &len), *pdf2 = render(g, &o, CP_FORMAT_PDF, &len2);
  assert_memory_equal(pdf, "%PDF-1.", 7);
  assert_non_null(strstr(pdf + len - 8, "%%EOF"));
  assert_int_equal(len, len2);
  assert_memory_equal(pdf, pdf2, len);
  free(png), free(png2), free(pdf), free(pdf2);
  cp_route_list_free(l);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(whole_graph_svg_highlights_the_route),
      cmocka_unit_test(route_only_drawing_has_just_the_route),
      cmocka_unit_test(alternatives_are_drawn_apart_with_a_key),
      cmocka_unit_test(subsets_and_engines),
      cmocka_unit_test(hostile_labels_stay_text),
      cmocka_unit_test(png_and_pdf),
      cmocka_unit_test(layout_without_clusters_frees_everything),
  };
  int rc = CP_RUN(tests, argc, argv);
  xmlCleanupParser();
  return rc;
}
