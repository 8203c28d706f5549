/* mobility_jobs.c: a mobility build's reading on several threads: the file cut at line starts
 * into slices, each read by a builder of its own, their records then joined by person. */
#define _GNU_SOURCE /* fopencookie: a slice of the file as a stream of its own */
#include "mobility_builder.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { MAX_JOBS = 64, BLOCK = 1 << 20, MIN_SLICE = 4096 };

/* Bytes [start, end) of a file, read with pread so that slices never share an offset. */
typedef struct slice {
  int fd;
  off_t start, end, at;
  size_t newlines, quotes; /* counted by scan_slice */
  bool unread;             /* scan_slice could not read it */
} slice;

typedef struct worker {
  builder b;
  slice s;
  size_t first_line;
  bool tsv;
  cp_error err;
  cp_status st;
  uint32_t *role_map; /* its role numbers -> the joined builder's */
} worker;

static ssize_t read_at(int fd, char *buf, size_t n, off_t at) {
  ssize_t got;
  do
    got = pread(fd, buf, n, at);
  while (got < 0 && errno == EINTR);
  return got;
}

static ssize_t slice_read(void *cookie, char *buf, size_t n) {
  slice *s = cookie;
  if ((off_t)n > s->end - s->at)
    n = (size_t)(s->end - s->at);
  ssize_t got = n ? read_at(s->fd, buf, n, s->at) : 0;
  if (got > 0)
    s->at += got;
  return got;
}

/* Counts the slice's line ends and quotes: where the next slice's lines start, and whether
 * a quoted field runs across its start. */
static void *scan_slice(void *arg) {
  slice *s = arg;
  char *buf = malloc(BLOCK);
  ssize_t got = buf ? 0 : -1;
  for (off_t at = s->start; buf && at < s->end; at += got) {
    size_t want = (size_t)(s->end - at) < BLOCK ? (size_t)(s->end - at) : BLOCK;
    if ((got = read_at(s->fd, buf, want, at)) <= 0)
      break;
    for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + got - p))); p++)
      s->newlines++;
    for (const char *p = buf; (p = memchr(p, '"', (size_t)(buf + got - p))); p++)
      s->quotes++;
  }
  free(buf);
  s->unread = got < 0; /* unreadable: the file goes to one reader, which says so */
  return NULL;
}

/* The offset just past the first line end at or after `from` (the file's size if none). */
static off_t next_line(int fd, off_t from, off_t size) {
  char buf[4096];
  while (from < size) {
    ssize_t got = read_at(fd, buf, sizeof buf, from);
    if (got <= 0)
      return size;
    const char *nl = memchr(buf, '\n', (size_t)got);
    if (nl)
      return from + (nl - buf) + 1;
    from += got;
  }
  return size;
}

/* Runs fn on each of n items (of `size` bytes) on threads of their own, the last on this
 * one; an item whose thread cannot start runs here too. */
static void run_all(void *(*fn)(void *), void *items, size_t size, size_t n) {
  pthread_t th[MAX_JOBS];
  bool started[MAX_JOBS] = {0};
  for (size_t i = 0; i < n; i++) {
    void *item = (char *)items + i * size;
    if (i + 1 == n || !(started[i] = pthread_create(&th[i], NULL, fn, item) == 0))
      fn(item);
  }
  for (size_t i = 0; i < n; i++)
    if (started[i])
      pthread_join(th[i], NULL);
}

/* The header line (after a byte order mark): its end in the file, and whether slicing can
 * go by it: a record on one line, not blank, every quote closed, no NUL. */
static bool header_end(int fd, off_t size, off_t *end) {
  char *buf = malloc(BLOCK);
  ssize_t got = buf ? read_at(fd, buf, size < BLOCK ? (size_t)size : BLOCK, 0) : -1;
  const char *nl = got > 0 ? memchr(buf, '\n', (size_t)got) : NULL;
  bool ok = nl != NULL;
  size_t quotes = 0, blank = 0, bom = got >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
  for (const char *p = buf + bom; ok && p < nl; p++) {
    quotes += *p == '"';
    blank += *p == ' ' || *p == '\t' || *p == '\r';
  }
  /* A NUL is left to one reader, whose stream check words it as for any file. */
  ok = ok && quotes % 2 == 0 && (size_t)(nl - buf) > bom + blank &&
       !memchr(buf, '\0', (size_t)(nl - buf));
  if (ok)
    *end = nl - buf + 1;
  free(buf);
  return ok;
}

/* Part t of each slice but the last, for thread t: the last slice's counts are never needed,
 * and the others' are shared evenly among the threads. */
typedef struct tally {
  slice part[MAX_JOBS];
  size_t n;
} tally;

static void *scan_parts(void *arg) {
  tally *t = arg;
  for (size_t i = 0; i < t->n; i++)
    scan_slice(&t->part[i]);
  return NULL;
}

/* Counts the line ends and quotes of every slice but the last on n threads; false when a
 * part could not be read or memory ran out (the file then goes to one reader). */
static bool count_slices(slice *s, size_t n) {
  tally *t = calloc(n, sizeof *t);
  if (!t)
    return false;
  for (size_t i = 0; i + 1 < n; i++)
    for (size_t k = 0; k < n; k++) {
      off_t len = s[i].end - s[i].start;
      off_t a = s[i].start + len * (off_t)k / (off_t)n;
      off_t e = s[i].start + len * (off_t)(k + 1) / (off_t)n;
      t[k].part[t[k].n++] = (slice){.fd = s[i].fd, .start = a, .end = e, .at = a};
    }
  run_all(scan_parts, t, sizeof *t, n);
  bool ok = true;
  for (size_t i = 0; i + 1 < n; i++)
    for (size_t k = 0; k < n; k++) {
      s[i].newlines += t[k].part[i].newlines;
      s[i].quotes += t[k].part[i].quotes;
      ok &= !t[k].part[i].unread;
    }
  free(t);
  return ok;
}

/* Cuts the body into n slices at line starts and numbers their first lines; false when a
 * quoted field (CSV) would run across a cut. */
static bool plan_slices(int fd, off_t body, off_t size, bool tsv, slice *s, size_t n) {
  off_t at = body;
  for (size_t i = 0; i < n; i++) {
    off_t target = body + (off_t)((double)(size - body) * (double)(i + 1) / (double)n);
    off_t end = i + 1 == n ? size : next_line(fd, target > at ? target - 1 : at, size);
    s[i] = (slice){.fd = fd, .start = at, .end = end, .at = at};
    at = end;
  }
  if (!count_slices(s, n))
    return false;
  size_t quotes = 0;
  for (size_t i = 0; i + 1 < n; i++)
    if (!tsv && (quotes += s[i].quotes) % 2)
      return false;
  return true;
}

static void *read_slice(void *arg) {
  worker *w = arg;
  FILE *f = fopencookie(&w->s, "r", (cookie_io_functions_t){.read = slice_read});
  if (!f) {
    w->st = cp_fail(&w->err, CP_ENOMEM, "out of memory");
    return NULL;
  }
  w->st =
      cp_table_fields_stream(w->b.name, f, w->tsv, w->first_line, cp_mob_on_row, &w->b, &w->err);
  fclose(f);
  return NULL;
}

/* A builder for one slice: the header as `b` read it, its own records, roles and counts. */
static cp_status worker_init(worker *w, const builder *b, size_t n) {
  size_t want = b->opt.memory_rows ? b->opt.memory_rows : DEFAULT_MEMORY_ROWS;
  w->b = (builder){.name = b->name,
                   .opt = b->opt,
                   .have_header = true,
                   .n_columns = b->n_columns,
                   .dated = b->dated,
                   .col_origin = b->col_origin,
                   .err = &w->err};
  w->b.opt.memory_rows = want / n ? want / n : 1;
  memcpy(w->b.col, b->col, sizeof w->b.col);
  cp_strmap_init(&w->b.role_ids);
  if (!(w->b.m = calloc(1, sizeof *w->b.m)))
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  w->b.m->dated = b->dated;
  return CP_OK;
}

static void worker_free(worker *w) {
  cp_mobility_free(w->b.m);
  cp_mob_builder_free(&w->b);
  free(w->role_map);
}

/* Counts and the first bad rows (slices are in file order, so theirs are in line order), and
 * each slice's roles numbered as one reader would have: by first appearance. */
static cp_status join_counts(builder *b, worker *w) {
  cp_mobility *m = b->m, *from = w->b.m;
  m->rows += from->rows;
  m->bad_rows += from->bad_rows;
  for (size_t i = 0; i < from->n_bad_listed && m->n_bad_listed < CP_MOBILITY_BAD_LISTED; i++) {
    b->bad_line[m->n_bad_listed] = w->b.bad_line[i];
    b->bad_file_len[m->n_bad_listed] = w->b.bad_file_len[i];
    m->bad_listed[m->n_bad_listed++] = from->bad_listed[i];
    from->bad_listed[i] = NULL;
  }
  if (!(w->role_map = malloc((w->b.n_roles + 1) * sizeof *w->role_map)))
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  cp_status st = CP_OK;
  for (size_t i = 0; i < w->b.n_roles && !st; i++)
    st = cp_mob_role_index(b, w->b.roles[i].id, &w->role_map[i]);
  return st;
}

static void remap(hrec *r, size_t n, const uint32_t *map) {
  for (size_t i = 0; i < n; i++)
    r[i].role = map[r[i].role];
}

/* Room for n records in b->recs. */
static cp_status recs_room(builder *b, size_t n) {
  if (n <= b->cap_recs)
    return CP_OK;
  hrec *recs = realloc(b->recs, n * sizeof *recs);
  if (!recs)
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  b->recs = recs;
  b->cap_recs = n;
  return CP_OK;
}

/* Every slice's records held in memory: joined into b's, added up by the caller. */
static cp_status join_in_memory(builder *b, worker *w, size_t n) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += w[i].b.n_recs;
  cp_status st = recs_room(b, total);
  for (size_t i = 0; i < n && !st; i++) {
    memcpy(b->recs + b->n_recs, w[i].b.recs, w[i].b.n_recs * sizeof *b->recs);
    remap(b->recs + b->n_recs, w[i].b.n_recs, w[i].role_map);
    b->n_recs += w[i].b.n_recs;
  }
  return st;
}

/* Reads slice w's temporary file `k` onto b->recs at *n. */
static cp_status append_bucket(builder *b, worker *w, size_t k, size_t *n) {
  FILE *f = w->b.bucket[k];
  long size;
  if (fflush(f) || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
    return cp_fail(b->err, CP_EIO, "%s: cannot read a temporary file back: %s", b->name,
                   strerror(errno));
  size_t got = (size_t)size / sizeof(hrec);
  cp_status st = recs_room(b, *n + got);
  if (!st && fread(b->recs + *n, sizeof(hrec), got, f) != got)
    st = cp_fail(b->err, CP_EIO, "%s: cannot read a temporary file back", b->name);
  if (!st)
    remap(b->recs + *n, got, w->role_map);
  *n += got;
  return st;
}

/* A run of buckets added up on a thread of its own: as many roles as the joined builder,
 * its own transitions and histograms, merged into the joined builder afterwards. */
typedef struct adder {
  builder a;
  worker *w;
  size_t n_workers, first, end; /* buckets [first, end) */
  cp_error err;
  cp_status st;
} adder;

static void *add_buckets(void *arg) {
  adder *d = arg;
  for (size_t k = d->first; k < d->end && !d->st; k++) {
    size_t got = 0;
    for (size_t i = 0; i < d->n_workers && !d->st; i++)
      d->st = append_bucket(&d->a, &d->w[i], k, &got);
    if (!d->st)
      d->st = cp_mob_people(&d->a, d->a.recs, got);
  }
  return NULL;
}

static cp_status adder_init(adder *d, const builder *b, worker *w, size_t n, size_t i) {
  d->a = (builder){.name = b->name, .opt = b->opt, .dated = b->dated, .err = &d->err};
  d->w = w;
  d->n_workers = n;
  d->first = BUCKETS * i / n;
  d->end = BUCKETS * (i + 1) / n;
  cp_strmap_init(&d->a.role_ids);
  d->a.roles = calloc(b->n_roles + 1, sizeof *d->a.roles);
  d->a.n_roles = d->a.cap_roles = b->n_roles;
  d->a.m = calloc(1, sizeof *d->a.m);
  return d->a.roles && d->a.m ? CP_OK : cp_fail(b->err, CP_ENOMEM, "out of memory");
}

/* Adds every entry of `from` to `to`, an entry's owner renumbered through `owner` (NULL: as
 * it is). */
static cp_status add_hist(cp_u64map *to, const cp_u64map *from, const uint64_t *owner) {
  uint64_t key, value, low = ((uint64_t)1 << CP_MOB_DURATION_BITS) - 1;
  for (size_t slot = 0; slot < from->h.cap; slot++) {
    if (!cp_u64map_entry(from, slot, &key, &value))
      continue;
    if (owner)
      key = owner[key >> CP_MOB_DURATION_BITS] << CP_MOB_DURATION_BITS | (key & low);
    bool made;
    uint64_t *v = cp_u64map_at(to, key, &made);
    if (!v)
      return CP_ENOMEM;
    *v += value;
  }
  return CP_OK;
}

/* Transitions numbered by first appearance: the adders' runs of buckets are in order, so
 * this is the order one thread adding every bucket up gives them. */
static cp_status merge_edges(builder *b, const builder *a, uint64_t *owner) {
  for (size_t i = 0; i < a->n_edges; i++) {
    const cp_mob_edge *e = &a->edges[i];
    uint64_t at;
    cp_status st = cp_mob_edge_at(b, e->from, e->to, &at);
    if (st)
      return st;
    b->edges[at].count += e->count;
    b->edges[at].people += e->people;
    owner[i] = at;
  }
  return CP_OK;
}

static cp_status merge_adder(builder *b, const builder *a) {
  cp_mobility *m = b->m;
  m->people += a->m->people;
  m->stays += a->m->stays;
  m->moves += a->m->moves;
  m->period_stays += a->m->period_stays;
  m->period_moves += a->m->period_moves;
  for (size_t i = 0; i < b->n_roles; i++) {
    b->roles[i].people += a->roles[i].people;
    b->roles[i].stays += a->roles[i].stays;
  }
  uint64_t *owner = malloc((a->n_edges + 1) * sizeof *owner);
  cp_status st = owner ? merge_edges(b, a, owner) : CP_ENOMEM;
  if (!st)
    st = add_hist(&b->edge_hist, &a->edge_hist, owner);
  if (!st)
    st = add_hist(&b->role_hist, &a->role_hist, NULL);
  free(owner);
  return st ? cp_fail(b->err, st, "out of memory") : CP_OK;
}

/* Some slice spilled: every slice's records go to its temporary files, where each person's
 * meet in bucket k of every slice (a bucket is the person hash's). Runs of buckets are added
 * up on n threads, then merged in bucket order. Each person's steps (keep_people) are
 * recorded in one order only by adding every bucket up here. */
static cp_status join_spilled(builder *b, worker *w, size_t n) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < n && !st; i++)
    st = cp_mob_spill(&w[i].b);
  size_t n_adders = b->opt.keep_people ? 1 : n;
  adder *d = calloc(n_adders, sizeof *d);
  if (!st && !d)
    st = cp_fail(b->err, CP_ENOMEM, "out of memory");
  if (!st && b->opt.keep_people)
    d[0] = (adder){.a = *b, .w = w, .n_workers = n, .end = BUCKETS}; /* b itself, borrowed */
  for (size_t i = 0; i < n_adders && !st && !b->opt.keep_people; i++)
    st = adder_init(&d[i], b, w, n, i);
  if (!st)
    run_all(add_buckets, d, sizeof *d, n_adders);
  if (b->opt.keep_people && d && d[0].w) {
    st = d[0].st; /* its message is in b->err already */
    *b = d[0].a;  /* back, with what it grew */
  }
  for (size_t i = 0; i < n_adders && !st && !b->opt.keep_people; i++)
    if ((st = d[i].st) && b->err)
      *b->err = d[i].err;
  for (size_t i = 0; i < n_adders && !st && !b->opt.keep_people; i++)
    st = merge_adder(b, &d[i].a);
  for (size_t i = 0; d && i < n_adders && !b->opt.keep_people; i++) {
    cp_mobility_free(d[i].a.m);
    cp_mob_builder_free(&d[i].a); /* roles without ids: nothing of b's */
  }
  free(d);
  b->added_up = !st;
  return st;
}

/* The slices read; the first failure in file order is the build's, as one reader meets it. */
static cp_status read_and_join(builder *b, worker *w, size_t n) {
  run_all(read_slice, w, sizeof *w, n);
  for (size_t i = 0; i < n; i++)
    if (w[i].st) {
      if (b->err)
        *b->err = w[i].err;
      return w[i].st;
    }
  bool spilled = false;
  cp_status st = CP_OK;
  for (size_t i = 0; i < n && !st; i++) {
    st = join_counts(b, &w[i]);
    spilled |= w[i].b.spilled;
  }
  if (!st)
    st = spilled ? join_spilled(b, w, n) : join_in_memory(b, w, n);
  return st;
}

/* How many slices: the jobs asked for, at least MIN_SLICE bytes each. */
static size_t slices_for(const builder *b, off_t body) {
  size_t n = b->opt.jobs < MAX_JOBS ? b->opt.jobs : MAX_JOBS;
  size_t most = (size_t)(body / MIN_SLICE) + 1;
  return n < most ? n : most;
}

cp_status cp_mob_read_jobs(builder *b, FILE *f, bool *done) {
  struct stat sb;
  int fd = fileno(f);
  off_t body;
  *done = false;
  if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode) || ftello(f) != 0 ||
      !header_end(fd, sb.st_size, &body) || slices_for(b, sb.st_size - body) < 2)
    return CP_OK;
  size_t n = slices_for(b, sb.st_size - body);
  char *head = malloc((size_t)body);
  slice s[MAX_JOBS];
  worker *w = calloc(n, sizeof *w);
  cp_status st = head && w ? CP_OK : cp_fail(b->err, CP_ENOMEM, "out of memory");
  if (st || read_at(fd, head, (size_t)body, 0) != body)
    goto done;
  size_t bom = body >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3) ? 3 : 0;
  bool tsv = cp_table_is_tsv(b->name, head + bom, (size_t)body - bom);
  if (!plan_slices(fd, body, sb.st_size, tsv, s, n))
    goto done;
  *done = true;
  if ((st = cp_table_fields(b->name, head, (size_t)body, cp_mob_on_row, b, b->err)))
    goto done;
  for (size_t i = 0, line = 2; i < n && !st; line += s[i++].newlines) {
    st = worker_init(&w[i], b, n);
    w[i].s = s[i];
    w[i].first_line = line;
    w[i].tsv = tsv;
  }
  if (!st)
    st = read_and_join(b, w, n);
done:
  for (size_t i = 0; w && i < n; i++)
    worker_free(&w[i]);
  free(w);
  free(head);
  return st;
}
