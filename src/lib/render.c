/* render.c: cp_render, the public call: plans, builds, lays out and writes one drawing. */
#include "render_internal.h"

#include <stdlib.h>

void cp_render_drawing_free(cp_drawing *d) {
  if (d->ag)
    agclose(d->ag);
  free(d->domains);
  free(d->clusters);
  free(d->nodes);
  free(d->route_pos);
  free(d->route_step);
  free(d->alt_of);
  free(d->alt_step);
  free(d->edge_of);
  free(d->edges);
  free(d->region_role);
  free(d->region_tr);
}

cp_status cp_render(const cp_graph *g, const cp_render_options *opts, cp_format format, char **out,
                    size_t *out_len, cp_error *err) {
  cp_drawing d = {.g = g, .o = opts};
  cp_init();
  if (opts->route_only && !opts->route)
    return cp_fail(err, CP_EINVAL, "a route-only drawing needs a route");
  cp_status st;
  if (!(st = cp_render_plan(&d, err)) && !(st = cp_render_choose_engine(&d, err)) &&
      !(st = cp_render_room(&d, err)) && !(st = cp_render_build(&d, err)))
    st = cp_render_write(&d, format, out, out_len, err);
  cp_render_drawing_free(&d);
  return st;
}
