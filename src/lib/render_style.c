/* render_style.c: how a drawing looks: colours, line styles, fonts, edge figures, the legend. */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

/* Paul Tol's "light" scheme: distinguishable with the common colour-vision deficiencies,
 * and light enough for black text. */
static const char *const palette[] = {"#77AADD", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
                                      "#EEDD88", "#EE8866", "#FFAABB", "#DDDDDD"};
enum { PALETTE_SIZE = sizeof palette / sizeof palette[0] };

#define ROUTE_COLOUR "#CC3311"
/* The route, then its alternatives: Paul Tol's "vibrant" colours (distinguishable with the
 * common colour-vision deficiencies) each with a line style of its own, so that routes
 * differ in more than colour, on paper too. */
static const struct {
  const char *colour, *line, *name;
} route_style[] = {
    {ROUTE_COLOUR, "solid", "solid red"}, {"#0077BB", "dashed", "dashed blue"},
    {"#009988", "dotted", "dotted teal"}, {"#EE7733", "dashed", "dashed orange"},
    {"#33BBEE", "dotted", "dotted cyan"}, {"#EE3377", "dashed", "dashed magenta"},
};
enum { ROUTE_STYLES = sizeof route_style / sizeof route_style[0] };
/* Graphviz sizes text with its built-in Helvetica metrics (a name starting "Helvetica"
 * selects them) and writes the name as the SVG font-family: the metric-compatible
 * fallbacks make viewers without Helvetica draw text at the measured width. */
#define FONT "Helvetica, Arial, Liberation Sans, Arimo, sans-serif"

void cp_render_style_graph(const cp_drawing *d, const char *title) {
  cp_render_set(d->ag, "label", title);
  cp_render_set(d->ag, "labelloc", "t");
  cp_render_set(d->ag, "fontsize", "18");
  cp_render_set(d->ag, "rankdir", "LR");
  if (strcmp(d->engine, "dot"))
    cp_render_set(d->ag, "overlap", "false"); /* force-directed layouts: move roles apart */
  cp_render_set(d->ag, "nodesep", "0.25");
  cp_render_set(d->ag, "ranksep", "0.6");
  cp_render_set(d->ag, "fontname", FONT);
  agattr(d->ag, AGRAPH, (char *)"style", (char *)"rounded");
  agattr(d->ag, AGRAPH, (char *)"color", (char *)"#BBBBBB");
  agattr(d->ag, AGNODE, (char *)"shape", (char *)"box");
  agattr(d->ag, AGNODE, (char *)"style", (char *)"rounded,filled");
  agattr(d->ag, AGNODE, (char *)"fontname", (char *)FONT);
  agattr(d->ag, AGNODE, (char *)"fontsize", (char *)"11");
  agattr(d->ag, AGEDGE, (char *)"color", (char *)"#777777");
  agattr(d->ag, AGEDGE, (char *)"fontname", (char *)FONT);
  agattr(d->ag, AGEDGE, (char *)"fontsize", (char *)"9");
}

const char *cp_render_domain_colour(size_t domain) { return palette[domain % PALETTE_SIZE]; }

void cp_render_style_route_node(Agnode_t *n) {
  cp_render_set(n, "penwidth", "3");
  cp_render_set(n, "color", ROUTE_COLOUR);
}

void cp_render_style_route_edge(Agedge_t *e) {
  cp_render_set(e, "penwidth", "3");
  cp_render_set(e, "color", ROUTE_COLOUR);
  cp_render_set(e, "fontcolor", ROUTE_COLOUR);
}

void cp_render_style_alternative_edge(Agedge_t *e, long a) {
  cp_render_set(e, "penwidth", "2.5");
  cp_render_set(e, "color", route_style[a % ROUTE_STYLES].colour);
  cp_render_set(e, "fontcolor", route_style[a % ROUTE_STYLES].colour);
  cp_render_set(e, "style", route_style[a % ROUTE_STYLES].line);
}

void cp_render_edge_figure(const cp_transition *t, cp_criterion by, char *buf, size_t n) {
  buf[0] = '\0';
  switch (by) {
  case CP_BY_MONTHS:
    if (t->has & CP_HAS_MONTHS)
      snprintf(buf, n, "%g mo", t->months);
    break;
  case CP_BY_COST:
    if (t->has & CP_HAS_COST)
      cp_format_money(t->cost, buf, n);
    break;
  case CP_BY_EFFORT:
    if (t->has & CP_HAS_EFFORT)
      snprintf(buf, n, "effort %g", t->effort);
    break;
  default: break;
  }
}

/* Adds `n` after `prev` in the legend's column (an invisible edge keeps the order). */
static Agnode_t *legend_chain(Agraph_t *legend, Agnode_t *prev, Agnode_t *n) {
  if (prev) {
    Agedge_t *e = agedge(legend, prev, n, NULL, 1);
    cp_render_set(e, "style", "invis");
  }
  return n;
}

/* A box per domain drawn, in the domain's own colour, as on the whole map. */
static cp_status legend_domains(const cp_drawing *d, Agraph_t *legend, Agnode_t **prev,
                                cp_buf *tmp) {
  char name[64];
  for (size_t i = 0; i < d->n_domains; i++) {
    if (!d->clusters[i] && !d->o->route_only && *d->domains[i])
      continue;
    snprintf(name, sizeof name, "legend_domain_%zu", i);
    Agnode_t *n = cp_render_helper_node(legend, name);
    cp_status st = cp_render_label_text(*d->domains[i] ? d->domains[i] : "(no domain)", tmp);
    if (st)
      return st;
    cp_render_set(n, "label", tmp->data);
    cp_render_set(n, "fillcolor", cp_render_domain_colour(i));
    *prev = legend_chain(legend, *prev, n);
  }
  return CP_OK;
}

/* A key entry per route drawn (when there are several): a box outlined in that route's
 * colour and line. */
static void legend_routes(Agraph_t *legend, size_t n_routes, Agnode_t **prev) {
  char name[64], text[96];
  for (size_t i = 0; i < n_routes && n_routes > 1; i++) {
    snprintf(name, sizeof name, "legend_route_%zu", i);
    Agnode_t *n = cp_render_helper_node(legend, name);
    snprintf(text, sizeof text, "route %zu: %s", i + 1, route_style[i % ROUTE_STYLES].name);
    cp_render_set(n, "label", text);
    cp_render_set(n, "style", i % ROUTE_STYLES == 0 ? "rounded" : "rounded,dashed");
    if (!strcmp(route_style[i % ROUTE_STYLES].line, "dotted"))
      cp_render_set(n, "style", "rounded,dotted");
    cp_render_set(n, "color", route_style[i % ROUTE_STYLES].colour);
    cp_render_set(n, "penwidth", "2.5");
    *prev = legend_chain(legend, *prev, n);
  }
}

cp_status cp_render_legend(cp_drawing *d, cp_buf *tmp) {
  Agraph_t *legend = agsubg(d->ag, "cluster_legend", 1);
  cp_render_set(legend, "label", "Legend");
  cp_render_set(legend, "style", "dashed");
  cp_render_set(legend, "color", "#999999");
  Agnode_t *prev = NULL;
  cp_status st = legend_domains(d, legend, &prev, tmp);
  if (st)
    return st;
  size_t n_routes = d->o->route ? 1 + d->o->n_alternatives : 0;
  legend_routes(legend, n_routes, &prev);
  Agnode_t *note = cp_render_helper_node(legend, "legend_note");
  char text[160];
  bool steps = d->o->label_by == CP_BY_STEPS;
  snprintf(text, sizeof text, "%s%s%s",
           steps ? "" : "edge labels: ", steps ? "" : cp_criterion_name(d->o->label_by),
           n_routes == 1 ? "\\nbold red: the route" : "");
  cp_render_set(note, "label", *text ? text : "roles by domain");
  cp_render_set(note, "shape", "plaintext");
  cp_render_set(note, "style", "");
  legend_chain(legend, prev, note);
  return CP_OK;
}
