/* render_layout.c: Graphviz layout in-process: plugins, contexts, the engine, room for it. */
#include "render_internal.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <stdlib.h>
#include <string.h>

/* Linking the plugins in and registering them ourselves avoids gvconfig's leaks and the
 * config6a lookup, and makes text metrics independent of installed fonts
 * (shared/notes/c-toolchain-and-style.md, items 8-10). */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_pango_LTX_library;

static const lt_symlist_t builtins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {NULL, NULL}};

/* PNG and PDF come from the cairo renderer, which also measures text with pango (real font
 * metrics). It gets a context of its own so that SVG and DOT keep Graphviz's built-in
 * estimates, and so the same bytes, whatever fonts a machine has. */
static const lt_symlist_t builtins_cairo[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_pango_LTX_library", &gvplugin_pango_LTX_library},
    {0, 0},
};

enum { DOT_MAX_ROLES = 300 };
/* What a drawing may take from the heap (see cp_memory_available): measured, then doubled. */
enum { RENDER_SLACK = 16 << 20, RENDER_PER_ITEM = 4 << 10 };

/* dot gives levels as columns and domains as boxes, but slows sharply past a few hundred
 * roles (shared/notes: 0.3 s at 500, a minute at 5,000); sfdp places thousands in a
 * second, without either. */
cp_status cp_render_choose_engine(cp_drawing *d, cp_error *err) {
  size_t n_drawn = 0;
  for (size_t i = 0; i < d->g->n_roles; i++)
    n_drawn += cp_render_drawn(d, i);
  d->engine = d->o->layout ? d->o->layout : n_drawn <= DOT_MAX_ROLES ? "dot" : "sfdp";
  if (strcmp(d->engine, "dot") && strcmp(d->engine, "sfdp") && strcmp(d->engine, "neato"))
    return cp_fail(err, CP_EINVAL, "unknown layout '%s' (choose from dot, sfdp, neato)", d->engine);
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
    n_items += cp_render_drawn(d, d->g->transitions[i].from) &&
               cp_render_drawn(d, d->g->transitions[i].to);
  if (!cp_memory_available(RENDER_SLACK + RENDER_PER_ITEM * n_items))
    return cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
  return CP_OK;
}

/* Lays out and renders `ag` in a fresh plugin context: "svg" with the built-in plugins,
 * "png:cairo" and "pdf:cairo" with pango's too. */
cp_status cp_render_layout(Agraph_t *ag, const char *engine, const char *device, char **out,
                           size_t *out_len, cp_error *err) {
  cp_status st = CP_OK;
  char *data = NULL;
  unsigned int len = 0;
  bool laid_out = false;
  bool cairo = strcmp(device, "svg") != 0;
  /* Graphviz 2.42's pango plugin keeps, in a static, a pointer to the last font name it
   * measured, which lives in the context's font dictionary: after gvFreeContext the next
   * measurement reads freed memory (AddressSanitizer: heap-use-after-free in
   * textspan_size). So the cairo context is made once and kept for the process (reachable,
   * not leaked); rendering PNG or PDF is therefore not thread-safe, as Graphviz is not. */
  static GVC_t *cairo_gvc;
  if (cairo && !cairo_gvc)
    cairo_gvc = gvContextPlugins(builtins_cairo, 0);
  GVC_t *gvc = cairo ? cairo_gvc : gvContextPlugins(builtins, 0);
  if (!gvc)
    return cp_fail(err, CP_ERENDER, "Graphviz could not start");
  cp_cgraph_take_message();
  if (gvLayout(gvc, ag, engine) != 0) {
    st = cp_fail(err, CP_ERENDER, "Graphviz layout failed: %s", cp_cgraph_take_message());
    goto cleanup;
  }
  laid_out = true;
  if (gvRenderData(gvc, ag, device, &data, &len) != 0 || !data || !len) {
    const char *why = cp_cgraph_take_message();
    /* "Error: failure malloc'ing for result string" */
    st = strstr(why, "malloc")
             ? cp_fail(err, CP_ENOMEM, "out of memory rendering %s (%s)", device, why)
             : cp_fail(err, CP_ERENDER, "Graphviz could not render %s: %s", device, why);
    goto cleanup;
  }
  /* Hand back plain malloc'd memory so callers need no Graphviz call to free it. */
  char *copy = malloc((size_t)len + 1);
  if (!copy) {
    st = cp_fail(err, CP_ENOMEM, "out of memory rendering %s", device);
    goto cleanup;
  }
  memcpy(copy, data, len);
  copy[len] = '\0';
  *out = copy;
  *out_len = len;
cleanup:
  if (data)
    gvFreeRenderData(data);
  if (laid_out)
    gvFreeLayout(gvc, ag);
  if (!cairo)
    gvFreeContext(gvc);
  return st;
}
