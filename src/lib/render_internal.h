/* render_internal.h: the drawing that render*.c build together, not part of the public API. */
#ifndef CP_RENDER_INTERNAL_H
#define CP_RENDER_INTERNAL_H

#include "internal.h"

#include <graphviz/cgraph.h>

/* Levels run 1 (entry) to CP_MAX_LEVEL (executive); a role outside that is "level not given". */
enum { CP_MAX_LEVEL = 5 };

/* How a drawing is laid out (cp_render_choose_engine). */
typedef enum cp_engine {
  CP_ENGINE_MAP,   /* the career map: levels as columns, domains as lanes, positions ours */
  CP_ENGINE_NEATO, /* force-directed (neato) positions, then drawn as the map is */
  CP_ENGINE_SFDP,  /* the same with sfdp, for large graphs: straight lines */
  CP_ENGINE_CARDS  /* route-only: each route a column of cards (dot) */
} cp_engine;

/* A drawn move: a line of its own, so parallel moves keep their own line and figure. On the
 * map and with neato the figure is a node the line runs through (render_labels.c): `from`
 * runs from the role to `figure`, `e` from there on to the next role. */
typedef struct cp_drawn_edge {
  Agedge_t *e;      /* NULL: not drawn */
  long route;       /* the best route it is on: 0 the route, a >= 1 alternative a; -1 none */
  long step;        /* its step on that route, from 0 */
  Agnode_t *figure; /* or NULL: the figure is e's label, or there is none */
  Agedge_t *from;   /* with a figure node: the line into it */
  double figure_w, figure_h; /* its size, in points */
} cp_drawn_edge;

/* The career map's grid (render_map.c), in points with y growing downwards from the top of
 * the drawing; render_map.c turns it into Graphviz's coordinates (y up) when it pins nodes. */
typedef struct cp_map {
  size_t n_lanes, n_columns;
  size_t *lane_of;     /* per role drawn: its lane */
  size_t *lane_domain; /* per lane: the domain's index in d->domains (SIZE_MAX: none) */
  size_t *column_of;   /* per role drawn: its column */
  int column_level[CP_MAX_LEVEL + 1]; /* per column: its level (0: level not given) */
  double *x, *y, *w, *h;              /* per role drawn: centre and size */
  double *lane_top, *lane_bottom;
  double column_x[CP_MAX_LEVEL + 1]; /* centres */
  double title_w;                    /* the lane titles' column */
  double width, height;              /* of the lanes and headers */
} cp_map;

/* One drawing in the making: the question, what is drawn, and the cgraph graph. Arrays are
 * indexed by role or transition of `g`; cp_render owns them all. */
typedef struct cp_drawing {
  const cp_graph *g;
  const cp_render_options *o;
  cp_format format;
  const char *title;       /* o->title, else the graph's label, else its name; NULL: untitled */
  const cp_route **routes; /* o->route, then o->alternatives */
  size_t n_routes;
  Agraph_t *ag;
  char **domains; /* distinct domains of the graph, sorted; borrowed from roles */
  size_t n_domains;
  Agnode_t **nodes;                 /* per role, NULL when not drawn (not for cards) */
  long *role_route;                 /* per role: the best route it is on, -1 */
  long *role_pos;                   /* ... and its position there */
  cp_drawn_edge *edges;             /* per transition */
  uint8_t *region_role, *region_tr; /* options' region: what is drawn; NULL: everything */
  cp_engine engine;
  cp_map map;
  double legend_top; /* where the legend goes (points, y down), past the drawing */
} cp_drawing;

/* ---- render.c ---- */
/* Frees what the steps below made (not the drawing itself, nor what it borrows). */
void cp_render_drawing_free(cp_drawing *d);

/* ---- render_plan.c: what is drawn ---- */
/* Checks the options against the graph and fills the drawing's routes, per-role and
 * per-transition arrays and its domains. CP_EINVAL or CP_ENOMEM. */
cp_status cp_render_plan(cp_drawing *d, cp_error *err);
/* Whether role `role` is drawn: the routes' roles always, else those shown and in the region. */
bool cp_render_drawn(const cp_drawing *d, size_t role);
/* Whether transition `t` is drawn: both its roles are, and it is in the region if any. */
bool cp_render_move_drawn(const cp_drawing *d, size_t t);
/* The position of `domain` in d->domains (0 when absent). */
size_t cp_render_domain_index(const cp_drawing *d, const char *domain);
/* Whether transition `t` is a step of route `r` (0: the route, a: alternative a). */
bool cp_render_on_route(const cp_drawing *d, size_t t, size_t r);

/* ---- render_cgraph.c: the cgraph graph, with deterministic IDs ---- */
/* A directed graph whose object IDs follow the order names are first seen; NULL on failure. */
Agraph_t *cp_render_open_graph(void);
void cp_render_set(void *obj, const char *key, const char *value);
/* `html` as an HTML-like label (Graphviz's <...> labels); the caller escapes its text. */
void cp_render_set_html(void *obj, const char *key, const char *html);
void cp_render_setf(void *obj, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A helper node (header, legend entry) under a name no role uses, with id `base`. */
Agnode_t *cp_render_helper_node(Agraph_t *parent, const char *base);
/* `s` as Graphviz label text (backslashes doubled, & as &amp;): replaces / appends to `out`. */
cp_status cp_render_label_text(const char *s, cp_buf *out);
cp_status cp_render_append_label_text(cp_buf *out, const char *s);
/* `s` as label text broken into lines of at most `width` characters (UTF-8 code points) at
 * spaces, lines joined by `eol` ("\\n" centred, "\\l" left); *lines gets their number. */
cp_status cp_render_wrapped_text(const char *s, size_t width, const char *eol, cp_buf *out,
                                 size_t *lines);
/* The same as HTML-like label text, appended, lines joined by left-aligned breaks. */
cp_status cp_render_append_wrapped_html(cp_buf *out, const char *s, size_t width);
/* `s` as HTML-like label text (&, <, >, " as entities), appended. */
cp_status cp_render_append_html_text(cp_buf *out, const char *s);

/* ---- render_build.c: the map's and the force layouts' graph ---- */
/* Builds d->ag: roles, moves, styles, and for the map its lanes, headers and legend. */
cp_status cp_render_build(cp_drawing *d, cp_error *err);
/* The id (SVG group id) of drawn role `role` and of the drawn edge of transition `t`:
 * "role_3", "route_node_0", "edge_5", "route_edge_1", "alt2_edge_0". The one place ids are
 * made (with cp_render_card_id for cards). */
void cp_render_role_id(const cp_drawing *d, size_t role, char *buf, size_t n);
void cp_render_edge_id(const cp_drawing *d, size_t t, char *buf, size_t n);

/* ---- render_map.c: the career map's grid ---- */
/* Characters per line of a role's name in its box (11 pt, 128 pt wide). */
enum { CP_RENDER_NODE_CHARS = 22 };
/* Columns (levels), lanes (domains, ordered so moves cross few lanes), each role's cell and
 * place in it: fills d->map. O(L^4 + m) for L lanes and m moves, plus the cells' ordering. */
cp_status cp_render_map_place(cp_drawing *d);
/* Pins the drawn roles where the map placed them, and draws lanes and level headers. */
cp_status cp_render_map_draw(cp_drawing *d, cp_buf *tmp);
/* A domain's name as people read it: from the graph's `domain_label` attribute
 * ("id=Label; id=Label"), else the id in title case ("clinical-it" -> "Clinical IT"). */
cp_status cp_render_domain_label(const cp_drawing *d, const char *domain, cp_buf *out);
/* The name of level `level` ("Entry" ... "Executive", "Level not given"). */
const char *cp_render_level_name(int level);

/* ---- render_style.c: colours, lines, fonts ---- */
/* The smallest font size a drawing uses, in points: the minimum text size on paper is
 * stated against it (render_page.c). */
#define CP_RENDER_SMALLEST_FONT 10.0
/* The graph's attributes and the node and edge defaults; `title` is label text or NULL. */
void cp_render_style_graph(const cp_drawing *d, const char *title);
/* Opens d->ag and styles it, with d->title as its title (label text made in `tmp`).
 * CP_ERENDER (err set) when Graphviz cannot, CP_ENOMEM (err not set) for the title. */
cp_status cp_render_open_styled(cp_drawing *d, cp_buf *tmp, cp_error *err);
/* A domain's fill: distinct in lightness (so in greyscale) and in hue for colour-blind
 * readers; the same domain has the same colour in every drawing of a graph. */
const char *cp_render_domain_colour(size_t domain);
/* Route r's colour, line style and name ("solid", "dashed", "dotted"): routes differ in line
 * as well as colour, so they stay apart in greyscale. */
const char *cp_render_route_colour(size_t r);
const char *cp_render_route_line(size_t r);
/* A role on route r; a move on routes, the best first. */
void cp_render_style_route_node(Agnode_t *n, size_t r);
void cp_render_style_route_edge(const cp_drawing *d, Agedge_t *e, size_t t, cp_buf *tmp);
/* The figure an edge shows for criterion `by` ("6 mo", "$1,000", "effort 3"), or "". */
void cp_render_edge_figure(const cp_transition *t, cp_criterion by, char *buf, size_t n);
/* What route r is called in keys and headings: o->route_labels[r], else "Route 1: 3 steps,
 * 60 months, $695". */
cp_status cp_render_route_label(const cp_drawing *d, size_t r, cp_buf *out);

/* ---- render_legend.c: the key under the drawing ---- */
/* Routes (a line each, in their style), what the figures on moves are, the effort scale in
 * words, and domain colours when there are no lanes; pinned from d->legend_top down. */
cp_status cp_render_legend(cp_drawing *d, cp_buf *tmp);

/* ---- render_card.c: route-only drawings ---- */
/* Each route a column of cards, side by side under a heading each: the role, and the step
 * into it (months and cost the person pays, requirements held / to earn / other). */
cp_status cp_render_cards(cp_drawing *d, cp_error *err);
/* The card for the role at position `pos` of route `r`, as an HTML-like label: its name, then
 * the step into it (its figures, effort in words, requirements by status). */
cp_status cp_render_card_text(const cp_drawing *d, const cp_route *r, size_t pos, cp_buf *out);
/* "route_node_2", "alt1_node_0"; "route_edge_1", "alt1_edge_0"; "route_head", "alt1_head". */
void cp_render_card_id(size_t route, size_t pos, char *buf, size_t n);
void cp_render_step_id(size_t route, size_t step, char *buf, size_t n);
void cp_render_head_id(size_t route, char *buf, size_t n);
/* The figures step `k` of route `r` costs the person: o->paid_*, else the graph's. */
void cp_render_step_paid(const cp_drawing *d, size_t t, double *months, double *cost);

/* ---- render_layout.c: Graphviz layout, in-process ---- */
/* Chooses d->engine: cards for route-only drawings, else the options', else the map when
 * a role drawn has a level and there are at most CP_RENDER_MAP_MAX of them, else neato up to
 * that many, else sfdp. CP_EINVAL for an unknown layout. */
enum { CP_RENDER_MAP_MAX = 300 };
cp_status cp_render_choose_engine(cp_drawing *d, cp_error *err);
/* CP_ENOMEM unless there is room for Graphviz to lay the drawing out. */
cp_status cp_render_room(const cp_drawing *d, cp_error *err);
/* Graphviz's cairo/pango plugin, the installed file's full path (configured by CMake). */
extern const char cp_render_pango_plugin[];
/* Loads the Graphviz plugin file `path` and hands back the address of its `symbol` (its
 * gvplugin_*_LTX_library) in *library. The file stays loaded for the process. CP_ERENDER,
 * naming the file and the loader's reason, when it cannot be loaded or lacks the symbol. */
cp_status cp_render_load_plugin(const char *path, const char *symbol, void **library,
                                cp_error *err);
/* Lays d->ag out and renders it for `device` ("svg", "png:cairo", "pdf:cairo"); hands back
 * malloc'd bytes, NUL-terminated. */
cp_status cp_render_layout(cp_drawing *d, const char *device, char **out, size_t *out_len,
                           cp_error *err);

/* ---- render_labels.c: where each move's figure goes on the map ---- */
/* Pins each figure node on the straight way between its roles, as near the middle as is free
 * of roles and figures placed before, else beside it. O(m * c * (n + m)) for m figures, n
 * roles and c places tried per figure. */
cp_status cp_render_place_labels(cp_drawing *d);

/* ---- render_page.c: paper and resolution ---- */
/* Paper sizes in points, portrait; false for CP_PAPER_NONE. */
bool cp_render_paper_size(cp_paper paper, double *w, double *h);
/* After layout: scales the drawing to the paper (never below CP_RENDER_MIN_TEXT points for
 * the smallest text; a PDF then spans several pages), sets the PDF page and the PNG dpi. */
void cp_render_fit_page(const cp_drawing *d, Agraph_t *ag);

/* ---- render_write.c: the output formats ---- */
cp_status cp_render_write(cp_drawing *d, char **out, size_t *out_len, cp_error *err);

/* ---- render_svg.c: a <title> and <desc> for screen readers ---- */
/* `svg` as Graphviz wrote it for the drawing, with each role, move, card and the drawing
 * itself titled and described; malloc'd. */
cp_status cp_render_accessible_svg(const cp_drawing *d, const char *svg, size_t len, char **out,
                                   size_t *out_len, cp_error *err);

#endif /* CP_RENDER_INTERNAL_H */
