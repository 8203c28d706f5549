/* goals.c: the best routes to any of several roles ("either goal"). */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct candidate {
  cp_route route;
  double objective;
  size_t target, order; /* position of its target, and in that target's list */
} candidate;

static int by_objective(const void *pa, const void *pb) {
  const candidate *a = pa, *b = pb;
  int d = cp_objective_compare(a->objective, b->objective);
  if (d)
    return d;
  if (a->target != b->target)
    return a->target < b->target ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

/* Moves every route of `l` into `all`, tagged with the target's position. */
static cp_status gather(const cp_query *q, cp_route_list *l, size_t target, candidate **all,
                        size_t *n, size_t *cap) {
  if (!l->n)
    return CP_OK;
  candidate *grown = cp_grow(*all, cap, *n + l->n, sizeof *grown, 16);
  if (!grown)
    return CP_ENOMEM;
  *all = grown;
  for (size_t i = 0; i < l->n; i++) {
    grown[(*n)++] =
        (candidate){l->routes[i], cp_route_objective(&l->routes[i], q->weights), target, i};
    memset(&l->routes[i], 0, sizeof l->routes[i]); /* `all` owns it now */
  }
  return CP_OK;
}

cp_status cp_route_search_any(const cp_router *r, const cp_query *q, const size_t *targets,
                              size_t n_targets, cp_route_list **out, cp_error *err) {
  if (!n_targets)
    return cp_fail(err, CP_EINVAL, "no target roles");
  candidate *all = NULL;
  size_t n = 0, cap = 0;
  cp_status st = CP_OK;
  for (size_t t = 0; t < n_targets && !st; t++) {
    cp_query one = *q;
    one.to = targets[t];
    one.reuse_source = 0;
    cp_route_list *l = NULL;
    if (!(st = cp_route_search(r, &one, &l, err)) && (st = gather(q, l, t, &all, &n, &cap)))
      cp_fail(err, st, "out of memory");
    cp_route_list_free(l);
  }
  cp_route_list *list = st ? NULL : calloc(1, sizeof *list);
  if (!st && (!list || !(list->routes = calloc(n ? n : 1, sizeof *list->routes))))
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st) {
    qsort(all, n, sizeof *all, by_objective);
    for (size_t i = 0; i < n; i++) {
      if (list->n < q->k) {
        list->routes[list->n++] = all[i].route;
        continue;
      }
      free(all[i].route.roles);
      free(all[i].route.transitions);
    }
    *out = list;
    list = NULL;
  } else {
    for (size_t i = 0; i < n; i++) {
      free(all[i].route.roles);
      free(all[i].route.transitions);
    }
  }
  cp_route_list_free(list);
  free(all);
  return st;
}
