/* dijkstra.c: point-to-point best routes on the router's compact layout, searched from both
 * ends at once. */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * A route's key is (objective, steps), compared in that order: fewer steps decide between
 * equal objectives, as everywhere else in careerpath. Such keys add and compare like
 * numbers (every step adds a positive step count), so Dijkstra's argument holds, and the
 * search runs from the start forwards and from the goal backwards, stopping once the two
 * frontiers' smallest keys add up to no less than the best meeting found.
 *
 * Working arrays are sized to the graph once and stamped per query, so a query costs what it
 * explores, not the size of the graph: what a batch of thousands of questions on a graph of
 * hundreds of thousands of roles needs.
 */

typedef struct key {
  double f;
  uint32_t steps;
} key;

static bool less(key a, key b) { return a.f < b.f || (a.f == b.f && a.steps < b.steps); }

typedef struct entry {
  key k;
  uint32_t node;
} entry;

typedef struct side {
  uint32_t *seen; /* stamp: dist/steps/via valid this query */
  uint32_t *done; /* stamp: settled this query */
  key *dist;
  size_t *via; /* transition that reached the role */
  entry *heap;
  size_t n_heap, cap_heap;
} side;

struct cp_scratch {
  size_t n;
  uint32_t stamp;
  side s[2]; /* 0: forwards from the start, 1: backwards from the goal */
  /* A one-directional search from `tree_from` by `tree_weights`, kept between questions
   * (q->reuse_source) and resumed until each question's goal is settled. */
  side tree;
  /* Roles the bidirectional searches settled, and how many searches: what one costs here,
   * against which starting a kept search is weighed (cp_source_reuse_pays). */
  uint64_t bidir_settled, bidir_searches;
  uint32_t tree_stamp;
  bool tree_valid;
  uint32_t tree_from;
  double tree_weights[CP_CRITERION_COUNT];
};

void cp_scratch_free(cp_scratch *s) {
  if (!s)
    return;
  side *sides[] = {&s->s[0], &s->s[1], &s->tree};
  for (int d = 0; d < 3; d++) {
    free(sides[d]->seen);
    free(sides[d]->done);
    free(sides[d]->dist);
    free(sides[d]->via);
    free(sides[d]->heap);
  }
  free(s);
}

static cp_scratch *scratch_for(cp_router *r) {
  if (r->scratch)
    return r->scratch;
  cp_scratch *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->n = r->n;
  size_t n = r->n ? r->n : 1;
  for (int d = 0; d < 3; d++) {
    side *x = d < 2 ? &s->s[d] : &s->tree;
    x->seen = calloc(n, sizeof *x->seen);
    x->done = calloc(n, sizeof *x->done);
    x->dist = malloc(n * sizeof *x->dist);
    x->via = malloc(n * sizeof *x->via);
    if (!x->seen || !x->done || !x->dist || !x->via) {
      cp_scratch_free(s);
      return NULL;
    }
  }
  r->scratch = s;
  return s;
}

static bool push(side *x, key k, uint32_t node) {
  entry *h = cp_grow(x->heap, &x->cap_heap, x->n_heap + 1, sizeof *h, 1024);
  if (!h)
    return false;
  x->heap = h;
  size_t i = x->n_heap++;
  while (i && less(k, x->heap[(i - 1) / 2].k)) {
    x->heap[i] = x->heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  x->heap[i] = (entry){k, node};
  return true;
}

static entry pop(side *x) {
  entry top = x->heap[0], last = x->heap[--x->n_heap];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= x->n_heap)
      break;
    if (c + 1 < x->n_heap && less(x->heap[c + 1].k, x->heap[c].k))
      c++;
    if (!less(x->heap[c].k, last.k))
      break;
    x->heap[i] = x->heap[c];
    i = c;
  }
  if (x->n_heap)
    x->heap[i] = last;
  return top;
}

bool cp_fast_route_applies(const cp_router *r, const cp_query *q) {
  if (q->k != 1 || q->n_avoid || q->n_via || q->from >= r->n || q->to >= r->n || r->n >= UINT32_MAX)
    return false;
  if (q->n_have && r->g->n_credentials)
    return false;
  bool positive = false;
  for (int c = 0; c < CP_CRITERION_COUNT; c++) {
    if (isfinite(q->limits[c]) || !(q->weights[c] >= 0) || !isfinite(q->weights[c]))
      return false;
    if (q->weights[c] > 0) {
      positive = true;
      if (!(r->carried & (1u << c)))
        return false; /* the general search words the error */
    }
  }
  return positive;
}

/* The weight of transition t: the objective's share of one step. */
static double step_weight(const cp_router *r, const cp_query *q, size_t t) {
  double f = 0;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (q->weights[c] > 0)
      f += q->weights[c] * r->w[c][t];
  return f;
}

/* A one-route list with room for `n` steps; the caller fills route->transitions. */
static cp_status route_alloc(cp_route_list *list, size_t n, cp_route **route) {
  cp_route *r = list->routes = calloc(1, sizeof *list->routes);
  if (!r || cp_route_alloc(r, n))
    return CP_ENOMEM;
  list->n = 1; /* so that cp_route_list_free releases it */
  *route = r;
  return CP_OK;
}

/* Roles and totals from the filled transitions (`start` when there are none). */
static void route_finish(const cp_router *r, cp_route *route, size_t start) {
  cp_route_finish(route, r->g, start, (const double *const *)r->w);
}

static cp_status make_route(const cp_router *r, const cp_scratch *s, uint32_t meet,
                            cp_route_list *list) {
  const cp_transition *tr = r->g->transitions;
  size_t n = 0;
  for (uint32_t v = meet; s->s[0].dist[v].steps; v = (uint32_t)tr[s->s[0].via[v]].from)
    n++;
  size_t n_fwd = n;
  for (uint32_t v = meet; s->s[1].dist[v].steps; v = (uint32_t)tr[s->s[1].via[v]].to)
    n++;
  cp_route *route;
  if (route_alloc(list, n, &route))
    return CP_ENOMEM;
  size_t k = n_fwd;
  for (uint32_t v = meet; s->s[0].dist[v].steps; v = (uint32_t)tr[s->s[0].via[v]].from)
    route->transitions[--k] = s->s[0].via[v];
  k = n_fwd;
  for (uint32_t v = meet; s->s[1].dist[v].steps; v = (uint32_t)tr[s->s[1].via[v]].to)
    route->transitions[k++] = s->s[1].via[v];
  route_finish(r, route, meet);
  return CP_OK;
}

cp_status cp_fast_route(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err) {
  /* The scratch is working memory the router owns; a router serves one thread at a time. */
  cp_scratch *s = scratch_for((cp_router *)r);
  cp_route_list *list = calloc(1, sizeof *list);
  if (!s || !list) {
    free(list);
    return cp_fail(err, CP_ENOMEM, "out of memory searching routes");
  }
  if (++s->stamp == 0) { /* wrapped: old stamps could look current */
    for (int d = 0; d < 2; d++) {
      memset(s->s[d].seen, 0, s->n * sizeof *s->s[d].seen);
      memset(s->s[d].done, 0, s->n * sizeof *s->s[d].done);
    }
    s->stamp = 1;
  }
  uint32_t stamp = s->stamp;
  uint32_t ends[2] = {(uint32_t)q->from, (uint32_t)q->to};
  for (int d = 0; d < 2; d++) {
    side *x = &s->s[d];
    x->n_heap = 0;
    x->seen[ends[d]] = stamp;
    x->dist[ends[d]] = (key){0, 0};
    if (!push(x, x->dist[ends[d]], ends[d]))
      goto nomem;
  }
  key best = {INFINITY, UINT32_MAX};
  uint32_t meet = UINT32_MAX;
  uint64_t settled = 0;
  if (q->from == q->to) {
    best = (key){0, 0};
    meet = ends[0];
  }
  /* One weighted criterion (the usual --by) reads its array directly. */
  const double *single = NULL;
  double weight = 0;
  for (int c = 0, n = 0; c < CP_CRITERION_COUNT; c++)
    if (q->weights[c] > 0) {
      single = n++ ? NULL : r->w[c];
      weight = q->weights[c];
    }
  while (s->s[0].n_heap && s->s[1].n_heap) {
    key top0 = s->s[0].heap[0].k, top1 = s->s[1].heap[0].k;
    key bound = {top0.f + top1.f, top0.steps + top1.steps};
    if (!less(bound, best))
      break;
    int d = less(top1, top0) ? 1 : 0;
    side *x = &s->s[d], *other = &s->s[1 - d];
    entry e = pop(x);
    if (x->done[e.node] == stamp || less(x->dist[e.node], e.k))
      continue;
    x->done[e.node] = stamp;
    settled++;
    const size_t *start = d ? r->in_start : r->out_start, *list_tr = d ? r->in_tr : r->out_tr;
    const uint32_t *other_end = d ? r->in_tail : r->out_head;
    for (size_t j = start[e.node]; j < start[e.node + 1]; j++) {
      size_t t = list_tr[j];
      uint32_t u = other_end[j];
      key nk = {e.k.f + (single ? weight * single[t] : step_weight(r, q, t)), e.k.steps + 1};
      if (x->seen[u] != stamp || less(nk, x->dist[u])) {
        x->seen[u] = stamp;
        x->dist[u] = nk;
        x->via[u] = t;
        if (!push(x, nk, u))
          goto nomem;
        if (other->seen[u] == stamp) {
          key through = {nk.f + other->dist[u].f, nk.steps + other->dist[u].steps};
          if (less(through, best)) {
            best = through;
            meet = u;
          }
        }
      }
    }
  }
  s->bidir_settled += settled;
  s->bidir_searches++;
  if (meet != UINT32_MAX && make_route(r, s, meet, list) != CP_OK)
    goto nomem;
  *out = list;
  return CP_OK;
nomem:
  cp_route_list_free(list);
  return cp_fail(err, CP_ENOMEM, "out of memory searching routes");
}

/* The route to `to` in the kept search: `via` back from the goal to the source. */
static cp_status tree_route(const cp_router *r, const side *x, uint32_t to, cp_route_list *list) {
  cp_route *route;
  if (route_alloc(list, x->dist[to].steps, &route))
    return CP_ENOMEM;
  uint32_t v = to;
  for (size_t k = route->n_steps; k-- > 0; v = (uint32_t)r->g->transitions[x->via[v]].from)
    route->transitions[k] = x->via[v];
  route_finish(r, route, v);
  return CP_OK;
}

static bool tree_kept_for(const cp_scratch *s, const cp_query *q) {
  return s && s->tree_valid && s->tree_from == q->from &&
         !memcmp(s->tree_weights, q->weights, sizeof s->tree_weights);
}

bool cp_source_reuse_pays(const cp_router *r, const cp_query *q) {
  if (q->reuse_source < 1)
    return false;
  /* A kept search from here is paid for: resuming it costs at most what is left of it. */
  if (tree_kept_for(r->scratch, q))
    return true;
  if (q->reuse_source < 2)
    return false;
  /* A search kept for k questions settles about k/(k+1) of the roles it reaches before its
   * last goal; k bidirectional searches settle k times what one does. Until enough of those
   * have been measured, one is taken to settle about the square root of the roles. */
  const cp_scratch *s = r->scratch;
  double each = s && s->bidir_searches >= 16 ? (double)s->bidir_settled / (double)s->bidir_searches
                                             : sqrt((double)r->n);
  return ((double)q->reuse_source + 1) * each > (double)r->n;
}

cp_status cp_source_route(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err) {
  cp_scratch *s = scratch_for((cp_router *)r);
  cp_route_list *list = calloc(1, sizeof *list);
  if (!s || !list) {
    free(list);
    return cp_fail(err, CP_ENOMEM, "out of memory searching routes");
  }
  side *x = &s->tree;
  if (!tree_kept_for(s, q)) {
    /* A new source or objective: start again. */
    if (++s->tree_stamp == 0) {
      memset(x->seen, 0, s->n * sizeof *x->seen);
      memset(x->done, 0, s->n * sizeof *x->done);
      s->tree_stamp = 1;
    }
    s->tree_valid = false;
    s->tree_from = (uint32_t)q->from;
    memcpy(s->tree_weights, q->weights, sizeof s->tree_weights);
    x->n_heap = 0;
    x->seen[q->from] = s->tree_stamp;
    x->dist[q->from] = (key){0, 0};
    if (!push(x, x->dist[q->from], (uint32_t)q->from))
      goto nomem;
    s->tree_valid = true;
  }
  uint32_t stamp = s->tree_stamp, goal = (uint32_t)q->to;
  /* Settle roles in key order until the goal is settled or nothing is left: roles settled
   * for earlier questions are final and answer at once. */
  while (x->done[goal] != stamp && x->n_heap) {
    entry e = pop(x);
    if (x->done[e.node] == stamp || less(x->dist[e.node], e.k))
      continue;
    x->done[e.node] = stamp;
    for (size_t j = r->out_start[e.node]; j < r->out_start[e.node + 1]; j++) {
      size_t t = r->out_tr[j];
      uint32_t u = r->out_head[j];
      key nk = {e.k.f + step_weight(r, q, t), e.k.steps + 1};
      if (x->seen[u] != stamp || less(nk, x->dist[u])) {
        x->seen[u] = stamp;
        x->dist[u] = nk;
        x->via[u] = t;
        if (!push(x, nk, u)) {
          s->tree_valid = false; /* a half-relaxed role: the kept search is no longer sound */
          goto nomem;
        }
      }
    }
  }
  if (x->done[goal] == stamp && tree_route(r, x, goal, list) != CP_OK)
    goto nomem;
  *out = list;
  return CP_OK;
nomem:
  cp_route_list_free(list);
  return cp_fail(err, CP_ENOMEM, "out of memory searching routes");
}
