/* answer.c: resolving a question's names against a graph and asking the route engine. */
#include "answer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Whether some move of `g` requires `name` (in any case). */
static bool required_anywhere(const cp_graph *g, const char *name) {
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    for (size_t j = 0; j < tr->n_requires; j++)
      if (cp_strcasecmp_ascii(tr->requires[j], name) == 0)
        return true;
  }
  return false;
}

/* A --have name must mean something in this graph: a catalogue credential or something a
 * move requires. */
static int check_have(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq,
                      const char *where) {
  for (size_t i = 0; i < rq->have.n; i++) {
    size_t idx;
    if (cp_graph_find_credential(g, rq->have.name[i], &idx, NULL) == CP_OK)
      continue;
    if (!required_anywhere(g, rq->have.name[i])) {
      cp_error e = {0};
      if (cp_graph_find_credential(g, rq->have.name[i], &idx, &e) == CP_ENOMEM)
        return cp_cli_fail(c, CP_EXIT_INTERNAL, "%s%s", where, e.message);
      return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s, and no move requires it", where, e.message);
    }
  }
  return CP_EXIT_OK;
}

static int resolve(const cp_cli *c, const cp_graph *g, const char *name, size_t *out,
                   const char *where) {
  cp_error e = {0};
  cp_status st = cp_graph_find_role(g, name, out, &e);
  if (st)
    return cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e.message);
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
      (rq->to && (code = resolve(c, g, rq->to, &a->to, where))))
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
  if ((code = resolve_all(c, g, rq, a, where)) || (code = check_have(c, g, rq, where)))
    return code;
  cp_query_init(&a->q, a->from, a->to, rq->by);
  memcpy(a->q.weights, rq->weights, sizeof a->q.weights);
  memcpy(a->q.limits, rq->limits, sizeof a->q.limits);
  a->q.avoid = a->avoid;
  a->q.n_avoid = a->n_avoid;
  a->q.via = a->via;
  a->q.n_via = rq->via.n;
  a->q.have = rq->have.name;
  a->q.n_have = rq->have.n;
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
                     : cp_route_search(router, &a->q, &a->routes, &e);
  return cp_cli_search_status(c, st, &e, where);
}

void cp_cli_answer_free(cp_cli_answer *a) {
  cp_route_list_free(a->routes);
  free(a->avoid);
  memset(a, 0, sizeof *a);
}
