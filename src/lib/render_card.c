/* render_card.c: route-only drawings: each route a column of cards under its heading. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum { CARD_CHARS = 30, REQUIREMENT_CHARS = 38, HEAD_CHARS = 36 };

void cp_render_card_id(size_t route, size_t pos, char *buf, size_t n) {
  if (route == 0)
    snprintf(buf, n, "route_node_%zu", pos);
  else
    snprintf(buf, n, "alt%zu_node_%zu", route, pos);
}

void cp_render_step_id(size_t route, size_t step, char *buf, size_t n) {
  if (route == 0)
    snprintf(buf, n, "route_edge_%zu", step);
  else
    snprintf(buf, n, "alt%zu_edge_%zu", route, step);
}

void cp_render_head_id(size_t route, char *buf, size_t n) {
  if (route == 0)
    snprintf(buf, n, "route_head");
  else
    snprintf(buf, n, "alt%zu_head", route);
}

void cp_render_step_paid(const cp_drawing *d, size_t t, double *months, double *cost) {
  const cp_transition *tr = cp_tr(d->g, t);
  *months = d->o->paid_months ? d->o->paid_months[t] : tr->months;
  *cost = d->o->paid_cost ? d->o->paid_cost[t] : tr->cost;
}

/* The requirements of step `k` of route `r`, grouped: held, to earn, then other, each group
 * under its heading, in the order the move lists them. */
static cp_status card_requirements(const cp_drawing *d, const cp_route *r, size_t k, cp_buf *out) {
  static const char *const heading[] = {"Already held: ", "To earn: ", "Requires: "};
  const cp_transition *t = cp_tr(d->g, r->transitions[k]);
  cp_buf list = {0};
  cp_status st = CP_OK;
  for (int kind = CP_REQ_HELD; kind <= CP_REQ_OTHER && !st; kind++) {
    list.len = 0;
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires && !st; j++) {
      if ((int)cp_requirement_status(d->g, r, k, t->requires[j], d -> o -> have,
                                     d -> o -> n_have) != kind)
        continue;
      st = cp_buf_puts(&list, shown++ ? ", " : heading[kind]);
      if (!st)
        st = cp_buf_puts(&list, t->requires[j]);
    }
    if (!st && shown && !(st = cp_buf_append(&list, "", 1)) &&
        !(st = cp_buf_puts(out, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">")) &&
        !(st = cp_render_append_wrapped_html(out, list.data, REQUIREMENT_CHARS)))
      st = cp_buf_puts(out, "<BR ALIGN=\"LEFT\"/></FONT></TD></TR>");
  }
  cp_buf_free(&list);
  return st;
}

/* "Step 2 · 24 months · $695", then "Effort: substantial": what the step costs this person. */
static cp_status card_figures(const cp_drawing *d, const cp_route *r, size_t k, cp_buf *out) {
  const cp_transition *t = cp_tr(d->g, r->transitions[k]);
  double months, cost;
  char money[48];
  cp_render_step_paid(d, r->transitions[k], &months, &cost);
  cp_format_money(cost, money, sizeof money);
  cp_status st = cp_buf_printf(out, "<TR><TD ALIGN=\"LEFT\">Step %zu", k + 1);
  if (!st && !isnan(months))
    st = cp_buf_printf(out, " \u00b7 %g %s", months, cp_plural(months, "month", "months"));
  if (!st && !isnan(cost))
    st = cp_buf_printf(out, " \u00b7 %s", money);
  if (!st)
    st = cp_buf_puts(out, "</TD></TR>");
  if (d->o->brief_cards)
    return st;
  const char *effort = (t->has & CP_HAS_EFFORT) ? cp_effort_words(t->effort) : "-";
  if (!st && *effort != '-')
    st = cp_buf_printf(
        out, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">Effort: %s (%g of 5)</FONT></TD></TR>",
        effort, t->effort);
  return st;
}

cp_status cp_render_card_text(const cp_drawing *d, const cp_route *r, size_t pos, cp_buf *out) {
  out->len = 0;
  cp_status st = cp_buf_puts(out, "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">"
                                  "<TR><TD ALIGN=\"LEFT\"><B>");
  if (!st)
    st = cp_render_append_wrapped_html(out, d->g->roles[r->roles[pos]].label, CARD_CHARS);
  if (!st)
    st = cp_buf_puts(out, "<BR ALIGN=\"LEFT\"/></B></TD></TR>");
  if (!st && pos == 0)
    st = cp_buf_puts(out, "<TR><TD ALIGN=\"LEFT\">Start</TD></TR>");
  if (!st && pos > 0 && !(st = card_figures(d, r, pos - 1, out)) && !d->o->brief_cards)
    st = card_requirements(d, r, pos - 1, out);
  return st ? st : cp_buf_puts(out, "</TABLE>");
}

/* Route r's heading above its column. */
static cp_status add_heading(cp_drawing *d, size_t r, Agraph_t *heads, cp_buf *tmp) {
  char name[64];
  cp_buf label = {0};
  cp_render_head_id(r, name, sizeof name);
  Agnode_t *n = cp_render_helper_node(heads, name);
  cp_status st = cp_render_route_label(d, r, &label);
  if (!st)
    st = cp_buf_append(&label, "", 1);
  tmp->len = 0;
  if (!st && !(st = cp_buf_printf(tmp, "<FONT COLOR=\"%s\"><B>", r ? "#000000" : "#A63C00")) &&
      !(st = cp_render_append_wrapped_html(tmp, label.data, HEAD_CHARS)))
    st = cp_buf_puts(tmp, "</B></FONT>");
  cp_buf_free(&label);
  if (st)
    return st;
  cp_render_set_html(n, "label", tmp->data);
  cp_render_set(n, "shape", "plaintext");
  cp_render_set(n, "style", "");
  cp_render_set(n, "fontsize", "12");
  return CP_OK;
}

/* Route r's column: its heading, then a card per role, joined by its steps. */
static cp_status add_column(cp_drawing *d, size_t r, Agraph_t *heads, cp_buf *tmp) {
  const cp_route *route = d->routes[r];
  char name[64];
  cp_status st = add_heading(d, r, heads, tmp);
  cp_render_head_id(r, name, sizeof name);
  Agnode_t *prev = agnode(d->ag, name, 0);
  if (!prev)
    prev = cp_render_helper_node(d->ag, name);
  for (size_t pos = 0; pos <= route->n_steps && !st; pos++) {
    const cp_role *role = &d->g->roles[route->roles[pos]];
    cp_render_card_id(r, pos, name, sizeof name);
    Agnode_t *n = cp_render_helper_node(d->ag, name);
    if ((st = cp_render_card_text(d, route, pos, tmp)))
      break;
    cp_render_set_html(n, "label", tmp->data);
    cp_render_set(n, "fillcolor", cp_render_domain_colour(cp_render_domain_index(d, role->domain)));
    cp_render_set(n, "width", "3"); /* columns of one width, whatever the names */
    cp_render_style_route_node(n, r);
    Agedge_t *e = agedge(d->ag, prev, n, NULL, 1);
    if (pos == 0) {
      cp_render_set(e, "style", "invis");
    } else {
      cp_render_step_id(r, pos - 1, name, sizeof name);
      cp_render_set(e, "id", name);
      cp_render_set(e, "color", cp_render_route_colour(r));
      cp_render_set(e, "penwidth", "1.6");
    }
    prev = n;
  }
  return st;
}

/* Columns side by side: the headings share the top rank. No clusters, so none of Graphviz
 * 2.42's cluster crashes (docs/design.md) can arise. */
cp_status cp_render_cards(cp_drawing *d, cp_error *err) {
  cp_buf tmp = {0};
  cp_status st = CP_OK;
  if ((st = cp_render_open_styled(d, &tmp, err)))
    goto cleanup;
  Agraph_t *heads = agsubg(d->ag, "headings", 1);
  cp_render_set(heads, "rank", "same");
  for (size_t r = 0; r < d->n_routes && !st; r++)
    st = add_column(d, r, heads, &tmp);
cleanup:
  if (st && st != CP_ERENDER)
    st = cp_fail(err, st, "out of memory drawing the route");
  cp_buf_free(&tmp);
  return st;
}
