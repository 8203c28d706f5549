/* test_cli_stats.c: `careerpath stats` in-process (cmd_stats.c); -o. */
#include "cli_test.h"

#include <jansson.h>

/* small.gv: 6 roles, 6 moves; density 6 / 30. */
static void stats_measures_in_every_format(void **state) {
  (void)state;
  run_result *r = run("stats", SMALL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, SMALL "\n  roles                 6\n");
  assert_contains(r->out, "  density               0.2\n");
  r = run("stats", SMALL, "--format", "csv");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "measure,value\nroles,6\ntransitions,6\n");
  r = run("stats", SMALL, "--format", "json");
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  assert_true(json_real_value(json_object_get(o, "density")) == 0.2);
  assert_int_equal(json_integer_value(json_object_get(o, "weak_components")), 2);
  json_decref(o);
  r = run("stats", "--format", "svg");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "(choose from text, json, csv)");
}

static void stats_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "stats");
  check_output_option(0, "json", "stats", SMALL, "--format", "json");
  check_output_option(0, "csv", "stats", SMALL, "--format", "csv");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(stats_measures_in_every_format),
      cmocka_unit_test(stats_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
