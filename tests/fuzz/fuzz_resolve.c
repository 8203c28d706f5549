/* fuzz_resolve.c: libFuzzer target for role-name resolution (ids, labels, aliases, codes,
 * folding, suggestions): the input's first line becomes a role's label and aliases in a
 * small graph, the rest is the name typed, resolved there and on the built-in graph. */
#include "careerpath.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a resolution must satisfy whatever the input. */
static void check(const cp_graph *g, const char *name) {
  cp_role_match m;
  cp_error e;
  cp_status st = cp_graph_match_role(g, name, &m, &e);
  size_t n = cp_graph_role_count(g);
  if (st == CP_OK && (m.role >= n || (m.how >= CP_MATCH_WORDS) != (m.note[0] != '\0')))
    abort();
  if (st != CP_OK && (!e.message[0] || strlen(e.message) >= CP_ERROR_MESSAGE_MAX))
    abort();
  if (st == CP_EAMBIGUOUS && m.n_candidates < 2)
    abort();
  for (size_t i = 0; i < m.n_candidates; i++)
    if (m.candidates[i] >= n ||
        (i && st == CP_EAMBIGUOUS && m.candidates[i] <= m.candidates[i - 1]))
      abort();
  cp_role_match_clear(&m);
}

/* Three roles, the second labelled and aliased by the fuzzer (NULL when it is not valid
 * UTF-8 or too long, which the model refuses). */
static cp_graph *small(const char *line) {
  cp_graph *g = NULL;
  size_t at;
  if (cp_graph_new("fuzz", &g) != CP_OK)
    abort();
  if (cp_graph_add_role(g, "registered-nurse", "Registered Nurse", "practice", 2, 0, NULL, NULL) ||
      cp_graph_add_role(g, "x", line, "d", 1, 0, &at, NULL) ||
      cp_graph_set_role_attr(g, at, "aliases", line, NULL) ||
      cp_graph_set_role_attr(g, at, "onet", "29-1141.00", NULL) ||
      cp_graph_add_role(g, "29-1141.01", "Acute Care Nurses", "29", 3, 0, NULL, NULL)) {
    cp_graph_free(g);
    return NULL;
  }
  return g;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static cp_graph *builtin;
  if (!builtin && cp_builtin_graph(&builtin, NULL) != CP_OK)
    abort();
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  char *name = memchr(text, '\n', size);
  if (name) {
    *name++ = '\0';
    cp_graph *g = small(text);
    if (g)
      check(g, name);
    cp_graph_free(g);
  }
  check(builtin, text);
  free(text);
  return 0;
}
