/* serve_api.h: careerpath serve's API: /api/NAME?... is command NAME with the query as its
 * options, run through cp_cli_run_loaded (so its bytes are the command line's); which formats
 * are served, which questions must run alone, and each exit code as an HTTP status. */
#ifndef CP_CLI_SERVE_API_H
#define CP_CLI_SERVE_API_H

#include "cli.h"
#include "format.h"
#include "serve_query.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* cp_cli_run_loaded, handed in by the driver: the server runs commands without depending on
 * the module that runs it. */
typedef int (*cp_serve_runner)(const char *command, const cp_graph *g, const cp_router *router,
                               const cp_cli_pair *options, size_t n, FILE *out, FILE *err);

/* One answer to send. */
typedef struct cp_serve_reply {
  int status;      /* HTTP status */
  cp_out_format f; /* what the body is: CP_OUT_JSON for errors */
  char *body;      /* malloc'd; NULL with len 0 only when memory ran out (status 503) */
  size_t len;
  int exit_code; /* the command's; -1 when none ran */
} cp_serve_reply;

/* A question the API was asked, checked before anything runs. */
typedef struct cp_serve_question {
  const char *command; /* "route" */
  cp_out_format f;     /* the format asked for; JSON unless `format` says otherwise */
  bool alone;          /* must not run beside another question (Graphviz, igraph) */
  cp_cli_pair pair[CP_SERVE_MAX_PARAMS + 1];
  size_t n; /* the query's pairs, then format=json when the query names no format */
} cp_serve_question;

/* The question behind `path` and its query: 0, or an HTTP status with the reason in why[n]
 * (404 no such command; 400 a format not served, or a `help` parameter). Pairs borrow `q`. */
int cp_serve_api_question(const char *path, const cp_serve_query *q, cp_serve_question *out,
                          char *why, size_t n);

/* Asks `qn` of `g` through `run` with `router` (over `g`, serving this thread) and fills `r`.
 * Exit 0, or 1 with an answer printed (no route: the JSON says so), is 200; 1 with nothing
 * printed (a drawing of no route) 404; 2 (usage) 400; 3 (an unknown role, a bad value) 422;
 * anything else 500. Failures answer a JSON error whose text is the command's message. */
void cp_serve_api_answer(const cp_serve_question *qn, const cp_graph *g, const cp_router *router,
                         cp_serve_runner run, cp_serve_reply *r);

/* Fills `r` with {"error": why, "status": status} (and "exit" when exit_code >= 0). */
void cp_serve_error(int status, int exit_code, const char *why, cp_serve_reply *r);

/* The MIME type of a body in format `f`. */
const char *cp_serve_content_type(cp_out_format f);

#endif /* CP_CLI_SERVE_API_H */
