/* dijkstra.c: point-to-point best routes on the router's compact layout, searched from both
 * ends at once, from a source kept between questions, or towards the goal by landmarks. */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * A route's key is (objective, steps), compared in that order (rules 1 and 2 of the tie rule,
 * route.c): such keys add and compare like numbers (every step adds a positive step count),
 * so Dijkstra's argument holds, and the search runs from the start forwards and from the goal
 * backwards, until the two frontiers' smallest keys add up to more than the best meeting
 * found. Stopping only past it, not at it, leaves every role of every best route settled on
 * one side or the other; the route is then read out by rules 3 and 4 (see extract below).
 *
 * Working arrays are sized to the graph once and stamped per query, so a query costs what it
 * explores, not the size of the graph: what a batch of thousands of questions on a graph of
 * hundreds of thousands of roles needs.
 */

/* tag: in a heap entry, the role; in a side's per-role keys, the stamp of the query they
 * belong to. 16 bytes: a role's key and whether it is current are one cache line away. */
typedef struct key {
  double f;
  uint32_t steps;
  uint32_t tag;
} key;

static inline bool less(key a, key b) {
  /* Keys are >= 0, and most differ by far more than the tolerance: a < b (1 - 2e-9) - 2e-9
   * implies cp_objective_order(a, b) < 0, so one multiply-add settles them. */
  if (a.f * (1 + 2e-9) + 2e-9 < b.f)
    return true;
  if (b.f * (1 + 2e-9) + 2e-9 < a.f)
    return false;
  int c = cp_objective_order(a.f, b.f);
  return c ? c < 0 : a.steps < b.steps;
}

typedef struct side {
  uint32_t *done; /* stamp: settled this query */
  key *dist;      /* tag: stamp, the key is this query's */
  key *heap;      /* tag: role */
  size_t n_heap, cap_heap;
  uint64_t work; /* moves scanned this query: which side goes next */
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
  /* Reading a route out: roles on a best route to the goal, stamped, and a stack. */
  uint32_t *mark, mark_stamp;
  uint32_t *stack;
  /* ALT (cp_alt_route): per side, per role seen, its potential; made on first use. */
  double *pot;
};

void cp_scratch_free(cp_scratch *s) {
  if (!s)
    return;
  side *sides[] = {&s->s[0], &s->s[1], &s->tree};
  for (int d = 0; d < 3; d++) {
    free(sides[d]->done);
    free(sides[d]->dist);
    free(sides[d]->heap);
  }
  free(s->mark);
  free(s->stack);
  free(s->pot);
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
    x->done = calloc(n, sizeof *x->done);
    /* The kept search's keys come in as it uses them: most batches never start one. */
    x->dist = d < 2 ? cp_big_zalloc(n * sizeof *x->dist) : calloc(n, sizeof *x->dist);
    if (!x->done || !x->dist) {
      cp_scratch_free(s);
      return NULL;
    }
  }
  s->mark = calloc(n, sizeof *s->mark);
  s->stack = malloc(n * sizeof *s->stack);
  if (!s->mark || !s->stack) {
    cp_scratch_free(s);
    return NULL;
  }
  r->scratch = s;
  return s;
}

static bool push(side *x, key k, uint32_t node) {
  key *h = cp_grow(x->heap, &x->cap_heap, x->n_heap + 1, sizeof *h, 1024);
  if (!h)
    return false;
  x->heap = h;
  size_t i = x->n_heap++;
  while (i && less(k, x->heap[(i - 1) / 2])) {
    x->heap[i] = x->heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  x->heap[i] = (key){k.f, k.steps, node};
  return true;
}

static key pop(side *x) {
  key top = x->heap[0], last = x->heap[--x->n_heap];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= x->n_heap)
      break;
    if (c + 1 < x->n_heap && less(x->heap[c + 1], x->heap[c]))
      c++;
    if (!less(x->heap[c], last))
      break;
    x->heap[i] = x->heap[c];
    i = c;
  }
  if (x->n_heap)
    x->heap[i] = last;
  return top;
}

/* Sets a new stamp for `n` stamped arrays, clearing them when the counter wraps (old stamps
 * could look current). */
static uint32_t next_stamp(uint32_t *stamp, uint32_t **arrays, size_t count, size_t n) {
  if (++*stamp == 0) {
    for (size_t i = 0; i < count; i++)
      memset(arrays[i], 0, n * sizeof **arrays);
    *stamp = 1;
  }
  return *stamp;
}

/* The same for sides: their settled stamps and their keys' tags. */
static uint32_t next_side_stamp(uint32_t *stamp, side *const *sides, size_t count, size_t n) {
  if (*stamp == UINT32_MAX)
    for (size_t i = 0; i < count; i++)
      memset(sides[i]->dist, 0, n * sizeof *sides[i]->dist);
  uint32_t *done[3];
  for (size_t i = 0; i < count; i++)
    done[i] = sides[i]->done;
  return next_stamp(stamp, done, count, n);
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

/* The objective's share of one step: one weighted criterion (the usual --by) reads its array
 * directly. Every search and every test of a step below uses this, so sums agree exactly. */
typedef struct objective {
  const cp_router *r;
  const cp_query *q;
  const double *single; /* the one weighted criterion's weights, or NULL */
  const double *row[2]; /* ... laid out by the out and the in rows (cp_router_row_weights) */
  double weight;
} objective;

static objective objective_of(const cp_router *r, const cp_query *q) {
  objective o = {r, q, NULL, {NULL, NULL}, 0};
  for (int c = 0, n = 0; c < CP_CRITERION_COUNT; c++)
    if (q->weights[c] > 0) {
      o.single = n++ ? NULL : r->w[c];
      o.row[0] = o.single ? r->row_w[c][0] : NULL;
      o.row[1] = o.single ? r->row_w[c][1] : NULL;
      o.weight = q->weights[c];
    }
  return o;
}

static inline double step_weight(const objective *o, size_t t) {
  if (o->single)
    return o->weight * o->single[t];
  double f = 0;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (o->q->weights[c] > 0)
      f += o->q->weights[c] * o->r->w[c][t];
  return f;
}

/* The objective's share of the j-th entry of side d's rows (moves `list`): the same product as
 * step_weight's, read beside the row when the router has it laid out. */
static inline double row_weight(const objective *o, int d, size_t j, const size_t *list) {
  return o->row[d] ? o->weight * o->row[d][j] : step_weight(o, list[j]);
}

/* Settles the smallest role on side `x`, relaxing its moves (d: 0 forwards, 1 backwards);
 * with `other`, records a meeting better than *best. 1 when a role was settled, 0 when the
 * entry was stale, -1 when memory ran out. */
/* How many moves ahead settle asks for the keys of a row's other ends: a popular role's row
 * is thousands of moves to roles scattered over the graph, each a cache miss otherwise (5% less
 * CPU on the heavy-tailed 200,000-role batch, none lost on the uniform one). */
enum { PREFETCH = 8 };

/* Asks for what settling side x's next role reads first: its settled stamp, key and row.
 * They are three cache misses on a big graph, each otherwise waited for in turn
 * (docs/performance.md). */
static inline void prefetch_top(const side *x, const size_t *start) {
  if (!x->n_heap)
    return;
  uint32_t v = x->heap[0].tag;
  __builtin_prefetch(&x->done[v]);
  __builtin_prefetch(&x->dist[v]);
  __builtin_prefetch(&start[v]);
}

static int settle(const cp_router *r, const objective *o, side *x, int d, uint32_t stamp,
                  const side *other, key *best) {
  key e = pop(x);
  if (x->done[e.tag] == stamp || less(x->dist[e.tag], e))
    return 0;
  x->done[e.tag] = stamp;
  const size_t *start = d ? r->in_start : r->out_start, *list_tr = d ? r->in_tr : r->out_tr;
  const uint32_t *other_end = d ? r->in_tail : r->out_head;
  const double *row = o->row[d], weight = o->weight; /* locals: stores below cannot change them */
  /* The other side's smallest key: every role it has not settled is at least that far. */
  key far = other ? other->heap[0] : (key){0, 0, 0};
  size_t end = start[e.tag + 1];
  x->work += end - start[e.tag];
  for (size_t j = start[e.tag]; j < end; j++) {
    if (j + PREFETCH < end) {
      uint32_t ahead = other_end[j + PREFETCH];
      __builtin_prefetch(&x->dist[ahead]);
      if (other)
        __builtin_prefetch(&other->dist[ahead]);
    }
    uint32_t u = other_end[j];
    key nk = {e.f + (row ? weight * row[j] : step_weight(o, list_tr[j])), e.steps + 1, stamp};
    /* A role the other side has not settled is at least `far` from its end: a route through
     * it past the best one found cannot be a best route. Asked first, of the smaller array. */
    if (other && other->done[u] != stamp &&
        less(*best, (key){nk.f + far.f, nk.steps + far.steps, 0}))
      continue;
    if (x->dist[u].tag == stamp && !less(nk, x->dist[u]))
      continue;
    if (other && other->dist[u].tag == stamp) {
      key through = {nk.f + other->dist[u].f, nk.steps + other->dist[u].steps, 0};
      if (less(through, *best))
        *best = through;
    }
    x->dist[u] = nk;
    if (!push(x, nk, u))
      return -1;
  }
  prefetch_top(x, start);
  return 1;
}

/* ---- reading the route out by the tie rule ---- */

/*
 * Every best route to the goal is a chain of "tight" moves u -> v, where v's key from the
 * start is u's plus the move. A role's key from the start is its forward distance when the
 * forward search settled it, else the best key less its backward distance (the same on a
 * best route). Marking backwards from the goal along tight moves finds every role from which
 * the rest of a best route leads on; then from the start, each step takes the tight move to
 * a marked role of the smallest index, and among parallel moves the smallest transition.
 * Each step keeps the key exact, so the walk is a best route, and taking the least next
 * role at each step of routes of equal length is the least sequence: rules 3 and 4.
 * Cost: the moves into and out of the marked roles.
 */

typedef struct reader {
  const cp_router *r;
  const objective *o;
  cp_scratch *s;
  const side *fwd, *bwd; /* bwd NULL: one-directional (the kept search) */
  uint32_t fwd_stamp, bwd_stamp, mark;
  key best;
} reader;

/* The key from the start of a role on a best route; false for a role neither side settled. */
static bool key_from_start(const reader *rd, uint32_t v, key *out) {
  if (rd->fwd->done[v] == rd->fwd_stamp) {
    *out = rd->fwd->dist[v];
    return true;
  }
  if (!rd->bwd || rd->bwd->done[v] != rd->bwd_stamp || rd->bwd->dist[v].steps > rd->best.steps)
    return false;
  *out = (key){rd->best.f - rd->bwd->dist[v].f, rd->best.steps - rd->bwd->dist[v].steps, 0};
  return true;
}

/* Whether a move of weight w (row_weight: the product every search used) leads from `from`
 * to `to` on a best route. */
static bool tight(key from, double w, key to) {
  return from.steps + 1 == to.steps && cp_objective_order(from.f + w, to.f) == 0;
}

static void mark_back(reader *rd, uint32_t goal) {
  const cp_router *r = rd->r;
  uint32_t *mark = rd->s->mark, *stack = rd->s->stack;
  size_t n = 0;
  mark[goal] = rd->mark;
  stack[n++] = goal;
  while (n) {
    uint32_t x = stack[--n];
    key kx, ku;
    key_from_start(rd, x, &kx);
    /* A move dearer than x's own key cannot be tight (keys are >= 0): told from the row
     * alone, before the role at its other end is looked up at random. */
    double dearer = kx.f * (1 + 2e-9) + 2e-9;
    for (size_t j = r->in_start[x]; j < r->in_start[x + 1]; j++) {
      double w = row_weight(rd->o, 1, j, r->in_tr);
      if (dearer < w)
        continue;
      uint32_t u = r->in_tail[j];
      if (mark[u] != rd->mark && key_from_start(rd, u, &ku) && tight(ku, w, kx)) {
        mark[u] = rd->mark;
        stack[n++] = u; /* each role once: the stack never outgrows the roles */
      }
    }
  }
}

static cp_status extract(reader *rd, uint32_t from, uint32_t goal, cp_route_list *list,
                         cp_error *err) {
  const cp_router *r = rd->r;
  uint32_t *arrays[] = {rd->s->mark};
  rd->mark = next_stamp(&rd->s->mark_stamp, arrays, 1, rd->s->n);
  mark_back(rd, goal);
  cp_route *route = list->routes = calloc(1, sizeof *list->routes);
  if (!route || cp_route_alloc(route, rd->best.steps))
    return cp_fail(err, CP_ENOMEM, "out of memory searching routes");
  list->n = 1;
  uint32_t u = from;
  key ku = {0, 0, 0};
  for (size_t i = 0; i < route->n_steps; i++) {
    uint32_t next = UINT32_MAX;
    key kv, knext = {0, 0, 0};
    for (size_t j = r->out_start[u]; j < r->out_start[u + 1]; j++) {
      uint32_t v = r->out_head[j];
      /* Rows list a role's moves in transition order: the first of parallel ones wins. */
      if (v < next && rd->s->mark[v] == rd->mark && key_from_start(rd, v, &kv) &&
          tight(ku, row_weight(rd->o, 0, j, r->out_tr), kv)) {
        next = v, knext = kv;
        route->transitions[i] = r->out_tr[j];
      }
    }
    if (next == UINT32_MAX) /* every marked role has a tight move on: cannot happen */
      return cp_fail(err, CP_EINVAL, "internal error: no best route read out");
    u = next, ku = knext;
  }
  cp_route_finish(route, r->g, from, (const double *const *)r->w);
  return CP_OK;
}

/* Hands the list over, or frees it and says why. */
static cp_status hand_over(cp_route_list *list, cp_status st, cp_route_list **out, cp_error *err) {
  if (st == CP_OK) {
    *out = list;
    return CP_OK;
  }
  cp_route_list_free(list);
  return st == CP_ENOMEM ? cp_fail(err, st, "out of memory searching routes") : st;
}

/* ---- from both ends ---- */

/*
 * Which side settles next does not matter to the answer: when the stop below is reached, a
 * role of a best route settled by neither side would have keys from both ends no smaller
 * than the frontiers', adding up to more than the best route, whatever order got there. So
 * the side that has scanned fewer moves goes (Pohl's balance, counted in moves). Alternating
 * by the smaller key instead lets the side facing popular roles, or a plateau of free moves,
 * run as far as the cheap side: on bench/generate_heavy.py's graphs balancing the work
 * settles 8x fewer roles for the same routes (docs/performance.md).
 */
static int next_side(const side *fwd, const side *bwd) { return bwd->work < fwd->work ? 1 : 0; }

/* Both searches, until no meeting can beat the best one found (*best, infinite when none). */
static bool bidirectional(const cp_router *r, const objective *o, cp_scratch *s, uint32_t stamp,
                          key *best) {
  uint64_t settled = 0;
  while (s->s[0].n_heap && s->s[1].n_heap) {
    key top0 = s->s[0].heap[0], top1 = s->s[1].heap[0];
    key bound = {top0.f + top1.f, top0.steps + top1.steps, 0};
    if (less(*best, bound)) /* past the best, not at it: ties get settled */
      break;
    int d = next_side(&s->s[0], &s->s[1]);
    int done = settle(r, o, &s->s[d], d, stamp, &s->s[1 - d], best);
    if (done < 0)
      return false;
    settled += (uint64_t)done;
  }
  s->bidir_settled += settled;
  s->bidir_searches++;
  return true;
}

uint64_t cp_fast_route_settled(const cp_router *r) {
  return r->scratch ? r->scratch->bidir_settled : 0;
}

cp_status cp_fast_route(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err) {
  /* The scratch is working memory the router owns; a router serves one thread at a time. */
  cp_scratch *s = scratch_for((cp_router *)r);
  cp_route_list *list = calloc(1, sizeof *list);
  if (!s || !list)
    return hand_over(list, CP_ENOMEM, out, err);
  side *sides[] = {&s->s[0], &s->s[1]};
  uint32_t stamp = next_side_stamp(&s->stamp, sides, 2, s->n);
  uint32_t ends[2] = {(uint32_t)q->from, (uint32_t)q->to};
  for (int d = 0; d < 2; d++) {
    side *x = &s->s[d];
    x->n_heap = 0;
    x->work = 0;
    x->dist[ends[d]] = (key){0, 0, stamp};
    if (!push(x, x->dist[ends[d]], ends[d]))
      return hand_over(list, CP_ENOMEM, out, err);
  }
  objective o = objective_of(r, q);
  key best = {INFINITY, UINT32_MAX, 0};
  uint64_t settled = s->bidir_settled;
  if (q->from == q->to) {
    /* No steps: the least route there is. */
    s->s[0].done[q->from] = stamp;
    best = (key){0, 0, 0};
  } else if (!bidirectional(r, &o, s, stamp, &best)) {
    return hand_over(list, CP_ENOMEM, out, err);
  }
  if (!isfinite(best.f))
    cp_router_note_unreached(r, s->bidir_settled - settled + s->s[0].work + s->s[1].work);
  reader rd = {r, &o, s, &s->s[0], &s->s[1], stamp, stamp, 0, best};
  cp_status st = isfinite(best.f) ? extract(&rd, ends[0], ends[1], list, err) : CP_OK;
  return hand_over(list, st, out, err);
}

/* ---- from both ends, directed by landmarks (ALT) ---- */

/*
 * Bidirectional A* with the average potential (Ikeda et al. 1994, Goldberg & Harrelson 2005):
 * p(v) = (bound(v to goal) - bound(start to v)) / 2 directs the forward search and -p(v) the
 * backward one. Both are consistent, and a route's length shifted by p is the same shift for
 * every route between the ends, so this is the bidirectional search above on shifted weights:
 * the same best key, every role of every best route settled on one side or the other when the
 * frontiers' priorities add up to more than the best meeting (each side orders by key +
 * potential), and the route read out by the same rule. Sides keep keys unshifted, so the
 * reader needs nothing new. In floating point a weighted sum's bounds can be a hair
 * inconsistent, so a role whose key improves after it was settled is settled again (keys stay
 * exact whatever the rounding), and the stop allows for rounding and the rule's tolerance.
 */

typedef struct alt {
  const cp_router *r;
  const objective *o;
  cp_scratch *s;
  cp_landmark_goal bound[2]; /* 0: from a role to the goal; 1: from the start to a role */
  uint32_t stamp;
  key best;
} alt;

/* Side d's potential at v (d 0: p(v), 1: -p(v)); INFINITY when a landmark proves v is on no
 * route between the ends. */
static double potential(const alt *a, int d, uint32_t v) {
  double to_goal = cp_landmarks_bound(&a->bound[0], v);
  double from_start = cp_landmarks_bound(&a->bound[1], v);
  if (isinf(to_goal) || isinf(from_start))
    return INFINITY;
  double p = (to_goal - from_start) / 2;
  return d ? -p : p;
}

/* Relaxes side d's move `t` into u from a role of key k: 0 or -1 when memory ran out. */
static int relax(alt *a, int d, key k, size_t t, uint32_t u) {
  side *x = &a->s->s[d];
  const side *other = &a->s->s[1 - d];
  double *pot = a->s->pot + (size_t)d * a->s->n;
  key nk = {k.f + step_weight(a->o, t), k.steps + 1, a->stamp};
  if (x->dist[u].tag != a->stamp) {
    x->dist[u] = (key){INFINITY, UINT32_MAX, a->stamp};
    pot[u] = potential(a, d, u);
  }
  if (isinf(pot[u]) || !less(nk, x->dist[u]))
    return 0; /* on no route between the ends, or reached as well already */
  x->dist[u] = nk;
  if (!push(x, (key){nk.f + pot[u], nk.steps, 0}, u))
    return -1;
  if (other->dist[u].tag == a->stamp) {
    key through = {nk.f + other->dist[u].f, nk.steps + other->dist[u].steps, 0};
    if (less(through, a->best))
      a->best = through;
  }
  return 0;
}

/* Settles the role on top of side d if its entry is current (key + potential as pushed): 1
 * when one was settled, 0 for a stale entry, -1 when memory ran out. */
static int settle_alt(alt *a, int d) {
  side *x = &a->s->s[d];
  const double *pot = a->s->pot + (size_t)d * a->s->n;
  key e = pop(x);
  key k = x->dist[e.tag];
  if (k.f + pot[e.tag] != e.f || k.steps != e.steps)
    return 0;
  x->done[e.tag] = a->stamp;
  const cp_router *r = a->r;
  const size_t *start = d ? r->in_start : r->out_start, *list_tr = d ? r->in_tr : r->out_tr;
  x->work += start[e.tag + 1] - start[e.tag];
  const uint32_t *other_end = d ? r->in_tail : r->out_head;
  for (size_t j = start[e.tag]; j < start[e.tag + 1]; j++)
    if (relax(a, d, k, list_tr[j], other_end[j]) < 0)
      return -1;
  return 1;
}

/* Both sides, until their priorities add up to more than the best meeting and rounding. */
static bool alt_run(alt *a) {
  side *f = &a->s->s[0], *b = &a->s->s[1];
  while (f->n_heap && b->n_heap) {
    key top0 = f->heap[0], top1 = b->heap[0];
    double best = a->best.f, slack = 1e-7 * (fabs(best) > 1 ? fabs(best) : 1);
    if (top0.f + top1.f > best + slack)
      break;
    if (settle_alt(a, next_side(f, b)) < 0)
      return false;
  }
  return true;
}

/* Starts both sides at the ends; false when memory runs out. */
static bool alt_start(alt *a, const cp_query *q) {
  cp_scratch *s = a->s;
  if (!s->pot && !(s->pot = malloc(2 * (s->n ? s->n : 1) * sizeof *s->pot)))
    return false;
  side *sides[] = {&s->s[0], &s->s[1]};
  a->stamp = next_side_stamp(&s->stamp, sides, 2, s->n);
  uint32_t ends[2] = {(uint32_t)q->from, (uint32_t)q->to};
  cp_landmarks_goal(a->r->landmarks, &a->bound[0], q->weights, ends[1], true);
  cp_landmarks_goal(a->r->landmarks, &a->bound[1], q->weights, ends[0], false);
  for (int d = 0; d < 2; d++) {
    side *x = &s->s[d];
    double *pot = s->pot + (size_t)d * s->n;
    x->n_heap = 0;
    x->work = 0;
    x->dist[ends[d]] = (key){0, 0, a->stamp};
    pot[ends[d]] = potential(a, d, ends[d]);
    if (!isinf(pot[ends[d]]) && !push(x, (key){pot[ends[d]], 0, 0}, ends[d]))
      return false;
  }
  return true;
}

cp_status cp_alt_route(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err) {
  cp_scratch *s = scratch_for((cp_router *)r);
  cp_route_list *list = calloc(1, sizeof *list);
  objective o = objective_of(r, q);
  alt a = {.r = r, .o = &o, .s = s, .best = {INFINITY, UINT32_MAX, 0}};
  if (!s || !list || !alt_start(&a, q))
    return hand_over(list, CP_ENOMEM, out, err);
  if (q->from == q->to) {
    s->s[0].done[q->from] = a.stamp; /* no steps: the least route there is */
    a.best = (key){0, 0, 0};
  } else if (!alt_run(&a)) {
    return hand_over(list, CP_ENOMEM, out, err);
  }
  if (!isfinite(a.best.f))
    cp_router_note_unreached(r, s->s[0].work + s->s[1].work);
  reader rd = {r, &o, s, &s->s[0], &s->s[1], a.stamp, a.stamp, 0, a.best};
  cp_status st =
      isfinite(a.best.f) ? extract(&rd, (uint32_t)q->from, (uint32_t)q->to, list, err) : CP_OK;
  return hand_over(list, st, out, err);
}

/* ---- from a source kept between questions ---- */

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

/* Starts the kept search again from q->from with q's weights. */
static bool tree_restart(cp_scratch *s, const cp_query *q) {
  side *x = &s->tree;
  side *sides[] = {x};
  uint32_t stamp = next_side_stamp(&s->tree_stamp, sides, 1, s->n);
  s->tree_from = (uint32_t)q->from;
  memcpy(s->tree_weights, q->weights, sizeof s->tree_weights);
  x->n_heap = 0;
  x->dist[q->from] = (key){0, 0, stamp};
  s->tree_valid = push(x, x->dist[q->from], (uint32_t)q->from);
  return s->tree_valid;
}

cp_status cp_source_route(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err) {
  cp_scratch *s = scratch_for((cp_router *)r);
  cp_route_list *list = calloc(1, sizeof *list);
  if (!s || !list || (!tree_kept_for(s, q) && !tree_restart(s, q)))
    return hand_over(list, CP_ENOMEM, out, err);
  side *x = &s->tree;
  uint32_t stamp = s->tree_stamp, goal = (uint32_t)q->to;
  objective o = objective_of(r, q);
  /* Settle roles in key order until the goal is settled or nothing is left: roles settled
   * for earlier questions are final and answer at once. Every role of a best route to the
   * goal comes before it, so all are settled when the goal is. */
  while (x->done[goal] != stamp && x->n_heap)
    if (settle(r, &o, x, 0, stamp, NULL, NULL) < 0) {
      s->tree_valid = false; /* a half-relaxed role: the kept search is no longer sound */
      return hand_over(list, CP_ENOMEM, out, err);
    }
  reader rd = {r, &o, s, x, NULL, stamp, 0, 0, x->dist[goal]};
  cp_status st = x->done[goal] == stamp ? extract(&rd, (uint32_t)q->from, goal, list, err) : CP_OK;
  return hand_over(list, st, out, err);
}
