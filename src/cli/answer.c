/* answer.c: resolving a question's names against a graph and asking the route engine. */
#include "answer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What --have names, as the graph names it (a note for each name taken as another). */
static int resolve_have(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq,
                        cp_cli_answer *a, const char *where) {
  if (!rq->have.n)
    return CP_EXIT_OK;
  cp_error e = {0};
  cp_status st = cp_held_resolve(g, rq->have.name, rq->have.n, &a->held, &e);
  if (st)
    return cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e.message);
  for (size_t i = 0; i < cp_held_note_count(a->held); i++)
    cp_cli_note(c, where, cp_held_note(a->held, i));
  return CP_EXIT_OK;
}

/* Every role a name matches, one a line, so that the person can pick; in a batch, the one-line
 * message that lists what fits. */
static int several(const cp_cli *c, const cp_graph *g, const char *name, const cp_role_match *m,
                   const cp_error *e, const char *where) {
  if (*where)
    return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s", where, e->message);
  cp_cli_fail(c, CP_EXIT_INPUT,
              "'%s' is %zu roles in %s; give one of these (its id or more of "
              "its name):",
              name, m->n_candidates, cp_graph_name(g));
  for (size_t i = 0; i < m->n_candidates; i++) {
    const cp_role *r = cp_graph_role(g, m->candidates[i]);
    fprintf(c->err, "  %s (%s%s%s)\n", r->label, r->id, *r->domain ? ", " : "", r->domain);
  }
  return CP_EXIT_INPUT;
}

static int resolve(const cp_cli *c, const cp_graph *g, const char *name, size_t *out,
                   const char *where) {
  cp_error e = {0};
  cp_role_match m;
  cp_status st = cp_graph_match_role(g, name, &m, &e);
  int code = CP_EXIT_OK;
  if (st == CP_EAMBIGUOUS)
    code = several(c, g, name, &m, &e, where);
  else if (st)
    code = cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e.message);
  else
    *out = m.role;
  if (!st && m.note[0])
    cp_cli_note(c, where, m.note);
  cp_role_match_clear(&m);
  return code;
}

/* Every --to: one unless the command takes several. */
static int resolve_targets(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq,
                           cp_cli_answer *a, const char *where) {
  int code;
  if (rq->targets.n > 1 && !rq->any_target)
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--to names one role here; only route takes several "
                       "(the best route to any of them)");
  if (!rq->targets.n) { /* a batch row's "to", or none */
    if (rq->to && (code = resolve(c, g, rq->to, &a->to, where)))
      return code;
    a->targets[0] = a->to;
    a->n_targets = rq->to != NULL;
    return CP_EXIT_OK;
  }
  for (size_t i = 0; i < rq->targets.n; i++)
    if ((code = resolve(c, g, rq->targets.name[i], &a->targets[i], where)))
      return code;
  a->n_targets = rq->targets.n;
  a->to = a->targets[0];
  return CP_EXIT_OK;
}

/* Adds the roles of every --avoid-domain to a->avoid, except the start and the goal: "not
 * back into a clinical role" still lets a clinician start from one. */
static int avoid_domains(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq,
                         cp_cli_answer *a, const char *where) {
  for (size_t d = 0; d < rq->avoid_domain.n; d++) {
    size_t found = 0;
    for (size_t i = 0; i < cp_graph_role_count(g); i++) {
      if (cp_strcasecmp_ascii(cp_graph_role(g, i)->domain, rq->avoid_domain.name[d]))
        continue;
      found++;
      if (i != a->from && i != a->to)
        a->avoid[a->n_avoid++] = i;
    }
    if (!found)
      return cp_cli_fail(c, CP_EXIT_INPUT, "%sno role has domain '%s'; see 'careerpath roles'",
                         where, rq->avoid_domain.name[d]);
  }
  return CP_EXIT_OK;
}

/* Resolves every role the question names: from, to, avoided roles and domains, waypoints. */
static int resolve_all(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq,
                       cp_cli_answer *a, const char *where) {
  int code;
  a->from = a->to = SIZE_MAX;
  if ((rq->from && (code = resolve(c, g, rq->from, &a->from, where))) ||
      (code = resolve_targets(c, g, rq, a, where)))
    return code;
  /* Sized for the roles named, plus every role only when whole domains are avoided: a
   * batch on a large graph must not pay for a role-sized array per question. */
  size_t cap = rq->avoid.n + (rq->avoid_domain.n ? cp_graph_role_count(g) : 0) + 1;
  if (!(a->avoid = malloc(cap * sizeof *a->avoid)))
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t i = 0; i < rq->avoid.n; i++)
    if ((code = resolve(c, g, rq->avoid.name[i], &a->avoid[a->n_avoid++], where)))
      return code;
  if ((code = avoid_domains(c, g, rq, a, where)))
    return code;
  for (size_t i = 0; i < rq->via.n; i++)
    if ((code = resolve(c, g, rq->via.name[i], &a->via[i], where)))
      return code;
  return CP_EXIT_OK;
}

int cp_cli_prepare(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq, cp_cli_answer *a,
                   const char *where) {
  int code;
  if ((code = resolve_all(c, g, rq, a, where)) || (code = resolve_have(c, g, rq, a, where)))
    return code;
  cp_query_init(&a->q, a->from, a->to, rq->by);
  memcpy(a->q.weights, rq->weights, sizeof a->q.weights);
  memcpy(a->q.limits, rq->limits, sizeof a->q.limits);
  a->q.avoid = a->avoid;
  a->q.n_avoid = a->n_avoid;
  a->q.via = a->via;
  a->q.n_via = rq->via.n;
  if (a->held)
    a->q.have = cp_held_names(a->held, &a->q.n_have);
  a->q.k = rq->k;
  a->q.reuse_source = rq->reuse_source;
  return CP_EXIT_OK;
}

int cp_cli_ask(const cp_cli *c, const cp_router *router, const cp_cli_request *rq, cp_cli_answer *a,
               const char *where) {
  int code = cp_cli_prepare(c, cp_router_graph(router), rq, a, where);
  if (code)
    return code;
  cp_error e = {0};
  cp_status st = rq->n_pareto
                     ? cp_route_pareto(router, &a->q, rq->pareto, rq->n_pareto, &a->routes, &e)
                 : a->n_targets > 1
                     ? cp_route_search_any(router, &a->q, a->targets, a->n_targets, &a->routes, &e)
                     : cp_route_search(router, &a->q, &a->routes, &e);
  return cp_cli_search_status(c, st, &e, where);
}

void cp_cli_answer_free(cp_cli_answer *a) {
  cp_route_list_free(a->routes);
  cp_held_free(a->held);
  free(a->avoid);
  memset(a, 0, sizeof *a);
}
