/* test_cli_route.c: `careerpath route` in-process (cmd_route.c, route_text.c, route_json.c,
 * route_html.c): one question in each format, trade-offs, limits, credentials held, -o. */
#include "cli_test.h"

#include <jansson.h>

static void route_text_lists_steps_and_totals(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "Alpha Role", "--to", "EPSILON");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Fastest route from Alpha Role to Epsilon:");
  assert_contains(r->out, "1. Alpha Role -> Beta\n     6 months, $1,000, effort 2 of 5 (moderate); "
                          "requires: X, Y");
  assert_contains(r->out, "3. Delta -> Epsilon\n     12 months (1 year), $2,000");
  assert_contains(r->out, "Total: 3 steps, 24 months (2 years), $8,000, effort 9 (hardest step: "
                          "demanding)");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--by", "cost", "--k", "3");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Route 3 of 3");
}

static void route_json_has_the_documented_shape(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "--by", "effort", "--k", "2",
                      "--format", "json");
  assert_int_equal(r->code, 0);
  json_error_t je;
  json_t *root = json_loads(r->out, 0, &je);
  if (!root)
    fail_msg("JSON does not parse: %s", je.text);
  assert_string_equal(json_string_value(json_object_get(root, "from")), "a");
  assert_string_equal(json_string_value(json_object_get(root, "by")), "effort");
  json_t *routes = json_object_get(root, "routes");
  assert_int_equal(json_array_size(routes), 2);
  json_t *first = json_array_get(routes, 0);
  json_t *roles = json_object_get(first, "roles");
  assert_int_equal(json_array_size(roles), 3);
  assert_string_equal(json_string_value(json_array_get(roles, 1)), "c");
  assert_string_equal(json_string_value(json_array_get(json_object_get(first, "labels"), 1)),
                      "Gamma");
  assert_int_equal(json_integer_value(json_object_get(first, "steps")), 2);
  assert_int_equal(json_integer_value(json_object_get(first, "months")), 15);
  assert_int_equal(json_integer_value(json_object_get(first, "cost")), 300);
  assert_int_equal(json_integer_value(json_object_get(first, "effort")), 3);
  assert_true(json_integer_value(json_object_get(json_array_get(routes, 1), "effort")) >= 3);
  json_decref(root);
}

static void no_route_exits_1_with_empty_routes(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "Island", "--format", "json");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "no route from 'Alpha Role' to 'Island'");
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  assert_int_equal(json_array_size(json_object_get(root, "routes")), 0);
  json_decref(root);
  r = run("route", SMALL, "--from", "e", "--to", "a");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_string_equal(r->out, "No route from Epsilon to Alpha Role.\n"
                              "Nothing leads into Alpha Role: it is a starting role.\n");
  /* A drawing of no route is nothing at all. */
  r = run("route", SMALL, "--from", "e", "--to", "a", "--format", "svg");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_int_equal(r->out_len, 0);
}

static void route_usage_errors(void **state) {
  (void)state;
  static const cli_case cases[] = {
      {{"route", "--from", "a"}, CP_EXIT_USAGE, "--from and --to are required"},
      {{"route", "--from", "a", "--to", "b", "--by", "salary"},
       CP_EXIT_USAGE,
       "unknown criterion 'salary'"},
      {{"route", "--from", "a", "--to", "b", "--k", "0"},
       CP_EXIT_USAGE,
       "--k needs a whole number"},
      {{"route", "--from", "a", "--to", "b", "--k", "3x"},
       CP_EXIT_USAGE,
       "--k needs a whole number"},
      {{"route", "--from", "a", "--to", "b", "--format", "gif"},
       CP_EXIT_USAGE,
       "unknown format 'gif' (choose from text, json, dot, svg, html, png, pdf)"},
      {{"route", "--from", "a", "--to", "b", "--k", "2", "--format", "svg"},
       CP_EXIT_USAGE,
       "draws one route"},
      {{"route", "--from", "a", "--to", "b", "--pareto", "months,cost", "--k", "2"},
       CP_EXIT_USAGE,
       "drop --k"},
      {{"route", "--batch", "q.csv", "--from", "a"},
       CP_EXIT_USAGE,
       "--batch takes from and to from its rows"},
  };
  check_cases(cases);
}

static void bad_input_exits_3(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "Alpah Role", "--to", "d");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "did you mean 'Alpha Role' (a)?");
  r = run("route", "/nonexistent.gv", "--from", "a", "--to", "b");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "/nonexistent.gv: cannot open");
  r = run("route", CP_TEST_DATA "/bad/missing-criterion.csv", "--from", "a", "--to", "b");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "try --by steps");
}

/* The page is one file with the drawing inline and a step table that says what the JSON
 * answer says. */
static void route_html_is_a_self_contained_page(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "html");
  assert_int_equal(r->code, 0);
  xmlDocPtr doc = xmlReadMemory(r->out, (int)r->out_len, "p.html", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  char got[1024];
  cli_test_xpath(doc, "//h:h1", got, sizeof got);
  assert_string_equal(got, "Alpha Role to Epsilon, fastest: 3 steps, 24 months (2 years), $8,000");
  cli_test_xpath(doc, "//h:figure/s:svg//s:g[@id='route_node_3']/s:title", got, sizeof got);
  assert_string_equal(got, "Epsilon");
  cli_test_xpath(doc, "//h:tbody/h:tr/h:td[2]", got, sizeof got);
  assert_string_equal(got, "Alpha Role|Beta|Delta");
  cli_test_xpath(doc, "//h:tbody/h:tr/h:td[4]", got, sizeof got);
  assert_string_equal(got, "6|6|12");
  cli_test_xpath(doc, "//h:tbody/h:tr/h:td[5]", got, sizeof got);
  assert_string_equal(got, "$1,000|$5,000|$2,000");
  cli_test_xpath(doc, "//h:tbody/h:tr[1]/h:td[@class='requires']", got, sizeof got);
  assert_string_equal(got, "X, Y");
  cli_test_xpath(doc, "//h:tfoot//h:td[1]", got, sizeof got);
  assert_string_equal(got, "24");
  assert_null(strstr(r->out, "src=")); /* nothing loaded from elsewhere */
  assert_null(strstr(r->out, "href="));
  xmlFreeDoc(doc);
}

/* Hostile names: no markup comes through. */
static void route_html_keeps_names_as_text(void **state) {
  (void)state;
  char dir[64], gv[128], got[1024];
  cli_test_dir(dir, sizeof dir);
  snprintf(gv, sizeof gv, "%s/evil.gv", dir);
  cli_test_write(gv, "digraph { a [label=\"A <b>x</b> & \\\"y\\\"\"]; b [label=\"</td><script>\"]; "
                     "a -> b [months=1, note=\"<i>n</i>\"]; }");
  run_result *r = run("route", gv, "--from", "a", "--to", "b", "--format", "html");
  assert_int_equal(r->code, 0);
  xmlDocPtr doc = xmlReadMemory(r->out, (int)r->out_len, "p.html", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  cli_test_xpath(doc, "//h:tbody/h:tr/h:td[2]", got, sizeof got);
  assert_string_equal(got, "A <b>x</b> & \"y\"");
  cli_test_xpath(doc, "//h:tbody/h:tr/h:td[3]", got, sizeof got);
  assert_string_equal(got, "</td><script>");
  cli_test_xpath(doc, "//h:tbody/h:tr/h:td[10]", got, sizeof got);
  assert_string_equal(got, "<i>n</i>");
  cli_test_xpath(doc, "//h:script|//h:b|//h:i", got, sizeof got);
  assert_string_equal(got, "");
  xmlFreeDoc(doc);
  cli_test_rmdir(dir);
}

static void route_drawings(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "dot");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "digraph");
  assert_contains(r->out, "route_node_3");
  r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "png");
  assert_int_equal(r->code, 0);
  assert_memory_equal(r->out, "\x89PNG\r\n\x1a\n", 8);
  r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "pdf");
  assert_int_equal(r->code, 0);
  assert_memory_equal(r->out, "%PDF-", 5);
}

static void csv_graphs_with_roles_work_end_to_end(void **state) {
  (void)state;
  run_result *r = run("route", CP_TEST_DATA "/csv/transitions.csv", "--from", "systems analyst",
                      "--to", "clinical informaticist", "--by", "cost");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Systems Analyst -> Clinical Informaticist");
  r = run("route", CP_TEST_DATA "/csv/transitions.csv", "--roles", CP_TEST_DATA "/csv/roles.csv",
          "--from", "sa", "--to", "ci", "--by", "months");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Total: 2 steps, 24 months");
  /* credentials.csv beside the graph: holding the degree takes 24 months and $35,000 off
   * da -> ci (18 months, $2,500: floored at 0). */
  r = run("route", CP_TEST_DATA "/csv/transitions.csv", "--from", "sa", "--to", "ci", "--by",
          "months", "--have", "MS health informatics");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Total: 2 steps, 6 months, $0");
  r = run("route", "--roles", CP_TEST_DATA "/csv/roles.csv", "--from", "a", "--to", "b");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--roles goes with a table graph (CSV or TSV) given as GRAPH");
}

static void trade_offs_limits_and_pareto_from_the_command_line(void **state) {
  (void)state;
  /* small.gv: a-b-d 12 months $6,000; a-c-d 15 months $300; a-d 30 months $0. A month worth
   * $100: a-b-d 1200+6000, a-c-d 1500+300, a-d 3000+0: a-c-d is best. */
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "--by", "months=100,cost=1");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Best route from Alpha Role to Delta, trade-off months=100, cost=1:");
  assert_contains(r->out, "Alpha Role -> Gamma");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--budget", "1000");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Within $1,000.");
  assert_contains(r->out, "Total: 2 steps, 15 months (1.3 years), $300");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--max-months", "10");
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "within these limits");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--avoid-domain", "D1", "--by", "cost", "--k",
          "3");
  assert_int_equal(r->code, 0);
  assert_null(strstr(r->out, "Beta"));
  r = run("route", SMALL, "--from", "a", "--to", "d", "--pareto", "months,cost", "--format",
          "json");
  assert_int_equal(r->code, 0);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  assert_string_equal(json_string_value(json_object_get(root, "by")), "pareto");
  assert_int_equal(json_array_size(json_object_get(root, "routes")), 3);
  json_decref(root);
  r = run("route", SMALL, "--from", "a", "--to", "d", "--via", "b", "--by", "cost");
  assert_contains(r->out, "Through Beta.");
  assert_contains(r->out, "$6,000");
  const char *bad[][2] = {{"--by", "months=x"}, {"--by", "months=0"},    {"--pareto", "months"},
                          {"--budget", "-5"},   {"--max-steps", "many"}, {"--within", "months"},
                          {"--within", "x=1"},  {"--within", "months=t"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    r = run("route", SMALL, "--from", "a", "--to", "d", bad[i][0], bad[i][1]);
    if (r->code != CP_EXIT_USAGE)
      fail_msg("%s %s: exit %d", bad[i][0], bad[i][1], r->code);
  }
  /* A value longer than its buffer is refused, not parsed cut off. */
  char long_by[400] = "";
  for (size_t i = 0; i < 30; i++)
    strcat(long_by, "months=1,");
  strcat(long_by, "cost=1");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--by", long_by);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--by is too long");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--avoid-domain", "nowhere");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "no role has domain 'nowhere'");
}

static void credentials_held_shorten_the_route(void **state) {
  (void)state;
  /* Built-in graph: Health IT Specialist -> Project Manager is 36 months and $1,055 with the
   * PMP to earn (catalogue: 3 months, $1,055). */
  run_result *r =
      run("route", "--from", "health-it-specialist", "--to", "project-manager", "--by", "cost");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "36 months (3 years), $1,055, effort 4 of 5 (demanding); to earn: PMP");
  r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--by", "cost",
          "--have", "pmp");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Holding PMP."); /* as the graph names it */
  assert_contains(r->out,
                  "33 months (2.8 years), $0, effort 4 of 5 (demanding); already held: PMP");
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/have.txt", dir);
  cli_test_write(path, "# what I hold\n\nPMP\r\n");
  r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--by", "cost",
          "--have-file", path);
  assert_int_equal(r->code, 0);
  assert_contains(r->out,
                  "33 months (2.8 years), $0, effort 4 of 5 (demanding); already held: PMP");
  cli_test_rmdir(dir);
  r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--have",
          "Pilot licence");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "'Pilot licence' matches no credential or requirement of built-in");
  assert_contains(r->err, "'SQL and visualisation'"); /* what the graph knows, requirements too */
}

/* -o for every format route writes. */
static void route_writes_every_format_with_o(void **state) {
  (void)state;
  static const char *const formats[] = {"text", "json", "dot", "svg", "html", "png", "pdf"};
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    check_output_option(0, formats[i], "route", SMALL, "--from", "a", "--to", "e", "--format",
                        formats[i]);
  /* No route: the (empty) text and the JSON are still written, and the run exits 1. */
  check_output_option(CP_EXIT_NO_ROUTE, "json", "route", SMALL, "--from", "e", "--to", "a",
                      "--format", "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(route_text_lists_steps_and_totals),
      cmocka_unit_test(route_json_has_the_documented_shape),
      cmocka_unit_test(no_route_exits_1_with_empty_routes),
      cmocka_unit_test(route_usage_errors),
      cmocka_unit_test(bad_input_exits_3),
      cmocka_unit_test(route_html_is_a_self_contained_page),
      cmocka_unit_test(route_html_keeps_names_as_text),
      cmocka_unit_test(route_drawings),
      cmocka_unit_test(csv_graphs_with_roles_work_end_to_end),
      cmocka_unit_test(trade_offs_limits_and_pareto_from_the_command_line),
      cmocka_unit_test(credentials_held_shorten_the_route),
      cmocka_unit_test(route_writes_every_format_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  xmlCleanupParser();
  return rc;
}
