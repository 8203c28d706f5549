/* pending.h: rules the library is taking over (issue 11, branch i11-lib). Each is written
 * here once, in the CLI's copy of the library's logic, so that when the library's version
 * lands the swap is one line per rule and this file is deleted. Nothing else in src/cli
 * restates these rules. */
#ifndef CP_CLI_PENDING_H
#define CP_CLI_PENDING_H

#include "careerpath.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* How one requirement of step `s` of route `r` stands for a person holding `have`. */
typedef enum cp_cli_need {
  CP_NEED_HELD,  /* given, or earned on an earlier step of the route */
  CP_NEED_EARN,  /* a catalogued credential still to earn */
  CP_NEED_OTHER, /* a licence, experience, a skill the graph does not price */
} cp_cli_need;
/* Library: cp_requirement_status. */
cp_cli_need cp_cli_need_of(const cp_graph *g, const char *const *have, size_t n_have,
                           const cp_route *r, size_t s, const char *name);
/* Whether `name` is among `have` (credentials match in any case). */
bool cp_cli_held(const char *const *have, size_t n_have, const char *name);
/* Whether some move of `g` requires `name` (in any case). */
bool cp_cli_required_anywhere(const cp_graph *g, const char *name);

/* The weighted sum a question minimises, for one route. Library: cp_route_objective. */
double cp_cli_route_objective(const cp_query *q, const cp_route *r);

/* The k best routes between two roles by one criterion (render), through a router made for
 * the call. Library: cp_route_search on the run's router. */
cp_status cp_cli_k_best(const cp_graph *g, size_t from, size_t to, cp_criterion by, size_t k,
                        cp_route_list **out, cp_error *err);

/* Writes `s` as one CSV field, quoted when it must be. Library: CSV field quoting. */
void cp_cli_csv_text(FILE *f, const char *s);
/* Whether `s` ends with `suffix`. Library: the suffix test of file extensions. */
bool cp_cli_ends_with(const char *s, const char *suffix);

/* The files cp_read_graph reads besides `path` and `roles`: roles.csv (when `roles` is NULL)
 * and credentials.csv in the directory of a CSV graph; malloc'd, NULL when not a CSV graph
 * (or out of memory: then registering them is moot, the load fails the same way). */
void cp_cli_graph_companions(const char *path, const char *roles, char **roles_beside,
                             char **credentials);

#endif /* CP_CLI_PENDING_H */
