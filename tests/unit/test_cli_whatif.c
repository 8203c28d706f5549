/* test_cli_whatif.c: `careerpath whatif` in-process (cmd_whatif.c): credentials ranked by
 * what holding them saves; -o. */
#include "cli_test.h"

#include <jansson.h>

/* Built-in graph: Health IT Specialist -> Consultant takes 42 months through the
 * interoperability engineer move, which requires the HL7 FHIR certification (3 months). */
static void whatif_ranks_credentials_by_what_they_save(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "health-it-specialist", "--to", "consultant");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Now: 2 steps, 42 months, $315.");
  assert_contains(r->out, "IF YOU HELD");
  const char *first = strstr(r->out, "\n  HL7 FHIR certification");
  assert_non_null(first);
  assert_contains(first, "3 months");
  assert_true(first < strstr(r->out, "\n  PMP"));
  r = run("whatif", "--from", "health-it-specialist", "--to", "consultant", "--format", "json");
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *top = json_array_get(json_object_get(root, "credentials"), 0);
  assert_string_equal(json_string_value(json_object_get(top, "credential")),
                      "HL7 FHIR certification");
  assert_int_equal(json_integer_value(json_object_get(top, "saves")), 3);
  json_decref(root);
}

/* Without --to: how many more roles come within the limits, most first. */
static void whatif_within_counts_roles(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "registered-nurse", "--within", "months=36,cost=5000",
                      "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *list = json_object_get(root, "credentials");
  json_int_t now = json_integer_value(json_object_get(root, "reachable_now"));
  for (size_t i = 0; i + 1 < json_array_size(list); i++) {
    json_int_t a = json_integer_value(json_object_get(json_array_get(list, i), "reachable"));
    json_int_t b = json_integer_value(json_object_get(json_array_get(list, i + 1), "reachable"));
    assert_true(a >= b);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(list, i), "gain")), a - now);
  }
  json_decref(root);
  r = run("whatif", "--from", "registered-nurse", "--within", "months=36,cost=5000");
  assert_contains(r->out, "roles within the limits now");
}

static void whatif_errors(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "registered-nurse");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "without --to, give limits");
  r = run("whatif", "--to", "cnio");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--from is required");
  r = run("whatif", SMALL, "--from", "a", "--to", "d");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "has no credentials catalogue");
}

static void whatif_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "whatif", "--from", "health-it-specialist", "--to", "consultant");
  check_output_option(0, "json", "whatif", "--from", "health-it-specialist", "--to", "consultant",
                      "--format", "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(whatif_ranks_credentials_by_what_they_save),
      cmocka_unit_test(whatif_within_counts_roles),
      cmocka_unit_test(whatif_errors),
      cmocka_unit_test(whatif_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
