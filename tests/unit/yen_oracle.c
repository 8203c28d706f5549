/* yen_oracle.c: igraph's k shortest paths (Yen's algorithm), the tests' reference for routes:
 * the library's own engines are checked against it. */
#include "yen_oracle.h"

#include "internal.h"

#include <stdlib.h>

static cp_status to_routes(const cp_graph *g, const igraph_vector_int_list_t *paths, size_t from,
                           cp_route_list *list) {
  size_t found = (size_t)igraph_vector_int_list_size(paths);
  if (!(list->routes = calloc(found ? found : 1, sizeof *list->routes)))
    return CP_ENOMEM;
  for (size_t i = 0; i < found; i++) {
    const igraph_vector_int_t *p = igraph_vector_int_list_get_ptr(paths, (igraph_integer_t)i);
    cp_route *r = &list->routes[i];
    if (cp_route_alloc(r, (size_t)igraph_vector_int_size(p)))
      return CP_ENOMEM;
    list->n++;
    for (size_t s = 0; s < r->n_steps; s++)
      r->transitions[s] = (size_t)VECTOR(*p)[s];
    cp_route_finish(r, g, from, NULL);
  }
  return CP_OK;
}

cp_status cp_test_yen(const cp_graph *g, size_t from, size_t to, cp_criterion by, size_t k,
                      cp_route_list **out, cp_error *err) {
  igraph_t ig;
  igraph_vector_t w;
  igraph_vector_int_list_t paths;
  cp_route_list *list = calloc(1, sizeof *list);
  cp_init();
  cp_status st = list ? cp_igraph_transitions(g, &ig, err, "yen") : CP_ENOMEM;
  if (st) {
    free(list);
    return st;
  }
  bool weighted = by != CP_BY_STEPS && !(st = cp_igraph_weights(g, by, &w, err, "yen"));
  if (!st)
    st = cp_from_igraph(igraph_vector_int_list_init(&paths, 0), err, "yen");
  if (!st) {
    st = cp_from_igraph(igraph_get_k_shortest_paths(&ig, weighted ? &w : NULL, NULL, &paths,
                                                    (igraph_integer_t)k, (igraph_integer_t)from,
                                                    (igraph_integer_t)to, IGRAPH_OUT),
                        err, "yen");
    if (!st)
      st = to_routes(g, &paths, from, list);
    igraph_vector_int_list_destroy(&paths);
  }
  if (weighted)
    igraph_vector_destroy(&w);
  igraph_destroy(&ig);
  if (st)
    cp_route_list_free(list);
  else
    *out = list;
  return st;
}
