/* test_measures.c: network measures (stats, centrality, communities) and transition
 * probabilities, on graphs whose answers are known by hand. */
#include "cp_test.h"

#include <math.h>

#define dot cp_test_dot
#define near assert_near

static void probabilities_come_from_counts_row_by_row(void **state) {
  (void)state;
  cp_graph *g = dot("digraph { x -> x [count=70]; x -> y [count=30];"
                    " y -> x [count=1]; y -> y [count=9]; }");
  double *p = NULL;
  assert_int_equal(cp_graph_probabilities(g, 0, &p, NULL), CP_OK);
  near(p[0], 0.7);
  near(p[1], 0.3);
  near(p[2], 0.1);
  near(p[3], 0.9);
  free(p);
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
      cmocka_unit_test(probabilities_come_from_counts_row_by_row),
      cmocka_unit_test(stats_by_hand),
      cmocka_unit_test(centrality_by_hand),
      cmocka_unit_test(communities_split_two_cliques),
  };
  return CP_RUN(tests, argc, argv);
}
