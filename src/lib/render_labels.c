/* render_labels.c: where each move's figure goes on the map, before Graphviz routes the lines. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* A figure is a small node the move's line runs through (render_build.c): Graphviz routes the
 * line from the role to the figure and on to the next role, and every other line around it,
 * so a figure can only be read as its own line's, as dot does with its label nodes. Here each
 * figure is pinned: on the straight way between its roles, as near the middle as is free of
 * roles and of figures placed before it, else beside that way. */

/* Along the way (fractions of it), then out to either side, in steps of a figure's height. */
static const double along[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82};
enum { N_ALONG = sizeof along / sizeof along[0], N_ASIDE = 9, CLEAR = 4 };

typedef struct lbox {
  double x0, y0, x1, y1;
} lbox;

typedef struct placer {
  lbox *taken; /* roles (with room for lines around them) and figures placed */
  size_t n, cap;
  lbox area; /* where figures may go: the lanes */
} placer;

static bool overlap(const lbox *a, const lbox *b) {
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static cp_status take(placer *p, lbox b) {
  lbox *t = cp_grow(p->taken, &p->cap, p->n + 1, sizeof *t, 64);
  if (!t)
    return CP_ENOMEM;
  p->taken = t;
  p->taken[p->n++] = b;
  return CP_OK;
}

static bool free_at(const placer *p, const lbox *b) {
  if (b->x0 < p->area.x0 || b->x1 > p->area.x1 || b->y0 < p->area.y0 || b->y1 > p->area.y1)
    return false;
  for (size_t i = 0; i < p->n; i++)
    if (overlap(b, &p->taken[i]))
      return false;
  return true;
}

/* Where the straight line from the centre of box (x, y, w, h) towards (tx, ty) leaves it. */
static void leave_box(double x, double y, double w, double h, double tx, double ty, double *ox,
                      double *oy) {
  double dx = tx - x, dy = ty - y;
  double sx = dx ? (w / 2) / fabs(dx) : INFINITY, sy = dy ? (h / 2) / fabs(dy) : INFINITY;
  double s = sx < sy ? sx : sy;
  if (!isfinite(s) || s > 1)
    s = 0;
  *ox = x + dx * s, *oy = y + dy * s;
}

/* A figure of size (w, h) for the move from role a to role b: the free place nearest the
 * middle of the way between them, first on it, then beside it. */
static bool find_place(const placer *p, const cp_map *m, size_t a, size_t b, double w, double h,
                       double *cx, double *cy) {
  double x0, y0, x1, y1;
  leave_box(m->x[a], m->y[a], m->w[a], m->h[a], m->x[b], m->y[b], &x0, &y0);
  leave_box(m->x[b], m->y[b], m->w[b], m->h[b], m->x[a], m->y[a], &x1, &y1);
  double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
  double nx = len > 0 ? -dy / len : 1, ny = len > 0 ? dx / len : 0;
  double step = fabs(nx) * (w + 2 * CLEAR) + fabs(ny) * (h + 2 * CLEAR);
  for (int k = 0; k <= N_ASIDE; k++)
    for (int side = k ? -1 : 1; side <= 1; side += 2)
      for (size_t f = 0; f < N_ALONG; f++) {
        double x = x0 + dx * along[f] + side * k * step * nx;
        double y = y0 + dy * along[f] + side * k * step * ny;
        lbox box = {x - w / 2 - CLEAR, y - h / 2 - CLEAR, x + w / 2 + CLEAR, y + h / 2 + CLEAR};
        if (free_at(p, &box)) {
          *cx = x, *cy = y;
          return true;
        }
      }
  *cx = x0 + dx / 2, *cy = y0 + dy / 2; /* nothing free: the middle, over what is there */
  return false;
}

typedef struct by_length {
  double length;
  size_t move;
} by_length;

static int cmp_by_length(const void *a, const void *b) {
  const by_length *x = a, *y = b;
  if (x->length != y->length)
    return x->length < y->length ? -1 : 1;
  return x->move < y->move ? -1 : x->move > y->move;
}

/* The figures' order: short moves first, since they have the fewest places to go. */
static by_length *figures_in_order(const cp_drawing *d, size_t *n) {
  by_length *order = malloc((d->g->n_transitions ? d->g->n_transitions : 1) * sizeof *order);
  *n = 0;
  for (size_t t = 0; order && t < d->g->n_transitions; t++) {
    if (!d->edges[t].figure)
      continue;
    const cp_transition *tr = cp_tr(d->g, t);
    order[(*n)++] = (by_length){
        hypot(d->map.x[tr->to] - d->map.x[tr->from], d->map.y[tr->to] - d->map.y[tr->from]), t};
  }
  if (order)
    qsort(order, *n, sizeof *order, cmp_by_length);
  return order;
}

cp_status cp_render_place_labels(cp_drawing *d) {
  const cp_map *m = &d->map;
  placer p = {.area = {m->title_w, 30, m->width, m->height}};
  cp_status st = CP_OK;
  size_t n = 0;
  for (size_t i = 0; i < d->g->n_roles && !st; i++)
    if (d->nodes[i])
      st = take(&p, (lbox){m->x[i] - m->w[i] / 2 - CLEAR, m->y[i] - m->h[i] / 2 - CLEAR,
                           m->x[i] + m->w[i] / 2 + CLEAR, m->y[i] + m->h[i] / 2 + CLEAR});
  by_length *order = st ? NULL : figures_in_order(d, &n);
  if (!st && !order)
    st = CP_ENOMEM;
  for (size_t k = 0; k < n && !st; k++) {
    size_t t = order[k].move;
    const cp_transition *tr = cp_tr(d->g, t);
    double w = d->edges[t].figure_w, h = d->edges[t].figure_h, x, y;
    find_place(&p, m, tr->from, tr->to, w, h, &x, &y);
    cp_render_setf(d->edges[t].figure, "pos", "%g,%g!", x, -y);
    st = take(&p, (lbox){x - w / 2, y - h / 2, x + w / 2, y + h / 2});
  }
  free(order);
  free(p.taken);
  return st;
}
