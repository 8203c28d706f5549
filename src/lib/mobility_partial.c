/* mobility_partial.c: partial mobility builds as files, and their exact merge. */
#include "mobility_acc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* The file: a 32-byte header, then the payload, every number little-endian.
 *   "CPMOBPT\n"  u32 version  u32 flags (1: dated, 2: per year, 4: per month)  u64 payload bytes
 *   u64 XXH3 of the payload
 *   u64 rows, bad rows, people, stays, moves; per year or month also u64 period stays, moves
 *   u32 bad rows listed; each u64 line, u32 file name bytes, u32 message bytes, message
 *   u64 roles; each u32 id bytes, id, u64 people, u64 stays
 *   u64 moves; each u32 from, u32 to (role numbers in this file), u64 count, u64 people
 *   u64 role histogram entries; each u64 key (role << 24 | centi-months), u64 stays
 *   u64 move histogram entries; each u64 key (move << 24 | centi-months), u64 moves
 * Histogram entries are sorted by key, so equal inputs give equal files. */
static const char MAGIC[8] = {'C', 'P', 'M', 'O', 'B', 'P', 'T', '\n'};
enum { HEADER_BYTES = 32, FLAG_DATED = 1, FLAG_YEAR = 2, FLAG_MONTH = 4 };

static uint32_t flags_of(const cp_mobility *m) {
  return (m->dated ? FLAG_DATED : 0) | (m->period == CP_PERIOD_YEAR    ? FLAG_YEAR
                                        : m->period == CP_PERIOD_MONTH ? FLAG_MONTH
                                                                       : 0);
}

/* ---- writing ---- */

static cp_status put_u64(cp_buf *b, uint64_t v) {
  unsigned char x[8];
  for (int i = 0; i < 8; i++)
    x[i] = (unsigned char)(v >> (8 * i));
  return cp_buf_append(b, (const char *)x, 8);
}

static cp_status put_u32(cp_buf *b, uint32_t v) {
  unsigned char x[4];
  for (int i = 0; i < 4; i++)
    x[i] = (unsigned char)(v >> (8 * i));
  return cp_buf_append(b, (const char *)x, 4);
}

static int by_key(const void *pa, const void *pb) {
  uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
  return (a > b) - (a < b);
}

static cp_status put_hist(cp_buf *b, const cp_u64map *h) {
  uint64_t *pairs = malloc((h->h.count + 1) * 2 * sizeof *pairs);
  if (!pairs)
    return CP_ENOMEM;
  size_t n = 0;
  for (size_t s = 0; s < h->h.cap; s++)
    if (cp_u64map_entry(h, s, &pairs[2 * n], &pairs[2 * n + 1]))
      n++;
  qsort(pairs, n, 2 * sizeof *pairs, by_key);
  cp_status st = put_u64(b, n);
  for (size_t i = 0; i < 2 * n && !st; i++)
    st = put_u64(b, pairs[i]);
  free(pairs);
  return st;
}

static cp_status put_counts_and_bad(cp_buf *b, const cp_mobility_acc *a) {
  const cp_mobility *m = a->m;
  cp_status st = CP_OK;
  const size_t counts[] = {m->rows,  m->bad_rows,     m->people,      m->stays,
                           m->moves, m->period_stays, m->period_moves};
  for (size_t i = 0; i < (m->period ? 7u : 5u) && !st; i++)
    st = put_u64(b, counts[i]);
  if (!st)
    st = put_u32(b, (uint32_t)m->n_bad_listed);
  for (size_t i = 0; i < m->n_bad_listed && !st; i++) {
    size_t len = strlen(m->bad_listed[i]);
    if (!(st = put_u64(b, a->bad_line[i])) && !(st = put_u32(b, (uint32_t)a->bad_file_len[i])) &&
        !(st = put_u32(b, (uint32_t)len)))
      st = cp_buf_append(b, m->bad_listed[i], len);
  }
  return st;
}

static cp_status put_payload(cp_buf *b, const cp_mobility_acc *a) {
  cp_status st = put_counts_and_bad(b, a);
  if (!st)
    st = put_u64(b, a->n_roles);
  for (size_t i = 0; i < a->n_roles && !st; i++) {
    size_t len = strlen(a->roles[i].id);
    if (!(st = put_u32(b, (uint32_t)len)) && !(st = cp_buf_append(b, a->roles[i].id, len)) &&
        !(st = put_u64(b, a->roles[i].people)))
      st = put_u64(b, a->roles[i].stays);
  }
  if (!st)
    st = put_u64(b, a->n_edges);
  for (size_t i = 0; i < a->n_edges && !st; i++) {
    const cp_mob_edge *e = &a->edges[i];
    if (!(st = put_u32(b, e->from)) && !(st = put_u32(b, e->to)) && !(st = put_u64(b, e->count)))
      st = put_u64(b, e->people);
  }
  if (!st)
    st = put_hist(b, a->role_hist);
  if (!st)
    st = put_hist(b, a->edge_hist);
  return st;
}

typedef struct partial_out {
  char **out;
  size_t *out_len;
} partial_out;

static cp_status write_partial(void *ctx, cp_mobility_acc *a, cp_error *err) {
  partial_out *po = ctx;
  cp_buf b = {0};
  cp_status st = cp_buf_append(&b, MAGIC, sizeof MAGIC);
  if (!st)
    st = put_u32(&b, CP_MOBILITY_PARTIAL_VERSION);
  if (!st)
    st = put_u32(&b, flags_of(a->m));
  /* The length and checksum are filled in once the payload is known. */
  if (!st)
    st = cp_buf_append(&b, (const char[16]){0}, 16);
  if (!st)
    st = put_payload(&b, a);
  if (st) {
    cp_buf_free(&b);
    return cp_fail(err, CP_ENOMEM, "out of memory writing the partial");
  }
  uint64_t len = b.len - HEADER_BYTES, sum = XXH3_64bits(b.data + HEADER_BYTES, len);
  for (int i = 0; i < 8; i++) {
    b.data[16 + i] = (char)(unsigned char)(len >> (8 * i));
    b.data[24 + i] = (char)(unsigned char)(sum >> (8 * i));
  }
  *po->out = b.data;
  *po->out_len = b.len;
  return CP_OK;
}

cp_status cp_mobility_build_partial_stream(const char *name, FILE *f,
                                           const cp_mobility_options *opt, char **out,
                                           size_t *out_len, cp_error *err) {
  partial_out po = {out, out_len};
  /* Person ids never leave the build, so a partial cannot hold what resampling needs. */
  if (opt && opt->keep_people)
    return cp_fail(err, CP_EINVAL, "%s: a partial build keeps no people to resample", name);
  return cp_mobility_accumulate(name, f, opt, write_partial, &po, err);
}

cp_status cp_mobility_build_partial(const char *path, const cp_mobility_options *opt, char **out,
                                    size_t *out_len, cp_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cp_fail(err, CP_EIO, "%s: cannot open: %s", path, strerror(errno));
  cp_status st = cp_mobility_build_partial_stream(path, f, opt, out, out_len, err);
  fclose(f);
  return st;
}

/* ---- reading and merging ---- */

typedef struct bad_entry {
  char *msg;
  size_t file_len, line;
} bad_entry;

struct cp_mobility_merge {
  cp_mobility *m; /* counters, then the result */
  size_t parts;
  cp_mob_role *roles;
  size_t n_roles, cap_roles;
  cp_strmap role_ids;
  cp_mob_edge *edges;
  size_t n_edges, cap_edges;
  cp_u64map edge_ids; /* from << 32 | to -> edge */
  cp_u64map role_hist, edge_hist;
  bad_entry bad[CP_MOBILITY_BAD_LISTED];
  size_t n_bad;
  size_t *stamp; /* per role: 1 + the part that last named it, to find a role named twice */
  size_t cap_stamp;
  bool finished;
};

/* A cursor over a partial's payload; the first failure is kept and later reads give 0. */
typedef struct cursor {
  const unsigned char *p;
  size_t left;
  const char *name, *why;
} cursor;

static uint64_t get(cursor *c, int bytes) {
  if (c->why || c->left < (size_t)bytes) {
    if (!c->why)
      c->why = "truncated";
    return 0;
  }
  uint64_t v = 0;
  for (int i = 0; i < bytes; i++)
    v |= (uint64_t)c->p[i] << (8 * i);
  c->p += bytes;
  c->left -= bytes;
  return v;
}

/* A count of records at least `min_bytes` each: more than the bytes left is corrupt, and is
 * refused before anything is allocated for them. */
static size_t get_count(cursor *c, int bytes, size_t min_bytes) {
  uint64_t n = get(c, bytes);
  if (!c->why && n > c->left / min_bytes)
    c->why = "a count larger than the file";
  return c->why ? 0 : (size_t)n;
}

static const char *get_bytes(cursor *c, size_t n) {
  if (c->why || c->left < n) {
    if (!c->why)
      c->why = "truncated";
    return NULL;
  }
  const char *s = (const char *)c->p;
  c->p += n;
  c->left -= n;
  return s;
}

static bool add_to(size_t *sum, uint64_t v, cursor *c) {
  if (v > SIZE_MAX - *sum) {
    c->why = "counts that overflow";
    return false;
  }
  *sum += (size_t)v;
  return true;
}

static cp_status fail_at(cursor *c, cp_error *err) {
  return cp_fail(err, CP_EPARSE, "%s: not a valid partial mobility file: %s", c->name, c->why);
}

static int bad_cmp(const bad_entry *a, const bad_entry *b) {
  size_t n = a->file_len < b->file_len ? a->file_len : b->file_len;
  int c = memcmp(a->msg, b->msg, n);
  if (c)
    return c;
  if (a->file_len != b->file_len)
    return a->file_len < b->file_len ? -1 : 1;
  return (a->line > b->line) - (a->line < b->line);
}

/* Keeps the first CP_MOBILITY_BAD_LISTED bad rows by (file, line): each partial lists its
 * own first ones in that order, so the first of all are among them. Takes `e.msg`. */
static void keep_bad(cp_mobility_merge *mg, bad_entry e) {
  size_t at = mg->n_bad;
  while (at > 0 && bad_cmp(&e, &mg->bad[at - 1]) < 0)
    at--;
  if (at == CP_MOBILITY_BAD_LISTED) {
    free(e.msg);
    return;
  }
  if (mg->n_bad == CP_MOBILITY_BAD_LISTED)
    free(mg->bad[--mg->n_bad].msg);
  memmove(&mg->bad[at + 1], &mg->bad[at], (mg->n_bad - at) * sizeof *mg->bad);
  mg->bad[at] = e;
  mg->n_bad++;
}

static cp_status read_counts(cp_mobility_merge *mg, cursor *c, cp_error *err) {
  cp_mobility *m = mg->m;
  size_t *sums[] = {&m->rows,  &m->bad_rows,     &m->people,      &m->stays,
                    &m->moves, &m->period_stays, &m->period_moves};
  for (size_t i = 0; i < (m->period ? 7u : 5u); i++)
    if (!add_to(sums[i], get(c, 8), c))
      return fail_at(c, err);
  size_t n = get_count(c, 4, 16);
  if (!c->why && n > CP_MOBILITY_BAD_LISTED)
    c->why = "too many bad rows listed";
  for (size_t i = 0; i < n && !c->why; i++) {
    bad_entry e = {0};
    e.line = get(c, 8); /* in this order: an initializer list's order is unspecified */
    e.file_len = get(c, 4);
    size_t len = get(c, 4);
    const char *msg = get_bytes(c, len);
    if (!msg)
      break;
    if (e.file_len > len || memchr(msg, '\0', len) || !cp_utf8_valid(msg, len)) {
      c->why = "a bad row's message is malformed";
      break;
    }
    if (!(e.msg = malloc(len + 1)))
      return cp_fail(err, CP_ENOMEM, "out of memory");
    memcpy(e.msg, msg, len);
    e.msg[len] = '\0';
    keep_bad(mg, e);
  }
  return c->why ? fail_at(c, err) : CP_OK;
}

/* The merge's index of role `id` (made when new); a role named twice in one part is
 * corrupt. */
static cp_status merge_role(cp_mobility_merge *mg, cursor *c, const char *id, uint32_t *out,
                            cp_error *err) {
  size_t at;
  if (!cp_strmap_get(&mg->role_ids, id, &at)) {
    if (mg->n_roles >= cp_limits_get()->roles || mg->n_roles >= UINT32_MAX) {
      c->why = "more roles than careerpath accepts";
      return fail_at(c, err);
    }
    cp_mob_role *r = cp_grow(mg->roles, &mg->cap_roles, mg->n_roles + 1, sizeof *r, 256);
    size_t *stamp =
        r ? cp_grow(mg->stamp, &mg->cap_stamp, mg->n_roles + 1, sizeof *stamp, 256) : NULL;
    if (r)
      mg->roles = r;
    if (stamp)
      mg->stamp = stamp;
    char *copy = stamp ? cp_strdup(id) : NULL;
    bool existing;
    if (!copy || cp_strmap_put(&mg->role_ids, copy, mg->n_roles, &existing, NULL)) {
      free(copy);
      return cp_fail(err, CP_ENOMEM, "out of memory");
    }
    mg->roles[mg->n_roles] = (cp_mob_role){.id = copy};
    mg->stamp[mg->n_roles] = 0;
    at = mg->n_roles++;
  }
  if (mg->stamp[at] == mg->parts + 1) {
    c->why = "a role listed twice";
    return fail_at(c, err);
  }
  mg->stamp[at] = mg->parts + 1;
  *out = (uint32_t)at;
  return CP_OK;
}

static cp_status read_roles(cp_mobility_merge *mg, cursor *c, uint32_t **local, size_t *n,
                            cp_error *err) {
  *n = get_count(c, 8, 20);
  if (c->why)
    return fail_at(c, err);
  if (!(*local = malloc((*n + 1) * sizeof **local)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  char id[4096];
  for (size_t i = 0; i < *n; i++) {
    size_t len = get(c, 4);
    const char *s = get_bytes(c, len);
    if (s && (len == 0 || len > cp_limits_get()->name || len >= sizeof id || memchr(s, '\0', len) ||
              !cp_utf8_valid(s, len)))
      c->why = "a role id is empty, too long or not UTF-8";
    uint64_t people = get(c, 8), stays = get(c, 8);
    if (!c->why && people > stays)
      c->why = "a role with more people than stays";
    if (c->why)
      return fail_at(c, err);
    memcpy(id, s, len);
    id[len] = '\0';
    cp_status st = merge_role(mg, c, id, &(*local)[i], err);
    if (st)
      return st;
    cp_mob_role *r = &mg->roles[(*local)[i]];
    if (!add_to(&r->people, people, c) || !add_to(&r->stays, stays, c))
      return fail_at(c, err);
  }
  return CP_OK;
}

static cp_status merge_edge(cp_mobility_merge *mg, uint32_t from, uint32_t to, uint64_t *out,
                            bool *made, cp_error *err) {
  uint64_t *e = cp_u64map_at(&mg->edge_ids, (uint64_t)from << 32 | to, made);
  if (!e)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  if (*made) {
    cp_mob_edge *edges = cp_grow(mg->edges, &mg->cap_edges, mg->n_edges + 1, sizeof *edges, 1024);
    if (!edges)
      return cp_fail(err, CP_ENOMEM, "out of memory");
    mg->edges = edges;
    edges[mg->n_edges] = (cp_mob_edge){from, to, 0, 0};
    *e = mg->n_edges++;
  }
  *out = *e;
  return CP_OK;
}

static cp_status read_edges(cp_mobility_merge *mg, cursor *c, const uint32_t *role, size_t n_roles,
                            uint64_t **local, size_t *n, cp_error *err) {
  *n = get_count(c, 8, 24);
  if (c->why)
    return fail_at(c, err);
  if (!(*local = malloc((*n + 1) * sizeof **local)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < *n; i++) {
    uint64_t from = get(c, 4), to = get(c, 4), count = get(c, 8), people = get(c, 8);
    if (!c->why && (from >= n_roles || to >= n_roles || people == 0 || people > count))
      c->why = "a move with a bad role or bad counts";
    if (c->why)
      return fail_at(c, err);
    bool made;
    cp_status st = merge_edge(mg, role[from], role[to], &(*local)[i], &made, err);
    if (st)
      return st;
    cp_mob_edge *e = &mg->edges[(*local)[i]];
    if (!add_to(&e->count, count, c) || !add_to(&e->people, people, c))
      return fail_at(c, err);
  }
  return CP_OK;
}

static cp_status read_hist(cursor *c, cp_u64map *h, const uint64_t *owner, size_t n_owners,
                           cp_error *err) {
  size_t n = get_count(c, 8, 16);
  uint64_t mask = ((uint64_t)1 << CP_MOB_DURATION_BITS) - 1, last = 0;
  for (size_t i = 0; i < n && !c->why; i++) {
    uint64_t key = get(c, 8), count = get(c, 8);
    if (c->why)
      break;
    if ((key >> CP_MOB_DURATION_BITS) >= n_owners || count == 0 || (i && key <= last)) {
      c->why = "a histogram entry out of order or for no owner";
      break;
    }
    last = key;
    bool made;
    uint64_t *v = cp_u64map_at(
        h, owner[key >> CP_MOB_DURATION_BITS] << CP_MOB_DURATION_BITS | (key & mask), &made);
    if (!v)
      return cp_fail(err, CP_ENOMEM, "out of memory");
    size_t sum = (size_t)*v;
    if (!add_to(&sum, count, c))
      break;
    *v = sum;
  }
  return c->why ? fail_at(c, err) : CP_OK;
}

/* The header: magic, version, flags, then a payload of exactly the length it states whose
 * checksum matches. */
static cp_status read_header(cp_mobility_merge *mg, cursor *c, cp_error *err) {
  if (c->left < sizeof MAGIC || memcmp(c->p, MAGIC, sizeof MAGIC))
    return cp_fail(err, CP_EPARSE,
                   "%s: not a partial mobility file (made by 'careerpath mobility "
                   "build --partial')",
                   c->name);
  get_bytes(c, sizeof MAGIC);
  uint64_t version = get(c, 4), flags = get(c, 4), len = get(c, 8), sum = get(c, 8);
  if (c->why)
    return fail_at(c, err);
  if (version != CP_MOBILITY_PARTIAL_VERSION)
    return cp_fail(err, CP_EPARSE,
                   "%s: partial mobility file of format version %llu; this careerpath reads "
                   "version %d",
                   c->name, (unsigned long long)version, CP_MOBILITY_PARTIAL_VERSION);
  if (len != c->left)
    return cp_fail(err, CP_EPARSE, "%s: partial mobility file %s: %zu payload bytes, not %llu",
                   c->name, len > c->left ? "truncated" : "has bytes after its end", c->left,
                   (unsigned long long)len);
  if (XXH3_64bits(c->p, c->left) != sum)
    return cp_fail(err, CP_EPARSE, "%s: partial mobility file corrupted (checksum mismatch)",
                   c->name);
  if (flags & ~(uint64_t)(FLAG_DATED | FLAG_YEAR | FLAG_MONTH) ||
      (flags & FLAG_YEAR && flags & FLAG_MONTH) ||
      (flags & (FLAG_YEAR | FLAG_MONTH) && !(flags & FLAG_DATED))) {
    c->why = "unknown flags";
    return fail_at(c, err);
  }
  int dated = (flags & FLAG_DATED) != 0;
  cp_period period = flags & FLAG_YEAR    ? CP_PERIOD_YEAR
                     : flags & FLAG_MONTH ? CP_PERIOD_MONTH
                                          : CP_PERIOD_NONE;
  if (mg->parts && mg->m->dated != dated)
    return cp_fail(err, CP_EPARSE,
                   "%s: histories with %s, but the partials before it had %s; merge partials "
                   "of one kind of histories",
                   c->name, dated ? "start dates" : "seq", dated ? "seq" : "start dates");
  static const char *const chain[] = {"moves (no --period)", "--period year", "--period month"};
  if (mg->parts && mg->m->period != period)
    return cp_fail(err, CP_EPARSE,
                   "%s: built with %s, but the partials before it with %s; merge partials of "
                   "one chain",
                   c->name, chain[period], chain[mg->m->period]);
  mg->m->dated = dated;
  mg->m->period = period;
  return CP_OK;
}

cp_status cp_mobility_merge_add(cp_mobility_merge *mg, const char *name, const void *data,
                                size_t len, cp_error *err) {
  if (mg->finished)
    return cp_fail(err, CP_EINVAL, "the merge is finished");
  cursor c = {.p = data, .left = len, .name = name};
  uint32_t *role = NULL;
  uint64_t *edge = NULL;
  size_t n_roles = 0, n_edges = 0;
  cp_status st;
  if ((st = read_header(mg, &c, err)) || (st = read_counts(mg, &c, err)) ||
      (st = read_roles(mg, &c, &role, &n_roles, err)) ||
      (st = read_edges(mg, &c, role, n_roles, &edge, &n_edges, err)))
    goto done;
  uint64_t *role_owner = malloc((n_roles + 1) * sizeof *role_owner);
  if (!role_owner) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n_roles; i++)
    role_owner[i] = role[i];
  st = read_hist(&c, &mg->role_hist, role_owner, n_roles, err);
  free(role_owner);
  if (!st)
    st = read_hist(&c, &mg->edge_hist, edge, n_edges, err);
  if (!st && c.left) {
    c.why = "bytes after its last section";
    st = fail_at(&c, err);
  }
  if (!st)
    mg->parts++;
done:
  free(role);
  free(edge);
  return st;
}

cp_status cp_mobility_merge_add_file(cp_mobility_merge *mg, const char *path, cp_error *err) {
  char *data = NULL;
  size_t len = 0;
  cp_status st = cp_read_binary_file(path, &data, &len, err);
  if (!st)
    st = cp_mobility_merge_add(mg, path, data, len, err);
  free(data);
  return st;
}

cp_status cp_mobility_merge_new(cp_mobility_merge **out, cp_error *err) {
  cp_mobility_merge *mg = calloc(1, sizeof *mg);
  if (!mg || !(mg->m = calloc(1, sizeof *mg->m))) {
    free(mg);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  cp_strmap_init(&mg->role_ids);
  cp_u64map_init(&mg->edge_ids);
  cp_u64map_init(&mg->role_hist);
  cp_u64map_init(&mg->edge_hist);
  *out = mg;
  return CP_OK;
}

/* The merge's state in the form the partial writer takes: the bad rows kept, with their
 * places, lent to a copy of the counts. */
static cp_mobility_acc merge_acc(cp_mobility_merge *mg, cp_mobility *counts) {
  *counts = *mg->m;
  cp_mobility_acc a = {.m = counts,
                       .roles = mg->roles,
                       .n_roles = mg->n_roles,
                       .edges = mg->edges,
                       .n_edges = mg->n_edges,
                       .role_hist = &mg->role_hist,
                       .edge_hist = &mg->edge_hist};
  for (size_t i = 0; i < mg->n_bad; i++) {
    counts->bad_listed[i] = mg->bad[i].msg;
    a.bad_line[i] = mg->bad[i].line;
    a.bad_file_len[i] = mg->bad[i].file_len;
  }
  counts->n_bad_listed = mg->n_bad;
  return a;
}

cp_status cp_mobility_merge_write_partial(cp_mobility_merge *mg, char **out, size_t *out_len,
                                          cp_error *err) {
  if (mg->finished || mg->parts == 0)
    return cp_fail(err, CP_EINVAL, mg->finished ? "the merge is finished" : "no partials to merge");
  cp_mobility counts;
  cp_mobility_acc a = merge_acc(mg, &counts);
  partial_out po = {out, out_len};
  return write_partial(&po, &a, err);
}

cp_status cp_mobility_merge_finish(cp_mobility_merge *mg, size_t min_people, cp_mobility **out,
                                   cp_error *err) {
  if (mg->finished || mg->parts == 0)
    return cp_fail(err, CP_EINVAL, mg->finished ? "the merge is finished" : "no partials to merge");
  mg->finished = true;
  cp_mobility_acc a = {.m = mg->m,
                       .roles = mg->roles,
                       .n_roles = mg->n_roles,
                       .edges = mg->edges,
                       .n_edges = mg->n_edges,
                       .role_hist = &mg->role_hist,
                       .edge_hist = &mg->edge_hist};
  cp_status st = cp_mobility_publish(&a, min_people, err);
  if (st)
    return st;
  for (size_t i = 0; i < mg->n_bad; i++)
    mg->m->bad_listed[i] = mg->bad[i].msg;
  mg->m->n_bad_listed = mg->n_bad;
  mg->n_bad = 0;
  *out = mg->m;
  mg->m = NULL;
  return CP_OK;
}

void cp_mobility_merge_free(cp_mobility_merge *mg) {
  if (!mg)
    return;
  cp_mobility_free(mg->m);
  for (size_t i = 0; i < mg->n_roles; i++)
    free(mg->roles[i].id);
  free(mg->roles);
  free(mg->stamp);
  cp_strmap_destroy(&mg->role_ids);
  free(mg->edges);
  cp_u64map_destroy(&mg->edge_ids);
  cp_u64map_destroy(&mg->role_hist);
  cp_u64map_destroy(&mg->edge_hist);
  for (size_t i = 0; i < mg->n_bad; i++)
    free(mg->bad[i].msg);
  free(mg);
}
