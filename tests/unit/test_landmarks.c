/* test_landmarks.c: ALT (landmarks.c, cp_alt_route) gives the very route the plain searches
 * give, against brute force and against the router without landmarks. */
#include "brute_force.h"
#include "cp_test.h"

#include <math.h>

enum { NC = CP_CRITERION_COUNT };

/* A plain question: one criterion, whole-number weights on several, or a trade-off with a
 * fraction (whose sums round). */
static void plain_query(unsigned long long *rng, cp_query *q, size_t n) {
  cp_query_init(q, bf_rnd(rng, (unsigned)n), bf_rnd(rng, (unsigned)n),
                (cp_criterion)bf_rnd(rng, NC));
  unsigned kind = bf_rnd(rng, 4);
  for (int c = 0; kind && c < NC; c++)
    q->weights[c] += kind == 1 ? bf_rnd(rng, 3) : 0.0005 * bf_rnd(rng, 3) + 0.1 * bf_rnd(rng, 2);
}

static double all_weights[NC] = {1, 1, 1, 1};

static cp_router *with_landmarks(const cp_graph *g, size_t count) {
  cp_router *r = cp_test_router(g);
  assert_int_equal(cp_router_landmarks(r, count, all_weights, NULL), CP_OK);
  return r;
}

/* Whether two routes are the same: start, transitions and totals. */
static bool same_route(const cp_route *a, const cp_route *b) {
  if (a->n_steps != b->n_steps || a->roles[0] != b->roles[0] || a->months != b->months ||
      a->cost != b->cost || a->effort != b->effort)
    return false;
  for (size_t i = 0; i < a->n_steps; i++)
    if (a->transitions[i] != b->transitions[i])
      return false;
  return true;
}

/* Asks q of both routers: the same answer, and (whole-number weights) brute force's. */
static size_t check(const cp_graph *g, cp_router *alt, cp_router *plain, const cp_query *q,
                    bool brute, int trial) {
  assert_true(cp_landmarks_cover(alt, q));
  cp_route_list *a = NULL, *p = NULL;
  assert_int_equal(cp_route_search(alt, q, &a, NULL), CP_OK);
  assert_int_equal(cp_route_search(plain, q, &p, NULL), CP_OK);
  if (a->n != p->n || (a->n && !same_route(&a->routes[0], &p->routes[0])))
    fail_msg("trial %d: %zu -> %zu: landmarks give another answer", trial, q->from, q->to);
  const bf_route *all;
  if (brute && (bf_routes(g, q, &all) ? 1u : 0u) != a->n)
    fail_msg("trial %d: %zu routes, brute force another count", trial, a->n);
  if (brute && a->n && !bf_same(g, &a->routes[0], &all[0]))
    fail_msg("trial %d: not the least route under the rule", trial);
  size_t found = a->n;
  cp_route_list_free(a);
  cp_route_list_free(p);
  return found;
}

static bool whole(const cp_query *q) {
  for (int c = 0; c < NC; c++)
    if (q->weights[c] != floor(q->weights[c]))
      return false;
  return true;
}

/* Small graphs full of ties, zero weights, parallel moves, loops and unreachable pairs. */
static void landmarks_give_the_least_route_under_the_rule(void **state) {
  (void)state;
  unsigned long long rng = 1717;
  size_t routes = 0;
  for (int trial = 0; trial < 3000; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 3, &n);
    cp_router *alt = with_landmarks(g, 1 + bf_rnd(&rng, 9)), *plain = cp_test_router(g);
    for (int k = 0; k < 4; k++) {
      cp_query q;
      plain_query(&rng, &q, n);
      routes += check(g, alt, plain, &q, whole(&q), trial);
    }
    cp_router_free(alt);
    cp_router_free(plain);
    cp_graph_free(g);
  }
  if (routes < 6000) /* the generator must give routes to compare */
    fail_msg("only %zu routes compared", routes);
}

/* A graph of 3,000 roles where a few receive most moves (as in mobility graphs), months and
 * cost 0 to 9: long routes, many ties, some roles nobody moves into. */
static cp_graph *popular_graph(unsigned long long *rng, size_t n) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("popular", &g), CP_OK);
  for (size_t i = 0; i < n; i++) {
    char id[32];
    snprintf(id, sizeof id, "r%zu", i);
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 0, 0, NULL, NULL), CP_OK);
  }
  for (size_t j = 0; j < 4 * n; j++) {
    cp_transition_spec s = {.months = bf_rnd(rng, 10),
                            .cost = bf_rnd(rng, 10),
                            .effort = 1,
                            .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT};
    size_t to = bf_rnd(rng, 3) ? bf_rnd(rng, (unsigned)n - 50) : bf_rnd(rng, 10);
    assert_int_equal(cp_graph_add_transition(g, bf_rnd(rng, (unsigned)n), to, &s, NULL), CP_OK);
  }
  return g;
}

static void landmarks_agree_with_the_plain_search_on_a_larger_graph(void **state) {
  (void)state;
  unsigned long long rng = 99;
  size_t n = 3000, routes = 0;
  cp_graph *g = popular_graph(&rng, n);
  cp_router *alt = with_landmarks(g, 6), *plain = cp_test_router(g);
  for (int i = 0; i < 600; i++) {
    cp_query q;
    plain_query(&rng, &q, n);
    routes += check(g, alt, plain, &q, false, i);
  }
  assert_true(routes > 400);
  cp_router_free(alt);
  cp_router_free(plain);
  cp_graph_free(g);
}

/* Shared routers use the tables made before sharing; making tables for other criteria or
 * another count later keeps the answers. */
static void landmarks_are_shared_and_made_per_criterion(void **state) {
  (void)state;
  unsigned long long rng = 3;
  cp_graph *g = bf_random_graph(&rng, 3, &(size_t){0});
  cp_router *r = cp_test_router(g), *shared = NULL;
  double months[NC] = {0, 1, 0, 0};
  assert_int_equal(cp_router_landmarks(r, 2, months, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, 0, 1, CP_BY_MONTHS);
  assert_true(cp_landmarks_cover(r, &q));
  q.weights[CP_BY_COST] = 1;
  assert_false(cp_landmarks_cover(r, &q)); /* cost has no tables yet: the plain search */
  assert_int_equal(cp_router_share(r, &shared, NULL), CP_OK);
  cp_query_init(&q, 0, 1, CP_BY_MONTHS);
  assert_true(cp_landmarks_cover(shared, &q));
  cp_router_free(shared);
  assert_int_equal(cp_router_landmarks(r, 3, all_weights, NULL), CP_OK);
  q.weights[CP_BY_COST] = 1;
  assert_true(cp_landmarks_cover(r, &q));
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(landmarks_give_the_least_route_under_the_rule),
      cmocka_unit_test(landmarks_agree_with_the_plain_search_on_a_larger_graph),
      cmocka_unit_test(landmarks_are_shared_and_made_per_criterion),
  };
  return CP_RUN(tests, argc, argv);
}
