/* strmap.c: string-to-index hash map (open addressing, XXH3 from libxxhash). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

void cp_strmap_init(cp_strmap *m) { memset(m, 0, sizeof *m); }

void cp_strmap_destroy(cp_strmap *m) {
  free(m->keys);
  free(m->values);
  memset(m, 0, sizeof *m);
}

static size_t slot_of(const char *key, size_t cap) {
  return (size_t)XXH3_64bits(key, strlen(key)) & (cap - 1);
}

static cp_status grow(cp_strmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  const char **keys = calloc(cap, sizeof *keys);
  size_t *values = malloc(cap * sizeof *values);
  if (!keys || !values) {
    free(keys);
    free(values);
    return CP_ENOMEM;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i])
      continue;
    size_t s = slot_of(m->keys[i], cap);
    while (keys[s])
      s = (s + 1) & (cap - 1);
    keys[s] = m->keys[i];
    values[s] = m->values[i];
  }
  free(m->keys);
  free(m->values);
  m->keys = keys;
  m->values = values;
  m->cap = cap;
  return CP_OK;
}

cp_status cp_strmap_put(cp_strmap *m, const char *key, size_t value, bool *existing,
                        size_t *old_value) {
  *existing = false;
  /* Keep the load under 1/2 so probe runs stay short. */
  if ((m->count + 1) * 2 > m->cap) {
    cp_status st = grow(m);
    if (st != CP_OK)
      return st;
  }
  size_t s = slot_of(key, m->cap);
  while (m->keys[s]) {
    if (strcmp(m->keys[s], key) == 0) {
      *existing = true;
      if (old_value)
        *old_value = m->values[s];
      return CP_OK;
    }
    s = (s + 1) & (m->cap - 1);
  }
  m->keys[s] = key;
  m->values[s] = value;
  m->count++;
  return CP_OK;
}

bool cp_strmap_get(const cp_strmap *m, const char *key, size_t *value) {
  if (m->cap == 0)
    return false;
  size_t s = slot_of(key, m->cap);
  while (m->keys[s]) {
    if (strcmp(m->keys[s], key) == 0) {
      *value = m->values[s];
      return true;
    }
    s = (s + 1) & (m->cap - 1);
  }
  return false;
}
