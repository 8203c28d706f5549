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
       "unknown format 'xml'; choose csv, dot or graphml"},
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

/* Three people, by year: ann is a nurse 2001-2003 and an analyst 2004-2005; bob an analyst
 * 2000-2001 and a manager from 2002; cyd a nurse 2010-2013 (two rows) and, after a gap, a
 * manager in 2016. By hand: nurse -> nurse 2 (ann) + 3 (cyd), nurse -> analyst 1, analyst ->
 * analyst 1 (ann) + 1 (bob), analyst -> manager 1; the gap makes no step. */
static const char three[] = "person,role,start,end\n"
                            "ann,nurse,2001,\n"
                            "ann,analyst,2004,2005\n"
                            "bob,analyst,2000-03,2001-12\n"
                            "bob,manager,2002-01,\n"
                            "cyd,nurse,2010-06,2012-02\n"
                            "cyd,nurse,2012-02,2013-01\n"
                            "cyd,manager,2016,\n";

static void mobility_by_year(void **state) {
  (void)state;
  char dir[64], h[128], out[128], roles[128], join[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(h, sizeof h, "%s/three.csv", dir);
  snprintf(out, sizeof out, "%s/steps.csv", dir);
  snprintf(roles, sizeof roles, "%s/roles.csv", dir);
  snprintf(join, sizeof join, "%s/known.csv", dir);
  cli_test_write(h, three);
  cli_test_write(join, "id,label,domain,level\nnurse,Registered nurse,clinical,2\n"
                       "analyst,Analyst,it,2\nManager,Manager,it,4\n");
  run_result *r = run("mobility", "build", h, "--period", "year", "--min-people", "1", "-o", out,
                      "--roles", join);
  assert_int_equal(r->code, 0);
  static const char steps[] = "from,to,count,people,probability,median_months\n"
                              "analyst,analyst,2,2,0.666666666667,\n"
                              "analyst,manager,1,1,0.333333333333,\n"
                              "nurse,analyst,1,1,0.166666666667,\n"
                              "nurse,nurse,5,2,0.833333333333,\n";
  static const char joined[] = "id,people,stays,median_tenure_months,label,domain,level\n"
                               "analyst,2,2,16.5,Analyst,it,2\n"
                               "manager,2,2,,Manager,it,4\n"
                               "nurse,2,2,33.5,Registered nurse,clinical,2\n";
  assert_true(cli_test_holds(out, steps, sizeof steps - 1));
  assert_true(cli_test_holds(roles, joined, sizeof joined - 1));
  assert_contains(r->err, "per year: 9 steps, 7 in one role and 2 between two");
  assert_contains(r->err, "3 of 3 roles took a label, domain and level");
  assert_contains(r->err, "wrote the steps to ");
  assert_contains(r->err, "and the roles to ");
  /* By month: ann's nurse years are 36 months, 35 of them stays. */
  r = run("mobility", "build", h, "--period", "month", "--min-people", "1");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "nurse,nurse,");
  r = run("mobility", "build", CP_SOURCE_DIR "/data/sample-histories.csv", "--period", "year",
          "--format", "graphml");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<graphml");
  cli_test_rmdir(dir);
}

/* Only bad rows: exit 3, and neither file is written. */
static void mobility_no_valid_row(void **state) {
  (void)state;
  char dir[64], h[128], out[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(h, sizeof h, "%s/bad.csv", dir);
  snprintf(out, sizeof out, "%s/t.csv", dir);
  cli_test_write(h, "person,role,start\np1,a,someday\np2,,2001\np3,b,2001-13\n");
  run_result *r = run("mobility", "build", h, "-o", out);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "no valid row: all 3 rows are bad");
  assert_contains(r->err, "start 'someday' is not a date");
  assert_int_equal(cli_test_count(dir), 1);
  cli_test_write(h, "person,role,start\n");
  r = run("mobility", "build", h, "-o", out);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "no rows after the header");
  assert_int_equal(cli_test_count(dir), 1);
  cli_test_write(h, "person,role,seq\np1,a,1\np1,b,2\n");
  r = run("mobility", "build", h, "--period", "year", "-o", out);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "needs dated histories");
  assert_int_equal(cli_test_count(dir), 1);
  cli_test_rmdir(dir);
}

/* A built graph's median_months are months: routed, ranked and validated by them, and the
 * output says they are medians. */
static void built_months_are_medians(void **state) {
  (void)state;
  char dir[64], out[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(out, sizeof out, "%s/t.csv", dir);
  run_result *r = run("mobility", "build", CP_SOURCE_DIR "/data/sample-histories.csv", "-o", out);
  assert_int_equal(r->code, 0);
  r = run("route", out, "--from", "physician", "--to", "cmio", "--by", "months");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "months: the median time in a role before each move");
  r = run("validate", out);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "months on all (median_months observed in career histories)");
  r = run("centrality", out, "--by", "months");
  assert_int_equal(r->code, 0);
  r = run("route", "--from", "student", "--to", "cmio");
  assert_true(!strstr(r->out, "median time"));
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
  /* --roles joins at the merge, not in a partial; a shard of bad rows only is no error, but a
   * merge with no valid row anywhere is, as one build. */
  r = run("mobility", "build", "--partial", s2, "-o", p2, "--roles", "@builtin");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--roles joins onto the graph; give it to the 'mobility merge'");
  snprintf(s2, sizeof s2, "%s/bad.csv", dir);
  cli_test_write(s2, "person,role,seq\np9,,1\n");
  r = run("mobility", "build", "--partial", s2, "-o", p2);
  assert_int_equal(r->code, 0);
  r = run("mobility", "merge", p2, "--min-people", "1");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "no valid row: all 1 rows are bad (the first: ");
  r = run("mobility", "merge", p2, p1, "--min-people", "1", "--roles", "@builtin");
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "roles took a label, domain and level from @builtin");
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
      cmocka_unit_test(mobility_by_year),
      cmocka_unit_test(mobility_no_valid_row),
      cmocka_unit_test(built_months_are_medians),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
