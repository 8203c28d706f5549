/* resample.c: what resampling people needs (each person's steps) and the bootstrap's draws. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each person's steps along the published transitions, people in hash order. */
struct cp_mobility_panel {
  size_t n_people;
  size_t *start;        /* n_people + 1 */
  uint32_t *transition; /* per step: the published transition */
  uint32_t *count;      /* ... and how many times */
};

cp_status cp_panel_add_person(cp_panel_builder *pb, uint64_t hash) {
  cp_panel_person *p = cp_grow(pb->people, &pb->cap_people, pb->n_people + 1, sizeof *p, 1024);
  if (!p)
    return CP_ENOMEM;
  pb->people = p;
  p[pb->n_people++] = (cp_panel_person){hash, pb->n_steps};
  return CP_OK;
}

cp_status cp_panel_add_step(cp_panel_builder *pb, uint32_t edge, uint32_t count) {
  cp_panel_step *s = cp_grow(pb->steps, &pb->cap_steps, pb->n_steps + 1, sizeof *s, 4096);
  if (!s)
    return CP_ENOMEM;
  pb->steps = s;
  s[pb->n_steps++] = (cp_panel_step){edge, count};
  return CP_OK;
}

void cp_panel_builder_free(cp_panel_builder *pb) {
  free(pb->people);
  free(pb->steps);
  memset(pb, 0, sizeof *pb);
}

void cp_mobility_panel_free(struct cp_mobility_panel *p) {
  if (!p)
    return;
  free(p->start);
  free(p->transition);
  free(p->count);
  free(p);
}

typedef struct keyed {
  uint64_t hash;
  size_t person;
} keyed;

static int by_hash(const void *pa, const void *pb) {
  const keyed *a = pa, *b = pb;
  if (a->hash != b->hash)
    return a->hash < b->hash ? -1 : 1;
  return (a->person > b->person) - (a->person < b->person);
}

cp_status cp_panel_finish(cp_panel_builder *pb, const size_t *published,
                          struct cp_mobility_panel **out) {
  size_t n = pb->n_people;
  struct cp_mobility_panel *p = calloc(1, sizeof *p);
  keyed *order = malloc((n + 1) * sizeof *order);
  if (!p || !order || !(p->start = malloc((n + 1) * sizeof *p->start)) ||
      !(p->transition = malloc((pb->n_steps + 1) * sizeof *p->transition)) ||
      !(p->count = malloc((pb->n_steps + 1) * sizeof *p->count))) {
    free(order);
    cp_mobility_panel_free(p);
    return CP_ENOMEM;
  }
  for (size_t i = 0; i < n; i++)
    order[i] = (keyed){pb->people[i].hash, i};
  qsort(order, n, sizeof *order, by_hash);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    size_t who = order[i].person;
    p->start[i] = k;
    size_t end = who + 1 < n ? pb->people[who + 1].start : pb->n_steps;
    for (size_t s = pb->people[who].start; s < end; s++) {
      size_t t = published[pb->steps[s].edge];
      if (t == SIZE_MAX)
        continue;
      p->transition[k] = (uint32_t)t;
      p->count[k++] = pb->steps[s].count;
    }
  }
  p->start[n] = k;
  p->n_people = n;
  free(order);
  *out = p;
  return CP_OK;
}

/* ---- the draws: xoshiro256** seeded by splitmix64, the same numbers everywhere ---- */

typedef struct rng {
  uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(rng *r) {
  uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

/* Each replicate its own stream, from the seed and its number: replicates do not depend on
 * one another, nor on the order they are drawn in. */
static void rng_seed(rng *r, uint64_t seed, uint64_t replicate) {
  uint64_t x = seed ^ (replicate * 0xD1B54A32D192ED03u);
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64(&x);
}

/* Uniform in [0, n), by rejection: no modulo bias. */
static uint64_t below(rng *r, uint64_t n) {
  uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;
  do
    x = next(r);
  while (x >= limit);
  return x % n;
}

cp_status cp_mobility_resample(const cp_mobility *m, unsigned long long seed, size_t replicate,
                               double *counts, cp_error *err) {
  const struct cp_mobility_panel *p = m->panel;
  if (!p)
    return cp_fail(err, CP_EINVAL, "resampling needs the people kept (keep_people)");
  for (size_t i = 0; i < m->n_transitions; i++)
    counts[i] = 0;
  if (!p->n_people)
    return CP_OK;
  rng r;
  rng_seed(&r, seed, replicate);
  for (size_t i = 0; i < p->n_people; i++) {
    size_t who = (size_t)below(&r, p->n_people);
    for (size_t s = p->start[who]; s < p->start[who + 1]; s++)
      counts[p->transition[s]] += p->count[s];
  }
  return CP_OK;
}

static int cmp_double(const void *pa, const void *pb) {
  double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

size_t cp_percentile_interval(double *v, size_t n, double level, double *lo, double *hi) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (!isnan(v[i]))
      v[k++] = v[i];
  *lo = *hi = NAN;
  if (!k)
    return 0;
  qsort(v, k, sizeof *v, cmp_double);
  double q[2] = {(1 - level) / 2, (1 + level) / 2}, *out[2] = {lo, hi};
  for (int j = 0; j < 2; j++) {
    double h = (double)(k - 1) * q[j];
    size_t a = (size_t)floor(h);
    *out[j] = a + 1 < k ? v[a] + (h - (double)a) * (v[a + 1] - v[a]) : v[k - 1];
  }
  return k;
}
