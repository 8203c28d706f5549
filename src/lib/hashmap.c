/* hashmap.c: open-addressing hash maps over XXH3 (libxxhash): string -> index, and 64-bit key
 * -> 64-bit value, on one core. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
/* Inlined: the keys hashed are short and many, where a call costs as much as the hash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

/* A slot holds the key's hash, the key and the value together: on a large graph a lookup
 * is one cache miss for the slot (and, for strings, one for the key when the hashes match),
 * not one per array. Linear probing; the load stays under 1/2 so probe runs stay short. */
struct cp_hash_slot {
  uint64_t hash;
  uint64_t key; /* 0: empty. Strings: the key's address; numbers: the key + 1 */
  uint64_t value;
};

/* Whether a stored key is the one looked for. */
typedef bool (*same_fn)(uint64_t stored, const void *probe);

static void hashmap_destroy(cp_hashmap *m) {
  free(m->slots);
  memset(m, 0, sizeof *m);
}

static cp_status hashmap_grow(cp_hashmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  struct cp_hash_slot *slots = calloc(cap, sizeof *slots);
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

/* The slot holding the key (same hash, and `same`), or the empty one where it would go;
 * NULL for an empty map. */
static struct cp_hash_slot *hashmap_find(const cp_hashmap *m, uint64_t hash, same_fn same,
                                         const void *probe) {
  if (m->cap == 0)
    return NULL;
  size_t s = (size_t)hash & (m->cap - 1);
  while (m->slots[s].key && !(m->slots[s].hash == hash && same(m->slots[s].key, probe)))
    s = (s + 1) & (m->cap - 1);
  return &m->slots[s];
}

/* The slot for the key, made (with `key` and value 0) when absent: *made says which. NULL
 * when memory runs out, the map unchanged. */
static struct cp_hash_slot *hashmap_at(cp_hashmap *m, uint64_t hash, uint64_t key, same_fn same,
                                       const void *probe, bool *made) {
  *made = false;
  struct cp_hash_slot *slot = hashmap_find(m, hash, same, probe);
  if (slot && slot->key)
    return slot;
  if ((m->count + 1) * 2 > m->cap) {
    if (hashmap_grow(m))
      return NULL;
    slot = hashmap_find(m, hash, same, probe);
  }
  *slot = (struct cp_hash_slot){hash, key, 0};
  m->count++;
  *made = true;
  return slot;
}

/* ---- string -> index ---- */

static bool same_string(uint64_t stored, const void *probe) {
  return strcmp((const char *)(uintptr_t)stored, probe) == 0;
}

static uint64_t hash_string(const char *key) { return XXH3_64bits(key, strlen(key)); }

void cp_strmap_init(cp_strmap *m) { memset(m, 0, sizeof *m); }

void cp_strmap_destroy(cp_strmap *m) { hashmap_destroy(&m->h); }

cp_status cp_strmap_put(cp_strmap *m, const char *key, size_t value, bool *existing,
                        size_t *old_value) {
  bool made;
  struct cp_hash_slot *slot =
      hashmap_at(&m->h, hash_string(key), (uint64_t)(uintptr_t)key, same_string, key, &made);
  *existing = false;
  if (!slot)
    return CP_ENOMEM;
  if (made) {
    slot->value = value;
    return CP_OK;
  }
  *existing = true;
  if (old_value)
    *old_value = (size_t)slot->value;
  return CP_OK;
}

cp_status cp_strmap_reserve(cp_strmap *m, size_t n) {
  while ((m->h.count + n) * 2 > m->h.cap)
    if (hashmap_grow(&m->h))
      return CP_ENOMEM;
  return CP_OK;
}

bool cp_strmap_get(const cp_strmap *m, const char *key, size_t *value) {
  return cp_strmap_get_hashed(m, key, hash_string(key), value);
}

uint64_t cp_strmap_hash(const char *key, size_t len) { return XXH3_64bits(key, len); }

bool cp_strmap_get_hashed(const cp_strmap *m, const char *key, uint64_t hash, size_t *value) {
  const struct cp_hash_slot *slot = hashmap_find(&m->h, hash, same_string, key);
  if (!slot || !slot->key)
    return false;
  *value = (size_t)slot->value;
  return true;
}

/* ---- 64-bit key -> 64-bit value ---- */

static bool same_number(uint64_t stored, const void *probe) {
  return stored == *(const uint64_t *)probe;
}

void cp_u64map_init(cp_u64map *m) { memset(m, 0, sizeof *m); }

void cp_u64map_destroy(cp_u64map *m) { hashmap_destroy(&m->h); }

uint64_t *cp_u64map_at(cp_u64map *m, uint64_t key, bool *made) {
  uint64_t stored = key + 1, hash = XXH3_64bits(&stored, sizeof stored);
  /* A key present is found by this loop of hashmap_find's, without its call through `same`:
   * the map's most frequent use (mobility histograms). */
  *made = false;
  for (size_t s = (size_t)hash & (m->h.cap - 1); m->h.cap && m->h.slots[s].key;
       s = (s + 1) & (m->h.cap - 1))
    if (m->h.slots[s].key == stored)
      return &m->h.slots[s].value;
  struct cp_hash_slot *slot = hashmap_at(&m->h, hash, stored, same_number, &stored, made);
  return slot ? &slot->value : NULL;
}

bool cp_u64map_entry(const cp_u64map *m, size_t slot, uint64_t *key, uint64_t *value) {
  const struct cp_hash_slot *s = &m->h.slots[slot];
  if (!s->key)
    return false;
  *key = s->key - 1;
  *value = s->value;
  return true;
}
