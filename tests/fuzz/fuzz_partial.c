/* fuzz_partial.c: libFuzzer target for partial mobility files (mobility merge). */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An input starting with 'C' (as a partial's magic does) is read as it is; any other is a
 * flags byte and a payload, given a valid header (magic, version, length, checksum), so the
 * fuzzer reaches the payload's reader, which the checksum would otherwise guard. */
static uint8_t *with_header(const uint8_t *data, size_t size) {
  uint8_t *p = malloc(size + 32);
  if (!p)
    return NULL;
  memcpy(p, "CPMOBPT\n", 8);
  uint64_t fields[3] = {CP_MOBILITY_PARTIAL_VERSION | (uint64_t)(data[0] & 1) << 32, size - 1,
                        XXH3_64bits(data + 1, size - 1)};
  for (int f = 0; f < 3; f++)
    for (int i = 0; i < 8; i++)
      p[8 + 8 * f + i] = (uint8_t)(fields[f] >> (8 * i));
  memcpy(p + 32, data + 1, size - 1);
  return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *fixed = size && data[0] != 'C' ? with_header(data, size) : NULL;
  const uint8_t *in = fixed ? fixed : data;
  size_t len = fixed ? size + 31 : size;
  cp_mobility_merge *mg = NULL;
  cp_error e;
  e.message[0] = '\0';
  if (cp_mobility_merge_new(&mg, &e) != CP_OK)
    abort();
  cp_status st = cp_mobility_merge_add(mg, "p.cpp", in, len, &e);
  if (st == CP_OK) {
    /* The same partial twice: counts double, nothing breaks. */
    st = cp_mobility_merge_add(mg, "p.cpp", in, len, &e);
    cp_mobility *m = NULL;
    if (st == CP_OK && cp_mobility_merge_finish(mg, 2, &m, &e) == CP_OK) {
      char *t, *r;
      size_t lt, lr;
      if (cp_mobility_write_csv(m, &t, &lt, &r, &lr, NULL) == CP_OK) {
        free(t);
        free(r);
      }
      cp_mobility_free(m);
    }
  }
  if (st != CP_OK && !e.message[0])
    abort();
  cp_mobility_merge_free(mg);
  free(fixed);
  return 0;
}
