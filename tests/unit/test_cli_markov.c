/* test_cli_markov.c: `careerpath markov` in-process (cmd_markov.c); -o. */
#include "cli_test.h"

#include <jansson.h>
#include <math.h>

/* A three-role chain from counts: a -> b 3, a -> c 1; b -> a 2, b -> c 2; c -> a 1, c -> c 4.
 * Irreducible; its stationary distribution solves pi = pi P. */
static const char counts[] = "from,to,count\na,b,3\na,c,1\nb,a,2\nb,c,2\nc,a,1\nc,c,4\n";

static void markov_reads_the_chain(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/counts.csv", dir);
  cli_test_write(path, counts);
  run_result *r = run("markov", path, "--to", "c", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  assert_true(json_is_true(json_object_get(o, "irreducible")));
  json_t *states = json_object_get(o, "states");
  double pi[3], sum = 0;
  for (size_t i = 0; i < 3; i++) {
    pi[i] = json_number_value(json_object_get(json_array_get(states, i), "stationary"));
    sum += pi[i];
    assert_true(
        fabs(json_number_value(json_object_get(json_array_get(states, i), "reach_probability")) -
             1) < 1e-12);
  }
  assert_true(fabs(sum - 1) < 1e-12);
  /* pi_a = 0.5 pi_b + 0.2 pi_c (b -> a 2/4, c -> a 1/5). */
  assert_true(fabs(pi[0] - (0.5 * pi[1] + 0.2 * pi[2])) < 1e-12);
  json_decref(o);
  r = run("markov", path, "--to", "nobody");
  assert_int_equal(r->code, CP_EXIT_INPUT);
  r = run("markov", path, "--format", "csv");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "role,stationary,class_stationary\na,");
  cli_test_rmdir(dir);
  r = run("markov", SMALL);
  assert_int_equal(r->code, CP_EXIT_INPUT);
}

/* Two closed classes: the stationary distribution is not unique; a warning, figures still. */
static void markov_warns_when_not_unique(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/two.csv", dir);
  cli_test_write(path, "from,to,count\na,b,1\na,c,1\nb,b,1\nc,c,1\n");
  run_result *r = run("markov", path);
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "2 closed");
  assert_contains(r->err, "warning: the stationary distribution is not unique");
  cli_test_write(path, "from,to,count\na,b,1\nb,a,1\n");
  r = run("markov", path);
  assert_int_equal(r->code, 0);
  assert_true(!strstr(r->err, "warning"));
  cli_test_rmdir(dir);
}

/* --bootstrap 200 --seed 1 twice: the same bytes; each interval holds its estimate. */
static void markov_bootstrap(void **state) {
  (void)state;
  const char *h = CP_SOURCE_DIR "/data/sample-histories.csv";
  run_result *r = run("markov", "--histories", h, "--to", "cmio", "--bootstrap", "200", "--seed",
                      "1", "--format", "json");
  assert_int_equal(r->code, 0);
  char *first = strdup(r->out);
  r = run("markov", "--histories", h, "--to", "cmio", "--bootstrap", "200", "--seed", "1",
          "--format", "json");
  assert_string_equal(r->out, first);
  json_t *o = json_loads(first, 0, NULL);
  free(first);
  assert_int_equal(
      json_integer_value(json_object_get(json_object_get(o, "bootstrap"), "replicates")), 200);
  json_t *states = json_object_get(o, "states");
  size_t checked = 0;
  static const char *const keys[] = {"reach_probability", "expected_steps", "expected_months"};
  for (size_t i = 0; i < json_array_size(states); i++)
    for (size_t k = 0; k < 3; k++) {
      json_t *st = json_array_get(states, i);
      char name[64];
      snprintf(name, sizeof name, "%s_interval", keys[k]);
      json_t *v = json_object_get(st, keys[k]), *iv = json_object_get(st, name);
      if (!json_is_number(v) || !json_is_number(json_array_get(iv, 0)))
        continue;
      double x = json_number_value(v);
      assert_true(json_number_value(json_array_get(iv, 0)) <= x + 1e-12);
      assert_true(x <= json_number_value(json_array_get(iv, 1)) + 1e-12);
      checked++;
    }
  assert_true(checked > 20);
  json_decref(o);
  r = run("markov", "--histories", h, "--to", "cmio", "--bootstrap", "20", "--seed", "2");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "a sum of medians, not a median");
  assert_contains(r->out,
                  "95% intervals below each role (20 replicates resampling people, seed 2)");
}

/* Two closed classes ({x, y}, {z}) and a transient role t (roles in the order the file
 * names them: t, x, z, y): each class's own stationary
 * distribution; with --step year the text says expected years, and that they are for those
 * who reach the target. */
static void markov_per_class_and_annual(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/chain.csv", dir);
  cli_test_write(path, "src,dst,p\nt,x,0.5\nt,z,0.5\nx,x,0.7\nx,y,0.3\ny,x,0.1\ny,y,0.9\n"
                       "z,z,1\n");
  run_result *r = run("markov", path, "--columns", "from=src,to=dst,probability=p", "--to", "x",
                      "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL), *states = json_object_get(o, "states");
  assert_true(json_is_null(json_object_get(json_array_get(states, 0), "closed_class")));
  assert_int_equal(json_integer_value(json_object_get(json_array_get(states, 1), "closed_class")),
                   0);
  assert_true(
      fabs(json_number_value(json_object_get(json_array_get(states, 3), "class_stationary")) -
           0.75) < 1e-12);
  assert_true(
      fabs(json_number_value(json_object_get(json_array_get(states, 2), "class_stationary")) - 1) <
      1e-12);
  assert_true(json_is_null(json_object_get(o, "step")));
  json_decref(o);
  r = run("markov", path, "--columns", "from=src,to=dst,probability=p", "--to", "x", "--step",
          "year");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "one step of the chain is a year");
  assert_contains(r->out, "E[years] the expected years to reach it for those who do "
                          "(conditional on reaching)");
  assert_contains(r->out, "E[years]    E[months]");
  cli_test_rmdir(dir);
}

static void markov_writes_with_o(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/counts.csv", dir);
  cli_test_write(path, counts);
  check_output_option(0, "txt", "markov", path, "--to", "c");
  check_output_option(0, "csv", "markov", path, "--format", "csv");
  check_output_option(0, "json", "markov", path, "--to", "a", "--format", "json");
  cli_test_rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(markov_reads_the_chain),
      cmocka_unit_test(markov_warns_when_not_unique),
      cmocka_unit_test(markov_bootstrap),
      cmocka_unit_test(markov_writes_with_o),
      cmocka_unit_test(markov_per_class_and_annual),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
