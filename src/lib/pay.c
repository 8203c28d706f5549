/* pay.c: wages on roles, and how long a route's wage gain takes to repay what it costs. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>

bool cp_role_wage(const cp_role *r, double *wage) {
  const char *v = cp_role_attr(r, "wage");
  double w;
  if (!v || !cp_parse_weight(v, &w) || !(w > 0))
    return false;
  *wage = w;
  return true;
}

double cp_route_payback(const cp_graph *g, const cp_route *r) {
  double from, to;
  if (!cp_role_wage(&g->roles[r->roles[0]], &from) ||
      !cp_role_wage(&g->roles[r->roles[r->n_steps]], &to) || isnan(r->cost))
    return NAN;
  if (r->cost <= 0)
    return 0;
  if (to <= from)
    return INFINITY;
  return r->cost / ((to - from) / 12);
}

/* Stable: the list's own order among routes that pay back in the same time. */
void cp_route_list_sort_by_payback(const cp_graph *g, cp_route_list *l) {
  for (size_t i = 1; i < l->n; i++) { /* insertion sort: stable, and lists are short */
    cp_route x = l->routes[i];
    double px = cp_route_payback(g, &x);
    size_t j = i;
    for (; j > 0; j--) {
      double pj = cp_route_payback(g, &l->routes[j - 1]);
      /* Unknown (NaN) last; otherwise smaller first. */
      bool later = isnan(pj) ? !isnan(px) : !isnan(px) && px < pj;
      if (!later)
        break;
      l->routes[j] = l->routes[j - 1];
    }
    l->routes[j] = x;
  }
}
