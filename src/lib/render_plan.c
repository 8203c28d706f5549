/* render_plan.c: what a drawing holds: its title, domains, routes and region. */
#include "render_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every domain of the graph, not only those drawn: a domain keeps its colour in every
 * drawing of the graph. */
static cp_status collect_domains(cp_drawing *d) {
  d->domains = malloc((d->g->n_roles ? d->g->n_roles : 1) * sizeof *d->domains);
  if (!d->domains)
    return CP_ENOMEM;
  for (size_t i = 0; i < d->g->n_roles; i++)
    d->domains[i] = d->g->roles[i].domain;
  qsort(d->domains, d->g->n_roles, sizeof *d->domains, cmp_str);
  size_t n = 0;
  for (size_t i = 0; i < d->g->n_roles; i++)
    if (n == 0 || strcmp(d->domains[n - 1], d->domains[i]))
      d->domains[n++] = d->domains[i];
  d->n_domains = n;
  return CP_OK;
}

size_t cp_render_domain_index(const cp_drawing *d, const char *domain) {
  char *const *hit = bsearch(&domain, d->domains, d->n_domains, sizeof *d->domains, cmp_str);
  return hit ? (size_t)(hit - d->domains) : 0;
}

bool cp_render_drawn(const cp_drawing *d, size_t role) {
  if (d->o->route_only || (d->o->shown && !d->o->shown[role]))
    return d->role_route[role] >= 0;
  return !d->region_role || d->region_role[role] || d->role_route[role] >= 0;
}

bool cp_render_move_drawn(const cp_drawing *d, size_t t) {
  const cp_transition *tr = cp_tr(d->g, t);
  if (d->edges[t].route >= 0)
    return true;
  if (d->o->route_only)
    return false;
  return cp_render_drawn(d, tr->from) && cp_render_drawn(d, tr->to) &&
         (!d->region_tr || d->region_tr[t]);
}

bool cp_render_on_route(const cp_drawing *d, size_t t, size_t r) {
  const cp_route *route = d->routes[r];
  for (size_t i = 0; i < route->n_steps; i++)
    if (route->transitions[i] == t)
      return true;
  return false;
}

/* The routes, best first; each role and move marked with the best route it is on. */
static cp_status mark_routes(cp_drawing *d, cp_error *err) {
  const cp_render_options *o = d->o;
  if (o->n_alternatives && !o->route)
    return cp_fail(err, CP_EINVAL, "alternatives are drawn beside a route");
  d->n_routes = o->route ? 1 + o->n_alternatives : 0;
  d->routes = malloc((d->n_routes ? d->n_routes : 1) * sizeof *d->routes);
  if (!d->routes)
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  for (size_t r = 0; r < d->n_routes; r++)
    d->routes[r] = r ? &o->alternatives[r - 1] : o->route;
  for (size_t r = d->n_routes; r-- > 0;) {
    const cp_route *route = d->routes[r];
    for (size_t i = 0; i <= route->n_steps; i++) {
      if (route->roles[i] >= d->g->n_roles ||
          (i < route->n_steps && route->transitions[i] >= d->g->n_transitions))
        return cp_fail(err, CP_EINVAL, "a route names something outside the graph");
      d->role_route[route->roles[i]] = (long)r;
      d->role_pos[route->roles[i]] = (long)i;
      if (i < route->n_steps)
        d->edges[route->transitions[i]] = (cp_drawn_edge){.route = (long)r, .step = (long)i};
    }
  }
  return CP_OK;
}

static cp_status mark_region(cp_drawing *d, cp_error *err) {
  const cp_graph *g = d->g;
  if (!d->o->region)
    return CP_OK;
  d->region_role = calloc(g->n_roles ? g->n_roles : 1, 1);
  d->region_tr = calloc(g->n_transitions ? g->n_transitions : 1, 1);
  if (!d->region_role || !d->region_tr)
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  for (size_t i = 0; i < d->o->region->n; i++) {
    const cp_route *r = &d->o->region->routes[i];
    for (size_t j = 0; j <= r->n_steps; j++) {
      if (r->roles[j] >= g->n_roles || (j < r->n_steps && r->transitions[j] >= g->n_transitions))
        return cp_fail(err, CP_EINVAL, "a region route names something outside the graph");
      d->region_role[r->roles[j]] = 1;
      if (j < r->n_steps)
        d->region_tr[r->transitions[j]] = 1;
    }
  }
  return CP_OK;
}

static const char *choose_title(const cp_drawing *d) {
  if (d->o->untitled)
    return NULL;
  const char *title = d->o->title ? d->o->title : cp_graph_attr(d->g, "label");
  return title && *title ? title : d->g->name;
}

cp_status cp_render_plan(cp_drawing *d, cp_error *err) {
  const cp_graph *g = d->g;
  size_t roles = g->n_roles ? g->n_roles : 1, moves = g->n_transitions ? g->n_transitions : 1;
  d->title = choose_title(d);
  d->nodes = calloc(roles, sizeof *d->nodes);
  d->role_route = malloc(roles * sizeof *d->role_route);
  d->role_pos = malloc(roles * sizeof *d->role_pos);
  d->edges = malloc(moves * sizeof *d->edges);
  if (!d->nodes || !d->role_route || !d->role_pos || !d->edges)
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  for (size_t i = 0; i < g->n_roles; i++)
    d->role_route[i] = d->role_pos[i] = -1;
  for (size_t i = 0; i < g->n_transitions; i++)
    d->edges[i] = (cp_drawn_edge){.route = -1, .step = -1};
  cp_status st;
  if ((st = mark_routes(d, err)) || (st = mark_region(d, err)))
    return st;
  if (collect_domains(d))
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  return CP_OK;
}
