/* render_svg.c: SVG for screen readers: a <title> and <desc> on each role, move and drawing. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static cp_status xml_text(cp_buf *o, const char *s) {
  cp_status st = CP_OK;
  for (; *s && !st; s++)
    st = *s == '<'   ? cp_buf_puts(o, "&lt;")
         : *s == '>' ? cp_buf_puts(o, "&gt;")
         : *s == '&' ? cp_buf_puts(o, "&amp;")
                     : cp_buf_append(o, s, 1);
  return st;
}

/* "24 months, $2,000, effort 3; requires X" for a move, from the graph's figures. */
static cp_status move_text(const cp_drawing *d, size_t t, cp_buf *o) {
  const cp_transition *tr = &d->g->transitions[t];
  const cp_role *a = &d->g->roles[tr->from], *b = &d->g->roles[tr->to];
  char money[32];
  cp_status st = cp_buf_printf(o, "%s to %s", a->label, b->label);
  if (!st && (tr->has & CP_HAS_MONTHS))
    st = cp_buf_printf(o, ", %g months", tr->months);
  if (!st && (tr->has & CP_HAS_COST)) {
    cp_format_money(tr->cost, money, sizeof money);
    st = cp_buf_printf(o, ", %s", money);
  }
  if (!st && (tr->has & CP_HAS_EFFORT))
    st = cp_buf_printf(o, ", effort %g of 5", tr->effort);
  for (size_t i = 0; i < tr->n_requires && !st; i++)
    st = cp_buf_printf(o, "%s%s", i ? ", " : "; requires ", tr->requires[i]);
  return st;
}

/* The title and description of the object Graphviz wrote with id `id`, or false to leave
 * it as it is (helpers: legend, level anchors, clusters). */
static bool describe_object(const cp_drawing *d, const char *id, cp_buf *t, cp_buf *desc,
                            cp_status *st) {
  long a, k;
  size_t i;
  int used = 0;
  const cp_route *route = d->o->route;
  t->len = desc->len = 0;
  if (!strcmp(id, "graph0")) {
    *st = cp_buf_puts(t, d->title);
    if (*st)
      return true;
    if (route) {
      char money[32];
      *st = cp_buf_puts(desc, "Route: ");
      for (size_t j = 0; j <= route->n_steps && !*st; j++)
        *st = cp_buf_printf(desc, "%s%s", j ? " to " : "", d->g->roles[route->roles[j]].label);
      if (!*st)
        *st = cp_buf_printf(desc, "; %zu step%s", route->n_steps, route->n_steps == 1 ? "" : "s");
      if (!*st && !isnan(route->months))
        *st = cp_buf_printf(desc, ", %g months", route->months);
      if (!*st && !isnan(route->cost)) {
        cp_format_money(route->cost, money, sizeof money);
        *st = cp_buf_printf(desc, ", %s", money);
      }
      if (!*st && d->o->n_alternatives)
        *st = cp_buf_printf(desc, "; %zu alternative%s drawn beside it", d->o->n_alternatives,
                            d->o->n_alternatives == 1 ? "" : "s");
    } else {
      size_t roles = 0;
      for (size_t j = 0; j < d->g->n_roles; j++)
        roles += d->nodes[j] != NULL;
      *st = cp_buf_printf(desc, "A career graph of %zu roles; no route highlighted.", roles);
    }
    return true;
  }
  long pos = -1;
  if (sscanf(id, "role_%zu%n", &i, &used) == 1 && !id[used] && i < d->g->n_roles) {
    pos = -1;
  } else if (route && sscanf(id, "route_node_%ld%n", &k, &used) == 1 && !id[used] && k >= 0 &&
             (size_t)k <= route->n_steps) {
    i = route->roles[k];
    pos = k;
  } else {
    const cp_transition *tr = NULL;
    size_t t_index = 0;
    if (sscanf(id, "edge_%zu%n", &t_index, &used) == 1 && !id[used] &&
        t_index < d->g->n_transitions) {
      tr = &d->g->transitions[t_index];
      *st = cp_buf_puts(desc, "Move from ");
    } else if (route && sscanf(id, "route_edge_%ld%n", &k, &used) == 1 && !id[used] && k >= 0 &&
               (size_t)k < route->n_steps) {
      t_index = route->transitions[k];
      tr = &d->g->transitions[t_index];
      *st = cp_buf_printf(desc, "Step %ld of %zu of the route: ", k + 1, route->n_steps);
    } else if (sscanf(id, "alt%ld_edge_%ld%n", &a, &k, &used) == 2 && !id[used] && a >= 1 &&
               (size_t)a <= d->o->n_alternatives && k >= 0 &&
               (size_t)k < d->o->alternatives[a - 1].n_steps) {
      t_index = d->o->alternatives[a - 1].transitions[k];
      tr = &d->g->transitions[t_index];
      *st = cp_buf_printf(desc, "Step %ld of alternative %ld: ", k + 1, a);
    }
    if (!tr)
      return false;
    if (!*st)
      *st = move_text(d, t_index, desc);
    if (!*st)
      *st = cp_buf_printf(t, "%s to %s", d->g->roles[tr->from].label, d->g->roles[tr->to].label);
    return true;
  }
  const cp_role *r = &d->g->roles[i];
  *st = cp_buf_puts(t, r->label);
  if (!*st)
    *st = cp_buf_printf(desc, "Role %s (%s)", r->label, r->id);
  if (!*st && *r->domain)
    *st = cp_buf_printf(desc, ", domain %s", r->domain);
  if (!*st && r->level > 0)
    *st = cp_buf_printf(desc, ", level %d of 5", r->level);
  if (!*st && pos == 0)
    *st = cp_buf_puts(desc, "; where the route starts");
  else if (!*st && pos > 0)
    *st = cp_buf_printf(desc, "; step %ld of %zu of the route", pos, route->n_steps);
  return true;
}

/* Graphviz names each node's and edge's <title> after its cgraph name (a role id, "a->b")
 * and writes no <desc>. Screen readers read both: each role gets its label as title and a
 * description (domain, level, place on the route), each move and route step what it costs,
 * and the drawing the question and the route's totals. */
cp_status cp_render_accessible_svg(const cp_drawing *d, const char *svg, size_t len, char **out,
                                   size_t *out_len, cp_error *err) {
  static const char open[] = "<g id=\"", title_open[] = "<title>", title_close[] = "</title>\n";
  cp_buf o = {0}, desc = {0}, id = {0}, name = {0};
  cp_status st = CP_OK;
  const char *p = svg, *end = svg + len;
  while (p < end && !st) {
    const char *g = strstr(p, open);
    if (!g) {
      st = cp_buf_append(&o, p, (size_t)(end - p));
      break;
    }
    const char *id_start = g + sizeof open - 1, *id_end = strchr(id_start, '"');
    const char *line_end = id_end ? strchr(id_end, '\n') : NULL;
    if (!id_end || !line_end || strncmp(line_end + 1, title_open, sizeof title_open - 1)) {
      st = cp_buf_append(&o, p, (size_t)(id_start - p));
      p = id_start;
      continue;
    }
    const char *t_start = line_end + 1 + sizeof title_open - 1;
    const char *t_end = strstr(t_start, title_close);
    if (!t_end) {
      st = cp_buf_append(&o, p, (size_t)(end - p));
      break;
    }
    id.len = 0;
    if ((st = cp_buf_append(&id, id_start, (size_t)(id_end - id_start))) ||
        (st = cp_buf_append(&id, "", 1)))
      break;
    bool known = describe_object(d, id.data, &name, &desc, &st);
    if (st)
      break;
    if (!known) {
      st = cp_buf_append(&o, p, (size_t)(t_end + sizeof title_close - 1 - p));
    } else if (!(st = cp_buf_append(&o, p, (size_t)(t_start - p))) &&
               !(st = cp_buf_append(&name, "", 1)) && !(st = xml_text(&o, name.data)) &&
               !(st = cp_buf_puts(&o, title_close)) && !(st = cp_buf_puts(&o, "<desc>")) &&
               !(st = cp_buf_append(&desc, "", 1)) && !(st = xml_text(&o, desc.data))) {
      st = cp_buf_puts(&o, "</desc>\n");
    }
    p = t_end + sizeof title_close - 1;
  }
  cp_buf_free(&desc);
  cp_buf_free(&id);
  cp_buf_free(&name);
  if (st) {
    cp_buf_free(&o);
    return cp_fail(err, CP_ENOMEM, "out of memory describing the SVG");
  }
  *out = o.data;
  *out_len = o.len;
  return CP_OK;
}
