/* test_render_write.c: render_write.c, a drawing out in each format: DOT read back, SVG,
 * and PDF stamped with a fixed date so that two runs give the same bytes. */
#include "test_render.h"

#include <stdlib.h>

static cp_graph *line(void) {
  cp_graph *g = rt_graph("line");
  rt_role(g, "p", "d", 1), rt_role(g, "q", "d", 2), rt_role(g, "r", "e", 3);
  rt_move(g, 0, 1, 2, NULL), rt_move(g, 1, 2, 3, NULL);
  return g;
}

static char *write(const cp_graph *g, const cp_render_options *o, cp_format f, size_t *len) {
  cp_drawing d;
  cp_error e = {0};
  char *out = NULL;
  cp_status st = rt_build(&d, g, o, &e);
  d.format = f;
  if (st || cp_render_write(&d, &out, len, &e))
    fail_msg("writing: %s", e.message);
  cp_render_drawing_free(&d);
  return out;
}

/* DOT is the built graph, unlaid but with the map's positions pinned: Graphviz reads it
 * back with every role, and each move's figure on its own node. */
static void dot_reads_back(void **state) {
  (void)state;
  cp_graph *g = line();
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  size_t len;
  char *dot = write(g, &o, CP_FORMAT_DOT, &len);
  assert_int_equal(strlen(dot), len);
  assert_null(strstr(dot, "_draw_")); /* not laid out */
  Agraph_t *back = agmemread(dot);
  assert_non_null(back);
  assert_non_null(agnode(back, "p", 0));
  assert_non_null(agnode(back, "r", 0));
  assert_non_null(strchr(agget(agnode(back, "r", 0), (char *)"pos"), '!'));
  size_t figures = 0;
  for (Agnode_t *n = agfstnode(back); n; n = agnxtnode(back, n))
    figures += !strcmp(agget(n, (char *)"label"), "3 mo");
  assert_int_equal(figures, 1);
  agclose(back);
  free(dot);
  cp_graph_free(g);
}

/* Whether `len` bytes (a PDF: not a C string) hold `needle`. */
static bool holds(const char *data, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (!memcmp(data + i, needle, n))
      return true;
  return false;
}

/* cairo stamps a PDF with the time it was made: the stamp is SOURCE_DATE_EPOCH's, or the
 * epoch's, so the same drawing is the same file. */
static void pdf_dates_are_fixed(void **state) {
  (void)state;
  cp_graph *g = line();
  size_t path[] = {0, 1, 2}, moves[] = {0, 1};
  cp_route r = rt_route(g, path, moves, 2);
  cp_render_options o = {.route = &r, .route_only = 1};
  size_t len;
  unsetenv("SOURCE_DATE_EPOCH");
  char *pdf = write(g, &o, CP_FORMAT_PDF, &len);
  assert_memory_equal(pdf, "%PDF-1.", 7);
  assert_true(holds(pdf, len, "/CreationDate (D:19700101000000"));
  free(pdf);
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1); /* 2023-11-14 22:13:20 UTC */
  pdf = write(g, &o, CP_FORMAT_PDF, &len);
  assert_true(holds(pdf, len, "/CreationDate (D:20231114221320"));
  unsetenv("SOURCE_DATE_EPOCH");
  free(pdf);
  cp_graph_free(g);
}

/* SVG goes through the accessible rewrite: the drawing has its title and description. */
static void svg_is_described(void **state) {
  (void)state;
  cp_graph *g = line();
  size_t path[] = {0, 1}, moves[] = {0};
  cp_route r = rt_route(g, path, moves, 1);
  cp_render_options o = {.route = &r, .route_only = 1, .title = "Line"};
  size_t len;
  char *svg = write(g, &o, CP_FORMAT_SVG, &len);
  assert_contains(svg, "<title>Line</title>\n<desc>Route: p to q; 1 step, 2 months, $200</desc>");
  free(svg);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(dot_reads_back),
      cmocka_unit_test(pdf_dates_are_fixed),
      cmocka_unit_test(svg_is_described),
  };
  cp_init();
  return CP_RUN(tests, argc, argv);
}
