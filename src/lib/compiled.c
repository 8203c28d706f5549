/* compiled.c: reading a compiled graph image (compiled_format.h) in place: mapped, checked,
 * every string borrowed from it. */
#define _DEFAULT_SOURCE /* mmap's MAP_POPULATE */
#include "compiled_format.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

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
  free(im);
}

/* ---- checking the header ---- */

static const char *section_names[CPG_SECTIONS] = {"roles",      "transitions",  "credentials",
                                                  "attributes", "requirements", "strings"};

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
  if (XXH3_64bits(base + CPG_CHECKED_FROM, len - CPG_CHECKED_FROM) != h.checksum)
    return cp_fail(err, CP_EPARSE, "%s: checksum mismatch: the image is corrupted", name);
  return check_sections(name, &h, len, err);
}

/* ---- reading the sections ---- */

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

/* The attribute list [first, first + n) of the image's block, or an error. */
static cp_status attrs_at(reader *rd, uint32_t first, uint32_t n, const char *what, cp_attr **out) {
  if (n > rd->h->count[CPG_ATTRS] || first > rd->h->count[CPG_ATTRS] - n)
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
  cp_graph *g = rd->g;
  cp_role *r = &g->roles[i];
  bool existing;
  size_t first;
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
  if (cp_strmap_put(&g->ids, r->id, i, &existing, &first))
    return cp_fail(rd->err, CP_ENOMEM, "%s: out of memory", rd->name);
  if (existing)
    return cp_fail(rd->err, CP_EPARSE, "%s: duplicate role id '%s'", rd->name, r->id);
  g->n_roles = i + 1;
  return CP_OK;
}

/* A weight the `has` bit says is given: as the readers accept it. */
static bool weight_ok(unsigned has, unsigned bit, double v, double lo, double hi) {
  return !(has & bit) || (v >= lo && v <= hi);
}

static cp_status check_move(reader *rd, const cpg_transition *in, size_t i) {
  size_t n = rd->g->n_roles;
  if (in->from >= n || in->to >= n)
    return cp_fail(rd->err, CP_EPARSE, "%s: transition %zu names role %u, past the %zu roles",
                   rd->name, i, (unsigned)(in->from >= n ? in->from : in->to), n);
  unsigned has = in->has;
  if (has & ~(unsigned)(CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT | CP_MONTHS_MEDIAN) ||
      !weight_ok(has, CP_HAS_MONTHS, in->months, 0, INFINITY) ||
      !weight_ok(has, CP_HAS_COST, in->cost, 0, INFINITY) ||
      !weight_ok(has, CP_HAS_EFFORT, in->effort, 1, 5) || isinf(in->months) || isinf(in->cost))
    return cp_fail(rd->err, CP_EPARSE, "%s: transition %zu: bad weights or flags", rd->name, i);
  if (in->n_req > rd->h->count[CPG_REQUIRES] ||
      in->req_first > rd->h->count[CPG_REQUIRES] - in->n_req)
    return cp_fail(rd->err, CP_EPARSE, "%s: transition %zu: requirements outside the image",
                   rd->name, i);
  return CP_OK;
}

static cp_status read_transition(reader *rd, const cpg_transition *in, size_t i) {
  cp_transition *t = &rd->g->transitions[i];
  if (check_move(rd, in, i) || attrs_at(rd, in->attr_first, in->n_attrs, "transition", &t->attrs) ||
      !(t->note = string_at(rd, in->note, "transition")) ||
      !(t->source = string_at(rd, in->source, "transition")))
    return rd->err->status;
  t->from = in->from;
  t->to = in->to;
  t->has = in->has;
  t->months = in->has & CP_HAS_MONTHS ? in->months : NAN;
  t->cost = in->has & CP_HAS_COST ? in->cost : NAN;
  t->effort = in->has & CP_HAS_EFFORT ? in->effort : NAN;
  t->n_requires = in->n_req;
  t->requires = in->n_req ? rd->g->image->requires + in->req_first : NULL;
  t->n_attrs = in->n_attrs;
  t->line = (size_t)in->line;
  rd->g->n_transitions = i + 1;
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

/* ---- the graph ---- */

/* The graph's arrays, sized from the header, before any record is read. */
static cp_status alloc_graph(reader *rd) {
  const cpg_header *h = rd->h;
  cp_graph *g = rd->g;
  cp_image *im = g->image;
  size_t limit = cp_limits_get()->roles, tlimit = cp_limits_get()->transitions;
  if (h->count[CPG_ROLES] > limit || h->count[CPG_TRANSITIONS] > tlimit)
    return cp_fail(rd->err, CP_ELIMIT,
                   "%s: %llu roles and %llu transitions; the most accepted "
                   "are %zu and %zu",
                   rd->name, (unsigned long long)h->count[CPG_ROLES],
                   (unsigned long long)h->count[CPG_TRANSITIONS], limit, tlimit);
  im->n_attrs = h->count[CPG_ATTRS];
  im->n_requires = h->count[CPG_REQUIRES];
  g->roles = cp_big_alloc((h->count[CPG_ROLES] + 1) * sizeof *g->roles);
  g->transitions = cp_big_alloc((h->count[CPG_TRANSITIONS] + 1) * sizeof *g->transitions);
  g->credentials = calloc(h->count[CPG_CREDENTIALS] + 1, sizeof *g->credentials);
  im->attrs = malloc((im->n_attrs + 1) * sizeof *im->attrs);
  im->requires = malloc((im->n_requires + 1) * sizeof *im->requires);
  if (!g->roles || !g->transitions || !g->credentials || !im->attrs || !im->requires)
    return cp_fail(rd->err, CP_ENOMEM, "%s: out of memory loading the graph", rd->name);
  g->cap_roles = h->count[CPG_ROLES] + 1;
  g->cap_transitions = h->count[CPG_TRANSITIONS] + 1;
  return CP_OK;
}

static cp_status read_records(reader *rd) {
  const cpg_header *h = rd->h;
  const cpg_role *roles = (const cpg_role *)(rd->base + h->offset[CPG_ROLES]);
  const cpg_transition *ts = (const cpg_transition *)(rd->base + h->offset[CPG_TRANSITIONS]);
  const cpg_credential *cs = (const cpg_credential *)(rd->base + h->offset[CPG_CREDENTIALS]);
  cp_status st = read_attrs(rd);
  if (!st)
    st = read_requires(rd);
  if (!st && cp_strmap_reserve(&rd->g->ids, h->count[CPG_ROLES]))
    st = cp_fail(rd->err, CP_ENOMEM, "%s: out of memory", rd->name);
  for (size_t i = 0; i < h->count[CPG_ROLES] && !st; i++)
    st = read_role(rd, &roles[i], i);
  for (size_t i = 0; i < h->count[CPG_TRANSITIONS] && !st; i++)
    st = read_transition(rd, &ts[i], i);
  for (size_t i = 0; i < h->count[CPG_CREDENTIALS] && !st; i++)
    st = read_credential(rd, &cs[i], i);
  return st;
}

/* ---- the router's arrays ---- */

/* Compressed rows over n roles and m entries: starts from 0 to m, never decreasing; every
 * entry a transition, its other end a role. O(n + m). */
static bool rows_ok(const size_t *start, const size_t *tr, const uint32_t *end, size_t n,
                    size_t m) {
  if (start[0] != 0 || start[n] != m)
    return false;
  for (size_t v = 0; v < n; v++)
    if (start[v] > start[v + 1])
      return false;
  for (size_t j = 0; j < m; j++)
    if (tr[j] >= m || end[j] >= n)
      return false;
  return true;
}

/* The weights are the transitions' own (so never negative), and `carried` says which
 * criteria every transition carries. */
static bool weights_ok(const cp_graph *g, const cp_image_router *ir) {
  unsigned carried = (1u << CP_CRITERION_COUNT) - 1;
  for (size_t t = 0; t < ir->m; t++) {
    const cp_transition *x = &g->transitions[t];
    for (int c = 0; c < CP_CRITERION_COUNT; c++) {
      double want = cp_transition_weight(x, (cp_criterion)c), got = ir->w[c][t];
      if (!(got == want || (isnan(got) && isnan(want))))
        return false;
      if (isnan(want))
        carried &= ~(1u << c);
    }
  }
  return carried == ir->carried;
}

static bool credentials_ok(const cp_image_router *ir, size_t n_req) {
  const size_t *start = ir->req_start;
  if (start[0] != 0 || start[ir->m] != n_req)
    return false;
  for (size_t t = 0; t < ir->m; t++)
    if (start[t] > start[t + 1])
      return false;
  for (size_t k = 0; k < n_req; k++)
    if (ir->req_cred[k] >= ir->n_credentials)
      return false;
  return true;
}

/* Points the image's router at its sections once their counts are right, then checks them. */
static cp_status read_router(const char *name, const cpg_header *h, cp_graph *g, cp_error *err) {
  cp_image_router *ir = &g->image->router;
  const char *b = g->image->base;
  size_t n = g->n_roles, m = g->n_transitions;
  const uint64_t want[] = {n + 1, m, n + 1, m, m, m, m, m, m, m, m + 1};
  for (int s = CPG_OUT_START; s < CPG_REQ_CRED; s++)
    if (h->count[s] != want[s - CPG_OUT_START])
      return cp_fail(err, CP_EPARSE, "%s: router section %d holds %llu records, not %llu", name, s,
                     (unsigned long long)h->count[s], (unsigned long long)want[s - CPG_OUT_START]);
  *ir = (cp_image_router){.n = n, .m = m, .n_credentials = g->n_credentials, .carried = h->carried};
  ir->out_start = (const size_t *)(b + h->offset[CPG_OUT_START]);
  ir->out_tr = (const size_t *)(b + h->offset[CPG_OUT_TR]);
  ir->in_start = (const size_t *)(b + h->offset[CPG_IN_START]);
  ir->in_tr = (const size_t *)(b + h->offset[CPG_IN_TR]);
  ir->out_head = (const uint32_t *)(b + h->offset[CPG_OUT_HEAD]);
  ir->in_tail = (const uint32_t *)(b + h->offset[CPG_IN_TAIL]);
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    ir->w[c] = (const double *)(b + h->offset[CPG_W_STEPS + c]);
  ir->req_start = (const size_t *)(b + h->offset[CPG_REQ_START]);
  ir->req_cred = (const size_t *)(b + h->offset[CPG_REQ_CRED]);
  if (!rows_ok(ir->out_start, ir->out_tr, ir->out_head, n, m) ||
      !rows_ok(ir->in_start, ir->in_tr, ir->in_tail, n, m) || !weights_ok(g, ir) ||
      !credentials_ok(ir, (size_t)h->count[CPG_REQ_CRED]))
    return cp_fail(err, CP_EPARSE, "%s: the router's arrays do not fit the graph", name);
  ir->valid = true;
  return CP_OK;
}

bool cp_image_router_arrays(const cp_graph *g, cp_router *r) {
  const cp_image_router *ir = g->image ? &g->image->router : NULL;
  if (!ir || !ir->valid || ir->n != g->n_roles || ir->m != g->n_transitions ||
      ir->n_credentials != g->n_credentials)
    return false;
  /* The router only reads these; the casts keep struct cp_router's one declaration. */
  r->out_start = (size_t *)ir->out_start;
  r->out_tr = (size_t *)ir->out_tr;
  r->in_start = (size_t *)ir->in_start;
  r->in_tr = (size_t *)ir->in_tr;
  r->out_head = (uint32_t *)ir->out_head;
  r->in_tail = (uint32_t *)ir->in_tail;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    r->w[c] = (double *)ir->w[c];
  r->req_start = (size_t *)ir->req_start;
  r->req_cred = (size_t *)ir->req_cred;
  r->carried = ir->carried;
  r->borrowed = true;
  return true;
}

/* Everything after the header, into `g`, which holds the image. */
static cp_status read_graph(const char *name, const cpg_header *h, cp_graph *g, cp_error *err) {
  reader rd = {name, h, g->image->base, g->image->base + h->offset[CPG_STRINGS], g, err};
  size_t n_strings = (size_t)h->count[CPG_STRINGS];
  if (rd.strings[n_strings - 1] != '\0' || !cp_utf8_valid(rd.strings, n_strings))
    return cp_fail(err, CP_EPARSE, "%s: the string table is not NUL-terminated UTF-8", name);
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
    st = read_router(name, h, g, err);
  return st;
}

/* Takes `im` (its base and length set): the graph's on success, freed on failure. */
static cp_status read_image(const char *name, cp_image *im, cp_graph **out, cp_error *err) {
  cp_graph *g = NULL;
  cpg_header h;
  cp_status st = check_header(name, im->base, im->len, err);
  if (st)
    goto cleanup;
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

/* Maps `path` whole, read-only, its pages read in at once (they all are, checking the sum). */
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
  void *p = mmap(NULL, im->len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
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
