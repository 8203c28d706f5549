/* explain.c: why there is no route: limits, avoided roles, waypoints, or a target whose
 * every way in starts where the person cannot get (and the requirement that bars it). */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cp_no_route_free(cp_no_route *x) {
  if (!x)
    return;
  free(x->into);
  free(x->starts);
  free(x->start_requires);
  free(x->gates);
  free(x->avoided);
  free(x);
}

/* Marks in `seen` every role reached from the roles already marked, forwards (or, with
 * `backwards`, against the moves), never entering a role marked in `blocked` and never
 * using a move that lists requirement `skip` (NULL: none). O(roles + moves). */
static cp_status flood(const cp_router *r, unsigned char *seen, const unsigned char *blocked,
                       bool backwards, const char *skip) {
  size_t *stack = malloc((r->n ? r->n : 1) * sizeof *stack), top = 0;
  if (!stack)
    return CP_ENOMEM;
  for (size_t i = 0; i < r->n; i++)
    if (seen[i])
      stack[top++] = i;
  const size_t *start = backwards ? r->in_start : r->out_start;
  const size_t *tr = backwards ? r->in_tr : r->out_tr;
  const uint32_t *other = backwards ? r->in_tail : r->out_head;
  while (top) {
    size_t v = stack[--top];
    for (size_t e = start[v]; e < start[v + 1]; e++) {
      size_t w = other[e];
      if (seen[w] || (blocked && blocked[w]))
        continue;
      if (skip) {
        const cp_transition *t = cp_tr(r->g, tr[e]);
        bool lists = false;
        for (size_t j = 0; j < t->n_requires && !lists; j++)
          lists = !cp_strcasecmp_ascii(t->requires[j], skip);
        if (lists)
          continue;
      }
      seen[w] = 1;
      stack[top++] = w;
    }
  }
  free(stack);
  return CP_OK;
}

/* The roles reached from `from` (avoiding q->avoid when `avoid`), or those reaching `to`. */
static cp_status reached(const cp_router *r, const cp_query *q, size_t role, bool backwards,
                         bool avoid, unsigned char *seen) {
  unsigned char *blocked = NULL;
  memset(seen, 0, r->n);
  if (avoid && q->n_avoid) {
    if (!(blocked = calloc(r->n, 1)))
      return CP_ENOMEM;
    for (size_t i = 0; i < q->n_avoid; i++)
      if (q->avoid[i] < r->n)
        blocked[q->avoid[i]] = 1;
  }
  seen[role] = 1;
  cp_status st = flood(r, seen, blocked, backwards, NULL);
  free(blocked);
  return st;
}

static cp_status push(size_t **items, size_t *n, size_t *cap, size_t v) {
  size_t *grown = cp_grow(*items, cap, *n + 1, sizeof *grown, 8);
  if (!grown)
    return CP_ENOMEM;
  *items = grown;
  (*items)[(*n)++] = v;
  return CP_OK;
}

/* Whether the question has a route once its limits are lifted (waypoints kept). */
static cp_status route_without_limits(const cp_router *r, const cp_query *q, bool *found,
                                      cp_error *err) {
  cp_query free_q = *q;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    free_q.limits[c] = INFINITY;
  free_q.k = 1;
  free_q.reuse_source = 0;
  cp_route_list *l = NULL;
  cp_status st = cp_route_search(r, &free_q, &l, err);
  if (!st)
    *found = l->n > 0;
  cp_route_list_free(l);
  return st;
}

/* Avoided roles that routes would pass through: reached from the start and reaching the
 * target, once nothing is avoided. */
static cp_status explain_avoided(const cp_router *r, const cp_query *q, const unsigned char *fwd,
                                 unsigned char *back, cp_no_route *x) {
  cp_status st = reached(r, q, q->to, true, false, back);
  size_t cap = 0;
  for (size_t i = 0; i < q->n_avoid && !st; i++)
    if (fwd[q->avoid[i]] && back[q->avoid[i]])
      st = push(&x->avoided, &x->n_avoided, &cap, q->avoid[i]);
  return st;
}

/* Requirements listed on moves out of the roles in `in` (every move when `inside` is NULL
 * too, only moves into roles of `inside` otherwise). */
static cp_status requirements_of(const cp_router *r, const unsigned char *in,
                                 const unsigned char *inside, cp_name_set *out) {
  cp_status st = CP_OK;
  for (size_t t = 0; t < r->m && !st; t++) {
    const cp_transition *tr = cp_tr(r->g, t);
    if (!in[tr->from] || (inside && !inside[tr->to]))
      continue;
    for (size_t j = 0; j < tr->n_requires && !st; j++)
      st = cp_name_set_add(out, tr->requires[j]);
  }
  return st;
}

/* Whether every route from the marked starts into q->to through `ways` needs a move listing
 * `req`: with such moves left out, the target is out of reach. */
static cp_status on_every_route(const cp_router *r, const cp_no_route *x, const unsigned char *ways,
                                size_t to, const char *req, unsigned char *seen, bool *every) {
  unsigned char *blocked = malloc(r->n ? r->n : 1);
  if (!blocked)
    return CP_ENOMEM;
  for (size_t i = 0; i < r->n; i++)
    blocked[i] = !ways[i];
  memset(seen, 0, r->n);
  for (size_t i = 0; i < x->n_starts; i++)
    seen[x->starts[i]] = 1;
  cp_status st = flood(r, seen, blocked, false, req);
  *every = !seen[to];
  free(blocked);
  return st;
}

/* The gatekeeping: the roles leading into the target, where every way in starts (roles no
 * move leads into), and the requirements every route from there needs that no move the person
 * can reach lists and that they do not hold. */
static cp_status explain_closed(const cp_router *r, const cp_query *q, const unsigned char *fwd,
                                unsigned char *ways, cp_no_route *x) {
  size_t cap_into = 0, cap_starts = 0;
  cp_status st = reached(r, q, q->to, true, false, ways);
  for (size_t e = r->in_start[q->to]; e < r->in_start[q->to + 1] && !st; e++) {
    size_t v = r->in_tail[e];
    bool dup = false;
    for (size_t i = 0; i < x->n_into && !dup; i++)
      dup = x->into[i] == v;
    if (!dup && v != q->to)
      st = push(&x->into, &x->n_into, &cap_into, v);
  }
  for (size_t v = 0; v < r->n && !st; v++)
    if (ways[v] && v != q->to && r->in_start[v] == r->in_start[v + 1])
      st = push(&x->starts, &x->n_starts, &cap_starts, v);
  if (!st && x->n_starts && !(x->start_requires = calloc(x->n_starts, sizeof *x->start_requires)))
    st = CP_ENOMEM;
  for (size_t i = 0; i < x->n_starts && !st; i++)
    x->start_requires[i] = cp_role_attr(&r->g->roles[x->starts[i]], "requires");
  cp_name_set inside = {0}, near = {0}, gates = {0};
  unsigned char *seen = st ? NULL : malloc(r->n ? r->n : 1);
  if (!st && !seen)
    st = CP_ENOMEM;
  if (!st)
    st = requirements_of(r, ways, ways, &inside);
  if (!st)
    st = requirements_of(r, fwd, NULL, &near);
  for (size_t i = 0; i < inside.n && !st && x->n_starts; i++) {
    const char *req = inside.items[i];
    bool every = false, reachable = false;
    for (size_t j = 0; j < near.n && !reachable; j++)
      reachable = !cp_strcasecmp_ascii(near.items[j], req);
    if (reachable || cp_requirement_held(req, q->have, q->n_have, NULL, 0) == CP_HOLD_ALL)
      continue;
    st = on_every_route(r, x, ways, q->to, req, seen, &every);
    if (!st && every)
      st = cp_name_set_add(&gates, req);
  }
  x->gates = gates.items;
  x->n_gates = gates.n;
  free(inside.items);
  free(near.items);
  free(seen);
  return st;
}

cp_status cp_explain_no_route(const cp_router *r, const cp_query *q, cp_no_route **out,
                              cp_error *err) {
  if (q->from >= r->n || q->to >= r->n)
    return cp_fail(err, CP_EINVAL, "role index out of range");
  cp_no_route *x = calloc(1, sizeof *x);
  unsigned char *fwd = malloc(r->n), *other = malloc(r->n);
  cp_status st = x && fwd && other ? CP_OK : CP_ENOMEM;
  if (!st)
    st = reached(r, q, q->from, false, true, fwd);
  bool found = false;
  if (!st && fwd[q->to]) {
    st = route_without_limits(r, q, &found, err);
    bool limited = false;
    for (int c = 0; c < CP_CRITERION_COUNT; c++)
      limited |= isfinite(q->limits[c]);
    /* Found without limits: the limits are why, or, with none, there is a route. */
    x->reason = found ? (limited ? CP_NO_ROUTE_LIMITS : CP_NO_ROUTE_NONE)
                      : (q->n_via ? CP_NO_ROUTE_WAYPOINTS : CP_NO_ROUTE_NONE);
  } else if (!st && q->n_avoid && !(st = reached(r, q, q->from, false, false, other)) &&
             other[q->to]) {
    x->reason = CP_NO_ROUTE_AVOIDED;
    st = explain_avoided(r, q, other, fwd, x);
  } else if (!st) {
    x->reason = CP_NO_ROUTE_CLOSED;
    st = explain_closed(r, q, fwd, other, x);
  }
  free(fwd);
  free(other);
  if (st) {
    cp_no_route_free(x);
    return st == CP_ENOMEM ? cp_fail(err, st, "out of memory explaining the missing route") : st;
  }
  *out = x;
  return CP_OK;
}
