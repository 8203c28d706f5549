/* test_cli.c: the command line, run in-process: outputs, exit codes, files written. */
#include "cli.h"
#include "cp_test.h"

#include <dirent.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct run_result {
  int code;
  char out[65536];
  char err[4096];
} run_result;

static run_result result;

static char *slurp(FILE *f, char *buf, size_t cap) {
  rewind(f);
  size_t n = fread(buf, 1, cap - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* Runs `careerpath ARGS...` (NULL-terminated) and keeps its exit code, stdout and stderr. */
static run_result *run(const char *first, ...) {
  char *argv[32] = {(char *)"careerpath", (char *)first};
  int argc = 2;
  va_list ap;
  va_start(ap, first);
  const char *a;
  while ((a = va_arg(ap, const char *)) && argc < 31)
    argv[argc++] = (char *)a;
  va_end(ap);
  FILE *out = tmpfile(), *err = tmpfile();
  assert_non_null(out);
  assert_non_null(err);
  result.code = cp_cli_main(argc, argv, out, err);
  slurp(out, result.out, sizeof result.out);
  slurp(err, result.err, sizeof result.err);
  return &result;
}

#define SMALL CP_TEST_DATA "/small.gv"

static void every_command_has_help(void **state) {
  (void)state;
  run_result *r = run("--help", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Exit codes");
  const char *commands[] = {"route", "render", "roles", "validate", "reach", "into", "whatif"};
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
    r = run(commands[i], "--help", NULL);
    assert_int_equal(r->code, 0);
    char want[64];
    snprintf(want, sizeof want, "Usage: careerpath %s", commands[i]);
    assert_contains(r->out, want);
    assert_string_equal(r->err, "");
  }
  r = run("--version", NULL);
  assert_contains(r->out, "careerpath ");
}

static void usage_errors_exit_2_with_a_message(void **state) {
  (void)state;
  struct {
    const char *args[10];
    const char *message;
  } cases[] = {
      {{"frobnicate"}, "unknown command 'frobnicate'"},
      {{"route", "--from", "a"}, "--from and --to are required"},
      {{"route", "--from", "a", "--to", "b", "--by", "salary"}, "unknown criterion 'salary'"},
      {{"route", "--from", "a", "--to", "b", "--k", "0"}, "--k needs a whole number"},
      {{"route", "--from", "a", "--to", "b", "--k", "3x"}, "--k needs a whole number"},
      {{"route", "--from", "a", "--to", "b", "--format", "gif"}, "unknown format 'gif'"},
      {{"route", "--frm", "a"}, "unknown option '--frm'"},
      {{"route", "--from"}, "option '--from' needs a value"},
      {{"roles", "x.gv", "y.gv"}, "unexpected argument 'y.gv'"},
      {{"render", "--from", "a"}, "--from and --to go together"},
      {{"route", "--from", "a", "--to", "b", "--k", "2", "--format", "svg"}, "draws one route"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char **a = cases[i].args;
    run_result *r = run(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], NULL);
    if (r->code != CP_EXIT_USAGE)
      fail_msg("case %zu: exit %d, stderr: %s", i, r->code, r->err);
    assert_contains(r->err, cases[i].message);
  }
  run_result *r =
      run("route", "--from", "a", "--to", "b", "--k", "2", "--format", "svg", "-o", "x.svg", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

static void route_text_lists_steps_and_totals(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "Alpha Role", "--to", "EPSILON", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Route 1 of 1 from Alpha Role to Epsilon, by months:");
  assert_contains(r->out, "1. Alpha Role -> Beta\n     6 months, $1,000, effort 2; requires: X, Y");
  assert_contains(r->out, "Total: 3 steps, 24 months, $8,000, effort 9");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--by", "cost", "--k", "3", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Route 3 of 3");
}

static void route_json_has_the_documented_shape(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "--by", "effort", "--k", "2",
                      "--format", "json", NULL);
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
  run_result *r = run("route", SMALL, "--from", "a", "--to", "Island", "--format", "json", NULL);
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "no route from 'Alpha Role' to 'Island'");
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  assert_int_equal(json_array_size(json_object_get(root, "routes")), 0);
  json_decref(root);
  r = run("route", SMALL, "--from", "e", "--to", "a", NULL);
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_string_equal(r->out, "");
}

static void bad_input_exits_3(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "Alpah Role", "--to", "d", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "did you mean 'Alpha Role' (a)?");
  r = run("route", "/nonexistent.gv", "--from", "a", "--to", "b", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "/nonexistent.gv: cannot open");
  r = run("validate", CP_TEST_DATA "/bad/missing-to-column.csv", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "missing-to-column.csv:1:");
}

static bool only_file_in(const char *dir, const char *name) {
  DIR *d = opendir(dir);
  struct dirent *ent;
  bool ok = true;
  while ((ent = readdir(d)))
    if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..") && strcmp(ent->d_name, name))
      ok = false;
  closedir(d);
  return ok;
}

static void output_files_are_replaced_whole_or_not_at_all(void **state) {
  (void)state;
  char dir[] = "/tmp/cp-cli-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[128], copy[128];
  snprintf(path, sizeof path, "%s/route.json", dir);
  FILE *f = fopen(path, "w");
  fputs("earlier good output", f);
  fclose(f);
  /* A failing run (unknown role) leaves the earlier file as it was and nothing beside it. */
  run_result *r = run("route", SMALL, "--from", "nobody", "--to", "d", "-o", path, NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  f = fopen(path, "r");
  char buf[64] = "";
  assert_non_null(fgets(buf, sizeof buf, f));
  fclose(f);
  assert_string_equal(buf, "earlier good output");
  assert_true(only_file_in(dir, "route.json"));
  /* A good run replaces it, with ordinary permissions. */
  r = run("route", SMALL, "--from", "a", "--to", "d", "--format", "json", "-o", path, NULL);
  assert_int_equal(r->code, 0);
  assert_string_equal(r->out, "");
  json_t *root = json_load_file(path, 0, NULL);
  assert_non_null(root);
  json_decref(root);
  assert_true(only_file_in(dir, "route.json"));
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  mode_t mask = umask(0);
  umask(mask);
  assert_int_equal(sb.st_mode & 0777, 0666 & ~mask);
  /* A directory that does not exist: exit 4, and no temporary file anywhere. */
  snprintf(copy, sizeof copy, "%s/missing/route.json", dir);
  r = run("route", SMALL, "--from", "a", "--to", "d", "-o", copy, NULL);
  assert_int_equal(r->code, CP_EXIT_OUTPUT);
  assert_contains(r->err, "cannot write");
  /* The output may not be the input. */
  snprintf(copy, sizeof copy, "%s/g.gv", dir);
  f = fopen(copy, "w");
  fputs("digraph { a -> b [months=1] }", f);
  fclose(f);
  r = run("render", copy, "--format", "dot", "-o", copy, NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "is the input file");
  f = fopen(copy, "r");
  assert_non_null(fgets(buf, sizeof buf, f));
  fclose(f);
  assert_string_equal(buf, "digraph { a -> b [months=1] }");
  unlink(copy);
  unlink(path);
  rmdir(dir);
}

/* Devices are written in place, never replaced by a rename; a full disk is exit 4 with the
 * earlier file left byte for byte and no temporary file behind. */
static void full_disks_and_devices_leave_outputs_intact(void **state) {
  (void)state;
  struct stat sb;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "-o", "/dev/null", NULL);
  assert_int_equal(r->code, 0);
  assert_int_equal(stat("/dev/null", &sb), 0);
  assert_true(S_ISCHR(sb.st_mode));
  if (stat("/dev/full", &sb) == 0) {
    r = run("route", SMALL, "--from", "a", "--to", "d", "-o", "/dev/full", NULL);
    assert_int_equal(r->code, CP_EXIT_OUTPUT);
    assert_contains(r->err, "cannot write '/dev/full'");
    assert_int_equal(stat("/dev/full", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
  }
  /* A file-size limit makes write() fail part way, as a full disk does. */
  char dir[] = "/tmp/cp-full-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[128];
  snprintf(path, sizeof path, "%s/map.svg", dir);
  FILE *f = fopen(path, "w");
  fputs("earlier good drawing\n", f);
  fclose(f);
  struct rlimit old, small = {0};
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  small.rlim_cur = 4096;
  small.rlim_max = old.rlim_max;
  void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
  r = run("render", "-o", path, NULL); /* the built-in map: far over 4 KiB */
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, previous);
  assert_int_equal(r->code, CP_EXIT_OUTPUT);
  assert_contains(r->err, "cannot write");
  char buf[64] = "";
  f = fopen(path, "r");
  assert_non_null(fgets(buf, sizeof buf, f));
  fclose(f);
  assert_string_equal(buf, "earlier good drawing\n");
  assert_true(only_file_in(dir, "map.svg"));
  unlink(path);
  rmdir(dir);
}

static void render_writes_svg_that_parses(void **state) {
  (void)state;
  run_result *r = run("render", SMALL, "--from", "a", "--to", "e", "--by", "cost", NULL);
  assert_int_equal(r->code, 0);
  xmlDocPtr doc = xmlReadMemory(r->out, (int)strlen(r->out), "x.svg", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  xmlFreeDoc(doc);
  assert_contains(r->out, "route_edge_0");
  r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "dot", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "digraph");
  assert_contains(r->out, "route_node_3");
}

static void render_draws_pieces_of_a_map(void **state) {
  (void)state;
  run_result *r = run("render", SMALL, "--focus", "Beta", "--radius", "1", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<title>Alpha Role</title>");
  assert_null(strstr(r->out, "<title>Epsilon</title>"));
  r = run("render", SMALL, "--domain", "d3", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<title>Island</title>");
  assert_null(strstr(r->out, "<title>Alpha Role</title>"));
  r = run("render", SMALL, "--top", "1", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<title>Delta</title>");
  assert_null(strstr(r->out, "<title>Beta</title>"));
  r = run("render", SMALL, "--layout", "circo", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("render", SMALL, "--domain", "d9", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  r = run("render", SMALL, "--focus", "nobody", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
}

/* The text of every node matching `expr` in `doc`, joined by '|'. */
static void xpath_all(xmlDocPtr doc, const char *expr, char *out, size_t n) {
  xmlXPathContextPtr xp = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(xp, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
  xmlXPathRegisterNs(xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, xp);
  out[0] = '\0';
  for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
    xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
    if (i)
      strncat(out, "|", n - strlen(out) - 1);
    strncat(out, (const char *)t, n - strlen(out) - 1);
    xmlFree(t);
  }
  xmlXPathFreeObject(o);
  xmlXPathFreeContext(xp);
}

/* The page is one file with the drawing inline and a step table that says what the JSON
 * answer says; names stay text. */
static void route_html_is_a_self_contained_page(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "html", NULL);
  assert_int_equal(r->code, 0);
  xmlDocPtr doc = xmlReadMemory(r->out, (int)strlen(r->out), "p.html", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  char got[1024];
  xpath_all(doc, "//h:h1", got, sizeof got);
  assert_string_equal(got, "Alpha Role to Epsilon, by months: 3 steps, 24 months, $8,000");
  xpath_all(doc, "//h:figure/s:svg//s:g[@id='route_node_3']/s:title", got, sizeof got);
  assert_string_equal(got, "Epsilon");
  xpath_all(doc, "//h:tbody/h:tr/h:td[2]", got, sizeof got);
  assert_string_equal(got, "Alpha Role|Beta|Delta");
  xpath_all(doc, "//h:tbody/h:tr/h:td[4]", got, sizeof got);
  assert_string_equal(got, "6|6|12");
  xpath_all(doc, "//h:tbody/h:tr/h:td[5]", got, sizeof got);
  assert_string_equal(got, "$1,000|$5,000|$2,000");
  xpath_all(doc, "//h:tbody/h:tr[1]/h:td[@class='requires']", got, sizeof got);
  assert_string_equal(got, "X, Y");
  xpath_all(doc, "//h:tfoot//h:td[1]", got, sizeof got);
  assert_string_equal(got, "24");
  assert_null(strstr(r->out, "src=")); /* nothing loaded from elsewhere */
  assert_null(strstr(r->out, "href="));
  xmlFreeDoc(doc);
  /* Hostile names: no markup comes through. */
  char path[] = "/tmp/cp-evil-XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  fputs("digraph { a [label=\"A <b>x</b> & \\\"y\\\"\"]; b [label=\"</td><script>\"]; "
        "a -> b [months=1, note=\"<i>n</i>\"]; }",
        f);
  fclose(f);
  char gv[64];
  snprintf(gv, sizeof gv, "%s.gv", path);
  rename(path, gv);
  r = run("route", gv, "--from", "a", "--to", "b", "--format", "html", NULL);
  unlink(gv);
  assert_int_equal(r->code, 0);
  doc = xmlReadMemory(r->out, (int)strlen(r->out), "p.html", NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  xpath_all(doc, "//h:tbody/h:tr/h:td[2]", got, sizeof got);
  assert_string_equal(got, "A <b>x</b> & \"y\"");
  xpath_all(doc, "//h:tbody/h:tr/h:td[3]", got, sizeof got);
  assert_string_equal(got, "</td><script>");
  xpath_all(doc, "//h:tbody/h:tr/h:td[10]", got, sizeof got);
  assert_string_equal(got, "<i>n</i>");
  xmlXPathContextPtr xp = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(xp, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "//h:script|//h:b|//h:i", xp);
  assert_int_equal(o->nodesetval ? o->nodesetval->nodeNr : 0, 0);
  xmlXPathFreeObject(o);
  xmlXPathFreeContext(xp);
  xmlFreeDoc(doc);
}

/* 50 students, 3 bad rows (an unknown role, a bad budget, a short row): 47 diagrams, an
 * index linking them, and 3 line-numbered errors. */
static void render_batch_draws_a_diagram_per_student(void **state) {
  (void)state;
  char dir[] = "/tmp/cp-students-XXXXXX";
  assert_non_null(mkdtemp(dir));
  run_result *r =
      run("render", "--batch", CP_TEST_DATA "/batch/students.csv", "--out-dir", dir, NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "students.csv:12: no role named 'Astronaut'");
  assert_contains(r->err, "students.csv:27: budget needs a number >= 0, not 'lots'");
  assert_contains(r->err, "students.csv:42: 2 fields, but the header has 6");
  assert_contains(r->err, "50 rows: 47 drawn, 0 without a route, 3 bad rows skipped");
  DIR *d = opendir(dir);
  struct dirent *ent;
  size_t svgs = 0;
  char path[512];
  while ((ent = readdir(d))) {
    if (!strstr(ent->d_name, ".svg"))
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc)
      fail_msg("%s does not parse", ent->d_name);
    xmlFreeDoc(doc);
    svgs++;
    unlink(path);
  }
  closedir(d);
  assert_int_equal(svgs, 47);
  snprintf(path, sizeof path, "%s/index.html", dir);
  xmlDocPtr index = xmlReadFile(path, NULL, XML_PARSE_NONET);
  assert_non_null(index);
  char got[8192];
  xpath_all(index, "//h:tbody/h:tr/h:td/h:a/@href", got, sizeof got);
  size_t links = 1;
  for (const char *p = got; (p = strchr(p, '|')); p++)
    links++;
  assert_int_equal(links, 47);
  assert_contains(got, "2-student-01.svg");
  xmlFreeDoc(index);
  unlink(path);
  rmdir(dir);
  r = run("render", "--batch", CP_TEST_DATA "/batch/students.csv", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

static void roles_lists_and_filters(void **state) {
  (void)state;
  run_result *r = run("roles", SMALL, "--domain", "D2", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Gamma");
  assert_contains(r->out, "Delta");
  assert_null(strstr(r->out, "Beta"));
  r = run("roles", SMALL, "--format", "json", NULL);
  json_t *arr = json_loads(r->out, 0, NULL);
  assert_int_equal(json_array_size(arr), 6);
  assert_string_equal(json_string_value(json_object_get(json_array_get(arr, 0), "label")),
                      "Alpha Role");
  json_decref(arr);
  r = run("roles", SMALL, "--domain", "nothing", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->err, "no role has domain 'nothing'");
}

static void validate_summarises(void **state) {
  (void)state;
  run_result *r = run("validate", SMALL, NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "valid");
  assert_contains(r->out, "roles: 6 in 3 domains (d1 2, d2 2, d3 2)");
  assert_contains(r->out, "isolated roles: 1 (z)");
  assert_contains(r->out, "dead ends (nothing leads out): 1 (e)");
  r = run("validate", SMALL, "--format", "json", NULL);
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  assert_int_equal(json_integer_value(json_object_get(o, "transitions")), 6);
  assert_int_equal(json_array_size(json_object_get(o, "entry_roles")), 1);
  json_decref(o);
}

static void csv_graphs_with_roles_work_end_to_end(void **state) {
  (void)state;
  run_result *r = run("route", CP_TEST_DATA "/csv/transitions.csv", "--from", "systems analyst",
                      "--to", "clinical informaticist", "--by", "cost", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Systems Analyst -> Clinical Informaticist");
  r = run("route", CP_TEST_DATA "/csv/transitions.csv", "--roles", CP_TEST_DATA "/csv/roles.csv",
          "--from", "sa", "--to", "ci", "--by", "months", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Total: 2 steps, 24 months");
  /* credentials.csv beside the graph: holding the degree takes 24 months and $35,000 off
   * da -> ci (18 months, $2,500: floored at 0). */
  r = run("route", CP_TEST_DATA "/csv/transitions.csv", "--from", "sa", "--to", "ci", "--by",
          "months", "--have", "MS health informatics", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Total: 2 steps, 6 months, $0");
}

static void trade_offs_limits_and_pareto_from_the_command_line(void **state) {
  (void)state;
  /* small.gv: a-b-d 12 months $6,000; a-c-d 15 months $300; a-d 30 months $0. A month worth
   * $100: a-b-d 1200+6000, a-c-d 1500+300, a-d 3000+0: a-c-d is best. */
  run_result *r =
      run("route", SMALL, "--from", "a", "--to", "d", "--by", "months=100,cost=1", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "by months=100, cost=1:");
  assert_contains(r->out, "Alpha Role -> Gamma");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--budget", "1000", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Within $1,000.");
  assert_contains(r->out, "Total: 2 steps, 15 months, $300");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--max-months", "10", NULL);
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "within these limits");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--avoid-domain", "D1", "--by", "cost", "--k",
          "3", NULL);
  assert_int_equal(r->code, 0);
  assert_null(strstr(r->out, "Beta"));
  r = run("route", SMALL, "--from", "a", "--to", "d", "--pareto", "months,cost", "--format", "json",
          NULL);
  assert_int_equal(r->code, 0);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  assert_string_equal(json_string_value(json_object_get(root, "by")), "pareto");
  assert_int_equal(json_array_size(json_object_get(root, "routes")), 3);
  json_decref(root);
  r = run("route", SMALL, "--from", "a", "--to", "d", "--via", "b", "--by", "cost", NULL);
  assert_contains(r->out, "Through Beta.");
  assert_contains(r->out, "$6,000");
  const char *bad[][2] = {{"--by", "months=x"},
                          {"--by", "months=0"},
                          {"--pareto", "months"},
                          {"--budget", "-5"},
                          {"--max-steps", "many"}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    r = run("route", SMALL, "--from", "a", "--to", "d", bad[i][0], bad[i][1], NULL);
    if (r->code != CP_EXIT_USAGE)
      fail_msg("%s %s: exit %d", bad[i][0], bad[i][1], r->code);
  }
  /* A value longer than its buffer is refused, not parsed cut off. */
  char long_by[400];
  memset(long_by, 0, sizeof long_by);
  for (size_t i = 0; i < 30; i++)
    strcat(long_by, "months=1,");
  strcat(long_by, "cost=1");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--by", long_by, NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--by is too long");
  r = run("route", SMALL, "--from", "a", "--to", "d", "--avoid-domain", "nowhere", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "no role has domain 'nowhere'");
}

static void credentials_held_shorten_the_route(void **state) {
  (void)state;
  /* Built-in graph: Health IT Specialist -> Project Manager is 36 months and $1,055 with the
   * PMP to earn (catalogue: 3 months, $1,055). */
  run_result *r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--by",
                      "cost", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "36 months, $1,055, effort 4; to earn: PMP");
  r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--by", "cost",
          "--have", "pmp", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Holding pmp.");
  assert_contains(r->out, "33 months, $0, effort 4; already held: PMP");
  char path[] = "/tmp/cp-have-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs("# what I hold\n\nPMP\r\n", f);
  fclose(f);
  r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--by", "cost",
          "--have-file", path, NULL);
  unlink(path);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "33 months, $0, effort 4; already held: PMP");
  r = run("route", "--from", "health-it-specialist", "--to", "project-manager", "--have",
          "Pilot licence", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "no credential named 'Pilot licence'");
}

static void batch_answers_every_good_row_and_reports_bad_ones(void **state) {
  (void)state;
  run_result *r =
      run("route", SMALL, "--batch", CP_TEST_DATA "/batch/queries.csv", "--format", "json", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  /* Lines 6 and 7 are bad (unknown role, unknown criterion); line 8 has no route. */
  assert_contains(r->err, "queries.csv:6: no role named 'nobody'");
  assert_contains(r->err, "queries.csv:7: unknown criterion 'salary'");
  assert_contains(r->err, "8 queries: 5 answered with a route, 1 with none, 2 bad rows skipped");
  /* Every row asks from 'a': they are answered together from one kept search, yet the
   * answers and the messages come out in file order. */
  assert_true(strstr(r->err, "queries.csv:6:") < strstr(r->err, "queries.csv:7:"));
  assert_true(strstr(r->err, "queries.csv:7:") < strstr(r->err, "8 queries:"));
  json_int_t previous = 0;
  size_t lines = 0;
  for (char *line = strtok(r->out, "\n"); line; line = strtok(NULL, "\n")) {
    json_t *o = json_loads(line, 0, NULL);
    if (!o)
      fail_msg("not one JSON object per line: %s", line);
    json_int_t at = json_integer_value(json_object_get(o, "line"));
    assert_true(at > previous);
    previous = at;
    size_t routes = json_array_size(json_object_get(o, "routes"));
    if (at == 3)
      assert_int_equal(routes, 2); /* k = 2 */
    if (at == 4)                   /* within $1,000: a-c-d */
      assert_string_equal(
          json_string_value(json_array_get(
              json_object_get(json_array_get(json_object_get(o, "routes"), 0), "roles"), 1)),
          "c");
    if (at == 8)
      assert_int_equal(routes, 0);
    json_decref(o);
    lines++;
  }
  assert_int_equal(lines, 6);
  /* With -o the answers replace the file whole once the batch is done. */
  char out[] = "/tmp/cp-batch-XXXXXX";
  int fd = mkstemp(out);
  assert_true(fd >= 0);
  close(fd);
  r = run("route", SMALL, "--batch", CP_TEST_DATA "/batch/queries.csv", "-o", out, NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_string_equal(r->out, "");
  FILE *f = fopen(out, "r");
  char line[256];
  size_t n = 0;
  while (fgets(line, sizeof line, f))
    n++;
  fclose(f);
  unlink(out);
  assert_int_equal(n, 6);
  r = run("route", SMALL, "--batch", CP_TEST_DATA "/batch/queries.csv", NULL);
  assert_contains(r->out,
                  "line 2: a -> d by months: 2 steps, 12 months, $6,000, effort 5: a > b > d");
  assert_contains(r->out, "line 9: a -> d by effort: 1 steps, 30 months, $0, effort 5: a > d");
}

/* small.gv by hand: from a within 15 months: b (6), c (12), d (12, through b); e is 24. */
static void reach_lists_roles_within_limits(void **state) {
  (void)state;
  run_result *r =
      run("reach", SMALL, "--from", "a", "--max-months", "15", "--format", "json", NULL);
  assert_int_equal(r->code, 0);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *list = json_object_get(root, "reachable");
  assert_int_equal(json_array_size(list), 3);
  assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "role")), "b");
  json_t *d = json_array_get(list, 2);
  assert_string_equal(json_string_value(json_object_get(d, "role")), "d");
  assert_string_equal(json_string_value(json_array_get(json_object_get(d, "roles"), 1)), "b");
  json_decref(root);
  r = run("reach", SMALL, "--from", "e", NULL);
  assert_int_equal(r->code, CP_EXIT_NO_ROUTE);
  assert_contains(r->err, "no role is reachable from 'Epsilon'");
  r = run("reach", SMALL, "--from", "a", "--to", "d", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("reach", SMALL, "--from", "a", "--within", "months=ten", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

/* Into d by cost: a directly ($0), c ($200), b ($5,000). */
static void into_lists_every_way_in(void **state) {
  (void)state;
  run_result *r = run("into", SMALL, "--to", "d", "--by", "cost", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Into Delta, by cost: 3 roles");
  const char *a = strstr(r->out, "\n  a "), *c = strstr(r->out, "\n  c "),
             *b = strstr(r->out, "\n  b ");
  assert_true(a && c && b && a < c && c < b);
  r = run("into", SMALL, "--to", "d", "--format", "svg", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "<svg");
  assert_null(strstr(r->out, "<title>Epsilon</title>")); /* e cannot reach d: not drawn */
  r = run("into", SMALL, "--from", "a", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
}

/* Built-in graph: Health IT Specialist -> Consultant takes 42 months through the
 * interoperability engineer move, which requires the HL7 FHIR certification (3 months). */
static void whatif_ranks_credentials_by_what_they_save(void **state) {
  (void)state;
  run_result *r = run("whatif", "--from", "health-it-specialist", "--to", "consultant", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Now: 2 steps, 42 months, $315.");
  assert_contains(r->out, "IF YOU HELD");
  const char *first = strstr(r->out, "\n  HL7 FHIR certification");
  assert_non_null(first);
  assert_contains(first, "3 months");
  assert_true(first < strstr(r->out, "\n  PMP"));
  r = run("whatif", "--from", "health-it-specialist", "--to", "consultant", "--format", "json",
          NULL);
  json_t *root = json_loads(r->out, 0, NULL);
  assert_non_null(root);
  json_t *top = json_array_get(json_object_get(root, "credentials"), 0);
  assert_string_equal(json_string_value(json_object_get(top, "credential")),
                      "HL7 FHIR certification");
  assert_int_equal(json_integer_value(json_object_get(top, "saves")), 3);
  json_decref(root);
  r = run("whatif", "--from", "registered-nurse", "--within", "months=36,cost=5000", NULL);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "roles within the limits now");
  r = run("whatif", "--from", "registered-nurse", NULL);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  r = run("whatif", SMALL, "--from", "a", "--to", "d", NULL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "has no credentials catalogue");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_command_has_help),
      cmocka_unit_test(usage_errors_exit_2_with_a_message),
      cmocka_unit_test(route_text_lists_steps_and_totals),
      cmocka_unit_test(route_json_has_the_documented_shape),
      cmocka_unit_test(no_route_exits_1_with_empty_routes),
      cmocka_unit_test(bad_input_exits_3),
      cmocka_unit_test(output_files_are_replaced_whole_or_not_at_all),
      cmocka_unit_test(full_disks_and_devices_leave_outputs_intact),
      cmocka_unit_test(render_writes_svg_that_parses),
      cmocka_unit_test(render_draws_pieces_of_a_map),
      cmocka_unit_test(route_html_is_a_self_contained_page),
      cmocka_unit_test(render_batch_draws_a_diagram_per_student),
      cmocka_unit_test(roles_lists_and_filters),
      cmocka_unit_test(validate_summarises),
      cmocka_unit_test(csv_graphs_with_roles_work_end_to_end),
      cmocka_unit_test(trade_offs_limits_and_pareto_from_the_command_line),
      cmocka_unit_test(credentials_held_shorten_the_route),
      cmocka_unit_test(batch_answers_every_good_row_and_reports_bad_ones),
      cmocka_unit_test(reach_lists_roles_within_limits),
      cmocka_unit_test(into_lists_every_way_in),
      cmocka_unit_test(whatif_ranks_credentials_by_what_they_save),
  };
  int rc = CP_RUN(tests, argc, argv);
  xmlCleanupParser();
  return rc;
}
