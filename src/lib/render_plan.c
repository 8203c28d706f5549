/* render_plan.c: what a drawing holds: its title, domains, route, alternatives and region. */
#include "render_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

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
    return d->route_pos[role] >= 0;
  return !d->region_role || d->region_role[role];
}

bool cp_render_move_drawn(const cp_drawing *d, size_t t) {
  const cp_transition *tr = &d->g->transitions[t];
  if (d->o->route_only && d->route_step[t] < 0)
    return false;
  return cp_render_drawn(d, tr->from) && cp_render_drawn(d, tr->to) &&
         (!d->region_tr || d->region_tr[t]);
}

/* A move on several routes takes the style of the first. */
static cp_status mark_alternatives(cp_drawing *d, cp_error *err) {
  const cp_render_options *o = d->o;
  if (o->n_alternatives && (!o->route || o->route_only))
    return cp_fail(err, CP_EINVAL, "alternatives are drawn beside a route, on the whole graph");
  for (size_t a = o->n_alternatives; a-- > 0;) {
    const cp_route *alt = &o->alternatives[a];
    for (size_t i = 0; i < alt->n_steps; i++) {
      if (alt->transitions[i] >= d->g->n_transitions)
        return cp_fail(err, CP_EINVAL, "an alternative names a transition outside the graph");
      d->alt_of[alt->transitions[i]] = (long)a + 1;
      d->alt_step[alt->transitions[i]] = (long)i;
    }
  }
  return CP_OK;
}

static cp_status mark_route(cp_drawing *d, cp_error *err) {
  const cp_route *r = d->o->route;
  if (!r)
    return CP_OK;
  for (size_t i = 0; i <= r->n_steps; i++) {
    if (r->roles[i] >= d->g->n_roles)
      return cp_fail(err, CP_EINVAL, "the route names a role outside the graph");
    d->route_pos[r->roles[i]] = (long)i;
  }
  for (size_t i = 0; i < r->n_steps; i++) {
    if (r->transitions[i] >= d->g->n_transitions)
      return cp_fail(err, CP_EINVAL, "the route names a transition outside the graph");
    d->route_step[r->transitions[i]] = (long)i;
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

typedef struct pair {
  size_t lo, hi, move; /* the move's roles, the lower index first */
} pair;

static int cmp_pair(const void *a, const void *b) {
  const pair *x = a, *y = b;
  if (x->lo != y->lo)
    return x->lo < y->lo ? -1 : 1;
  if (x->hi != y->hi)
    return x->hi < y->hi ? -1 : 1;
  return x->move < y->move ? -1 : x->move > y->move;
}

/* Which drawn edge carries each drawn move: the first move (in graph order) between the same
 * two roles, either way. O(m log m) for m transitions. */
static cp_status group_moves(cp_drawing *d) {
  size_t n = 0;
  pair *pairs = malloc((d->g->n_transitions ? d->g->n_transitions : 1) * sizeof *pairs);
  if (!pairs)
    return CP_ENOMEM;
  for (size_t i = 0; i < d->g->n_transitions; i++) {
    d->edge_of[i] = SIZE_MAX;
    if (!cp_render_move_drawn(d, i))
      continue;
    size_t from = d->g->transitions[i].from, to = d->g->transitions[i].to;
    pairs[n++] = (pair){from < to ? from : to, from < to ? to : from, i};
  }
  qsort(pairs, n, sizeof *pairs, cmp_pair);
  for (size_t i = 0, first = 0; i < n; i++) {
    if (pairs[i].lo != pairs[first].lo || pairs[i].hi != pairs[first].hi)
      first = i;
    d->edge_of[pairs[i].move] = pairs[first].move;
  }
  free(pairs);
  return CP_OK;
}

cp_status cp_render_plan(cp_drawing *d, cp_error *err) {
  const cp_graph *g = d->g;
  size_t roles = g->n_roles ? g->n_roles : 1, moves = g->n_transitions ? g->n_transitions : 1;
  d->title = d->o->title ? d->o->title : cp_graph_attr(g, "label");
  if (!d->title || !*d->title)
    d->title = g->name;
  d->nodes = calloc(roles, sizeof *d->nodes);
  d->route_pos = malloc(roles * sizeof *d->route_pos);
  d->route_step = malloc(moves * sizeof *d->route_step);
  d->alt_of = malloc(moves * sizeof *d->alt_of);
  d->alt_step = malloc(moves * sizeof *d->alt_step);
  d->edge_of = malloc(moves * sizeof *d->edge_of);
  d->edges = malloc(moves * sizeof *d->edges);
  if (!d->nodes || !d->route_pos || !d->route_step || !d->alt_of || !d->alt_step || !d->edge_of ||
      !d->edges)
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  for (size_t i = 0; i < g->n_roles; i++)
    d->route_pos[i] = -1;
  for (size_t i = 0; i < g->n_transitions; i++)
    d->route_step[i] = d->alt_of[i] = d->alt_step[i] = -1;
  cp_status st;
  if ((st = mark_alternatives(d, err)) || (st = mark_route(d, err)) || (st = mark_region(d, err)))
    return st;
  if (collect_domains(d) || group_moves(d))
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  return CP_OK;
}
