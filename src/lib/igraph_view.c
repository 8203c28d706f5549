/* igraph_view.c: a career graph as igraph sees it: every transition as an edge, or the moves
 * the network measures count. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

cp_status cp_igraph_transitions(const cp_graph *g, igraph_t *out, cp_error *err, const char *what) {
  igraph_vector_int_t edges;
  igraph_integer_t ne = (igraph_integer_t)g->n_transitions;
  cp_status st = cp_from_igraph(igraph_vector_int_init(&edges, 2 * ne), err, what);
  if (st)
    return st;
  for (size_t i = 0; i < g->n_transitions; i++) {
    VECTOR(edges)[2 * i] = (igraph_integer_t)cp_tr(g, i)->from;
    VECTOR(edges)[2 * i + 1] = (igraph_integer_t)cp_tr(g, i)->to;
  }
  st = cp_from_igraph(igraph_create(out, &edges, (igraph_integer_t)g->n_roles, IGRAPH_DIRECTED),
                      err, what);
  igraph_vector_int_destroy(&edges);
  return st;
}

cp_status cp_igraph_weights(const cp_graph *g, cp_criterion by, igraph_vector_t *out, cp_error *err,
                            const char *what) {
  cp_status st =
      cp_from_igraph(igraph_vector_init(out, (igraph_integer_t)g->n_transitions), err, what);
  for (size_t i = 0; !st && i < g->n_transitions; i++)
    VECTOR(*out)[i] = cp_transition_weight(cp_tr(g, i), by);
  return st;
}

/* ---- moves ---- */

void cp_moves_free(cp_moves *m) {
  if (m->made)
    igraph_destroy(&m->ig);
  if (m->weight_made)
    igraph_vector_destroy(&m->weight);
  m->made = m->weight_made = false;
}

static int by_pair(const void *pa, const void *pb) {
  const size_t *a = pa, *b = pb;
  if (a[0] != b[0])
    return a[0] < b[0] ? -1 : 1;
  return (a[1] > b[1]) - (a[1] < b[1]);
}

/* The transitions that are moves as sorted (from, to, index into flow) triples in `pairs`
 * (`undirected`: the smaller role first), their flows in `flow`; counts the others. */
static size_t collect_moves(const cp_graph *g, bool undirected, size_t *pairs, double *flow,
                            cp_moves *m) {
  const char *key = cp_graph_flow_weight(g);
  size_t k = 0;
  for (size_t i = 0; i < g->n_transitions; i++) {
    const cp_transition *t = cp_tr(g, i);
    double w = 1;
    if (key)
      cp_transition_number(t, key, &w);
    if (t->from == t->to) {
      m->self_loops++;
      continue;
    }
    if (!(w > 0)) {
      m->zero++;
      continue;
    }
    size_t a = t->from, b = t->to;
    if (undirected && a > b)
      a = t->to, b = t->from;
    pairs[3 * k] = a, pairs[3 * k + 1] = b, pairs[3 * k + 2] = k;
    flow[k++] = w;
  }
  qsort(pairs, k, 3 * sizeof *pairs, by_pair);
  return k;
}

/* Edges and summed flows of the k sorted moves, parallel ones merged. */
static cp_status merge_moves(const size_t *pairs, const double *flow, size_t k,
                             igraph_vector_int_t *edges, igraph_vector_t *weight, cp_error *err) {
  for (size_t i = 0; i < k; i++) {
    double w = flow[pairs[3 * i + 2]];
    if (i && pairs[3 * i] == pairs[3 * i - 3] && pairs[3 * i + 1] == pairs[3 * i - 2]) {
      VECTOR(*weight)[igraph_vector_size(weight) - 1] += w;
      continue;
    }
    cp_status st;
    if ((st = cp_from_igraph(igraph_vector_int_push_back(edges, (igraph_integer_t)pairs[3 * i]),
                             err, "moves")) ||
        (st = cp_from_igraph(igraph_vector_int_push_back(edges, (igraph_integer_t)pairs[3 * i + 1]),
                             err, "moves")) ||
        (st = cp_from_igraph(igraph_vector_push_back(weight, w), err, "moves")))
      return st;
  }
  return CP_OK;
}

cp_status cp_moves_make(const cp_graph *g, bool undirected, cp_moves *m, cp_error *err) {
  size_t n = g->n_transitions;
  size_t *pairs = malloc((n + 1) * 3 * sizeof *pairs);
  double *flow = malloc((n + 1) * sizeof *flow);
  igraph_vector_int_t edges;
  bool edges_made = false;
  cp_status st = CP_OK;
  memset(m, 0, sizeof *m);
  if (!pairs || !flow) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  size_t k = collect_moves(g, undirected, pairs, flow, m);
  if ((st = cp_from_igraph(igraph_vector_int_init(&edges, 0), err, "moves")))
    goto done;
  edges_made = true;
  if ((st = cp_from_igraph(igraph_vector_init(&m->weight, 0), err, "moves")))
    goto done;
  m->weight_made = true;
  if ((st = merge_moves(pairs, flow, k, &edges, &m->weight, err)) ||
      (st = cp_from_igraph(igraph_create(&m->ig, &edges, (igraph_integer_t)g->n_roles,
                                         undirected ? IGRAPH_UNDIRECTED : IGRAPH_DIRECTED),
                           err, "moves")))
    goto done;
  m->made = true;
done:
  if (edges_made)
    igraph_vector_int_destroy(&edges);
  free(pairs);
  free(flow);
  if (st)
    cp_moves_free(m);
  return st;
}
