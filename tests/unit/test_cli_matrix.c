/* test_cli_matrix.c: `careerpath matrix` in-process (cmd_matrix.c): counts, row and column
 * shares with and without the diagonal, as aligned text, wide CSV and JSON; -o. */
#include "cli_test.h"

#include <jansson.h>
#include <math.h>

/* a stays 6, a -> b 2; b -> a 1, b stays 5, b -> c 2; c stays 4. */
static const char table[] = "from,to,count\na,a,6\na,b,2\nb,a,1\nb,b,5\nb,c,2\nc,c,4\na,b,0\n";

static void with_table(char *dir, size_t n, char *path, size_t pn) {
  cli_test_dir(dir, n);
  snprintf(path, pn, "%s/t.csv", dir);
  cli_test_write(path, table);
}

static void matrix_counts_and_shares(void **state) {
  (void)state;
  char dir[64], t[128];
  with_table(dir, sizeof dir, t, sizeof t);
  run_result *r = run("matrix", t);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "counts, rows from, columns to\n");
  assert_contains(r->out, "  from \\ to               a            b            c        total\n"
                          "  a                       6            2            0            8\n"
                          "  b                       1            5            2            8\n"
                          "  c                       0            0            4            4\n"
                          "  total                   7            7            6           20\n");
  r = run("matrix", t, "--cells", "row", "--format", "csv");
  assert_string_equal(r->out, "from,a,b,c\na,0.75,0.25,0\nb,0.125,0.625,0.25\nc,0,0,1\n");
  r = run("matrix", t, "--cells", "row", "--no-diagonal", "--format", "csv");
  assert_string_equal(r->out, "from,a,b,c\na,,1,0\nb,0.333333333333333,,0.666666666666667\nc,,,\n");
  r = run("matrix", t, "--cells", "column", "--format", "json");
  json_t *o = json_loads(r->out, 0, NULL);
  json_t *m = json_object_get(o, "matrix");
  assert_true(fabs(json_number_value(json_array_get(json_array_get(m, 1), 0)) - 1.0 / 7) < 1e-12);
  assert_true(fabs(json_number_value(json_array_get(json_array_get(m, 2), 2)) - 4.0 / 6) < 1e-12);
  assert_string_equal(json_string_value(json_object_get(o, "cells")), "column");
  json_decref(o);
  r = run("matrix", t, "--cells", "row");
  assert_contains(r->out, "  b                    12.5         62.5         25.0\n");
  r = run("matrix", t, "--cells", "diagonal");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  cli_test_rmdir(dir);
}

/* Intervals from resampling people: the same seed, the same bytes; each row's shares' interval
 * holds the share. */
static void matrix_bootstrap(void **state) {
  (void)state;
  const char *h = CP_SOURCE_DIR "/data/sample-histories.csv";
  run_result *r =
      run("matrix", "--histories", h, "--cells", "row", "--bootstrap", "50", "--format", "csv");
  assert_int_equal(r->code, 0);
  char *first = strdup(r->out);
  assert_contains(first, "from,bound,");
  r = run("matrix", "--histories", h, "--cells", "row", "--bootstrap", "50", "--format", "csv");
  assert_string_equal(r->out, first);
  free(first);
  r = run("matrix", "--histories", h, "--cells", "row", "--bootstrap", "50", "--format", "json");
  json_t *o = json_loads(r->out, 0, NULL), *b = json_object_get(o, "bootstrap");
  json_t *m = json_object_get(o, "matrix"), *lo = json_object_get(b, "lower"),
         *hi = json_object_get(b, "upper");
  size_t checked = 0;
  for (size_t i = 0; i < json_array_size(m); i++)
    for (size_t j = 0; j < json_array_size(m); j++) {
      json_t *v = json_array_get(json_array_get(m, i), j);
      if (!json_is_number(v) || json_number_value(v) == 0)
        continue;
      assert_true(json_number_value(json_array_get(json_array_get(lo, i), j)) <=
                  json_number_value(json_array_get(json_array_get(hi, i), j)));
      checked++;
    }
  assert_true(checked > 20);
  json_decref(o);
}

static void matrix_writes_with_o(void **state) {
  (void)state;
  char dir[64], t[128];
  with_table(dir, sizeof dir, t, sizeof t);
  check_output_option(0, "txt", "matrix", t);
  check_output_option(0, "csv", "matrix", t, "--format", "csv");
  check_output_option(0, "json", "matrix", t, "--cells", "row", "--format", "json");
  cli_test_rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(matrix_counts_and_shares),
      cmocka_unit_test(matrix_bootstrap),
      cmocka_unit_test(matrix_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
