/* test_cli_render.c: `careerpath render` in-process (cmd_render.c, render_select.c,
 * render_batch.c): the map, pieces of it, routes highlighted, a diagram per student; -o. */
#define _GNU_SOURCE /* memmem */
#include "cli_test.h"

#include <jansson.h>

static void render_writes_svg_that_parses(void **state) {
  (void)state;
  run_result *r = run("render", SMALL, "--from", "a", "--to", "e", "--by", "cost");
  assert_int_equal(r->code, 0);
  xmlDocPtr doc = xmlReadMemory(r->out, (int)r->out_len, "x.svg", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  xmlFreeDoc(doc);
  assert_contains(r->out, "route_edge_0");
  assert_contains(r->out, "Small test graph: Alpha Role to Epsilon, the cheapest route");
  assert_contains(r->out, "Cheapest: 2 steps");
  r = run("render", SMALL, "--from", "a", "--to", "d", "--k", "3", "--format", "dot");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "digraph");
  r = run("render", SMALL, "--from", "e", "--to", "a");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "nothing drawn");
  assert_int_equal(r->out_len, 0);
}

static void render_draws_pieces_of_a_map(void **state) {
  (void)state;
  run_result *r = run("render", SMALL, "--focus", "Beta", "--radius", "1");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<title>Alpha Role</title>");
  assert_null(strstr(r->out, "<title>Epsilon</title>"));
  r = run("render", SMALL, "--domain", "d3");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<title>Island</title>");
  assert_null(strstr(r->out, "<title>Alpha Role</title>"));
  r = run("render", SMALL, "--top", "1");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<title>Delta</title>");
  assert_null(strstr(r->out, "<title>Beta</title>"));
  r = run("render", SMALL, "--layout", "circo");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("render", SMALL, "--domain", "d9");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  r = run("render", SMALL, "--focus", "nobody");
  assert_int_equal(r->code, CP_EXIT_INPUT);
}

static void render_usage_errors(void **state) {
  (void)state;
  static const cli_case cases[] = {
      {{"render", "--from", "a"}, CP_EXIT_USAGE, "--from and --to go together"},
      {{"render", "--batch", "s.csv"}, CP_EXIT_USAGE, "--batch and --out-dir go together"},
      {{"render", "--format", "html"}, CP_EXIT_USAGE, "--format html is for --batch"},
      {{"render", "--batch", "s.csv", "--out-dir", "d", "--k", "2"},
       CP_EXIT_USAGE,
       "drop --from, --to, --k"},
      {{"render", "--format", "json"}, CP_EXIT_USAGE, "(choose from dot, svg, html, png, pdf)"},
      {{"render", "--by", "salary"}, CP_EXIT_USAGE, "unknown criterion 'salary'"},
      {{"render", "--communities", "spectral"}, CP_EXIT_USAGE, "unknown method 'spectral'"},
  };
  check_cases(cases);
}

/* 50 students, 3 bad rows (an unknown role, a bad budget, a short row): 47 diagrams, an
 * index linking them, and 3 line-numbered errors. */
static void render_batch_draws_a_diagram_per_student(void **state) {
  (void)state;
  char dir[64], path[512];
  cli_test_dir(dir, sizeof dir);
  run_result *r = run("render", "--batch", CP_TEST_DATA "/batch/students.csv", "--out-dir", dir);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "students.csv:12: no role named 'Astronaut'");
  assert_contains(r->err, "students.csv:27: budget needs a number >= 0, not 'lots'");
  assert_contains(r->err, "students.csv:42: 2 fields, but the header has 6");
  assert_contains(r->err, "50 rows: 47 drawn, 0 without a route, 3 bad rows skipped");
  assert_int_equal(r->out_len, 0);
  DIR *d = opendir(dir);
  struct dirent *ent;
  size_t svgs = 0;
  while ((ent = readdir(d))) {
    if (!strstr(ent->d_name, ".svg"))
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc)
      fail_msg("%s does not parse", ent->d_name);
    xmlFreeDoc(doc);
    svgs++;
  }
  closedir(d);
  assert_int_equal(svgs, 47);
  snprintf(path, sizeof path, "%s/index.html", dir);
  xmlDocPtr index = xmlReadFile(path, NULL, XML_PARSE_NONET);
  assert_non_null(index);
  char got[8192];
  cli_test_xpath(index, "//h:tbody/h:tr/h:td/h:a/@href", got, sizeof got);
  size_t links = 1;
  for (const char *p = got; (p = strchr(p, '|')); p++)
    links++;
  assert_int_equal(links, 47);
  assert_contains(got, "2-student-01.svg");
  xmlFreeDoc(index);
  cli_test_rmdir(dir);
}

/* A file where the directory should be: one message and the output exit code, not a
 * "cannot write" per student. */
static void render_batch_into_a_file_fails_once(void **state) {
  (void)state;
  char dir[64], path[600];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/file", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fclose(f);
  run_result *r = run("render", "--batch", CP_TEST_DATA "/batch/students.csv", "--out-dir", path);
  assert_int_equal(r->code, CP_EXIT_OUTPUT);
  assert_contains(r->err, "not a directory");
  assert_ptr_equal(strchr(r->err, '\n'), r->err + strlen(r->err) - 1); /* one line */
  remove(path);
  cli_test_rmdir(dir);
}

static void render_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "svg", "render", SMALL);
  check_output_option(0, "gv", "render", SMALL, "--from", "a", "--to", "d", "--format", "dot");
  check_output_option(0, "png", "render", SMALL, "--focus", "b", "--format", "png");
  check_output_option(0, "pdf", "render", SMALL, "--communities", "louvain", "--format", "pdf");
}

/* render --k 3 draws every route asked for, each move in its own route's style, also when
 * two routes pass the same roles by different parallel moves (the built-in graph's third
 * cheapest way from nurse to CNIO takes the first's roles at a dearer move). */
static void every_route_asked_for_is_drawn(void **state) {
  (void)state;
  run_result *r = run("route", "--from", "registered-nurse", "--to", "cnio", "--by", "cost", "--k",
                      "3", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *answer = json_loads(r->out, 0, NULL);
  assert_non_null(answer);
  json_t *routes = json_object_get(answer, "routes");
  assert_int_equal(json_array_size(routes), 3);
  r = run("render", "--from", "registered-nurse", "--to", "cnio", "--by", "cost", "--k", "3");
  assert_int_equal(r->code, 0);
  xmlDocPtr doc = xmlReadMemory(r->out, (int)r->out_len, "k.svg", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  bool shared_roles = false;
  for (size_t i = 0; i < 3; i++) {
    json_t *route = json_array_get(routes, i), *labels = json_object_get(route, "labels");
    size_t steps = (size_t)json_integer_value(json_object_get(route, "steps"));
    char expr[160], got[4096], want[512];
    /* A move's line (its id without the "-from" half), its class naming the route. */
    snprintf(expr, sizeof expr,
             "//s:g[contains(concat(' ', @class, ' '), ' route-%zu ') and "
             "not(contains(@id, '-'))]/s:title",
             i + 1);
    cli_test_xpath(doc, expr, got, sizeof got);
    size_t drawn = *got ? 1 : 0;
    for (const char *p = got; *p; p++)
      drawn += *p == '|';
    if (drawn != steps)
      fail_msg("route %zu: %zu moves drawn, %zu steps: %s", i + 1, drawn, steps, got);
    for (size_t k = 0; k < steps; k++) {
      snprintf(want, sizeof want, "%s to %s", json_string_value(json_array_get(labels, k)),
               json_string_value(json_array_get(labels, k + 1)));
      assert_contains(got, want);
    }
    shared_roles |= i > 0 && json_equal(json_object_get(route, "roles"),
                                        json_object_get(json_array_get(routes, 0), "roles"));
  }
  assert_true(shared_roles); /* the case the test is for is in it */
  xmlFreeDoc(doc);
  json_decref(answer);
}

/* The whole built-in map on A3: one page of that paper, and no text under 7 pt at the size
 * it is drawn (the SVG's font sizes times its scale). */
static void the_map_fits_a3_readably(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/map.pdf", dir);
  assert_int_equal(run("render", "--paper", "a3", "-o", path)->code, 0);
  size_t len;
  char *pdf = cli_test_read(path, &len);
  const char *box = memmem(pdf, len, "/MediaBox [ 0 0 ", 16); /* a PDF holds NUL bytes */
  double w = 0, h = 0;
  assert_non_null(box);
  assert_int_equal(sscanf(box, "/MediaBox [ 0 0 %lf %lf", &w, &h), 2);
  double lo = w < h ? w : h, hi = w < h ? h : w;
  if (lo < 841 || lo > 843 || hi < 1190 || hi > 1192)
    fail_msg("page %g x %g, not A3 (842 x 1191)", w, h);
  size_t pages = 0;
  for (const char *p = pdf; (p = memmem(p, len - (size_t)(p - pdf), "/Type /Page ", 12)); p++)
    pages++;
  assert_int_equal(pages, 1);
  free(pdf);
  run_result *r = run("render", "--paper", "a3");
  assert_int_equal(r->code, 0);
  double scale = 0, smallest = 1e9;
  const char *t = strstr(r->out, "transform=\"scale(");
  assert_non_null(t);
  assert_int_equal(sscanf(t, "transform=\"scale(%lf", &scale), 1);
  for (t = strstr(r->out, "font-size=\""); t; t = strstr(t + 1, "font-size=\"")) {
    double f = atof(t + 11);
    smallest = f < smallest ? f : smallest;
  }
  if (smallest * scale < 7)
    fail_msg("smallest text %g pt at scale %g: %g pt", smallest, scale, smallest * scale);
  cli_test_rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(render_writes_svg_that_parses),
      cmocka_unit_test(render_draws_pieces_of_a_map),
      cmocka_unit_test(render_usage_errors),
      cmocka_unit_test(render_batch_draws_a_diagram_per_student),
      cmocka_unit_test(render_batch_into_a_file_fails_once),
      cmocka_unit_test(render_writes_with_o),
      cmocka_unit_test(every_route_asked_for_is_drawn),
      cmocka_unit_test(the_map_fits_a3_readably),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  xmlCleanupParser();
  return rc;
}
