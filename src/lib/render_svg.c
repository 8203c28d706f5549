/* render_svg.c: SVG for screen readers: a <title> and <desc> on each role, move and drawing. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
  const cp_transition *tr = cp_tr(d->g, t);
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

/* "the route" or "alternative 2". */
static const char *route_name(long r, char *buf, size_t n) {
  if (r == 0)
    snprintf(buf, n, "the route");
  else
    snprintf(buf, n, "alternative %ld", r);
  return buf;
}

/* The drawing's description: the routes with their totals, or what the graph holds. */
static cp_status describe_drawing(const cp_drawing *d, cp_buf *desc) {
  if (!d->n_routes) {
    size_t roles = 0;
    for (size_t j = 0; j < d->g->n_roles; j++)
      roles += d->nodes[j] != NULL;
    return cp_buf_printf(desc, "A career map of %zu %s; no route highlighted.", roles,
                         cp_plural((double)roles, "role", "roles"));
  }
  const cp_route *route = d->routes[0];
  char money[32];
  cp_status st = cp_buf_puts(desc, "Route: ");
  for (size_t j = 0; j <= route->n_steps && !st; j++)
    st = cp_buf_printf(desc, "%s%s", j ? " to " : "", d->g->roles[route->roles[j]].label);
  if (!st)
    st = cp_buf_printf(desc, "; %zu %s", route->n_steps,
                       cp_plural((double)route->n_steps, "step", "steps"));
  if (!st && !isnan(route->months))
    st = cp_buf_printf(desc, ", %g %s", route->months, cp_plural(route->months, "month", "months"));
  if (!st && !isnan(route->cost)) {
    cp_format_money(route->cost, money, sizeof money);
    st = cp_buf_printf(desc, ", %s", money);
  }
  if (!st && d->n_routes > 1)
    st = cp_buf_printf(desc, "; %zu %s drawn beside it", d->n_routes - 1,
                       cp_plural((double)(d->n_routes - 1), "alternative", "alternatives"));
  return st;
}

/* A role: its label, and what and where it is (domain, level, place on a route). */
static cp_status describe_role(const cp_drawing *d, size_t i, long r, long pos, cp_buf *t,
                               cp_buf *desc) {
  const cp_role *role = &d->g->roles[i];
  char name[32];
  cp_status st = cp_buf_puts(t, role->label);
  if (!st)
    st = cp_buf_printf(desc, "Role %s (%s)", role->label, role->id);
  if (!st && *role->domain)
    st = cp_buf_printf(desc, ", domain %s", role->domain);
  if (!st && role->level > 0)
    st = cp_buf_printf(desc, ", level %d of 5", role->level);
  if (!st && r >= 0 && pos == 0)
    st = cp_buf_printf(desc, "; where %s starts", route_name(r, name, sizeof name));
  else if (!st && r >= 0)
    st = cp_buf_printf(desc, "; step %ld of %zu of %s", pos, d->routes[r]->n_steps,
                       route_name(r, name, sizeof name));
  return st;
}

/* A move: as step `step` of route `r` (-1: of none), and the other routes it is on. */
static cp_status describe_move(const cp_drawing *d, size_t t, long r, long step, cp_buf *title,
                               cp_buf *desc) {
  const cp_transition *tr = cp_tr(d->g, t);
  char name[32];
  cp_status st = r < 0 ? cp_buf_puts(desc, "Move from ")
                       : cp_buf_printf(desc, "Step %ld of %zu of %s: ", step + 1,
                                       d->routes[r]->n_steps, route_name(r, name, sizeof name));
  if (!st)
    st = move_text(d, t, desc);
  for (size_t other = r < 0 ? d->n_routes : (size_t)r + 1; other < d->n_routes && !st; other++)
    if (cp_render_on_route(d, t, other))
      st = cp_buf_printf(desc, "; also on %s", route_name((long)other, name, sizeof name));
  if (!st)
    st = cp_buf_printf(title, "%s to %s", d->g->roles[tr->from].label, d->g->roles[tr->to].label);
  return st;
}

/* What each group id Graphviz writes stands for: the drawing ("graph0", Graphviz's id for
 * the root graph), a role or a move of the map, a card or a step of a route (the ids
 * render_build.c and render_card.c gave them). Helpers (the key, headers, lanes) are not in
 * it and keep Graphviz's title. */
typedef enum object_kind {
  OBJECT_DRAWING,
  OBJECT_ROLE,
  OBJECT_EDGE,
  OBJECT_CARD,
  OBJECT_STEP
} object_kind;
typedef struct object {
  char id[64];
  object_kind kind;
  size_t index; /* role or transition */
  long route, pos;
} object;
typedef struct objects {
  object *items; /* the keys of by_id */
  size_t n;
  cp_strmap by_id;
} objects;

static cp_status objects_add(objects *o, object_kind kind, size_t index, long route, long pos) {
  object *it = &o->items[o->n];
  it->kind = kind;
  it->index = index;
  it->route = route;
  it->pos = pos;
  bool existing;
  size_t old;
  cp_status st = cp_strmap_put(&o->by_id, it->id, o->n, &existing, &old);
  o->n += !st && !existing;
  return st;
}

/* The cards and steps of every route. */
static cp_status objects_of_routes(const cp_drawing *d, objects *o) {
  cp_status st = CP_OK;
  for (size_t r = 0; r < d->n_routes && !st; r++) {
    const cp_route *route = d->routes[r];
    for (size_t p = 0; p <= route->n_steps && !st; p++) {
      cp_render_card_id(r, p, o->items[o->n].id, sizeof o->items[o->n].id);
      st = objects_add(o, OBJECT_CARD, route->roles[p], (long)r, (long)p);
      if (!st && p < route->n_steps) {
        cp_render_step_id(r, p, o->items[o->n].id, sizeof o->items[o->n].id);
        st = objects_add(o, OBJECT_STEP, route->transitions[p], (long)r, (long)p);
      }
    }
  }
  return st;
}

static cp_status objects_make(const cp_drawing *d, objects *o) {
  size_t cap = 1;
  for (size_t i = 0; i < d->g->n_roles; i++)
    cap += d->nodes[i] != NULL;
  for (size_t i = 0; i < d->g->n_transitions; i++)
    cap += d->edges[i].e != NULL;
  for (size_t r = 0; r < d->n_routes; r++)
    cap += 2 * d->routes[r]->n_steps + 1;
  cp_strmap_init(&o->by_id);
  o->n = 0;
  if (!(o->items = malloc(cap * sizeof *o->items)))
    return CP_ENOMEM;
  snprintf(o->items[0].id, sizeof o->items[0].id, "graph0");
  cp_status st = objects_add(o, OBJECT_DRAWING, 0, -1, -1);
  if (!st && d->engine == CP_ENGINE_CARDS)
    return objects_of_routes(d, o);
  for (size_t i = 0; i < d->g->n_roles && !st; i++) {
    if (!d->nodes[i])
      continue;
    cp_render_role_id(d, i, o->items[o->n].id, sizeof o->items[o->n].id);
    st = objects_add(o, OBJECT_ROLE, i, d->role_route[i], d->role_pos[i]);
  }
  for (size_t i = 0; i < d->g->n_transitions && !st; i++) {
    if (!d->edges[i].e)
      continue;
    cp_render_edge_id(d, i, o->items[o->n].id, sizeof o->items[o->n].id);
    st = objects_add(o, OBJECT_EDGE, i, d->edges[i].route, d->edges[i].step);
  }
  return st;
}

static void objects_free(objects *o) {
  cp_strmap_destroy(&o->by_id);
  free(o->items);
}

/* The title and description of the object Graphviz wrote with id `id`, or false to leave
 * it as it is. */
static bool describe_object(const cp_drawing *d, const objects *objs, const char *id, cp_buf *t,
                            cp_buf *desc, cp_status *st) {
  size_t at;
  t->len = desc->len = 0;
  if (!cp_strmap_get(&objs->by_id, id, &at))
    return false;
  const object *it = &objs->items[at];
  if (it->kind == OBJECT_DRAWING) {
    *st = cp_buf_puts(t, d->title ? d->title : "Routes");
    if (!*st)
      *st = describe_drawing(d, desc);
  } else if (it->kind == OBJECT_ROLE || it->kind == OBJECT_CARD) {
    *st = describe_role(d, it->index, it->route, it->pos, t, desc);
  } else {
    *st = describe_move(d, it->index, it->route, it->pos, t, desc);
  }
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
  objects objs;
  cp_status st = objects_make(d, &objs);
  if (!st)
    st = cp_buf_append(&o, "", 0); /* a string, even from nothing */
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
    bool known = describe_object(d, &objs, id.data, &name, &desc, &st);
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
  objects_free(&objs);
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
