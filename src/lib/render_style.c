/* render_style.c: how a drawing looks: colours, line styles, fonts, figures on moves. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Domain fills: Okabe and Ito's colour-blind-safe hues (yellow, vermillion, sky blue, blue,
 * orange, bluish green, reddish purple, grey) mixed with white to nine lightnesses 15 apart
 * in grey (Rec. 601 luma 244 down to 124), in an order that alternates light and dark. So
 * any two differ in grey by at least 14 of 255, and under simulated protanopia,
 * deuteranopia and tritanopia (Machado et al. 2009) by a CIELAB distance of 9 or more
 * (test_render_style.c checks both); black text on each has a contrast of 7:1 or more. */
static const char *const palette[] = {"#FBF8CD", "#E9AB7A", "#B8E0F6", "#4F9ECA", "#F0C565",
                                      "#1EAA84", "#D3EEE7", "#CD7DAA", "#A9A9A9"};
enum { PALETTE_SIZE = sizeof palette / sizeof palette[0] };

/* The routes: Okabe and Ito's saturated hues, each with its own line, so that routes differ
 * in more than colour (in greyscale: solid, dashed, dotted). */
static const struct {
  const char *colour, *line;
} route_style[] = {
    {"#D55E00", "solid"},  {"#0072B2", "dashed"}, {"#009E73", "dotted"},
    {"#CC79A7", "dashed"}, {"#E69F00", "dotted"}, {"#56B4E9", "dashed"},
};
enum { ROUTE_STYLES = sizeof route_style / sizeof route_style[0] };

/* Graphviz sizes text with its built-in Helvetica metrics (a name starting "Helvetica"
 * selects them) and writes the name as the SVG font-family: the metric-compatible
 * fallbacks make viewers without Helvetica draw text at the measured width. */
#define FONT "Helvetica, Arial, Liberation Sans, Arimo, sans-serif"

void cp_render_style_graph(const cp_drawing *d, const char *title) {
  if (title) {
    cp_render_set(d->ag, "label", title);
    cp_render_set(d->ag, "labelloc", "t");
    cp_render_set(d->ag, "fontsize", "18");
  }
  cp_render_set(d->ag, "fontname", FONT);
  cp_render_set(d->ag, "outputorder", "edgesfirst"); /* lines under roles and labels */
  if (d->engine == CP_ENGINE_CARDS) {
    cp_render_set(d->ag, "rankdir", "TB");
    cp_render_set(d->ag, "nodesep", "0.4");
    cp_render_set(d->ag, "ranksep", "0.3");
  }
  agattr(d->ag, AGRAPH, (char *)"style", (char *)"filled");
  agattr(d->ag, AGRAPH, (char *)"color", (char *)"#FFFFFF");
  agattr(d->ag, AGNODE, (char *)"shape", (char *)"box");
  agattr(d->ag, AGNODE, (char *)"style", (char *)"rounded,filled");
  agattr(d->ag, AGNODE, (char *)"penwidth", (char *)"0.8");
  agattr(d->ag, AGNODE, (char *)"fontname", (char *)FONT);
  agattr(d->ag, AGNODE, (char *)"fontsize", (char *)"11");
  agattr(d->ag, AGNODE, (char *)"margin", (char *)"0.06,0.03");
  agattr(d->ag, AGEDGE, (char *)"color", (char *)"#8C8C8C");
  agattr(d->ag, AGEDGE, (char *)"penwidth", (char *)"0.9");
  agattr(d->ag, AGEDGE, (char *)"arrowsize", (char *)"0.7");
  agattr(d->ag, AGEDGE, (char *)"fontname", (char *)FONT);
  agattr(d->ag, AGEDGE, (char *)"fontsize", (char *)"10");
}

const char *cp_render_domain_colour(size_t domain) { return palette[domain % PALETTE_SIZE]; }
const char *cp_render_route_colour(size_t r) { return route_style[r % ROUTE_STYLES].colour; }
const char *cp_render_route_line(size_t r) { return route_style[r % ROUTE_STYLES].line; }

void cp_render_style_route_node(Agnode_t *n, size_t r) {
  cp_render_set(n, "penwidth", r == 0 ? "3" : "2.2");
  cp_render_set(n, "color", cp_render_route_colour(r));
}

/* A move on several routes is one line drawn once per route, side by side (a colour list),
 * in the line of the best; its class names every route, so a reader (or a test) finds each
 * route whole. */
void cp_render_style_route_edge(const cp_drawing *d, Agedge_t *e, size_t t, cp_buf *tmp) {
  size_t best = (size_t)d->edges[t].route;
  tmp->len = 0;
  cp_buf class = {0};
  bool ok = !cp_buf_append(tmp, "", 0) && !cp_buf_append(&class, "", 0);
  for (size_t r = best; r < d->n_routes && ok; r++) {
    if (r != best && !cp_render_on_route(d, t, r))
      continue;
    ok = !cp_buf_printf(tmp, "%s%s", r == best ? "" : ":", cp_render_route_colour(r)) &&
         !cp_buf_printf(&class, "%sroute-%zu", r == best ? "" : " ", r + 1);
  }
  if (ok) {
    cp_render_set(e, "color", tmp->data);
    cp_render_set(e, "class", class.data);
  }
  cp_buf_free(&class);
  cp_render_set(e, "penwidth", best == 0 ? "2.6" : "2.2");
  cp_render_set(e, "style", cp_render_route_line(best));
  cp_render_set(e, "fontcolor", best == 0 ? "#A63C00" : "#000000");
  cp_render_set(e, "arrowsize", "0.8");
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

cp_status cp_render_route_label(const cp_drawing *d, size_t r, cp_buf *out) {
  out->len = 0;
  if (d->o->route_labels && d->o->route_labels[r])
    return cp_buf_puts(out, d->o->route_labels[r]);
  const cp_route *route = d->routes[r];
  char money[48];
  cp_format_money(route->cost, money, sizeof money);
  cp_status st = cp_buf_printf(out, "Route %zu: %zu %s", r + 1, route->n_steps,
                               cp_plural((double)route->n_steps, "step", "steps"));
  if (!st && !isnan(route->months))
    st = cp_buf_printf(out, ", %g %s", route->months, cp_plural(route->months, "month", "months"));
  if (!st && !isnan(route->cost))
    st = cp_buf_printf(out, ", %s", money);
  return st;
}

cp_status cp_render_open_styled(cp_drawing *d, cp_buf *tmp, cp_error *err) {
  cp_status st = d->title ? cp_render_label_text(d->title, tmp) : CP_OK;
  if (st)
    return st;
  if (!(d->ag = cp_render_open_graph()))
    return cp_fail(err, CP_ERENDER, "Graphviz could not create a graph");
  cp_render_style_graph(d, d->title ? tmp->data : NULL);
  return CP_OK;
}
