/* request.h: one question to the route engine as a person asks it (names, not indices):
 * what the question options and batch columns mean. */
#ifndef CP_CLI_REQUEST_H
#define CP_CLI_REQUEST_H

#include "careerpath.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>

enum { NC = CP_CRITERION_COUNT, MAX_LIST = 64 };

/* A list of names as typed (roles to avoid, waypoints, credentials held); borrowed. */
/* The most routes asked at once (--k, and a --batch file's k column). Yen's algorithm runs a
 * search per route found, so k is bounded: --k 100000 on a dense 300-role graph ran for
 * minutes. */
enum { CP_CLI_MAX_K = 1000 };

typedef struct cp_cli_names {
  const char *name[MAX_LIST];
  size_t n;
} cp_cli_names;

/* One question, as given on the command line or in a batch row. Names stay names until
 * they are resolved against the graph (answer.h). Strings are borrowed. */
typedef struct cp_cli_request {
  const char *from, *to; /* to: the first --to */
  cp_cli_names targets;  /* every --to given (route: the best route to any of them) */
  bool any_target;       /* the command takes several --to */
  double weights[NC];
  bool weighted; /* more than one weight, or a weight other than 1 */
  cp_criterion by;
  double limits[NC];
  cp_criterion pareto[NC];
  size_t n_pareto;
  cp_cli_names avoid, via, have, avoid_domain;
  size_t k;
  bool payback; /* --by payback: cheapest, then listed by months until the wage gain repays it */
  int sources;  /* --sources: where each figure comes from, in text too */
  size_t reuse_source; /* batches: questions from this role still to come, this one included
                          (cp_query.reuse_source) */
} cp_cli_request;

/* Defaults: by months, k = 1, no limits. */
void cp_cli_request_init(cp_cli_request *rq);
/* Option and column values; false with a reason in `why` (n bytes) when malformed. */
/* "months" or "months=1,cost=0.0005". */
bool cp_cli_parse_by(const char *text, cp_cli_request *rq, char *why, size_t n);
bool cp_cli_parse_pareto(const char *text, cp_cli_request *rq, char *why, size_t n);
bool cp_cli_parse_limit(const char *name, const char *text, double *out, char *why, size_t n);
/* "months=36,cost=20000": limits on several criteria at once. */
bool cp_cli_parse_within(const char *text, cp_cli_request *rq, char *why, size_t n);
/* Adds `name` to `list`; more than MAX_LIST is an error naming `what` ("--avoid"). */
bool cp_cli_add_name(cp_cli_names *list, const char *name, const char *what, char *why, size_t wn);
/* Copies an option's value for splitting in place; false (with a reason) when it does not
 * fit, rather than parsing a cut-off value. */
bool cp_cli_copy_value(char *buf, size_t cap, const char *text, const char *what, char *why,
                       size_t n);
/* Reads credentials held, one per line ('#' comments), into rq->have.name; *keep holds the text
 * they point into (the caller frees it). Prints any error; returns the exit code. */
int cp_cli_read_have_file(const cp_cli *c, const char *path, cp_cli_request *rq, char **keep);
/* Whether any limit is set. */
bool cp_cli_limited(const cp_cli_request *rq);
/* "months", "months=1, cost=0.0005" or "Pareto on months, cost" (JSON's "by"). */
void cp_cli_describe(const cp_cli_request *rq, char *buf, size_t n);
/* What the question asks for, as a person says it: "fastest", "cheapest", "least effort",
 * "fewest steps", "soonest repaid", "trade-off months=1, cost=0.0005", "Pareto on months,
 * cost". */
void cp_cli_plain_by(const cp_cli_request *rq, char *buf, size_t n);

#endif /* CP_CLI_REQUEST_H */
