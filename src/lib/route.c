/* route.c: routes as values: totals, the objective, the tie rule that orders them, building
 * one from its transitions, and how each step's requirements stand for a person. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double cp_route_total(const cp_route *r, cp_criterion c) {
  switch (c) {
  case CP_BY_STEPS: return (double)r->n_steps;
  case CP_BY_MONTHS: return r->months;
  case CP_BY_COST: return r->cost;
  case CP_BY_EFFORT: return r->effort;
  default: return NAN;
  }
}

void cp_route_clear(cp_route *r) {
  free(r->roles);
  free(r->transitions);
  memset(r, 0, sizeof *r);
}

void cp_route_list_free(cp_route_list *list) {
  if (!list)
    return;
  for (size_t i = 0; i < list->n; i++)
    cp_route_clear(&list->routes[i]);
  free(list->routes);
  free(list);
}

cp_status cp_route_list_push(cp_route_list *list, size_t *cap, const cp_route *r) {
  cp_route *grown = cp_grow(list->routes, cap, list->n + 1, sizeof *grown, 8);
  if (!grown)
    return CP_ENOMEM;
  list->routes = grown;
  list->routes[list->n++] = *r;
  return CP_OK;
}

cp_status cp_route_alloc(cp_route *r, size_t n_steps) {
  memset(r, 0, sizeof *r);
  r->roles = malloc((n_steps + 1) * sizeof *r->roles);
  r->transitions = malloc((n_steps ? n_steps : 1) * sizeof *r->transitions);
  if (!r->roles || !r->transitions) {
    cp_route_clear(r);
    return CP_ENOMEM;
  }
  r->n_steps = n_steps;
  return CP_OK;
}

void cp_route_finish(cp_route *r, const cp_graph *g, size_t start,
                     const double *const w[CP_CRITERION_COUNT]) {
  r->roles[0] = r->n_steps ? cp_tr(g, r->transitions[0])->from : start;
  r->months = r->cost = r->effort = 0;
  for (size_t i = 0; i < r->n_steps; i++) {
    size_t t = r->transitions[i];
    const cp_transition *x = cp_tr(g, t);
    r->roles[i + 1] = x->to;
    /* A missing weight is NaN and stays NaN through the sum, which is what the API says. */
    r->months += w ? w[CP_BY_MONTHS][t] : x->months;
    r->cost += w ? w[CP_BY_COST][t] : x->cost;
    r->effort += w ? w[CP_BY_EFFORT][t] : x->effort;
  }
}

/* ---- the tie rule ---- */

/* Totals built from the same decimal figures in another order can differ in the last bits;
 * such routes are equal for a person. */
int cp_objective_compare(double a, double b) { return cp_objective_order(a, b); }

double cp_route_objective(const cp_route *r, const double weights[CP_CRITERION_COUNT]) {
  double f = 0;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (weights[c] > 0) /* a total the graph lacks is NaN, and 0 x NaN is NaN */
      f += weights[c] * cp_route_total(r, (cp_criterion)c);
  return f;
}

int cp_route_compare_ties(const cp_route *a, const cp_route *b) {
  if (a->n_steps != b->n_steps)
    return a->n_steps < b->n_steps ? -1 : 1;
  for (size_t i = 0; i <= a->n_steps; i++)
    if (a->roles[i] != b->roles[i])
      return a->roles[i] < b->roles[i] ? -1 : 1;
  for (size_t i = 0; i < a->n_steps; i++)
    if (a->transitions[i] != b->transitions[i])
      return a->transitions[i] < b->transitions[i] ? -1 : 1;
  return 0;
}

int cp_route_compare(const cp_route *a, const cp_route *b,
                     const double weights[CP_CRITERION_COUNT]) {
  int c = cp_objective_compare(cp_route_objective(a, weights), cp_route_objective(b, weights));
  return c ? c : cp_route_compare_ties(a, b);
}

int cp_route_compare_vector(const cp_route *a, const cp_route *b, const cp_criterion *objectives,
                            size_t n_objectives) {
  for (size_t i = 0; i < n_objectives; i++) {
    int c =
        cp_objective_compare(cp_route_total(a, objectives[i]), cp_route_total(b, objectives[i]));
    if (c)
      return c;
  }
  return cp_route_compare_ties(a, b);
}

/* qsort has no context argument; the order in force is per thread. */
static _Thread_local const cp_route_order *sorting;

static int by_order(const void *pa, const void *pb) {
  const cp_route *a = pa, *b = pb;
  return sorting->n_objectives
             ? cp_route_compare_vector(a, b, sorting->objectives, sorting->n_objectives)
             : cp_route_compare(a, b, sorting->weights);
}

void cp_route_sort(cp_route *routes, size_t n, const cp_route_order *order) {
  if (n < 2) /* qsort on NULL is undefined even for 0 items */
    return;
  const cp_route_order *outer = sorting;
  sorting = order;
  qsort(routes, n, sizeof *routes, by_order);
  sorting = outer;
}

void cp_route_list_sort(cp_route_list *list, const double weights[CP_CRITERION_COUNT]) {
  cp_route_order order = {.n_objectives = 0};
  memcpy(order.weights, weights, sizeof order.weights);
  cp_route_sort(list->routes, list->n, &order);
}

/* ---- requirements along a route ---- */

cp_requirement cp_requirement_status(const cp_graph *g, const cp_route *r, size_t step,
                                     const char *name, const char *const *have, size_t n_have) {
  if (cp_requirement_held(name, have, n_have, NULL, 0) == CP_HOLD_ALL)
    return CP_REQ_HELD;
  for (size_t i = 0; i < step && i < r->n_steps; i++) {
    const cp_transition *t = cp_tr(g, r->transitions[i]);
    for (size_t j = 0; j < t->n_requires; j++)
      if (cp_strcasecmp_ascii(t->requires[j], name) == 0)
        return CP_REQ_HELD;
  }
  size_t c;
  return cp_graph_find_credential(g, name, &c, NULL) == CP_OK ? CP_REQ_TO_EARN : CP_REQ_OTHER;
}
