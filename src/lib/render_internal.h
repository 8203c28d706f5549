/* render_internal.h: the drawing that render*.c build together, not part of the public API. */
#ifndef CP_RENDER_INTERNAL_H
#define CP_RENDER_INTERNAL_H

#include "internal.h"

#include <graphviz/cgraph.h>

/* Levels run 1 (entry) to CP_MAX_LEVEL (executive); a role outside that has no column. */
enum { CP_MAX_LEVEL = 5 };

/* An edge as drawn. All the moves between one pair of roles share it (Graphviz 2.42's dot
 * crashes on parallel flat edges): it carries the figure of each, points both ways when they do,
 * and takes the style, id and description of the best route any of them is on. */
enum { CP_ARROW_HEAD = 1, CP_ARROW_TAIL = 2, CP_ARROW_BOTH = 3 };
typedef struct cp_drawn_edge {
  Agedge_t *e;
  size_t tail;    /* the role laid out at its tail (the head role for a move down the levels) */
  size_t move;    /* the transition its id and description name */
  long route;     /* -1: no route; 0: a step of the route; a >= 1: of alternative a */
  long step;      /* that step, from 0 */
  uint8_t arrows; /* CP_ARROW_*: where arrowheads are drawn */
} cp_drawn_edge;

/* One drawing in the making: the question, what is drawn, and the cgraph graph. Arrays are
 * indexed by role or transition of `g`; cp_render owns them all. */
typedef struct cp_drawing {
  const cp_graph *g;
  const cp_render_options *o;
  const char *title; /* the drawing's title: o->title, else the graph's label, else its name */
  Agraph_t *ag;
  char **domains; /* distinct domains, sorted; borrowed from roles */
  size_t n_domains;
  Agnode_t **nodes;                 /* per role, NULL when not drawn */
  Agraph_t **clusters;              /* per domain, NULL when not drawn */
  int rank_of[CP_MAX_LEVEL + 2];    /* column of each level present; -1 when absent */
  long *route_pos;                  /* per role: position on the route, -1 when off it */
  long *route_step;                 /* per transition: step on the route, -1 when off it */
  long *alt_of;                     /* per transition: the first alternative it is on, -1 */
  long *alt_step;                   /* ... and its step there */
  size_t *edge_of;                  /* per transition: the transition whose drawn edge carries
                                       it (the first of its pair of roles); SIZE_MAX: none */
  cp_drawn_edge *edges;             /* per transition that makes a drawn edge (edge_of[i] == i) */
  uint8_t *region_role, *region_tr; /* options' region: what is drawn; NULL: everything */
  const char *engine;               /* Graphviz layout: dot, sfdp or neato */
} cp_drawing;

/* ---- render.c ---- */
/* Frees what the steps below made (not the drawing itself, nor what it borrows). */
void cp_render_drawing_free(cp_drawing *d);

/* ---- render_plan.c: what is drawn ---- */
/* Checks the options against the graph and fills the drawing's per-role and per-transition
 * arrays (route, alternatives, region) and its domains. CP_EINVAL or CP_ENOMEM. */
cp_status cp_render_plan(cp_drawing *d, cp_error *err);
/* Whether role `role` is drawn: the route's roles always, else those shown and in the region. */
bool cp_render_drawn(const cp_drawing *d, size_t role);
/* Whether transition `t` is drawn: both its roles are, and it is on the route in route-only
 * drawings, in the region when there is one. */
bool cp_render_move_drawn(const cp_drawing *d, size_t t);
/* The position of `domain` in d->domains (0 when absent). */
size_t cp_render_domain_index(const cp_drawing *d, const char *domain);

/* ---- render_cgraph.c: the cgraph graph, with deterministic IDs ---- */
/* A directed graph whose object IDs follow the order names are first seen; NULL on failure. */
Agraph_t *cp_render_open_graph(void);
void cp_render_set(void *obj, const char *key, const char *value);
/* A helper node (level anchor, legend entry) under a name no role uses, with id `base`. */
Agnode_t *cp_render_helper_node(Agraph_t *parent, const char *base);
/* `s` as Graphviz label text (backslashes doubled, & as &amp;): replaces / appends to `out`. */
cp_status cp_render_label_text(const char *s, cp_buf *out);
cp_status cp_render_append_label_text(cp_buf *out, const char *s);

/* ---- render_build.c: the drawing as a cgraph graph ---- */
/* Builds d->ag: roles, moves, and (dot, whole drawings) level columns and the legend. */
cp_status cp_render_build(cp_drawing *d, cp_error *err);
/* The id (SVG group id) of drawn role `role` and of a drawn edge: "role_3", "route_node_0",
 * "edge_5", "route_edge_1", "alt2_edge_0". The one place ids are made. */
void cp_render_role_id(const cp_drawing *d, size_t role, char *buf, size_t n);
void cp_render_edge_id(const cp_drawn_edge *de, char *buf, size_t n);

/* ---- render_levels.c: levels as columns ---- */
/* Fills d->rank_of from the levels `used` by the roles drawn. */
void cp_render_columns(cp_drawing *d, const bool used[CP_MAX_LEVEL + 2]);
/* Sets minlen on `e` (when not NULL) to the columns between the two levels; returns whether
 * the edge must be laid out reversed (a move down the levels). */
bool cp_render_level_constraint(const cp_drawing *d, Agedge_t *e, int from_level, int to_level);
/* Whether a move between these levels is drawn flat (its label must be an xlabel). */
bool cp_render_is_flat(const cp_drawing *d, int from_level, int to_level);
/* Invisible level anchors and the edges that pin each levelled role to its column. */
void cp_render_level_bands(cp_drawing *d, const bool used[CP_MAX_LEVEL + 2]);
/* Invisible edges between consecutive levels inside each domain's cluster. */
void cp_render_order_levels_in_domains(cp_drawing *d);

/* ---- render_style.c: colours, lines, fonts and the legend ---- */
/* The graph's attributes and the node and edge defaults; `title` is label text. */
void cp_render_style_graph(const cp_drawing *d, const char *title);
const char *cp_render_domain_colour(size_t domain);
void cp_render_style_route_node(Agnode_t *n);
void cp_render_style_route_edge(Agedge_t *e);
/* Alternative `a` (1-based) of the drawing's routes. */
void cp_render_style_alternative_edge(Agedge_t *e, long a);
/* The figure an edge shows for criterion `by` ("6 mo", "$1,000", "effort 3"), or "". */
void cp_render_edge_figure(const cp_transition *t, cp_criterion by, char *buf, size_t n);
/* A legend cluster: a box per domain drawn, a key entry per route, a note. */
cp_status cp_render_legend(cp_drawing *d, cp_buf *tmp);

/* ---- render_card.c: route-only drawings' cards ---- */
/* The card for the role at position `pos` of the route, as label text. */
cp_status cp_render_card_text(const cp_drawing *d, long pos, const cp_role *role, cp_buf *out);

/* ---- render_layout.c: Graphviz layout, in-process ---- */
/* Chooses d->engine (the options', else dot up to a size, sfdp above); CP_EINVAL if unknown. */
cp_status cp_render_choose_engine(cp_drawing *d, cp_error *err);
/* CP_ENOMEM unless there is room for Graphviz to lay the drawing out. */
cp_status cp_render_room(const cp_drawing *d, cp_error *err);
/* Lays out and renders `ag` for `device` ("svg", "png:cairo", "pdf:cairo"); hands back
 * malloc'd bytes, NUL-terminated. */
cp_status cp_render_layout(Agraph_t *ag, const char *engine, const char *device, char **out,
                           size_t *out_len, cp_error *err);

/* ---- render_write.c: the output formats ---- */
cp_status cp_render_write(const cp_drawing *d, cp_format format, char **out, size_t *out_len,
                          cp_error *err);

/* ---- render_svg.c: a <title> and <desc> for screen readers ---- */
/* `svg` as Graphviz wrote it for the drawing, with each role, move and the drawing itself
 * titled and described; malloc'd. */
cp_status cp_render_accessible_svg(const cp_drawing *d, const char *svg, size_t len, char **out,
                                   size_t *out_len, cp_error *err);

#endif /* CP_RENDER_INTERNAL_H */
