/* indices.c: mobility indices of a square table: immobility, Shorrocks, Prais, Bartholomew,
 * shares up and down the levels, log odds ratios (formulas and references: docs/indices.md). */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cp_indices_free(cp_indices *x) {
  if (!x)
    return;
  free(x->prais_state);
  free(x->odds);
  free(x);
}

/* P: each row of the table divided by its total; a row with no flow keeps the walker. */
static void row_shares(const cp_matrix *m, double *P, cp_indices *x) {
  size_t n = m->n;
  for (size_t i = 0; i < n; i++) {
    double sum = 0;
    for (size_t j = 0; j < n; j++)
      sum += m->cell[i * n + j];
    for (size_t j = 0; j < n; j++)
      P[i * n + j] = sum > 0 ? m->cell[i * n + j] / sum : (double)(i == j);
    if (!(sum > 0))
      x->warnings |= CP_WARN_EMPTY_ROWS;
  }
}

/* Immobility and the shares by level: of the table's people. */
static void shares(const cp_matrix *m, const cp_graph *g, cp_indices *x) {
  size_t n = m->n;
  double total = 0, diag = 0, up = 0, down = 0, lateral = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double v = m->cell[i * n + j];
      int li = g->roles[i].level, lj = g->roles[j].level;
      total += v;
      diag += i == j ? v : 0;
      up += li < lj ? v : 0;
      down += li > lj ? v : 0;
      lateral += i != j && li == lj ? v : 0;
    }
  x->people = x->immobility = x->mobility = NAN;
  x->upward = x->downward = x->lateral = x->immobile = NAN;
  if (!m->counts) {
    x->warnings |= CP_WARN_NO_COUNTS;
    return;
  }
  if (diag == 0)
    x->warnings |= CP_WARN_NO_STAYS;
  x->people = total;
  if (!(total > 0))
    return;
  x->immobility = diag / total;
  x->mobility = 1 - x->immobility;
  if (x->levels) {
    x->upward = up / total;
    x->downward = down / total;
    x->lateral = lateral / total;
    x->immobile = diag / total;
  }
}

/* Bartholomew's index on the stationary distribution; distances between levels when every
 * role has one, else between places in the graph's order. */
static cp_status bartholomew(const cp_graph *g, size_t n, const double *P, cp_indices *x,
                             cp_error *err) {
  double *pi = malloc((n + 1) * sizeof *pi);
  bool unique = false;
  if (!pi)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  cp_status st = cp_chain_stationary(n, P, pi, &unique, err);
  x->bartholomew = NAN;
  if (!st && !unique)
    x->warnings |= CP_WARN_NOT_UNIQUE;
  if (!st && unique) {
    double b = 0;
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < n; j++) {
        double ri = x->levels ? g->roles[i].level : (double)i;
        double rj = x->levels ? g->roles[j].level : (double)j;
        b += pi[i] * P[i * n + j] * fabs(ri - rj);
      }
    x->bartholomew = b;
  }
  free(pi);
  return st;
}

static void odds_ratio(const cp_matrix *m, cp_odds *o, cp_indices *x) {
  size_t n = m->n;
  double c[4] = {m->cell[o->from[0] * n + o->to[0]], m->cell[o->from[1] * n + o->to[1]],
                 m->cell[o->from[0] * n + o->to[1]], m->cell[o->from[1] * n + o->to[0]]};
  o->log_odds = o->se = NAN;
  if (!(c[0] > 0 && c[1] > 0 && c[2] > 0 && c[3] > 0)) {
    x->warnings |= CP_WARN_ZERO_CELL;
    return;
  }
  o->log_odds = log(c[0]) + log(c[1]) - log(c[2]) - log(c[3]);
  if (m->counts)
    o->se = sqrt(1 / c[0] + 1 / c[1] + 1 / c[2] + 1 / c[3]);
}

static cp_status check_odds(const cp_matrix *m, const cp_odds *odds, size_t n_odds, cp_error *err) {
  for (size_t k = 0; k < n_odds; k++)
    for (int s = 0; s < 2; s++)
      if (odds[k].from[s] >= m->n || odds[k].to[s] >= m->n)
        return cp_fail(err, CP_EINVAL, "an odds ratio names a role outside the table");
  if (m->n < 2)
    return cp_fail(err, CP_EINVAL, "mobility indices need 2 roles or more; the table has %zu",
                   m->n);
  return CP_OK;
}

cp_status cp_matrix_indices(const cp_matrix *m, const cp_graph *g, const cp_odds *odds,
                            size_t n_odds, cp_indices **out, cp_error *err) {
  size_t n = m->n;
  cp_status st = check_odds(m, odds, n_odds, err);
  if (st)
    return st;
  cp_indices *x = calloc(1, sizeof *x);
  double *P = malloc((n * n + 1) * sizeof *P);
  if (!x || !P || !(x->prais_state = malloc(n * sizeof *x->prais_state)) ||
      !(x->odds = malloc((n_odds + 1) * sizeof *x->odds))) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  x->n = n;
  x->levels = 1;
  for (size_t i = 0; i < n; i++)
    x->levels &= g->roles[i].level > 0;
  row_shares(m, P, x);
  double trace = 0;
  for (size_t i = 0; i < n; i++) {
    trace += P[i * n + i];
    x->prais_state[i] = 1 - P[i * n + i];
  }
  x->shorrocks = ((double)n - trace) / (double)(n - 1);
  x->prais = ((double)n - trace) / (double)n;
  shares(m, g, x);
  for (size_t k = 0; k < n_odds; k++) {
    x->odds[k] = odds[k];
    odds_ratio(m, &x->odds[k], x);
  }
  x->n_odds = n_odds;
  if ((st = bartholomew(g, n, P, x, err)))
    goto done;
  *out = x;
  x = NULL;
done:
  free(P);
  cp_indices_free(x);
  return st;
}
