/* test_cli_indices.c: `careerpath indices` in-process (cmd_indices.c): Glass's figures, odds
 * ratios, levels, bootstrap intervals from histories that repeat per seed; -o. */
#include "cli_test.h"

#include <jansson.h>
#include <math.h>

#define GLASS CP_SOURCE_DIR "/data/mobility-tables/glass54.csv"
#define HISTORIES CP_SOURCE_DIR "/data/sample-histories.csv"

/* Glass (1954): 1,459 of 3,500 men in their father's class (0.417); Shorrocks' M 0.773. */
static void indices_reproduce_glass(void **state) {
  (void)state;
  run_result *r = run("indices", GLASS);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "immobility ratio               0.417\n");
  assert_contains(r->out, "Shorrocks M                    0.773\n");
  assert_contains(r->out, "5 roles; cells are counts, 3500 in all");
  r = run("indices", GLASS, "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  double imm = json_number_value(json_object_get(o, "immobility"));
  double sh = json_number_value(json_object_get(o, "shorrocks"));
  assert_true(fabs(imm - 1459.0 / 3500) < 1e-12);
  assert_true(fabs(round(imm * 1000) / 1000 - 0.417) < 1e-12);
  assert_true(fabs(round(sh * 1000) / 1000 - 0.773) < 1e-12);
  /* Shorrocks from the diagonal shares: (5 - trace P) / 4. */
  double trace = 50.0 / 129 + 174.0 / 495 + 110.0 / 518 + 714.0 / 1510 + 411.0 / 848;
  assert_true(fabs(sh - (5 - trace) / 4) < 1e-12);
  assert_true(json_is_null(json_object_get(o, "upward")));
  json_decref(o);
}

static void indices_odds_ratios(void **state) {
  (void)state;
  run_result *r = run("indices", GLASS, "--odds", "Professional,Unskilled", "--odds",
                      "professional,skilled:managerial,unskilled", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL);
  json_t *odds = json_object_get(o, "odds");
  assert_int_equal(json_array_size(odds), 2);
  double lo = json_number_value(json_object_get(json_array_get(odds, 0), "log_odds"));
  assert_true(fabs(lo - log(50.0 * 411 / (8.0 * 3))) < 1e-12);
  double se = json_number_value(json_object_get(json_array_get(odds, 0), "se"));
  assert_true(fabs(se - sqrt(1 / 50.0 + 1 / 411.0 + 1 / 8.0 + 1 / 3.0)) < 1e-12);
  lo = json_number_value(json_object_get(json_array_get(odds, 1), "log_odds"));
  assert_true(fabs(lo - log(45.0 * 447 / (8.0 * 150))) < 1e-12);
  json_decref(o);
  static const cli_case cases[] = {
      {{"indices", GLASS, "--odds", "Professional"}, CP_EXIT_USAGE, "two roles A,B"},
      {{"indices", GLASS, "--odds", "Professional,Nobody"}, CP_EXIT_INPUT, "Nobody"},
      {{"indices", GLASS, "--bootstrap", "10"}, CP_EXIT_USAGE, "give --histories FILE"},
      {{"indices", GLASS, "--histories", HISTORIES}, CP_EXIT_USAGE, "one or the other"},
      {{"indices", "--histories", HISTORIES, "--seed", "3"}, CP_EXIT_USAGE, "with --bootstrap"},
      {{"indices", "--histories", HISTORIES, "--period", "week"}, CP_EXIT_USAGE, "week"},
  };
  check_cases(cases);
}

/* Levels give the shares up, down and across; a jump chain (no stays) is warned about. */
static void indices_with_levels(void **state) {
  (void)state;
  char dir[64], t[128], roles[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(t, sizeof t, "%s/t.csv", dir);
  snprintf(roles, sizeof roles, "%s/roles.csv", dir);
  cli_test_write(t, "from,to,count\na,a,6\na,b,2\nb,a,1\nb,b,5\nb,c,2\nc,c,4\n");
  cli_test_write(roles, "id,level\na,1\nb,2\nc,2\n");
  run_result *r = run("indices", t, "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL);
  assert_true(fabs(json_number_value(json_object_get(o, "upward")) - 2.0 / 20) < 1e-12);
  assert_true(fabs(json_number_value(json_object_get(o, "downward")) - 1.0 / 20) < 1e-12);
  assert_true(fabs(json_number_value(json_object_get(o, "lateral")) - 2.0 / 20) < 1e-12);
  assert_true(fabs(json_number_value(json_object_get(o, "immobility")) - 15.0 / 20) < 1e-12);
  assert_string_equal(json_string_value(json_object_get(o, "distance")), "level");
  json_decref(o);
  cli_test_write(t, "from,to,count\na,b,2\nb,a,1\nb,c,2\nc,a,4\n");
  r = run("indices", t);
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "warning: the table has no stays");
  assert_contains(r->out, "immobility ratio               0.000");
  cli_test_rmdir(dir);
}

/* The same seed gives the same bytes; another seed other intervals; every interval holds its
 * estimate here (a large sample). */
static void indices_bootstrap_repeats(void **state) {
  (void)state;
  run_result *r = run("indices", "--histories", HISTORIES, "--period", "year", "--bootstrap", "200",
                      "--seed", "1");
  assert_int_equal(r->code, 0);
  char *first = strdup(r->out);
  assert_contains(first, "95% interval (200 replicates resampling people, seed 1)");
  r = run("indices", "--histories", HISTORIES, "--period", "year", "--bootstrap", "200", "--seed",
          "1");
  assert_string_equal(r->out, first);
  r = run("indices", "--histories", HISTORIES, "--period", "year", "--bootstrap", "200", "--seed",
          "2");
  assert_int_equal(r->code, 0);
  assert_true(strcmp(r->out, first) != 0);
  free(first);
  r = run("indices", "--histories", HISTORIES, "--period", "year", "--bootstrap", "200", "--format",
          "json");
  json_t *o = json_loads(r->out, 0, NULL);
  json_t *iv = json_object_get(json_object_get(o, "bootstrap"), "intervals");
  static const char *const keys[] = {"immobility", "shorrocks", "prais"};
  for (size_t i = 0; i < 3; i++) {
    double v = json_number_value(json_object_get(o, keys[i]));
    json_t *a = json_object_get(iv, keys[i]);
    double lo = json_number_value(json_array_get(a, 0)),
           hi = json_number_value(json_array_get(a, 1));
    assert_true(lo <= v && v <= hi && lo < hi);
  }
  json_decref(o);
}

/* The graph mobility build writes and --histories give the same figures. */
static void indices_histories_equal_the_built_graph(void **state) {
  (void)state;
  char dir[64], t[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(t, sizeof t, "%s/t.csv", dir);
  run_result *r = run("mobility", "build", HISTORIES, "--period", "year", "-o", t);
  assert_int_equal(r->code, 0);
  r = run("indices", t, "--format", "csv");
  assert_int_equal(r->code, 0);
  char *built = strdup(r->out);
  r = run("indices", "--histories", HISTORIES, "--period", "year", "--format", "csv");
  assert_string_equal(r->out, built);
  free(built);
  cli_test_rmdir(dir);
}

static void indices_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "indices", GLASS);
  check_output_option(0, "csv", "indices", GLASS, "--format", "csv");
  check_output_option(0, "json", "indices", GLASS, "--format", "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(indices_reproduce_glass),
      cmocka_unit_test(indices_odds_ratios),
      cmocka_unit_test(indices_with_levels),
      cmocka_unit_test(indices_bootstrap_repeats),
      cmocka_unit_test(indices_histories_equal_the_built_graph),
      cmocka_unit_test(indices_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
