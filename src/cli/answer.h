/* answer.h: a question resolved against a graph and asked of the route engine. */
#ifndef CP_CLI_ANSWER_H
#define CP_CLI_ANSWER_H

#include "careerpath.h"
#include "report.h"
#include "request.h"

/* A question resolved against a graph, and its routes once asked. */
typedef struct cp_cli_answer {
  size_t from, to;          /* SIZE_MAX when not asked; with several --to, the first */
  size_t targets[MAX_LIST]; /* every --to, resolved (route: the best route to any) */
  size_t n_targets;
  size_t *avoid; /* the roles named with --avoid, then those of each --avoid-domain */
  size_t n_avoid;
  size_t via[MAX_LIST];
  cp_held *held; /* what --have names, as the graph names it (q.have points into it) */
  cp_query q;
  cp_route_list *routes;
} cp_cli_answer;

/* Resolves names (from and to are optional) and builds a->q; prints any error prefixed by
 * `where` ("FILE:LINE: " for a batch row, else "") and returns its exit code, and a note on
 * stderr for each name taken as another (a close spelling, part of a requirement). A name
 * several roles go by lists them all, one a line (on one line in a batch). Free with
 * cp_cli_answer_free either way. */
int cp_cli_prepare(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq, cp_cli_answer *a,
                   const char *where);
/* Prepares and asks (the k best routes, or the Pareto set). */
int cp_cli_ask(const cp_cli *c, const cp_router *router, const cp_cli_request *rq, cp_cli_answer *a,
               const char *where);
void cp_cli_answer_free(cp_cli_answer *a);

#endif /* CP_CLI_ANSWER_H */
