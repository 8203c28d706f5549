/* fuzz_resolve.c: libFuzzer target for role-name resolution (ids, labels, suggestions) on
 * the built-in graph. */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static cp_graph *g;
  if (!g && cp_builtin_graph(&g, NULL) != CP_OK)
    abort();
  char *name = malloc(size + 1);
  if (!name)
    return 0;
  memcpy(name, data, size);
  name[size] = '\0';
  size_t at;
  cp_error e;
  cp_status st = cp_graph_find_role(g, name, &at, &e);
  if (st == CP_OK && at >= cp_graph_role_count(g))
    abort();
  if (st != CP_OK && !e.message[0])
    abort();
  free(name);
  return 0;
}
