/* search.c: exact routes under trade-offs, limits, waypoints and credentials held. */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * One label-setting search serves every question here. A label is a walk from the start
 * summarised by its totals on every criterion; labels are settled in order of the
 * objective, and a label is dropped when another at the same role (and waypoint stage) is at
 * least as good on every dimension that can still matter: the objective (or each objective,
 * for Pareto sets), each limited total, and the number of steps. Weights are non-negative,
 * so removing a cycle never makes a walk worse and costs a step: the surviving labels are
 * simple paths, and the first label settled at the target is the best route within the
 * limits (a resource-constrained search, not a filter over unconstrained routes). With
 * waypoints a route is a walk whose stretches between waypoints pass no role twice: it may
 * come back to a role of an earlier stretch.
 *
 * The k best routes come from Yen's algorithm with this search as its exact oracle.
 */

enum { NC = CP_CRITERION_COUNT };

/* Searches that would hold more labels than this stop with CP_ELIMIT rather than exhaust
 * memory (Pareto sets on large dense graphs can). Each label is about 80 bytes. */
#define MAX_LABELS ((size_t)40 * 1000 * 1000)
/* Nor may one search make more dominance tests than this: they, not labels, are the cost of a
 * Pareto front grown exponential (a 40-move graph with 2^20 routes none of which dominates
 * another ran for minutes in 50 MB). */
#define MAX_DOMINANCE_TESTS ((size_t)200 * 1000 * 1000)

/* ---- the search ---- */

typedef struct label {
  double f;     /* objective: sum of weight x total */
  double v[NC]; /* totals */
  size_t node, stage;
  size_t parent; /* label index; SIZE_MAX at the start */
  size_t tr;     /* transition taken into `node` */
  bool dead;     /* dominated after it was queued */
} label;

typedef struct bucket {
  size_t *items; /* live labels at one (role, stage) */
  size_t n, cap;
} bucket;

typedef struct search {
  const cp_router *r;
  const cp_query *q;
  bool pareto;
  unsigned objectives;    /* Pareto: criteria bits compared */
  cp_criterion order[NC]; /* Pareto: the objectives in the order asked, for sorting */
  size_t n_order;
  unsigned limited;  /* criteria with a finite limit */
  double *w[NC];     /* effective weights (months and cost less credentials held) */
  double *owned[NC]; /* the ones this search allocated */
  uint8_t *avoid;    /* per role */
  size_t stages;     /* waypoints + 1 */
  /* per run */
  label *labels;
  size_t n_labels, cap_labels;
  size_t tests;    /* dominance tests made (MAX_DOMINANCE_TESTS) */
  bucket *buckets; /* per role x stage */
  size_t *heap;
  size_t n_heap, cap_heap;
  /* Yen's spur restrictions, or NULL: roles barred while the walk is still in stage
   * `ban_stage` (the root's waypoint segment), and moves barred as the spur's first step. */
  const uint8_t *banned_node, *banned_tr;
  size_t ban_stage;
  bool reverse; /* walk transitions backwards: routes into the start, not out of it */
} search;

/*
 * The tie rule (route.c) on labels. Rules 1 and 2 compare totals. Rules 3 and 4 compare the
 * walks themselves: labels form a tree from the start, so two walks of equal steps are read
 * back in lockstep until they meet; the difference nearest the start decides. A reverse
 * search's walks run from the label's role to the origin, so there the difference nearest
 * the label decides.
 */
static int walk_compare(const search *s, const label *x, const label *y) {
  int role = 0, tr = 0;
  while (x != y) {
    if (x->node != y->node && (!s->reverse || !role))
      role = x->node < y->node ? -1 : 1;
    if (x->tr != y->tr && (!s->reverse || !tr))
      tr = x->tr < y->tr ? -1 : 1;
    if (x->parent == SIZE_MAX || y->parent == SIZE_MAX)
      break;
    x = &s->labels[x->parent];
    y = &s->labels[y->parent];
  }
  return role ? role : tr;
}

/* The order labels are settled in: the objective (Pareto: the objectives in turn, exactly),
 * then steps, then the walks. Every extension of a label comes after it, so the first label
 * settled at a role is the least there under the rule. */
static int label_order(const search *s, const label *x, const label *y) {
  if (s->pareto) {
    for (size_t i = 0; i < s->n_order; i++) {
      cp_criterion c = s->order[i];
      if (x->v[c] != y->v[c])
        return x->v[c] < y->v[c] ? -1 : 1;
    }
  } else {
    int c = cp_objective_order(x->f, y->f);
    if (c)
      return c;
  }
  if (x->v[CP_BY_STEPS] != y->v[CP_BY_STEPS])
    return x->v[CP_BY_STEPS] < y->v[CP_BY_STEPS] ? -1 : 1;
  return walk_compare(s, x, y);
}

static bool before(const search *s, size_t a, size_t b) {
  int c = label_order(s, &s->labels[a], &s->labels[b]);
  return c ? c < 0 : a < b;
}

/* Whether `a` makes `b` (at the same role and stage) useless: whatever completes `b` within
 * the limits completes `a` too, into a route that comes before under the tie rule. */
static bool dominates(const search *s, const label *a, const label *b) {
  unsigned dims = s->limited | (1u << CP_BY_STEPS) | (s->pareto ? s->objectives : 0);
  for (int c = 0; c < NC; c++)
    if ((dims & (1u << c)) && a->v[c] > b->v[c])
      return false;
  if (s->pareto) {
    for (size_t i = 0; i < s->n_order; i++)
      if (cp_objective_order(a->v[s->order[i]], b->v[s->order[i]]) < 0)
        return true;
  } else {
    int f = cp_objective_order(a->f, b->f);
    if (f)
      return f < 0;
  }
  /* Equal on the objective: then fewer steps, then the walks. */
  if (a->v[CP_BY_STEPS] < b->v[CP_BY_STEPS])
    return true;
  return walk_compare(s, a, b) < 0;
}

static cp_status heap_push(search *s, size_t id) {
  size_t *h = cp_grow(s->heap, &s->cap_heap, s->n_heap + 1, sizeof *h, 256);
  if (!h)
    return CP_ENOMEM;
  s->heap = h;
  size_t i = s->n_heap++;
  while (i && before(s, id, s->heap[(i - 1) / 2])) {
    s->heap[i] = s->heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  s->heap[i] = id;
  return CP_OK;
}

static size_t heap_pop(search *s) {
  size_t top = s->heap[0], last = s->heap[--s->n_heap], i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= s->n_heap)
      break;
    if (c + 1 < s->n_heap && before(s, s->heap[c + 1], s->heap[c]))
      c++;
    if (!before(s, s->heap[c], last))
      break;
    s->heap[i] = s->heap[c];
    i = c;
  }
  if (s->n_heap)
    s->heap[i] = last;
  return top;
}

static size_t advance_stage(const search *s, size_t node, size_t stage) {
  while (stage < s->q->n_via && s->q->via[stage] == node)
    stage++;
  return stage;
}

/* Adds a label unless one at its role and stage dominates it; drops those it dominates. */
static cp_status offer(search *s, const label *cand, bool *added) {
  *added = false;
  bucket *b = &s->buckets[cand->node * s->stages + cand->stage];
  if ((s->tests += 2 * b->n) > MAX_DOMINANCE_TESTS)
    return CP_ELIMIT;
  for (size_t i = 0; i < b->n; i++)
    if (dominates(s, &s->labels[b->items[i]], cand))
      return CP_OK;
  size_t keep = 0;
  for (size_t i = 0; i < b->n; i++) {
    if (dominates(s, cand, &s->labels[b->items[i]]))
      s->labels[b->items[i]].dead = true;
    else
      b->items[keep++] = b->items[i];
  }
  b->n = keep;
  if (s->n_labels >= MAX_LABELS)
    return CP_ELIMIT;
  label *l = cp_grow(s->labels, &s->cap_labels, s->n_labels + 1, sizeof *l, 1024);
  if (!l)
    return CP_ENOMEM;
  s->labels = l;
  size_t *items = cp_grow(b->items, &b->cap, b->n + 1, sizeof *items, 2);
  if (!items)
    return CP_ENOMEM;
  b->items = items;
  size_t id = s->n_labels++;
  s->labels[id] = *cand;
  b->items[b->n++] = id;
  *added = true;
  return heap_push(s, id);
}

static void reset_run(search *s) {
  size_t nb = s->r->n * s->stages;
  for (size_t i = 0; i < nb; i++)
    s->buckets[i].n = 0;
  s->n_labels = 0;
  s->tests = 0;
  s->n_heap = 0;
}

/* Settled labels at the target's final stage, best first; or, with no target, the first
 * label settled at each role's final stage (`per_role`, SIZE_MAX where none). Stops after
 * `want` target labels in single-objective mode. */
typedef struct results {
  size_t *ids;
  size_t n, cap;
} results;

static cp_status run(search *s, size_t start, size_t stage0, const double v0[NC], size_t target,
                     size_t want, results *found, size_t *per_role) {
  cp_status st = CP_OK;
  reset_run(s);
  label first = {
      .node = start, .stage = advance_stage(s, start, stage0), .parent = SIZE_MAX, .tr = SIZE_MAX};
  for (int c = 0; c < NC; c++) {
    first.v[c] = v0 ? v0[c] : 0;
    if (s->q->weights[c] > 0) /* a criterion the graph lacks is NaN; 0 x NaN is NaN */
      first.f += s->q->weights[c] * first.v[c];
  }
  for (int c = 0; c < NC; c++)
    if (first.v[c] > s->q->limits[c])
      return CP_OK;
  bool added;
  if ((st = offer(s, &first, &added)))
    return st;
  size_t final_stage = s->stages - 1;
  while (s->n_heap) {
    size_t id = heap_pop(s);
    label cur = s->labels[id];
    if (cur.dead)
      continue;
    if (cur.stage == final_stage) {
      if (target == SIZE_MAX) {
        if (per_role[cur.node] == SIZE_MAX)
          per_role[cur.node] = id;
      } else if (cur.node == target) {
        size_t *ids = cp_grow(found->ids, &found->cap, found->n + 1, sizeof *ids, 8);
        if (!ids)
          return CP_ENOMEM;
        found->ids = ids;
        found->ids[found->n++] = id;
        if (!s->pareto && found->n >= want)
          return CP_OK;
        continue; /* a route ends at its target */
      }
    }
    const size_t *start_of = s->reverse ? s->r->in_start : s->r->out_start;
    const size_t *tr_of = s->reverse ? s->r->in_tr : s->r->out_tr;
    const uint32_t *other_end = s->reverse ? s->r->in_tail : s->r->out_head;
    bool in_root_segment = s->banned_node && cur.stage == s->ban_stage;
    bool spur_start = s->banned_tr && cur.parent == SIZE_MAX;
    for (size_t j = start_of[cur.node]; j < start_of[cur.node + 1]; j++) {
      size_t t = tr_of[j], head = other_end[j];
      if (s->avoid[head] || (in_root_segment && s->banned_node[head]) ||
          (spur_start && s->banned_tr[t]))
        continue;
      label next = {.node = head, .parent = id, .tr = t, .f = cur.f};
      bool within = true;
      for (int c = 0; c < NC; c++) {
        next.v[c] = cur.v[c] + s->w[c][t];
        /* Only weighted and limited criteria count: the others may be NaN (not carried). */
        if (s->q->weights[c] > 0)
          next.f += s->q->weights[c] * s->w[c][t];
        if (s->limited & (1u << c))
          within &= next.v[c] <= s->q->limits[c];
      }
      if (!within)
        continue;
      next.stage = advance_stage(s, head, cur.stage);
      if ((st = offer(s, &next, &added)))
        return st;
    }
  }
  return CP_OK;
}

/* The transitions of label `id`'s walk, in order, after `prefix` ones already given. */
static cp_status walk_of(const search *s, size_t id, const size_t *prefix, size_t n_prefix,
                         size_t from, cp_route *out) {
  size_t len = 0;
  for (size_t i = id; s->labels[i].parent != SIZE_MAX; i = s->labels[i].parent)
    len++;
  if (cp_route_alloc(out, n_prefix + len))
    return CP_ENOMEM;
  if (n_prefix) /* memcpy from NULL is undefined even for 0 bytes */
    memcpy(out->transitions, prefix, n_prefix * sizeof *prefix);
  size_t k = out->n_steps;
  for (size_t i = id; s->labels[i].parent != SIZE_MAX; i = s->labels[i].parent)
    out->transitions[--k] = s->labels[i].tr;
  cp_route_finish(out, s->r->g, from, (const double *const *)s->w);
  return CP_OK;
}

/* The route of a label settled by a reverse search: from its role, forwards, to the start
 * of the search. */
static cp_status walk_forward(const search *s, size_t id, cp_route *out) {
  size_t n = 0;
  for (size_t i = id; s->labels[i].parent != SIZE_MAX; i = s->labels[i].parent)
    n++;
  if (cp_route_alloc(out, n))
    return CP_ENOMEM;
  size_t k = 0;
  for (size_t i = id; s->labels[i].parent != SIZE_MAX; i = s->labels[i].parent)
    out->transitions[k++] = s->labels[i].tr;
  cp_route_finish(out, s->r->g, s->labels[id].node, (const double *const *)s->w);
  return CP_OK;
}

/* The query's indices, k, weights and limits, and whether the graph carries every criterion
 * it uses. */
static cp_status check_query(search *s, unsigned objectives, cp_error *err) {
  const cp_query *q = s->q;
  if (q->from >= s->r->n || (q->to != SIZE_MAX && q->to >= s->r->n))
    return cp_fail(err, CP_EINVAL, "role index out of range");
  if (q->k == 0)
    return cp_fail(err, CP_EINVAL, "the number of routes must be at least 1");
  bool any_weight = false;
  for (int c = 0; c < NC; c++) {
    if (!(q->weights[c] >= 0) || !isfinite(q->weights[c]))
      return cp_fail(err, CP_EINVAL, "the weight of %s must be a non-negative number",
                     cp_criterion_name((cp_criterion)c));
    if (!(q->limits[c] >= 0))
      return cp_fail(err, CP_EINVAL, "the limit on %s must be a non-negative number",
                     cp_criterion_name((cp_criterion)c));
    any_weight |= q->weights[c] > 0;
    if (isfinite(q->limits[c]))
      s->limited |= 1u << c;
  }
  if (!s->pareto && !any_weight)
    return cp_fail(err, CP_EINVAL, "no criterion has a positive weight");
  /* Every criterion the question touches must be carried by every transition. */
  unsigned used = s->limited | objectives;
  for (int c = 0; c < NC; c++)
    if (q->weights[c] > 0)
      used |= 1u << c;
  for (int c = 0; c < NC; c++) {
    cp_status st;
    if ((used & (1u << c)) && (st = cp_graph_check_criterion(s->r->g, (cp_criterion)c, err)))
      return st;
  }
  return CP_OK;
}

/* The roles the query avoids, and its waypoints checked against them. */
static cp_status mark_avoided(search *s, cp_error *err) {
  const cp_query *q = s->q;
  const cp_graph *g = s->r->g;
  if (!(s->avoid = calloc(s->r->n ? s->r->n : 1, 1)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < q->n_avoid; i++) {
    size_t a = q->avoid[i];
    if (a >= s->r->n)
      return cp_fail(err, CP_EINVAL, "role index out of range");
    if (a == q->from || a == q->to)
      return cp_fail(err, CP_EINVAL, "cannot avoid '%s': the route starts or ends there",
                     g->roles[a].label);
    s->avoid[a] = 1;
  }
  for (size_t i = 0; i < q->n_via; i++) {
    if (q->via[i] >= s->r->n)
      return cp_fail(err, CP_EINVAL, "role index out of range");
    if (s->avoid[q->via[i]])
      return cp_fail(err, CP_EINVAL, "'%s' is both avoided and a waypoint",
                     g->roles[q->via[i]].label);
  }
  return CP_OK;
}

static bool held_in_array(const void *held, size_t c) { return ((const bool *)held)[c]; }

/* Months and cost less the credentials already held, no effort for a move that only earns
 * them; steps as the graph gives them. */
static cp_status held_weights(search *s, cp_error *err) {
  const cp_router *r = s->r;
  const cp_graph *g = r->g;
  for (int c = 0; c < NC; c++)
    s->w[c] = r->w[c];
  if (!s->q->n_have || !g->n_credentials)
    return CP_OK;
  bool *held = calloc(g->n_credentials, sizeof *held);
  if (!held)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t c = 0; c < g->n_credentials; c++)
    held[c] = cp_credential_held(g, c, s->q->have, s->q->n_have);
  static const cp_criterion reduced[2] = {CP_BY_MONTHS, CP_BY_COST};
  for (int i = 0; i < 2; i++) {
    cp_criterion c = reduced[i];
    if (!(s->owned[c] = s->w[c] = malloc((r->m ? r->m : 1) * sizeof(double)))) {
      free(held);
      return cp_fail(err, CP_ENOMEM, "out of memory");
    }
    for (size_t t = 0; t < r->m; t++)
      s->w[c][t] = cp_held_figure(r, t, c, held_in_array, held);
  }
  free(held);
  /* A move that only earns what is held is not a step the person takes: no effort either
   * (held.c, cp_step_already_held). */
  if (!(s->owned[CP_BY_EFFORT] = s->w[CP_BY_EFFORT] = malloc((r->m ? r->m : 1) * sizeof(double))))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t t = 0; t < r->m; t++)
    s->w[CP_BY_EFFORT][t] = cp_step_already_held(r, s->q, t) ? 0 : r->w[CP_BY_EFFORT][t];
  return CP_OK;
}

static cp_status setup(search *s, const cp_router *r, const cp_query *q, bool pareto,
                       unsigned objectives, cp_error *err) {
  memset(s, 0, sizeof *s);
  s->r = r;
  s->q = q;
  s->pareto = pareto;
  s->objectives = objectives;
  s->stages = q->n_via + 1;
  cp_status st;
  if ((st = check_query(s, objectives, err)) || (st = mark_avoided(s, err)) ||
      (st = held_weights(s, err)))
    return st;
  if (!(s->buckets = calloc(r->n * s->stages + 1, sizeof *s->buckets)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  return CP_OK;
}

static void teardown(search *s) {
  if (s->buckets)
    for (size_t i = 0; i < s->r->n * s->stages; i++)
      free(s->buckets[i].items);
  free(s->buckets);
  free(s->labels);
  free(s->heap);
  free(s->avoid);
  for (int c = 0; c < NC; c++)
    free(s->owned[c]);
}

static cp_status search_status(cp_status st, cp_error *err) {
  if (st == CP_ELIMIT)
    return cp_fail(err, st,
                   "the search passed its work limit (%zu labels or %zu dominance tests); narrow "
                   "it: fewer --pareto criteria, or limits such as --budget and --max-months",
                   (size_t)MAX_LABELS, (size_t)MAX_DOMINANCE_TESTS);
  if (st)
    return cp_fail(err, st, "out of memory searching routes");
  return CP_OK;
}

/* ---- ordering of results ---- */

/* The order of this search's lists: its objective, or its Pareto objectives in turn. */
static cp_route_order order_of(const search *s) {
  cp_route_order o = {.n_objectives = s->pareto ? s->n_order : 0};
  memcpy(o.weights, s->q->weights, sizeof o.weights);
  memcpy(o.objectives, s->order, sizeof o.objectives);
  return o;
}

static bool same_route(const cp_route *a, const cp_route *b) {
  return a->n_steps == b->n_steps &&
         !memcmp(a->transitions, b->transitions, a->n_steps * sizeof *a->transitions);
}

/* ---- Yen's k best routes over the exact oracle ---- */

typedef struct yen_state {
  results found;
  cp_route_list cand; /* candidates not yet taken, each distinct */
  size_t cand_cap;
  uint8_t *ban_node, *ban_tr;
} yen_state;

/*
 * The best route that follows `prev` for its first j steps (the root) and then leaves it,
 * added to the candidates unless already found or listed. Routes are walks whose stretches
 * between waypoints never pass a role twice (with waypoints a route may come back to a role
 * of an earlier stretch): the search's states are (role, waypoints passed), and Yen's
 * algorithm runs over those states. So the spur may not enter a role of the root's last
 * stretch while it is still in that stretch (afterwards it may), and its first step may not
 * be the next step of a route already found with the same root.
 */
static cp_status spur(search *s, yen_state *y, const cp_route_list *out, const cp_route *prev,
                      size_t j) {
  const cp_query *q = s->q;
  /* The spur search starts with the root's totals, so limits hold on whole routes. */
  double v0[NC] = {0};
  size_t stage = advance_stage(s, q->from, 0), stretch = 0;
  for (size_t i = 0; i < j; i++) {
    for (int c = 0; c < NC; c++)
      v0[c] += s->w[c][prev->transitions[i]];
    size_t next = advance_stage(s, prev->roles[i + 1], stage);
    if (next != stage)
      stretch = i + 1; /* a waypoint reached: a stretch starts there */
    stage = next;
  }
  memset(y->ban_node, 0, s->r->n);
  memset(y->ban_tr, 0, s->r->m);
  for (size_t i = stretch; i < j; i++)
    y->ban_node[prev->roles[i]] = 1;
  for (size_t p = 0; p < out->n; p++) {
    const cp_route *a = &out->routes[p];
    if (a->n_steps > j && !memcmp(a->transitions, prev->transitions, j * sizeof(size_t)))
      y->ban_tr[a->transitions[j]] = 1;
  }
  s->banned_node = y->ban_node;
  s->banned_tr = y->ban_tr;
  s->ban_stage = stage;
  y->found.n = 0;
  cp_status st = run(s, prev->roles[j], stage, v0, q->to, 1, &y->found, NULL);
  s->banned_node = s->banned_tr = NULL;
  if (st || y->found.n == 0)
    return st;
  cp_route r;
  if ((st = walk_of(s, y->found.ids[0], prev->transitions, j, q->from, &r)))
    return st;
  bool seen = false;
  for (size_t p = 0; p < out->n && !seen; p++)
    seen = same_route(&out->routes[p], &r);
  for (size_t p = 0; p < y->cand.n && !seen; p++)
    seen = same_route(&y->cand.routes[p], &r);
  if (seen || (st = cp_route_list_push(&y->cand, &y->cand_cap, &r)))
    cp_route_clear(&r);
  return st;
}

/* Yen's algorithm: each next route is the least candidate (the tie rule) among the spurs of
 * the routes found; with the oracle returning the least spur under the same rule, the k
 * routes are the k least. */
static cp_status yen(search *s, cp_route_list *out, size_t *out_cap) {
  const cp_query *q = s->q;
  if (cp_router_proves_unreachable(s->r, q))
    return CP_OK; /* no route, and no search needed to say so */
  yen_state y = {.ban_node = calloc(s->r->n ? s->r->n : 1, 1),
                 .ban_tr = calloc(s->r->m ? s->r->m : 1, 1)};
  cp_status st =
      y.ban_node && y.ban_tr ? run(s, q->from, 0, NULL, q->to, 1, &y.found, NULL) : CP_ENOMEM;
  cp_route best;
  if (st || y.found.n == 0 || (st = walk_of(s, y.found.ids[0], NULL, 0, q->from, &best)))
    goto cleanup;
  if ((st = cp_route_list_push(out, out_cap, &best))) {
    cp_route_clear(&best);
    goto cleanup;
  }
  while (out->n < q->k) {
    const cp_route prev = out->routes[out->n - 1];
    for (size_t j = 0; j < prev.n_steps && !st; j++)
      st = spur(s, &y, out, &prev, j);
    if (st || y.cand.n == 0)
      break;
    size_t pick = 0;
    for (size_t p = 1; p < y.cand.n; p++)
      if (cp_route_compare(&y.cand.routes[p], &y.cand.routes[pick], q->weights) < 0)
        pick = p;
    if ((st = cp_route_list_push(out, out_cap, &y.cand.routes[pick])))
      break;
    y.cand.routes[pick] = y.cand.routes[--y.cand.n];
  }
cleanup:
  for (size_t p = 0; p < y.cand.n; p++)
    cp_route_clear(&y.cand.routes[p]);
  free(y.cand.routes);
  free(y.found.ids);
  free(y.ban_node);
  free(y.ban_tr);
  return st;
}

cp_status cp_label_k_best(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err) {
  search s;
  cp_status st = setup(&s, r, q, false, 0, err);
  cp_route_list *list = calloc(1, sizeof *list);
  size_t cap = 0;
  if (!st && !list)
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st && (st = search_status(yen(&s, list, &cap), err)) == CP_OK) {
    cp_route_order order = order_of(&s);
    cp_route_sort(list->routes, list->n, &order);
    *out = list;
    list = NULL;
  }
  cp_route_list_free(list);
  teardown(&s);
  return st;
}

/* Whether target label `b` beats `a` for a place in the Pareto set: at least as good on every
 * objective and better on one, or equal on all (within the tolerance) and first under the
 * rest of the tie rule. */
static bool pareto_beats(const search *s, const label *b, const label *a) {
  bool le = true, lt = false;
  for (size_t i = 0; i < s->n_order; i++) {
    int c = cp_objective_order(b->v[s->order[i]], a->v[s->order[i]]);
    le &= c <= 0;
    lt |= c < 0;
  }
  if (!le)
    return false;
  if (lt)
    return true;
  if (b->v[CP_BY_STEPS] != a->v[CP_BY_STEPS])
    return b->v[CP_BY_STEPS] < a->v[CP_BY_STEPS];
  return walk_compare(s, b, a) < 0;
}

/* Labels at the target were kept apart by steps and limits too; a route is Pareto-optimal
 * when no other is at least as good on every objective and better on one. One route per
 * vector: the least under the tie rule. */
static cp_status pareto_front(const search *s, const results *found, cp_route_list *list,
                              size_t *cap) {
  for (size_t i = 0; i < found->n; i++) {
    const label *a = &s->labels[found->ids[i]];
    bool keep = true;
    for (size_t j = 0; j < found->n && keep; j++)
      keep = i == j || !pareto_beats(s, &s->labels[found->ids[j]], a);
    if (!keep)
      continue;
    cp_route route;
    cp_status st = walk_of(s, found->ids[i], NULL, 0, s->q->from, &route);
    if (st || (st = cp_route_list_push(list, cap, &route))) {
      cp_route_clear(&route);
      return st;
    }
  }
  return CP_OK;
}

cp_status cp_route_pareto(const cp_router *r, const cp_query *q, const cp_criterion *objectives,
                          size_t n_objectives, cp_route_list **out, cp_error *err) {
  unsigned mask = 0;
  for (size_t i = 0; i < n_objectives; i++) {
    if (objectives[i] >= CP_CRITERION_COUNT)
      return cp_fail(err, CP_EINVAL, "unknown criterion");
    mask |= 1u << objectives[i];
  }
  if (n_objectives < 2)
    return cp_fail(err, CP_EINVAL, "a Pareto set needs at least two criteria");
  search s;
  results found = {0};
  cp_route_list *list = calloc(1, sizeof *list);
  size_t cap = 0;
  cp_status st = setup(&s, r, q, true, mask, err);
  for (size_t i = 0; !st && i < n_objectives; i++) {
    bool listed = false;
    for (size_t j = 0; j < s.n_order; j++)
      listed |= s.order[j] == objectives[i];
    if (!listed)
      s.order[s.n_order++] = objectives[i];
  }
  if (!st && !list)
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st && !cp_router_proves_unreachable(r, q))
    st = search_status(run(&s, q->from, 0, NULL, q->to, SIZE_MAX, &found, NULL), err);
  if (!st && (st = pareto_front(&s, &found, list, &cap)))
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st) {
    cp_route_order order = order_of(&s);
    cp_route_sort(list->routes, list->n, &order);
    *out = list;
    list = NULL;
  }
  cp_route_list_free(list);
  free(found.ids);
  teardown(&s);
  return st;
}

/* Every role's best route out of q->from (reverse: into q->to) within the limits. */
static cp_status sweep(const cp_router *r, const cp_query *q, bool reverse, cp_route_list **out,
                       cp_error *err) {
  search s;
  cp_route_list *list = calloc(1, sizeof *list);
  size_t cap = 0, *per_role = malloc((r->n ? r->n : 1) * sizeof *per_role);
  cp_query copy = *q;
  size_t origin = reverse ? q->to : q->from;
  /* setup checks `to`; a sweep has no target of its own. */
  if (reverse)
    copy.from = q->to;
  copy.to = SIZE_MAX;
  cp_status st = setup(&s, r, &copy, false, 0, err);
  if (!st && (!list || !per_role))
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st && q->n_via)
    st = cp_fail(err, CP_EINVAL, "waypoints do not apply to every role at once");
  s.reverse = reverse;
  if (!st) {
    for (size_t i = 0; i < r->n; i++)
      per_role[i] = SIZE_MAX;
    st = search_status(run(&s, origin, 0, NULL, SIZE_MAX, 0, NULL, per_role), err);
  }
  for (size_t i = 0; !st && i < r->n; i++) {
    if (per_role[i] == SIZE_MAX || i == origin)
      continue;
    cp_route route;
    if ((st = reverse ? walk_forward(&s, per_role[i], &route)
                      : walk_of(&s, per_role[i], NULL, 0, origin, &route)) ||
        (st = cp_route_list_push(list, &cap, &route))) {
      st = cp_fail(err, CP_ENOMEM, "out of memory");
      break;
    }
  }
  if (!st) {
    cp_route_order order = order_of(&s);
    cp_route_sort(list->routes, list->n, &order);
    *out = list;
    list = NULL;
  }
  cp_route_list_free(list);
  free(per_role);
  teardown(&s);
  return st;
}

cp_status cp_route_reach(const cp_router *r, const cp_query *q, cp_route_list **out,
                         cp_error *err) {
  return sweep(r, q, false, out, err);
}

cp_status cp_route_into(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err) {
  return sweep(r, q, true, out, err);
}
