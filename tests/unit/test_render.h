/* test_render.h: what the render suites (test_render*.c) share: graphs and routes made in
 * code, and drawings planned and built as cp_render does, without laying them out. */
#ifndef CP_TEST_RENDER_H
#define CP_TEST_RENDER_H

#include "cp_test.h"
#include "render_internal.h"

static inline cp_graph *rt_graph(const char *name) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new(name, &g), CP_OK);
  return g;
}

static inline size_t rt_role(cp_graph *g, const char *id, const char *domain, int level) {
  size_t i = 0;
  assert_int_equal(cp_graph_add_role(g, id, NULL, domain, level, 0, &i, NULL), CP_OK);
  return i;
}

/* A move of `months` months (and $100 a month), requiring `requires` (';'-separated or NULL);
 * returns its index. */
static inline size_t rt_move(cp_graph *g, size_t from, size_t to, double months,
                             const char *requires) {
  cp_transition_spec t = {.months = months,
                          .cost = 100 * months,
                          .has = CP_HAS_MONTHS | CP_HAS_COST,
                          .requires = requires};
  assert_int_equal(cp_graph_add_transition(g, from, to, &t, NULL), CP_OK);
  return cp_graph_transition_count(g) - 1;
}

/* A route over caller-owned arrays: roles[0..n], moves[0..n-1]; totals summed from `g`. */
static inline cp_route rt_route(const cp_graph *g, size_t *roles, size_t *moves, size_t n) {
  cp_route r = {.roles = roles, .transitions = moves, .n_steps = n};
  for (size_t i = 0; i < n; i++) {
    r.months += cp_graph_transition(g, moves[i])->months;
    r.cost += cp_graph_transition(g, moves[i])->cost;
  }
  return r;
}

/* Plans and builds `o` on `g` into *d, as cp_render does before layout; the status. */
static inline cp_status rt_build(cp_drawing *d, const cp_graph *g, const cp_render_options *o,
                                 cp_error *e) {
  *d = (cp_drawing){.g = g, .o = o};
  cp_status st = cp_render_plan(d, e);
  if (!st)
    st = cp_render_choose_engine(d, e);
  if (st)
    return st;
  return d->engine == CP_ENGINE_CARDS ? cp_render_cards(d, e) : cp_render_build(d, e);
}

/* The drawn edge between two roles (either way), or NULL. */
static inline Agedge_t *rt_edge(const cp_drawing *d, size_t a, size_t b) {
  Agedge_t *e = agedge(d->ag, d->nodes[a], d->nodes[b], NULL, 0);
  return e ? e : agedge(d->ag, d->nodes[b], d->nodes[a], NULL, 0);
}

/* An attribute of a cgraph object, "" when unset or undeclared. */
static inline const char *rt_attr(void *obj, const char *key) {
  const char *v = agget(obj, (char *)key);
  return v ? v : "";
}

/* The node of `g` whose id attribute is `id` (helpers: level anchors, legend entries). */
static inline Agnode_t *rt_node_by_id(Agraph_t *g, const char *id) {
  for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
    if (!strcmp(rt_attr(n, "id"), id))
      return n;
  return NULL;
}

#endif
