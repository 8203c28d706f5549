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
      cp_route_list *l = NULL;
      if (cp_route_find(g, 0, 1, CP_BY_STEPS, 2, &l, &e) == CP_OK)
        cp_route_list_free(l);
    }
    cp_graph_free(g);
  } else if (!e.message[0]) {
    abort(); /* every failure says why */
  }
  free(text);
  return 0;
}
