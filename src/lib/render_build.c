/* render_build.c: builds a map's (or a force layout's) cgraph graph: roles, moves, lanes. */
#include "render_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cp_render_role_id(const cp_drawing *d, size_t role, char *buf, size_t n) {
  if (d->role_route[role] == 0)
    snprintf(buf, n, "route_node_%ld", d->role_pos[role]);
  else
    snprintf(buf, n, "role_%zu", role);
}

void cp_render_edge_id(const cp_drawing *d, size_t t, char *buf, size_t n) {
  const cp_drawn_edge *de = &d->edges[t];
  if (de->route < 0)
    snprintf(buf, n, "edge_%zu", t);
  else if (de->route == 0)
    snprintf(buf, n, "route_edge_%ld", de->step);
  else
    snprintf(buf, n, "alt%ld_edge_%ld", de->route, de->step);
}

static cp_status add_roles(cp_drawing *d, cp_buf *tmp) {
  char name[64];
  cp_status st = CP_OK;
  for (size_t i = 0; i < d->g->n_roles && !st; i++) {
    const cp_role *r = &d->g->roles[i];
    size_t lines;
    if (!cp_render_drawn(d, i))
      continue;
    Agnode_t *n = d->nodes[i] = agnode(d->ag, r->id, 1);
    if ((st = cp_render_wrapped_text(r->label, CP_RENDER_NODE_CHARS, "\\n", tmp, &lines)))
      break;
    cp_render_set(n, "label", tmp->data);
    cp_render_set(n, "fillcolor", cp_render_domain_colour(cp_render_domain_index(d, r->domain)));
    if (d->role_route[i] >= 0)
      cp_render_style_route_node(n, (size_t)d->role_route[i]);
    cp_render_role_id(d, i, name, sizeof name);
    cp_render_set(n, "id", name);
  }
  return st;
}

/* A move's figure on a white ground, as an edge label (sfdp, loops). */
static cp_status figure_label(Agedge_t *e, const char *figure, cp_buf *tmp) {
  tmp->len = 0;
  cp_status st = cp_buf_puts(tmp, "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" "
                                  "cellpadding=\"1\" bgcolor=\"white\"><tr><td>");
  if (!st)
    st = cp_render_append_html_text(tmp, figure);
  if (!st)
    st = cp_buf_puts(tmp, "</td></tr></table>");
  if (!st)
    cp_render_set_html(e, "label", tmp->data);
  return st;
}

/* Graphviz's Helvetica estimate, near enough: the node is sized to it. */
static double figure_width(const char *figure) {
  size_t cps = 0;
  for (const char *p = figure; *p; p++)
    cps += ((unsigned char)*p & 0xC0) != 0x80;
  return (double)cps * 10 * 0.56 + 5;
}

/* The figure as a node the move's line runs through: the line comes in from the role it
 * leaves (no arrowhead) and goes on to the role it reaches. */
static cp_status figure_node(cp_drawing *d, size_t t, const char *figure, cp_buf *tmp) {
  const cp_transition *tr = cp_tr(d->g, t);
  cp_drawn_edge *de = &d->edges[t];
  char name[96], id[64];
  cp_render_edge_id(d, t, id, sizeof id);
  snprintf(name, sizeof name, "%s-figure", id);
  de->figure = cp_render_helper_node(d->ag, name);
  tmp->len = 0;
  cp_status st = cp_render_label_text(figure, tmp);
  if (st)
    return st;
  de->figure_w = figure_width(figure);
  de->figure_h = 13;
  cp_render_set(de->figure, "label", tmp->data);
  cp_render_set(de->figure, "shape", "box");
  cp_render_set(de->figure, "style", "filled");
  cp_render_set(de->figure, "fillcolor", "#FFFFFF");
  cp_render_set(de->figure, "color", "#FFFFFF");
  cp_render_set(de->figure, "penwidth", "0");
  cp_render_set(de->figure, "fontsize", "10");
  cp_render_set(de->figure, "margin", "0.01,0.01");
  cp_render_set(de->figure, "fixedsize", "true");
  cp_render_setf(de->figure, "width", "%g", de->figure_w / 72);
  cp_render_setf(de->figure, "height", "%g", de->figure_h / 72);
  if (de->route >= 0)
    cp_render_set(de->figure, "fontcolor", de->route == 0 ? "#A63C00" : "#000000");
  snprintf(name, sizeof name, "t%zu-from", t);
  de->from = agedge(d->ag, d->nodes[tr->from], de->figure, name, 1);
  cp_render_set(de->from, "arrowhead", "none");
  snprintf(name, sizeof name, "%s-from", id);
  cp_render_set(de->from, "id", name);
  snprintf(name, sizeof name, "t%zu", t);
  de->e = agedge(d->ag, de->figure, d->nodes[tr->to], name, 1);
  return CP_OK;
}

/* One line per move, so parallel moves keep their own figure and the move a route takes is
 * the line drawn in its colour. */
static cp_status add_moves(cp_drawing *d, cp_buf *tmp) {
  char figure[64], name[64];
  cp_status st = CP_OK;
  for (size_t t = 0; t < d->g->n_transitions && !st; t++) {
    const cp_transition *tr = cp_tr(d->g, t);
    cp_drawn_edge *de = &d->edges[t];
    if (!cp_render_move_drawn(d, t))
      continue;
    cp_render_edge_figure(tr, d->o->label_by, figure, sizeof figure);
    if (*figure && tr->from != tr->to && d->engine != CP_ENGINE_SFDP) {
      st = figure_node(d, t, figure, tmp);
    } else {
      snprintf(name, sizeof name, "t%zu", t);
      de->e = agedge(d->ag, d->nodes[tr->from], d->nodes[tr->to], name, 1);
      if (*figure)
        st = figure_label(de->e, figure, tmp);
    }
    if (st)
      break;
    if (de->route >= 0) {
      cp_render_style_route_edge(d, de->e, t, tmp);
      if (de->from)
        cp_render_style_route_edge(d, de->from, t, tmp);
    }
    cp_render_edge_id(d, t, name, sizeof name);
    cp_render_set(de->e, "id", name);
  }
  return st;
}

/* Graphviz lays the drawing out with positions given ("nop1": neato's no-op mode, which
 * keeps each role where it is pinned and routes the lines around roles). */
static void layout_attributes(cp_drawing *d) {
  cp_render_set(d->ag, "splines", d->engine == CP_ENGINE_SFDP ? "line" : "true");
  cp_render_set(d->ag, "sep", "+4");
  cp_render_set(d->ag, "esep", "+2");
  if (d->engine != CP_ENGINE_MAP) {
    cp_render_set(d->ag, "overlap", "false"); /* force layouts: roles moved apart */
    cp_render_set(d->ag, "pack", "true");
  }
}

cp_status cp_render_build(cp_drawing *d, cp_error *err) {
  cp_status st = CP_OK;
  cp_buf tmp = {0};
  if ((st = cp_render_open_styled(d, &tmp, err)))
    goto cleanup;
  layout_attributes(d);
  if ((d->engine == CP_ENGINE_MAP && (st = cp_render_map_place(d))) || (st = add_roles(d, &tmp)) ||
      (st = add_moves(d, &tmp)))
    goto cleanup;
  if (d->engine == CP_ENGINE_MAP && (st = cp_render_place_labels(d)))
    goto cleanup;
  /* The force layouts get their key after Graphviz has placed the roles (render_layout.c). */
  if (d->engine == CP_ENGINE_MAP && !(st = cp_render_map_draw(d, &tmp)))
    st = cp_render_legend(d, &tmp);
cleanup:
  if (st && st != CP_ERENDER)
    st = cp_fail(err, st, "out of memory drawing the graph");
  cp_buf_free(&tmp);
  return st;
}
