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
 * waypoints a route may pass a role twice when the waypoints leave no other way.
 *
 * The k best routes come from Yen's algorithm with this search as its exact oracle.
 */

enum { NC = CP_CRITERION_COUNT };

/* Searches that would hold more labels than this stop with CP_ELIMIT rather than exhaust
 * memory (Pareto sets on large dense graphs can). Each label is about 80 bytes. */
#define MAX_LABELS ((size_t)40 * 1000 * 1000)

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
  bucket *buckets; /* per role x stage */
  size_t *heap;
  size_t n_heap, cap_heap;
  const uint8_t *banned_node, *banned_tr; /* Yen's spur restrictions, or NULL */
  bool reverse; /* walk transitions backwards: routes into the start, not out of it */
} search;

static bool before(const search *s, size_t a, size_t b) {
  const label *x = &s->labels[a], *y = &s->labels[b];
  if (s->pareto) {
    for (int c = 0; c < NC; c++) {
      if (!(s->objectives & (1u << c)) || x->v[c] == y->v[c])
        continue;
      return x->v[c] < y->v[c];
    }
  } else if (x->f != y->f) {
    return x->f < y->f;
  }
  if (x->v[CP_BY_STEPS] != y->v[CP_BY_STEPS])
    return x->v[CP_BY_STEPS] < y->v[CP_BY_STEPS];
  return a < b;
}

static bool dominates(const search *s, const label *a, const label *b) {
  if (!s->pareto && a->f > b->f)
    return false;
  unsigned dims = s->limited | (1u << CP_BY_STEPS) | (s->pareto ? s->objectives : 0);
  for (int c = 0; c < NC; c++)
    if ((dims & (1u << c)) && a->v[c] > b->v[c])
      return false;
  return true;
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
    for (size_t j = start_of[cur.node]; j < start_of[cur.node + 1]; j++) {
      size_t t = tr_of[j];
      size_t head = s->reverse ? s->r->g->transitions[t].from : s->r->g->transitions[t].to;
      if (s->avoid[head] || (s->banned_node && s->banned_node[head]) ||
          (s->banned_tr && s->banned_tr[t]))
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

static cp_status setup(search *s, const cp_router *r, const cp_query *q, bool pareto,
                       unsigned objectives, cp_error *err) {
  memset(s, 0, sizeof *s);
  s->r = r;
  s->q = q;
  s->pareto = pareto;
  s->objectives = objectives;
  s->stages = q->n_via + 1;
  const cp_graph *g = r->g;
  if (q->from >= r->n || (q->to != SIZE_MAX && q->to >= r->n))
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
  if (!pareto && !any_weight)
    return cp_fail(err, CP_EINVAL, "no criterion has a positive weight");
  /* Every criterion the question touches must be carried by every transition. */
  unsigned used = s->limited | objectives;
  for (int c = 0; c < NC; c++)
    if (q->weights[c] > 0)
      used |= 1u << c;
  for (int c = 0; c < NC; c++) {
    cp_status st;
    if ((used & (1u << c)) && (st = cp_graph_check_criterion(g, (cp_criterion)c, err)))
      return st;
  }
  if (!(s->avoid = calloc(r->n ? r->n : 1, 1)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < q->n_avoid; i++) {
    size_t a = q->avoid[i];
    if (a >= r->n)
      return cp_fail(err, CP_EINVAL, "role index out of range");
    if (a == q->from || a == q->to)
      return cp_fail(err, CP_EINVAL, "cannot avoid '%s': the route starts or ends there",
                     g->roles[a].label);
    s->avoid[a] = 1;
  }
  for (size_t i = 0; i < q->n_via; i++) {
    if (q->via[i] >= r->n)
      return cp_fail(err, CP_EINVAL, "role index out of range");
    if (s->avoid[q->via[i]])
      return cp_fail(err, CP_EINVAL, "'%s' is both avoided and a waypoint",
                     g->roles[q->via[i]].label);
  }
  /* Months and cost less the credentials already held; the rest as the graph gives them. */
  for (int c = 0; c < NC; c++)
    s->w[c] = r->w[c];
  if (q->n_have && g->n_credentials) {
    bool *held = calloc(g->n_credentials, sizeof *held);
    if (!held)
      return cp_fail(err, CP_ENOMEM, "out of memory");
    for (size_t i = 0; i < q->n_have; i++) {
      size_t c;
      if (cp_graph_find_credential(g, q->have[i], &c, NULL) == CP_OK)
        held[c] = true;
    }
    int reduced[2] = {CP_BY_MONTHS, CP_BY_COST};
    for (int i = 0; i < 2; i++) {
      int c = reduced[i];
      if (!(s->owned[c] = s->w[c] = malloc((r->m ? r->m : 1) * sizeof(double)))) {
        free(held);
        return cp_fail(err, CP_ENOMEM, "out of memory");
      }
      for (size_t t = 0; t < r->m; t++) {
        double v = r->w[c][t];
        for (size_t j = r->req_start[t]; j < r->req_start[t + 1]; j++)
          if (held[r->req_cred[j]])
            v -= c == CP_BY_MONTHS ? g->credentials[r->req_cred[j]].months
                                   : g->credentials[r->req_cred[j]].cost;
        s->w[c][t] = isnan(v) || v > 0 ? v : 0; /* a weight the graph lacks stays unknown */
      }
    }
    free(held);
  }
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
    return cp_fail(err, st, "the search passed %zu labels; narrow it with limits",
                   (size_t)MAX_LABELS);
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

static cp_status yen(search *s, cp_route_list *out, size_t *out_cap) {
  cp_status st = CP_OK;
  const cp_query *q = s->q;
  results found = {0};
  cp_route_list cand = {0};
  size_t cand_cap = 0;
  uint8_t *ban_node = calloc(s->r->n ? s->r->n : 1, 1);
  uint8_t *ban_tr = calloc(s->r->m ? s->r->m : 1, 1);
  if (!ban_node || !ban_tr) {
    st = CP_ENOMEM;
    goto cleanup;
  }
  if ((st = run(s, q->from, 0, NULL, q->to, 1, &found, NULL)))
    goto cleanup;
  if (found.n == 0)
    goto cleanup;
  cp_route best;
  if ((st = walk_of(s, found.ids[0], NULL, 0, q->from, &best)))
    goto cleanup;
  if ((st = cp_route_list_push(out, out_cap, &best))) {
    cp_route_clear(&best);
    goto cleanup;
  }
  while (out->n < q->k) {
    const cp_route prev = out->routes[out->n - 1];
    for (size_t j = 0; j < prev.n_steps; j++) {
      size_t spur = prev.roles[j];
      memset(ban_node, 0, s->r->n);
      memset(ban_tr, 0, s->r->m);
      for (size_t i = 0; i < j; i++)
        ban_node[prev.roles[i]] = 1;
      /* Routes already found that share this root must not be found again. */
      for (size_t p = 0; p < out->n; p++) {
        const cp_route *a = &out->routes[p];
        if (a->n_steps > j && !memcmp(a->transitions, prev.transitions, j * sizeof(size_t)))
          ban_tr[a->transitions[j]] = 1;
      }
      double v0[NC] = {0};
      size_t stage = advance_stage(s, q->from, 0);
      for (size_t i = 0; i < j; i++) {
        size_t t = prev.transitions[i];
        for (int c = 0; c < NC; c++)
          v0[c] += s->w[c][t];
        stage = advance_stage(s, prev.roles[i + 1], stage);
      }
      s->banned_node = ban_node;
      s->banned_tr = ban_tr;
      found.n = 0;
      st = run(s, spur, stage, v0, q->to, 1, &found, NULL);
      s->banned_node = s->banned_tr = NULL;
      if (st)
        goto cleanup;
      if (found.n == 0)
        continue;
      cp_route r;
      if ((st = walk_of(s, found.ids[0], prev.transitions, j, q->from, &r)))
        goto cleanup;
      bool seen = false;
      for (size_t p = 0; p < out->n && !seen; p++)
        seen = same_route(&out->routes[p], &r);
      for (size_t p = 0; p < cand.n && !seen; p++)
        seen = same_route(&cand.routes[p], &r);
      if (seen) {
        cp_route_clear(&r);
      } else if ((st = cp_route_list_push(&cand, &cand_cap, &r))) {
        cp_route_clear(&r);
        goto cleanup;
      }
    }
    if (cand.n == 0)
      break;
    size_t pick = 0;
    for (size_t p = 1; p < cand.n; p++)
      if (cp_route_compare(&cand.routes[p], &cand.routes[pick], q->weights) < 0)
        pick = p;
    if ((st = cp_route_list_push(out, out_cap, &cand.routes[pick])))
      goto cleanup;
    cand.routes[pick] = cand.routes[--cand.n];
  }
cleanup:
  for (size_t p = 0; p < cand.n; p++)
    cp_route_clear(&cand.routes[p]);
  free(cand.routes);
  free(found.ids);
  free(ban_node);
  free(ban_tr);
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
  if (!st)
    st = search_status(run(&s, q->from, 0, NULL, q->to, SIZE_MAX, &found, NULL), err);
  /* Labels at the target were kept apart by steps and limits too; a route is Pareto-optimal
   * when no other is at least as good on every objective and better on one. Equal vectors
   * keep the route settled first (fewer steps). */
  for (size_t i = 0; !st && i < found.n; i++) {
    const label *a = &s.labels[found.ids[i]];
    bool keep = true;
    for (size_t j = 0; j < found.n && keep; j++) {
      if (i == j)
        continue;
      const label *b = &s.labels[found.ids[j]];
      bool le = true, lt = false;
      for (int c = 0; c < NC; c++) {
        if (!(mask & (1u << c)))
          continue;
        le &= b->v[c] <= a->v[c];
        lt |= b->v[c] < a->v[c];
      }
      keep = !(le && (lt || j < i));
    }
    if (!keep)
      continue;
    cp_route route;
    if ((st = walk_of(&s, found.ids[i], NULL, 0, q->from, &route)) ||
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
