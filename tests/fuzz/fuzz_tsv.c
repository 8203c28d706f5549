/* fuzz_tsv.c: libFuzzer target for tab-separated tables read through a column map, and the
 * writer: the input's first line is the map, the rest the transitions table. */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What careerpath writes must read back (TSV may refuse what it cannot carry). */
static void write_and_reread(const cp_graph *g) {
  cp_graph_tables t;
  cp_error e;
  for (int f = CP_TABLE_CSV; f <= CP_TABLE_TSV; f++) {
    if (cp_write_graph_tables(g, (cp_table_format)f, &t, &e) != CP_OK) {
      if (f == CP_TABLE_CSV)
        abort();
      continue;
    }
    cp_graph *back = NULL;
    const char *name = f == CP_TABLE_CSV ? "w.csv" : "w.tsv";
    if (cp_read_table_buffers(name, t.transitions, t.transitions_len, name, t.roles, t.roles_len,
                              NULL, &back, &e) != CP_OK ||
        cp_graph_transition_count(back) != cp_graph_transition_count(g) ||
        cp_graph_role_count(back) != cp_graph_role_count(g))
      abort();
    cp_graph_free(back);
    cp_graph_tables_free(&t);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data, *nl = memchr(text, '\n', size);
  if (!nl)
    return 0;
  size_t n = (size_t)(nl - text);
  char *map_text = malloc(n + 1);
  if (!map_text)
    return 0;
  memcpy(map_text, text, n);
  map_text[n] = '\0';
  cp_column_map *map = NULL;
  cp_error e;
  e.message[0] = '\0';
  cp_status st = strlen(map_text) == n ? cp_column_map_parse(map_text, &map, &e) : CP_EINVAL;
  free(map_text);
  if (st != CP_OK)
    return 0;
  cp_read_options o = {map, NULL};
  cp_graph *g = NULL;
  if (cp_read_table_buffers("fuzz.tsv", nl + 1, size - n - 1, NULL, NULL, 0, &o, &g, &e) == CP_OK) {
    write_and_reread(g);
    cp_graph_free(g);
  } else if (!e.message[0]) {
    abort();
  }
  cp_column_map_free(map);
  return 0;
}
