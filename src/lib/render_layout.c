/* render_layout.c: Graphviz layout in-process: plugins, contexts, engines, room for them. */
#include "render_internal.h"

#include <dlfcn.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/types.h>
#include <stdlib.h>
#include <string.h>

/* Linking the plugins in and registering them ourselves avoids gvconfig's leaks and the
 * config6a lookup, and makes text metrics independent of installed fonts
 * (shared/notes/c-toolchain-and-style.md, items 8-10). */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;

static const lt_symlist_t builtins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {NULL, NULL}};

/* PNG and PDF come from the cairo renderer, which also measures text with pango (real font
 * metrics). It gets a context of its own so that SVG and DOT keep Graphviz's built-in
 * estimates, and so the same bytes, whatever fonts a machine has. Its plugin is loaded on
 * the first PNG or PDF (load_pango): linked in, it made every process map cairo, pango, glib,
 * fontconfig, X11 and the rest, about half of `careerpath --version`'s time
 * (docs/performance.md). */
const char cp_render_pango_plugin[] = CP_GV_PANGO_PLUGIN;
static lt_symlist_t builtins_cairo[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_pango_LTX_library", NULL}, /* filled by load_pango */
    {0, 0},
};

cp_status cp_render_load_plugin(const char *path, const char *symbol, void **library,
                                cp_error *err) {
  /* RTLD_NOW: a symbol missing from the plugin's libraries fails here, with the file's name,
   * not by aborting the process in the middle of a render. Never dlclose'd: Graphviz keeps
   * pointers into it for the life of the context that registers it. */
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return cp_fail(err, CP_ERENDER, "cannot load Graphviz's plugin %s: %s", path, dlerror());
  dlerror();
  void *found = dlsym(handle, symbol);
  if (!found)
    return cp_fail(err, CP_ERENDER, "cannot load Graphviz's plugin %s: %s", path, dlerror());
  *library = found;
  return CP_OK;
}

/* Fills builtins_cairo's pango entry, once per process (the context that uses it is kept). */
static cp_status load_pango(cp_error *err) {
  lt_symlist_t *pango = &builtins_cairo[3];
  if (pango->address)
    return CP_OK;
  return cp_render_load_plugin(cp_render_pango_plugin, pango->name, &pango->address, err);
}

/* What a drawing may take from the heap (see cp_memory_available): measured, then doubled. */
enum { RENDER_SLACK = 16 << 20, RENDER_PER_ITEM = 4 << 10 };

cp_status cp_render_choose_engine(cp_drawing *d, cp_error *err) {
  size_t n_drawn = 0;
  bool levels = false;
  if (d->o->route_only) {
    d->engine = CP_ENGINE_CARDS;
    return CP_OK;
  }
  for (size_t i = 0; i < d->g->n_roles; i++)
    if (cp_render_drawn(d, i)) {
      n_drawn++;
      levels |= d->g->roles[i].level >= 1 && d->g->roles[i].level <= CP_MAX_LEVEL;
    }
  const char *layout = d->o->layout;
  if (!layout)
    layout = n_drawn > CP_RENDER_MAP_MAX ? "sfdp" : levels ? "map" : "neato";
  if (!strcmp(layout, "map"))
    d->engine = CP_ENGINE_MAP;
  else if (!strcmp(layout, "neato"))
    d->engine = CP_ENGINE_NEATO;
  else if (!strcmp(layout, "sfdp"))
    d->engine = CP_ENGINE_SFDP;
  else
    return cp_fail(err, CP_EINVAL, "unknown layout '%s' (choose from map, neato, sfdp)", layout);
  return CP_OK;
}

/* Graphviz crashes when memory runs out while it builds, lays out or renders; ask for
 * room first (measured: about 2 KiB per role and move with sfdp, 8 MiB for the built-in
 * graph with dot). */
cp_status cp_render_room(const cp_drawing *d, cp_error *err) {
  size_t n_items = 0;
  for (size_t i = 0; i < d->g->n_roles; i++)
    n_items += cp_render_drawn(d, i);
  for (size_t i = 0; i < d->g->n_transitions; i++)
    n_items += cp_render_drawn(d, cp_tr(d->g, i)->from) && cp_render_drawn(d, cp_tr(d->g, i)->to);
  if (!cp_memory_available(RENDER_SLACK + RENDER_PER_ITEM * n_items))
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  return CP_OK;
}

/* neato and sfdp place the roles; then each is pinned where it was put, the key is pinned
 * under them, and the drawing is laid out again as the map is (nop1), so the key and the
 * labels are placed the same way. */
static cp_status force_positions(cp_drawing *d, GVC_t *gvc, cp_error *err) {
  if (gvLayout(gvc, d->ag, d->engine == CP_ENGINE_NEATO ? "neato" : "sfdp") != 0)
    return cp_fail(err, CP_ERENDER, "Graphviz layout failed: %s", cp_cgraph_take_message());
  boxf bb = GD_bb(d->ag);
  for (Agnode_t *n = agfstnode(d->ag); n; n = agnxtnode(d->ag, n))
    cp_render_setf(n, "pos", "%g,%g!", ND_coord(n).x - bb.LL.x, ND_coord(n).y - bb.UR.y);
  gvFreeLayout(gvc, d->ag);
  /* nop1 would remove overlaps again, moving the key's pieces: none are left to remove. */
  cp_render_set(d->ag, "overlap", "true");
  d->legend_top = bb.UR.y - bb.LL.y + 16;
  cp_buf tmp = {0};
  cp_status st = cp_render_legend(d, &tmp);
  cp_buf_free(&tmp);
  return st ? cp_fail(err, st, "out of memory drawing the legend") : CP_OK;
}

/* Lays out: cards with dot; the map with its positions; the force layouts in two passes.
 * Then the labels and the page. */
static cp_status lay_out(cp_drawing *d, GVC_t *gvc, cp_error *err) {
  cp_status st;
  if ((d->engine == CP_ENGINE_NEATO || d->engine == CP_ENGINE_SFDP) &&
      (st = force_positions(d, gvc, err)))
    return st;
  if (gvLayout(gvc, d->ag, d->engine == CP_ENGINE_CARDS ? "dot" : "nop1") != 0)
    return cp_fail(err, CP_ERENDER, "Graphviz layout failed: %s", cp_cgraph_take_message());
  cp_render_fit_page(d, d->ag);
  return CP_OK;
}

/* Renders the laid-out graph into plain malloc'd memory, so callers need no Graphviz call
 * to free it. */
static cp_status render_bytes(Agraph_t *ag, GVC_t *gvc, const char *device, char **out,
                              size_t *out_len, cp_error *err) {
  char *data = NULL;
  unsigned int len = 0;
  cp_status st = CP_OK;
  if (gvRenderData(gvc, ag, device, &data, &len) != 0 || !data || !len) {
    const char *why = cp_cgraph_take_message();
    /* "Error: failure malloc'ing for result string" */
    st = strstr(why, "malloc")
             ? cp_fail(err, CP_ENOMEM, "out of memory rendering %s (%s)", device, why)
             : cp_fail(err, CP_ERENDER, "Graphviz could not render %s: %s", device, why);
  } else if (!(*out = malloc((size_t)len + 1))) {
    st = cp_fail(err, CP_ENOMEM, "out of memory rendering %s", device);
  } else {
    memcpy(*out, data, len);
    (*out)[len] = '\0';
    *out_len = len;
  }
  if (data)
    gvFreeRenderData(data);
  return st;
}

cp_status cp_render_layout(cp_drawing *d, const char *device, char **out, size_t *out_len,
                           cp_error *err) {
  bool cairo = strcmp(device, "svg") != 0;
  /* Graphviz 2.42's pango plugin keeps, in a static, a pointer to the last font name it
   * measured, which lives in the context's font dictionary: after gvFreeContext the next
   * measurement reads freed memory (AddressSanitizer: heap-use-after-free in
   * textspan_size). So the cairo context is made once and kept for the process (reachable,
   * not leaked); rendering PNG or PDF is therefore not thread-safe, as Graphviz is not
   * (nor is loading its plugin, load_pango, done here on the first PNG or PDF). */
  static GVC_t *cairo_gvc;
  if (cairo && !cairo_gvc) {
    cp_status st = load_pango(err);
    if (st)
      return st;
    cairo_gvc = gvContextPlugins(builtins_cairo, 0);
  }
  GVC_t *gvc = cairo ? cairo_gvc : gvContextPlugins(builtins, 0);
  if (!gvc)
    return cp_fail(err, CP_ERENDER, "Graphviz could not start");
  cp_cgraph_take_message();
  cp_status st = lay_out(d, gvc, err);
  if (!st) {
    st = render_bytes(d->ag, gvc, device, out, out_len, err);
    gvFreeLayout(gvc, d->ag);
  }
  if (!cairo)
    gvFreeContext(gvc);
  return st;
}
