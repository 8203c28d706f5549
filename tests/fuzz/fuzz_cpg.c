/* fuzz_cpg.c: libFuzzer target for compiled graph images (cp_read_compiled_buffer). */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* compiled_format.h's header: where the size, the two checksums and the bulk's offset lie. */
enum {
  HEADER = 432,
  CHECKED_FROM = 40,
  SIZE_AT = 16,
  SUM_AT = 24,
  BULK_SUM_AT = 32,
  BULK_AT = 40 + 23 * 8 + 7 * 8
};

/* An input whose byte 8 (the version's low byte) has its top bit set is read as it is; any
 * other gets its size and checksums made right, so the fuzzer reaches the section checks the
 * checksums would otherwise guard. */
static uint8_t *resealed(const uint8_t *data, size_t size) {
  uint8_t *p = malloc(size);
  if (!p)
    return NULL;
  memcpy(p, data, size);
  uint64_t len = size, bulk, sum;
  memcpy(p + SIZE_AT, &len, sizeof len);
  memcpy(&bulk, p + BULK_AT, sizeof bulk);
  if (bulk < HEADER || bulk > size)
    return p;
  sum = XXH3_64bits(p + bulk, size - bulk);
  memcpy(p + BULK_SUM_AT, &sum, sizeof sum);
  sum = XXH3_64bits(p + CHECKED_FROM, bulk - CHECKED_FROM);
  memcpy(p + SUM_AT, &sum, sizeof sum);
  return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *fixed = size >= HEADER && !(data[8] & 0x80) ? resealed(data, size) : NULL;
  cp_graph *g = NULL;
  cp_error e;
  e.message[0] = '\0';
  cp_status st = cp_read_compiled_buffer("f.cpg", fixed ? fixed : data, size, &g, &e);
  if (st == CP_OK) {
    /* What every command does with a graph: route on it, look roles up, write it out (each
     * transition made from the image), compile it again, verify what the load left. */
    char *out = NULL;
    size_t len = 0, at;
    cp_router *r = NULL;
    if (cp_router_new(g, &r, &e) == CP_OK)
      cp_router_free(r);
    (void)cp_graph_verify_image(g, &e);
    for (size_t i = 0; i < cp_graph_role_count(g); i++)
      if (cp_graph_role_index(g, cp_graph_role(g, i)->id, &at) != CP_OK || at != i)
        abort();
    if (cp_write_graph_dot(g, &out, &len, NULL) == CP_OK)
      free(out);
    if (cp_graph_compile(g, &out, &len, NULL) == CP_OK)
      free(out);
    cp_graph_free(g);
  } else if (!e.message[0]) {
    abort();
  }
  free(fixed);
  return 0;
}
