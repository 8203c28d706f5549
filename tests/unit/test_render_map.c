/* test_render_map.c: render_map.c and render_page.c: the career map's grid (levels as
 * columns, domains as lanes with human names) and drawings fitted to paper. */
#include "test_render.h"

#include <stdio.h>
#include <stdlib.h>

static char *domain_label(const cp_graph *g, const char *domain) {
  cp_render_options o = {0};
  cp_drawing d = {.g = g, .o = &o};
  cp_buf b = {0};
  assert_int_equal(cp_render_domain_label(&d, domain, &b), CP_OK);
  return b.data;
}

static void assert_label(const cp_graph *g, const char *domain, const char *want) {
  char *got = domain_label(g, domain);
  assert_string_equal(got, want);
  free(got);
}

/* Ids people would not write as names become names: words capitalised, two-letter words
 * taken as abbreviations unless they are short English words; the graph's domain_label
 * names them outright. */
static void domains_get_human_names(void **state) {
  (void)state;
  cp_graph *g = rt_graph("names");
  assert_label(g, "clinical-it", "Clinical IT");
  assert_label(g, "general_it", "General IT");
  assert_label(g, "health informatics", "Health Informatics");
  assert_label(g, "quality-of-care", "Quality of Care");
  assert_label(g, "", "No domain");
  assert_int_equal(cp_graph_set_attr(g, "domain_label",
                                     "x = Data & Analytics; it=Information "
                                     "Technology;empty="),
                   CP_OK);
  assert_label(g, "x", "Data & Analytics");
  assert_label(g, "it", "Information Technology");
  assert_label(g, "empty", "Empty"); /* an empty label names nothing: title case */
  assert_label(g, "xy", "XY");       /* not "x": whole ids only */
  cp_graph_free(g);
  assert_string_equal(cp_render_level_name(1), "Entry");
  assert_string_equal(cp_render_level_name(5), "Executive");
  assert_string_equal(cp_render_level_name(0), "Level not given");
}

/* Columns by level (the levels present, entry first, roles without a level last); a lane a
 * domain, no domain last; each role inside its lane, none overlapping in a cell. */
static void roles_sit_in_their_cell(void **state) {
  (void)state;
  cp_graph *g = rt_graph("grid");
  rt_role(g, "a", "x", 1), rt_role(g, "b", "x", 3), rt_role(g, "c", "y", 3);
  rt_role(g, "d", "", 0), rt_role(g, "e", "x", 3), rt_role(g, "f", "y", 1);
  rt_move(g, 0, 1, 1, NULL), rt_move(g, 1, 2, 1, NULL), rt_move(g, 2, 3, 1, NULL);
  rt_move(g, 4, 5, 1, NULL);
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  const cp_map *m = &d.map;
  assert_int_equal(m->n_columns, 3); /* levels 1, 3 and none */
  assert_int_equal(m->column_level[0], 1);
  assert_int_equal(m->column_level[1], 3);
  assert_int_equal(m->column_level[2], 0);
  assert_true(m->x[0] < m->x[1] && m->x[1] < m->x[3]);
  assert_true(m->x[1] == m->x[2] && m->x[0] == m->x[5]);
  assert_int_equal(m->n_lanes, 3);
  assert_string_equal(d.domains[m->lane_domain[2]], ""); /* no domain: the last lane */
  for (size_t i = 0; i < 6; i++) {
    size_t l = m->lane_of[i];
    assert_true(m->y[i] - m->h[i] / 2 >= m->lane_top[l]);
    assert_true(m->y[i] + m->h[i] / 2 <= m->lane_bottom[l]);
  }
  /* b and e share a cell: stacked, apart. */
  double gap = m->y[1] > m->y[4] ? m->y[1] - m->y[4] : m->y[4] - m->y[1];
  assert_true(gap >= (m->h[1] + m->h[4]) / 2);
  /* Lanes do not overlap, and the headers sit above the first. */
  for (size_t l = 1; l < m->n_lanes; l++)
    assert_true(m->lane_top[l] >= m->lane_bottom[l - 1]);
  assert_true(m->lane_top[0] > 0);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

static cp_graph *wide(void) {
  cp_graph *g = rt_graph("wide");
  char id[16];
  for (int i = 0; i < 3; i++) {
    snprintf(id, sizeof id, "r%d", i);
    rt_role(g, id, i % 2 ? "x" : "y", i + 1);
    if (i)
      rt_move(g, (size_t)i - 1, (size_t)i, 6, NULL);
  }
  return g;
}

/* The page of a PDF, from its MediaBox. */
static void media_box(const char *pdf, size_t len, double *w, double *h) {
  const char *key = "/MediaBox [ 0 0 ";
  for (size_t i = 0; i + strlen(key) < len; i++)
    if (!memcmp(pdf + i, key, strlen(key))) {
      assert_int_equal(sscanf(pdf + i + strlen(key), "%lf %lf", w, h), 2);
      return;
    }
  fail_msg("no MediaBox");
}

/* --paper: a PDF is one page of that paper, turned to the drawing's shape; sizes in points. */
static void pdf_pages_are_the_paper(void **state) {
  (void)state;
  double w, h;
  assert_true(cp_render_paper_size(CP_PAPER_A4, &w, &h));
  assert_true(w > 595 && w < 596 && h > 841 && h < 842);
  assert_false(cp_render_paper_size(CP_PAPER_NONE, &w, &h));
  cp_paper p;
  assert_int_equal(cp_paper_parse("A3", &p), CP_OK);
  assert_int_equal(p, CP_PAPER_A3);
  assert_int_equal(cp_paper_parse("b5", &p), CP_EINVAL);
  cp_graph *g = wide();
  cp_paper papers[] = {CP_PAPER_LETTER, CP_PAPER_A4, CP_PAPER_A3};
  double want[][2] = {{792, 612}, {842, 595}, {1191, 842}}; /* landscape: the map is wide */
  for (size_t i = 0; i < 3; i++) {
    cp_render_options o = {.label_by = CP_BY_MONTHS, .paper = papers[i]};
    char *pdf = NULL;
    size_t len = 0;
    cp_error e = {0};
    assert_int_equal(cp_render(g, &o, CP_FORMAT_PDF, &pdf, &len, &e), CP_OK);
    media_box(pdf, len, &w, &h);
    if (w < want[i][0] - 1 || w > want[i][0] + 1 || h < want[i][1] - 1 || h > want[i][1] + 1)
      fail_msg("paper %zu: page %g x %g, wanted %g x %g", i, w, h, want[i][0], want[i][1]);
    free(pdf);
  }
  cp_graph_free(g);
}

/* SVG on paper: scaled to it, the smallest text never under CP_RENDER_MIN_TEXT points. */
static void svg_text_stays_readable(void **state) {
  (void)state;
  cp_graph *g = wide();
  cp_render_options o = {.label_by = CP_BY_MONTHS, .paper = CP_PAPER_A4};
  char *svg = NULL;
  size_t len = 0;
  cp_error e = {0};
  assert_int_equal(cp_render(g, &o, CP_FORMAT_SVG, &svg, &len, &e), CP_OK);
  /* Graphviz writes the page's size in points and scales the drawing by a transform. */
  double w = 0, scale = 0, smallest = 1e9;
  const char *p = strstr(svg, "<svg width=\"");
  assert_non_null(p);
  assert_int_equal(sscanf(p, "<svg width=\"%lfpt\"", &w), 1);
  p = strstr(svg, "transform=\"scale(");
  assert_non_null(p);
  assert_int_equal(sscanf(p, "transform=\"scale(%lf", &scale), 1);
  for (p = strstr(svg, "font-size=\""); p; p = strstr(p + 1, "font-size=\"")) {
    double f = atof(p + 11);
    smallest = f < smallest ? f : smallest;
  }
  assert_true(w <= 842 - 48 + 1); /* fits A4 turned, inside its margins */
  assert_true(scale > 1);         /* a small map is scaled up to fill it */
  assert_true(smallest * scale >= CP_RENDER_MIN_TEXT);
  free(svg);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(domains_get_human_names),
      cmocka_unit_test(roles_sit_in_their_cell),
      cmocka_unit_test(pdf_pages_are_the_paper),
      cmocka_unit_test(svg_text_stays_readable),
  };
  return CP_RUN(tests, argc, argv);
}
