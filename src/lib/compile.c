/* compile.c: a graph written as a compiled image (compiled_format.h), for loading by mmap. */
#include "compiled_format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* The sections as they are made: records, then one image with the string table last. */
typedef struct writer {
  const cp_graph *g;
  cpg_role *roles;
  uint32_t *from, *to, *slots;
  uint8_t *has;
  uint64_t *line;
  cpg_extra *extras;
  size_t n_extras, n_slots;
  unsigned has_all, has_any;
  cpg_credential *creds;
  cpg_attr *attrs;
  uint32_t *reqs;
  size_t n_attrs, n_reqs;
  cp_buf strings;
  cp_strmap seen; /* string -> its offset: each distinct string once */
  bool too_big;
} writer;

/* The offset of `s` in the string table, added when new. */
static uint32_t intern(writer *w, const char *s) {
  size_t at;
  bool existing;
  if (cp_strmap_get(&w->seen, s, &at))
    return (uint32_t)at;
  at = w->strings.len;
  if (at > UINT32_MAX) {
    w->too_big = true;
    return 0;
  }
  if (cp_buf_append(&w->strings, s, strlen(s) + 1) ||
      cp_strmap_put(&w->seen, s, at, &existing, NULL))
    w->too_big = true; /* out of memory: reported as such by the caller */
  return (uint32_t)at;
}

static uint32_t put_attrs(writer *w, const cp_attr *a, size_t n) {
  uint32_t first = (uint32_t)w->n_attrs;
  for (size_t i = 0; i < n; i++)
    w->attrs[w->n_attrs++] = (cpg_attr){intern(w, a[i].key), intern(w, a[i].value)};
  return first;
}

static void put_roles(writer *w) {
  for (size_t i = 0; i < w->g->n_roles; i++) {
    const cp_role *r = &w->g->roles[i];
    w->roles[i] = (cpg_role){.id = intern(w, r->id),
                             .label = intern(w, r->label),
                             .domain = intern(w, r->domain),
                             .level = r->level,
                             .n_attrs = (uint32_t)r->n_attrs,
                             .line = r->line};
    w->roles[i].attr_first = put_attrs(w, r->attrs, r->n_attrs);
  }
}

/* Whether a transition carries anything an extra record holds. */
static bool has_extra(const cp_transition *t) {
  return *t->note || *t->source || t->n_requires || t->n_attrs;
}

static void put_transitions(writer *w) {
  w->has_all = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT | CP_MONTHS_MEDIAN;
  for (size_t i = 0; i < w->g->n_transitions; i++) {
    const cp_transition *t = cp_tr(w->g, i);
    w->from[i] = (uint32_t)t->from;
    w->to[i] = (uint32_t)t->to;
    w->has[i] = (uint8_t)t->has;
    w->line[i] = t->line;
    w->has_all &= t->has;
    w->has_any |= t->has;
    if (!has_extra(t))
      continue;
    cpg_extra *o = &w->extras[w->n_extras++];
    *o = (cpg_extra){.transition = (uint32_t)i,
                     .note = intern(w, t->note),
                     .source = intern(w, t->source),
                     .req_first = (uint32_t)w->n_reqs,
                     .n_req = (uint32_t)t->n_requires,
                     .n_attrs = (uint32_t)t->n_attrs};
    for (size_t j = 0; j < t->n_requires; j++)
      w->reqs[w->n_reqs++] = intern(w, t->requires[j]);
    o->attr_first = put_attrs(w, t->attrs, t->n_attrs);
  }
}

/* The role ids' hash table (compiled_format.h): at least twice as many slots as roles, so
 * that a probe is short and always meets an empty slot. */
static void put_ids(writer *w, const char *strings) {
  const cp_graph *g = w->g;
  for (size_t i = 0; i < g->n_roles; i++) {
    const char *id = strings + w->roles[i].id;
    uint64_t s = cpg_id_hash(id, strlen(id)) & (w->n_slots - 1);
    while (w->slots[s])
      s = (s + 1) & (w->n_slots - 1);
    w->slots[s] = (uint32_t)i + 1;
  }
}

static void put_credentials(writer *w) {
  for (size_t i = 0; i < w->g->n_credentials; i++) {
    const cp_credential *c = &w->g->credentials[i];
    w->creds[i] = (cpg_credential){intern(w, c->name), intern(w, c->source), c->months, c->cost};
  }
}

/* How many attribute and requirement records the graph needs. */
static void count_lists(const cp_graph *g, size_t *attrs, size_t *reqs) {
  *attrs = g->n_attrs;
  *reqs = 0;
  for (size_t i = 0; i < g->n_roles; i++)
    *attrs += g->roles[i].n_attrs;
  for (size_t i = 0; i < g->n_transitions; i++) {
    *attrs += cp_tr(g, i)->n_attrs;
    *reqs += cp_tr(g, i)->n_requires;
  }
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The header, sections and checksum, in one malloc'd image. */
static char *assemble(const void *data[CPG_SECTIONS], const cpg_header *proto, size_t *out_len) {
  cpg_header h = *proto;
  size_t at = sizeof h;
  for (int s = 0; s < CPG_SECTIONS; s++) {
    h.offset[s] = at;
    at = align8(at + h.count[s] * cpg_record_bytes[s]);
  }
  char *img = cp_big_alloc(at);
  if (!img)
    return NULL;
  memset(img, 0, at);
  for (int s = 0; s < CPG_SECTIONS; s++)
    if (h.count[s])
      memcpy(img + h.offset[s], data[s], h.count[s] * cpg_record_bytes[s]);
  h.file_bytes = at;
  h.bulk_checksum = XXH3_64bits(img + h.offset[CPG_BULK], at - h.offset[CPG_BULK]);
  memcpy(img, &h, sizeof h);
  h.checksum = XXH3_64bits(img + CPG_CHECKED_FROM, h.offset[CPG_BULK] - CPG_CHECKED_FROM);
  memcpy(img, &h, sizeof h);
  *out_len = at;
  return img;
}

/* The router's arrays as sections (`data` and the counts of `h`), from a router made now. */
static cp_status put_router(const cp_graph *g, cp_router **r, const void *data[CPG_SECTIONS],
                            cpg_header *h, cp_error *err) {
  cp_status st = cp_router_new(g, r, err);
  if (st)
    return st;
  const cp_router *x = *r;
  size_t n = x->n, m = x->m;
  const void *arrays[] = {x->out_start, x->out_tr,  x->in_start,  x->in_tr,
                          x->out_head,  x->in_tail, x->w[0],      x->w[1],
                          x->w[2],      x->w[3],    x->req_start, x->req_cred};
  const size_t counts[] = {n + 1, m, n + 1, m, m, m, m, m, m, m, m + 1, x->req_start[m]};
  for (int s = CPG_OUT_START; s < CPG_SECTIONS; s++) {
    data[s] = arrays[s - CPG_OUT_START];
    h->count[s] = counts[s - CPG_OUT_START];
  }
  h->carried = x->carried;
  return CP_OK;
}

static cp_status alloc_sections(writer *w, size_t n_attrs, size_t n_reqs) {
  const cp_graph *g = w->g;
  size_t m1 = g->n_transitions + 1;
  w->n_slots = 2;
  while (w->n_slots < 2 * g->n_roles)
    w->n_slots *= 2;
  w->roles = calloc(g->n_roles + 1, sizeof *w->roles);
  w->slots = calloc(w->n_slots, sizeof *w->slots);
  w->from = malloc(m1 * sizeof *w->from);
  w->to = malloc(m1 * sizeof *w->to);
  w->has = malloc(m1 * sizeof *w->has);
  w->line = malloc(m1 * sizeof *w->line);
  w->extras = malloc(m1 * sizeof *w->extras);
  w->creds = calloc(g->n_credentials + 1, sizeof *w->creds);
  w->attrs = calloc(n_attrs + 1, sizeof *w->attrs);
  w->reqs = calloc(n_reqs + 1, sizeof *w->reqs);
  return w->roles && w->slots && w->from && w->to && w->has && w->line && w->extras && w->creds &&
                 w->attrs && w->reqs
             ? CP_OK
             : CP_ENOMEM;
}

static void writer_free(writer *w) {
  free(w->roles);
  free(w->slots);
  free(w->from);
  free(w->to);
  free(w->has);
  free(w->line);
  free(w->extras);
  free(w->creds);
  free(w->attrs);
  free(w->reqs);
  cp_buf_free(&w->strings);
  cp_strmap_destroy(&w->seen);
}

cp_status cp_graph_compile(const cp_graph *g, char **out, size_t *out_len, cp_error *err) {
  writer w = {.g = g};
  cp_router *router = NULL;
  cp_status st = CP_OK;
  size_t n_attrs, n_reqs;
  cp_strmap_init(&w.seen);
  count_lists(g, &n_attrs, &n_reqs);
  if (n_attrs > UINT32_MAX || n_reqs > UINT32_MAX) {
    st = cp_fail(err, CP_ELIMIT, "%s: more than 2^32 attributes or requirements to compile",
                 g->name);
    goto cleanup;
  }
  if ((st = alloc_sections(&w, n_attrs, n_reqs)) || (st = cp_buf_reserve(&w.strings, 1 << 16))) {
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory compiling the graph", g->name);
    goto cleanup;
  }
  cpg_header h = {.version = CP_COMPILED_VERSION, .order = CPG_ORDER};
  memcpy(h.magic, CPG_MAGIC, CPG_MAGIC_BYTES);
  h.name = intern(&w, g->name);
  put_roles(&w);
  put_transitions(&w);
  put_credentials(&w);
  h.graph_attr_first = put_attrs(&w, g->attrs, g->n_attrs);
  h.graph_attrs = (uint32_t)g->n_attrs;
  if (!w.too_big)
    put_ids(&w, w.strings.data);
  h.has_all = w.has_all;
  h.has_any = w.has_any;
  size_t m = g->n_transitions;
  const size_t counts[] = {g->n_roles, g->n_credentials, w.n_attrs, w.n_reqs, w.strings.len,
                           w.n_slots,  w.n_extras,       m,         m,        m,
                           m};
  const void *data[CPG_SECTIONS] = {w.roles,  w.creds, w.attrs, w.reqs, w.strings.data, w.slots,
                                    w.extras, w.from,  w.to,    w.has,  w.line};
  memcpy(h.count, counts, sizeof counts);
  if ((st = put_router(g, &router, data, &h, err)))
    goto cleanup;
  if (w.too_big || !(*out = assemble(data, &h, out_len)))
    st = cp_fail(err, w.strings.len > UINT32_MAX ? CP_ELIMIT : CP_ENOMEM,
                 "%s: %s compiling the graph", g->name,
                 w.strings.len > UINT32_MAX ? "more than 4 GiB of text" : "out of memory");
cleanup:
  cp_router_free(router);
  writer_free(&w);
  return st;
}
