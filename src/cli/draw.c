/* draw.c: a drawing through cp_render, edge labels falling back to none. */
#include "draw.h"

int cp_cli_draw(const cp_cli *c, const cp_graph *g, cp_render_options *ro, cp_out_format format,
                char **text, size_t *len) {
  cp_error e = {0};
  if (cp_graph_check_criterion(g, ro->label_by, NULL) != CP_OK)
    ro->label_by = CP_BY_STEPS;
  cp_status st = cp_render(g, ro, cp_cli_drawing_format(format), text, len, &e);
  return cp_cli_status(c, st, &e);
}
