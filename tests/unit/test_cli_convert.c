/* test_cli_convert.c: `careerpath convert` in-process (cmd_convert.c): the format from the
 * extension, every format read back to the same graph, CSV's companions named; -o. */
#include "cli_test.h"

/* What `stats --format csv` says of `path`: equal for graphs that are the same. */
static char *stats_of(const char *path) {
  run_result *r = run("stats", path, "--format", "csv");
  assert_int_equal(r->code, 0);
  return strdup(r->out);
}

static void convert_reads_back(void **state) {
  (void)state;
  char dir[64], path[160];
  cli_test_dir(dir, sizeof dir);
  char *builtin = stats_of(CP_BUILTIN_GV);
  static const char *const names[] = {"g.gv", "g.dot", "g.csv"};
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    run_result *r = run("convert", "-o", path);
    assert_int_equal(r->code, 0);
    assert_contains(r->err, "careerpath convert: wrote ");
    char *back = stats_of(path);
    assert_string_equal(back, builtin);
    free(back);
  }
  /* The CSV graph's files are named, and route as the built-in graph does. */
  snprintf(path, sizeof path, "%s/g.csv", dir);
  run_result *r = run("convert", "-o", path);
  assert_contains(r->err, "roles.csv and ");
  assert_contains(r->err, "credentials.csv\n");
  r = run("route", path, "--from", "registered-nurse", "--to", "cnio");
  assert_int_equal(r->code, 0);
  char *csv_route = strdup(r->out);
  r = run("route", "--from", "registered-nurse", "--to", "cnio");
  assert_string_equal(csv_route, r->out);
  free(csv_route);
  free(builtin);
  cli_test_rmdir(dir);
}

static void convert_graphml_and_gexf(void **state) {
  (void)state;
  run_result *r = run("convert", "--format", "graphml");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"");
  assert_contains(r->out, "attr.name=\"level\" attr.type=\"long\"");
  assert_contains(r->out, "attr.name=\"months\" attr.type=\"double\"");
  assert_contains(r->err, "the credentials catalogue (");
  r = run("convert", "--format", "gexf");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">");
  static const cli_case cases[] = {
      {{"convert"}, CP_EXIT_USAGE, "which format?"},
      {{"convert", "-o", "/tmp/x.txt"}, CP_EXIT_USAGE, "cannot tell the format"},
      {{"convert", "--format", "csv"}, CP_EXIT_USAGE, "give -o FILE.csv"},
      {{"convert", "--format", "png"}, CP_EXIT_USAGE, "unknown format"},
  };
  check_cases(cases);
}

static void convert_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "graphml", "convert", SMALL, "--format", "graphml");
  check_output_option(0, "gexf", "convert", SMALL, "--format", "gexf");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(convert_reads_back),
      cmocka_unit_test(convert_graphml_and_gexf),
      cmocka_unit_test(convert_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
