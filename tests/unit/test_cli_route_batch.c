/* test_cli_route_batch.c: `route --batch` in-process (route_batch.c, rows.c): every good
 * row answered in file order, bad rows reported by line, -o written whole at the end. */
#include "cli_test.h"

#include <jansson.h>

static void batch_answers_every_good_row_and_reports_bad_ones(void **state) {
  (void)state;
  run_result *r =
      run("route", SMALL, "--batch", CP_TEST_DATA "/batch/queries.csv", "--format", "json");
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
  r = run("route", SMALL, "--batch", CP_TEST_DATA "/batch/queries.csv");
  assert_contains(r->out, "line 2: Alpha Role -> Delta, fastest: 2 steps, 12 months (1 year), "
                          "$6,000, effort 5: Alpha Role > Beta > Delta");
  assert_contains(r->out,
                  "line 9: Alpha Role -> Delta, least effort: 1 step, 30 months (2.5 years), "
                  "$0, effort 5: Alpha Role > Delta");
}

/* Options given with --batch apply to the rows that leave their column empty. */
static void batch_options_are_defaults(void **state) {
  (void)state;
  run_result *r = run("route", SMALL, "--batch", CP_TEST_DATA "/batch/queries.csv", "--by", "cost");
  assert_contains(r->out, "line 2: Alpha Role -> Delta, fastest:");    /* the row says months */
  assert_contains(r->out, "line 5: Alpha Role -> Epsilon, cheapest:"); /* the row leaves by empty */
}

static void batch_file_errors(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/q.csv", dir);
  cli_test_write(path, "");
  run_result *r = run("route", SMALL, "--batch", path);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "empty file; expected a header with 'from' and 'to'");
  cli_test_write(path, "from,to,salary\na,b,1\n");
  r = run("route", SMALL, "--batch", path);
  assert_int_equal(r->code, CP_EXIT_INPUT);
  assert_contains(r->err, "q.csv:1: unknown column 'salary'");
  r = run("route", SMALL, "--batch", "/nonexistent/q.csv");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  cli_test_rmdir(dir);
}

/* With -o the answers replace the file whole once the batch is done, bad rows or not. */
static void batch_writes_its_answers_with_o(void **state) {
  (void)state;
  check_output_option(CP_EXIT_INPUT, "txt", "route", SMALL, "--batch",
                      CP_TEST_DATA "/batch/queries.csv");
  check_output_option(CP_EXIT_INPUT, "json", "route", SMALL, "--batch",
                      CP_TEST_DATA "/batch/queries.csv", "--format", "json");
}

/* A random graph of 40 roles full of ties (months 0 to 2, parallel moves, roles nobody moves
 * into) and a batch of 300 rows from 6 sources, interleaved, by months or steps, k up to 2,
 * a waypoint now and then, a bad role, with a seed. */
static unsigned long long rnd(unsigned long long *x, unsigned long long n) {
  *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
  return (*x >> 33) % n;
}

static void write_random_batch(const char *graph, const char *batch, unsigned long long x) {
  FILE *g = fopen(graph, "w"), *b = fopen(batch, "w");
  assert_non_null(g);
  assert_non_null(b);
  fputs("from,to,months\n", g);
  for (int i = 0; i < 160; i++) {
    unsigned long long from = rnd(&x, 35), to = rnd(&x, 40);
    fprintf(g, "r%llu,r%llu,%llu\n", from, to, rnd(&x, 3));
  }
  fputs("from,to,by,k,via\n", b);
  for (int i = 0; i < 300; i++) {
    unsigned long long from = rnd(&x, 6), to = rnd(&x, 42), k = 1 + rnd(&x, 2);
    const char *by = rnd(&x, 2) ? "months" : "steps";
    unsigned long long via = rnd(&x, 4) ? 40 : rnd(&x, 40); /* 40: no waypoint */
    if (via < 40)
      fprintf(b, "r%llu,r%llu,%s,%llu,r%llu\n", from, to, by, k, via);
    else
      fprintf(b, "r%llu,r%llu,%s,%llu,\n", from, to, by, k);
  }
  fclose(g);
  fclose(b);
}

/* Issue 17: a batch answered on several threads prints the same bytes as on one, in file
 * order, messages and tally included, in text and in JSON. */
static void batch_on_several_threads_prints_the_same_bytes(void **state) {
  (void)state;
  char dir[64], graph[128], batch[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(graph, sizeof graph, "%s/t.csv", dir);
  snprintf(batch, sizeof batch, "%s/q.csv", dir);
  for (unsigned long long seed = 1; seed <= 6; seed++) {
    write_random_batch(graph, batch, seed);
    const char *format = seed % 2 ? "json" : "text";
    run_result *r = run("route", graph, "--batch", batch, "--format", format, "--jobs", "1");
    char *out = strdup(r->out), *err = strdup(r->err);
    int code = r->code;
    assert_int_equal(code, CP_EXIT_INPUT); /* r40 and r41 are nobody's roles */
    assert_contains(err, "no role named 'r4");
    assert_true(strstr(err, "with none") != NULL);
    const char *jobs[] = {"2", "3", "8"};
    for (size_t j = 0; j < 3; j++) {
      r = run("route", graph, "--batch", batch, "--format", format, "-j", jobs[j]);
      assert_int_equal(r->code, code);
      assert_string_equal(r->out, out);
      assert_string_equal(r->err, err);
    }
    r = run("route", graph, "--batch", batch, "--format", format); /* one per core */
    assert_string_equal(r->out, out);
    free(out);
    free(err);
  }
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "--jobs", "2");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--jobs answers a --batch");
  cli_test_rmdir(dir);
}

/* A random graph of 200 roles with months and cost 0 to 3 (ties, zero weights, parallel
 * moves, a few popular roles, roles nobody moves into) and 400 rows, most sources asked a
 * few times, by months, cost, steps or a trade-off between months and cost. */
static void write_weighted_batch(const char *graph, const char *batch, unsigned long long x) {
  FILE *g = fopen(graph, "w"), *b = fopen(batch, "w");
  assert_non_null(g);
  assert_non_null(b);
  fputs("from,to,months,cost\n", g);
  for (int i = 0; i < 1000; i++) {
    unsigned long long from = rnd(&x, 190), to = rnd(&x, 4) ? rnd(&x, 200) : rnd(&x, 5);
    fprintf(g, "r%llu,r%llu,%llu,%llu\n", from, to, rnd(&x, 4), rnd(&x, 4));
  }
  const char *by[] = {"months", "cost", "steps", "\"months=1,cost=0.5\"", "\"months=3,steps=1\""};
  fputs("from,to,by\n", b);
  for (int i = 0; i < 400; i++)
    fprintf(b, "r%llu,r%llu,%s\n", rnd(&x, 200), rnd(&x, 200), by[rnd(&x, 5)]);
  fclose(g);
  fclose(b);
}

/* Issue 17: landmarks change how a batch is searched, never what it prints: the same bytes
 * with --landmarks off, N and auto, on one thread or several. */
static void batch_with_landmarks_prints_the_same_bytes(void **state) {
  (void)state;
  char dir[64], graph[128], batch[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(graph, sizeof graph, "%s/t.csv", dir);
  snprintf(batch, sizeof batch, "%s/q.csv", dir);
  for (unsigned long long seed = 1; seed <= 4; seed++) {
    write_weighted_batch(graph, batch, seed);
    const char *format = seed % 2 ? "json" : "text";
    run_result *r = run("route", graph, "--batch", batch, "--format", format, "--landmarks", "off");
    char *out = strdup(r->out), *err = strdup(r->err);
    int code = r->code;
    assert_int_equal(code, CP_EXIT_OK);
    assert_contains(out, seed % 2 ? "\"roles\"" : " > "); /* some routes were found */
    const char *settings[][2] = {{"1", "1"}, {"3", "1"}, {"8", "2"}, {"64", "2"}, {"auto", "2"}};
    for (size_t k = 0; k < 5; k++) {
      r = run("route", graph, "--batch", batch, "--format", format, "--landmarks", settings[k][0],
              "--jobs", settings[k][1]);
      assert_int_equal(r->code, code);
      assert_string_equal(r->out, out);
      assert_string_equal(r->err, err);
    }
    free(out);
    free(err);
  }
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "--landmarks", "4");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--landmarks prepares a --batch");
  r = run("route", SMALL, "--batch", batch, "--landmarks", "lots");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--landmarks");
  cli_test_rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(batch_answers_every_good_row_and_reports_bad_ones),
      cmocka_unit_test(batch_options_are_defaults),
      cmocka_unit_test(batch_file_errors),
      cmocka_unit_test(batch_writes_its_answers_with_o),
      cmocka_unit_test(batch_on_several_threads_prints_the_same_bytes),
      cmocka_unit_test(batch_with_landmarks_prints_the_same_bytes),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
