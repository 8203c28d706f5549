/* test_search.c: the label-setting search (limits, waypoints, avoided roles, credentials
 * held, trade-offs): its k best, Pareto sets and every role's best route, against brute force
 * under the tie rule and against igraph. */
#include "brute_force.h"
#include "cp_test.h"

#include <igraph.h>
#include <math.h>

enum { NC = CP_CRITERION_COUNT };

static unsigned long long rng;
static unsigned rnd(unsigned n) { return bf_rnd(&rng, n); }

/* A random question: whole-number weights (a trade-off now and then), some limits, avoided
 * roles, a waypoint and credentials held (names in any case). */
static void random_query(cp_query *q, size_t n, size_t *avoid, size_t *via, const char **have,
                         bool allow_via) {
  cp_query_init(q, rnd((unsigned)n), rnd((unsigned)n), (cp_criterion)rnd(NC));
  if (rnd(2))
    for (int c = 0; c < NC; c++)
      q->weights[c] += rnd(3);
  for (int c = 0; c < NC; c++)
    if (rnd(4) == 0)
      q->limits[c] = c == CP_BY_STEPS ? 1 + rnd(4) : rnd(10);
  for (size_t i = 0; i < 2; i++) {
    size_t a = rnd((unsigned)n);
    if (rnd(3) == 0 && a != q->from && a != q->to)
      avoid[q->n_avoid++] = a;
  }
  q->avoid = avoid;
  if (allow_via && rnd(3) == 0) {
    size_t w = rnd((unsigned)n);
    bool avoided = false;
    for (size_t a = 0; a < q->n_avoid; a++)
      avoided |= avoid[a] == w;
    if (!avoided)
      via[q->n_via++] = w;
  }
  q->via = via;
  unsigned held = rnd(4);
  for (int i = 0; i < 2; i++)
    if (held & (1u << i))
      have[q->n_have++] = i ? "BETA" : "alpha";
  q->have = have;
}

static bool passes_a_role_twice(const cp_route *r) {
  for (size_t i = 0; i <= r->n_steps; i++)
    for (size_t j = 0; j < i; j++)
      if (r->roles[i] == r->roles[j])
        return true;
  return false;
}

/* The k best routes are brute force's k least under the tie rule, route for route; with a
 * waypoint, the k least walks whose stretches between waypoints pass no role twice. */
static void k_best_routes_are_the_least_under_the_rule(void **state) {
  (void)state;
  rng = 42;
  size_t compared = 0, empty = 0, several = 0, via_lists = 0, returning = 0;
  for (int trial = 0; trial < 3000; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 4, &n);
    cp_router *r = cp_test_router(g);
    cp_query q;
    size_t avoid[2], via[1];
    const char *have[2];
    random_query(&q, n, avoid, via, have, trial % 3 == 0);
    q.k = 1 + rnd(4);
    const bf_route *all;
    size_t n_all = bf_routes(g, &q, &all);
    cp_route_list *l = NULL;
    cp_error e = {0};
    if (cp_label_k_best(r, &q, &l, &e) != CP_OK)
      fail_msg("trial %d: %s", trial, e.message);
    size_t want = n_all < q.k ? n_all : q.k;
    if (l->n != want)
      fail_msg("trial %d: %zu routes, brute force %zu (k=%zu)", trial, l->n, want, q.k);
    for (size_t i = 0; i < l->n; i++)
      if (!bf_same(g, &l->routes[i], &all[i]))
        fail_msg("trial %d: route %zu of %zu is not brute force's", trial, i, l->n);
    compared += l->n;
    empty += l->n == 0;
    several += l->n > 1;
    via_lists += q.n_via && l->n > 1;
    for (size_t i = 0; i < l->n; i++)
      returning += q.n_via && passes_a_role_twice(&l->routes[i]);
    cp_route_list_free(l);
    cp_router_free(r);
    cp_graph_free(g);
  }
  /* The generator must give answers, lists and "no route within the limits", and lists with
   * a waypoint whose routes come back to a role. */
  if (compared < 3000 || empty < 100 || several < 500 || via_lists < 50 || returning < 30)
    fail_msg("only %zu routes compared, %zu empty answers, %zu lists, %zu with a waypoint, %zu "
             "routes passing a role twice",
             compared, empty, several, via_lists, returning);
}

/* The k best routes from a to c through `via`, each as its role ids, checked against `want`. */
static void check_k_via(const char *csv, const char *via, size_t k, const char *const *want,
                        size_t n_want) {
  cp_graph *g = cp_test_csv(csv);
  cp_router *r = cp_test_router(g);
  size_t v = cp_test_role(g, via);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "a"), cp_test_role(g, "c"), CP_BY_MONTHS);
  q.via = &v;
  q.n_via = 1;
  q.k = k;
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, n_want);
  for (size_t i = 0; i < n_want; i++) {
    char got[64] = "";
    for (size_t j = 0; j <= l->routes[i].n_steps; j++) {
      strcat(got, j ? " " : "");
      strcat(got, cp_graph_role(g, l->routes[i].roles[j])->id);
    }
    assert_string_equal(got, want[i]);
  }
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

/* Issue 17: with a waypoint a route may come back to a role, and the k best are the k least
 * such walks (each stretch between waypoints passing no role twice), not only those Yen's
 * spurs find without re-entering their root. a>b>x>a>c (4 months) comes before a>b>c (11).
 * And a move a spur may not start with may come again after the waypoint: a>v>a>x>c takes
 * a>x in its second stretch. */
static void k_best_with_a_waypoint_may_return_to_a_role(void **state) {
  (void)state;
  const char *want[] = {"a b a c", "a b x a c", "a b c"};
  check_k_via("from,to,months\na,b,1\nb,a,1\na,c,1\nb,x,1\nx,a,1\nb,c,10\n", "b", 4, want, 3);
  const char *again[] = {"a x v a x c", "a v a x c"};
  check_k_via("from,to,months\na,x,1\nx,v,1\nv,a,1\nx,c,1\na,v,5\n", "v", 3, again, 2);
}

/* Pareto sets: one route per vector of totals not beaten on every objective, the least under
 * the rest of the rule, listed by the objectives in the order asked and then the rule. */
static void pareto_sets_are_brute_forces(void **state) {
  (void)state;
  rng = 7;
  size_t sets = 0, multi = 0;
  for (int trial = 0; trial < 2000; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 4, &n);
    cp_router *r = cp_test_router(g);
    cp_query q;
    size_t avoid[2], via[1];
    const char *have[2];
    random_query(&q, n, avoid, via, have, false);
    cp_criterion objectives[3] = {CP_BY_MONTHS, CP_BY_COST, CP_BY_EFFORT};
    size_t n_obj = 2 + rnd(2);
    if (rnd(2)) /* cost and months the other way round */
      objectives[0] = CP_BY_COST, objectives[1] = CP_BY_MONTHS;
    const bf_route *all;
    size_t n_all = bf_routes_by(g, &q, objectives, n_obj, &all);
    /* In that order, a route is on the front when no earlier one is at least as good on
     * every objective; the first of equal vectors is the least. */
    const bf_route *front[4096];
    size_t n_front = 0;
    for (size_t i = 0; i < n_all && n_front < 4096; i++) {
      bool beaten = false;
      for (size_t j = 0; j < i && !beaten; j++) {
        bool le = true;
        for (size_t o = 0; o < n_obj; o++)
          le &= all[j].v[objectives[o]] <= all[i].v[objectives[o]];
        beaten = le;
      }
      if (!beaten)
        front[n_front++] = &all[i];
    }
    cp_route_list *l = NULL;
    cp_error e = {0};
    if (cp_route_pareto(r, &q, objectives, n_obj, &l, &e) != CP_OK)
      fail_msg("trial %d: %s", trial, e.message);
    if (l->n != n_front)
      fail_msg("trial %d: %zu Pareto routes, brute force %zu", trial, l->n, n_front);
    for (size_t i = 0; i < l->n; i++)
      if (!bf_same(g, &l->routes[i], front[i]))
        fail_msg("trial %d: Pareto route %zu is not brute force's", trial, i);
    sets += l->n > 0;
    multi += l->n > 1;
    cp_route_list_free(l);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (sets < 800 || multi < 180) /* already-held steps take no effort: fewer distinct vectors */
    fail_msg("only %zu Pareto sets, %zu with several routes", sets, multi);
}

/* reach and into: each role's route is brute force's least from (into) the origin within the
 * limits, and the list is in the rule's order. */
static void every_roles_route_is_the_least_under_the_rule(void **state) {
  (void)state;
  rng = 11;
  size_t compared = 0;
  for (int trial = 0; trial < 3000; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 4, &n);
    cp_router *r = cp_test_router(g);
    cp_query q;
    size_t avoid[2], via[1];
    const char *have[2];
    random_query(&q, n, avoid, via, have, false);
    bool into = trial % 2;
    size_t origin = into ? q.to : q.from;
    cp_route_list *l = NULL;
    assert_int_equal((into ? cp_route_into : cp_route_reach)(r, &q, &l, NULL), CP_OK);
    for (size_t i = 1; i < l->n; i++) {
      bf_route a = bf_of(&l->routes[i - 1]), b = bf_of(&l->routes[i]);
      assert_true(bf_compare(g, q.weights, NULL, 0, &a, &b) < 0);
    }
    for (size_t v = 0; v < n; v++) {
      cp_query one = q;
      one.from = into ? v : origin;
      one.to = into ? origin : v;
      bool avoided = false;
      for (size_t a = 0; a < q.n_avoid; a++)
        avoided |= q.avoid[a] == v;
      const bf_route *all;
      size_t n_all = v == origin || avoided ? 0 : bf_routes(g, &one, &all);
      const cp_route *found = NULL;
      for (size_t i = 0; i < l->n; i++)
        if (l->routes[i].roles[into ? 0 : l->routes[i].n_steps] == v)
          found = &l->routes[i];
      if (!found != !n_all)
        fail_msg("trial %d role %zu: %s %s, brute force %zu routes", trial, v,
                 into ? "into" : "reach", found ? "found one" : "nothing", n_all);
      if (found && !bf_same(g, found, &all[0]))
        fail_msg("trial %d role %zu: %s's route is not brute force's", trial, v,
                 into ? "into" : "reach");
      compared += found != NULL;
    }
    cp_route_list_free(l);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (compared < 2500)
    fail_msg("only %zu roles compared", compared);
}

/* reach and into: each role's best total equals one full Dijkstra from (into) the role,
 * computed by igraph over every transition. */
static void reach_and_into_agree_with_full_dijkstra(void **state) {
  (void)state;
  rng = 5;
  size_t compared = 0;
  for (int trial = 0; trial < 400; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 2, &n);
    cp_router *r = cp_test_router(g);
    cp_criterion by = (cp_criterion)(1 + rnd(NC - 1));
    size_t origin = rnd((unsigned)n);
    igraph_t ig;
    igraph_vector_t w;
    assert_int_equal(cp_igraph_transitions(g, &ig, NULL, "test"), CP_OK);
    assert_int_equal(cp_igraph_weights(g, by, &w, NULL, "test"), CP_OK);
    for (int reverse = 0; reverse < 2; reverse++) {
      igraph_matrix_t d;
      igraph_matrix_init(&d, 0, 0);
      igraph_distances_dijkstra(&ig, &d, igraph_vss_1((igraph_integer_t)origin), igraph_vss_all(),
                                &w, reverse ? IGRAPH_IN : IGRAPH_OUT);
      cp_query q;
      cp_query_init(&q, origin, origin, by);
      cp_route_list *l = NULL;
      assert_int_equal((reverse ? cp_route_into : cp_route_reach)(r, &q, &l, NULL), CP_OK);
      size_t reachable = 0;
      for (size_t v = 0; v < n; v++)
        reachable += v != origin && isfinite(MATRIX(d, 0, v));
      assert_int_equal(l->n, reachable);
      for (size_t i = 0; i < l->n; i++) {
        const cp_route *rt = &l->routes[i];
        size_t other = reverse ? rt->roles[0] : rt->roles[rt->n_steps];
        assert_int_equal(reverse ? rt->roles[rt->n_steps] : rt->roles[0], origin);
        if (fabs(cp_route_total(rt, by) - MATRIX(d, 0, other)) > 1e-9)
          fail_msg("trial %d %s role %zu: %g, igraph %g", trial, reverse ? "into" : "reach", other,
                   cp_route_total(rt, by), MATRIX(d, 0, other));
        compared++;
      }
      cp_route_list_free(l);
      igraph_matrix_destroy(&d);
    }
    igraph_destroy(&ig);
    igraph_vector_destroy(&w);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (compared < 1000)
    fail_msg("only %zu roles compared", compared);
}

/* A graph that carries months only: every kind of question by months still works, and a
 * criterion it lacks is refused by name. (Missing figures are NaN; a limit or weight test
 * on them once rejected every move.) */
static void graphs_lacking_a_criterion_still_answer(void **state) {
  (void)state;
  const char *t = "from,to,months\na,b,1\nb,c,2\na,c,5\nc,d,1\n";
  cp_graph *g = cp_test_csv(t);
  cp_router *r = cp_test_router(g);
  size_t a = cp_test_role(g, "a"), d = cp_test_role(g, "d");
  cp_query q;
  cp_route_list *l = NULL;
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  q.k = 2;
  q.limits[CP_BY_STEPS] = 3;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 2);
  assert_true(l->routes[0].months == 4 && l->routes[1].months == 6);
  cp_route_list_free(l);
  assert_int_equal(cp_route_reach(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 3);
  cp_route_list_free(l);
  cp_criterion ms[2] = {CP_BY_MONTHS, CP_BY_STEPS};
  assert_int_equal(cp_route_pareto(r, &q, ms, 2, &l, NULL), CP_OK);
  assert_int_equal(l->n, 2); /* 4 months in 3 steps, 6 months in 2 */
  cp_route_list_free(l);
  cp_error e = {0};
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  q.limits[CP_BY_COST] = 100;
  assert_int_equal(cp_route_search(r, &q, &l, &e), CP_ENOCRIT);
  assert_contains(e.message, "no 'cost'");
  cp_router_free(r);
  cp_graph_free(g);
}

static void bad_questions_are_refused(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_router *r = cp_test_router(g);
  cp_query q;
  cp_route_list *l = NULL;
  cp_error e = {0};
  size_t a = cp_test_role(g, "a"), d = cp_test_role(g, "d");
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  q.avoid = &a;
  q.n_avoid = 1;
  assert_int_equal(cp_route_search(r, &q, &l, &e), CP_EINVAL);
  assert_contains(e.message, "cannot avoid 'Alpha Role'");
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  q.weights[CP_BY_MONTHS] = 0;
  assert_int_equal(cp_route_search(r, &q, &l, &e), CP_EINVAL);
  assert_contains(e.message, "no criterion has a positive weight");
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  q.limits[CP_BY_COST] = -1;
  assert_int_equal(cp_route_search(r, &q, &l, &e), CP_EINVAL);
  cp_criterion one = CP_BY_MONTHS;
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  assert_int_equal(cp_route_pareto(r, &q, &one, 1, &l, &e), CP_EINVAL);
  assert_null(l);
  cp_router_free(r);
  cp_graph_free(g);
}

/* small.gv by hand: a-b-d 12 months $6000; a-c-d 15 months $300; a-d 30 months $0. */
static void limits_and_waypoints_on_a_graph_worked_by_hand(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_router *r = cp_test_router(g);
  size_t a = cp_test_role(g, "a"), b = cp_test_role(g, "b"), c = cp_test_role(g, "c"),
         d = cp_test_role(g, "d");
  cp_query q;
  cp_route_list *l = NULL;
  /* Fastest within $1,000: not a-b-d ($6,000) but a-c-d (15 months). */
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  q.limits[CP_BY_COST] = 1000;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 1);
  assert_int_equal(l->routes[0].roles[1], c);
  cp_route_list_free(l);
  /* Within 20 months and $1,000 and avoiding c: nothing. */
  q.avoid = &c;
  q.n_avoid = 1;
  q.limits[CP_BY_MONTHS] = 20;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 0);
  cp_route_list_free(l);
  /* Cheapest through b: a-b-d, $6,000. */
  cp_query_init(&q, a, d, CP_BY_COST);
  q.via = &b;
  q.n_via = 1;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->routes[0].roles[1], b);
  assert_true(l->routes[0].cost == 6000);
  cp_route_list_free(l);
  /* Pareto on months and cost: all three routes trade one for the other. */
  cp_criterion mc[2] = {CP_BY_MONTHS, CP_BY_COST};
  cp_query_init(&q, a, d, CP_BY_MONTHS);
  assert_int_equal(cp_route_pareto(r, &q, mc, 2, &l, NULL), CP_OK);
  assert_int_equal(l->n, 3);
  assert_true(l->routes[0].months == 12 && l->routes[1].months == 15 && l->routes[2].months == 30);
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(k_best_routes_are_the_least_under_the_rule),
      cmocka_unit_test(k_best_with_a_waypoint_may_return_to_a_role),
      cmocka_unit_test(pareto_sets_are_brute_forces),
      cmocka_unit_test(every_roles_route_is_the_least_under_the_rule),
      cmocka_unit_test(reach_and_into_agree_with_full_dijkstra),
      cmocka_unit_test(graphs_lacking_a_criterion_still_answer),
      cmocka_unit_test(bad_questions_are_refused),
      cmocka_unit_test(limits_and_waypoints_on_a_graph_worked_by_hand),
  };
  return CP_RUN(tests, argc, argv);
}
