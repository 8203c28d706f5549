/* scc.c: strongly connected components in Tarjan's order, which proves "no route" without a
 * search. */
#include "internal.h"

#include <stdatomic.h>
#include <stdlib.h>

/* A role visited whose component is not closed yet (an enum cannot hold it in ISO C). */
#define OPEN UINT32_MAX

typedef struct tarjan {
  const cp_router *r;
  uint32_t *index, *low, *comp; /* index 0: not visited yet */
  uint32_t *dfs, *stack;        /* the depth-first path; Tarjan's stack of open roles */
  size_t *next;                 /* per role on the path: its next row entry to follow */
  size_t n_dfs, n_stack;
  uint32_t counter, n_comp;
} tarjan;

static void visit(tarjan *t, uint32_t v) {
  t->index[v] = t->low[v] = ++t->counter;
  t->comp[v] = OPEN;
  t->next[v] = t->r->out_start[v];
  t->stack[t->n_stack++] = v;
  t->dfs[t->n_dfs++] = v;
}

/* Role v has no move left to follow: close its component if it is the root of one, and
 * hand its low link to its parent on the path. */
static void leave(tarjan *t, uint32_t v) {
  t->n_dfs--;
  if (t->low[v] == t->index[v]) {
    uint32_t w;
    do
      t->comp[w = t->stack[--t->n_stack]] = t->n_comp;
    while (w != v);
    t->n_comp++;
  }
  if (t->n_dfs) {
    uint32_t u = t->dfs[t->n_dfs - 1];
    t->low[u] = t->low[v] < t->low[u] ? t->low[v] : t->low[u];
  }
}

static void from_root(tarjan *t, uint32_t root) {
  visit(t, root);
  while (t->n_dfs) {
    uint32_t v = t->dfs[t->n_dfs - 1];
    if (t->next[v] == t->r->out_start[v + 1]) {
      leave(t, v);
      continue;
    }
    uint32_t w = t->r->out_head[t->next[v]++];
    if (!t->index[w])
      visit(t, w);
    else if (t->comp[w] == OPEN && t->index[w] < t->low[v])
      t->low[v] = t->index[w];
  }
}

/* Tarjan's algorithm, without recursion so that long chains cannot overflow the stack.
 * O(n + m) time, six role-sized arrays at most. */
cp_status cp_scc_order(const cp_router *r, uint32_t **out) {
  size_t n1 = r->n ? r->n : 1;
  tarjan t = {.r = r,
              .index = calloc(n1, sizeof *t.index),
              .low = malloc(n1 * sizeof *t.low),
              .comp = malloc(n1 * sizeof *t.comp),
              .dfs = malloc(n1 * sizeof *t.dfs),
              .stack = malloc(n1 * sizeof *t.stack),
              .next = malloc(n1 * sizeof *t.next)};
  cp_status st = CP_ENOMEM;
  if (!t.index || !t.low || !t.comp || !t.dfs || !t.stack || !t.next || r->n >= UINT32_MAX)
    goto cleanup;
  for (size_t v = 0; v < r->n; v++)
    if (!t.index[v])
      from_root(&t, (uint32_t)v);
  *out = t.comp;
  t.comp = NULL;
  st = CP_OK;
cleanup:
  free(t.index);
  free(t.low);
  free(t.comp);
  free(t.dfs);
  free(t.stack);
  free(t.next);
  return st;
}

struct cp_scc_index {
  _Atomic(uint32_t *) comp;   /* per role, its component; NULL until made */
  _Atomic uint64_t unreached; /* what searches that found no route have cost */
  atomic_bool taken;          /* a thread has started making it */
};

cp_status cp_scc_index_new(cp_scc_index **out) {
  cp_scc_index *x = malloc(sizeof *x);
  if (!x)
    return CP_ENOMEM;
  atomic_init(&x->comp, NULL);
  atomic_init(&x->unreached, 0);
  atomic_init(&x->taken, false);
  *out = x;
  return CP_OK;
}

void cp_scc_index_free(cp_scc_index *x) {
  if (x)
    free(atomic_load(&x->comp));
  free(x);
}

void cp_router_index(const cp_router *r) {
  cp_scc_index *x = r->index;
  if (!x || atomic_load_explicit(&x->taken, memory_order_relaxed) ||
      atomic_exchange(&x->taken, true))
    return;
  uint32_t *comp = NULL;
  if (cp_scc_order(r, &comp) == CP_OK) /* out of memory: no index, every question searched */
    atomic_store_explicit(&x->comp, comp, memory_order_release);
}

bool cp_router_indexed(const cp_router *r) {
  return r->index && atomic_load_explicit(&r->index->comp, memory_order_acquire);
}

void cp_router_note_unreached(const cp_router *r, uint64_t work) {
  cp_scc_index *x = r->index;
  if (x && atomic_fetch_add_explicit(&x->unreached, work, memory_order_relaxed) + work >=
               (uint64_t)r->n + r->m)
    cp_router_index(r);
}

bool cp_router_proves_unreachable(const cp_router *r, const cp_query *q) {
  const uint32_t *comp =
      r->index ? atomic_load_explicit(&r->index->comp, memory_order_acquire) : NULL;
  if (!comp || q->from >= r->n || q->to >= r->n)
    return false;
  /* Components close only after every component they reach: a route from u to v needs
   * comp[u] >= comp[v], at every stretch between waypoints. */
  size_t at = q->from;
  for (size_t i = 0; i <= q->n_via; i++) {
    size_t next = i < q->n_via ? q->via[i] : q->to;
    if (next >= r->n)
      return false;
    if (comp[at] < comp[next])
      return true;
    at = next;
  }
  return false;
}
