/* test_render_layout.c: render_layout.c, Graphviz in-process: the engine for the size of a
 * drawing, room asked for first, layout and rendering into plain malloc'd bytes. */
#include "test_render.h"

#include <dlfcn.h>
#include <graphviz/gvplugin.h>
#include <stdlib.h>

static cp_graph *roles(size_t n) {
  cp_graph *g = rt_graph("many");
  for (size_t i = 0; i < n; i++) {
    char id[32];
    snprintf(id, sizeof id, "r%zu", i);
    rt_role(g, id, NULL, 0);
  }
  return g;
}

static const char *engine(const cp_graph *g, const cp_render_options *o, cp_error *e) {
  static char chosen[16];
  cp_drawing d = {.g = g, .o = o};
  assert_int_equal(cp_render_plan(&d, e), CP_OK);
  cp_status st = cp_render_choose_engine(&d, e);
  static const char *const names[] = {"map", "neato", "sfdp", "cards"};
  snprintf(chosen, sizeof chosen, "%s", st ? "(refused)" : names[d.engine]);
  if (!st)
    assert_int_equal(cp_render_room(&d, e), CP_OK);
  cp_render_drawing_free(&d);
  return chosen;
}

/* The map up to 300 roles drawn when they have levels, else neato; sfdp above 300; route-only
 * drawings are cards; an unknown engine is refused by name. */
static void the_engine_follows_the_roles_drawn(void **state) {
  (void)state;
  cp_graph *g = roles(301);
  cp_error e = {0};
  cp_render_options o = {0};
  assert_string_equal(engine(g, &o, &e), "sfdp");
  unsigned char shown[301];
  memset(shown, 1, sizeof shown);
  shown[7] = 0;
  o.shown = shown;
  assert_string_equal(engine(g, &o, &e), "neato"); /* no levels */
  cp_graph *levelled = rt_graph("levelled");
  rt_role(levelled, "a", "x", 1), rt_role(levelled, "b", "x", 0);
  cp_render_options none = {0};
  assert_string_equal(engine(levelled, &none, &e), "map");
  cp_graph_free(levelled);
  o.layout = "neato";
  assert_string_equal(engine(g, &o, &e), "neato");
  o.layout = "circo";
  assert_string_equal(engine(g, &o, &e), "(refused)");
  assert_int_equal(e.status, CP_EINVAL);
  assert_contains(e.message, "unknown layout 'circo' (choose from map, neato, sfdp)");
  cp_graph_free(g);
}

static void layout_hands_back_plain_bytes(void **state) {
  (void)state;
  cp_init(); /* as cp_render does: Graphviz's messages come back, not to stderr */
  cp_graph *g = roles(3);
  rt_move(g, 0, 1, 1, NULL), rt_move(g, 1, 2, 1, NULL);
  size_t path[] = {0, 1, 2}, moves[] = {0, 1};
  cp_route r = rt_route(g, path, moves, 2);
  cp_render_options o = {.route = &r, .route_only = 1}; /* no clusters: nothing leaks */
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  char *svg = NULL, *again = NULL;
  size_t len = 0, len2 = 0;
  assert_int_equal(cp_render_layout(&d, "svg", &svg, &len, &e), CP_OK);
  assert_int_equal(strlen(svg), len);
  assert_contains(svg, "<svg");
  assert_contains(svg, "</svg>");
  /* Laid out afresh each time (the layout is freed after rendering): the same bytes. */
  assert_int_equal(cp_render_layout(&d, "svg", &again, &len2, &e), CP_OK);
  assert_int_equal(len, len2);
  assert_memory_equal(svg, again, len);
  free(svg), free(again);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* The cairo/pango plugin is not loaded until asked for (so a process that draws no PNG or
 * PDF maps none of cairo, pango and their libraries); then it loads from its configured path.
 * A file that is missing or lacks the plugin's symbol is refused naming the file and why. */
static void the_cairo_plugin_loads_only_when_asked(void **state) {
  (void)state;
  assert_null(dlopen(cp_render_pango_plugin, RTLD_NOW | RTLD_NOLOAD));
  assert_null(dlopen("libcairo.so.2", RTLD_NOW | RTLD_NOLOAD));
  void *lib = NULL;
  cp_error e = {0};
  assert_int_equal(cp_render_load_plugin("/nonexistent/libgvplugin_pango.so.6",
                                         "gvplugin_pango_LTX_library", &lib, &e),
                   CP_ERENDER);
  assert_null(lib);
  assert_contains(e.message, "cannot load Graphviz's plugin /nonexistent/libgvplugin_pango.so.6: "
                             "/nonexistent/libgvplugin_pango.so.6: cannot open shared object "
                             "file: No such file or directory");
  assert_null(strchr(e.message, '\n'));
  cp_error e2 = {0};
  assert_int_equal(
      cp_render_load_plugin(cp_render_pango_plugin, "gvplugin_none_LTX_library", &lib, &e2),
      CP_ERENDER);
  assert_null(lib);
  assert_contains(e2.message, cp_render_pango_plugin);
  assert_contains(e2.message, "undefined symbol: gvplugin_none_LTX_library");
  cp_error e3 = {0};
  assert_int_equal(
      cp_render_load_plugin(cp_render_pango_plugin, "gvplugin_pango_LTX_library", &lib, &e3),
      CP_OK);
  assert_string_equal(((gvplugin_library_t *)lib)->packagename, "cairo");
  assert_non_null(dlopen("libcairo.so.2", RTLD_NOW | RTLD_NOLOAD));
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_engine_follows_the_roles_drawn),
      cmocka_unit_test(layout_hands_back_plain_bytes),
      cmocka_unit_test(the_cairo_plugin_loads_only_when_asked),
  };
  return CP_RUN(tests, argc, argv);
}
