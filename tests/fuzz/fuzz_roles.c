/* fuzz_roles.c: libFuzzer target for the CSV roles reader (with a fixed transitions file). */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char transitions[] = "from,to,months\na,b,1\n";
  cp_graph *g = NULL;
  cp_error e;
  if (cp_read_csv_buffers("t.csv", transitions, strlen(transitions), "roles.csv",
                          (const char *)data, size, &g, &e) == CP_OK)
    cp_graph_free(g);
  else if (!e.message[0])
    abort();
  return 0;
}
