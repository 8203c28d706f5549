/* render.c: cp_render, the public call: plans, builds, lays out and writes one drawing. */
#include "render_internal.h"

#include <stdlib.h>
#include <string.h>

static void map_free(cp_map *m) {
  free(m->lane_of);
  free(m->lane_domain);
  free(m->column_of);
  free(m->x);
  free(m->y);
  free(m->w);
  free(m->h);
  free(m->lane_top);
  free(m->lane_bottom);
}

void cp_render_drawing_free(cp_drawing *d) {
  if (d->ag)
    agclose(d->ag);
  free(d->routes);
  free(d->domains);
  free(d->nodes);
  free(d->role_route);
  free(d->role_pos);
  free(d->edges);
  free(d->region_role);
  free(d->region_tr);
  map_free(&d->map);
}

cp_status cp_paper_parse(const char *name, cp_paper *out) {
  static const char *const names[] = {"letter", "a4", "a3", "a2", "a1"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (!cp_strcasecmp_ascii(name, names[i])) {
      *out = (cp_paper)(CP_PAPER_LETTER + i);
      return CP_OK;
    }
  return CP_EINVAL;
}

cp_status cp_render(const cp_graph *g, const cp_render_options *opts, cp_format format, char **out,
                    size_t *out_len, cp_error *err) {
  cp_drawing d = {.g = g, .o = opts, .format = format};
  cp_init();
  if (opts->route_only && !opts->route)
    return cp_fail(err, CP_EINVAL, "a route-only drawing needs a route");
  cp_status st;
  if (!(st = cp_render_plan(&d, err)) && !(st = cp_render_choose_engine(&d, err)) &&
      !(st = cp_render_room(&d, err)))
    st = d.engine == CP_ENGINE_CARDS ? cp_render_cards(&d, err) : cp_render_build(&d, err);
  if (!st)
    st = cp_render_write(&d, out, out_len, err);
  cp_render_drawing_free(&d);
  return st;
}
