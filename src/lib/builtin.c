/* builtin.c: the graphs compiled into the library, by name. */
#include "internal.h"

#include <string.h>

/* Assembled from graphs/ at build time (cmake/embed.c.in): the bytes, NUL-terminated. */
extern const char cp_builtin_dot[], cp_onet_transitions[], cp_onet_roles[];
extern const uint64_t cp_builtin_dot_len, cp_onet_transitions_len, cp_onet_roles_len;

/* The O*NET graph's licence (CC BY 4.0) requires this text wherever the data is used. */
#define ONET_ATTRIBUTION                                                                           \
  "This product includes information from the O*NET 29.3 Database by the U.S. Department of "      \
  "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. "  \
  "O*NET\xC2\xAE is a trademark of USDOL/ETA."

static cp_status load_health_informatics(cp_graph **out, cp_error *err) {
  return cp_read_dot_buffer("built-in health-informatics graph", cp_builtin_dot,
                            (size_t)cp_builtin_dot_len, out, err);
}

static cp_status load_onet(cp_graph **out, cp_error *err) {
  cp_graph *g = NULL;
  cp_status st = cp_read_table_buffers("built-in O*NET 29.3 graph", cp_onet_transitions,
                                       (size_t)cp_onet_transitions_len, "built-in O*NET roles",
                                       cp_onet_roles, (size_t)cp_onet_roles_len, NULL, &g, err);
  if (st)
    return st;
  /* A table carries no graph attributes: the title and attribution are set here. */
  if (cp_graph_set_attr(g, "label", "O*NET 29.3 occupations and related occupations") ||
      cp_graph_set_attr(g, "source",
                        ONET_ATTRIBUTION " Months, cost and effort: estimates by "
                                         "careerpath's O*NET model "
                                         "(docs/onet-model.md).")) {
    cp_graph_free(g);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  *out = g;
  return CP_OK;
}

static const struct {
  cp_builtin_info info;
  cp_status (*load)(cp_graph **out, cp_error *err);
} builtins[] = {
    {{"health-informatics",
      "the curated health-informatics roles and moves of the seed article, every figure "
      "sourced in docs/graph-sources.md",
      ""},
     load_health_informatics},
    {{"onet",
      "O*NET 29.3: 923 occupations and their 18,460 moves to related occupations, months, "
      "cost and effort estimated as docs/onet-model.md says",
      ONET_ATTRIBUTION},
     load_onet},
};
enum { N_BUILTINS = sizeof builtins / sizeof builtins[0] };

size_t cp_builtin_count(void) { return N_BUILTINS; }

const cp_builtin_info *cp_builtin_at(size_t index) {
  return index < N_BUILTINS ? &builtins[index].info : NULL;
}

cp_status cp_builtin_load(const char *name, cp_graph **out, cp_error *err) {
  for (size_t i = 0; i < N_BUILTINS; i++)
    if (!*name ? i == 0 : cp_strcasecmp_ascii(name, builtins[i].info.name) == 0)
      return builtins[i].load(out, err);
  char list[256] = "";
  for (size_t i = 0; i < N_BUILTINS; i++)
    snprintf(list + strlen(list), sizeof list - strlen(list), "%s@%s", i ? ", " : "",
             builtins[i].info.name);
  return cp_fail(err, CP_ENOTFOUND, "no built-in graph named '@%s'; the built-in graphs are %s",
                 name, list);
}

const char *cp_builtin_dot_text(size_t *len) {
  if (len)
    *len = (size_t)cp_builtin_dot_len;
  return cp_builtin_dot;
}

cp_status cp_builtin_graph(cp_graph **out, cp_error *err) {
  return load_health_informatics(out, err);
}
