/* test_dijkstra.c: the plain question from both ends and from a kept source, against brute
 * force under the tie rule. */
#include "brute_force.h"
#include "cp_test.h"

#include <math.h>

enum { NC = CP_CRITERION_COUNT };

/* A plain question: one criterion, or whole-number weights on several (steps included). */
static void plain_query(unsigned long long *rng, cp_query *q, size_t n) {
  cp_query_init(q, bf_rnd(rng, (unsigned)n), bf_rnd(rng, (unsigned)n),
                (cp_criterion)bf_rnd(rng, NC));
  if (bf_rnd(rng, 3) == 0)
    for (int c = 0; c < NC; c++)
      q->weights[c] += bf_rnd(rng, 3);
}

/* Asks `q` and checks the answer is brute force's least route (or none). */
static size_t check(const cp_graph *g, cp_router *r, const cp_query *q, const char *what,
                    int trial) {
  const bf_route *all;
  size_t n = bf_routes(g, q, &all);
  cp_route_list *l = NULL;
  cp_error e = {0};
  if (cp_route_search(r, q, &l, &e) != CP_OK)
    fail_msg("%s trial %d: %s", what, trial, e.message);
  if (l->n != (n ? 1u : 0u))
    fail_msg("%s trial %d: %zu routes, brute force %zu", what, trial, l->n, n);
  if (n && !bf_same(g, &l->routes[0], &all[0]))
    fail_msg("%s trial %d: %zu -> %zu not the least route under the rule", what, trial, q->from,
             q->to);
  cp_route_list_free(l);
  return n ? 1 : 0;
}

static void the_fast_path_returns_the_least_route_under_the_rule(void **state) {
  (void)state;
  unsigned long long rng = 2027;
  size_t routes = 0;
  for (int trial = 0; trial < 4000; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 3, &n);
    cp_router *r = cp_test_router(g);
    cp_query q;
    plain_query(&rng, &q, n);
    if (trial % 2) /* weights read beside the rows: the same answers */
      assert_int_equal(cp_router_row_weights(r, q.weights, NULL), CP_OK);
    assert_true(cp_fast_route_applies(r, &q));
    assert_false(cp_source_reuse_pays(r, &q));
    routes += check(g, r, &q, trial % 2 ? "fast, row weights" : "fast", trial);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (routes < 2500) /* the generator must give routes to compare */
    fail_msg("only %zu routes compared", routes);
}

/* Questions from a few sources, repeated in any order, sources and objectives changing in
 * between, answered by kept searches resumed per question: each is brute force's least. */
static void kept_searches_return_the_least_route_under_the_rule(void **state) {
  (void)state;
  unsigned long long rng = 77;
  size_t routes = 0;
  for (int trial = 0; trial < 600; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 3, &n);
    cp_router *r = cp_test_router(g);
    cp_query q;
    plain_query(&rng, &q, n);
    for (int k = 0; k < 12; k++) {
      if (bf_rnd(&rng, 5) == 0) /* now and then another source or objective: a restart */
        plain_query(&rng, &q, n);
      q.to = bf_rnd(&rng, (unsigned)n);
      q.reuse_source = SIZE_MAX; /* always worth a kept search */
      assert_true(cp_source_reuse_pays(r, &q));
      routes += check(g, r, &q, "kept", trial);
    }
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (routes < 4000)
    fail_msg("only %zu routes compared", routes);
}

/* Sums of the same figures in another order differ in the last bits: 0.1 + 0.2 is not 0.3 in
 * binary, yet the two-step route costs what the three-step one does, and wins on steps,
 * however it is searched. */
static void objectives_equal_to_the_last_bits_go_to_fewer_steps(void **state) {
  (void)state;
  const char *t = "from,to,months\ns,x,0\nx,y,0.05\ny,t,0.25\ns,a,0.1\na,t,0.2\n";
  cp_graph *g = cp_test_csv(t);
  assert_true(0.1 + 0.2 != 0.0 + 0.05 + 0.25); /* the premise */
  cp_router *r = cp_test_router(g);
  size_t s = cp_test_role(g, "s"), a = cp_test_role(g, "a"), tt = cp_test_role(g, "t");
  for (int kept = 0; kept < 2; kept++) {
    cp_query q;
    cp_query_init(&q, s, tt, CP_BY_MONTHS);
    q.reuse_source = kept ? SIZE_MAX : 0;
    cp_route_list *l = NULL;
    assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
    assert_int_equal(l->n, 1);
    assert_int_equal(l->routes[0].n_steps, 2);
    assert_int_equal(l->routes[0].roles[1], a);
    cp_route_list_free(l);
  }
  cp_router_free(r);
  cp_graph_free(g);
}

/* A kept search is started only where it pays: a source asked twice on a large graph keeps
 * the bidirectional search (which settles a small part of the graph), a source asked as
 * many times as there are roles starts a kept one, and a kept search is resumed whenever
 * its source is asked again. */
static void kept_searches_start_only_where_they_pay(void **state) {
  (void)state;
  unsigned long long rng = 5;
  size_t n = 20000;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("large", &g), CP_OK);
  for (size_t i = 0; i < n; i++) {
    char id[32];
    snprintf(id, sizeof id, "r%zu", i);
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 0, 0, NULL, NULL), CP_OK);
  }
  for (size_t j = 0; j < 4 * n; j++) {
    cp_transition_spec s = {.months = 1 + bf_rnd(&rng, 24), .has = CP_HAS_MONTHS};
    assert_int_equal(
        cp_graph_add_transition(g, bf_rnd(&rng, (unsigned)n), bf_rnd(&rng, (unsigned)n), &s, NULL),
        CP_OK);
  }
  cp_router *r = cp_test_router(g);
  cp_query q;
  for (int i = 0; i < 40; i++) {
    cp_query_init(&q, bf_rnd(&rng, (unsigned)n), bf_rnd(&rng, (unsigned)n), CP_BY_MONTHS);
    cp_route_list *l = NULL;
    assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
    cp_route_list_free(l);
  }
  cp_query_init(&q, 7, 9, CP_BY_MONTHS);
  q.reuse_source = 0;
  assert_false(cp_source_reuse_pays(r, &q));
  q.reuse_source = 2;
  assert_false(cp_source_reuse_pays(r, &q));
  q.reuse_source = n;
  assert_true(cp_source_reuse_pays(r, &q));
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK); /* starts the kept search */
  cp_route_list_free(l);
  q.to = 11;
  q.reuse_source = 1; /* the last question from 7: resumed, not restarted */
  assert_true(cp_source_reuse_pays(r, &q));
  cp_query_init(&q, 7, 11, CP_BY_COST); /* other weights: the kept search does not serve */
  q.reuse_source = 1;
  assert_false(cp_source_reuse_pays(r, &q));
  cp_router_free(r);
  cp_graph_free(g);
}

/* What the fast path takes: one best route with an objective and nothing else. */
static void only_plain_questions_take_the_fast_path(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_router *r = cp_test_router(g);
  cp_query q;
  cp_query_init(&q, 0, 3, CP_BY_MONTHS);
  assert_true(cp_fast_route_applies(r, &q));
  q.k = 2;
  assert_false(cp_fast_route_applies(r, &q));
  cp_query_init(&q, 0, 3, CP_BY_MONTHS);
  q.limits[CP_BY_COST] = 100;
  assert_false(cp_fast_route_applies(r, &q));
  cp_query_init(&q, 0, 3, CP_BY_MONTHS);
  q.weights[CP_BY_MONTHS] = 0; /* no objective: the general search words the error */
  assert_false(cp_fast_route_applies(r, &q));
  cp_query_init(&q, 0, 3, CP_BY_MONTHS);
  size_t b = 1;
  q.via = &b;
  q.n_via = 1;
  assert_false(cp_fast_route_applies(r, &q));
  cp_query_init(&q, 0, 99, CP_BY_MONTHS);
  assert_false(cp_fast_route_applies(r, &q));
  cp_router_free(r);
  cp_graph_free(g);
}

/* A goal many roles move into: s -> a -> b -> goal, and 2,000 roles one move from the goal
 * that no route from s passes. The backward side's first role scans 2,000 moves; the
 * forward side, three moves away, must then go on alone rather than wait while the backward
 * side settles every role one move from the goal (the old rule, alternating by the smaller
 * key, settled all 2,000). */
static void a_popular_goal_is_not_searched_from_when_the_start_is_cheaper(void **state) {
  (void)state;
  enum { CROWD = 2000 };
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("popular", &g), CP_OK);
  char id[32];
  for (int i = 0; i < 4 + CROWD; i++) {
    snprintf(id, sizeof id, "r%d", i);
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 1, 0, NULL, NULL), CP_OK);
  }
  cp_transition_spec s = {.months = 1, .has = CP_HAS_MONTHS};
  for (size_t i = 0; i < 3; i++) /* r0 -> r1 -> r2 -> r3, the goal */
    assert_int_equal(cp_graph_add_transition(g, i, i + 1, &s, NULL), CP_OK);
  for (size_t i = 4; i < 4 + CROWD; i++)
    assert_int_equal(cp_graph_add_transition(g, i, 3, &s, NULL), CP_OK);
  cp_router *r = cp_test_router(g);
  cp_query q;
  cp_query_init(&q, 0, 3, CP_BY_MONTHS);
  cp_route_list *l = NULL;
  assert_int_equal(cp_fast_route(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 1);
  assert_int_equal(l->routes[0].n_steps, 3);
  if (cp_fast_route_settled(r) > 10)
    fail_msg("%llu roles settled for a three-step route",
             (unsigned long long)cp_fast_route_settled(r));
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_fast_path_returns_the_least_route_under_the_rule),
      cmocka_unit_test(kept_searches_return_the_least_route_under_the_rule),
      cmocka_unit_test(objectives_equal_to_the_last_bits_go_to_fewer_steps),
      cmocka_unit_test(kept_searches_start_only_where_they_pay),
      cmocka_unit_test(only_plain_questions_take_the_fast_path),
      cmocka_unit_test(a_popular_goal_is_not_searched_from_when_the_start_is_cheaper),
  };
  return CP_RUN(tests, argc, argv);
}
