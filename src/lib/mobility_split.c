/* mobility_split.c: career histories split into shards by a hash of the person id, each row
 * carrying its original FILE:LINE, for partial builds on many machines. */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Shards are written in blocks of this many bytes: memory is parts x FLUSH_BYTES. */
enum { FLUSH_BYTES = 1 << 16 };

struct cp_mobility_splitter {
  size_t parts;
  FILE *const *shards;
  const cp_column_map *columns;
  cp_buf *out;  /* per shard, what waits to be written */
  size_t *rows; /* per shard */
  size_t n_rows, bad_rows;
  char *header;      /* the shards' header line, from the first input */
  char *header_from; /* that input's name */
  /* the input being read */
  const char *name;
  bool have_header;
  size_t n_columns;
  long col_person, col_origin; /* -1: none */
  cp_buf line;                 /* a row as written */
};

static void bounds_of(const char *s, size_t *start, size_t *len) {
  size_t a = 0, b = strlen(s);
  while (a < b && (s[a] == ' ' || s[a] == '\t'))
    a++;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
    b--;
  *start = a;
  *len = b - a;
}

size_t cp_mobility_shard_of(const char *person, size_t parts) {
  size_t start, len;
  bounds_of(person, &start, &len);
  return parts > 1 ? (size_t)(XXH3_64bits(person + start, len) % parts) : 0;
}

cp_status cp_mobility_splitter_new(size_t parts, FILE *const *shards, const cp_column_map *columns,
                                   cp_mobility_splitter **out, cp_error *err) {
  cp_mobility_splitter *s = calloc(1, sizeof *s);
  if (s && parts) {
    s->out = calloc(parts, sizeof *s->out);
    s->rows = calloc(parts, sizeof *s->rows);
  }
  if (!s || !parts || !s->out || !s->rows) {
    cp_mobility_splitter_free(s);
    return parts ? cp_fail(err, CP_ENOMEM, "out of memory")
                 : cp_fail(err, CP_EINVAL, "a split needs at least one shard");
  }
  s->parts = parts;
  s->shards = shards;
  s->columns = columns;
  *out = s;
  return CP_OK;
}

static cp_status flush_shard(cp_mobility_splitter *s, size_t k, cp_error *err) {
  cp_buf *b = &s->out[k];
  if (b->len && fwrite(b->data, 1, b->len, s->shards[k]) != b->len)
    return cp_fail(err, CP_EIO, "cannot write shard %zu: %s", k, strerror(errno));
  b->len = 0;
  return CP_OK;
}

/* The shards' header line for this input's header fields: the origin column first, unless
 * the input is a shard already and has it. */
static cp_status header_line(cp_mobility_splitter *s, const char *const *fields, size_t n,
                             size_t line, cp_error *err) {
  s->line.len = 0;
  cp_status st =
      s->col_origin < 0 ? cp_buf_printf(&s->line, "%s,", CP_MOBILITY_ORIGIN_COLUMN) : CP_OK;
  for (size_t i = 0; i < n && !st; i++) {
    /* The driver joins shards by their first line, so a header is one line. */
    if (strpbrk(fields[i], "\r\n"))
      return cp_fail(err, CP_EPARSE, "%s:%zu: column %zu's name holds a line break", s->name, line,
                     i + 1);
    if (!(st = cp_buf_csv_field(&s->line, fields[i])))
      st = cp_buf_puts(&s->line, i + 1 < n ? "," : "\n");
  }
  return st ? cp_fail(err, CP_ENOMEM, "out of memory") : CP_OK;
}

/* The first input's header goes to every shard; a later input's must be the same. */
static cp_status take_header(cp_mobility_splitter *s, size_t line, cp_error *err) {
  if (s->header) {
    if (strcmp(s->header, s->line.data))
      return cp_fail(err, CP_EPARSE, "%s:%zu: its header differs from %s's", s->name, line,
                     s->header_from);
    return CP_OK;
  }
  if (!(s->header = cp_strdup(s->line.data)) || !(s->header_from = cp_strdup(s->name)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  cp_status st = CP_OK;
  for (size_t k = 0; k < s->parts && !st; k++)
    if (cp_buf_puts(&s->out[k], s->header))
      st = cp_fail(err, CP_ENOMEM, "out of memory");
  return st;
}

static cp_status on_header(cp_mobility_splitter *s, const char *const *fields, size_t n,
                           size_t line, cp_error *err) {
  cp_header h;
  cp_status st = cp_header_read(&h, s->name, line, fields, n, s->columns, err);
  if (st)
    return st;
  s->col_person = cp_header_find(&h, "person");
  s->col_origin = -1;
  for (size_t i = 0; i < n; i++)
    if (!strcmp(h.written[i], CP_MOBILITY_ORIGIN_COLUMN))
      s->col_origin = (long)i;
  if (s->col_person < 0)
    st = cp_header_missing(&h, s->name, line, "person", err);
  cp_header_free(&h);
  if (!st)
    st = header_line(s, fields, n, line, err);
  if (!st)
    st = take_header(s, line, err);
  s->n_columns = n;
  s->have_header = !st;
  return st;
}

/* One row: its origin (kept, or this input's name and line), then its fields. */
static cp_status row_text(cp_mobility_splitter *s, const char *const *fields, size_t n, size_t line,
                          cp_buf *b) {
  cp_status st = CP_OK;
  if (s->col_origin < 0) {
    s->line.len = 0;
    if (!(st = cp_buf_printf(&s->line, "%s:%zu", s->name, line)) &&
        !(st = cp_buf_csv_field(b, s->line.data)))
      st = cp_buf_puts(b, ",");
  }
  for (size_t i = 0; i < n && !st; i++)
    if (!(st = cp_buf_csv_field(b, fields[i])))
      st = cp_buf_puts(b, i + 1 < n ? "," : "\n");
  return st;
}

static cp_status on_row(void *ctx, const char *const *fields, size_t n, size_t line,
                        cp_error *err) {
  cp_mobility_splitter *s = ctx;
  if (!s->have_header)
    return on_header(s, fields, n, line, err);
  const char *person = (size_t)s->col_person < n ? fields[s->col_person] : "";
  size_t start, len;
  bounds_of(person, &start, &len);
  size_t k = len ? cp_mobility_shard_of(person, s->parts) : 0;
  s->n_rows++;
  s->bad_rows += !len || n != s->n_columns;
  s->rows[k]++;
  if (row_text(s, fields, n, line, &s->out[k]))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  return s->out[k].len >= FLUSH_BYTES ? flush_shard(s, k, err) : CP_OK;
}

cp_status cp_mobility_splitter_add(cp_mobility_splitter *s, const char *name, FILE *in,
                                   cp_error *err) {
  s->name = name;
  s->have_header = false;
  cp_status st = cp_table_parse_stream(name, in, on_row, s, err);
  if (!st && !s->have_header)
    st = cp_fail(err, CP_EPARSE, "%s: empty file", name);
  return st;
}

cp_status cp_mobility_splitter_finish(cp_mobility_splitter *s, cp_error *err) {
  if (!s->header)
    return cp_fail(err, CP_EINVAL, "no histories to split");
  cp_status st = CP_OK;
  for (size_t k = 0; k < s->parts && !st; k++)
    st = flush_shard(s, k, err);
  return st;
}

cp_mobility_split_counts cp_mobility_splitter_counts(const cp_mobility_splitter *s) {
  return (cp_mobility_split_counts){s->n_rows, s->bad_rows, s->rows};
}

void cp_mobility_splitter_free(cp_mobility_splitter *s) {
  if (!s)
    return;
  for (size_t k = 0; s->out && k < s->parts; k++)
    cp_buf_free(&s->out[k]);
  free(s->out);
  free(s->rows);
  free(s->header);
  free(s->header_from);
  cp_buf_free(&s->line);
  free(s);
}
