/* builtin.c: the health-informatics graph compiled into the library. */
#include "internal.h"

/* Generated at build time from graphs/health-informatics.gv by cmake/embed.cmake. */
extern const char cp_builtin_dot[];
extern const size_t cp_builtin_dot_len;

const char *cp_builtin_dot_text(size_t *len) {
  if (len)
    *len = cp_builtin_dot_len;
  return cp_builtin_dot;
}

cp_status cp_builtin_graph(cp_graph **out, cp_error *err) {
  return cp_read_dot_buffer("built-in health-informatics graph", cp_builtin_dot, cp_builtin_dot_len,
                            out, err);
}
