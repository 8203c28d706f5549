/* status.c: status codes, error messages, and the igraph/Graphviz error-handler bridge. */
#include "internal.h"

#include <graphviz/cgraph.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[CP_STATUS_COUNT] = {
    [CP_OK] = "success",
    [CP_ENOMEM] = "out of memory",
    [CP_EIO] = "input/output error",
    [CP_EPARSE] = "syntax error",
    [CP_EINVAL] = "invalid value",
    [CP_ENOTFOUND] = "no such role",
    [CP_EAMBIGUOUS] = "ambiguous role name",
    [CP_ENOCRIT] = "criterion not carried by the graph",
    [CP_EGRAPH] = "graph algorithm error",
    [CP_ERENDER] = "rendering error",
    [CP_ELIMIT] = "size limit reached",
};

const char *cp_strerror(cp_status status) {
  if ((int)status < 0 || status >= CP_STATUS_COUNT)
    return "unknown status";
  return messages[status];
}

cp_status cp_fail(cp_error *err, cp_status status, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->status = status;
    /* Messages are one line: a stray newline in quoted input must not break that. */
    for (char *p = err->message; *p; p++)
      if (*p == '\n' || *p == '\r')
        *p = ' ';
  }
  return status;
}

/* igraph calls its handler once per frame while unwinding, the later calls with an empty
 * reason, and frees the reason afterwards: keep the first non-empty one, copied. */
static _Thread_local char igraph_reason[256];

static void on_igraph_error(const char *reason, const char *file, int line,
                            igraph_error_t igraph_errno) {
  (void)file;
  (void)line;
  if (igraph_reason[0] == '\0' && reason && reason[0])
    snprintf(igraph_reason, sizeof igraph_reason, "%s (%s)", reason, igraph_strerror(igraph_errno));
  IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line) {
  /* The library never prints; igraph's warnings carry nothing a user can act on here. */
  (void)reason;
  (void)file;
  (void)line;
}

cp_status cp_from_igraph(igraph_error_t rc, cp_error *err, const char *what) {
  if (rc == IGRAPH_SUCCESS)
    return CP_OK;
  cp_status st = rc == IGRAPH_ENOMEM ? CP_ENOMEM : CP_EGRAPH;
  cp_fail(err, st, "%s: %s", what, igraph_reason[0] ? igraph_reason : igraph_strerror(rc));
  igraph_reason[0] = '\0';
  return st;
}

/* cgraph reports through a callback; read_dot.c collects the text for its messages. */
static _Thread_local char cgraph_message[512];

static int on_cgraph_error(char *msg) {
  size_t used = strlen(cgraph_message);
  if (used + 1 < sizeof cgraph_message)
    snprintf(cgraph_message + used, sizeof cgraph_message - used, "%s", msg);
  return 0;
}

const char *cp_cgraph_take_message(void) {
  static _Thread_local char taken[512];
  memcpy(taken, cgraph_message, sizeof taken);
  cgraph_message[0] = '\0';
  return taken;
}

void cp_init(void) {
  static bool done;
  if (done)
    return;
  igraph_set_error_handler(on_igraph_error);
  igraph_set_warning_handler(on_igraph_warning);
  agseterrf(on_cgraph_error);
  done = true;
}
