/* test_cli_whatif.c: `careerpath whatif` in-process (cmd_whatif.c): credentials ranked by
 * what holding them saves; -o. */
#include "cli_test.h"

#include <jansson.h>

/* Built-in graph: Health IT Specialist -> Consultant takes 42 months through the
 * interoperability engineer move, which requires the HL7 FHIR certification (3 months, $315):
 * holding it saves exactly what earning it takes. */
static void whatif_ranks_credentials_by_net_effect(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "health-it-specialist", "--to", "consultant");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Now: 2 steps, 42 months (3.5 years), $315.");
  assert_contains(r->out, "  1. HL7 FHIR certification: breaks even");
  assert_contains(r->out, "saving 3 months and $315; earning it takes 3 months and $315.");
  /* The eleven that change nothing share one line, and no row says "0 months". */
  assert_contains(r->out, "11 credentials would change nothing here: PMP, CAPM,");
  assert_null(strstr(r->out, "  2. "));
  r = run("whatif", "--from", "health-it-specialist", "--to", "consultant", "--format", "json");
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *top = json_array_get(json_object_get(root, "credentials"), 0);
  assert_string_equal(json_string_value(json_object_get(top, "credential")),
                      "HL7 FHIR certification");
  assert_int_equal(json_integer_value(json_object_get(top, "saves")), 3);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(top, "net"), "months")), 0);
  assert_int_equal(json_integer_value(json_object_get(root, "changing")), 1);
  json_decref(root);
}

/* Issue 14, acceptance 4: the data analyst's what-if shows net figures, and no credential with
 * a net loss ranks above one with a net gain (here and on a trade-off where several change
 * the route). */
static void whatif_never_ranks_a_loss_above_a_gain(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "general-data-analyst", "--to", "clinical-informaticist");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "  1. MS health informatics: costs 9 months and $34,800 more.");
  assert_contains(r->out, "saving 15 months (1.3 years) and $200; earning it takes 24 months "
                          "(2 years) and $35,000.");
  const char *const questions[][6] = {
      {"general-data-analyst", "clinical-informaticist", "months"},
      {"registered-nurse", "cnio", "months=1,cost=0.001"},
      {"student", "cnio", "cost"},
      {"health-systems-analyst", "nurse-informaticist", "months=1,cost=0.0005"}};
  for (size_t q = 0; q < sizeof questions / sizeof *questions; q++) {
    r = run("whatif", "--from", questions[q][0], "--to", questions[q][1], "--by", questions[q][2],
            "--format", "json");
    assert_int_equal(r->code, 0);
    json_t *root = json_loads(r->out, 0, NULL);
    assert_non_null(root);
    json_t *list = json_object_get(root, "credentials");
    size_t changing = (size_t)json_integer_value(json_object_get(root, "changing"));
    bool loss_seen = false;
    for (size_t i = 0; i < changing; i++) {
      json_t *o = json_array_get(list, i);
      if (json_is_true(json_object_get(o, "opens_a_route")))
        continue;
      double net = json_number_value(json_object_get(json_object_get(o, "net"), "objective"));
      if (net > 0)
        assert_false(loss_seen);
      loss_seen |= net < 0;
    }
    json_decref(root);
  }
}

/* No route now and none holding any one credential: said once, with the reason. */
static void whatif_without_any_route_says_so_once(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "general-data-analyst", "--to", "cmio");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Now: no route.");
  assert_contains(r->out, "medical licence");
  assert_contains(r->out, "Holding any one credential of the catalogue would not open a route.");
  assert_null(strstr(r->out, "- no route"));
  assert_null(strstr(r->out, "  1. "));
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
  assert_contains(r->out, "3 roles within the limits now");
  /* The roles a credential brings in are named. */
  assert_contains(r->out, "  1. MS health informatics: 1 more role (4 in all): Health "
                          "Informatics Consultant.");
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
      cmocka_unit_test(whatif_ranks_credentials_by_net_effect),
      cmocka_unit_test(whatif_never_ranks_a_loss_above_a_gain),
      cmocka_unit_test(whatif_without_any_route_says_so_once),
      cmocka_unit_test(whatif_within_counts_roles),
      cmocka_unit_test(whatif_errors),
      cmocka_unit_test(whatif_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
