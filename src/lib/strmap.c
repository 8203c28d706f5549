/* strmap.c: string-to-index hash map (open addressing, XXH3 from libxxhash). */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* A slot holds the key's hash, the key and the value together: on a large graph a lookup
 * is one cache miss for the slot (and one for the key when the hashes match), not one per
 * array. */
struct cp_strmap_slot {
  uint64_t hash;
  const char *key; /* NULL: empty */
  size_t value;
};

void cp_strmap_init(cp_strmap *m) { memset(m, 0, sizeof *m); }

void cp_strmap_destroy(cp_strmap *m) {
  free(m->slots);
  memset(m, 0, sizeof *m);
}

static uint64_t hash_of(const char *key) { return XXH3_64bits(key, strlen(key)); }

static cp_status grow(cp_strmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  struct cp_strmap_slot *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return CP_ENOMEM;
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slots[i].key)
      continue;
    size_t s = (size_t)m->slots[i].hash & (cap - 1);
    while (slots[s].key)
      s = (s + 1) & (cap - 1);
    slots[s] = m->slots[i];
  }
  free(m->slots);
  m->slots = slots;
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
  uint64_t h = hash_of(key);
  size_t s = (size_t)h & (m->cap - 1);
  while (m->slots[s].key) {
    if (m->slots[s].hash == h && strcmp(m->slots[s].key, key) == 0) {
      *existing = true;
      if (old_value)
        *old_value = m->slots[s].value;
      return CP_OK;
    }
    s = (s + 1) & (m->cap - 1);
  }
  m->slots[s] = (struct cp_strmap_slot){h, key, value};
  m->count++;
  return CP_OK;
}

bool cp_strmap_get(const cp_strmap *m, const char *key, size_t *value) {
  if (m->cap == 0)
    return false;
  uint64_t h = hash_of(key);
  size_t s = (size_t)h & (m->cap - 1);
  while (m->slots[s].key) {
    if (m->slots[s].hash == h && strcmp(m->slots[s].key, key) == 0) {
      *value = m->slots[s].value;
      return true;
    }
    s = (s + 1) & (m->cap - 1);
  }
  return false;
}
