/* landmarks.c: ALT preprocessing: landmark roles chosen farthest first, each one's distances to
 * and from every role per criterion, and the lower bounds they give by the triangle inequality. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NC = CP_CRITERION_COUNT };

struct cp_landmarks {
  size_t count;       /* landmarks per criterion */
  unsigned made;      /* criteria whose tables are made (bit per criterion) */
  uint32_t *role[NC]; /* the landmarks of each criterion */
  double *to[NC];     /* [v * count + i]: from v to landmark i (INFINITY: no route) */
  double *from[NC];   /* [v * count + i]: from landmark i to v */
};

/* ---- one full search from a role, for the tables ---- */

typedef struct item {
  double d;
  uint32_t v;
} item;

typedef struct sssp {
  const cp_router *r;
  const double *w; /* per transition */
  double *dist;    /* per role */
  item *heap;
  size_t n_heap, cap_heap;
} sssp;

static bool heap_push(sssp *s, double d, uint32_t v) {
  item *h = cp_grow(s->heap, &s->cap_heap, s->n_heap + 1, sizeof *h, 1024);
  if (!h)
    return false;
  s->heap = h;
  size_t i = s->n_heap++;
  while (i && d < h[(i - 1) / 2].d) {
    h[i] = h[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  h[i] = (item){d, v};
  return true;
}

static item heap_pop(sssp *s) {
  item *h = s->heap, top = h[0], last = h[--s->n_heap];
  size_t i = 0;
  for (size_t c; (c = 2 * i + 1) < s->n_heap; i = c) {
    if (c + 1 < s->n_heap && h[c + 1].d < h[c].d)
      c++;
    if (!(h[c].d < last.d))
      break;
    h[i] = h[c];
  }
  if (s->n_heap)
    h[i] = last;
  return top;
}

/* Dijkstra from `src` over every role, forwards (distances from src) or backwards (to src),
 * into s->dist. O((n + m) log n). */
static bool sssp_run(sssp *s, uint32_t src, bool backward) {
  const cp_router *r = s->r;
  const size_t *start = backward ? r->in_start : r->out_start;
  const size_t *tr = backward ? r->in_tr : r->out_tr;
  const uint32_t *end = backward ? r->in_tail : r->out_head;
  for (size_t v = 0; v < r->n; v++)
    s->dist[v] = INFINITY;
  s->dist[src] = 0;
  s->n_heap = 0;
  if (!heap_push(s, 0, src))
    return false;
  while (s->n_heap) {
    item e = heap_pop(s);
    if (e.d > s->dist[e.v])
      continue;
    for (size_t j = start[e.v]; j < start[e.v + 1]; j++) {
      double d = e.d + s->w[tr[j]];
      if (d < s->dist[end[j]]) {
        s->dist[end[j]] = d;
        if (!heap_push(s, d, end[j]))
          return false;
      }
    }
  }
  return true;
}

/* ---- choosing landmarks: farthest first ---- */

/* Adds landmark `i` of criterion c at role v: its column of both tables, and how near every
 * role is to the landmarks so far (near[], the sum of the finite distances both ways). */
static bool add_landmark(cp_landmarks *lm, int c, size_t i, uint32_t v, sssp *s, double *near) {
  size_t L = lm->count, n = s->r->n;
  lm->role[c][i] = v;
  for (int back = 0; back < 2; back++) {
    if (!sssp_run(s, v, back))
      return false;
    double *table = back ? lm->to[c] : lm->from[c];
    for (size_t u = 0; u < n; u++) {
      table[u * L + i] = s->dist[u];
      if (isfinite(s->dist[u]))
        near[u + n] += s->dist[u]; /* this landmark's sum, kept beside near[] */
    }
  }
  for (size_t u = 0; u < n; u++) {
    double d = near[u + n];
    near[u] = !i || d < near[u] ? d : near[u];
    near[u + n] = 0;
  }
  return true;
}

/* The role farthest from every landmark so far (the largest near[]), ties by index; a role
 * already chosen has near 0 and is never chosen again unless every role is one. */
static uint32_t farthest(const double *near, size_t n) {
  uint32_t best = 0;
  for (size_t u = 1; u < n; u++)
    if (near[u] > near[best])
      best = (uint32_t)u;
  return best;
}

/* The first landmark: the role farthest (forwards) from the role with the most moves. */
static bool first_landmark(sssp *s, uint32_t *out) {
  const cp_router *r = s->r;
  uint32_t hub = 0;
  size_t most = 0;
  for (size_t v = 0; v < r->n; v++) {
    size_t deg = r->out_start[v + 1] - r->out_start[v] + r->in_start[v + 1] - r->in_start[v];
    if (deg > most)
      most = deg, hub = (uint32_t)v;
  }
  if (!sssp_run(s, hub, false))
    return false;
  *out = hub;
  for (size_t v = 0; v < r->n; v++)
    if (isfinite(s->dist[v]) && s->dist[v] > s->dist[*out])
      *out = (uint32_t)v;
  return true;
}

static cp_status make_criterion(cp_landmarks *lm, const cp_router *r, int c) {
  size_t n = r->n, L = lm->count;
  sssp s = {.r = r, .w = r->w[c], .dist = malloc(n * sizeof(double))};
  double *near = calloc(2 * n, sizeof *near);
  lm->role[c] = malloc(L * sizeof *lm->role[c]);
  lm->to[c] = cp_big_alloc(n * L * sizeof(double));
  lm->from[c] = cp_big_alloc(n * L * sizeof(double));
  cp_status st = CP_ENOMEM;
  uint32_t v;
  if (!s.dist || !near || !lm->role[c] || !lm->to[c] || !lm->from[c] || !first_landmark(&s, &v))
    goto cleanup;
  for (size_t i = 0; i < L; i++, v = farthest(near, n))
    if (!add_landmark(lm, c, i, v, &s, near))
      goto cleanup;
  lm->made |= 1u << c;
  st = CP_OK;
cleanup:
  if (st) { /* no half-made tables: a later call starts this criterion again */
    free(lm->role[c]), free(lm->to[c]), free(lm->from[c]);
    lm->role[c] = NULL, lm->to[c] = lm->from[c] = NULL;
  }
  free(s.dist);
  free(s.heap);
  free(near);
  return st;
}

void cp_landmarks_free(cp_landmarks *lm) {
  if (!lm)
    return;
  for (int c = 0; c < NC; c++) {
    free(lm->role[c]);
    free(lm->to[c]);
    free(lm->from[c]);
  }
  free(lm);
}

/* The criteria a query weighs (bit per criterion). */
static unsigned weighed(const double weights[NC]) {
  unsigned mask = 0;
  for (int c = 0; c < NC; c++)
    if (weights[c] > 0)
      mask |= 1u << c;
  return mask;
}

cp_status cp_router_landmarks(const cp_router *r, size_t count, const double weights[NC],
                              cp_error *err) {
  cp_router *w = (cp_router *)r; /* made once, before any other thread asks, as the index is */
  if (w->shared || !count || !r->n)
    return CP_OK;
  count = count < r->n ? count : r->n;
  if (w->landmarks && w->landmarks->count != count) {
    cp_landmarks_free(w->landmarks);
    w->landmarks = NULL;
  }
  if (!w->landmarks && !(w->landmarks = calloc(1, sizeof *w->landmarks)))
    return cp_fail(err, CP_ENOMEM, "out of memory preparing landmarks");
  w->landmarks->count = count;
  unsigned need = weighed(weights) & r->carried & ~w->landmarks->made;
  for (int c = 0; c < NC; c++)
    if (need & (1u << c) && make_criterion(w->landmarks, r, c))
      return cp_fail(err, CP_ENOMEM, "out of memory preparing landmarks");
  return CP_OK;
}

bool cp_landmarks_cover(const cp_router *r, const cp_query *q) {
  const cp_landmarks *lm = r->landmarks;
  unsigned need = weighed(q->weights);
  return lm && need && (lm->made & need) == need;
}

/* ---- the bound ---- */

/* A lower bound on the distance from x to y (their rows of one criterion's tables): the best
 * of d(x, L) - d(y, L) and d(L, y) - d(L, x) over landmarks L, each where its subtracted term
 * is finite; INFINITY when a landmark proves x cannot reach y (y reaches L but x does not, or
 * L reaches x but not y). */
static double bound_between(size_t L, const double *x_to, const double *x_from, const double *y_to,
                            const double *y_from) {
  double best = 0;
  for (size_t i = 0; i < L; i++) {
    if (isfinite(y_to[i])) {
      double d = x_to[i] - y_to[i];
      best = d > best ? d : best;
    }
    if (isfinite(x_from[i])) {
      double d = y_from[i] - x_from[i];
      best = d > best ? d : best;
    }
  }
  return best;
}

void cp_landmarks_goal(const cp_landmarks *lm_const, cp_landmark_goal *g, const double *weights,
                       uint32_t t, bool to_t) {
  g->lm = lm_const;
  g->to_anchor = to_t;
  g->n = 0;
  size_t L = lm_const->count;
  for (int c = 0; c < NC; c++)
    if (weights[c] > 0) {
      g->c[g->n] = c;
      g->weight[g->n] = weights[c];
      g->t_to[g->n] = lm_const->to[c] + (size_t)t * L;
      g->t_from[g->n] = lm_const->from[c] + (size_t)t * L;
      g->n++;
    }
}

double cp_landmarks_bound(const cp_landmark_goal *g, uint32_t v) {
  size_t L = g->lm->count;
  double f = 0;
  for (int k = 0; k < g->n; k++) {
    const double *v_to = g->lm->to[g->c[k]] + (size_t)v * L;
    const double *v_from = g->lm->from[g->c[k]] + (size_t)v * L;
    f += g->weight[k] * (g->to_anchor ? bound_between(L, v_to, v_from, g->t_to[k], g->t_from[k])
                                      : bound_between(L, g->t_to[k], g->t_from[k], v_to, v_from));
  }
  return f;
}
