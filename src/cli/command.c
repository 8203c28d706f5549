/* command.c: what a command's functions may ask of their run: its formats and name, the
 * router, the graph to edit, further output files. */
#include "command.h"

#include <stdio.h>
#include <stdlib.h>

unsigned cp_cli_formats(const cp_cli_command *cmd) {
  unsigned bits = 0;
  for (int f = 0; f < CP_OUT_COUNT; f++)
    if (cmd->present[f])
      bits |= CP_OUT_BIT(f);
  return bits;
}

void cp_cli_full_name(const cp_cli_command *cmd, char *buf, size_t n) {
  if (cmd->parent)
    snprintf(buf, n, "%s %s", cmd->parent, cmd->name);
  else
    snprintf(buf, n, "%s", cmd->name);
}

int cp_cli_router(cp_cli_run *x, const cp_router **out) {
  if (!x->router) {
    cp_error e = {0};
    cp_status st = cp_router_new(x->g, &x->own_router, &e);
    if (st)
      return cp_cli_status(&x->c, st, &e);
    x->router = x->own_router;
  }
  *out = x->router;
  return CP_EXIT_OK;
}

cp_graph *cp_cli_graph_to_edit(cp_cli_run *x) { return x->own_graph; }

int cp_cli_add_companion(cp_cli_run *x, const char *path, char *data, size_t len) {
  size_t i = 0;
  while (i < x->n_companions && x->companion[i].path != path)
    i++;
  if (i == CP_CLI_MAX_COMPANIONS) {
    free(data);
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "too many output files");
  }
  x->n_companions += i == x->n_companions;
  free(x->companion[i].data);
  x->companion[i] = (cp_cli_companion){.path = path, .data = data, .len = len};
  return CP_EXIT_OK;
}

int cp_cli_column_map(cp_cli_run *x, const char *name, const char *text,
                      const cp_column_map **out) {
  cp_column_map *m = NULL;
  cp_error e = {0};
  *out = NULL;
  if (!text)
    return CP_EXIT_OK;
  cp_status st = cp_column_map_parse(text, &m, &e);
  if (st == CP_ENOMEM)
    return cp_cli_status(&x->c, st, &e);
  if (st)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "%s: %s", name, e.message);
  *out = m;
  return CP_EXIT_OK;
}
