/* test_cli_import.c: `careerpath import onet` in-process (cmd_import.c, graph_out.c); -o. */
#include "cli_test.h"

#define ONET CP_SOURCE_DIR "/data/onet-29.3"

/* DOT to stdout is the same bytes as with -o; a failed run leaves -o's file as it was. */
static void import_writes_dot_with_o(void **state) {
  (void)state;
  check_output_option(0, "gv", "import", "onet", ONET, "--format", "dot");
}

/* CSV: the transitions to -o, the roles to roles.csv beside it, the attribution on stderr;
 * the result reads back as 923 roles. */
static void import_writes_two_tables(void **state) {
  (void)state;
  char dir[64], path[128], roles[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/onet.csv", dir);
  snprintf(roles, sizeof roles, "%s/roles.csv", dir);
  run_result *r = run("import", "onet", ONET, "-o", path);
  assert_int_equal(r->code, 0);
  assert_int_equal(r->out_len, 0);
  assert_contains(r->err, "O*NET 29.3: 923 occupations, 18460 moves");
  assert_contains(r->err, "Used under the CC BY 4.0 license");
  assert_int_equal(cli_test_count(dir), 2);
  r = run("validate", path, "--format", "json");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "\"roles\": 923");
  cli_test_rmdir(dir);
}

/* Usage: no directory; a table graph to stdout (its roles have nowhere to go); --roles-out
 * with DOT. A directory missing its tables: exit 3 naming the file, nothing written. */
static void import_refuses_what_it_cannot_do(void **state) {
  (void)state;
  run_result *r = run("import", "onet");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "which O*NET directory?");
  r = run("import", "onet", ONET);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "a csv graph is two tables");
  r = run("import", "onet", ONET, "--format", "dot", "--roles-out", "/tmp/x.csv");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/g.gv", dir);
  r = run("import", "onet", dir, "-o", path);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, ".txt: cannot open");
  assert_int_equal(cli_test_count(dir), 0);
  cli_test_rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(import_writes_dot_with_o),
      cmocka_unit_test(import_writes_two_tables),
      cmocka_unit_test(import_refuses_what_it_cannot_do),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
