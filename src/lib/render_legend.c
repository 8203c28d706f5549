/* render_legend.c: the key under a map: routes, figures, the effort scale, domain colours. */
#include "render_internal.h"

#include <stdio.h>
#include <string.h>

/* Points; text width is estimated generously (0.6 em a character) since Graphviz measures it
 * only at layout, after the key's box is pinned. */
enum { ROW_H = 17, SAMPLE_W = 40, KEY_FONT = 10, PAD = 10, SWATCH_W = 26, SWATCHES_PER_ROW = 4 };

typedef struct key {
  cp_drawing *d;
  double x, y;  /* left edge, and the next row's top (y down) */
  double right; /* the widest row's right edge */
  unsigned n;   /* helpers made, for their names */
} key;

static double text_width(const char *s) {
  size_t cps = 0;
  for (; *s; s++)
    cps += ((unsigned char)*s & 0xC0) != 0x80;
  return (double)cps * KEY_FONT * 0.6 + 6;
}

/* Left-justified text from x, on the row at y (y down). */
static cp_status key_text(key *k, double x, double y, const char *text, cp_buf *tmp) {
  char name[32];
  snprintf(name, sizeof name, "key_%u", k->n++);
  Agnode_t *n = cp_render_helper_node(k->d->ag, name);
  tmp->len = 0;
  cp_status st = cp_render_append_label_text(tmp, text);
  if (!st)
    st = cp_buf_puts(tmp, "\\l");
  if (st)
    return st;
  double w = text_width(text);
  cp_render_set(n, "label", tmp->data);
  cp_render_set(n, "shape", "plaintext");
  cp_render_set(n, "style", "");
  cp_render_set(n, "fixedsize", "true");
  cp_render_setf(n, "fontsize", "%d", KEY_FONT);
  cp_render_setf(n, "width", "%g", w / 72);
  cp_render_setf(n, "height", "%g", (ROW_H - 3) / 72.0);
  cp_render_setf(n, "pos", "%g,%g!", x + w / 2, -(y + ROW_H / 2.0));
  k->right = x + w > k->right ? x + w : k->right;
  return CP_OK;
}

/* A point the sample lines start or end at. */
static Agnode_t *key_point(key *k, double x, double y) {
  char name[32];
  snprintf(name, sizeof name, "key_%u", k->n++);
  Agnode_t *n = cp_render_helper_node(k->d->ag, name);
  cp_render_set(n, "shape", "point");
  cp_render_set(n, "style", "invis");
  cp_render_set(n, "width", "0.01");
  cp_render_set(n, "label", "");
  cp_render_setf(n, "pos", "%g,%g!", x, -y);
  return n;
}

/* A row per route: a stretch of its line, then what it is. */
static cp_status key_routes(key *k, cp_buf *tmp) {
  cp_drawing *d = k->d;
  cp_buf label = {0};
  cp_status st = CP_OK;
  for (size_t r = 0; r < d->n_routes && !st; r++) {
    double y = k->y + ROW_H / 2.0;
    Agedge_t *e = agedge(d->ag, key_point(k, k->x, y), key_point(k, k->x + SAMPLE_W, y), NULL, 1);
    cp_render_set(e, "color", cp_render_route_colour(r));
    cp_render_set(e, "style", cp_render_route_line(r));
    cp_render_set(e, "penwidth", r == 0 ? "2.6" : "2.2");
    cp_render_set(e, "arrowhead", "none");
    cp_render_setf(e, "id", "key_route_%zu", r + 1);
    if (!(st = cp_render_route_label(d, r, &label)) && !(st = cp_buf_append(&label, "", 1)))
      st = key_text(k, k->x + SAMPLE_W + 8, k->y, label.data, tmp);
    k->y += ROW_H;
  }
  cp_buf_free(&label);
  return st;
}

/* Domains by colour, when there are no lanes to name them: a few swatches to a row. */
static cp_status key_domains(key *k, cp_buf *tmp) {
  cp_drawing *d = k->d;
  bool *used = calloc(d->n_domains ? d->n_domains : 1, sizeof *used);
  cp_buf label = {0};
  cp_status st = used ? CP_OK : CP_ENOMEM;
  for (size_t i = 0; i < d->g->n_roles && used; i++)
    if (d->nodes[i])
      used[cp_render_domain_index(d, d->g->roles[i].domain)] = true;
  double x = k->x, column = 0;
  size_t in_row = 0;
  for (size_t i = 0; i < d->n_domains && !st; i++) {
    if (!used[i])
      continue;
    char name[32];
    snprintf(name, sizeof name, "key_%u", k->n++);
    Agnode_t *n = cp_render_helper_node(d->ag, name);
    cp_render_set(n, "label", "");
    cp_render_set(n, "fillcolor", cp_render_domain_colour(i));
    cp_render_setf(n, "width", "%g", (SWATCH_W - 4) / 72.0);
    cp_render_setf(n, "height", "%g", (ROW_H - 5) / 72.0);
    cp_render_set(n, "fixedsize", "true");
    cp_render_setf(n, "pos", "%g,%g!", x + SWATCH_W / 2.0, -(k->y + ROW_H / 2.0));
    if (!(st = cp_render_domain_label(d, d->domains[i], &label)))
      st = key_text(k, x + SWATCH_W + 4, k->y, label.data, tmp);
    double w = SWATCH_W + 4 + text_width(label.data) + 14;
    column = w > column ? w : column;
    if (++in_row == SWATCHES_PER_ROW) {
      in_row = 0, x = k->x, k->y += ROW_H;
    } else {
      x += 190 > w ? 190 : w;
    }
  }
  if (in_row)
    k->y += ROW_H;
  free(used);
  cp_buf_free(&label);
  return st;
}

/* What the figures on the lines are, and the effort scale in words when they are effort. */
static cp_status key_figures(key *k, cp_buf *tmp) {
  cp_drawing *d = k->d;
  cp_status st = CP_OK;
  const char *what = d->o->label_by == CP_BY_MONTHS ? "Figures on the lines: months each move takes"
                     : d->o->label_by == CP_BY_COST ? "Figures on the lines: what each move costs"
                     : d->o->label_by == CP_BY_EFFORT
                         ? "Figures on the lines: the effort each move takes, from 1 to 5"
                         : NULL;
  if (what) {
    st = key_text(k, k->x, k->y, what, tmp);
    k->y += ROW_H;
  }
  if (!st && d->o->label_by == CP_BY_EFFORT) {
    st = key_text(k, k->x, k->y,
                  "Effort: 1 light, 2 moderate, 3 substantial, 4 demanding, 5 very demanding", tmp);
    k->y += ROW_H;
  }
  bool sourced = false;
  for (size_t t = 0; t < d->g->n_transitions && !sourced; t++)
    sourced = d->edges[t].e && *cp_tr(d->g, t)->source;
  if (!st && sourced && what) {
    st = key_text(k, k->x, k->y,
                  "Most figures are typical values or estimates; each move names its source", tmp);
    k->y += ROW_H;
  }
  return st;
}

cp_status cp_render_legend(cp_drawing *d, cp_buf *tmp) {
  key k = {.d = d,
           .x = (d->engine == CP_ENGINE_MAP ? d->map.title_w : 0) + PAD,
           .y = d->legend_top + PAD + 14};
  double top = d->legend_top;
  k.right = k.x;
  cp_status st = key_routes(&k, tmp);
  if (!st && d->engine != CP_ENGINE_MAP)
    st = key_domains(&k, tmp);
  if (!st)
    st = key_figures(&k, tmp);
  if (st || k.y == top + PAD + 14)
    return st; /* nothing to explain */
  Agraph_t *box = agsubg(d->ag, "cluster_key", 1);
  cp_render_set(box, "label", "Key");
  cp_render_set(box, "fontsize", "11");
  cp_render_set(box, "style", "rounded");
  cp_render_set(box, "color", "#999999");
  cp_render_set(box, "id", "key");
  cp_render_setf(box, "bb", "%g,%g,%g,%g", k.x - PAD, -(k.y + PAD), k.right + PAD, -top);
  cp_render_setf(box, "lp", "%g,%g", k.x + 10, -(top + 10));
  d->legend_top = k.y + PAD; /* the drawing's bottom */
  return CP_OK;
}
