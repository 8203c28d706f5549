/* test_cli_reach.c: `careerpath reach` and `into` in-process (cmd_reach.c): every role's
 * best route from, or into, a role; -o. */
#include "cli_test.h"

#include <jansson.h>

/* small.gv by hand: from a within 15 months: b (6), c (12), d (12, through b); e is 24. */
static void reach_lists_roles_within_limits(void **state) {
  (void)state;
  run_result *r = run("reach", SMALL, "--from", "a", "--max-months", "15", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *list = json_object_get(root, "reachable");
  assert_int_equal(json_array_size(list), 3);
  assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "role")), "b");
  json_t *d = json_array_get(list, 2);
  assert_string_equal(json_string_value(json_object_get(d, "role")), "d");
  assert_string_equal(json_string_value(json_array_get(json_object_get(d, "roles"), 1)), "b");
  assert_int_equal(json_integer_value(json_object_get(json_object_get(root, "limits"), "months")),
                   15);
  json_decref(root);
  r = run("reach", SMALL, "--from", "a", "--max-months", "15");
  assert_int_equal(r->code, 0);
  assert_contains(r->out,
                  "Within 15 months (1.3 years).\nFrom Alpha Role, fastest first: 3 roles\n");
  assert_contains(r->out, "  Delta      2  12 months (1 year)         $6,000       5  via Beta\n");
  assert_null(strstr(r->out, "WAGE")); /* small.gv has no wages */
  r = run("reach", SMALL, "--from", "e");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "no role is reachable from 'Epsilon'");
  r = run("reach", SMALL, "--from", "a", "--max-months", "1");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "within these limits");
  r = run("reach", SMALL, "--from", "a", "--to", "d");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "reach takes --from ROLE (and no --to)");
  r = run("reach", SMALL, "--from", "a", "--within", "months=ten");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("reach", SMALL, "--from", "a", "--format", "html");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "(choose from text, json, dot, svg, png, pdf)");
}

/* Into d by cost: a directly ($0), c ($200), b ($5,000). */
static void into_lists_every_way_in(void **state) {
  (void)state;
  run_result *r = run("into", SMALL, "--to", "d", "--by", "cost");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Into Delta, cheapest first: 3 roles");
  const char *a = strstr(r->out, "\n  Alpha Role "), *c = strstr(r->out, "\n  Gamma "),
             *b = strstr(r->out, "\n  Beta ");
  assert_true(a && c && b && a < c && c < b);
  r = run("into", SMALL, "--to", "d", "--format", "svg");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<svg");
  assert_contains(r->out, "All the ways into Delta, fastest first");
  assert_null(strstr(r->out, "<title>Epsilon</title>")); /* e cannot reach d: not drawn */
  r = run("into", SMALL, "--to", "a");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "no role can reach 'Alpha Role'");
  r = run("into", SMALL, "--from", "a");
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

static void reach_and_into_write_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "reach", SMALL, "--from", "a");
  check_output_option(0, "json", "reach", SMALL, "--from", "a", "--format", "json");
  check_output_option(0, "svg", "reach", SMALL, "--from", "a", "--format", "svg");
  check_output_option(CP_EXIT_NO_ROUTE, "txt", "reach", SMALL, "--from", "e");
  check_output_option(0, "txt", "into", SMALL, "--to", "d");
  check_output_option(0, "dot", "into", SMALL, "--to", "d", "--format", "dot");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reach_lists_roles_within_limits),
      cmocka_unit_test(into_lists_every_way_in),
      cmocka_unit_test(reach_and_into_write_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
