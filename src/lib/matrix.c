/* matrix.c: a graph as a square mobility table, its shares, and mobility indices. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cp_matrix_free(cp_matrix *m) {
  if (!m)
    return;
  free(m->cell);
  free(m);
}

/* Per transition, its flow: `flow` when given, else count, else probability. */
static cp_status flow_of(const cp_graph *g, const double *flow, size_t i, const char *key,
                         double *v, cp_error *err) {
  const cp_transition *t = cp_tr(g, i);
  if (flow)
    *v = flow[i];
  else
    cp_transition_number(t, key, v);
  if (!(*v >= 0) || !isfinite(*v))
    return cp_fail(err, CP_EINVAL, "%s: transition %s -> %s: %s %g is not a number >= 0", g->name,
                   g->roles[t->from].id, g->roles[t->to].id, flow ? "flow" : key, *v);
  return CP_OK;
}

cp_status cp_graph_matrix(const cp_graph *g, const double *flow, cp_matrix **out, cp_error *err) {
  const char *key = flow ? "count" : cp_graph_flow_weight(g);
  if (!key && g->n_transitions)
    return cp_fail(err, CP_ENOCRIT,
                   "%s: the transitions carry neither 'count' nor 'probability' on every one",
                   g->name);
  size_t n = g->n_roles;
  cp_matrix *m = calloc(1, sizeof *m);
  if (!m || !(m->cell = calloc(n * n + 1, sizeof *m->cell))) {
    free(m);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  m->n = n;
  m->counts = !key || !strcmp(key, "count");
  for (size_t i = 0; i < g->n_transitions; i++) {
    double v = 0;
    cp_status st = flow_of(g, flow, i, key, &v, err);
    if (st) {
      cp_matrix_free(m);
      return st;
    }
    m->cell[cp_tr(g, i)->from * n + cp_tr(g, i)->to] += v;
  }
  *out = m;
  return CP_OK;
}

void cp_matrix_view(const cp_matrix *m, cp_cells kind, int diagonal, double *out) {
  size_t n = m->n;
  double total = 0;
  for (size_t i = 0; i < n * n; i++) {
    bool stay = i / n == i % n;
    out[i] = stay && !diagonal ? NAN : m->cell[i];
    total += isnan(out[i]) ? 0 : out[i];
  }
  if (kind == CP_CELLS_COUNT)
    return;
  for (size_t a = 0; a < n; a++) {
    double sum = 0;
    /* a row (or a column) of cells */
    for (size_t b = 0; b < n; b++) {
      size_t at = kind == CP_CELLS_COLUMN ? b * n + a : a * n + b;
      sum += isnan(out[at]) ? 0 : out[at];
    }
    if (kind == CP_CELLS_TOTAL)
      sum = total;
    for (size_t b = 0; b < n; b++) {
      size_t at = kind == CP_CELLS_COLUMN ? b * n + a : a * n + b;
      if (!isnan(out[at]))
        out[at] = sum > 0 ? out[at] / sum : NAN;
    }
  }
}
