/* render_build.c: builds the drawing's cgraph graph: domain boxes, role nodes, move edges. */
#include "render_internal.h"

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
    if (d->route_pos[i] >= 0) {
      snprintf(name, sizeof name, "route_node_%ld", d->route_pos[i]);
      cp_render_style_route_node(n);
    } else {
      snprintf(name, sizeof name, "role_%zu", i);
    }
    cp_render_set(n, "id", name);
    if (r->level >= 1 && r->level <= CP_MAX_LEVEL)
      used[r->level] = true;
  }
  return st;
}

/* Whether alternative `a` may style a drawn edge whose id is `id`: the route's own edges
 * and those of a better alternative keep their style (parallel moves share a drawn edge). */
static bool outranks(const char *id, long a) {
  long current;
  if (id && !strncmp(id, "route_edge_", 11))
    return false;
  if (id && sscanf(id, "alt%ld_edge_", &current) == 1 && current <= a)
    return false;
  return true;
}

/* One drawn edge per pair of roles, its label listing each move's figure: Graphviz 2.42's
 * dot crashes on parallel flat edges (two moves between roles of one level), and one edge
 * listing the alternatives reads better anyway. */
static cp_status add_transitions(cp_drawing *d, cp_buf *tmp) {
  char name[64], figure[64];
  for (size_t i = 0; i < d->g->n_transitions; i++) {
    const cp_transition *t = &d->g->transitions[i];
    bool on_route = d->route_step[i] >= 0;
    if ((d->o->route_only && !on_route) || !d->nodes[t->from] || !d->nodes[t->to] ||
        (d->region_tr && !d->region_tr[i]))
      continue;
    int lf = d->g->roles[t->from].level, lt = d->g->roles[t->to].level;
    bool reversed = cp_render_level_constraint(d, NULL, lf, lt);
    Agnode_t *tail = d->nodes[reversed ? t->to : t->from];
    Agnode_t *head = d->nodes[reversed ? t->from : t->to];
    Agedge_t *e = agedge(d->ag, tail, head, NULL, 0);
    if (!e)
      e = agedge(d->ag, head, tail, NULL, 0);
    /* Route-only drawings carry the figures on their cards. */
    if (d->o->route_only)
      figure[0] = '\0';
    else
      cp_render_edge_figure(t, d->o->label_by, figure, sizeof figure);
    const char *label_key = cp_render_is_flat(d, lf, lt) ? "xlabel" : "label";
    bool forward = !e || agtail(e) == d->nodes[t->from];
    if (e) {
      const char *dir = agget(e, (char *)"dir");
      bool was_forward = !dir || strcmp(dir, "back");
      if (strcmp(dir ? dir : "", "both") && was_forward != forward)
        cp_render_set(e, "dir", "both");
      const char *label = agget(e, (char *)label_key);
      if (*figure && label && *label) {
        tmp->len = 0;
        cp_status st = cp_buf_puts(tmp, label);
        if (!st)
          st = cp_buf_printf(tmp, " / %s", figure);
        if (st)
          return st;
        cp_render_set(e, label_key, tmp->data);
      } else if (*figure) {
        cp_render_set(e, label_key, figure);
      }
    } else {
      /* A move within one domain belongs to that domain's cluster, where dot ranks it. */
      Agraph_t *owner = d->ag;
      if (!d->o->route_only && *d->g->roles[t->from].domain &&
          !strcmp(d->g->roles[t->from].domain, d->g->roles[t->to].domain))
        owner = d->clusters[cp_render_domain_index(d, d->g->roles[t->from].domain)];
      snprintf(name, sizeof name, "t%zu", i);
      e = agedge(owner, tail, head, name, 1);
      if (reversed)
        cp_render_set(e, "dir", "back");
      if (*figure)
        cp_render_set(e, label_key, figure);
      cp_render_level_constraint(d, e, lf, lt);
      snprintf(name, sizeof name, "edge_%zu", i);
      cp_render_set(e, "id", name);
    }
    if (on_route) {
      snprintf(name, sizeof name, "route_edge_%ld", d->route_step[i]);
      cp_render_set(e, "id", name);
      cp_render_style_route_edge(e);
    } else if (d->alt_of[i] >= 0 && outranks(agget(e, (char *)"id"), d->alt_of[i])) {
      long a = d->alt_of[i];
      snprintf(name, sizeof name, "alt%ld_edge_%ld", a, d->alt_step[i]);
      cp_render_set(e, "id", name);
      cp_render_style_alternative_edge(e, a);
    }
  }
  return CP_OK;
}

cp_status cp_render_build(cp_drawing *d, cp_error *err) {
  cp_status st = CP_OK;
  cp_buf tmp = {0};
  bool used[CP_MAX_LEVEL + 2] = {false};
  if ((st = cp_render_label_text(d->title, &tmp)))
    goto cleanup;
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
