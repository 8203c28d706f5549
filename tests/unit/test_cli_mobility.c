/* test_cli_mobility.c: `careerpath mobility build` and `mobility merge` in-process
 * (cmd_mobility.c, cmd_mobility_merge.c): a graph from career histories, its two files
 * written together, inputs never overwritten; partials merged; -o. */
#include "cli_test.h"

static const char histories[] = "person,role,seq\n"
                                "p1,a,1\np1,b,2\n"
                                "p2,a,1\np2,b,2\np2,c,3\n"
                                "p3,a,1\np3,c,2\n"
                                "bad row\n";

/* A directory with h.csv holding `histories`. */
static void fixture(char *dir, size_t n, char *path, size_t pn) {
  cli_test_dir(dir, n);
  snprintf(path, pn, "%s/h.csv", dir);
  cli_test_write(path, histories);
}

static void mobility_builds_a_graph(void **state) {
  (void)state;
  char dir[64], h[128];
  fixture(dir, sizeof dir, h, sizeof h);
  run_result *r = run("mobility", "build", h, "--min-people", "1");
  assert_int_equal(r->code, 0);
  assert_string_equal(r->out, "from,to,count,people,probability,median_months\n"
                              "a,b,2,2,0.666666666667,\n"
                              "a,c,1,1,0.333333333333,\n"
                              "b,c,1,1,1,\n");
  assert_contains(r->err, "careerpath mobility: 8 rows: 3 people, ");
  assert_contains(r->err, "4 moves between 3 roles; 1 bad row skipped");
  r = run("mobility", "build", h, "--format", "dot", "--min-people", "1");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "digraph");
  r = run("mobility", "build", h, "--strict");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  cli_test_rmdir(dir);
}

static void mobility_usage_errors(void **state) {
  (void)state;
  static const cli_case cases[] = {
      {{"mobility"}, CP_EXIT_USAGE, "which subcommand? 'careerpath mobility build HISTORIES.csv'"},
      {{"mobility", "frob"},
       CP_EXIT_USAGE,
       "unknown subcommand 'frob'; try 'careerpath mobility build'"},
      {{"mobility", "build"}, CP_EXIT_USAGE, "which histories file?"},
      {{"mobility", "build", "a.csv", "b.csv"}, CP_EXIT_USAGE, "one histories file, please"},
      {{"mobility", "build", "a.csv", "--format", "xml"},
       CP_EXIT_USAGE,
       "unknown format 'xml'; choose csv or dot"},
      {{"mobility", "build", "a.csv", "--format", "dot", "--roles-out", "r.csv"},
       CP_EXIT_USAGE,
       "--roles-out goes with CSV output"},
      {{"mobility", "build", "a.csv", "-o", "out/roles.csv"},
       CP_EXIT_USAGE,
       "is where the roles go"},
      {{"mobility", "build", "a.csv", "--min-people", "0"},
       CP_EXIT_USAGE,
       "--min-people needs a whole number"},
      {{"mobility", "build", "a.csv", "--frob"}, CP_EXIT_USAGE, "unknown option '--frob'"},
  };
  check_cases(cases);
  run_result *r = run("mobility", "build", "a.csv", "--frob");
  assert_string_equal(
      r->err, "careerpath mobility: unknown option '--frob'; see 'careerpath mobility --help'\n");
  r = run("mobility", "--help");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Usage: careerpath mobility build HISTORIES.csv");
}

/* -o FILE.csv writes the transitions and roles.csv beside them together; FILE.gv writes
 * DOT; a failed run leaves both earlier files byte for byte. */
static void mobility_writes_its_files_together(void **state) {
  (void)state;
  char dir[64], h[128], out[160], roles[160], gv[160];
  fixture(dir, sizeof dir, h, sizeof h);
  snprintf(out, sizeof out, "%s/t.csv", dir);
  snprintf(roles, sizeof roles, "%s/roles.csv", dir);
  snprintf(gv, sizeof gv, "%s/m.gv", dir);
  run_result *r = run("mobility", "build", h, "--min-people", "1", "-o", out);
  assert_int_equal(r->code, 0);
  assert_int_equal(r->out_len, 0);
  size_t t_len, r_len;
  char *t = cli_test_read(out, &t_len), *ro = cli_test_read(roles, &r_len);
  assert_contains(t, "a,b,2,2,");
  assert_contains(ro, "id,people,stays,median_tenure_months\n");
  r = run("mobility", "build", h, "--min-people", "1", "-o", out, "--frob");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("mobility", "build", h, "--min-people", "1", "--strict", "-o", out);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_true(cli_test_holds(out, t, t_len));
  assert_true(cli_test_holds(roles, ro, r_len));
  free(t);
  free(ro);
  r = run("mobility", "build", h, "--min-people", "1", "-o", gv);
  assert_int_equal(r->code, 0);
  t = cli_test_read(gv, NULL);
  assert_contains(t, "digraph");
  free(t);
  assert_int_equal(cli_test_count(dir), 4); /* h.csv, t.csv, roles.csv, m.gv: nothing else */
  cli_test_rmdir(dir);
}

/* Neither output may be the histories file: refused before anything is written. */
static void mobility_never_overwrites_its_input(void **state) {
  (void)state;
  char dir[64], h[128], out[160];
  fixture(dir, sizeof dir, h, sizeof h);
  run_result *r = run("mobility", "build", h, "-o", h);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "is the input file; refusing to overwrite it");
  snprintf(out, sizeof out, "%s/t.csv", dir);
  r = run("mobility", "build", h, "-o", out, "--roles-out", h);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_true(cli_test_holds(h, histories, strlen(histories)));
  assert_int_equal(cli_test_count(dir), 1);
  cli_test_rmdir(dir);
}

static void mobility_writes_with_o(void **state) {
  (void)state;
  char dir[64], h[128];
  fixture(dir, sizeof dir, h, sizeof h);
  check_output_option(0, "gv", "mobility", "build", h, "--min-people", "1", "--format", "dot");
  cli_test_rmdir(dir);
}

/* Two shards' partials merged give one build's bytes; a partial is refused as a graph's
 * options, and merge refuses what is not a partial. */
static void mobility_partials_merge(void **state) {
  (void)state;
  char dir[64], h[128], s1[160], s2[160], p1[160], p2[160];
  fixture(dir, sizeof dir, h, sizeof h);
  snprintf(s1, sizeof s1, "%s/s1.csv", dir);
  snprintf(s2, sizeof s2, "%s/s2.csv", dir);
  snprintf(p1, sizeof p1, "%s/p1.cpp", dir);
  snprintf(p2, sizeof p2, "%s/p2.cpp", dir);
  cli_test_write(s1, "person,role,seq\np2,a,1\np2,b,2\np2,c,3\nbad row\n");
  cli_test_write(s2, "person,role,seq\np1,a,1\np1,b,2\np3,a,1\np3,c,2\n");
  run_result *r = run("mobility", "build", h, "--min-people", "1");
  char *want = strdup(r->out);
  r = run("mobility", "build", "--partial", s1, "-o", p1);
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "a partial build of 3 roles and 2 transitions; nothing suppressed");
  r = run("mobility", "build", "--partial", s2, "-o", p2);
  assert_int_equal(r->code, 0);
  r = run("mobility", "merge", p2, p1, "--min-people", "1");
  assert_int_equal(r->code, 0);
  assert_string_equal(r->out, want);
  assert_contains(r->err, "8 rows: 3 people, ");
  r = run("mobility", "merge", p1, p2, "--min-people", "2");
  assert_string_equal(r->out, "from,to,count,people,probability,median_months\n"
                              "a,b,2,2,1,\n");
  r = run("mobility", "merge", p1, h);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "h.csv: not a partial mobility file");
  r = run("mobility", "build", "--partial", s1, "-o", p1, "--min-people", "2");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--min-people goes with a merge that is not --partial");
  /* A tree: p1 and p2 merged into a partial, merged again, gives the same bytes. */
  snprintf(s1, sizeof s1, "%s/p12.cpp", dir);
  r = run("mobility", "merge", "--partial", p1, p2, "-o", s1);
  assert_int_equal(r->code, 0);
  r = run("mobility", "merge", s1, "--min-people", "1");
  assert_string_equal(r->out, want);
  r = run("mobility", "merge", p1, "-o", p1);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "is the input file; refusing to overwrite it");
  check_output_option(0, "gv", "mobility", "merge", p1, p2, "--min-people", "1", "--format", "dot");
  free(want);
  cli_test_rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(mobility_builds_a_graph),
      cmocka_unit_test(mobility_usage_errors),
      cmocka_unit_test(mobility_writes_its_files_together),
      cmocka_unit_test(mobility_never_overwrites_its_input),
      cmocka_unit_test(mobility_writes_with_o),
      cmocka_unit_test(mobility_partials_merge),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
