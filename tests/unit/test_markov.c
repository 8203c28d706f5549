/* test_markov.c: a career graph as a Markov chain, on chains whose answers are known by
 * hand. */
#include "cp_test.h"

#include <math.h>

#define dot cp_test_dot
#define near assert_near

static cp_markov *markov(const cp_graph *g, const char *target, int normalize) {
  cp_markov_options o = {.normalize = normalize};
  if (target) {
    o.has_target = 1;
    o.target = cp_test_role(g, target);
  }
  cp_markov *m = NULL;
  cp_error e = {0};
  if (cp_markov_analyze(g, &o, &m, &e) != CP_OK)
    fail_msg("%s", e.message);
  return m;
}

/* Two states, leaving with a and b: pi = (b, a) / (a + b); the first passage from 0 to 1 is
 * geometric with mean 1 / a. */
static void two_state_chain(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { x -> x [probability=0.7]; x -> y [probability=0.3];"
                    " y -> x [probability=0.1]; y -> y [probability=0.9]; }");
  cp_markov *m = markov(g, "y", 0);
  assert_true(m->irreducible);
  assert_int_equal(m->n_closed, 1);
  near(m->stationary[cp_test_role(g, "x")], 0.1 / 0.4);
  near(m->stationary[cp_test_role(g, "y")], 0.3 / 0.4);
  near(m->reach_probability[cp_test_role(g, "x")], 1);
  near(m->expected_steps[cp_test_role(g, "x")], 1 / 0.3);
  near(m->expected_steps[cp_test_role(g, "y")], 0);
  assert_null(m->expected_months);
  cp_markov_free(m);
  cp_graph_free(g);
}

/* Fair gambler's ruin on 0..4, both ends absorbing (no way out): reaching 4 from i has
 * probability i / 4 and, given that it happens, takes (16 - i^2) / 3 steps on average. */
static void gamblers_ruin(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { s0; s4; s1 -> s0 [count=1]; s1 -> s2 [count=1];"
                    " s2 -> s1 [count=5]; s2 -> s3 [count=5]; s3 -> s2 [count=2];"
                    " s3 -> s4 [count=2]; }");
  cp_markov *m = markov(g, "s4", 0);
  assert_false(m->irreducible);
  assert_int_equal(m->n_absorbing, 2);
  assert_int_equal(m->n_closed, 2);
  assert_null(m->stationary); /* two closed classes: not unique */
  for (int i = 0; i <= 4; i++) {
    char id[4];
    snprintf(id, sizeof id, "s%d", i);
    size_t r = cp_test_role(g, id);
    near(m->reach_probability[r], i / 4.0);
    if (i == 0)
      assert_true(isnan(m->expected_steps[r]));
    else
      near(m->expected_steps[r], (16.0 - i * i) / 3.0);
  }
  cp_markov_free(m);
  cp_graph_free(g);
}

/* Two closed classes and a transient role: no stationary distribution of the whole chain,
 * but each closed class has its own ({x, y} as in two_state_chain; {z} alone), numbered in
 * the order of their first roles. */
static void each_closed_class_has_its_own_stationary(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { t -> x [probability=0.5]; t -> z [probability=0.5];"
                    " x -> x [probability=0.7]; x -> y [probability=0.3];"
                    " y -> x [probability=0.1]; y -> y [probability=0.9];"
                    " z -> z [probability=1]; }");
  cp_markov *m = markov(g, NULL, 0);
  assert_int_equal(m->n_closed, 2);
  assert_null(m->stationary);
  size_t t = cp_test_role(g, "t"), x = cp_test_role(g, "x"), y = cp_test_role(g, "y"),
         z = cp_test_role(g, "z");
  assert_int_equal(m->closed_class[t], SIZE_MAX);
  assert_true(isnan(m->class_stationary[t]));
  assert_int_equal(m->closed_class[x], 0);
  assert_int_equal(m->closed_class[y], 0);
  assert_int_equal(m->closed_class[z], 1);
  near(m->class_stationary[x], 0.25);
  near(m->class_stationary[y], 0.75);
  near(m->class_stationary[z], 1);
  cp_markov_free(m);
  cp_graph_free(g);
}

/* a -> b (12 months), b -> c (6) or back to a (24): from b, E[months] = 0.5*6 +
 * 0.5*(24 + 12 + E_b), so E_b = 42 and E_a = 54; steps E_b = 3, E_a = 4. */
static void expected_months(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { a -> b [probability=1, median_months=12];"
                    " b -> c [probability=0.5, median_months=6];"
                    " b -> a [probability=0.5, median_months=24]; }");
  cp_markov *m = markov(g, "c", 0);
  assert_non_null(m->expected_months);
  near(m->expected_months[cp_test_role(g, "b")], 42);
  near(m->expected_months[cp_test_role(g, "a")], 54);
  near(m->expected_steps[cp_test_role(g, "b")], 3);
  near(m->expected_steps[cp_test_role(g, "a")], 4);
  /* c absorbs: the stationary distribution sits there. */
  near(m->stationary[cp_test_role(g, "c")], 1);
  cp_markov_free(m);
  cp_graph_free(g);
}

static void rows_must_sum_to_one(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { a -> b [probability=0.5]; a -> c [probability=0.3];"
                    " b -> a [probability=1]; c -> a [probability=2]; }");
  cp_markov *m = NULL;
  cp_error e = {0};
  cp_markov_options o = {0};
  assert_int_equal(cp_markov_analyze(g, &o, &m, &e), CP_EINVAL);
  cp_graph_free(g);
  g = dot("digraph { a -> b [probability=0.5]; a -> c [probability=0.3];"
          " b -> a [probability=1]; c -> a [probability=0.9]; }");
  assert_int_equal(cp_markov_analyze(g, &o, &m, &e), CP_EINVAL);
  assert_contains(e.message, "2 roles whose outgoing probabilities do not sum to 1");
  assert_contains(e.message, "'a' (0.8)");
  assert_contains(e.message, "'c' (0.9)");
  assert_contains(e.message, "--normalize");
  m = markov(g, NULL, 1);
  /* Normalised: a -> b 5/8, a -> c 3/8; pi solves pi_a = pi_b + pi_c, pi_b = 5/8 pi_a. */
  near(m->stationary[cp_test_role(g, "a")], 0.5);
  near(m->stationary[cp_test_role(g, "b")], 0.5 * 5 / 8);
  cp_markov_free(m);
  cp_graph_free(g);
}

/* Counts give the chain's probabilities, row by row. */
static void counts_give_a_chain(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { x -> x [count=70]; x -> y [count=30];"
                    " y -> x [count=1]; y -> y [count=9]; }");
  cp_markov *m = markov(g, NULL, 0);
  near(m->stationary[cp_test_role(g, "y")], 0.75);
  near(m->stationary[cp_test_role(g, "x")], 0.25);
  assert_int_equal(m->n_classes, 1);
  assert_true(m->irreducible);
  cp_markov_free(m);
  cp_graph_free(g);
}

/* A replicate's flow in place of the graph's counts: doubling every count changes nothing;
 * other counts give their own chain (y leaves with 1/2: pi_y / pi_x = 0.3 / 0.5); a role
 * whose flow is all 0 is absorbing. */
static void flow_in_place_of_counts(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { x -> x [count=70]; x -> y [count=30];"
                    " y -> x [count=1]; y -> y [count=9]; }");
  cp_markov_options o = {.has_target = 1, .target = cp_test_role(g, "x")};
  cp_markov *m = NULL;
  cp_error e = {0};
  const double doubled[] = {140, 60, 2, 18};
  assert_int_equal(cp_markov_analyze_flow(g, doubled, &o, &m, &e), CP_OK);
  near(m->stationary[cp_test_role(g, "y")], 0.75);
  near(m->expected_steps[cp_test_role(g, "y")], 10); /* geometric, leaving with 1/10 */
  cp_markov_free(m);
  const double other[] = {70, 30, 9, 9};
  assert_int_equal(cp_markov_analyze_flow(g, other, &o, &m, &e), CP_OK);
  near(m->stationary[cp_test_role(g, "y")], 0.3 / (0.3 + 0.5));
  near(m->expected_steps[cp_test_role(g, "y")], 2);
  cp_markov_free(m);
  const double none_from_y[] = {70, 30, 0, 0};
  assert_int_equal(cp_markov_analyze_flow(g, none_from_y, &o, &m, &e), CP_OK);
  assert_int_equal(m->n_absorbing, 1);
  near(m->stationary[cp_test_role(g, "y")], 1);
  cp_markov_free(m);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(two_state_chain),
      cmocka_unit_test(gamblers_ruin),
      cmocka_unit_test(expected_months),
      cmocka_unit_test(rows_must_sum_to_one),
      cmocka_unit_test(counts_give_a_chain),
      cmocka_unit_test(each_closed_class_has_its_own_stationary),
      cmocka_unit_test(flow_in_place_of_counts),
  };
  return CP_RUN(tests, argc, argv);
}
