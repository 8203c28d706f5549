/* test_cli_roles.c: `careerpath roles` in-process (cmd_roles.c); -o. */
#include "cli_test.h"

#include <jansson.h>
#include <string.h>

static void roles_lists_and_filters(void **state) {
  (void)state;
  run_result *r = run("roles", SMALL, "--domain", "D2");
  assert_int_equal(r->code, 0);
  assert_string_equal(r->out, "ID  LEVEL  DOMAIN                  LABEL\n"
                              "c       2  d2                      Gamma\n"
                              "d       3  d2                      Delta\n");
  r = run("roles", SMALL, "--format", "json");
  json_t *arr = json_loads(r->out, 0, NULL);
  assert_int_equal(json_array_size(arr), 6);
  assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 0), "label")),
                      "Alpha Role");
  assert_int_equal(json_array_size(json_object_get(json_array_get(arr, 0), "aliases")), 0);
  json_decref(arr);
  /* Other names listed, in the attribute's order, for the page's search (serve). */
  r = run("roles", "--format", "json");
  arr = json_loads(r->out, 0, NULL);
  json_t *rn = NULL;
  for (size_t i = 0; i < json_array_size(arr) && !rn; i++)
    if (!strcmp(json_string_value(json_object_get(json_array_get(arr, i), "id")),
                "registered-nurse"))
      rn = json_object_get(json_array_get(arr, i), "aliases");
  assert_int_equal(json_array_size(rn), 3);
  assert_string_equal(json_string_value(json_array_get(rn, 0)), "RN");
  assert_string_equal(json_string_value(json_array_get(rn, 2)), "bedside nurse");
  json_decref(arr);
  r = run("roles", SMALL, "--domain", "nothing");
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "no role has domain 'nothing'");
  r = run("roles", "x.gv", "y.gv");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "unexpected argument 'y.gv'");
  r = run("roles", "--format", "csv");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "(choose from text, json)");
}

/* --describe: one role by any of its names, with its pay, moves and sources. */
static void roles_describe_one_role(void **state) {
  (void)state;
  run_result *r = run("roles", "--describe", "RN");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Registered Nurse (registered-nurse)\n"
                          "  What it is: A licensed RN in bedside or clinic practice.\n"
                          "  Also called: RN, staff nurse, bedside nurse\n"
                          "  Domain: clinical-practice; level 2 of 5\n");
  assert_contains(r->out, "  Pay: $75,510 a year\n");
  assert_contains(r->out, "  Moves in (1):\n    from Nursing Graduate: 3 months, $300");
  assert_contains(r->out, "  Moves out (4):\n");
  assert_contains(r->out, "    to Nurse Manager: 48 months (4 years), $0, effort 3 of 5 "
                          "(substantial); requires clinical experience\n");
  assert_contains(r->out, "    pay: BLS OES May 2018");
  r = run("roles", "--describe", "chief medical information officer", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  assert_string_equal(json_string_value(json_object_get(o, "id")), "cmio");
  assert_int_equal(json_array_size(json_object_get(o, "moves_in")), 3);
  assert_int_equal(json_array_size(json_object_get(o, "moves_out")), 0);
  assert_non_null(json_object_get(json_object_get(o, "attributes"), "wage_source"));
  json_decref(o);
  r = run("roles", "--describe", "nurse");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "  Nurse Manager (nurse-manager, leadership)\n");
  r = run("roles", "--describe", "RN", "--domain", "education");
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

static void roles_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "roles");
  check_output_option(0, "json", "roles", SMALL, "--format", "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(roles_lists_and_filters),
      cmocka_unit_test(roles_describe_one_role),
      cmocka_unit_test(roles_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
