/* test_router.c: the router and the one call everyone asks for routes (cp_route_search):
 * hand-worked answers, igraph's totals, each engine behind it giving the same route, and a
 * batch answering as each question alone. */
#include "brute_force.h"
#include "cp_test.h"
#include "internal.h"
#include "yen_oracle.h"

#include <math.h>

static cp_route_list *find(const cp_graph *g, const char *from, const char *to, cp_criterion by,
                           size_t k) {
  return cp_test_routes(g, cp_test_role(g, from), cp_test_role(g, to), by, k);
}

static void assert_path(const cp_graph *g, const cp_route *r, const char *ids) {
  char got[256] = "";
  for (size_t i = 0; i <= r->n_steps; i++) {
    strcat(got, i ? " " : "");
    strcat(got, cp_graph_role(g, r->roles[i])->id);
  }
  assert_string_equal(got, ids);
}

/* small.gv, worked by hand: a-b-d 12 months $6000 effort 5; a-c-d 15 months $300 effort 3;
 * a-d 30 months $0 effort 5. */
static void each_criterion_picks_its_own_best_route(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = find(g, "a", "d", CP_BY_MONTHS, 1);
  assert_int_equal(l->n, 1);
  assert_path(g, &l->routes[0], "a b d");
  assert_true(l->routes[0].months == 12 && l->routes[0].cost == 6000);
  assert_true(l->routes[0].effort == 5);
  cp_route_list_free(l);
  l = find(g, "a", "d", CP_BY_COST, 1);
  assert_path(g, &l->routes[0], "a d");
  cp_route_list_free(l);
  l = find(g, "a", "d", CP_BY_EFFORT, 1);
  assert_path(g, &l->routes[0], "a c d");
  assert_true(l->routes[0].effort == 3);
  cp_route_list_free(l);
  l = find(g, "a", "d", CP_BY_STEPS, 1);
  assert_path(g, &l->routes[0], "a d");
  assert_int_equal(l->routes[0].n_steps, 1);
  cp_route_list_free(l);
  l = find(g, "a", "e", CP_BY_MONTHS, 1);
  assert_path(g, &l->routes[0], "a b d e");
  assert_true(l->routes[0].months == 24);
  assert_int_equal(l->routes[0].transitions[2], 5);
  cp_route_list_free(l);
  cp_graph_free(g);
}

static void k_routes_come_best_first_and_distinct(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = find(g, "a", "d", CP_BY_MONTHS, 3);
  assert_int_equal(l->n, 3);
  assert_path(g, &l->routes[0], "a b d");
  assert_path(g, &l->routes[1], "a c d");
  assert_path(g, &l->routes[2], "a d");
  cp_route_list_free(l);
  /* Asking for more routes than exist gives those that exist. */
  l = find(g, "a", "d", CP_BY_COST, 10);
  assert_int_equal(l->n, 3);
  cp_route_list_free(l);
  /* Equal step counts: ordered by role ids along the route. */
  l = find(g, "a", "d", CP_BY_STEPS, 3);
  assert_path(g, &l->routes[0], "a d");
  assert_path(g, &l->routes[1], "a b d");
  assert_path(g, &l->routes[2], "a c d");
  cp_route_list_free(l);
  cp_graph_free(g);
}

static void no_route_is_an_empty_list_and_self_is_zero_steps(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_route_list *l = find(g, "e", "a", CP_BY_MONTHS, 2);
  assert_int_equal(l->n, 0);
  cp_route_list_free(l);
  l = find(g, "a", "z", CP_BY_MONTHS, 1);
  assert_int_equal(l->n, 0);
  cp_route_list_free(l);
  l = find(g, "b", "b", CP_BY_COST, 3);
  assert_int_equal(l->n, 1);
  assert_int_equal(l->routes[0].n_steps, 0);
  assert_true(l->routes[0].cost == 0);
  cp_route_list_free(l);
  cp_status st;
  assert_null(cp_test_routes_st(g, 0, 1, CP_BY_MONTHS, 0, &st, NULL));
  assert_int_equal(st, CP_EINVAL);
  assert_null(cp_test_routes_st(g, 0, 99, CP_BY_MONTHS, 1, &st, NULL));
  assert_int_equal(st, CP_EINVAL);
  cp_graph_free(g);
}

static void a_criterion_the_graph_lacks_is_refused(void **state) {
  (void)state;
  const char *t = "from,to,months\na,b,1\nb,c,\n";
  cp_graph *g = cp_test_csv(t);
  cp_error e = {0};
  cp_status st;
  assert_null(cp_test_routes_st(g, 0, 2, CP_BY_MONTHS, 1, &st, &e));
  assert_int_equal(st, CP_ENOCRIT);
  assert_contains(e.message, "t.csv:3: transition b -> c has no 'months'");
  assert_null(cp_test_routes_st(g, 0, 2, CP_BY_COST, 1, &st, &e));
  assert_int_equal(st, CP_ENOCRIT);
  cp_route_list *l = cp_test_routes(g, 0, 2, CP_BY_STEPS, 1);
  assert_int_equal(l->n, 1);
  assert_true(isnan(l->routes[0].months)); /* one step has no months: the total is unknown */
  cp_route_list_free(l);
  cp_graph_free(g);
}

static bool same_lists(const cp_route_list *a, const cp_route_list *b) {
  if (a->n != b->n)
    return false;
  for (size_t i = 0; i < a->n; i++) {
    const cp_route *x = &a->routes[i], *y = &b->routes[i];
    if (x->n_steps != y->n_steps || x->roles[0] != y->roles[0] ||
        memcmp(x->transitions, y->transitions, x->n_steps * sizeof *x->transitions) ||
        !(x->months == y->months) || !(x->cost == y->cost))
      return false;
  }
  return true;
}

/* Without limits or credentials, the engine's totals are igraph's k shortest paths'. */
static void plain_questions_agree_with_igraph(void **state) {
  (void)state;
  unsigned long long rng = 99;
  for (int trial = 0; trial < 800; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 2, &n);
    cp_criterion by = (cp_criterion)bf_rnd(&rng, CP_CRITERION_COUNT);
    size_t from = bf_rnd(&rng, (unsigned)n), to = bf_rnd(&rng, (unsigned)n),
           k = 1 + bf_rnd(&rng, 3);
    cp_route_list *mine = cp_test_routes(g, from, to, by, k), *ig = NULL;
    assert_int_equal(cp_test_yen(g, from, to, by, k, &ig, NULL), CP_OK);
    assert_int_equal(mine->n, ig->n);
    for (size_t i = 0; i < mine->n; i++)
      assert_true(fabs(cp_route_total(&mine->routes[i], by) - cp_route_total(&ig->routes[i], by)) <
                  1e-9);
    cp_route_list_free(mine);
    cp_route_list_free(ig);
    cp_graph_free(g);
  }
}

/* Plain questions take the bidirectional search (dijkstra.c); the same question with a limit
 * too large to bind takes the label-setting search. Both give the same route. */
static void the_fast_path_equals_the_general_search(void **state) {
  (void)state;
  unsigned long long rng = 2024;
  size_t routes = 0;
  for (int trial = 0; trial < 2000; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 3, &n);
    cp_router *r = cp_test_router(g);
    cp_query fast, general;
    cp_query_init(&fast, bf_rnd(&rng, (unsigned)n), bf_rnd(&rng, (unsigned)n),
                  (cp_criterion)bf_rnd(&rng, CP_CRITERION_COUNT));
    if (bf_rnd(&rng, 2))
      for (int c = 0; c < CP_CRITERION_COUNT; c++)
        fast.weights[c] += bf_rnd(&rng, 3);
    general = fast;
    general.limits[CP_BY_STEPS] = 1e12; /* never binds, but leaves the fast path */
    assert_true(cp_fast_route_applies(r, &fast));
    assert_false(cp_fast_route_applies(r, &general));
    cp_route_list *a = NULL, *b = NULL;
    assert_int_equal(cp_route_search(r, &fast, &a, NULL), CP_OK);
    assert_int_equal(cp_route_search(r, &general, &b, NULL), CP_OK);
    if (!same_lists(a, b))
      fail_msg("trial %d: the fast path and the general search differ", trial);
    routes += a->n;
    cp_route_list_free(a);
    cp_route_list_free(b);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (routes < 1200)
    fail_msg("only %zu routes compared", routes);
}

/* A random question of any kind from `from`: plain, or with limits, k > 1 or credentials. */
static void any_query(unsigned long long *rng, cp_query *q, size_t from, size_t n,
                      const char **have) {
  cp_query_init(q, from, bf_rnd(rng, (unsigned)n), (cp_criterion)bf_rnd(rng, 2 + 1));
  switch (bf_rnd(rng, 6)) {
  case 0: q->limits[CP_BY_MONTHS] = bf_rnd(rng, 6); break;
  case 1: q->k = 2 + bf_rnd(rng, 2); break;
  case 2:
    have[0] = "alpha";
    q->have = have;
    q->n_have = 1;
    break;
  default: break; /* plain: the fast path, or a kept search */
  }
}

/*
 * A batch: many questions through one router, from a few sources asked again and again in
 * any order, each told (as `route --batch` tells it) how many questions from its source with
 * its weights are still to come, or told nothing, or told "many". Every answer is the one the
 * same question gets asked alone on a fresh router, and brute force's.
 */
static void a_batch_answers_as_each_question_alone(void **state) {
  (void)state;
  unsigned long long rng = 17;
  size_t kept = 0, compared = 0;
  for (int trial = 0; trial < 800; trial++) {
    size_t n;
    cp_graph *g = bf_random_graph(&rng, 3, &n);
    cp_router *batch = cp_test_router(g);
    enum { Q = 16 };
    cp_query qs[Q];
    const char *have[Q][1];
    size_t sources[2] = {bf_rnd(&rng, (unsigned)n), bf_rnd(&rng, (unsigned)n)};
    for (size_t i = 0; i < Q; i++)
      any_query(&rng, &qs[i], sources[bf_rnd(&rng, 2)], n, have[i]);
    int telling = trial % 3; /* 0: the count still to come, 1: nothing, 2: many */
    for (size_t i = 0; i < Q; i++) {
      cp_query q = qs[i];
      for (size_t j = i; j < Q && telling == 0; j++)
        q.reuse_source +=
            qs[j].from == q.from && !memcmp(qs[j].weights, q.weights, sizeof q.weights);
      q.reuse_source = telling == 1 ? 0 : telling == 2 ? SIZE_MAX : q.reuse_source;
      kept += cp_fast_route_applies(batch, &q) && cp_source_reuse_pays(batch, &q);
      cp_route_list *in_batch = NULL, *alone = NULL;
      assert_int_equal(cp_route_search(batch, &q, &in_batch, NULL), CP_OK);
      cp_router *fresh = cp_test_router(g);
      qs[i].reuse_source = 0;
      assert_int_equal(cp_route_search(fresh, &qs[i], &alone, NULL), CP_OK);
      if (!same_lists(in_batch, alone))
        fail_msg("trial %d question %zu (%zu -> %zu): the batch's answer differs", trial, i, q.from,
                 q.to);
      const bf_route *all;
      size_t n_all = bf_routes(g, &qs[i], &all);
      for (size_t k = 0; k < alone->n; k++)
        if (k >= n_all || !bf_same(g, &alone->routes[k], &all[k]))
          fail_msg("trial %d question %zu: route %zu is not brute force's", trial, i, k);
      compared += alone->n;
      cp_route_list_free(in_batch);
      cp_route_list_free(alone);
      cp_router_free(fresh);
    }
    cp_router_free(batch);
    cp_graph_free(g);
  }
  if (kept < 2000 || compared < 6000)
    fail_msg("only %zu questions from kept searches, %zu routes compared", kept, compared);
}

/*
 * Issue 17: from a router's second question on, its strong components in Tarjan's order
 * answer "no route" without a search. On sparse random graphs, every question it proves
 * unreachable has no route by brute force (with a waypoint too), it proves most questions
 * that have none, and every answer, proven or searched, plain or by the label search (k = 2,
 * a waypoint), is brute force's.
 */
static void the_component_index_proves_only_what_brute_force_confirms(void **state) {
  (void)state;
  unsigned long long rng = 1717;
  size_t proven = 0, none = 0, compared = 0;
  for (int trial = 0; trial < 1500; trial++) {
    size_t n = 2 + bf_rnd(&rng, BF_MAX_ROLES - 1);
    cp_graph *g = bf_graph(&rng, n, bf_rnd(&rng, (unsigned)(2 * n)));
    cp_router *r = cp_test_router(g);
    cp_router_index(r);
    assert_true(cp_router_indexed(r));
    for (size_t from = 0; from < n; from++)
      for (size_t to = 0; to < n; to++) {
        cp_query q;
        cp_query_init(&q, from, to, (cp_criterion)bf_rnd(&rng, CP_CRITERION_COUNT));
        size_t via = bf_rnd(&rng, (unsigned)n);
        q.via = &via;
        q.n_via = bf_rnd(&rng, 3) == 0;
        q.k = 1 + (bf_rnd(&rng, 4) == 0);
        const bf_route *all;
        size_t n_all = bf_routes(g, &q, &all);
        bool proves = cp_router_proves_unreachable(r, &q);
        if (proves && n_all)
          fail_msg("trial %d: %zu -> %zu proven unreachable, but it has a route", trial, from, to);
        proven += proves;
        none += !n_all;
        cp_route_list *l = NULL;
        assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
        assert_int_equal(l->n, n_all < q.k ? n_all : q.k);
        for (size_t k = 0; k < l->n; k++)
          if (!bf_same(g, &l->routes[k], &all[k]))
            fail_msg("trial %d: %zu -> %zu route %zu is not brute force's", trial, from, to, k);
        compared++;
        cp_route_list_free(l);
      }
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (none < 5000 || proven < none / 2)
    fail_msg("%zu questions, %zu with no route, only %zu proven", compared, none, proven);
}

/* Two cycles of `k` roles, a0..a(k-1) and b0..b(k-1), with one move b0 -> a0 (b reaches a,
 * never the reverse), and z, a role with no move in: a -> b searches both cycles before
 * finding none; any -> z ends at once. */
static cp_graph *two_cycles(size_t k) {
  size_t cap = 64 * k + 64, at = 0;
  char *t = malloc(cap);
  assert_non_null(t);
  at += (size_t)snprintf(t + at, cap - at, "from,to,months\nb0,a0,1\nz,a0,1\n");
  for (size_t i = 0; i < k; i++)
    at += (size_t)snprintf(t + at, cap - at, "a%zu,a%zu,1\nb%zu,b%zu,1\n", i, (i + 1) % k, i,
                           (i + 1) % k);
  cp_graph *g = cp_test_csv(t);
  free(t);
  return g;
}

static size_t ask(cp_router *r, size_t from, size_t to) {
  cp_query q;
  cp_query_init(&q, from, to, CP_BY_MONTHS);
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  size_t n = l->n;
  cp_route_list_free(l);
  return n;
}

/* The component index is made when searches that found no route have cost what it does
 * (the roles and moves), not before: questions with routes, or whose "no route" is found at
 * once, never pay for it; costly ones make it within a few, and from then on "no route" takes
 * no search, on a router sharing the index too. */
static void the_component_index_is_made_when_it_pays(void **state) {
  (void)state;
  cp_graph *g = two_cycles(200);
  size_t a0 = cp_test_role(g, "a0"), a1 = cp_test_role(g, "a1"), b5 = cp_test_role(g, "b5"),
         z = cp_test_role(g, "z");
  cp_router *r = cp_test_router(g), *other = NULL;
  assert_int_equal(cp_router_share(r, &other, NULL), CP_OK);
  for (int i = 0; i < 50; i++) {
    assert_int_equal(ask(r, a0, a1), 1);
    assert_int_equal(ask(r, a1, z), 0); /* z has no move in: found at once */
  }
  assert_false(cp_router_indexed(r));
  int costly = 0;
  while (!cp_router_indexed(r) && costly < 10) {
    assert_int_equal(ask(other, a1, b5), 0);
    costly++;
  }
  assert_true(cp_router_indexed(r));
  assert_true(costly <= 2); /* each searches both cycles: about the roles and moves */
  uint64_t before = cp_fast_route_settled(other) + cp_fast_route_settled(r);
  assert_int_equal(ask(other, a0, b5), 0);
  assert_int_equal(ask(r, a1, b5), 0);
  assert_int_equal(cp_fast_route_settled(other) + cp_fast_route_settled(r), before);
  assert_int_equal(ask(r, b5, a1), 1); /* the index never hides a route */
  cp_router_free(other);
  cp_router_free(r);
  cp_graph_free(g);
}

/* Issue 17's regression: by steps, s>a>t and s>b>t tie (2 steps); role a comes first in the
 * file, so s>a>t, whether asked alone or in a batch after s>a and s>b. */
static void the_same_route_alone_and_after_other_questions_from_its_source(void **state) {
  (void)state;
  const char *t = "from,to,months\ns,a,1\ns,b,1\nb,t,9\na,t,1\n";
  cp_graph *g = cp_test_csv(t);
  size_t s = cp_test_role(g, "s"), a = cp_test_role(g, "a"), b = cp_test_role(g, "b"),
         tt = cp_test_role(g, "t");
  cp_router *alone = cp_test_router(g), *batch = cp_test_router(g);
  cp_query q;
  cp_query_init(&q, s, tt, CP_BY_STEPS);
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(alone, &q, &l, NULL), CP_OK);
  assert_path(g, &l->routes[0], "s a t");
  cp_route_list_free(l);
  size_t to[3] = {a, b, tt};
  for (size_t i = 0; i < 3; i++) {
    cp_query_init(&q, s, to[i], CP_BY_STEPS);
    q.reuse_source = 3 - i;
    assert_true(cp_source_reuse_pays(batch, &q)); /* the batch keeps one search from s */
    assert_int_equal(cp_route_search(batch, &q, &l, NULL), CP_OK);
    if (i < 2)
      cp_route_list_free(l);
  }
  assert_path(g, &l->routes[0], "s a t");
  cp_route_list_free(l);
  cp_router_free(alone);
  cp_router_free(batch);
  cp_graph_free(g);
}

/* Equal months both ways (1); the three-step route a-y-z-t is met first because its first
 * moves cost nothing, but the two-step a-x-t must win. */
static void equal_totals_go_to_fewer_steps(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("ties", &g), CP_OK);
  const char *ids[] = {"a", "x", "y", "z", "t"};
  for (size_t i = 0; i < 5; i++)
    assert_int_equal(cp_graph_add_role(g, ids[i], NULL, NULL, 0, 0, NULL, NULL), CP_OK);
  const size_t edges[][3] = {{0, 1, 1}, {1, 4, 0}, {0, 2, 0}, {2, 3, 0}, {3, 4, 1}};
  for (size_t i = 0; i < 5; i++) {
    cp_transition_spec t = {.months = (double)edges[i][2], .has = CP_HAS_MONTHS};
    assert_int_equal(cp_graph_add_transition(g, edges[i][0], edges[i][1], &t, NULL), CP_OK);
  }
  cp_router *r = cp_test_router(g);
  for (int general = 0; general < 2; general++) {
    cp_query q;
    cp_query_init(&q, 0, 4, CP_BY_MONTHS);
    if (general)
      q.limits[CP_BY_STEPS] = 1e12;
    cp_route_list *l = NULL;
    assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
    assert_int_equal(l->n, 1);
    assert_true(l->routes[0].months == 1);
    assert_int_equal(l->routes[0].n_steps, 2);
    cp_route_list_free(l);
  }
  cp_router_free(r);
  cp_graph_free(g);
}

static void a_router_answers_for_its_graph_and_credentials_held(void **state) {
  (void)state;
  cp_graph *g = NULL;
  const char *t = "from,to,months,cost,requires\na,b,5,100,CPHIMS;Licence\nb,c,1,50,cphims\n"
                  "c,d,,7,CPHIMS\n";
  g = cp_test_csv(t);
  assert_int_equal(cp_graph_add_credential(g, "CPHIMS", 3, 80, "", NULL), CP_OK);
  cp_router *r = cp_test_router(g);
  assert_ptr_equal(cp_router_graph(r), g);
  cp_query q;
  cp_query_init(&q, 0, 3, CP_BY_COST);
  assert_int_equal(q.k, 1);
  assert_true(q.weights[CP_BY_COST] == 1 && q.weights[CP_BY_MONTHS] == 0);
  assert_true(isinf(q.limits[CP_BY_MONTHS]) && q.n_have == 0 && q.reuse_source == 0);
  double months, cost;
  cp_step_figures(r, &q, 0, &months, &cost); /* nothing held: the graph's figures */
  assert_true(months == 5 && cost == 100);
  const char *have[] = {"cphims"};
  q.have = have;
  q.n_have = 1;
  cp_step_figures(r, &q, 0, &months, &cost);
  assert_true(months == 2 && cost == 20);
  cp_step_figures(r, &q, 1, &months, &cost); /* never below 0 */
  assert_true(months == 0 && cost == 0);
  cp_step_figures(r, &q, 2, &months, &cost); /* a figure the graph lacks stays unknown */
  assert_true(isnan(months) && cost == 0);
  /* The route's totals are what this person pays. */
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 1);
  assert_true(l->routes[0].cost == 20 && isnan(l->routes[0].months));
  cp_route_list_free(l);
  cp_router_free(r);
  cp_router_free(NULL);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(each_criterion_picks_its_own_best_route),
      cmocka_unit_test(k_routes_come_best_first_and_distinct),
      cmocka_unit_test(no_route_is_an_empty_list_and_self_is_zero_steps),
      cmocka_unit_test(a_criterion_the_graph_lacks_is_refused),
      cmocka_unit_test(plain_questions_agree_with_igraph),
      cmocka_unit_test(the_fast_path_equals_the_general_search),
      cmocka_unit_test(a_batch_answers_as_each_question_alone),
      cmocka_unit_test(the_component_index_proves_only_what_brute_force_confirms),
      cmocka_unit_test(the_component_index_is_made_when_it_pays),
      cmocka_unit_test(the_same_route_alone_and_after_other_questions_from_its_source),
      cmocka_unit_test(equal_totals_go_to_fewer_steps),
      cmocka_unit_test(a_router_answers_for_its_graph_and_credentials_held),
  };
  return CP_RUN(tests, argc, argv);
}
