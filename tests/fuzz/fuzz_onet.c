/* fuzz_onet.c: libFuzzer target for the O*NET importer: the input is its seven tables
 * (Related Occupations, Occupation Data, Job Zones, Job Zone Reference, Education, Training,
 * and Experience, its Categories, Read Me) separated by form feeds. */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cp_onet_table t[CP_ONET_TABLES];
  const char *p = (const char *)data, *end = p + size;
  for (int i = 0; i < CP_ONET_TABLES; i++) {
    const char *ff = memchr(p, '\f', (size_t)(end - p));
    const char *stop = ff && i + 1 < CP_ONET_TABLES ? ff : end;
    t[i] = (cp_onet_table){cp_onet_table_file(i), p, (size_t)(stop - p)};
    p = stop < end ? stop + 1 : end;
  }
  cp_graph *g = NULL;
  cp_onet_report r;
  cp_error e;
  e.message[0] = '\0';
  if (cp_onet_import_tables(t, &g, &r, &e) == CP_OK) {
    if (r.occupations != cp_graph_role_count(g) || r.moves != cp_graph_transition_count(g))
      abort();
    cp_graph_free(g);
  } else if (!e.message[0]) {
    abort();
  }
  return 0;
}
