/* test_cli_centrality.c: `careerpath centrality` in-process (cmd_centrality.c); -o. */
#include "cli_test.h"

#include <jansson.h>

/* small.gv by betweenness over moves: only b, c and d lie between others; d (on a-d-e and
 * the routes through b and c into e) ranks first. Ties keep graph order. */
static void centrality_ranks_roles(void **state) {
  (void)state;
  run_result *r = run("centrality", SMALL, "--format", "csv", "--top", "3");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "rank,role,betweenness\n1,d,");
  r = run("centrality", SMALL, "--measure", "degree", "--format", "json");
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  json_t *roles = json_object_get(o, "roles");
  assert_int_equal(json_array_size(roles), 6);
  assert_string_equal(json_string_value(json_object_get(json_array_get(roles, 0), "role")), "d");
  assert_string_equal(json_string_value(json_object_get(o, "measure")), "degree");
  for (size_t i = 0; i + 1 < json_array_size(roles); i++) {
    double a = json_number_value(json_object_get(json_array_get(roles, i), "score"));
    double b = json_number_value(json_object_get(json_array_get(roles, i + 1), "score"));
    assert_true(a >= b);
  }
  json_decref(o);
  r = run("centrality", SMALL, "--by", "months");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, SMALL " by betweenness, routes by months (top 6 of 6 roles)\n");
}

static void centrality_errors(void **state) {
  (void)state;
  run_result *r = run("centrality", "--measure", "fame");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "unknown measure 'fame'");
  r = run("centrality", "--measure", "pagerank", "--by", "months");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--by goes with betweenness and closeness");
  r = run("centrality", "--top", "0");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("centrality", SMALL, "--measure", "strength");
  assert_int_equal(r->code, CP_EXIT_INPUT);
}

static void centrality_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "centrality");
  check_output_option(0, "csv", "centrality", SMALL, "--format", "csv");
  check_output_option(0, "json", "centrality", "--measure", "pagerank", "--format", "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(centrality_ranks_roles),
      cmocka_unit_test(centrality_errors),
      cmocka_unit_test(centrality_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
