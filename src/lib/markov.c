/* markov.c: a career graph as a Markov chain: stationary distribution and hitting figures. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Dense linear algebra is enough: research chains after suppression have hundreds to a few
 * thousand roles, and a direct solve gives the figures to machine precision, where
 * iterating would stop at a tolerance. */

/* LU factorisation with partial pivoting of the n x n row-major `a`, in place. False when
 * the matrix is singular. */
static bool lu(double *a, size_t n, size_t *piv) {
  for (size_t k = 0; k < n; k++) {
    size_t p = k;
    for (size_t i = k + 1; i < n; i++)
      if (fabs(a[i * n + k]) > fabs(a[p * n + k]))
        p = i;
    piv[k] = p;
    if (fabs(a[p * n + k]) < 1e-300)
      return false;
    if (p != k)
      for (size_t j = 0; j < n; j++) {
        double t = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = t;
      }
    for (size_t i = k + 1; i < n; i++) {
      double f = a[i * n + k] /= a[k * n + k];
      if (f != 0)
        for (size_t j = k + 1; j < n; j++)
          a[i * n + j] -= f * a[k * n + j];
    }
  }
  return true;
}

static void lu_solve(const double *a, size_t n, const size_t *piv, double *b) {
  for (size_t k = 0; k < n; k++) {
    double t = b[k];
    b[k] = b[piv[k]];
    b[piv[k]] = t;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < i; j++)
      b[i] -= a[i * n + j] * b[j];
  for (size_t i = n; i-- > 0;) {
    for (size_t j = i + 1; j < n; j++)
      b[i] -= a[i * n + j] * b[j];
    b[i] /= a[i * n + i];
  }
}

void cp_markov_free(cp_markov *m) {
  if (!m)
    return;
  free(m->stationary);
  free(m->closed_class);
  free(m->class_stationary);
  free(m->reach_probability);
  free(m->expected_steps);
  free(m->expected_months);
  free(m);
}

/* Row sums within 1e-6 of 1, or the message names the roles that are not. */
static cp_status check_rows(const cp_graph *g, const double *row, cp_error *err) {
  size_t bad = 0, first[5];
  for (size_t i = 0; i < g->n_roles; i++)
    if (row[i] > 0 && fabs(row[i] - 1) > 1e-6 && bad++ < 5)
      first[bad - 1] = i;
  if (!bad)
    return CP_OK;
  char list[600] = "";
  size_t used = 0;
  for (size_t i = 0; i < bad && i < 5 && used < sizeof list; i++)
    used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s' (%.9g)", i ? ", " : "",
                             g->roles[first[i]].id, row[first[i]]);
  return cp_fail(err, CP_EINVAL,
                 "%s: %zu role%s whose outgoing probabilities do not sum to 1: %s%s; give "
                 "--normalize to rescale them",
                 g->name, bad, bad == 1 ? "" : "s", list, bad > 5 ? ", ..." : "");
}

/* Strong components of the chain's positive moves (Tarjan's algorithm, iterative). */
static cp_status classes(size_t n, const double *P, size_t *comp, size_t *n_comp) {
  size_t *index = malloc(n * sizeof *index), *low = malloc(n * sizeof *low);
  size_t *stack = malloc(n * sizeof *stack), *call = malloc(n * sizeof *call);
  size_t *next = malloc(n * sizeof *next);
  bool *on = calloc(n, sizeof *on);
  cp_status st = CP_OK;
  if (!index || !low || !stack || !call || !next || !on) {
    st = CP_ENOMEM;
    goto done;
  }
  size_t counter = 0, sp = 0, k = 0;
  for (size_t i = 0; i < n; i++)
    index[i] = SIZE_MAX;
  for (size_t root = 0; root < n; root++) {
    if (index[root] != SIZE_MAX)
      continue;
    size_t depth = 0;
    call[depth++] = root;
    index[root] = low[root] = counter++;
    next[root] = 0;
    stack[sp++] = root;
    on[root] = true;
    while (depth) {
      size_t v = call[depth - 1];
      if (next[v] < n) {
        size_t w = next[v]++;
        if (!(P[v * n + w] > 0))
          continue;
        if (index[w] == SIZE_MAX) {
          index[w] = low[w] = counter++;
          next[w] = 0;
          stack[sp++] = w;
          on[w] = true;
          call[depth++] = w;
        } else if (on[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      depth--;
      if (depth && low[v] < low[call[depth - 1]])
        low[call[depth - 1]] = low[v];
      if (low[v] == index[v]) {
        size_t w;
        do {
          w = stack[--sp];
          on[w] = false;
          comp[w] = k;
        } while (w != v);
        k++;
      }
    }
  }
  *n_comp = k;
done:
  free(index);
  free(low);
  free(stack);
  free(call);
  free(next);
  free(on);
  return st;
}

/* The stationary distribution of the one closed class `c`: pi (P_cc - I) = 0, sum 1. */
static cp_status stationary(size_t n, const double *P, const size_t *comp, size_t c, double *pi,
                            cp_error *err) {
  size_t k = 0, *at = malloc(n * sizeof *at), *piv = NULL;
  double *a = NULL;
  cp_status st = CP_OK;
  if (!at) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    if (comp[i] == c)
      at[k++] = i;
  a = calloc(k * k, sizeof *a);
  piv = malloc(k * sizeof *piv);
  if (!a || !piv) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  /* Transposed: row j of a is the balance equation of state j; the last is replaced by
   * the normalisation. */
  for (size_t j = 0; j < k; j++)
    for (size_t i = 0; i < k; i++)
      a[j * k + i] = (j + 1 == k) ? 1 : P[at[i] * n + at[j]] - (i == j);
  for (size_t i = 0; i < n; i++)
    pi[i] = 0;
  double *b = calloc(k, sizeof *b);
  if (!b) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  b[k - 1] = 1;
  if (!lu(a, k, piv)) {
    free(b);
    st = cp_fail(err, CP_EGRAPH, "the stationary equations are singular");
    goto done;
  }
  lu_solve(a, k, piv, b);
  for (size_t i = 0; i < k; i++)
    pi[at[i]] = b[i];
  free(b);
done:
  free(at);
  free(a);
  free(piv);
  return st;
}

/* Per move, the months it takes: median_months, else the months weight; NaN without. */
static double move_months(const cp_transition *t) {
  double v;
  if (cp_transition_number(t, "median_months", &v) && v >= 0)
    return v;
  return t->has & CP_HAS_MONTHS ? t->months : NAN;
}

/* Marks in `can` every role with a path of positive moves to `target` (backwards from it). */
static void can_reach(size_t n, const double *P, size_t target, bool *can, size_t *queue) {
  size_t head = 0, tail = 0;
  can[target] = true;
  queue[tail++] = target;
  while (head < tail) {
    size_t v = queue[head++];
    for (size_t u = 0; u < n; u++)
      if (!can[u] && P[u * n + v] > 0)
        can[u] = true, queue[tail++] = u;
  }
}

/* The hitting figures of the k roles `at` that can reach the target (itself excluded) into
 * m, whose arrays are made: solves I - Q once (LU) for h, E[steps; reached] and
 * E[months; reached]. */
static cp_status solve_hitting(size_t n, const double *P, const double *D, size_t target,
                               const bool *can, const size_t *at, size_t k, cp_markov *m,
                               cp_error *err) {
  double *a = calloc(k * k + 1, sizeof *a), *h = malloc((k + 1) * sizeof *h),
         *s = malloc((k + 1) * sizeof *s), *t = malloc((k + 1) * sizeof *t);
  size_t *piv = calloc(k + 1, sizeof *piv);
  cp_status st = CP_OK;
  if (!a || !piv || !h || !s || !t) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < k; i++) {
    for (size_t j = 0; j < k; j++)
      a[i * k + j] = (i == j) - P[at[i] * n + at[j]];
    h[i] = P[at[i] * n + target];
  }
  if (k && !lu(a, k, piv)) {
    st = cp_fail(err, CP_EGRAPH, "the hitting equations are singular");
    goto done;
  }
  lu_solve(a, k, piv, h);
  /* Months: every move out of a role that can reach the target, into one that can. */
  bool months_known = true;
  double *hall = m->reach_probability;
  hall[target] = 1;
  for (size_t i = 0; i < k; i++)
    hall[at[i]] = h[i];
  for (size_t i = 0; i < k; i++) {
    s[i] = h[i];
    t[i] = 0;
    for (size_t j = 0; j < n; j++) {
      double p = P[at[i] * n + j], d = D[at[i] * n + j];
      if (!(p > 0) || !can[j])
        continue;
      months_known &= !isnan(d);
      t[i] += isnan(d) ? 0 : p * d * hall[j];
    }
  }
  lu_solve(a, k, piv, s);
  lu_solve(a, k, piv, t);
  for (size_t i = 0; i < n; i++)
    m->expected_steps[i] = m->expected_months[i] = NAN;
  m->expected_steps[target] = m->expected_months[target] = 0;
  for (size_t i = 0; i < k; i++) {
    m->expected_steps[at[i]] = h[i] > 0 ? s[i] / h[i] : NAN;
    m->expected_months[at[i]] = h[i] > 0 ? t[i] / h[i] : NAN;
  }
  if (!months_known) {
    free(m->expected_months);
    m->expected_months = NULL;
  }
done:
  free(a);
  free(piv);
  free(h);
  free(s);
  free(t);
  return st;
}

/* Hitting figures into `target` over the roles that can reach it (the rest: probability 0).
 * With Q the chain among those roles other than the target, h = (I - Q)^-1 P[., target];
 * g = (I - Q)^-1 h gives E[steps; reached], so steps = g / h; months likewise with each
 * move's months weighted by the chance of reaching from where it lands. */
static cp_status hitting(size_t n, const double *P, const double *D, size_t target, cp_markov *m,
                         cp_error *err) {
  bool *can = calloc(n, sizeof *can);
  size_t *queue = malloc(n * sizeof *queue), *at = malloc(n * sizeof *at);
  cp_status st = CP_OK;
  m->reach_probability = calloc(n, sizeof *m->reach_probability);
  m->expected_steps = malloc(n * sizeof *m->expected_steps);
  m->expected_months = malloc(n * sizeof *m->expected_months);
  if (!can || !queue || !at || !m->reach_probability || !m->expected_steps || !m->expected_months) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  } else {
    can_reach(n, P, target, can, queue);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
      if (can[i] && i != target)
        at[k++] = i;
    st = solve_hitting(n, P, D, target, can, at, k, m, err);
  }
  free(can);
  free(queue);
  free(at);
  return st;
}

/* The chain's n x n probabilities P and months D (NaN: none) from the transitions' `p`, and
 * each role's outgoing total in `row`; a role with no way out keeps the walker (an
 * absorbing state). */
static void chain(const cp_graph *g, const double *p, double *P, double *D, double *row,
                  cp_markov *m) {
  size_t n = g->n_roles;
  for (size_t i = 0; i < n * n; i++)
    D[i] = NAN;
  for (size_t i = 0; i < g->n_transitions; i++) {
    const cp_transition *t = cp_tr(g, i);
    P[t->from * n + t->to] += p[i];
    row[t->from] += p[i];
    D[t->from * n + t->to] = move_months(t);
  }
  for (size_t i = 0; i < n; i++)
    if (!(row[i] > 0)) {
      P[i * n + i] = 1;
      D[i * n + i] = NAN;
      m->n_absorbing++;
    }
}

/* Counts the closed classes (that no move leaves) into m and numbers them per role in
 * m->closed_class, in the order of their first roles; *closed is the last of them. */
static cp_status closed_classes(size_t n, const double *P, const size_t *comp, cp_markov *m,
                                size_t *closed) {
  bool *leaves = calloc(m->n_classes, sizeof *leaves);
  size_t *number = malloc(m->n_classes * sizeof *number);
  if (!leaves || !number || !(m->closed_class = malloc(n * sizeof *m->closed_class))) {
    free(leaves);
    free(number);
    return CP_ENOMEM;
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      if (P[i * n + j] > 0 && comp[i] != comp[j])
        leaves[comp[i]] = true;
  *closed = SIZE_MAX;
  for (size_t c = 0; c < m->n_classes; c++) {
    number[c] = SIZE_MAX;
    if (!leaves[c]) {
      m->n_closed++;
      *closed = c;
    }
  }
  size_t next = 0;
  for (size_t i = 0; i < n; i++) {
    if (!leaves[comp[i]] && number[comp[i]] == SIZE_MAX)
      number[comp[i]] = next++;
    m->closed_class[i] = number[comp[i]];
  }
  free(leaves);
  free(number);
  return CP_OK;
}

/* Each closed class's own stationary distribution, per role (NaN outside closed classes). */
static cp_status class_stationary(size_t n, const double *P, const size_t *comp, cp_markov *m,
                                  cp_error *err) {
  double *pi = malloc(n * sizeof *pi);
  bool *done = calloc(n, sizeof *done);
  cp_status st = CP_OK;
  if (!pi || !done || !(m->class_stationary = malloc(n * sizeof *m->class_stationary)))
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < n && !st; i++)
    m->class_stationary[i] = NAN;
  for (size_t i = 0; i < n && !st; i++) {
    if (m->closed_class[i] == SIZE_MAX || done[i])
      continue;
    if ((st = stationary(n, P, comp, comp[i], pi, err)))
      break;
    for (size_t j = 0; j < n; j++)
      if (comp[j] == comp[i]) {
        m->class_stationary[j] = pi[j];
        done[j] = true;
      }
  }
  free(pi);
  free(done);
  return st;
}

cp_status cp_chain_stationary(size_t n, const double *P, double *pi, bool *unique, cp_error *err) {
  cp_markov m = {0};
  size_t *comp = malloc((n + 1) * sizeof *comp), closed;
  cp_status st = CP_OK;
  if (!comp || classes(n, P, comp, &m.n_classes) || closed_classes(n, P, comp, &m, &closed)) {
    free(comp);
    free(m.closed_class);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  *unique = m.n_closed == 1;
  if (*unique)
    st = stationary(n, P, comp, closed, pi, err);
  free(comp);
  free(m.closed_class);
  return st;
}

cp_status cp_markov_solve(size_t n, const double *P, const double *D, size_t n_absorbing,
                          const cp_markov_options *opt, cp_markov **out, cp_error *err) {
  size_t *comp = malloc((n + 1) * sizeof *comp), closed;
  cp_markov *m = calloc(1, sizeof *m);
  cp_status st = CP_OK;
  if (!comp || !m)
    goto nomem;
  m->n = n;
  m->n_absorbing = n_absorbing;
  if (classes(n, P, comp, &m->n_classes) || closed_classes(n, P, comp, m, &closed))
    goto nomem;
  m->irreducible = m->n_classes == 1;
  if (m->n_closed == 1) {
    if (!(m->stationary = malloc(n * sizeof *m->stationary)))
      goto nomem;
    if ((st = stationary(n, P, comp, closed, m->stationary, err)))
      goto done;
  }
  if ((st = class_stationary(n, P, comp, m, err)))
    goto done;
  if (opt && opt->has_target && (st = hitting(n, P, D, opt->target, m, err)))
    goto done;
  *out = m;
  m = NULL;
  goto done;
nomem:
  st = cp_fail(err, CP_ENOMEM, "out of memory");
done:
  free(comp);
  cp_markov_free(m);
  return st;
}

/* The chain of `g` from the probabilities `p` (one per transition): P, D and absorbing roles;
 * the rows must sum to 1. */
static cp_status graph_chain(const cp_graph *g, const double *p, double **P, double **D,
                             size_t *n_absorbing, cp_error *err) {
  size_t n = g->n_roles;
  double *row = calloc(n, sizeof *row);
  cp_markov m = {0};
  *P = calloc(n * n, sizeof **P);
  *D = malloc(n * n * sizeof **D);
  if (!*P || !*D || !row) {
    free(row);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  chain(g, p, *P, *D, row, &m);
  *n_absorbing = m.n_absorbing;
  cp_status st = check_rows(g, row, err);
  free(row);
  return st;
}

/* What both entry points check before solving. */
static cp_status check_chain(const cp_graph *g, const cp_markov_options *opt, cp_error *err) {
  size_t n = g->n_roles;
  if (n > CP_MARKOV_MAX_ROLES)
    return cp_fail(err, CP_ELIMIT,
                   "%s: %zu roles; the Markov analysis solves densely and accepts up to %d",
                   g->name, n, CP_MARKOV_MAX_ROLES);
  if (n == 0)
    return cp_fail(err, CP_EINVAL, "%s: the graph has no roles", g->name);
  if (opt && opt->has_target && opt->target >= n)
    return cp_fail(err, CP_EINVAL, "no role %zu", opt->target);
  return CP_OK;
}

/* The chain from per-transition probabilities `p`, solved. */
static cp_status analyze(const cp_graph *g, const double *p, const cp_markov_options *opt,
                         cp_markov **out, cp_error *err) {
  size_t n_absorbing = 0;
  double *P = NULL, *D = NULL;
  cp_status st = graph_chain(g, p, &P, &D, &n_absorbing, err);
  if (!st)
    st = cp_markov_solve(g->n_roles, P, D, n_absorbing, opt, out, err);
  free(P);
  free(D);
  return st;
}

cp_status cp_markov_analyze(const cp_graph *g, const cp_markov_options *opt, cp_markov **out,
                            cp_error *err) {
  double *p = NULL;
  cp_status st = check_chain(g, opt, err);
  if (!st && !(st = cp_graph_probabilities(g, opt && opt->normalize, &p, err)))
    st = analyze(g, p, opt, out, err);
  free(p);
  return st;
}

cp_status cp_markov_analyze_flow(const cp_graph *g, const double *flow,
                                 const cp_markov_options *opt, cp_markov **out, cp_error *err) {
  cp_status st = check_chain(g, opt, err);
  if (st)
    return st;
  double *row = calloc(g->n_roles + 1, sizeof *row);
  double *p = malloc((g->n_transitions + 1) * sizeof *p);
  if (!row || !p)
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; !st && i < g->n_transitions; i++)
    row[cp_tr(g, i)->from] += flow[i];
  for (size_t i = 0; !st && i < g->n_transitions; i++) {
    double total = row[cp_tr(g, i)->from];
    p[i] = total > 0 ? flow[i] / total : 0;
  }
  if (!st)
    st = analyze(g, p, opt, out, err);
  free(row);
  free(p);
  return st;
}
