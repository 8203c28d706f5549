/* fuzz_histories.c: libFuzzer target for the career-histories reader (mobility build). */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0; /* fmemopen refuses an empty buffer */
  FILE *f = fmemopen((void *)data, size, "r");
  if (!f)
    return 0;
  /* A tiny memory budget sends rows through the temporary-file path too. */
  cp_mobility_options o = {.min_people = 1, .memory_rows = 3};
  cp_mobility *m = NULL;
  cp_error e;
  e.message[0] = '\0';
  if (cp_mobility_build_stream("h.csv", f, &o, &m, &e) == CP_OK) {
    char *t, *r, *d;
    size_t lt, lr, ld;
    if (cp_mobility_write_csv(m, &t, &lt, &r, &lr, NULL) == CP_OK) {
      free(t);
      free(r);
    }
    if (cp_mobility_write_dot(m, &d, &ld, NULL) == CP_OK) {
      /* What we write must read back. */
      cp_graph *g = NULL;
      if (cp_read_dot_buffer("m.gv", d, ld, &g, &e) != CP_OK)
        abort();
      cp_graph_free(g);
      free(d);
    }
    cp_mobility_free(m);
  } else if (!e.message[0]) {
    abort();
  }
  fclose(f);
  return 0;
}
