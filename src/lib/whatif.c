/* whatif.c: which credential to earn next, by what holding it saves less what earning it
 * costs, and, without a target, which roles it brings within the limits. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cp_whatif_free(cp_whatif *w) {
  if (!w)
    return;
  for (size_t i = 0; i < w->n; i++) {
    free(w->options[i].route.roles);
    free(w->options[i].route.transitions);
    free(w->options[i].new_roles);
  }
  free(w->options);
  cp_route_list_free(w->now);
  free(w);
}

/* What earning a credential weighs on the query's objective: its months and cost. */
static double earning(const cp_query *q, const cp_credential *cred) {
  return (q->weights[CP_BY_MONTHS] > 0 ? q->weights[CP_BY_MONTHS] * cred->months : 0) +
         (q->weights[CP_BY_COST] > 0 ? q->weights[CP_BY_COST] * cred->cost : 0);
}

/* The question with `extra` held too (NULL: as asked), answered: the best route, or with no
 * target every role within the limits. */
static cp_status ask(const cp_router *r, const cp_query *q, const char *extra, cp_route_list **out,
                     cp_error *err) {
  const char **have = malloc((q->n_have + 1) * sizeof *have);
  if (!have)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  cp_query h = *q;
  if (q->n_have)
    memcpy(have, q->have, q->n_have * sizeof *have);
  if (extra)
    have[h.n_have++] = extra;
  h.have = have;
  h.k = 1;
  h.reuse_source = 0;
  cp_status st =
      q->to == (size_t)-1 ? cp_route_reach(r, &h, out, err) : cp_route_search(r, &h, out, err);
  free(have);
  return st;
}

/* Figures for an option with a target: what the best route holding it saves over now, and
 * that less what earning it takes. */
static void net_figures(const cp_query *q, const cp_route_list *now, const cp_credential *cred,
                        cp_whatif_option *o) {
  o->earn_months = cred->months;
  o->earn_cost = cred->cost;
  o->net_months = o->net_cost = o->net = NAN;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    o->saved[c] = NAN;
  if (!o->route.roles)
    return;
  double with = cp_route_objective(&o->route, q->weights);
  if (!now->n) {
    o->opens = o->changes = true;
    o->net = -(with + earning(q, cred)); /* the less it all takes, the better */
    return;
  }
  const cp_route *base = &now->routes[0];
  for (int c = 0; c < CP_CRITERION_COUNT; c++) {
    double b = cp_route_total(base, (cp_criterion)c);
    o->saved[c] = b - cp_route_total(&o->route, (cp_criterion)c);
    o->changes |= cp_objective_compare(b, b - o->saved[c]) != 0;
  }
  o->net_months = o->saved[CP_BY_MONTHS] - cred->months;
  o->net_cost = o->saved[CP_BY_COST] - cred->cost;
  o->net = cp_route_objective(base, q->weights) - with - earning(q, cred);
}

/* Without a target: the roles within the limits holding it that are not within them now. */
static cp_status new_roles(const cp_router *r, const cp_route_list *now, const cp_route_list *with,
                           cp_whatif_option *o) {
  unsigned char *had = calloc(r->n ? r->n : 1, 1);
  if (!had || (with->n && !(o->new_roles = malloc(with->n * sizeof *o->new_roles)))) {
    free(had);
    return CP_ENOMEM;
  }
  for (size_t i = 0; i < now->n; i++)
    had[now->routes[i].roles[now->routes[i].n_steps]] = 1;
  for (size_t i = 0; i < with->n; i++) {
    size_t end = with->routes[i].roles[with->routes[i].n_steps];
    if (!had[end])
      o->new_roles[o->n_new_roles++] = end;
  }
  o->reachable = with->n;
  o->changes = o->n_new_roles > 0;
  free(had);
  return CP_OK;
}

/* Earlier in the ranking: one that changes something; then one that opens a route; then the
 * larger net gain (or, without a target, more roles brought in); then catalogue order. */
static bool before(const cp_whatif_option *a, const cp_whatif_option *b, bool target) {
  if (a->changes != b->changes)
    return a->changes;
  if (target && a->opens != b->opens)
    return a->opens;
  if (target && a->changes && cp_objective_compare(a->net, b->net))
    return a->net > b->net;
  if (!target && a->n_new_roles != b->n_new_roles)
    return a->n_new_roles > b->n_new_roles;
  return a->credential < b->credential;
}

static void rank(cp_whatif *w, bool target) {
  for (size_t i = 1; i < w->n; i++) /* a catalogue has tens of entries */
    for (size_t j = i; j > 0 && before(&w->options[j], &w->options[j - 1], target); j--) {
      cp_whatif_option t = w->options[j];
      w->options[j] = w->options[j - 1];
      w->options[j - 1] = t;
    }
  while (w->n_changing < w->n && w->options[w->n_changing].changes)
    w->n_changing++;
}

static cp_status evaluate(const cp_router *r, const cp_query *q, cp_whatif *w, size_t c,
                          cp_error *err) {
  const cp_credential *cred = &r->g->credentials[c];
  cp_whatif_option *o = &w->options[w->n++];
  memset(o, 0, sizeof *o);
  o->credential = c;
  cp_route_list *with = NULL;
  cp_status st = ask(r, q, cred->name, &with, err);
  if (!st && q->to != (size_t)-1 && with->n) {
    o->route = with->routes[0];
    memset(&with->routes[0], 0, sizeof with->routes[0]); /* the option owns it now */
  }
  if (!st && q->to != (size_t)-1)
    net_figures(q, w->now, cred, o);
  else if (!st && (st = new_roles(r, w->now, with, o)))
    cp_fail(err, st, "out of memory");
  cp_route_list_free(with);
  return st;
}

cp_status cp_whatif_rank(const cp_router *r, const cp_query *q, cp_whatif **out, cp_error *err) {
  cp_whatif *w = calloc(1, sizeof *w);
  cp_status st = w && (w->options = calloc(r->g->n_credentials + 1, sizeof *w->options))
                     ? CP_OK
                     : cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st)
    st = ask(r, q, NULL, &w->now, err);
  for (size_t c = 0; c < r->g->n_credentials && !st; c++)
    if (!cp_credential_held(r->g, c, q->have, q->n_have))
      st = evaluate(r, q, w, c, err);
  if (st) {
    cp_whatif_free(w);
    return st;
  }
  rank(w, q->to != (size_t)-1);
  *out = w;
  return CP_OK;
}
