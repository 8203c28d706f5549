/* fuzz_dot.c: libFuzzer target for the DOT reader: any bytes give a graph or an error. */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* cgraph reads C strings: the reader is given the bytes with a terminator after them. */
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  cp_graph *g = NULL;
  cp_error e;
  if (cp_read_dot_buffer("fuzz.gv", text, size, &g, &e) == CP_OK) {
    /* A graph that loads must answer a question without failing. */
    if (cp_graph_role_count(g) >= 2) {
      cp_router *r = NULL;
      cp_route_list *l = NULL;
      cp_query q;
      cp_query_init(&q, 0, 1, CP_BY_STEPS);
      q.k = 2;
      if (cp_router_new(g, &r, &e) == CP_OK && cp_route_search(r, &q, &l, &e) == CP_OK)
        cp_route_list_free(l);
      cp_router_free(r);
    }
    cp_graph_free(g);
  } else if (!e.message[0]) {
    abort(); /* every failure says why */
  }
  free(text);
  return 0;
}
