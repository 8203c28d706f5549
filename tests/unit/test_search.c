/* test_search.c: constrained, weighted, Pareto and credential-aware routes vs brute force. */
#include "cp_test.h"

#include "yen_oracle.h"

#include <igraph.h>
#include <math.h>
#include <strings.h>

/* ---- random small graphs ---- */

static unsigned long long rng;
static unsigned rnd(unsigned n) {
  rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)((rng >> 33) % n);
}

enum { MAXN = 7, NC = CP_CRITERION_COUNT };
static const char *const creds[] = {"Alpha", "Beta"};
static const double cred_months[] = {2, 1}, cred_cost[] = {500, 1000};

static cp_graph *random_graph(size_t n, size_t m) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("random", &g), CP_OK);
  for (size_t i = 0; i < n; i++) {
    char id[32];
    snprintf(id, sizeof id, "r%zu", i);
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 0, 0, NULL, NULL), CP_OK);
  }
  for (size_t i = 0; i < 2; i++)
    assert_int_equal(cp_graph_add_credential(g, creds[i], cred_months[i], cred_cost[i], "", NULL),
                     CP_OK);
  static const char *const req[] = {NULL, "Alpha", "Beta", "alpha;Beta", "skill"};
  for (size_t j = 0; j < m; j++) {
    cp_transition_spec s = {.months = rnd(6),
                            .cost = rnd(4) * 500.0,
                            .effort = 1 + rnd(5),
                            .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT,
                            .requires = req[rnd(5)]};
    assert_int_equal(cp_graph_add_transition(g, rnd((unsigned)n), rnd((unsigned)n), &s, NULL),
                     CP_OK);
  }
  return g;
}

/* What a step costs on criterion c for someone holding `held` (bit i: creds[i]): worked out
 * here from the transition's own text, independently of the library. */
static double step_value(const cp_transition *t, int c, unsigned held) {
  double v = c == CP_BY_STEPS    ? 1
             : c == CP_BY_MONTHS ? t->months
             : c == CP_BY_COST   ? t->cost
                                 : t->effort;
  if (c != CP_BY_MONTHS && c != CP_BY_COST)
    return v;
  for (size_t j = 0; j < t->n_requires; j++)
    for (int i = 0; i < 2; i++)
      if ((held & (1u << i)) && strcasecmp(t->requires[j], creds[i]) == 0)
        v -= c == CP_BY_MONTHS ? cred_months[i] : cred_cost[i];
  return v > 0 ? v : 0;
}

/* ---- brute force: every route, as walks that are simple between waypoints ---- */

typedef struct walk {
  double v[NC];
  size_t steps;
} walk;

enum { MAXWALKS = 200000 };
static walk walks[MAXWALKS];
static size_t n_walks;

typedef struct bf {
  const cp_graph *g;
  const cp_query *q;
  unsigned held;
} bf;

static void segment(const bf *b, size_t at, size_t stage, bool *on, double *v) {
  const cp_query *q = b->q;
  bool saved[MAXN];
  memcpy(saved, on, sizeof saved);
  /* Arriving at the next waypoint starts a new segment, with a fresh "visited" set. */
  while (stage < q->n_via && q->via[stage] == at) {
    stage++;
    memset(on, 0, MAXN * sizeof *on);
  }
  if (stage == q->n_via && at == q->to) {
    if (n_walks < MAXWALKS) {
      memcpy(walks[n_walks].v, v, sizeof walks[0].v);
      walks[n_walks++].steps = (size_t)v[CP_BY_STEPS];
    }
    memcpy(on, saved, sizeof saved);
    return;
  }
  on[at] = true;
  for (size_t i = 0; i < cp_graph_transition_count(b->g); i++) {
    const cp_transition *t = cp_graph_transition(b->g, i);
    if (t->from != at || on[t->to])
      continue;
    bool avoided = false;
    for (size_t a = 0; a < q->n_avoid; a++)
      avoided |= q->avoid[a] == t->to;
    if (avoided)
      continue;
    double next[NC];
    bool within = true;
    for (int c = 0; c < NC; c++) {
      next[c] = v[c] + step_value(t, c, b->held);
      within &= next[c] <= q->limits[c];
    }
    if (within)
      segment(b, t->to, stage, on, next);
  }
  memcpy(on, saved, sizeof saved);
}

static void brute_force(const cp_graph *g, const cp_query *q, unsigned held) {
  bf b = {g, q, held};
  bool on[MAXN] = {false};
  double v[NC] = {0};
  n_walks = 0;
  segment(&b, q->from, 0, on, v);
}

static double f_of(const cp_query *q, const double *v) {
  double f = 0;
  for (int c = 0; c < NC; c++)
    f += q->weights[c] * v[c];
  return f;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static cp_router *router(const cp_graph *g) {
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  return r;
}

/* Checks that a returned route is a real walk from `from` to `to` whose totals (for the
 * credentials held) are the route's. */
static void assert_route_real(const cp_graph *g, const cp_query *q, const cp_route *r,
                              unsigned held) {
  assert_int_equal(r->roles[0], q->from);
  assert_int_equal(r->roles[r->n_steps], q->to);
  double v[NC] = {0};
  for (size_t s = 0; s < r->n_steps; s++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
    assert_int_equal(t->from, r->roles[s]);
    assert_int_equal(t->to, r->roles[s + 1]);
    for (size_t a = 0; a < q->n_avoid; a++)
      assert_true(t->to != q->avoid[a]);
    for (int c = 0; c < NC; c++)
      v[c] += step_value(t, c, held);
  }
  for (int c = 1; c < NC; c++) {
    if (fabs(v[c] - cp_route_total(r, (cp_criterion)c)) > 1e-9)
      fail_msg("route total on %s: %g, steps add to %g", cp_criterion_name((cp_criterion)c),
               cp_route_total(r, (cp_criterion)c), v[c]);
    assert_true(v[c] <= q->limits[c]);
  }
  assert_true((double)r->n_steps <= q->limits[CP_BY_STEPS]);
}

/* A random question: a weighted objective, some limits, avoided roles, waypoints and
 * credentials held. */
static unsigned random_query(cp_query *q, size_t n, size_t *avoid, size_t *via, const char **have,
                             bool allow_via) {
  cp_query_init(q, rnd((unsigned)n), rnd((unsigned)n), (cp_criterion)rnd(NC));
  if (rnd(2)) /* a trade-off between criteria */
    for (int c = 0; c < NC; c++)
      q->weights[c] = rnd(3) * (c == CP_BY_COST ? 0.001 : 1.0);
  if (rnd(4) == 0)
    q->weights[CP_BY_STEPS] += 1; /* at least one positive weight in any case */
  else
    q->weights[rnd(NC)] += 1;
  for (int c = 0; c < NC; c++)
    if (rnd(3) == 0)
      q->limits[c] = c == CP_BY_COST ? rnd(8) * 500.0 : c == CP_BY_STEPS ? 1 + rnd(4) : rnd(15);
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
      have[q->n_have++] = i ? "BETA" : "alpha"; /* names match in any case */
  q->have = have;
  return held;
}

static void constrained_routes_match_brute_force(void **state) {
  (void)state;
  rng = 42;
  size_t compared = 0, empty = 0;
  for (int trial = 0; trial < 1500; trial++) {
    size_t n = 2 + rnd(MAXN - 1), m = n + rnd((unsigned)(2 * n));
    cp_graph *g = random_graph(n, m);
    cp_router *r = router(g);
    cp_query q;
    size_t avoid[2], via[1];
    const char *have[2];
    bool with_via = trial % 3 == 0;
    unsigned held = random_query(&q, n, avoid, via, have, with_via);
    q.k = with_via ? 1 : 1 + rnd(3);
    brute_force(g, &q, held);
    double *best = malloc((n_walks ? n_walks : 1) * sizeof *best);
    for (size_t i = 0; i < n_walks; i++)
      best[i] = f_of(&q, walks[i].v);
    qsort(best, n_walks, sizeof *best, cmp_double);
    cp_route_list *l = NULL;
    cp_error e = {0};
    if (cp_route_search(r, &q, &l, &e) != CP_OK)
      fail_msg("trial %d: %s", trial, e.message);
    size_t want = n_walks < q.k ? n_walks : q.k;
    if (l->n != want)
      fail_msg("trial %d: %zu routes, brute force %zu (k=%zu)", trial, l->n, want, q.k);
    for (size_t i = 0; i < l->n; i++) {
      assert_route_real(g, &q, &l->routes[i], held);
      double f = 0;
      for (int c = 0; c < NC; c++)
        f += q.weights[c] * cp_route_total(&l->routes[i], (cp_criterion)c);
      if (fabs(f - best[i]) > 1e-9)
        fail_msg("trial %d route %zu: objective %g, brute force %g", trial, i, f, best[i]);
    }
    compared += l->n;
    empty += l->n == 0;
    free(best);
    cp_route_list_free(l);
    cp_router_free(r);
    cp_graph_free(g);
  }
  /* The generator must give both answers and "no route within the limits". */
  if (compared < 800 || empty < 50)
    fail_msg("only %zu routes compared, %zu empty answers", compared, empty);
}

static void pareto_sets_match_brute_force(void **state) {
  (void)state;
  rng = 7;
  size_t sets = 0, multi = 0;
  for (int trial = 0; trial < 1500; trial++) {
    /* Denser graphs than above, so that many sets hold several trade-offs. */
    size_t n = 3 + rnd(MAXN - 2), m = 2 * n + rnd((unsigned)(2 * n));
    cp_graph *g = random_graph(n, m);
    cp_router *r = router(g);
    cp_query q;
    size_t avoid[2], via[1];
    const char *have[2];
    unsigned held = random_query(&q, n, avoid, via, have, false);
    cp_criterion objectives[3] = {CP_BY_MONTHS, CP_BY_COST, CP_BY_EFFORT};
    size_t n_obj = 2 + rnd(2);
    if (rnd(2)) { /* cost and months the other way round */
      objectives[0] = CP_BY_COST;
      objectives[1] = CP_BY_MONTHS;
    }
    brute_force(g, &q, held);
    /* The Pareto set of distinct vectors, by brute force. */
    size_t n_front = 0;
    static double front[MAXWALKS][NC];
    for (size_t i = 0; i < n_walks; i++) {
      bool dominated = false, dup = false;
      for (size_t j = 0; j < n_walks && !dominated; j++) {
        bool le = true, lt = false;
        for (size_t o = 0; o < n_obj; o++) {
          int c = objectives[o];
          le &= walks[j].v[c] <= walks[i].v[c];
          lt |= walks[j].v[c] < walks[i].v[c];
        }
        dominated = le && lt;
      }
      for (size_t k = 0; k < n_front && !dup; k++) {
        bool same = true;
        for (size_t o = 0; o < n_obj; o++)
          same &= front[k][objectives[o]] == walks[i].v[objectives[o]];
        dup = same;
      }
      if (!dominated && !dup)
        memcpy(front[n_front++], walks[i].v, sizeof front[0]);
    }
    cp_route_list *l = NULL;
    cp_error e = {0};
    if (cp_route_pareto(r, &q, objectives, n_obj, &l, &e) != CP_OK)
      fail_msg("trial %d: %s", trial, e.message);
    if (l->n != n_front)
      fail_msg("trial %d: %zu Pareto routes, brute force %zu", trial, l->n, n_front);
    for (size_t i = 0; i < l->n; i++) {
      assert_route_real(g, &q, &l->routes[i], held);
      bool listed = false;
      for (size_t k = 0; k < n_front && !listed; k++) {
        bool same = true;
        for (size_t o = 0; o < n_obj; o++)
          same &=
              fabs(front[k][objectives[o]] - cp_route_total(&l->routes[i], objectives[o])) < 1e-9;
        listed = same;
      }
      if (!listed)
        fail_msg("trial %d: route %zu is not Pareto-optimal", trial, i);
      if (i) /* sorted by the first objective */
        assert_true(cp_route_total(&l->routes[i - 1], objectives[0]) <=
                    cp_route_total(&l->routes[i], objectives[0]));
    }
    sets += l->n > 0;
    multi += l->n > 1;
    cp_route_list_free(l);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (sets < 600 || multi < 150)
    fail_msg("only %zu Pareto sets, %zu with several routes", sets, multi);
}

/* Without limits or credentials, the engine and igraph's k shortest paths agree. */
static void plain_questions_agree_with_igraph(void **state) {
  (void)state;
  rng = 99;
  for (int trial = 0; trial < 500; trial++) {
    size_t n = 2 + rnd(MAXN - 1), m = n + rnd((unsigned)(2 * n));
    cp_graph *g = random_graph(n, m);
    cp_router *r = router(g);
    cp_criterion by = (cp_criterion)rnd(NC);
    size_t from = rnd((unsigned)n), to = rnd((unsigned)n), k = 1 + rnd(3);
    cp_query q;
    cp_query_init(&q, from, to, by);
    q.k = k;
    cp_route_list *mine = NULL, *ig = NULL;
    assert_int_equal(cp_route_search(r, &q, &mine, NULL), CP_OK);
    assert_int_equal(cp_test_yen(g, from, to, by, k, &ig, NULL), CP_OK);
    assert_int_equal(mine->n, ig->n);
    for (size_t i = 0; i < mine->n; i++)
      assert_true(fabs(cp_route_total(&mine->routes[i], by) - cp_route_total(&ig->routes[i], by)) <
                  1e-9);
    cp_route_list_free(mine);
    cp_route_list_free(ig);
    cp_router_free(r);
    cp_graph_free(g);
  }
}

/* reach and into: each role's best total equals one full Dijkstra from (into) the role,
 * computed by igraph over every transition. */
static void reach_and_into_agree_with_full_dijkstra(void **state) {
  (void)state;
  rng = 5;
  size_t compared = 0;
  for (int trial = 0; trial < 400; trial++) {
    size_t n = 2 + rnd(MAXN - 1), m = n + rnd((unsigned)(2 * n));
    cp_graph *g = random_graph(n, m);
    cp_router *r = router(g);
    cp_criterion by = (cp_criterion)(1 + rnd(NC - 1));
    size_t origin = rnd((unsigned)n);
    igraph_t ig;
    igraph_vector_int_t edges;
    igraph_vector_t w;
    igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
    igraph_vector_init(&w, (igraph_integer_t)m);
    for (size_t i = 0; i < m; i++) {
      const cp_transition *t = cp_graph_transition(g, i);
      VECTOR(edges)[2 * i] = (igraph_integer_t)t->from;
      VECTOR(edges)[2 * i + 1] = (igraph_integer_t)t->to;
      VECTOR(w)[i] = by == CP_BY_MONTHS ? t->months : by == CP_BY_COST ? t->cost : t->effort;
    }
    igraph_create(&ig, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
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
    igraph_vector_int_destroy(&edges);
    igraph_vector_destroy(&w);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (compared < 1000)
    fail_msg("only %zu roles compared", compared);
}

/* Within limits, reach keeps exactly the roles some route reaches within them, by brute
 * force. */
static void reach_within_limits_matches_brute_force(void **state) {
  (void)state;
  rng = 11;
  for (int trial = 0; trial < 400; trial++) {
    size_t n = 2 + rnd(MAXN - 1), m = n + rnd((unsigned)(2 * n));
    cp_graph *g = random_graph(n, m);
    cp_router *r = router(g);
    cp_query q;
    size_t avoid[2], via[1];
    const char *have[2];
    unsigned held = random_query(&q, n, avoid, via, have, false);
    cp_route_list *l = NULL;
    assert_int_equal(cp_route_reach(r, &q, &l, NULL), CP_OK);
    for (size_t v = 0; v < n; v++) {
      if (v == q.from)
        continue;
      cp_query one = q;
      one.to = v;
      brute_force(g, &one, held);
      double best = INFINITY;
      for (size_t i = 0; i < n_walks; i++)
        best = fmin(best, f_of(&q, walks[i].v));
      const cp_route *found = NULL;
      for (size_t i = 0; i < l->n; i++)
        if (l->routes[i].roles[l->routes[i].n_steps] == v)
          found = &l->routes[i];
      if (!found != !isfinite(best))
        fail_msg("trial %d role %zu: reach %s, brute force %s", trial, v,
                 found ? "found" : "nothing", isfinite(best) ? "a route" : "nothing");
      if (found) {
        assert_route_real(g, &one, found, held);
        double f = 0;
        for (int c = 0; c < NC; c++)
          f += q.weights[c] * cp_route_total(found, (cp_criterion)c);
        assert_true(fabs(f - best) < 1e-9);
      }
    }
    cp_route_list_free(l);
    cp_router_free(r);
    cp_graph_free(g);
  }
}

/* Plain questions take the bidirectional search (dijkstra.c); the same question with a limit
 * too large to bind takes the label-setting search. Both must give the same objective and,
 * between equal objectives, the same fewest steps. */
/* A random graph for a trial; every other one with many equal totals at different step
 * counts, so the steps rule is exercised. */
static cp_graph *trial_graph(int trial, size_t *n_out) {
  size_t n = 2 + rnd(MAXN - 1), m = n + rnd((unsigned)(3 * n));
  cp_graph *g = random_graph(n, m);
  if (trial % 2)
    for (size_t i = 0; i < m; i++) {
      cp_transition *t = (cp_transition *)cp_graph_transition(g, i);
      t->months = rnd(2);
      t->cost = rnd(2) * 500.0;
    }
  *n_out = n;
  return g;
}

static void the_fast_path_equals_the_general_search(void **state) {
  (void)state;
  rng = 2024;
  size_t routes = 0;
  for (int trial = 0; trial < 1500; trial++) {
    size_t n;
    cp_graph *g = trial_graph(trial, &n);
    cp_router *r = router(g);
    cp_query fast, general;
    cp_query_init(&fast, rnd((unsigned)n), rnd((unsigned)n), (cp_criterion)rnd(NC));
    if (rnd(2))
      for (int c = 0; c < NC; c++)
        fast.weights[c] += rnd(3);
    general = fast;
    general.limits[CP_BY_STEPS] = 1e12; /* never binds, but leaves the fast path */
    cp_route_list *a = NULL, *b = NULL;
    assert_int_equal(cp_route_search(r, &fast, &a, NULL), CP_OK);
    assert_int_equal(cp_route_search(r, &general, &b, NULL), CP_OK);
    assert_int_equal(a->n, b->n);
    if (a->n) {
      double fa = 0, fb = 0;
      for (int c = 0; c < NC; c++) {
        fa += fast.weights[c] * cp_route_total(&a->routes[0], (cp_criterion)c);
        fb += fast.weights[c] * cp_route_total(&b->routes[0], (cp_criterion)c);
      }
      if (fabs(fa - fb) > 1e-9 || a->routes[0].n_steps != b->routes[0].n_steps)
        fail_msg("trial %d: fast %g in %zu steps, general %g in %zu steps", trial, fa,
                 a->routes[0].n_steps, fb, b->routes[0].n_steps);
      assert_route_real(g, &fast, &a->routes[0], 0);
      routes++;
    }
    cp_route_list_free(a);
    cp_route_list_free(b);
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (routes < 1000)
    fail_msg("only %zu routes compared", routes);
}

/* A batch's questions from one source, answered by one kept search resumed per question
 * (reuse_source), have the totals and step counts of the same questions asked alone, in
 * any order, with sources and objectives changing in between. */
static void reused_source_searches_equal_fresh_ones(void **state) {
  (void)state;
  rng = 77;
  size_t compared = 0;
  for (int trial = 0; trial < 300; trial++) {
    size_t n;
    cp_graph *g = trial_graph(trial, &n);
    cp_router *r = router(g);
    size_t from = rnd((unsigned)n);
    cp_criterion by = (cp_criterion)rnd(NC);
    for (int k = 0; k < 12; k++) {
      if (rnd(6) == 0) /* now and then another source or objective: the kept search restarts */
        from = rnd((unsigned)n), by = (cp_criterion)rnd(NC);
      cp_query fresh, kept;
      cp_query_init(&fresh, from, rnd((unsigned)n), by);
      kept = fresh;
      kept.reuse_source = SIZE_MAX; /* always worth a kept search */
      cp_route_list *a = NULL, *b = NULL;
      assert_int_equal(cp_route_search(r, &fresh, &a, NULL), CP_OK);
      assert_int_equal(cp_route_search(r, &kept, &b, NULL), CP_OK);
      assert_int_equal(a->n, b->n);
      if (a->n) {
        double fa = cp_route_total(&a->routes[0], by), fb = cp_route_total(&b->routes[0], by);
        if (fabs(fa - fb) > 1e-9 || a->routes[0].n_steps != b->routes[0].n_steps)
          fail_msg("trial %d question %d: fresh %g in %zu steps, kept %g in %zu steps", trial, k,
                   fa, a->routes[0].n_steps, fb, b->routes[0].n_steps);
        assert_route_real(g, &kept, &b->routes[0], 0);
        compared++;
      }
      cp_route_list_free(a);
      cp_route_list_free(b);
    }
    cp_router_free(r);
    cp_graph_free(g);
  }
  if (compared < 1500)
    fail_msg("only %zu routes compared", compared);
}

/* A kept search is started only where it pays: a source asked twice on a large graph keeps
 * the bidirectional search (which settles a small part of the graph), a source asked as
 * many times as there are roles starts a kept one, and a kept search is resumed whenever
 * its source is asked again. */
static void kept_searches_start_only_where_they_pay(void **state) {
  (void)state;
  rng = 5;
  size_t n = 20000;
  cp_graph *g = random_graph(n, 4 * n);
  cp_router *r = router(g);
  cp_query q;
  for (int i = 0; i < 40; i++) {
    cp_query_init(&q, rnd((unsigned)n), rnd((unsigned)n), CP_BY_MONTHS);
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
  cp_router *r = router(g);
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

/* A graph that carries months only: every kind of question by months still works, and a
 * criterion it lacks is refused by name. (Missing figures are NaN; a limit or weight test
 * on them once rejected every move.) */
static void graphs_lacking_a_criterion_still_answer(void **state) {
  (void)state;
  cp_graph *g = NULL;
  const char *t = "from,to,months\na,b,1\nb,c,2\na,c,5\nc,d,1\n";
  assert_int_equal(cp_read_csv_buffers("t.csv", t, strlen(t), NULL, NULL, 0, &g, NULL), CP_OK);
  cp_router *r = router(g);
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
  cp_router *r = router(g);
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
  cp_router *r = router(g);
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
      cmocka_unit_test(constrained_routes_match_brute_force),
      cmocka_unit_test(pareto_sets_match_brute_force),
      cmocka_unit_test(plain_questions_agree_with_igraph),
      cmocka_unit_test(reach_and_into_agree_with_full_dijkstra),
      cmocka_unit_test(reach_within_limits_matches_brute_force),
      cmocka_unit_test(the_fast_path_equals_the_general_search),
      cmocka_unit_test(reused_source_searches_equal_fresh_ones),
      cmocka_unit_test(kept_searches_start_only_where_they_pay),
      cmocka_unit_test(equal_totals_go_to_fewer_steps),
      cmocka_unit_test(graphs_lacking_a_criterion_still_answer),
      cmocka_unit_test(bad_questions_are_refused),
      cmocka_unit_test(limits_and_waypoints_on_a_graph_worked_by_hand),
  };
  return CP_RUN(tests, argc, argv);
}
