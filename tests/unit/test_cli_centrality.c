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

#define GLASS CP_SOURCE_DIR "/data/mobility-tables/glass54.csv"

/* --top all, --measure all (a column each, ranked by betweenness, each column the same as
 * that measure alone), a header on the text table, and the warning on a complete graph. */
static void centrality_all_and_warnings(void **state) {
  (void)state;
  cp_graph *builtin = cp_test_builtin();
  size_t n = cp_graph_role_count(builtin), lines = 0;
  cp_graph_free(builtin);
  run_result *r = run("centrality", "--top", "all", "--format", "csv");
  assert_int_equal(r->code, 0);
  for (const char *p = r->out; *p; p++)
    lines += *p == '\n';
  assert_int_equal(lines, 1 + n); /* the header and every role of the built-in graph */
  r = run("centrality", "--top", "all");
  char top[64];
  snprintf(top, sizeof top, "(top %zu of %zu roles)\nrank  betweenness   role\n", n, n);
  assert_contains(r->out, top);
  r = run("centrality", GLASS, "--measure", "all", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *all = json_loads(r->out, 0, NULL);
  assert_string_equal(json_string_value(json_object_get(all, "measure")), "all");
  json_t *roles = json_object_get(all, "roles");
  assert_int_equal(json_array_size(roles), 5);
  static const char *const measures[] = {"betweenness", "pagerank", "closeness", "degree",
                                         "strength"};
  for (size_t m = 0; m < 5; m++) {
    r = run("centrality", GLASS, "--measure", measures[m], "--format", "json");
    json_t *one = json_loads(r->out, 0, NULL), *list = json_object_get(one, "roles");
    for (size_t i = 0; i < json_array_size(list); i++) {
      json_t *a = json_array_get(list, i);
      const char *id = json_string_value(json_object_get(a, "role"));
      for (size_t k = 0; k < json_array_size(roles); k++)
        if (!strcmp(id, json_string_value(json_object_get(json_array_get(roles, k), "role"))))
          assert_true(json_number_value(json_object_get(a, "score")) ==
                      json_number_value(json_object_get(json_array_get(roles, k), measures[m])));
    }
    json_decref(one);
  }
  json_decref(all);
  /* Glass's table is complete: betweenness 0 everywhere, and a warning says why. */
  r = run("centrality", GLASS);
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "warning: every role moves to every other (density 1)");
  r = run("centrality", GLASS, "--measure", "degree");
  assert_true(!strstr(r->err, "warning"));
  r = run("centrality", "--measure", "all", "--format", "csv");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "rank,role,betweenness,pagerank,closeness,degree\n");
  assert_contains(r->err, "no strength column");
  r = run("stats", GLASS);
  assert_contains(r->err, "warning: every role moves to every other (density 1)");
  r = run("stats", SMALL);
  assert_true(!strstr(r->err, "warning"));
  r = run("communities", GLASS);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "modularity");
  assert_contains(r->err, "warning: modularity is below 0.05");
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
      cmocka_unit_test(centrality_all_and_warnings),
      cmocka_unit_test(centrality_errors),
      cmocka_unit_test(centrality_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
