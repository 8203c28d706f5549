/* fuzz_csv.c: libFuzzer target for the CSV transitions reader and the route search on what
 * it loads. */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cp_graph *g = NULL;
  cp_error e;
  if (cp_read_csv_buffers("fuzz.csv", (const char *)data, size, NULL, NULL, 0, &g, &e) != CP_OK) {
    if (!e.message[0])
      abort();
    return 0;
  }
  if (cp_graph_role_count(g) >= 2) {
    cp_router *r = NULL;
    if (cp_router_new(g, &r, &e) == CP_OK) {
      cp_query q;
      cp_query_init(&q, 0, cp_graph_role_count(g) - 1, CP_BY_STEPS);
      q.k = 2;
      q.limits[CP_BY_STEPS] = 6;
      cp_route_list *l = NULL;
      if (cp_route_search(r, &q, &l, &e) == CP_OK)
        cp_route_list_free(l);
      cp_router_free(r);
    }
  }
  cp_graph_free(g);
  return 0;
}
