#define _DEFAULT_SOURCE /* MADV_POPULATE_READ */
/* compiled.c: reading a compiled graph image (compiled_format.h) in place: mapped, checked,
 * every string borrowed from it, each transition made on its first read. */
#include "compiled_format.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

bool cp_image_holds(const cp_image *im, const void *p) {
  if (!im || !p)
    return false;
  const char *c = p;
  const char *a = (const char *)im->attrs, *r = (const char *)im->requires;
  return (c >= im->base && c < im->base + im->len) ||
         (a && c >= a && c < a + im->n_attrs * sizeof *im->attrs) ||
         (r && c >= r && c < r + im->n_requires * sizeof *im->requires);
}

void cp_image_free(cp_image *im) {
  if (!im)
    return;
  if (im->mapped)
    munmap((void *)im->base, im->len);
  else
    free((void *)im->base);
  free(im->attrs);
  free(im->requires);
  free(im->path);
  free(im);
}

/* ---- checking the header ---- */

static const char *section_names[CPG_SECTIONS] = {
    "roles",  "credentials", "attributes", "requirements", "strings", "id table",
    "extras", "from",        "to",         "has",          "line",    "router",
    "router", "router",      "router",     "router",       "router",  "router",
    "router", "router",      "router",     "router",       "router"};

static cp_status check_sections(const char *name, const cpg_header *h, size_t len, cp_error *err) {
  uint64_t end = sizeof *h;
  for (int s = 0; s < CPG_SECTIONS; s++) {
    uint64_t off = h->offset[s], n = h->count[s], size = cpg_record_bytes[s];
    if (off % 8 || off < end || off > len || n > (len - off) / size)
      return cp_fail(err, CP_EPARSE,
                     "%s: the %s section (offset %llu, %llu records) lies outside the image or "
                     "overlaps another",
                     name, section_names[s], (unsigned long long)off, (unsigned long long)n);
    end = off + n * size;
  }
  if (!h->count[CPG_STRINGS])
    return cp_fail(err, CP_EPARSE, "%s: the string table is empty", name);
  if (h->graph_attrs > h->count[CPG_ATTRS] ||
      h->graph_attr_first > h->count[CPG_ATTRS] - h->graph_attrs)
    return cp_fail(err, CP_EPARSE, "%s: the graph's attributes lie outside the attributes section",
                   name);
  return CP_OK;
}

/* Everything up to the bulk is checked whole at load: the header's own fields, then the
 * head's checksum, then where each section lies. The bulk's checksum is for
 * cp_graph_verify_image: reading 300 MB would cost more than the whole load. */
static cp_status check_header(const char *name, const char *base, size_t len, cp_error *err) {
  cpg_header h;
  if (len < CPG_MAGIC_BYTES || memcmp(base, CPG_MAGIC, CPG_MAGIC_BYTES))
    return cp_fail(err, CP_EPARSE, "%s: not a compiled careerpath graph (bad magic bytes)", name);
  if (len < sizeof h)
    return cp_fail(err, CP_EPARSE, "%s: truncated: %zu bytes, shorter than the %zu-byte header",
                   name, len, sizeof h);
  memcpy(&h, base, sizeof h);
  if (h.order != CPG_ORDER)
    return cp_fail(err, CP_EPARSE,
                   "%s: compiled on a machine of the other byte order (endianness); compile it "
                   "again here",
                   name);
  if (h.version != CP_COMPILED_VERSION)
    return cp_fail(err, CP_EPARSE,
                   "%s: compiled graph version %u; this careerpath reads version %d (compile it "
                   "again)",
                   name, (unsigned)h.version, CP_COMPILED_VERSION);
  if (h.file_bytes != len)
    return cp_fail(err, CP_EPARSE, "%s: %s: the header says %llu bytes, the file has %zu", name,
                   h.file_bytes > len ? "truncated" : "trailing bytes",
                   (unsigned long long)h.file_bytes, len);
  uint64_t head = h.offset[CPG_BULK];
  if (head < sizeof h || head > len ||
      XXH3_64bits(base + CPG_CHECKED_FROM, head - CPG_CHECKED_FROM) != h.checksum)
    return cp_fail(err, CP_EPARSE, "%s: checksum mismatch: the image is corrupted", name);
  return check_sections(name, &h, len, err);
}

/* ---- reading the head ---- */

typedef struct reader {
  const char *name;
  const cpg_header *h;
  const char *base, *strings;
  cp_graph *g;
  cp_error *err;
} reader;

/* The string at offset `off`, or NULL (an error is set) when it is out of range. The table
 * ends in a NUL (checked once), so every string in range is terminated. */
static char *string_at(reader *rd, uint32_t off, const char *what) {
  if (off < rd->h->count[CPG_STRINGS])
    return (char *)rd->strings + off;
  cp_fail(rd->err, CP_EPARSE, "%s: %s: string offset %u past the %llu-byte string table", rd->name,
          what, (unsigned)off, (unsigned long long)rd->h->count[CPG_STRINGS]);
  return NULL;
}

/* Whether [first, first + n) lies in a section of `count` records. */
static bool range_ok(uint64_t first, uint64_t n, uint64_t count) {
  return n <= count && first <= count - n;
}

/* The attribute list [first, first + n) of the image's block, or an error. */
static cp_status attrs_at(reader *rd, uint32_t first, uint32_t n, const char *what, cp_attr **out) {
  if (!range_ok(first, n, rd->h->count[CPG_ATTRS]))
    return cp_fail(rd->err, CP_EPARSE, "%s: %s: attributes %u..+%u outside the %llu in the image",
                   rd->name, what, (unsigned)first, (unsigned)n,
                   (unsigned long long)rd->h->count[CPG_ATTRS]);
  *out = n ? rd->g->image->attrs + first : NULL;
  return CP_OK;
}

static cp_status read_attrs(reader *rd) {
  const cpg_attr *a = (const cpg_attr *)(rd->base + rd->h->offset[CPG_ATTRS]);
  cp_attr *to = rd->g->image->attrs;
  for (size_t i = 0; i < rd->h->count[CPG_ATTRS]; i++)
    if (!(to[i].key = string_at(rd, a[i].key, "attribute")) ||
        !(to[i].value = string_at(rd, a[i].value, "attribute")))
      return rd->err->status;
  return CP_OK;
}

static cp_status read_requires(reader *rd) {
  const uint32_t *q = (const uint32_t *)(rd->base + rd->h->offset[CPG_REQUIRES]);
  char **to = rd->g->image->requires;
  for (size_t i = 0; i < rd->h->count[CPG_REQUIRES]; i++)
    if (!(to[i] = string_at(rd, q[i], "requirement")))
      return rd->err->status;
  return CP_OK;
}

static cp_status read_role(reader *rd, const cpg_role *in, size_t i) {
  cp_role *r = &rd->g->roles[i];
  r->level = in->level;
  r->line = (size_t)in->line;
  r->n_attrs = in->n_attrs;
  if (!(r->id = string_at(rd, in->id, "role")) || !(r->label = string_at(rd, in->label, "role")) ||
      !(r->domain = string_at(rd, in->domain, "role")))
    return rd->err->status;
  if (in->level < 0 || !*r->id)
    return cp_fail(rd->err, CP_EPARSE, "%s: role %zu: an empty id or a negative level", rd->name,
                   i);
  if (attrs_at(rd, in->attr_first, in->n_attrs, "role", &r->attrs))
    return rd->err->status;
  rd->g->n_roles = i + 1;
  return CP_OK;
}

static cp_status read_credential(reader *rd, const cpg_credential *in, size_t i) {
  cp_credential *c = &rd->g->credentials[i];
  if (!(c->name = string_at(rd, in->name, "credential")) ||
      !(c->source = string_at(rd, in->source, "credential")))
    return rd->err->status;
  if (!isfinite(in->months) || in->months < 0 || !isfinite(in->cost) || in->cost < 0 || !*c->name)
    return cp_fail(rd->err, CP_EPARSE, "%s: credential %zu: bad name or figures", rd->name, i);
  c->months = in->months;
  c->cost = in->cost;
  rd->g->n_credentials = i + 1;
  return CP_OK;
}

/* The id table: a power of two of slots, each a role number + 1 or 0, with an empty slot
 * (so that a probe ends), and every role found at its own id: then ids are not repeated
 * and every lookup stays in the table. O(slots + roles). */
static cp_status check_ids(reader *rd) {
  cp_image *im = rd->g->image;
  size_t slots = (size_t)rd->h->count[CPG_ID_SLOTS], n = rd->g->n_roles, used = 0;
  im->id_slots = (const uint32_t *)(rd->base + rd->h->offset[CPG_ID_SLOTS]);
  im->id_mask = slots - 1;
  if (!slots || (slots & (slots - 1)))
    return cp_fail(rd->err, CP_EPARSE, "%s: the id table has %zu slots, not a power of two",
                   rd->name, slots);
  for (size_t s = 0; s < slots; s++) {
    if (im->id_slots[s] > n)
      return cp_fail(rd->err, CP_EPARSE, "%s: the id table names role %u of %zu", rd->name,
                     (unsigned)im->id_slots[s], n);
    used += im->id_slots[s] != 0;
  }
  if (used != n || used == slots)
    return cp_fail(rd->err, CP_EPARSE, "%s: the id table holds %zu of %zu roles in %zu slots",
                   rd->name, used, n, slots);
  for (size_t i = 0; i < n; i++) {
    size_t at;
    if (cp_image_role_index(rd->g, rd->g->roles[i].id, &at) || at != i)
      return cp_fail(rd->err, CP_EPARSE, "%s: duplicate role id '%s' (or a wrong id table)",
                     rd->name, rd->g->roles[i].id);
  }
  return CP_OK;
}

cp_status cp_image_role_index(const cp_graph *g, const char *id, size_t *out) {
  const cp_image *im = g->image;
  size_t len = strlen(id);
  for (uint64_t s = cpg_id_hash(id, len) & im->id_mask;; s = (s + 1) & im->id_mask) {
    uint32_t v = im->id_slots[s];
    if (!v)
      return CP_ENOTFOUND;
    if (!strcmp(g->roles[v - 1].id, id)) {
      *out = v - 1;
      return CP_OK;
    }
  }
}

/* The extras: in increasing transition order, each naming a transition, its strings in the
 * table and its lists inside their sections. O(extras). */
static cp_status check_extras(reader *rd) {
  const cpg_extra *x = (const cpg_extra *)(rd->base + rd->h->offset[CPG_EXTRAS]);
  size_t n = (size_t)rd->h->count[CPG_EXTRAS], m = (size_t)rd->h->count[CPG_T_FROM];
  cp_attr *attrs;
  for (size_t i = 0; i < n; i++) {
    if (x[i].transition >= m || (i && x[i].transition <= x[i - 1].transition) ||
        !range_ok(x[i].req_first, x[i].n_req, rd->h->count[CPG_REQUIRES]))
      return cp_fail(rd->err, CP_EPARSE, "%s: extra %zu: transition or requirements out of order",
                     rd->name, i);
    if (!string_at(rd, x[i].note, "transition") || !string_at(rd, x[i].source, "transition") ||
        attrs_at(rd, x[i].attr_first, x[i].n_attrs, "transition", &attrs))
      return rd->err->status;
  }
  rd->g->image->extras = x;
  rd->g->image->n_extras = n;
  return CP_OK;
}

/* ---- the bulk: what a load checks of it ---- */

/* Maps in the pages of a mapped image's [from, to) in one call, before a pass reads them
 * all: faulting them in one by one cost about a fifth more CPU (measured, route on 200,000
 * roles). Advice only: a kernel without MADV_POPULATE_READ (5.14) faults them as before. */
static void prefault(const cp_image *im, const void *from, const void *to) {
#ifdef MADV_POPULATE_READ
  uintptr_t a = (uintptr_t)from & ~(uintptr_t)4095;
  if (im->mapped && (uintptr_t)to > a)
    (void)madvise((void *)a, (uintptr_t)to - a, MADV_POPULATE_READ);
#else
  (void)im, (void)from, (void)to;
#endif
}

/* Per transition, what making it reads as an index or as bits: its ends are roles, its
 * `has` known bits, and the header's AND and OR of them right. O(m), over 10 bytes a
 * transition; the rest (weights, line) is read as it is. */
static cp_status check_moves(reader *rd) {
  cp_image *im = rd->g->image;
  const cpg_header *h = rd->h;
  size_t n = rd->g->n_roles, m = (size_t)h->count[CPG_T_FROM];
  unsigned all = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT | CP_MONTHS_MEDIAN, any = 0;
  bool bad = h->count[CPG_T_TO] != m || h->count[CPG_T_HAS] != m || h->count[CPG_T_LINE] != m;
  im->t_from = (const uint32_t *)(rd->base + h->offset[CPG_T_FROM]);
  im->t_to = (const uint32_t *)(rd->base + h->offset[CPG_T_TO]);
  im->t_has = (const uint8_t *)(rd->base + h->offset[CPG_T_HAS]);
  im->t_line = (const uint64_t *)(rd->base + h->offset[CPG_T_LINE]);
  if (!bad)
    prefault(im, im->t_from, im->t_has + m);
  for (size_t i = 0; i < m && !bad; i++) {
    all &= im->t_has[i];
    any |= im->t_has[i];
    bad = (im->t_from[i] >= n) | (im->t_to[i] >= n);
  }
  if (bad || any & ~(unsigned)(CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT | CP_MONTHS_MEDIAN) ||
      (m && (all != h->has_all || any != h->has_any)))
    return cp_fail(rd->err, CP_EPARSE, "%s: the transitions' ends or flags do not fit the graph",
                   rd->name);
  im->has_all = h->has_all;
  im->has_any = h->has_any;
  return CP_OK;
}

/* Points the image's router fields at their sections once their counts are right; what they
 * hold is checked when a router borrows them (check_router). */
static cp_status point_router(reader *rd) {
  const cpg_header *h = rd->h;
  cp_image *im = rd->g->image;
  const char *b = rd->base;
  size_t n = rd->g->n_roles, m = (size_t)h->count[CPG_T_FROM];
  const uint64_t want[] = {n + 1, m, n + 1, m, m, m, m, m, m, m, m + 1};
  for (int s = CPG_OUT_START; s < CPG_REQ_CRED; s++)
    if (h->count[s] != want[s - CPG_OUT_START])
      return cp_fail(rd->err, CP_EPARSE, "%s: router section %d holds %llu records, not %llu",
                     rd->name, s, (unsigned long long)h->count[s],
                     (unsigned long long)want[s - CPG_OUT_START]);
  im->n = n;
  im->m = m;
  im->n_credentials = rd->g->n_credentials;
  im->carried = h->carried;
  im->out_start = (const size_t *)(b + h->offset[CPG_OUT_START]);
  im->out_tr = (const size_t *)(b + h->offset[CPG_OUT_TR]);
  im->in_start = (const size_t *)(b + h->offset[CPG_IN_START]);
  im->in_tr = (const size_t *)(b + h->offset[CPG_IN_TR]);
  im->out_head = (const uint32_t *)(b + h->offset[CPG_OUT_HEAD]);
  im->in_tail = (const uint32_t *)(b + h->offset[CPG_IN_TAIL]);
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    im->w[c] = (const double *)(b + h->offset[CPG_W_STEPS + c]);
  im->req_start = (const size_t *)(b + h->offset[CPG_REQ_START]);
  im->req_cred = (const size_t *)(b + h->offset[CPG_REQ_CRED]);
  im->n_req_cred = (size_t)h->count[CPG_REQ_CRED];
  im->bulk_from = (size_t)h->offset[CPG_BULK];
  im->bulk_sum = h->bulk_checksum;
  return CP_OK;
}

/* ---- making transitions ---- */

static const cpg_extra *extra_of(const cp_image *im, size_t t) {
  const cpg_extra *x = im->extras;
  size_t lo = 0, hi = im->n_extras;
  while (lo < hi) { /* the extras are in increasing transition order (checked at load) */
    size_t mid = lo + (hi - lo) / 2;
    if (x[mid].transition < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < im->n_extras && x[lo].transition == t ? &x[lo] : NULL;
}

/* Transition i from the image's columns: what indexes anything was checked at load. */
static void make_transition(const cp_image *im, size_t i, cp_transition *t) {
  unsigned has = im->t_has[i];
  const cpg_extra *x = extra_of(im, i);
  char *empty = (char *)im->strings + im->n_strings - 1; /* the table ends in a NUL */
  *t = (cp_transition){.from = im->t_from[i],
                       .to = im->t_to[i],
                       .months = has & CP_HAS_MONTHS ? im->w[CP_BY_MONTHS][i] : NAN,
                       .cost = has & CP_HAS_COST ? im->w[CP_BY_COST][i] : NAN,
                       .effort = has & CP_HAS_EFFORT ? im->w[CP_BY_EFFORT][i] : NAN,
                       .has = has,
                       .note = empty,
                       .source = empty,
                       .line = (size_t)im->t_line[i]};
  if (!x)
    return;
  t->note = (char *)im->strings + x->note;
  t->source = (char *)im->strings + x->source;
  t->n_requires = x->n_req;
  t->requires = x->n_req ? im->requires + x->req_first : NULL;
  t->n_attrs = x->n_attrs;
  t->attrs = x->n_attrs ? im->attrs + x->attr_first : NULL;
}

const cp_transition *cp_image_transition(const cp_graph *g, size_t i) {
  unsigned char expect = 0;
  if (atomic_compare_exchange_strong_explicit(&g->made[i], &expect, 1, memory_order_acquire,
                                              memory_order_acquire)) {
    make_transition(g->image, i, &g->moves[i]);
    atomic_store_explicit(&g->made[i], 2, memory_order_release);
  } else {
    while (atomic_load_explicit(&g->made[i], memory_order_acquire) != 2)
      sched_yield(); /* another thread is making it: a few stores */
  }
  return &g->moves[i];
}

void cp_graph_settle(cp_graph *g) {
  if (!g->made)
    return;
  for (size_t i = 0; i < g->n_transitions; i++)
    (void)cp_tr(g, i);
  free((void *)g->made);
  g->made = NULL;
}

/* ---- the router's arrays, checked when borrowed ---- */

/* Compressed rows over n roles and m entries: starts from 0 to m, never decreasing; every
 * entry a transition, its other end a role. O(n + m). */
static bool rows_ok(const size_t *start, const size_t *tr, const uint32_t *end, size_t n,
                    size_t m) {
  bool bad = start[0] != 0 || start[n] != m;
  for (size_t v = 0; v < n; v++)
    bad |= start[v] > start[v + 1];
  for (size_t j = 0; j < m; j++)
    bad |= (tr[j] >= m) | (end[j] >= n);
  return !bad;
}

/* Each weight NaN (absent) or as the readers accept it, so that no search meets a negative
 * one, and `carried` what the transitions' `has` bits (checked at load) say. Whether a
 * weight is absent exactly where `has` says is left to the bulk's checksum: it changes a
 * figure, never what is read. O(m), one pass a criterion that the compiler vectorizes. */
static bool weights_ok(const cp_image *im) {
  static const unsigned bit[CP_CRITERION_COUNT] = {0, CP_HAS_MONTHS, CP_HAS_COST, CP_HAS_EFFORT};
  static const double lo[CP_CRITERION_COUNT] = {1, 0, 0, 1},
                      hi[CP_CRITERION_COUNT] = {1, DBL_MAX, DBL_MAX, 5};
  unsigned carried = 1u << CP_BY_STEPS;
  for (int c = 0; c < CP_CRITERION_COUNT; c++) {
    const double *w = im->w[c];
    int bad = 0;
    for (size_t t = 0; t < im->m; t++)
      bad |= (w[t] < lo[c]) | (w[t] > hi[c]); /* false for NaN */
    if (bad)
      return false;
    if (bit[c] && (im->has_all & bit[c]))
      carried |= 1u << c;
  }
  return carried == im->carried;
}

static bool credentials_ok(const cp_image *im) {
  const size_t *start = im->req_start;
  bool bad = start[0] != 0 || start[im->m] != im->n_req_cred;
  for (size_t t = 0; t < im->m; t++)
    bad |= start[t] > start[t + 1];
  for (size_t k = 0; k < im->n_req_cred; k++)
    bad |= im->req_cred[k] >= im->n_credentials;
  return !bad;
}

static cp_status check_router(const cp_graph *g, cp_error *err) {
  const cp_image *im = g->image;
  prefault(im, im->out_start, im->base + im->len);
  if (!rows_ok(im->out_start, im->out_tr, im->out_head, im->n, im->m) ||
      !rows_ok(im->in_start, im->in_tr, im->in_tail, im->n, im->m) || !weights_ok(im) ||
      !credentials_ok(im))
    return cp_fail(err, CP_EPARSE, "%s: the router's arrays do not fit the graph", im->path);
  return CP_OK;
}

cp_status cp_image_router_arrays(const cp_graph *g, cp_router *r, bool *used, cp_error *err) {
  const cp_image *im = g->image;
  *used = false;
  if (!im || im->n != g->n_roles || im->m != g->n_transitions ||
      im->n_credentials != g->n_credentials)
    return CP_OK;
  cp_status st = check_router(g, err);
  if (st)
    return st;
  /* The router only reads these; the casts keep struct cp_router's one declaration. */
  r->out_start = (size_t *)im->out_start;
  r->out_tr = (size_t *)im->out_tr;
  r->in_start = (size_t *)im->in_start;
  r->in_tr = (size_t *)im->in_tr;
  r->out_head = (uint32_t *)im->out_head;
  r->in_tail = (uint32_t *)im->in_tail;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    r->w[c] = (double *)im->w[c];
  r->req_start = (size_t *)im->req_start;
  r->req_cred = (size_t *)im->req_cred;
  r->carried = im->carried;
  r->borrowed = true;
  *used = true;
  return CP_OK;
}

cp_status cp_graph_verify_image(const cp_graph *g, cp_error *err) {
  const cp_image *im = g->image;
  if (!im)
    return CP_OK;
  if (XXH3_64bits(im->base + im->bulk_from, im->len - im->bulk_from) != im->bulk_sum)
    return cp_fail(err, CP_EPARSE, "%s: checksum mismatch: the image is corrupted", im->path);
  return im->n == g->n_roles && im->m == g->n_transitions ? check_router(g, err) : CP_OK;
}

/* ---- the graph ---- */

/* The graph's arrays, sized from the header, before any record is read. The transitions'
 * array is left uninitialized: `made` says which entries hold a transition. */
static cp_status alloc_graph(reader *rd) {
  const cpg_header *h = rd->h;
  cp_graph *g = rd->g;
  cp_image *im = g->image;
  size_t limit = cp_limits_get()->roles, tlimit = cp_limits_get()->transitions;
  size_t n = (size_t)h->count[CPG_ROLES], m = (size_t)h->count[CPG_T_FROM];
  if (n > limit || m > tlimit)
    return cp_fail(rd->err, CP_ELIMIT,
                   "%s: %zu roles and %zu transitions; the most accepted are %zu and %zu", rd->name,
                   n, m, limit, tlimit);
  im->n_attrs = h->count[CPG_ATTRS];
  im->n_requires = h->count[CPG_REQUIRES];
  g->roles = cp_big_alloc((n + 1) * sizeof *g->roles);
  /* Uninitialized (a transition is written when first made, `made` says which are): pages
   * come in as they are written, huge ones where the kernel can, so a batch whose routes
   * name transitions all over the graph takes a few hundred page faults, not one a move. */
  g->moves = cp_big_alloc((m + 1) * sizeof *g->moves);
  g->made = calloc(m + 1, 1);
  g->credentials = calloc(h->count[CPG_CREDENTIALS] + 1, sizeof *g->credentials);
  im->attrs = malloc((im->n_attrs + 1) * sizeof *im->attrs);
  im->requires = malloc((im->n_requires + 1) * sizeof *im->requires);
  if (!g->roles || !g->moves || !g->made || !g->credentials || !im->attrs || !im->requires)
    return cp_fail(rd->err, CP_ENOMEM, "%s: out of memory loading the graph", rd->name);
  g->cap_roles = n + 1;
  g->cap_transitions = m + 1;
  return CP_OK;
}

static cp_status read_records(reader *rd) {
  const cpg_header *h = rd->h;
  const cpg_role *roles = (const cpg_role *)(rd->base + h->offset[CPG_ROLES]);
  const cpg_credential *cs = (const cpg_credential *)(rd->base + h->offset[CPG_CREDENTIALS]);
  cp_status st = read_attrs(rd);
  if (!st)
    st = read_requires(rd);
  for (size_t i = 0; i < h->count[CPG_ROLES] && !st; i++)
    st = read_role(rd, &roles[i], i);
  for (size_t i = 0; i < h->count[CPG_CREDENTIALS] && !st; i++)
    st = read_credential(rd, &cs[i], i);
  if (!st)
    st = check_ids(rd);
  if (!st)
    st = check_extras(rd);
  if (!st)
    st = check_moves(rd);
  if (!st)
    rd->g->n_transitions = (size_t)h->count[CPG_T_FROM];
  return st;
}

/* Everything after the header, into `g`, which holds the image. */
static cp_status read_graph(const char *name, const cpg_header *h, cp_graph *g, cp_error *err) {
  reader rd = {name, h, g->image->base, g->image->base + h->offset[CPG_STRINGS], g, err};
  size_t n_strings = (size_t)h->count[CPG_STRINGS];
  if (rd.strings[n_strings - 1] != '\0' || !cp_utf8_valid(rd.strings, n_strings))
    return cp_fail(err, CP_EPARSE, "%s: the string table is not NUL-terminated UTF-8", name);
  g->image->strings = rd.strings;
  g->image->n_strings = n_strings;
  char *graph_name = string_at(&rd, h->name, "graph name");
  if (!graph_name)
    return err->status;
  free(g->name);
  g->name = graph_name;
  cp_status st = alloc_graph(&rd);
  if (!st)
    st = read_records(&rd);
  if (!st)
    st = attrs_at(&rd, h->graph_attr_first, h->graph_attrs, "graph", &g->attrs);
  if (!st)
    g->n_attrs = h->graph_attrs;
  if (!st)
    st = point_router(&rd);
  return st;
}

/* Takes `im` (its base and length set): the graph's on success, freed on failure. */
static cp_status read_image(const char *name, cp_image *im, cp_graph **out, cp_error *err) {
  cp_graph *g = NULL;
  cpg_header h;
  cp_status st = check_header(name, im->base, im->len, err);
  if (st)
    goto cleanup;
  if (!(im->path = cp_strdup(name))) {
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory", name);
    goto cleanup;
  }
  memcpy(&h, im->base, sizeof h);
  if (cp_graph_new(NULL, &g)) {
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory", name);
    goto cleanup;
  }
  g->image = im;
  im = NULL;
  if (!(st = read_graph(name, &h, g, err))) {
    *out = g;
    g = NULL;
  }
cleanup:
  cp_graph_free(g);
  cp_image_free(im);
  return st;
}

cp_status cp_read_compiled_buffer(const char *name, const void *data, size_t len, cp_graph **out,
                                  cp_error *err) {
  cp_error local;
  err = err ? err : &local;
  cp_image *im = calloc(1, sizeof *im);
  char *copy = malloc(len ? len : 1);
  if (!im || !copy) {
    free(im);
    free(copy);
    return cp_fail(err, CP_ENOMEM, "%s: out of memory", name);
  }
  memcpy(copy, data, len);
  im->base = copy;
  im->len = len;
  return read_image(name, im, out, err);
}

/* Maps `path` whole, read-only. Its pages are read in as they are used: a load reads the
 * head and a few columns of the bulk, a route a few rows of the router. */
static cp_status map_file(const char *path, cp_image *im, cp_error *err) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat sb;
  cp_status st = CP_OK;
  if (fd < 0)
    return cp_fail(err, errno == ENOMEM ? CP_ENOMEM : CP_EIO, "%s: cannot open: %s", path,
                   strerror(errno));
  if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
    st = cp_fail(err, CP_EIO, "%s: not a regular file", path);
    goto cleanup;
  }
  im->len = (size_t)sb.st_size;
  if (im->len < sizeof(cpg_header)) {
    char head[sizeof(cpg_header)];
    ssize_t got = read(fd, head, sizeof head);
    st = check_header(path, head, got > 0 ? (size_t)got : 0, err);
    goto cleanup;
  }
  void *p = mmap(NULL, im->len, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) {
    st = cp_fail(err, errno == ENOMEM ? CP_ENOMEM : CP_EIO, "%s: cannot map: %s", path,
                 strerror(errno));
    goto cleanup;
  }
  im->base = p;
  im->mapped = true;
cleanup:
  close(fd);
  return st;
}

cp_status cp_read_compiled_file(const char *path, cp_graph **out, cp_error *err) {
  cp_error local;
  err = err ? err : &local;
  cp_image *im = calloc(1, sizeof *im);
  if (!im)
    return cp_fail(err, CP_ENOMEM, "%s: out of memory", path);
  cp_status st = map_file(path, im, err);
  if (st) {
    cp_image_free(im);
    return st;
  }
  return read_image(path, im, out, err);
}

bool cp_is_compiled_file(const char *path) {
  char head[CPG_MAGIC_BYTES];
  struct stat sb;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return false;
  bool yes = !fstat(fd, &sb) && S_ISREG(sb.st_mode) &&
             read(fd, head, sizeof head) == (ssize_t)sizeof head &&
             !memcmp(head, CPG_MAGIC, CPG_MAGIC_BYTES);
  close(fd);
  return yes;
}
