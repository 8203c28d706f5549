/* router.c: the router, a compact read-only snapshot of a graph for repeated route
 * questions, and the one call that answers "the k best routes between two roles". */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { NC = CP_CRITERION_COUNT };

void cp_router_free(cp_router *r) {
  if (!r)
    return;
  cp_scratch_free(r->scratch);
  if (r->shared) {
    free(r);
    return;
  }
  cp_scc_index_free(r->index);
  cp_landmarks_free(r->landmarks);
  for (int c = 0; c < NC; c++)
    for (int d = 0; d < 2; d++)
      free(r->row_w[c][d]);
  if (r->borrowed) {
    free(r);
    return;
  }
  free(r->out_start);
  free(r->out_tr);
  free(r->in_start);
  free(r->in_tr);
  free(r->out_head);
  free(r->in_tail);
  for (int c = 0; c < NC; c++)
    free(r->w[c]);
  free(r->req_start);
  free(r->req_cred);
  free(r);
}

cp_status cp_router_share(const cp_router *r, cp_router **out, cp_error *err) {
  cp_router *s = malloc(sizeof *s); /* shares r's index: whichever thread first needs it makes it */
  if (!s)
    return cp_fail(err, CP_ENOMEM, "out of memory preparing routes");
  *s = *r;
  s->scratch = NULL;
  s->asked = 0;
  s->shared = true;
  *out = s;
  return CP_OK;
}

static cp_status compress(size_t n, size_t m, const cp_graph *g, bool by_target, size_t **start,
                          size_t **tr) {
  *start = calloc(n + 1, sizeof **start);
  *tr = cp_big_alloc(m * sizeof **tr);
  if (!*start || !*tr)
    return CP_ENOMEM;
  for (size_t i = 0; i < m; i++)
    (*start)[(by_target ? cp_tr(g, i)->to : cp_tr(g, i)->from) + 1]++;
  for (size_t v = 0; v < n; v++)
    (*start)[v + 1] += (*start)[v];
  size_t *fill = malloc((n ? n : 1) * sizeof *fill);
  if (!fill)
    return CP_ENOMEM;
  memcpy(fill, *start, n * sizeof *fill);
  for (size_t i = 0; i < m; i++)
    (*tr)[fill[by_target ? cp_tr(g, i)->to : cp_tr(g, i)->from]++] = i;
  free(fill);
  return CP_OK;
}

cp_status cp_router_new(const cp_graph *g, cp_router **out, cp_error *err) {
  cp_status st = CP_OK;
  cp_router *r = calloc(1, sizeof *r);
  cp_init();
  if (!r)
    return cp_fail(err, CP_ENOMEM, "out of memory preparing routes");
  r->g = g;
  r->n = g->n_roles;
  r->m = g->n_transitions;
  bool used;
  if (cp_scc_index_new(&r->index)) {
    free(r);
    return cp_fail(err, CP_ENOMEM, "out of memory preparing routes");
  }
  if ((st = cp_image_router_arrays(g, r, &used, err)) || used) {
    if (st)
      cp_router_free(r);
    else
      *out = r;
    return st;
  }
  size_t m1 = r->m ? r->m : 1;
  if ((st = compress(r->n, r->m, g, false, &r->out_start, &r->out_tr)) ||
      (st = compress(r->n, r->m, g, true, &r->in_start, &r->in_tr)))
    goto nomem;
  for (int c = 0; c < NC; c++)
    if (!(r->w[c] = cp_big_alloc(m1 * sizeof *r->w[c])))
      goto nomem;
  if (!(r->out_head = cp_big_alloc(m1 * sizeof *r->out_head)) ||
      !(r->in_tail = cp_big_alloc(m1 * sizeof *r->in_tail)))
    goto nomem;
  for (size_t j = 0; j < r->m; j++) {
    r->out_head[j] = (uint32_t)cp_tr(g, r->out_tr[j])->to;
    r->in_tail[j] = (uint32_t)cp_tr(g, r->in_tr[j])->from;
  }
  size_t n_req = 0;
  r->carried =
      (1u << CP_BY_STEPS) | (1u << CP_BY_MONTHS) | (1u << CP_BY_COST) | (1u << CP_BY_EFFORT);
  for (size_t i = 0; i < r->m; i++) {
    const cp_transition *t = cp_tr(g, i);
    r->carried &= ~((t->has & CP_HAS_MONTHS ? 0u : 1u << CP_BY_MONTHS) |
                    (t->has & CP_HAS_COST ? 0u : 1u << CP_BY_COST) |
                    (t->has & CP_HAS_EFFORT ? 0u : 1u << CP_BY_EFFORT));
    r->w[CP_BY_STEPS][i] = 1;
    r->w[CP_BY_MONTHS][i] = t->months;
    r->w[CP_BY_COST][i] = t->cost;
    r->w[CP_BY_EFFORT][i] = t->effort;
    n_req += t->n_requires;
  }
  /* Which catalogue credentials each transition requires, matched once by name. */
  r->req_start = calloc(r->m + 1, sizeof *r->req_start);
  r->req_cred = malloc((n_req ? n_req : 1) * sizeof *r->req_cred);
  if (!r->req_start || !r->req_cred)
    goto nomem;
  size_t k = 0;
  for (size_t i = 0; i < r->m; i++) {
    const cp_transition *t = cp_tr(g, i);
    for (size_t j = 0; j < t->n_requires && g->n_credentials; j++) {
      size_t c;
      if (cp_graph_find_credential(g, t->requires[j], &c, NULL) == CP_OK)
        r->req_cred[k++] = c;
    }
    r->req_start[i + 1] = k;
  }
  *out = r;
  return CP_OK;
nomem:
  cp_router_free(r);
  return cp_fail(err, CP_ENOMEM, "out of memory preparing routes");
}

cp_status cp_router_row_weights(const cp_router *r, const double weights[NC], cp_error *err) {
  cp_router *w = (cp_router *)r; /* made once, before any other thread asks, as the index is */
  if (w->shared)
    return CP_OK;
  for (int c = 0; c < NC; c++) {
    if (!(weights[c] > 0) || !(r->carried & (1u << c)) || r->row_w[c][0])
      continue;
    double *out = cp_big_alloc((r->m ? r->m : 1) * sizeof *out);
    double *in = cp_big_alloc((r->m ? r->m : 1) * sizeof *in);
    if (!out || !in) {
      free(out);
      free(in);
      return cp_fail(err, CP_ENOMEM, "out of memory preparing routes");
    }
    for (size_t j = 0; j < r->m; j++) {
      out[j] = r->w[c][r->out_tr[j]];
      in[j] = r->w[c][r->in_tr[j]];
    }
    w->row_w[c][0] = out;
    w->row_w[c][1] = in;
  }
  return CP_OK;
}

const cp_graph *cp_router_graph(const cp_router *r) { return r->g; }

void cp_query_init(cp_query *q, size_t from, size_t to, cp_criterion by) {
  memset(q, 0, sizeof *q);
  q->from = from;
  q->to = to;
  q->k = 1;
  for (int c = 0; c < NC; c++)
    q->limits[c] = INFINITY;
  if (by < CP_CRITERION_COUNT)
    q->weights[by] = 1;
}

cp_status cp_route_search(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err) {
  /* The plain question (one best route, nothing but an objective) on a large graph is the
   * common one, and a bidirectional Dijkstra answers it without the label machinery. */
  /* The component index answers "no route" without a search. The plain search makes it
   * once searches that found no route have cost what it does (cp_router_note_unreached):
   * most of those end at once, where one side has nowhere to go. A label search may cost
   * far more, so from the second question on it makes the index first. */
  bool plain = cp_fast_route_applies(r, q);
  if (++((cp_router *)r)->asked >= 2 && !plain)
    cp_router_index(r);
  if (plain) {
    if (cp_router_proves_unreachable(r, q)) {
      if (!(*out = calloc(1, sizeof **out)))
        return cp_fail(err, CP_ENOMEM, "out of memory");
      return CP_OK;
    }
    if (cp_source_reuse_pays(r, q))
      return cp_source_route(r, q, out, err);
    return cp_landmarks_cover(r, q) ? cp_alt_route(r, q, out, err) : cp_fast_route(r, q, out, err);
  }
  return cp_label_k_best(r, q, out, err);
}

double cp_held_figure(const cp_router *r, size_t t, cp_criterion c, cp_held_fn held,
                      const void *ctx) {
  const cp_graph *g = r->g;
  double v = r->w[c][t];
  for (size_t j = r->req_start[t]; j < r->req_start[t + 1]; j++)
    if (held(ctx, r->req_cred[j]))
      v -= c == CP_BY_MONTHS ? g->credentials[r->req_cred[j]].months
                             : g->credentials[r->req_cred[j]].cost;
  return isnan(v) || v > 0 ? v : 0; /* a figure the graph lacks stays unknown */
}

typedef struct named_have {
  const cp_graph *g;
  const cp_query *q;
} named_have;

/* Whether catalogue credential `c` is held by the names q->have. */
static bool held_by_name(const void *ctx, size_t c) {
  const named_have *h = ctx;
  return cp_credential_held(h->g, c, h->q->have, h->q->n_have);
}

void cp_step_figures(const cp_router *r, const cp_query *q, size_t transition, double *months,
                     double *cost) {
  named_have h = {r->g, q};
  *months = cp_held_figure(r, transition, CP_BY_MONTHS, held_by_name, &h);
  *cost = cp_held_figure(r, transition, CP_BY_COST, held_by_name, &h);
}
