/* test_measures.c: network measures and Markov figures on graphs whose answers are known by hand.
 */
#include "cp_test.h"

#include <math.h>

static cp_graph *dot(const char *text) {
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_read_dot_buffer("t.gv", text, strlen(text), &g, &e) != CP_OK)
    fail_msg("%s", e.message);
  return g;
}

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

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

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

static void counts_are_row_normalised(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { x -> x [count=70]; x -> y [count=30];"
                    " y -> x [count=1]; y -> y [count=9]; }");
  double *p = NULL;
  assert_int_equal(cp_graph_probabilities(g, 0, &p, NULL), CP_OK);
  near(p[0], 0.7);
  near(p[1], 0.3);
  near(p[2], 0.1);
  free(p);
  cp_markov *m = markov(g, NULL, 0);
  near(m->stationary[cp_test_role(g, "y")], 0.75);
  cp_markov_free(m);
  cp_graph_free(g);
  g = dot("digraph { a -> b [months=3]; }");
  assert_int_equal(cp_graph_probabilities(g, 0, &p, NULL), CP_ENOCRIT);
  cp_graph_free(g);
}

/* A directed triangle a -> b -> c -> a with d -> a. */
static const char triangle[] = "digraph { a [level=1, domain=x]; b [level=2, domain=x];"
                               " c [level=3, domain=y]; d [level=1, domain=y];"
                               " a -> b; b -> c; c -> a; d -> a; a -> a; }";

static void stats_by_hand(void **state) {
  (void)state;
  cp_graph *g = dot(triangle);
  cp_stats *s = NULL;
  assert_int_equal(cp_graph_stats(g, &s, NULL), CP_OK);
  assert_int_equal(s->roles, 4);
  assert_int_equal(s->transitions, 4);
  assert_int_equal(s->self_loops, 1);
  near(s->density, 4.0 / 12);
  near(s->reciprocity, 0);
  assert_int_equal(s->weak_components, 1);
  assert_int_equal(s->strong_components, 2);
  near(s->diameter, 3);                /* d -> a -> b -> c */
  near(s->mean_path_length, 15.0 / 9); /* 9 ordered pairs connected */
  near(s->clustering, 3.0 / 5);        /* one triangle, five connected triples */
  near(s->in_degree.max, 2);           /* a, from c and d */
  near(s->out_degree.median, 1);
  assert_int_equal(s->n_in_degree_counts, 3);
  assert_int_equal(s->in_degree_counts[0], 1); /* d */
  assert_int_equal(s->in_degree_counts[1], 2); /* b, c */
  assert_int_equal(s->in_degree_counts[2], 1); /* a */
  assert_true(isnan(s->in_strength.mean));     /* no flow */
  assert_false(isnan(s->assortativity_level));
  assert_false(isnan(s->assortativity_domain));
  cp_stats_free(s);
  cp_graph_free(g);
}

static void centrality_by_hand(void **state) {
  (void)state;
  cp_graph *g = dot(triangle);
  double *b = NULL;
  /* Shortest routes are unique: a carries c->b, d->b, d->c; b carries a->c, d->c; c b->a. */
  assert_int_equal(cp_graph_centrality(g, CP_CENTRALITY_BETWEENNESS, CP_BY_STEPS, &b, NULL), CP_OK);
  near(b[cp_test_role(g, "a")], 3);
  near(b[cp_test_role(g, "b")], 2);
  near(b[cp_test_role(g, "c")], 1);
  near(b[cp_test_role(g, "d")], 0);
  free(b);
  assert_int_equal(cp_graph_centrality(g, CP_CENTRALITY_DEGREE, CP_BY_STEPS, &b, NULL), CP_OK);
  near(b[cp_test_role(g, "a")], 3);
  free(b);
  /* Closeness from d: distances 1, 2, 3 to a, b, c. */
  assert_int_equal(cp_graph_centrality(g, CP_CENTRALITY_CLOSENESS, CP_BY_STEPS, &b, NULL), CP_OK);
  near(b[cp_test_role(g, "d")], 3.0 / 6);
  free(b);
  /* Pagerank sums to 1 and ranks the triangle above d, which nothing enters. */
  assert_int_equal(cp_graph_centrality(g, CP_CENTRALITY_PAGERANK, CP_BY_STEPS, &b, NULL), CP_OK);
  near(b[0] + b[1] + b[2] + b[3], 1);
  assert_true(b[cp_test_role(g, "d")] < b[cp_test_role(g, "a")]);
  near(b[cp_test_role(g, "d")], 0.15 / 4);
  free(b);
  cp_error e = {0};
  assert_int_equal(cp_graph_centrality(g, CP_CENTRALITY_STRENGTH, CP_BY_STEPS, &b, &e), CP_ENOCRIT);
  assert_int_equal(cp_graph_centrality(g, CP_CENTRALITY_BETWEENNESS, CP_BY_MONTHS, &b, &e),
                   CP_ENOCRIT);
  cp_graph_free(g);
}

/* Two 4-cliques joined by one move split in two, whichever method. */
static void communities_split_two_cliques(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { a -> b; a -> c; a -> d; b -> c; b -> d; c -> d;"
                    " e -> f; e -> g; e -> h; f -> g; f -> h; g -> h; d -> e; }");
  for (int method = CP_COMMUNITY_LEIDEN; method <= CP_COMMUNITY_LOUVAIN; method++) {
    size_t *member = NULL, k = 0;
    double q = 0;
    assert_int_equal(cp_graph_communities(g, (cp_community_method)method, &member, &k, &q, NULL),
                     CP_OK);
    assert_int_equal(k, 2);
    /* 13 edges; each clique 6 inside, degree sums 13 each: Q = 2 (6/13 - (13/26)^2). */
    near(q, 2 * (6.0 / 13 - 0.25));
    for (const char *x = "abcd"; *x; x++) {
      char id[2] = {*x, 0}, other[2] = {(char)(*x + 4), 0};
      assert_int_equal(member[cp_test_role(g, id)], member[cp_test_role(g, "a")]);
      assert_int_not_equal(member[cp_test_role(g, other)], member[cp_test_role(g, "a")]);
    }
    free(member);
  }
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(two_state_chain),           cmocka_unit_test(gamblers_ruin),
      cmocka_unit_test(expected_months),           cmocka_unit_test(rows_must_sum_to_one),
      cmocka_unit_test(counts_are_row_normalised), cmocka_unit_test(stats_by_hand),
      cmocka_unit_test(centrality_by_hand),        cmocka_unit_test(communities_split_two_cliques),
  };
  return CP_RUN(tests, argc, argv);
}
