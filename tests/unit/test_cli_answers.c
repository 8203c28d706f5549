/* test_cli_answers.c: issue 14's acceptance through the command line, in-process, on the
 * built-in graph: names as people type them, why there is no route, near misses, what holding
 * a degree does to a route, and figures in plain words (what-if: test_cli_whatif.c). */
#include "cli_test.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>

/* The id `route --format json` resolved --from to (the JSON is printed with or without a
 * route). */
static void assert_from_is(const char *typed, const char *id) {
  run_result *r = run("route", "--from", typed, "--to", "cnio", "--format", "json");
  json_t *root = json_loads(r->out, 0, NULL);
  if (!root)
    fail_msg("'%s': no JSON (exit %d): %s", typed, r->code, r->err);
  assert_string_equal(json_string_value(json_object_get(root, "from")), id);
  json_decref(root);
}

/* Acceptance 1: each name the issue found failing resolves to the role meant, or lists the
 * candidates when it is several roles' ("nurse"). */
static void names_as_people_type_them(void **state) {
  (void)state;
  assert_from_is("data analyst", "general-data-analyst");
  assert_from_is("chief medical information officer", "cmio");
  assert_from_is("project manager", "project-manager");
  assert_from_is("data scientist", "health-data-scientist");
  assert_from_is("RN", "registered-nurse");
  assert_from_is("MD", "physician");
  assert_from_is("Registered Nurses", "registered-nurse");
  assert_from_is("29-1141", "registered-nurse");
  run_result *r = run("route", "--from", "nurse", "--to", "cnio");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "'nurse' is 4 roles in built-in health-informatics graph");
  assert_contains(r->err, "  Registered Nurse (registered-nurse, clinical-practice)\n");
  assert_contains(r->err, "  Nurse Manager (nurse-manager, leadership)\n");
  /* A close spelling is taken, with a note. */
  r = run("route", "--from", "registred nurse", "--to", "cnio");
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "note: ");
  assert_contains(r->out, "from Registered Nurse to Chief Nursing Information Officer (CNIO)");
  /* The README's trade-off example. */
  r = run("route", "--from", "data analyst", "--to", "clinical informaticist", "--by",
          "months=1,cost=0.0005");
  assert_int_equal(r->code, 0);
}

/* Acceptance 2: the data analyst cannot reach the CMIO: exit 1, and the medical licence that
 * bars the way is named in text and in JSON. */
static void no_route_names_the_gate(void **state) {
  (void)state;
  run_result *r = run("route", "--from", "data analyst", "--to", "cmio");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->out, "Chief Medical Information Officer (CMIO) is entered only from "
                          "Clinical Informatics Fellow, Physician Informaticist or Medical "
                          "Director.");
  assert_contains(r->out, "Every way in starts as Physician (requires medical degree (MD or DO), "
                          "residency and medical licence)");
  r = run("route", "--from", "data analyst", "--to", "cmio", "--format", "json");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *why = json_array_get(json_object_get(root, "no_route"), 0);
  assert_string_equal(json_string_value(json_object_get(why, "reason")), "closed");
  json_t *start = json_array_get(json_object_get(why, "starts"), 0);
  assert_string_equal(json_string_value(json_object_get(start, "role")), "physician");
  json_t *req = json_object_get(start, "requires");
  assert_string_equal(json_string_value(json_array_get(req, json_array_size(req) - 1)),
                      "medical licence");
  json_decref(root);
}

/* Acceptance 3: RN to CNIO within $10,000 and 36 months: the fastest and the cheapest, each
 * with how far it passes each limit; a --k cut short says by what. */
static void near_misses_under_limits(void **state) {
  (void)state;
  run_result *r =
      run("route", "--from", "RN", "--to", "CNIO", "--budget", "10000", "--max-months", "36");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->out, "  Fastest: 84 months (7 years), $60,695, effort 8: 48 months (4 years) "
                          "over your limit of 36 months (3 years); $50,695 over your budget of "
                          "$10,000.\n");
  assert_contains(r->out, "  Cheapest: 96 months (8 years), $695, effort 7: 60 months (5 years) "
                          "over your limit of 36 months (3 years); within your budget of "
                          "$10,000.\n");
  r = run("route", "--from", "RN", "--to", "CNIO", "--budget", "10000", "--max-months", "36",
          "--format", "json");
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *near = json_object_get(root, "near_misses");
  assert_int_equal(json_array_size(near), 2);
  json_t *fastest = json_object_get(json_array_get(near, 0), "excess");
  assert_int_equal(json_integer_value(json_object_get(fastest, "months")), 48);
  assert_int_equal(json_integer_value(json_object_get(fastest, "cost")), 50695);
  json_decref(root);
  r = run("route", "--from", "RN", "--to", "CNIO", "--max-months", "90", "--k", "5");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Only 2 of the 5 routes asked are within the limits. Of the 5 best "
                          "without them, 3 take longer than 90 months (7.5 years).\n");
}

/* Acceptance 5: holding the degree, the route has no enrolment step and says it is held; a
 * part of a requirement (SQL) is matched by word, the rest named. */
static void holding_a_degree_skips_its_steps(void **state) {
  (void)state;
  run_result *r = run("route", "--from", "data analyst", "--to", "clinical informaticist", "--have",
                      "MS health informatics");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "  Already held: MS health informatics (Data or Business Analyst -> "
                          "Health Informatics Master's Graduate)\n");
  assert_null(strstr(r->out, "enrol"));
  assert_null(strstr(r->out, ". Data or Business Analyst -> Health Informatics Master's"));
  assert_contains(r->out, "Total: 2 steps (and 1 already held)");
  r = run("route", "--from", "health it specialist", "--to", "health data scientist", "--have",
          "SQL");
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "note: 'SQL' is part of 'SQL and visualisation'");
  assert_contains(r->out, "SQL and visualisation (partly held; still to get: visualisation)");
}

/* Every "N months" over 11 is followed by its years. */
static void assert_years_beside_months(const char *text) {
  for (const char *p = strstr(text, " months"); p; p = strstr(p + 1, " months")) {
    const char *q = p;
    while (q > text && (isdigit((unsigned char)q[-1]) || q[-1] == '.'))
      q--;
    if (q == p || atof(q) <= 11)
      continue;
    if (strncmp(p, " months (", 9) != 0)
      fail_msg("no years beside '%.40s'", q);
  }
}

/* Acceptance 6: tables print labels, and durations over 11 months their years; the tuition of
 * a degree is paid on the way into it. */
static void plain_words_in_every_table(void **state) {
  (void)state;
  run_result *r = run("reach", "--from", "student");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "  Registered Nurse  ");
  assert_null(strstr(r->out, "registered-nurse"));
  assert_contains(r->out, "Health Informatics Master's Graduate          1  24 months (2 years)"
                          "       $35,000");
  assert_contains(r->out, "Effort is summed over the steps, each 1 (light) to 5 (very "
                          "demanding).");
  assert_years_beside_months(r->out);
  const char *const commands[][9] = {
      {"into", "--to", "cmio"},
      {"route", "--from", "RN", "--to", "CNIO", "--k", "3"},
      {"route", "--from", "student", "--to", "cmio", "--to", "cnio"},
      {"whatif", "--from", "registered-nurse", "--to", "cnio", "--by", "cost"},
      {"roles", "--describe", "physician"}};
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
    r = cli_run_list(commands[i]);
    assert_true(r->code == 0 || r->code == CP_EXIT_NO_ROUTE);
    assert_years_beside_months(r->out);
  }
}

/* Several --to: the best route to any of them, saying which it reaches. */
static void either_goal(void **state) {
  (void)state;
  run_result *r = run("route", "--from", "RN", "--to", "cmio", "--to", "cnio");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Fastest route from Registered Nurse to Chief Nursing Information "
                          "Officer (CNIO) (of Chief Medical Information Officer (CMIO) or Chief "
                          "Nursing Information Officer (CNIO)):");
  r = run("route", "--from", "RN", "--to", "cmio", "--to", "cnio", "--format", "json");
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  assert_int_equal(json_array_size(json_object_get(root, "targets")), 2);
  assert_string_equal(json_string_value(json_object_get(
                          json_array_get(json_object_get(root, "routes"), 0), "target")),
                      "cnio");
  json_decref(root);
  r = run("reach", "--from", "RN", "--to", "cmio", "--to", "cnio");
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

/* Pay: each role's wage on the route, the payback, and its source with --sources. */
static void pay_and_payback(void **state) {
  (void)state;
  run_result *r = run("route", "--from", "RN", "--to", "CNIO", "--by", "cost", "--sources");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "  Pay: Registered Nurse $75,510 a year; Chief Nursing Information "
                          "Officer (CNIO) $152,860 a year (estimate); the rise of $77,350 a year "
                          "repays the route's $695 in 0.1 months.\n");
  assert_contains(r->out, "  Wage of Registered Nurse: BLS OES May 2018");
  assert_contains(r->out, "     Source: ");
  r = run("route", "--from", "RN", "--to", "CNIO", "--by", "payback", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *root = json_loads(r->out, 0, NULL);
  json_t *route = json_array_get(json_object_get(root, "routes"), 0);
  double p = json_number_value(json_object_get(route, "payback_months"));
  assert_true(p > 0.1 && p < 0.11); /* 695 / (77350 / 12) */
  json_decref(root);
  /* The handout too: each step's role's wage in the last column, the payback after the table. */
  r = run("route", "--from", "RN", "--to", "CNIO", "--format", "html");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<td class=\"wage n\">$94,990 a year</td></tr>");
  assert_contains(r->out, "<p class=\"pay\">Pay: Registered Nurse $75,510 a year;");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(names_as_people_type_them),
      cmocka_unit_test(no_route_names_the_gate),
      cmocka_unit_test(near_misses_under_limits),
      cmocka_unit_test(holding_a_degree_skips_its_steps),
      cmocka_unit_test(plain_words_in_every_table),
      cmocka_unit_test(either_goal),
      cmocka_unit_test(pay_and_payback),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
