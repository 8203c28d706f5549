/* render_build.c: builds the drawing's cgraph graph: domain boxes, role nodes, move edges. */
#include "render_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cluster of domain `di`, made the first time a role of it is drawn. */
static Agraph_t *domain_cluster(cp_drawing *d, size_t di, const char *domain, cp_buf *tmp,
                                cp_status *st) {
  if (d->clusters[di])
    return d->clusters[di];
  char name[64];
  snprintf(name, sizeof name, "cluster_domain_%zu", di);
  Agraph_t *c = d->clusters[di] = agsubg(d->ag, name, 1);
  if ((*st = cp_render_label_text(domain, tmp)))
    return NULL;
  cp_render_set(c, "label", tmp->data);
  cp_render_set(c, "id", name);
  return c;
}

static cp_status add_roles(cp_drawing *d, cp_buf *tmp, bool used[CP_MAX_LEVEL + 2]) {
  d->clusters = calloc(d->n_domains ? d->n_domains : 1, sizeof *d->clusters);
  if (!d->clusters)
    return CP_ENOMEM;
  char name[64];
  cp_status st = CP_OK;
  for (size_t i = 0; i < d->g->n_roles && !st; i++) {
    const cp_role *r = &d->g->roles[i];
    if (!cp_render_drawn(d, i))
      continue;
    size_t di = cp_render_domain_index(d, r->domain);
    Agraph_t *parent = d->ag;
    if (*r->domain && !d->o->route_only && !(parent = domain_cluster(d, di, r->domain, tmp, &st)))
      break;
    Agnode_t *n = agnode(parent, r->id, 1);
    d->nodes[i] = n;
    if ((st = d->o->route_only ? cp_render_card_text(d, d->route_pos[i], r, tmp)
                               : cp_render_label_text(r->label, tmp)))
      break;
    cp_render_set(n, "label", tmp->data);
    cp_render_set(n, "fillcolor", cp_render_domain_colour(di));
    if (d->route_pos[i] >= 0)
      cp_render_style_route_node(n);
    cp_render_role_id(d, i, name, sizeof name);
    cp_render_set(n, "id", name);
    if (r->level >= 1 && r->level <= CP_MAX_LEVEL)
      used[r->level] = true;
  }
  return st;
}

void cp_render_role_id(const cp_drawing *d, size_t role, char *buf, size_t n) {
  if (d->route_pos[role] >= 0)
    snprintf(buf, n, "route_node_%ld", d->route_pos[role]);
  else
    snprintf(buf, n, "role_%zu", role);
}

void cp_render_edge_id(const cp_drawn_edge *de, char *buf, size_t n) {
  if (de->route < 0)
    snprintf(buf, n, "edge_%zu", de->move);
  else if (de->route == 0)
    snprintf(buf, n, "route_edge_%ld", de->step);
  else
    snprintf(buf, n, "alt%ld_edge_%ld", de->route, de->step);
}

/* The first move between two roles makes their edge: in the domain's cluster when both
 * roles are of one domain (dot ranks it there), laid out down the levels. */
static void new_edge(cp_drawing *d, size_t i, bool reversed, const char *label_key,
                     const char *figure) {
  const cp_transition *t = &d->g->transitions[i];
  const cp_role *from = &d->g->roles[t->from], *to = &d->g->roles[t->to];
  Agraph_t *owner = d->ag;
  if (!d->o->route_only && *from->domain && !strcmp(from->domain, to->domain))
    owner = d->clusters[cp_render_domain_index(d, from->domain)];
  cp_drawn_edge *de = &d->edges[i];
  *de = (cp_drawn_edge){.tail = reversed ? t->to : t->from,
                        .move = i,
                        .route = -1,
                        .step = -1,
                        .arrows = reversed ? CP_ARROW_TAIL : CP_ARROW_HEAD};
  char name[64];
  snprintf(name, sizeof name, "t%zu", i);
  de->e = agedge(owner, d->nodes[de->tail], d->nodes[reversed ? t->from : t->to], name, 1);
  if (reversed)
    cp_render_set(de->e, "dir", "back");
  if (*figure)
    cp_render_set(de->e, label_key, figure);
  cp_render_level_constraint(d, de->e, from->level, to->level);
  cp_render_edge_id(de, name, sizeof name);
  cp_render_set(de->e, "id", name);
}

/* A further move between the same two roles: its figure joins the label ("6 mo / 12 mo"),
 * and a move the other way makes the edge point both ways. */
static cp_status join_edge(cp_drawing *d, size_t i, const char *label_key, const char *figure,
                           cp_buf *tmp) {
  cp_drawn_edge *de = &d->edges[d->edge_of[i]];
  uint8_t arrow = de->tail == d->g->transitions[i].from ? CP_ARROW_HEAD : CP_ARROW_TAIL;
  if (!(de->arrows & arrow)) {
    de->arrows = CP_ARROW_BOTH;
    cp_render_set(de->e, "dir", "both");
  }
  const char *label = agget(de->e, (char *)label_key);
  if (*figure && label && *label) {
    tmp->len = 0;
    cp_status st = cp_buf_puts(tmp, label);
    if (!st)
      st = cp_buf_printf(tmp, " / %s", figure);
    if (st)
      return st;
    cp_render_set(de->e, label_key, tmp->data);
  } else if (*figure) {
    cp_render_set(de->e, label_key, figure);
  }
  return CP_OK;
}

/* A move on the route styles its edge as the route's; one on an alternative, as that
 * alternative's unless the route or a better alternative styled it already. */
static void style_edge(cp_drawing *d, size_t i) {
  cp_drawn_edge *de = &d->edges[d->edge_of[i]];
  long a = d->alt_of[i];
  char name[64];
  if (d->route_step[i] >= 0) {
    de->move = i, de->route = 0, de->step = d->route_step[i];
    cp_render_edge_id(de, name, sizeof name);
    cp_render_set(de->e, "id", name);
    cp_render_style_route_edge(de->e);
  } else if (a >= 0 && (de->route < 0 || de->route > a)) {
    de->move = i, de->route = a, de->step = d->alt_step[i];
    cp_render_edge_id(de, name, sizeof name);
    cp_render_set(de->e, "id", name);
    cp_render_style_alternative_edge(de->e, a);
  }
}

/* One drawn edge per pair of roles, its label listing each move's figure: Graphviz 2.42's
 * dot crashes on parallel flat edges (two moves between roles of one level), and one edge
 * listing the alternatives reads better anyway. Route-only drawings carry the figures on
 * their cards. */
static cp_status add_transitions(cp_drawing *d, cp_buf *tmp) {
  char figure[64] = "";
  for (size_t i = 0; i < d->g->n_transitions; i++) {
    if (d->edge_of[i] == SIZE_MAX)
      continue;
    const cp_transition *t = &d->g->transitions[i];
    int lf = d->g->roles[t->from].level, lt = d->g->roles[t->to].level;
    if (!d->o->route_only)
      cp_render_edge_figure(t, d->o->label_by, figure, sizeof figure);
    const char *label_key = cp_render_is_flat(d, lf, lt) ? "xlabel" : "label";
    if (d->edge_of[i] == i)
      new_edge(d, i, cp_render_level_constraint(d, NULL, lf, lt), label_key, figure);
    else if (join_edge(d, i, label_key, figure, tmp))
      return CP_ENOMEM;
    style_edge(d, i);
  }
  return CP_OK;
}

cp_status cp_render_build(cp_drawing *d, cp_error *err) {
  cp_status st = CP_OK;
  cp_buf tmp = {0};
  bool used[CP_MAX_LEVEL + 2] = {false};
  if ((st = cp_render_label_text(d->title, &tmp))) {
    cp_fail(err, st, "out of memory drawing the graph");
    goto cleanup;
  }
  if (!(d->ag = cp_render_open_graph())) {
    st = cp_fail(err, CP_ERENDER, "Graphviz could not create a graph");
    goto cleanup;
  }
  cp_render_style_graph(d, tmp.data);
  if ((st = add_roles(d, &tmp, used))) {
    cp_fail(err, st, "out of memory drawing the graph");
    goto cleanup;
  }
  cp_render_columns(d, used);
  if ((st = add_transitions(d, &tmp))) {
    cp_fail(err, st, "out of memory drawing the graph");
    goto cleanup;
  }
  /* Level columns and the boxed legend are dot's; the force-directed layouts ignore ranks and
   * clusters and would scatter the anchors. */
  if (!d->o->route_only && !strcmp(d->engine, "dot")) {
    cp_render_order_levels_in_domains(d);
    cp_render_level_bands(d, used);
    if ((st = cp_render_legend(d, &tmp)))
      cp_fail(err, st, "out of memory drawing the legend");
  }
cleanup:
  cp_buf_free(&tmp);
  return st;
}
