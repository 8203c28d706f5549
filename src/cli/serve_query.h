/* serve_query.h: a request target ("/api/route?from=a&to=b") as careerpath serve reads it:
 * bounded, strictly percent-decoded, every name and value UTF-8, parameters in order. */
#ifndef CP_CLI_SERVE_QUERY_H
#define CP_CLI_SERVE_QUERY_H

#include "cli.h"

#include <stddef.h>

enum {
  CP_SERVE_MAX_TARGET = 4096, /* bytes of path and query together */
  CP_SERVE_MAX_PARAMS = 64,   /* name=value pairs in one query */
};

/* A parsed target. `path` and every pair point into `buf`, which it owns. */
typedef struct cp_serve_query {
  const char *path; /* decoded: "/api/route" */
  cp_cli_pair param[CP_SERVE_MAX_PARAMS];
  size_t n; /* pairs, in the order the query gives them */
  char *buf;
} cp_serve_query;

/* Parses `target` (`len` bytes, any bytes at all): the path, then after '?' pairs separated by
 * '&' (empty ones skipped), "name=value" or "name" alone (value NULL), '+' a space, %XX a byte.
 * Returns 0 and fills `q` (free it with cp_serve_query_free), or an HTTP status with the
 * reason in why[n] and `q` empty: 414 over CP_SERVE_MAX_TARGET bytes; 400 for a target not
 * starting with '/', a control character, '%' not followed by two hex digits, a decoded NUL,
 * text that is not UTF-8, a pair with no name, over CP_SERVE_MAX_PARAMS pairs; 503 out of
 * memory. Time O(len). */
int cp_serve_parse_target(const char *target, size_t len, cp_serve_query *q, char *why, size_t n);
void cp_serve_query_free(cp_serve_query *q);

/* The value of the last pair named `name` (as a command line's last --name wins); NULL when
 * there is none or it has no value. */
const char *cp_serve_query_get(const cp_serve_query *q, const char *name);

#endif /* CP_CLI_SERVE_QUERY_H */
