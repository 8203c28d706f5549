/* route.c: best and k-best routes between two roles, by steps or a weight, through igraph. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Yen's algorithm returns routes in non-decreasing cost but picks among ties as its search
 * happens to meet them; asking for a few more than wanted and sorting by a stated rule makes
 * the order of equal routes ours. */
enum { EXTRA_CANDIDATES = 4 };

double cp_route_total(const cp_route *r, cp_criterion c) {
  switch (c) {
  case CP_BY_STEPS: return (double)r->n_steps;
  case CP_BY_MONTHS: return r->months;
  case CP_BY_COST: return r->cost;
  case CP_BY_EFFORT: return r->effort;
  default: return NAN;
  }
}

void cp_route_list_free(cp_route_list *list) {
  if (!list)
    return;
  for (size_t i = 0; i < list->n; i++) {
    free(list->routes[i].roles);
    free(list->routes[i].transitions);
  }
  free(list->routes);
  free(list);
}

static cp_status build_igraph(const cp_graph *g, cp_criterion by, igraph_t *ig, igraph_vector_t *w,
                              cp_error *err) {
  igraph_vector_int_t edges;
  igraph_integer_t ne = (igraph_integer_t)g->n_transitions;
  cp_status st = cp_from_igraph(igraph_vector_int_init(&edges, 2 * ne), err, "routing");
  if (st)
    return st;
  for (size_t i = 0; i < g->n_transitions; i++) {
    VECTOR(edges)[2 * i] = (igraph_integer_t)g->transitions[i].from;
    VECTOR(edges)[2 * i + 1] = (igraph_integer_t)g->transitions[i].to;
  }
  st = cp_from_igraph(igraph_create(ig, &edges, (igraph_integer_t)g->n_roles, IGRAPH_DIRECTED), err,
                      "routing");
  igraph_vector_int_destroy(&edges);
  if (st)
    return st;
  if (by == CP_BY_STEPS)
    return CP_OK;
  if ((st = cp_from_igraph(igraph_vector_init(w, ne), err, "routing"))) {
    igraph_destroy(ig);
    return st;
  }
  for (size_t i = 0; i < g->n_transitions; i++) {
    const cp_transition *t = &g->transitions[i];
    VECTOR(*w)[i] = by == CP_BY_MONTHS ? t->months : by == CP_BY_COST ? t->cost : t->effort;
  }
  return CP_OK;
}

static cp_status make_route(const cp_graph *g, const igraph_vector_int_t *epath, size_t from,
                            cp_route *r) {
  size_t n = (size_t)igraph_vector_int_size(epath);
  memset(r, 0, sizeof *r);
  r->roles = malloc((n + 1) * sizeof *r->roles);
  r->transitions = malloc((n ? n : 1) * sizeof *r->transitions);
  if (!r->roles || !r->transitions) {
    free(r->roles);
    free(r->transitions);
    return CP_ENOMEM;
  }
  r->n_steps = n;
  r->roles[0] = from;
  for (size_t i = 0; i < n; i++) {
    const cp_transition *t = &g->transitions[VECTOR(*epath)[i]];
    r->transitions[i] = (size_t)VECTOR(*epath)[i];
    r->roles[i + 1] = t->to;
    /* A missing weight is NaN and stays NaN through the sum, which is what the API says. */
    r->months += t->months;
    r->cost += t->cost;
    r->effort += t->effort;
  }
  return CP_OK;
}

/* Totals built from the same decimal figures in another order can differ in the last bits;
 * such routes are equal for a person. */
static int compare_totals(double a, double b) {
  double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
  if (fabs(a - b) <= 1e-9 * scale)
    return 0;
  return a < b ? -1 : 1;
}

typedef struct sort_ctx {
  const cp_graph *g;
  cp_criterion by;
} sort_ctx;

static _Thread_local sort_ctx sorting;

static int by_rule(const void *pa, const void *pb) {
  const cp_route *a = pa, *b = pb;
  int c = compare_totals(cp_route_total(a, sorting.by), cp_route_total(b, sorting.by));
  if (c)
    return c;
  if (a->n_steps != b->n_steps)
    return a->n_steps < b->n_steps ? -1 : 1;
  for (size_t i = 0; i <= a->n_steps; i++) {
    int s = strcmp(sorting.g->roles[a->roles[i]].id, sorting.g->roles[b->roles[i]].id);
    if (s)
      return s;
  }
  for (size_t i = 0; i < a->n_steps; i++)
    if (a->transitions[i] != b->transitions[i])
      return a->transitions[i] < b->transitions[i] ? -1 : 1;
  return 0;
}

cp_status cp_route_find(const cp_graph *g, size_t from, size_t to, cp_criterion by, size_t k,
                        cp_route_list **out, cp_error *err) {
  cp_status st = CP_OK;
  cp_route_list *list = NULL;
  igraph_t ig;
  igraph_vector_t w;
  igraph_vector_int_list_t epaths;
  bool have_graph = false, have_paths = false;
  cp_init();
  if (k == 0)
    return cp_fail(err, CP_EINVAL, "the number of routes must be at least 1");
  if (from >= g->n_roles || to >= g->n_roles)
    return cp_fail(err, CP_EINVAL, "role index out of range");
  if (by >= CP_CRITERION_COUNT)
    return cp_fail(err, CP_EINVAL, "unknown criterion");
  if ((st = cp_graph_check_criterion(g, by, err)) || (st = cp_igraph_room(g, err, "routing")))
    return st;
  if ((st = build_igraph(g, by, &ig, &w, err)))
    return st;
  have_graph = true;
  if ((st = cp_from_igraph(igraph_vector_int_list_init(&epaths, 0), err, "routing")))
    goto cleanup;
  have_paths = true;
  size_t want = k > (size_t)1 << 20 ? (size_t)1 << 20 : k;
  if ((st = cp_from_igraph(
           igraph_get_k_shortest_paths(&ig, by == CP_BY_STEPS ? NULL : &w, NULL, &epaths,
                                       (igraph_integer_t)(want + EXTRA_CANDIDATES),
                                       (igraph_integer_t)from, (igraph_integer_t)to, IGRAPH_OUT),
           err, "k shortest paths")))
    goto cleanup;
  size_t found = (size_t)igraph_vector_int_list_size(&epaths);
  if (!(list = calloc(1, sizeof *list)) ||
      !(list->routes = calloc(found ? found : 1, sizeof *list->routes))) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < found; i++) {
    if ((st = make_route(g, igraph_vector_int_list_get_ptr(&epaths, (igraph_integer_t)i), from,
                         &list->routes[i]))) {
      cp_fail(err, st, "out of memory");
      goto cleanup;
    }
    list->n++;
  }
  sorting = (sort_ctx){g, by};
  qsort(list->routes, list->n, sizeof *list->routes, by_rule);
  while (list->n > want) {
    list->n--;
    free(list->routes[list->n].roles);
    free(list->routes[list->n].transitions);
  }
  *out = list;
  list = NULL;
cleanup:
  cp_route_list_free(list);
  if (have_paths)
    igraph_vector_int_list_destroy(&epaths);
  if (have_graph) {
    igraph_destroy(&ig);
    if (by != CP_BY_STEPS)
      igraph_vector_destroy(&w);
  }
  return st;
}
