/* nearmiss.c: how close the routes come when limits cut them all, and which limits cut a
 * list of k routes short. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cp_near_misses_free(cp_near_misses *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->n; i++) {
    free(m->items[i].route.roles);
    free(m->items[i].route.transitions);
  }
  free(m->items);
  free(m);
}

/* Whether a total passes a limit (beyond rounding: sums of the same figures in another
 * order are equal). */
static bool over(double total, double limit) {
  return isfinite(limit) && total > limit + 1e-9 * fmax(1.0, fabs(limit));
}

/* The query with its limits lifted. */
static cp_query unlimited(const cp_query *q) {
  cp_query u = *q;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    u.limits[c] = INFINITY;
  u.reuse_source = 0;
  return u;
}

/* The route least on `by`, ties going to the least on each further limited criterion in
 * turn, with no limit: a Pareto set on those criteria sorted by `by` first has it first. */
static cp_status least_on(const cp_router *r, const cp_query *q, cp_criterion by,
                          cp_route_list **out, cp_error *err) {
  cp_query u = unlimited(q);
  cp_criterion order[CP_CRITERION_COUNT] = {by};
  size_t n = 1;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if ((cp_criterion)c != by && isfinite(q->limits[c]))
      order[n++] = (cp_criterion)c;
  if (n > 1)
    return cp_route_pareto(r, &u, order, n, out, err);
  memset(u.weights, 0, sizeof u.weights);
  u.weights[by] = 1;
  u.k = 1;
  return cp_route_search(r, &u, out, err);
}

static bool same_route(const cp_route *a, const cp_route *b) {
  return a->n_steps == b->n_steps && a->roles[0] == b->roles[0] &&
         !memcmp(a->transitions, b->transitions, a->n_steps * sizeof *a->transitions);
}

/* Adds the first route of `l` as the near miss on `by`, or marks an equal one found before
 * as also being it. Takes the route out of `l`. */
static cp_status keep(cp_near_misses *m, const cp_query *q, cp_criterion by, cp_route_list *l) {
  cp_route *best = &l->routes[0];
  for (size_t i = 0; i < m->n; i++)
    if (same_route(&m->items[i].route, best)) {
      m->items[i].also |= 1u << by;
      return CP_OK;
    }
  cp_near_miss *x = &m->items[m->n++];
  memset(x, 0, sizeof *x);
  x->by = by;
  x->route = *best;
  memset(best, 0, sizeof *best); /* the list no longer owns it */
  for (int c = 0; c < CP_CRITERION_COUNT; c++) {
    double total = cp_route_total(&x->route, (cp_criterion)c);
    x->excess[c] = !isfinite(q->limits[c])     ? NAN
                   : over(total, q->limits[c]) ? total - q->limits[c]
                                               : 0;
  }
  return CP_OK;
}

cp_status cp_near_misses_find(const cp_router *r, const cp_query *q, cp_near_misses **out,
                              cp_error *err) {
  cp_near_misses *m = calloc(1, sizeof *m);
  cp_status st = m && (m->items = calloc(CP_CRITERION_COUNT, sizeof *m->items)) ? CP_OK : CP_ENOMEM;
  if (st)
    cp_fail(err, st, "out of memory");
  /* The query's own criterion first: the near miss a person asked for. */
  cp_criterion order[CP_CRITERION_COUNT], first = CP_BY_STEPS;
  double top = 0;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (q->weights[c] > top && isfinite(q->limits[c]))
      top = q->weights[c], first = (cp_criterion)c;
  size_t n = 0;
  if (top > 0)
    order[n++] = first;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (isfinite(q->limits[c]) && !(top > 0 && (cp_criterion)c == first))
      order[n++] = (cp_criterion)c;
  for (size_t i = 0; i < n && !st; i++) {
    cp_route_list *l = NULL;
    st = least_on(r, q, order[i], &l, err);
    if (!st && l->n)
      st = keep(m, q, order[i], l);
    cp_route_list_free(l);
  }
  if (st) {
    cp_near_misses_free(m);
    return st;
  }
  *out = m;
  return CP_OK;
}

cp_status cp_k_shortfall_count(const cp_router *r, const cp_query *q, cp_k_shortfall *out,
                               cp_error *err) {
  cp_query u = unlimited(q);
  cp_route_list *l = NULL;
  cp_status st = cp_route_search(r, &u, &l, err);
  if (st)
    return st;
  memset(out, 0, sizeof *out);
  out->unlimited = l->n;
  for (size_t i = 0; i < l->n; i++) {
    bool any = false;
    for (int c = 0; c < CP_CRITERION_COUNT; c++)
      if (over(cp_route_total(&l->routes[i], (cp_criterion)c), q->limits[c])) {
        out->over[c]++;
        any = true;
      }
    out->within += !any;
  }
  cp_route_list_free(l);
  return CP_OK;
}
