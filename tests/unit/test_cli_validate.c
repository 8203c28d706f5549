/* test_cli_validate.c: `careerpath validate` in-process (cmd_validate.c); -o. */
#include "cli_test.h"

#include <jansson.h>

static void validate_summarises(void **state) {
  (void)state;
  run_result *r = run("validate", SMALL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "valid");
  assert_contains(r->out, "roles: 6 in 3 domains (d1 2, d2 2, d3 2)");
  assert_contains(r->out, "isolated roles: 1 (z)");
  assert_contains(r->out, "dead ends (nothing leads out): 1 (e)");
  r = run("validate", SMALL, "--format", "json");
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  assert_int_equal(json_integer_value(json_object_get(o, "transitions")), 6);
  assert_int_equal(json_array_size(json_object_get(o, "entry_roles")), 1);
  json_decref(o);
}

static void validate_reports_bad_files(void **state) {
  (void)state;
  run_result *r = run("validate", CP_TEST_DATA "/bad/missing-to-column.csv");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "missing-to-column.csv:1:");
  assert_int_equal(r->out_len, 0);
}

static void validate_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "validate");
  check_output_option(0, "json", "validate", CP_TEST_DATA "/csv/transitions.csv", "--format",
                      "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(validate_summarises),
      cmocka_unit_test(validate_reports_bad_files),
      cmocka_unit_test(validate_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
