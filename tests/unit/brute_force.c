/* brute_force.c: every route of a small graph by enumeration, and the tie rule written out
 * apart from the library: the tests' reference for every route engine. */
#include "brute_force.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { NC = CP_CRITERION_COUNT, MAX_ROUTES = 200000 };

static bf_route routes[MAX_ROUTES];
static size_t n_routes;

unsigned bf_rnd(unsigned long long *rng, unsigned n) {
  *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)((*rng >> 33) % n);
}

cp_graph *bf_graph(unsigned long long *rng, size_t n, size_t m) {
  cp_graph *g = NULL;
  if (cp_graph_new("ties", &g) != CP_OK)
    abort();
  for (size_t i = 0; i < n; i++) {
    char id[32];
    snprintf(id, sizeof id, "r%zu", i);
    cp_graph_add_role(g, id, NULL, NULL, 0, 0, NULL, NULL);
  }
  cp_graph_add_credential(g, "Alpha", 2, 1, "", NULL);
  cp_graph_add_credential(g, "Beta", 1, 2, "", NULL);
  static const char *const req[] = {NULL, NULL, "Alpha", "beta", "ALPHA;Beta", "skill"};
  for (size_t j = 0; j < m; j++) {
    cp_transition_spec s = {.months = bf_rnd(rng, 3),
                            .cost = bf_rnd(rng, 3),
                            .effort = 1 + bf_rnd(rng, 2),
                            .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT,
                            .requires = req[bf_rnd(rng, 6)]};
    size_t from = bf_rnd(rng, (unsigned)n), to = bf_rnd(rng, (unsigned)n);
    if (cp_graph_add_transition(g, from, to, &s, NULL) != CP_OK)
      abort();
  }
  return g;
}

cp_graph *bf_random_graph(unsigned long long *rng, unsigned density, size_t *n) {
  *n = 2 + bf_rnd(rng, BF_MAX_ROLES - 1);
  return bf_graph(rng, *n, *n + bf_rnd(rng, density * (unsigned)*n));
}

static double step_value(const cp_graph *g, const cp_query *q, const cp_transition *t, int c);

/* A step that only earns what the person holds: every requirement held, one at least
 * catalogued, no months and no money left to pay. It takes no effort. */
static bool already_held(const cp_graph *g, const cp_query *q, const cp_transition *t) {
  bool catalogued = false;
  for (size_t j = 0; j < t->n_requires; j++) {
    bool held = false;
    for (size_t h = 0; h < q->n_have; h++)
      held |= strcasecmp(q->have[h], t->requires[j]) == 0;
    if (!held)
      return false;
    for (size_t k = 0; k < cp_graph_credential_count(g); k++)
      catalogued |= strcasecmp(cp_graph_credential(g, k)->name, t->requires[j]) == 0;
  }
  return catalogued && step_value(g, q, t, CP_BY_MONTHS) == 0 &&
         step_value(g, q, t, CP_BY_COST) == 0;
}

/* What a step costs on criterion c for a person holding q->have. */
static double step_value(const cp_graph *g, const cp_query *q, const cp_transition *t, int c) {
  double v = c == CP_BY_STEPS    ? 1
             : c == CP_BY_MONTHS ? t->months
             : c == CP_BY_COST   ? t->cost
                                 : t->effort;
  if (c == CP_BY_EFFORT && already_held(g, q, t))
    return 0;
  if (c != CP_BY_MONTHS && c != CP_BY_COST)
    return v;
  for (size_t j = 0; j < t->n_requires; j++)
    for (size_t k = 0; k < cp_graph_credential_count(g); k++) {
      const cp_credential *cred = cp_graph_credential(g, k);
      if (strcasecmp(t->requires[j], cred -> name))
        continue;
      for (size_t h = 0; h < q->n_have; h++)
        if (strcasecmp(q->have[h], cred->name) == 0) {
          v -= c == CP_BY_MONTHS ? cred->months : cred->cost;
          break;
        }
    }
  return v > 0 ? v : 0;
}

typedef struct walk_state {
  const cp_graph *g;
  const cp_query *q;
  bf_route cur;
} walk_state;

static void walk(walk_state *w, size_t at, size_t stage, bool *on) {
  const cp_query *q = w->q;
  bool saved[BF_MAX_ROLES];
  memcpy(saved, on, sizeof saved);
  /* Arriving at the next waypoint starts a new segment, with a fresh "visited" set. */
  while (stage < q->n_via && q->via[stage] == at) {
    stage++;
    memset(on, 0, BF_MAX_ROLES * sizeof *on);
  }
  if (stage == q->n_via && at == q->to) {
    if (n_routes < MAX_ROUTES)
      routes[n_routes++] = w->cur;
    memcpy(on, saved, sizeof saved);
    return;
  }
  on[at] = true;
  for (size_t i = 0; i < cp_graph_transition_count(w->g) && w->cur.n < BF_MAX_STEPS; i++) {
    const cp_transition *t = cp_graph_transition(w->g, i);
    bool avoided = false;
    for (size_t a = 0; a < q->n_avoid; a++)
      avoided |= q->avoid[a] == t->to;
    if (t->from != at || on[t->to] || avoided)
      continue;
    bf_route before = w->cur;
    bool within = true;
    for (int c = 0; c < NC; c++) {
      w->cur.v[c] += step_value(w->g, q, t, c);
      within &= w->cur.v[c] <= q->limits[c];
    }
    w->cur.tr[w->cur.n++] = i;
    if (within)
      walk(w, t->to, stage, on);
    w->cur = before;
  }
  memcpy(on, saved, sizeof saved);
}

static size_t roles_of(const cp_graph *g, const bf_route *r, size_t *roles) {
  roles[0] = r->start;
  for (size_t i = 0; i < r->n; i++)
    roles[i + 1] = cp_graph_transition(g, r->tr[i])->to;
  return r->n + 1;
}

int bf_compare(const cp_graph *g, const double *weights, const cp_criterion *objectives,
               size_t n_objectives, const bf_route *a, const bf_route *b) {
  double fa = 0, fb = 0;
  for (int c = 0; c < NC && !n_objectives; c++)
    if (weights[c] > 0)
      fa += weights[c] * a->v[c], fb += weights[c] * b->v[c];
  if (fa != fb)
    return fa < fb ? -1 : 1;
  for (size_t i = 0; i < n_objectives; i++)
    if (a->v[objectives[i]] != b->v[objectives[i]])
      return a->v[objectives[i]] < b->v[objectives[i]] ? -1 : 1;
  if (a->n != b->n)
    return a->n < b->n ? -1 : 1;
  size_t ra[BF_MAX_STEPS + 1], rb[BF_MAX_STEPS + 1];
  roles_of(g, a, ra);
  roles_of(g, b, rb);
  for (size_t i = 0; i <= a->n; i++)
    if (ra[i] != rb[i])
      return ra[i] < rb[i] ? -1 : 1;
  for (size_t i = 0; i < a->n; i++)
    if (a->tr[i] != b->tr[i])
      return a->tr[i] < b->tr[i] ? -1 : 1;
  return 0;
}

/* qsort has no context: the order in force. */
static const cp_graph *sort_g;
static const double *sort_weights;
static const cp_criterion *sort_objectives;
static size_t sort_n_objectives;

static int by_rule(const void *a, const void *b) {
  return bf_compare(sort_g, sort_weights, sort_objectives, sort_n_objectives, a, b);
}

size_t bf_routes_by(const cp_graph *g, const cp_query *q, const cp_criterion *objectives,
                    size_t n_objectives, const bf_route **out) {
  walk_state w = {.g = g, .q = q, .cur = {.start = q->from}};
  bool on[BF_MAX_ROLES] = {false};
  n_routes = 0;
  walk(&w, q->from, 0, on);
  sort_g = g, sort_weights = q->weights;
  sort_objectives = objectives, sort_n_objectives = n_objectives;
  qsort(routes, n_routes, sizeof *routes, by_rule);
  *out = routes;
  return n_routes;
}

size_t bf_routes(const cp_graph *g, const cp_query *q, const bf_route **out) {
  return bf_routes_by(g, q, NULL, 0, out);
}

bf_route bf_of(const cp_route *r) {
  bf_route b = {.start = r->roles[0], .n = r->n_steps};
  for (size_t i = 0; i < r->n_steps && i < BF_MAX_STEPS; i++)
    b.tr[i] = r->transitions[i];
  for (int c = 0; c < NC; c++)
    b.v[c] = cp_route_total(r, (cp_criterion)c);
  return b;
}

static void print(const char *what, const cp_graph *g, const bf_route *b) {
  size_t roles[BF_MAX_STEPS + 1];
  roles_of(g, b, roles);
  fprintf(stderr, "  %s:", what);
  for (size_t i = 0; i <= b->n; i++)
    fprintf(stderr, " r%zu", roles[i]);
  fprintf(stderr, " via transitions");
  for (size_t i = 0; i < b->n; i++)
    fprintf(stderr, " %zu", b->tr[i]);
  fprintf(stderr, " (steps %g months %g cost %g effort %g)\n", b->v[0], b->v[1], b->v[2], b->v[3]);
}

bool bf_same(const cp_graph *g, const cp_route *r, const bf_route *b) {
  bf_route got = bf_of(r);
  bool same =
      got.start == b->start && got.n == b->n && !memcmp(got.tr, b->tr, b->n * sizeof *b->tr);
  for (int c = 1; c < NC && same; c++)
    same = fabs(got.v[c] - b->v[c]) < 1e-9;
  if (!same) {
    print("engine     ", g, &got);
    print("brute force", g, b);
  }
  return same;
}
