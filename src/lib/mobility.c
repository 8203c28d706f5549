/* mobility.c: builds a transition graph from career histories (one row per person per job). */
#include "internal.h"
#include "mobility_builder.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Inlined: the keys hashed are short and many, where a call costs as much as the hash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

/* Durations are kept as hundredths of a month in per-transition histograms, so medians
 * are exact to 0.01 month (seven hours) with memory bounded by distinct durations. */
#define CENTI CP_MOB_CENTI
enum { DURATION_BITS = CP_MOB_DURATION_BITS };

/* ---- the build ---- */

/* The added-up state is mobility_acc.h's, so a partial file can hold it (mobility_partial.c). */
typedef cp_mob_edge edge;
typedef cp_mob_role role_acc;

static const char *const history_columns[H_KNOWN] = {"person", "role", "start", "seq", "end"};

static cp_status bad_row(builder *b, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An origin "FILE:LINE": the length of FILE and the line; false for anything else. */
static bool origin_place(const char *origin, size_t *file_len, size_t *line) {
  const char *colon = strrchr(origin, ':');
  if (!colon || colon == origin || !colon[1] || strlen(colon + 1) > 18)
    return false;
  size_t v = 0;
  for (const char *p = colon + 1; *p; p++) {
    if (*p < '0' || *p > '9')
      return false;
    v = v * 10 + (size_t)(*p - '0');
  }
  *file_len = (size_t)(colon - origin);
  *line = v;
  return true;
}

/* Counts a bad row and keeps its message among the first few; with --strict it is the
 * error. */
static cp_status bad_row(builder *b, size_t line, const char *fmt, ...) {
  char why[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  /* A shard made by a distributed driver names each row's place in the original input. */
  const char *file = b->name;
  size_t file_len = strlen(file);
  if (b->origin && origin_place(b->origin, &file_len, &line))
    file = b->origin;
  if (b->opt.strict)
    return cp_fail(b->err, CP_EINVAL, "%.*s:%zu: %s", (int)file_len, file, line, why);
  cp_mobility *m = b->m;
  m->bad_rows++;
  if (m->n_bad_listed < CP_MOBILITY_BAD_LISTED) {
    size_t n = file_len + strlen(why) + 32;
    char *msg = malloc(n);
    if (!msg)
      return cp_fail(b->err, CP_ENOMEM, "out of memory");
    snprintf(msg, n, "%.*s:%zu: %s", (int)file_len, file, line, why);
    b->bad_line[m->n_bad_listed] = line;
    b->bad_file_len[m->n_bad_listed] = file_len;
    m->bad_listed[m->n_bad_listed++] = msg;
  }
  return CP_OK;
}

static int days_in_month(long y, long mo) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return mo == 2 && leap ? 29 : days[mo - 1];
}

static bool digits(const char *s, size_t n, long *out) {
  long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

/* YYYY, YYYY-MM or YYYY-MM-DD as months since year 0: whole months exact, days a fraction of
 * an average month, so YYYY-MM data gives whole-month durations; a year alone is its January,
 * so YYYY data gives whole years. */
static bool parse_date(const char *s, size_t n, double *out) {
  long y, mo = 1, d = 1;
  if (n == 4 && digits(s, 4, &y)) {
    *out = (double)y * 12.0;
    return true;
  }
  if ((n != 7 && n != 10) || s[4] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &mo) || mo < 1 ||
      mo > 12)
    return false;
  if (n == 10 && (s[7] != '-' || !digits(s + 8, 2, &d) || d < 1 || d > days_in_month(y, mo)))
    return false;
  *out = (double)y * 12.0 + (double)(mo - 1) + (double)(d - 1) / 30.436875;
  return true;
}

/* Writes bucket k's staged records to its file. */
static cp_status flush_stage(builder *b, size_t k) {
  size_t n = b->n_staged[k];
  b->n_staged[k] = 0;
  if (n && fwrite(b->stage + k * b->stage_run, sizeof *b->stage, n, b->bucket[k]) != n)
    return cp_fail(b->err, CP_EIO, "%s: cannot write a temporary file: %s", b->name,
                   strerror(errno));
  return CP_OK;
}

/* Each record goes to its bucket's run of the stage, and a full run to its file in one
 * write, rather than a write a record. */
cp_status cp_mob_spill(builder *b) {
  if (!b->spilled) {
    for (size_t i = 0; i < BUCKETS; i++) {
      if (!(b->bucket[i] = tmpfile()))
        return cp_fail(b->err, CP_EIO, "%s: cannot make a temporary file: %s", b->name,
                       strerror(errno));
      setvbuf(b->bucket[i], NULL, _IONBF, 0); /* the stage is its buffer: one write a run */
    }
    b->spilled = true;
  }
  if (!b->stage) {
    /* No longer than the records held: a small --memory-rows stays small. */
    b->stage_run = b->cap_recs < STAGE ? b->cap_recs + 1 : STAGE;
    if (!(b->stage = malloc(BUCKETS * b->stage_run * sizeof *b->stage)))
      return cp_fail(b->err, CP_ENOMEM, "out of memory");
  }
  cp_status st = CP_OK;
  for (size_t i = 0; i < b->n_recs && !st; i++) {
    size_t k = b->recs[i].person % BUCKETS;
    b->stage[k * b->stage_run + b->n_staged[k]++] = b->recs[i];
    if (b->n_staged[k] == b->stage_run)
      st = flush_stage(b, k);
  }
  for (size_t k = 0; k < BUCKETS && !st; k++)
    st = flush_stage(b, k);
  b->n_recs = 0;
  return st;
}

/* Adds role `id`, not yet known, as the next index. */
static cp_status role_add(builder *b, const char *id, uint32_t *out) {
  if (b->n_roles >= cp_limits_get()->roles)
    return cp_fail(b->err, CP_ELIMIT,
                   "%s: role '%s' is role number %zu; the most roles accepted is %zu", b->name, id,
                   b->n_roles + 1, cp_limits_get()->roles);
  role_acc *roles = cp_grow(b->roles, &b->cap_roles, b->n_roles + 1, sizeof *roles, 256);
  if (!roles)
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  b->roles = roles;
  char *copy = cp_strdup(id);
  bool existing;
  if (!copy || cp_strmap_put(&b->role_ids, copy, b->n_roles, &existing, NULL)) {
    free(copy);
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  }
  roles[b->n_roles] = (role_acc){.id = copy};
  *out = (uint32_t)b->n_roles++;
  return CP_OK;
}

cp_status cp_mob_role_index(builder *b, const char *id, uint32_t *out) {
  size_t index;
  if (cp_strmap_get(&b->role_ids, id, &index)) {
    *out = (uint32_t)index;
    return CP_OK;
  }
  return role_add(b, id, out);
}

/* A field without the spaces and tabs around it (libcsv keeps a quoted field's), ended in
 * place: the bytes are the reader's copy, ours until the row callback returns. */
typedef struct span {
  char *s;
  size_t len;
} span;

static span trimmed(char *s, size_t len) {
  while (len && (*s == ' ' || *s == '\t'))
    s++, len--;
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
    len--;
  s[len] = '\0';
  return (span){s, len};
}

static cp_status on_header(builder *b, const char *const *fields, size_t n, size_t line) {
  cp_header h;
  cp_status st = cp_header_read(&h, b->name, line, fields, n, b->opt.columns, b->err);
  if (st)
    return st;
  for (size_t k = 0; k < H_KNOWN; k++)
    b->col[k] = cp_header_find(&h, history_columns[k]);
  b->col_origin = b->opt.origin_column ? cp_header_find(&h, b->opt.origin_column) : -1;
  for (size_t k = H_PERSON; k <= H_ROLE && !st; k++)
    if (b->col[k] < 0)
      st = cp_header_missing(&h, b->name, line, history_columns[k], b->err);
  if (!st && b->col[H_START] < 0 && b->col[H_SEQ] < 0)
    st = cp_fail(b->err, CP_EPARSE, "%s:%zu: header needs a 'start' or a 'seq' column", b->name,
                 line);
  if (!st && b->opt.origin_column && b->col_origin < 0)
    st = cp_fail(b->err, CP_EPARSE, "%s:%zu: header lacks the origin column '%s'", b->name, line,
                 b->opt.origin_column);
  for (size_t k = 0; k < H_KNOWN && !st && b->col_origin >= 0; k++)
    if (b->col[k] == b->col_origin)
      st = cp_fail(b->err, CP_EPARSE, "%s:%zu: the origin column '%s' is read as '%s' too", b->name,
                   line, b->opt.origin_column, history_columns[k]);
  cp_header_free(&h);
  if (st)
    return st;
  b->dated = b->col[H_START] >= 0;
  b->m->dated = b->dated;
  b->n_columns = n;
  b->have_header = true;
  return CP_OK;
}

/* Whether `role` is known, and its index: from the cache when it holds it, else from the map
 * (and then cached). */
static bool known_role(builder *b, span role, size_t *index) {
  uint64_t hash = cp_strmap_hash(role.s, role.len);
  role_hit *h = &b->role_cache[hash % ROLE_CACHE];
  if (h->len == role.len && h->hash == hash && !memcmp(b->roles[h->index].id, role.s, role.len)) {
    *index = h->index;
    return true;
  }
  if (!cp_strmap_get_hashed(&b->role_ids, role.s, hash, index))
    return false;
  if (role.len <= UINT32_MAX)
    *h = (role_hit){hash, (uint32_t)*index, (uint32_t)role.len};
  return true;
}

/* The row's start (or seq) and end into r: *ok false, the row counted as bad, when either is
 * not what it should be. */
static cp_status row_times(builder *b, size_t line, span when, span end, hrec *r, bool *ok) {
  *ok = false;
  if (b->dated) {
    if (!parse_date(when.s, when.len, &r->key))
      return bad_row(b, line, "start '%.40s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", when.s);
    if (end.len) {
      if (!parse_date(end.s, end.len, &r->end))
        return bad_row(b, line, "end '%.40s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", end.s);
      if (r->end < r->key)
        return bad_row(b, line, "end %s is before start %s", end.s, when.s);
    }
  } else {
    char *stop;
    errno = 0;
    r->key = strtod(when.s, &stop);
    if (*stop || errno || !isfinite(r->key))
      return bad_row(b, line, "seq '%.40s' is not a number", when.s);
  }
  *ok = true;
  return CP_OK;
}

/* Keeps a record in memory, spilling those held when memory_rows are. */
static cp_status keep_record(builder *b, const hrec *r) {
  cp_status st;
  if (b->n_recs == b->cap_recs) {
    size_t want = b->opt.memory_rows ? b->opt.memory_rows : DEFAULT_MEMORY_ROWS;
    if (b->cap_recs >= want) {
      if ((st = cp_mob_spill(b)))
        return st;
    } else {
      hrec *recs = cp_grow(b->recs, &b->cap_recs, b->n_recs + 1, sizeof *recs, 4096);
      if (!recs)
        return cp_fail(b->err, CP_ENOMEM, "out of memory");
      b->recs = recs;
      if (b->cap_recs > want)
        b->cap_recs = want;
    }
  }
  b->recs[b->n_recs++] = *r;
  return CP_OK;
}

cp_status cp_mob_on_row(void *ctx, char *const *fields, const size_t *lens, size_t n, size_t line,
                        cp_error *err) {
  builder *b = ctx;
  (void)err;
  if (!b->have_header)
    return on_header(b, (const char *const *)fields, n, line);
  b->m->rows++;
  if (line > UINT32_MAX)
    return cp_fail(b->err, CP_ELIMIT, "%s:%zu: more than %u lines", b->name, line, UINT32_MAX);
  b->origin = b->col_origin >= 0 && (size_t)b->col_origin < n ? fields[b->col_origin] : NULL;
  if (n != b->n_columns) {
    size_t extra = b->col_origin >= 0; /* the origin column is not the input's */
    return bad_row(b, line, "%zu fields, but the header has %zu", n >= extra ? n - extra : 0,
                   b->n_columns - extra);
  }
  long wc = b->col[b->dated ? H_START : H_SEQ], ec = b->col[H_END];
  span person = trimmed(fields[b->col[H_PERSON]], lens[b->col[H_PERSON]]);
  span role = trimmed(fields[b->col[H_ROLE]], lens[b->col[H_ROLE]]);
  span when = trimmed(fields[wc], lens[wc]);
  char none[1] = "";
  span end = ec >= 0 ? trimmed(fields[ec], lens[ec]) : (span){none, 0};
  if (!person.len)
    return bad_row(b, line, "missing person");
  if (!role.len)
    return bad_row(b, line, "missing role");
  if (!when.len)
    return bad_row(b, line, "missing %s", b->dated ? "start" : "seq");
  /* A role seen before passed the checks below: only a new one is measured and scanned. */
  size_t known;
  bool is_known = known_role(b, role, &known);
  /* The graph's own limit (CP_MAX_NAME_BYTES): a bad row here, not a failed build later. */
  if (!is_known && role.len > cp_limits_get()->name)
    return bad_row(b, line, "role name of %zu bytes; the longest accepted is %zu", role.len,
                   cp_limits_get()->name);
  /* The graph's rule for names (graph.c): no control characters, so what is built reads back. */
  const char *control = is_known ? NULL : cp_find_control(role.s, 0);
  if (control)
    return bad_row(b, line, "role holds control character U+%04X (byte %zu)",
                   (unsigned)(unsigned char)*control, (size_t)(control - role.s) + 1);
  hrec r = {.person = XXH3_64bits(person.s, person.len), .end = NAN, .line = (uint32_t)line};
  bool ok;
  cp_status st = row_times(b, line, when, end, &r, &ok);
  if (st || !ok)
    return st;
  r.role = (uint32_t)known;
  if (!is_known && (st = role_add(b, role.s, &r.role)))
    return st;
  return keep_record(b, &r);
}

static int by_person_then_time(const void *pa, const void *pb) {
  const hrec *a = pa, *b = pb;
  if (a->person != b->person)
    return a->person < b->person ? -1 : 1;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return (a->line > b->line) - (a->line < b->line);
}

static int by_u64(const void *pa, const void *pb) {
  uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
  return (a > b) - (a < b);
}

static cp_status add_duration(builder *b, cp_u64map *hist, uint64_t owner, double months) {
  if (isnan(months))
    return CP_OK;
  double q = round(months * CENTI);
  uint64_t cap = (1u << DURATION_BITS) - 1;
  uint64_t key = owner << DURATION_BITS | (q > (double)cap ? cap : (uint64_t)q);
  bool made;
  uint64_t *v = cp_u64map_at(hist, key, &made);
  if (!v)
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  ++*v;
  return CP_OK;
}

/* Counts each of a person's distinct roles (tag 0) and transitions (tag 1) once. */
static cp_status count_distinct(builder *b, size_t n) {
  /* A person has a handful: insertion sort, as qsort's setup outweighs the sorting. */
  if (n > 24)
    qsort(b->seen, n, sizeof *b->seen, by_u64);
  for (size_t i = 1; i < n && n <= 24; i++) {
    uint64_t v = b->seen[i];
    size_t k = i;
    for (; k && b->seen[k - 1] > v; k--)
      b->seen[k] = b->seen[k - 1];
    b->seen[k] = v;
  }
  for (size_t i = 0; i < n; i++) {
    if (i && b->seen[i] == b->seen[i - 1])
      continue;
    uint64_t v = b->seen[i] >> 1;
    if (b->seen[i] & 1)
      b->edges[v].people++;
    else
      b->roles[v].people++;
  }
  return CP_OK;
}

/* One step (or `count` of them) of a person from role `from` to role `to`, the months spent
 * in `from` before it (NaN: unknown, or a period's step): the one place a transition grows,
 * so that whatever makes steps (the jump chain, periods) aggregates them the same way. */
/* The slot holding (from, to)'s edge index: in a table by from and to while both are below
 * DENSE_ROLES (a hash lookup a step, on most data, spared), else in the map. NULL: out of
 * memory. */
static uint64_t *edge_slot(builder *b, uint32_t from, uint32_t to, bool *made) {
  if (from >= DENSE_ROLES || to >= DENSE_ROLES)
    return cp_u64map_at(&b->edge_ids, (uint64_t)from << 32 | to, made);
  if (!b->edge_dense) {
    if (!(b->edge_dense = malloc(DENSE_ROLES * DENSE_ROLES * sizeof *b->edge_dense)))
      return NULL;
    for (size_t i = 0; i < DENSE_ROLES * DENSE_ROLES; i++)
      b->edge_dense[i] = UINT64_MAX;
  }
  uint64_t *slot = &b->edge_dense[from * DENSE_ROLES + to];
  *made = *slot == UINT64_MAX;
  return slot;
}

cp_status cp_mob_edge_at(builder *b, uint32_t from, uint32_t to, uint64_t *at) {
  bool made;
  uint64_t *e = edge_slot(b, from, to, &made);
  if (!e)
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  if (made) {
    edge *edges = cp_grow(b->edges, &b->cap_edges, b->n_edges + 1, sizeof *edges, 1024);
    if (!edges) {
      *e = UINT64_MAX; /* as it was, for the dense table */
      return cp_fail(b->err, CP_ENOMEM, "out of memory");
    }
    b->edges = edges;
    edges[b->n_edges] = (edge){from, to, 0, 0};
    *e = b->n_edges++;
  }
  *at = *e;
  return CP_OK;
}

static cp_status add_step(builder *b, uint32_t from, uint32_t to, size_t count, double months) {
  uint64_t at;
  cp_status st = cp_mob_edge_at(b, from, to, &at);
  if (st)
    return st;
  b->edges[at].count += count;
  b->seen[b->n_seen++] = at << 1 | 1;
  if (b->opt.keep_people &&
      cp_panel_add_step(&b->panel, (uint32_t)at, count > UINT32_MAX ? UINT32_MAX : (uint32_t)count))
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  return add_duration(b, &b->edge_hist, at, months);
}

static long long period_of(const builder *b, double months) {
  return (long long)floor(b->opt.period == CP_PERIOD_YEAR ? months / 12 : months);
}

/* The per-period chain of one person's records (sorted by time): each record holds its role
 * from its start's period to its end's (a record with no end, to the period before the next
 * record starts; the last one, its first period only), a later record taking over from its
 * start. Periods in one role are stays; adjacent periods in two roles a move; a period in no
 * role breaks the chain. */
static cp_status period_steps(builder *b, const hrec *r, size_t n) {
  bool have_prev = false;
  uint32_t prev = 0;
  long long prev_hi = 0;
  cp_status st = CP_OK;
  for (size_t i = 0; i < n && !st; i++) {
    long long lo = period_of(b, r[i].key);
    long long next = i + 1 < n ? period_of(b, r[i + 1].key) - 1 : LLONG_MAX;
    long long hi = !isnan(r[i].end) ? period_of(b, r[i].end) : i + 1 < n ? next : lo;
    if (hi > next)
      hi = next;
    if (hi < lo)
      continue; /* a later record starts in the same period and takes it */
    if (have_prev && lo == prev_hi + 1) {
      st = add_step(b, prev, r[i].role, 1, NAN);
      *(prev == r[i].role ? &b->m->period_stays : &b->m->period_moves) += 1;
    }
    if (!st && hi > lo) {
      st = add_step(b, r[i].role, r[i].role, (size_t)(hi - lo), NAN);
      b->m->period_stays += (size_t)(hi - lo);
    }
    have_prev = true;
    prev = r[i].role;
    prev_hi = hi;
  }
  return st;
}

/* Room for one person's n records in the scratch arrays. */
static cp_status person_room(builder *b, size_t n) {
  if (n > b->cap_stays) {
    stay *s = cp_grow(b->stays, &b->cap_stays, n, sizeof *s, 64);
    if (!s)
      return cp_fail(b->err, CP_ENOMEM, "out of memory");
    b->stays = s;
  }
  if (3 * n > b->cap_seen) {
    uint64_t *s = cp_grow(b->seen, &b->cap_seen, 3 * n, sizeof *s, 128);
    if (!s)
      return cp_fail(b->err, CP_ENOMEM, "out of memory");
    b->seen = s;
  }
  return CP_OK;
}

/* One person's records, sorted by time: stays (a run of spells in one role) and the moves
 * between them, or with a period the steps from period to period. */
static cp_status person(builder *b, const hrec *r, size_t n) {
  size_t k = 0;
  cp_status st = person_room(b, n);
  if (st)
    return st;
  for (size_t i = 0; i < n; i++) {
    if (k && b->stays[k - 1].role == r[i].role) {
      b->stays[k - 1].end = r[i].end;
      b->stays[k - 1].last_key = r[i].key;
      continue;
    }
    b->stays[k++] = (stay){r[i].role, r[i].key, r[i].end, r[i].key};
  }
  b->n_seen = 0;
  b->m->people++;
  if (b->opt.keep_people && cp_panel_add_person(&b->panel, r[0].person))
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < k && !st; i++) {
    const stay *s = &b->stays[i];
    double months = NAN;
    if (b->dated)
      months = !isnan(s->end) ? s->end - s->start
               : i + 1 < k    ? b->stays[i + 1].start - s->start
                              : NAN;
    b->roles[s->role].stays++;
    b->m->stays++;
    b->seen[b->n_seen++] = (uint64_t)s->role << 1;
    if ((st = add_duration(b, &b->role_hist, s->role, months)) || i + 1 == k)
      continue;
    b->m->moves++;
    if (!b->opt.period)
      st = add_step(b, s->role, b->stays[i + 1].role, 1, months);
  }
  if (!st && b->opt.period)
    st = period_steps(b, r, n);
  return st ? st : count_distinct(b, b->n_seen);
}

/* Sorts by person, then time, then line. qsort spent a third of a 10-million-row build
 * here; person hashes are uniform, so a counting sort on their top bits leaves bins of one
 * or two records, finished by insertion sort (qsort for a rare large bin). */
static cp_status sort_records(builder *b, hrec *recs, size_t n, hrec **sorted) {
  *sorted = recs;
  if (n == 0)
    return CP_OK; /* recs may be NULL: every row was bad (found by fuzzing) */
  unsigned bits = 1;
  while (((size_t)1 << bits) < n && bits < 22)
    bits++;
  size_t bins = (size_t)1 << bits;
  /* Kept for the next bucket: fresh pages each time cost as much as the sort. */
  size_t *start = cp_grow(b->sort_bins, &b->cap_sort_bins, bins + 1, sizeof *start, 1024);
  if (start)
    b->sort_bins = start;
  hrec *tmp = start ? cp_grow(b->sort_tmp, &b->cap_sort_tmp, n, sizeof *tmp, 1024) : NULL;
  if (!tmp)
    return cp_fail(b->err, CP_ENOMEM, "out of memory");
  b->sort_tmp = tmp;
  memset(start, 0, (bins + 1) * sizeof *start);
  for (size_t i = 0; i < n; i++)
    start[(recs[i].person >> (64 - bits)) + 1]++;
  for (size_t i = 0; i < bins; i++)
    start[i + 1] += start[i];
  for (size_t i = 0; i < n; i++)
    tmp[start[recs[i].person >> (64 - bits)]++] = recs[i];
  *sorted = recs = tmp; /* sorted where they are, not copied back */
  /* start[i] now holds the end of bin i. */
  for (size_t i = 0, lo = 0; i < bins; lo = start[i++]) {
    size_t hi = start[i];
    if (hi - lo > 32) {
      qsort(recs + lo, hi - lo, sizeof *recs, by_person_then_time);
      continue;
    }
    for (size_t j = lo + 1; j < hi; j++) {
      hrec r = recs[j];
      size_t k = j;
      while (k > lo && by_person_then_time(&recs[k - 1], &r) > 0) {
        recs[k] = recs[k - 1];
        k--;
      }
      recs[k] = r;
    }
  }
  return CP_OK;
}

cp_status cp_mob_people(builder *b, hrec *recs, size_t n) {
  cp_status st = sort_records(b, recs, n, &recs);
  if (st)
    return st;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && recs[j].person == recs[i].person)
      j++;
    if ((st = person(b, recs + i, j - i)))
      return st;
    i = j;
  }
  return CP_OK;
}

/* Reads each bucket back whole (about rows / BUCKETS records) and aggregates it. */
static cp_status drain_buckets(builder *b) {
  cp_status st = cp_mob_spill(b);
  for (size_t i = 0; i < BUCKETS && !st; i++) {
    FILE *f = b->bucket[i];
    long size;
    if (fflush(f) || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
      return cp_fail(b->err, CP_EIO, "%s: cannot read a temporary file back: %s", b->name,
                     strerror(errno));
    size_t n = (size_t)size / sizeof(hrec);
    if (n > b->cap_recs) {
      hrec *recs = realloc(b->recs, n * sizeof *recs);
      if (!recs)
        return cp_fail(b->err, CP_ENOMEM, "out of memory");
      b->recs = recs;
      b->cap_recs = n;
    }
    if (fread(b->recs, sizeof(hrec), n, f) != n)
      return cp_fail(b->err, CP_EIO, "%s: cannot read a temporary file back", b->name);
    st = cp_mob_people(b, b->recs, n);
  }
  return st;
}

/* Medians from a histogram map: entries grouped by owner, each group's counts in duration
 * order, the middle value (the mean of the two middle ones for an even count). */
static cp_status medians(cp_error *err, const cp_u64map *hist, size_t n_owners, double *out) {
  for (size_t i = 0; i < n_owners; i++)
    out[i] = NAN;
  if (!hist->h.count)
    return CP_OK;
  uint64_t *pairs = malloc(hist->h.count * 2 * sizeof *pairs);
  if (!pairs)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  size_t n = 0;
  for (size_t s = 0; s < hist->h.cap; s++)
    if (cp_u64map_entry(hist, s, &pairs[2 * n], &pairs[2 * n + 1]))
      n++;
  /* Sorting the keys sorts by owner, then duration. */
  qsort(pairs, n, 2 * sizeof *pairs, by_u64);
  uint64_t mask = (1u << DURATION_BITS) - 1;
  for (size_t i = 0; i < n;) {
    uint64_t owner = pairs[2 * i] >> DURATION_BITS;
    size_t j = i, total = 0;
    while (j < n && pairs[2 * j] >> DURATION_BITS == owner)
      total += pairs[2 * j + 1], j++;
    size_t lo = (total - 1) / 2, hi = total / 2, seen = 0;
    double vlo = NAN, vhi = NAN;
    for (size_t t = i; t < j; t++) {
      size_t c = pairs[2 * t + 1];
      double v = (double)(pairs[2 * t] & mask) / CENTI;
      if (isnan(vlo) && lo < seen + c)
        vlo = v;
      if (isnan(vhi) && hi < seen + c)
        vhi = v;
      seen += c;
    }
    out[owner] = (vlo + vhi) / 2;
    i = j;
  }
  free(pairs);
  return CP_OK;
}

typedef struct named {
  const char *id;
  uint32_t index;
} named;

static int by_role_id(const void *pa, const void *pb) {
  return strcmp(((const named *)pa)->id, ((const named *)pb)->id);
}

static int by_endpoints(const void *pa, const void *pb) {
  const cp_mobility_transition *a = pa, *b = pb;
  if (a->from != b->from)
    return a->from < b->from ? -1 : 1;
  return (a->to > b->to) - (a->to < b->to);
}

/* Each person's steps along the published transitions (suppressed ones dropped), for
 * resampling people. */
static cp_status publish_panel(cp_mobility_acc *b, const size_t *new_index, cp_error *err) {
  cp_mobility *m = b->m;
  size_t *published = malloc((b->n_edges + 1) * sizeof *published);
  if (!published)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < b->n_edges; i++) {
    cp_mobility_transition key = {.from = new_index[b->edges[i].from],
                                  .to = new_index[b->edges[i].to]};
    const cp_mobility_transition *hit =
        key.from == SIZE_MAX || key.to == SIZE_MAX
            ? NULL
            : bsearch(&key, m->transitions, m->n_transitions, sizeof key, by_endpoints);
    published[i] = hit ? (size_t)(hit - m->transitions) : SIZE_MAX;
  }
  cp_status st = cp_panel_finish(b->panel, published, &m->panel);
  free(published);
  return st ? cp_fail(err, st, "out of memory") : CP_OK;
}

/* Applies the privacy threshold and lays the result out sorted by role id. */
cp_status cp_mobility_publish(cp_mobility_acc *b, size_t k, cp_error *err) {
  cp_mobility *m = b->m;
  double *role_median = malloc((b->n_roles + 1) * sizeof *role_median);
  double *edge_median = malloc((b->n_edges + 1) * sizeof *edge_median);
  named *order = malloc((b->n_roles + 1) * sizeof *order);
  size_t *new_index = malloc((b->n_roles + 1) * sizeof *new_index);
  double *out_total = calloc(b->n_roles + 1, sizeof *out_total);
  cp_status st = CP_OK;
  if (!role_median || !edge_median || !order || !new_index || !out_total) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  if ((st = medians(err, b->role_hist, b->n_roles, role_median)) ||
      (st = medians(err, b->edge_hist, b->n_edges, edge_median)))
    goto done;
  for (uint32_t i = 0; i < b->n_roles; i++)
    order[i] = (named){b->roles[i].id, i};
  qsort(order, b->n_roles, sizeof *order, by_role_id);
  m->min_people = k;
  m->roles = calloc(b->n_roles + 1, sizeof *m->roles);
  m->transitions = calloc(b->n_edges + 1, sizeof *m->transitions);
  if (!m->roles || !m->transitions) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < b->n_roles; i++) {
    uint32_t at = order[i].index;
    role_acc *r = &b->roles[at];
    new_index[at] = SIZE_MAX;
    if (r->people < k) {
      m->suppressed_roles++;
      continue;
    }
    new_index[at] = m->n_roles;
    m->roles[m->n_roles++] =
        (cp_mobility_role){r->id, r->people, r->stays, role_median[at], NULL, NULL, 0};
    r->id = NULL; /* now the result's */
  }
  for (size_t i = 0; i < b->n_edges; i++) {
    const edge *e = &b->edges[i];
    if (e->people < k || new_index[e->from] == SIZE_MAX || new_index[e->to] == SIZE_MAX) {
      m->suppressed_transitions++;
      m->suppressed_moves += e->count;
      continue;
    }
    m->transitions[m->n_transitions++] = (cp_mobility_transition){
        new_index[e->from], new_index[e->to], e->count, e->people, 0, edge_median[i]};
    out_total[new_index[e->from]] += (double)e->count;
  }
  qsort(m->transitions, m->n_transitions, sizeof *m->transitions, by_endpoints);
  for (size_t i = 0; i < m->n_transitions; i++)
    m->transitions[i].probability =
        (double)m->transitions[i].count / out_total[m->transitions[i].from];
  if (b->panel)
    st = publish_panel(b, new_index, err);
done:
  free(role_median);
  free(edge_median);
  free(order);
  free(new_index);
  free(out_total);
  return st;
}

void cp_mob_builder_free(builder *b) {
  for (size_t i = 0; i < b->n_roles; i++)
    free(b->roles[i].id);
  free(b->roles);
  cp_strmap_destroy(&b->role_ids);
  free(b->recs);
  free(b->stage);
  free(b->sort_tmp);
  free(b->edge_dense);
  free(b->sort_bins);
  for (size_t i = 0; i < BUCKETS; i++)
    if (b->bucket[i])
      fclose(b->bucket[i]);
  free(b->edges);
  cp_u64map_destroy(&b->edge_ids);
  cp_u64map_destroy(&b->edge_hist);
  cp_u64map_destroy(&b->role_hist);
  free(b->stays);
  free(b->seen);
  cp_panel_builder_free(&b->panel);
}

void cp_mobility_free(cp_mobility *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->n_roles; i++) {
    free(m->roles[i].id);
    free(m->roles[i].label);
    free(m->roles[i].domain);
  }
  free(m->roles);
  cp_mobility_panel_free(m->panel);
  free(m->transitions);
  for (size_t i = 0; i < m->n_bad_listed; i++)
    free(m->bad_listed[i]);
  free(m);
}

/* The period asked of histories that cannot give it: before any person is added up. */
static cp_status check_period(const builder *b) {
  if (b->opt.period && !b->dated)
    return cp_fail(b->err, CP_EINVAL,
                   "%s: a chain per period needs dated histories (a 'start' column), not 'seq'",
                   b->name);
  return CP_OK;
}

/* Nothing to publish is an error, not an empty graph: checked on the whole (one build, or a
 * merge), never on a shard, where no valid row is no fault. */
cp_status cp_mobility_check_rows(const cp_mobility *m, const char *name, cp_error *err) {
  if (m->rows == 0)
    return cp_fail(err, CP_EINVAL, "%s: no rows after the header", name);
  if (m->bad_rows == m->rows)
    return cp_fail(err, CP_EINVAL, "%s: no valid row: all %zu rows are bad (the first: %s)", name,
                   m->rows, m->n_bad_listed ? m->bad_listed[0] : "?");
  return CP_OK;
}

/* The builder's added-up state, as mobility_acc.h shares it. */
static cp_mobility_acc acc_of(builder *b) {
  cp_mobility_acc a = {.m = b->m,
                       .roles = b->roles,
                       .n_roles = b->n_roles,
                       .edges = b->edges,
                       .n_edges = b->n_edges,
                       .role_hist = &b->role_hist,
                       .edge_hist = &b->edge_hist,
                       .panel = b->opt.keep_people ? &b->panel : NULL};
  memcpy(a.bad_line, b->bad_line, sizeof a.bad_line);
  memcpy(a.bad_file_len, b->bad_file_len, sizeof a.bad_file_len);
  return a;
}

/* Every row, on opt.jobs threads when the file can be cut into slices, else in one pass. */
static cp_status read_rows(builder *b, FILE *f) {
  bool done = false;
  cp_status st = b->opt.jobs > 1 ? cp_mob_read_jobs(b, f, &done) : CP_OK;
  if (!st && !done)
    st = cp_table_fields_stream(b->name, f, -1, 1, cp_mob_on_row, b, b->err);
  return st;
}

/* Reads and adds up every row, then hands the state to `fn`. */
static cp_status build(const char *name, FILE *f, const cp_mobility_options *opt,
                       cp_mobility_acc_fn fn, void *ctx, cp_error *err) {
  builder b = {.name = name, .err = err};
  cp_status st;
  b.opt = opt ? *opt : (cp_mobility_options){.min_people = 5};
  cp_strmap_init(&b.role_ids);
  if (!(b.m = calloc(1, sizeof *b.m))) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  b.m->min_people = b.opt.min_people;
  b.m->period = b.opt.period;
  if ((st = read_rows(&b, f)))
    goto done;
  if (!b.have_header) {
    st = cp_fail(err, CP_EPARSE, "%s: empty file", name);
    goto done;
  }
  if ((st = check_period(&b)))
    goto done;
  if (!b.added_up && (st = b.spilled ? drain_buckets(&b) : cp_mob_people(&b, b.recs, b.n_recs)))
    goto done;
  cp_mobility_acc a = acc_of(&b);
  st = fn(ctx, &a, err);
  b.m = a.m;
done:
  cp_mobility_free(b.m);
  cp_mob_builder_free(&b);
  return st;
}

cp_status cp_mobility_accumulate(const char *name, FILE *f, const cp_mobility_options *opt,
                                 cp_mobility_acc_fn fn, void *ctx, cp_error *err) {
  return build(name, f, opt, fn, ctx, err);
}

typedef struct publish_ctx {
  const char *name;
  size_t min_people;
  cp_mobility **out;
} publish_ctx;

static cp_status publish_into(void *ctx, cp_mobility_acc *a, cp_error *err) {
  publish_ctx *p = ctx;
  cp_status st = cp_mobility_check_rows(a->m, p->name, err);
  if (!st)
    st = cp_mobility_publish(a, p->min_people, err);
  if (!st) {
    *p->out = a->m;
    a->m = NULL;
  }
  return st;
}

cp_status cp_mobility_build_stream(const char *name, FILE *f, const cp_mobility_options *opt,
                                   cp_mobility **out, cp_error *err) {
  publish_ctx p = {name, opt ? opt->min_people : 5, out};
  return build(name, f, opt, publish_into, &p, err);
}

cp_status cp_mobility_build(const char *path, const cp_mobility_options *opt, cp_mobility **out,
                            cp_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cp_fail(err, CP_EIO, "%s: cannot open: %s", path, strerror(errno));
  cp_status st = cp_mobility_build_stream(path, f, opt, out, err);
  fclose(f);
  return st;
}

/* ---- writing the result ---- */

/* Numbers as %.12g, NaN as an empty field. */
static cp_status number(cp_buf *o, double v) {
  return isnan(v) ? CP_OK : cp_buf_printf(o, "%.12g", v);
}

static bool any_joined(const cp_mobility *m) {
  for (size_t i = 0; i < m->n_roles; i++)
    if (m->roles[i].label)
      return true;
  return false;
}

/* ",label,domain,level" of a role joined to a roles source (empty when it was not). */
static cp_status joined_fields(cp_buf *o, const cp_mobility_role *x) {
  cp_status st = cp_buf_puts(o, ",");
  if (!st && x->label && !(st = cp_buf_csv_field(o, x->label)) && !(st = cp_buf_puts(o, ",")))
    st = cp_buf_csv_field(o, x->domain);
  else if (!st)
    st = cp_buf_puts(o, ",");
  if (!st)
    st = x->level ? cp_buf_printf(o, ",%d", x->level) : cp_buf_puts(o, ",");
  return st;
}

cp_status cp_mobility_write_csv(const cp_mobility *m, char **transitions, size_t *transitions_len,
                                char **roles, size_t *roles_len, cp_error *err) {
  cp_buf t = {0}, r = {0};
  cp_status st = cp_buf_puts(&t, "from,to,count,people,probability,median_months\n");
  for (size_t i = 0; i < m->n_transitions && !st; i++) {
    const cp_mobility_transition *e = &m->transitions[i];
    if (!(st = cp_buf_csv_field(&t, m->roles[e->from].id)) && !(st = cp_buf_puts(&t, ",")) &&
        !(st = cp_buf_csv_field(&t, m->roles[e->to].id)) &&
        !(st = cp_buf_printf(&t, ",%zu,%zu,%.12g,", e->count, e->people, e->probability)) &&
        !(st = number(&t, e->median_months)))
      st = cp_buf_puts(&t, "\n");
  }
  bool joined = any_joined(m);
  if (!st)
    st = cp_buf_puts(&r, joined ? "id,people,stays,median_tenure_months,label,domain,level\n"
                                : "id,people,stays,median_tenure_months\n");
  for (size_t i = 0; i < m->n_roles && !st; i++) {
    const cp_mobility_role *x = &m->roles[i];
    if (!(st = cp_buf_csv_field(&r, x->id)) &&
        !(st = cp_buf_printf(&r, ",%zu,%zu,", x->people, x->stays)) &&
        !(st = number(&r, x->median_tenure_months)) &&
        !(st = joined ? joined_fields(&r, x) : CP_OK))
      st = cp_buf_puts(&r, "\n");
  }
  if (st) {
    cp_buf_free(&t);
    cp_buf_free(&r);
    return cp_fail(err, CP_ENOMEM, "out of memory writing the transitions");
  }
  *transitions = t.data;
  *transitions_len = t.len;
  *roles = r.data;
  *roles_len = r.len;
  return CP_OK;
}

static cp_status dot_id(cp_buf *o, const char *s) {
  cp_status st = cp_buf_puts(o, "\"");
  for (const char *p = s; *p && !st; p++)
    st = *p == '"' || *p == '\\' ? cp_buf_printf(o, "\\%c", *p)
         : *p == '\n'            ? cp_buf_puts(o, "\\n")
         : *p == '\r'            ? CP_OK
                                 : cp_buf_append(o, p, 1);
  return st ? st : cp_buf_puts(o, "\"");
}

/* label, domain and level of a joined role. */
static cp_status dot_joined(cp_buf *o, const cp_mobility_role *x) {
  if (!x->label)
    return CP_OK;
  cp_status st = cp_buf_puts(o, ", label=");
  if (!st && !(st = dot_id(o, x->label)) && *x->domain && !(st = cp_buf_puts(o, ", domain=")))
    st = dot_id(o, x->domain);
  return !st && x->level ? cp_buf_printf(o, ", level=%d", x->level) : st;
}

cp_status cp_mobility_write_dot(const cp_mobility *m, char **out, size_t *out_len, cp_error *err) {
  cp_buf o = {0};
  cp_status st = cp_buf_printf(
      &o,
      "digraph mobility {\n"
      "  graph [label=\"Career mobility\", source=\"careerpath mobility build: %zu people, "
      "%zu moves; transitions and roles seen in fewer than %zu people suppressed\"];\n",
      m->people, m->moves, m->min_people);
  for (size_t i = 0; i < m->n_roles && !st; i++) {
    const cp_mobility_role *x = &m->roles[i];
    if (!(st = cp_buf_puts(&o, "  ")) && !(st = dot_id(&o, x->id)) &&
        !(st = cp_buf_printf(&o, " [people=%zu, stays=%zu", x->people, x->stays)) &&
        !(st = isnan(x->median_tenure_months)
                   ? CP_OK
                   : cp_buf_printf(&o, ", median_tenure_months=%.12g", x->median_tenure_months)) &&
        !(st = dot_joined(&o, x)))
      st = cp_buf_puts(&o, "];\n");
  }
  for (size_t i = 0; i < m->n_transitions && !st; i++) {
    const cp_mobility_transition *e = &m->transitions[i];
    if (!(st = cp_buf_puts(&o, "  ")) && !(st = dot_id(&o, m->roles[e->from].id)) &&
        !(st = cp_buf_puts(&o, " -> ")) && !(st = dot_id(&o, m->roles[e->to].id)) &&
        !(st = cp_buf_printf(&o, " [count=%zu, people=%zu, probability=%.12g", e->count, e->people,
                             e->probability)) &&
        !(st = isnan(e->median_months)
                   ? CP_OK
                   : cp_buf_printf(&o, ", median_months=%.12g", e->median_months)))
      st = cp_buf_puts(&o, "];\n");
  }
  if (!st)
    st = cp_buf_puts(&o, "}\n");
  if (st) {
    cp_buf_free(&o);
    return cp_fail(err, CP_ENOMEM, "out of memory writing the graph");
  }
  *out = o.data;
  *out_len = o.len;
  return CP_OK;
}
