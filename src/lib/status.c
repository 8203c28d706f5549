/* status.c: status codes, error messages, and the igraph/Graphviz error-handler bridge. */
#include "internal.h"

#include <graphviz/cgraph.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

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

void cp_visible_line(char *out, size_t cap, const char *msg) {
  if (!cap)
    return;
  size_t j = 0;
  for (const char *p = msg; *p && j + 1 < cap; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '\n' || c == '\r' || c == '\t') {
      out[j++] = ' ';
    } else if (cp_is_control(c)) {
      if (j + 5 > cap)
        break;
      j += (size_t)snprintf(out + j, cap - j, "\\x%02X", c);
    } else {
      out[j++] = (char)c;
    }
  }
  out[j] = '\0';
  out[cp_utf8_fit(out, j)] = '\0';
}

cp_status cp_fail(cp_error *err, cp_status status, const char *fmt, ...) {
  if (err) {
    char raw[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    cp_visible_line(err->message, sizeof err->message, raw);
    err->status = status;
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
  const char *reason = igraph_reason[0] ? igraph_reason : igraph_strerror(rc);
  cp_status st;
  if (rc == IGRAPH_ENOMEM)
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory (igraph: %s)", what, reason);
  else
    st = cp_fail(err, CP_EGRAPH, "%s: %s", what, reason);
  igraph_reason[0] = '\0';
  return st;
}

cp_status cp_igraph_room(const cp_graph *g, cp_error *err, const char *what) {
  /* Edge list and indices 32 bytes a move, weights 8, Dijkstra's lazy incidence list, distances,
   * parents and heap under 64 a role and 8 a move: 128 a role or move leaves twice that. */
  if (cp_memory_available(((size_t)1 << 20) + 128 * (g->n_roles + g->n_transitions)))
    return CP_OK;
  return cp_fail(err, CP_ENOMEM, "%s: out of memory", what);
}

cp_status cp_openmp_room(const cp_graph *g, cp_error *err, const char *what) {
  /* libgomp sizes its threads' stacks by OMP_STACKSIZE, or as pthreads do by default: the
   * stack rlimit, or 32 MiB on x86-64 when that is unlimited. */
  size_t stack = (size_t)32 << 20;
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    stack = (size_t)rl.rlim_cur;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  size_t threads = cpus > 0 ? (size_t)cpus : 1;
  if (cp_memory_available(threads * stack) && !cp_igraph_room(g, NULL, what))
    return CP_OK;
  return cp_fail(err, CP_ENOMEM, "%s: out of memory", what);
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
