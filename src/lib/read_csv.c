/* read_csv.c: reads transitions (and optionally roles) from RFC 4180 CSV (libcsv) or
 * tab-separated tables, with column maps. */
#include "internal.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One parsed record: fields stored back to back, NUL-terminated, in `text`. */
typedef struct record {
  cp_buf text;
  size_t *offsets, *lens; /* each field's start in `text`, and its length */
  size_t n, cap;
  size_t line; /* line the record starts on */
} record;

typedef cp_status (*record_fn)(void *ctx, const record *r, cp_error *err);

typedef struct parse_state {
  const char *name;
  record rec;
  size_t line;       /* line being fed */
  size_t line_bytes; /* bytes of that line fed so far, without its line end */
  cp_status st;      /* first failure inside a callback */
  cp_error *err;
  record_fn on_record;
  void *ctx;
  bool tsv;       /* tab-separated: no quoting, a record a line */
  cp_buf pending; /* TSV: a line begun in an earlier block */
} parse_state;

static const char *field(const record *r, size_t i) { return r->text.data + r->offsets[i]; }

/* Room for one more field in the record being built; false (the error set) when memory runs
 * out. */
static bool field_room(parse_state *p) {
  if (p->rec.n < p->rec.cap)
    return true;
  size_t cap = p->rec.cap ? p->rec.cap * 2 : 16;
  size_t *o = realloc(p->rec.offsets, cap * sizeof *o);
  if (o)
    p->rec.offsets = o;
  size_t *l = o ? realloc(p->rec.lens, cap * sizeof *l) : NULL;
  if (!l) {
    p->st = cp_fail(p->err, CP_ENOMEM, "%s:%zu: out of memory", p->name, p->line);
    return false;
  }
  p->rec.lens = l;
  p->rec.cap = cap;
  return true;
}

/* The longest field accepted, or the error naming the field about to be added. */
static bool field_fits(parse_state *p, size_t len) {
  if (len <= cp_limits_get()->field)
    return true;
  p->st = cp_fail(p->err, CP_ELIMIT,
                  "%s:%zu: field %zu is %zu bytes; the longest field accepted is %zu", p->name,
                  p->rec.line, p->rec.n + 1, len, cp_limits_get()->field);
  return false;
}

/* Appends one field to the record being built; `checked` when the caller has already
 * checked the bytes for NUL and UTF-8. */
static void add_field(parse_state *p, const char *s, size_t len, bool checked) {
  if (p->st || !field_room(p) || !field_fits(p, len))
    return;
  if (!checked && len && memchr(s, '\0', len)) {
    p->st = cp_fail(p->err, CP_EPARSE, "%s:%zu: field %zu contains a NUL byte", p->name,
                    p->rec.line, p->rec.n + 1);
    return;
  }
  if (!checked && !cp_utf8_valid(s ? s : "", len)) {
    p->st = cp_fail(p->err, CP_EPARSE, "%s:%zu: field %zu is not valid UTF-8", p->name, p->rec.line,
                    p->rec.n + 1);
    return;
  }
  p->rec.lens[p->rec.n] = len;
  p->rec.offsets[p->rec.n++] = p->rec.text.len;
  if (cp_buf_append(&p->rec.text, s ? s : "", len) || cp_buf_append(&p->rec.text, "", 1))
    p->st = cp_fail(p->err, CP_ENOMEM, "%s:%zu: out of memory", p->name, p->line);
}

static void on_field(void *s, size_t len, void *data) { add_field(data, s, len, false); }

static void on_row(int term, void *data) {
  (void)term;
  parse_state *p = data;
  if (!p->st && p->rec.n)
    p->st = p->on_record(p->ctx, &p->rec, p->err);
  p->rec.n = 0;
  p->rec.text.len = 0;
}

static bool csv_blank(char c) { return c == ' ' || c == '\t'; }

/* Splits s[0..n) at `sep` into the fields of one record, trimming spaces around each (and
 * tabs, unless they separate), and ends the record. `checked`: as for add_field. */
static void split_fields(parse_state *p, const char *s, size_t n, char sep, bool checked) {
  const char *end = s + n, *f = s;
  for (;;) {
    const char *at = memchr(f, sep, (size_t)(end - f));
    const char *a = f, *b = at ? at : end;
    while (a < b && (*a == ' ' || (*a == '\t' && sep != '\t')))
      a++;
    while (b > a && (b[-1] == ' ' || (b[-1] == '\t' && sep != '\t')))
      b--;
    add_field(p, a, (size_t)(b - a), checked);
    if (!at)
      break;
    f = at + 1;
  }
  on_row(0, p);
}

/* Eight bytes at a time (SWAR), for the lines of fast_line. */
#define BYTES(c) (0x0101010101010101ull * (unsigned char)(c))

static uint64_t word_at(const char *s) {
  uint64_t w;
  memcpy(&w, s, sizeof w);
  return w;
}

/* The high bit of each byte of w that is zero, exactly: no borrow runs from byte to byte. */
static uint64_t zero_bytes(uint64_t w) {
  return ~(((w & BYTES(0x7F)) + BYTES(0x7F)) | w | BYTES(0x7F));
}

/* The first byte (in memory order) of those marked in m, and m without it. */
static size_t first_marked(uint64_t *m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  size_t at = (size_t)__builtin_clzll(*m) / 8;
  *m &= ~(0x8000000000000000ull >> (8 * at));
#else
  size_t at = (size_t)__builtin_ctzll(*m) / 8;
  *m &= *m - 1;
#endif
  return at;
}

/* Whether t[0..n) (with at least 8 bytes of room past n) is free of quotes, carriage returns
 * and NULs, and in *ascii whether every byte is ASCII. The bytes past n are set to 'x' so
 * that whole words can be read. Only a word with a byte below '#' is looked at byte by byte
 * (spaces, tabs, '!' as well as the three). */
static bool plain_bytes(char *t, size_t n, bool *ascii) {
  memset(t + n, 'x', 8);
  uint64_t any = 0, bad = 0;
  for (size_t i = 0; i < n; i += 8) {
    uint64_t w = word_at(t + i);
    any |= w;
    if ((w - BYTES('#')) & ~w & BYTES(0x80))
      bad |= zero_bytes(w ^ BYTES('"')) | zero_bytes(w ^ BYTES('\r')) | zero_bytes(w);
  }
  *ascii = !(any & BYTES(0x80));
  return !bad;
}

/* Ends the field t[f..e) of the line being split, trimmed of spaces and tabs; false when it
 * cannot be added (the error set). */
static bool end_field(parse_state *p, char *t, size_t f, size_t e, size_t longest) {
  size_t a = f, b = e;
  while (a < b && csv_blank(t[a]))
    a++;
  while (b > a && csv_blank(t[b - 1]))
    b--;
  if (!field_room(p))
    return false;
  if (b - a > longest)
    return field_fits(p, b - a);
  t[b] = '\0';
  p->rec.lens[p->rec.n] = b - a;
  p->rec.offsets[p->rec.n++] = a;
  return true;
}

/* fast_line's split at ',' of s[0..n): the line copied once into the record and each field
 * ended in place by a NUL, rather than each appended; commas found a word at a time. A line
 * of blanks is no record. Returns false, the record empty, for a line libcsv must read. */
static bool split_line(parse_state *p, const char *s, size_t n) {
  if (cp_buf_reserve(&p->rec.text, n + 8)) {
    p->st = cp_fail(p->err, CP_ENOMEM, "%s:%zu: out of memory", p->name, p->line);
    return true;
  }
  char *t = p->rec.text.data;
  memcpy(t, s, n);
  bool ascii;
  /* A NUL or bad UTF-8 goes to libcsv too, whose per-field checks name the field. */
  if (!plain_bytes(t, n, &ascii) || (!ascii && !cp_utf8_valid(t, n)))
    return false;
  p->rec.text.len = n + 1;
  size_t f = 0, longest = cp_limits_get()->field;
  bool ok = true;
  for (size_t i = 0; ok && i < n; i += 8) {
    for (uint64_t m = zero_bytes(word_at(t + i) ^ BYTES(',')); ok && m;) {
      size_t e = i + first_marked(&m);
      ok = end_field(p, t, f, e, longest);
      f = e + 1;
    }
  }
  size_t a = f;
  while (a < n && csv_blank(t[a]))
    a++;
  if (ok && p->rec.n == 0 && a == n) {
    p->rec.text.len = 0; /* blank: no record */
    return true;
  }
  if (ok)
    end_field(p, t, f, n, longest);
  on_row(0, p); /* the record, unless a field failed; emptied either way */
  return true;
}

/* Most lines of machine-written CSV hold no quotes: those are split here, with libcsv's
 * rules (fields trimmed of spaces and tabs, a line of blanks skipped), at a fraction of the
 * cost of its byte-at-a-time state machine. Returns false, doing nothing, for a line libcsv
 * must see: one with a quote, a carriage return before its end, a NUL or bad UTF-8. */
static bool fast_line(parse_state *p, const char *s, size_t len) {
  size_t n = len - 1; /* without the '\n' */
  if (n && s[n - 1] == '\r')
    n--;
  return split_line(p, s, n);
}

/* Counts `text` more bytes of the current line; past the longest line accepted, the error
 * (`ended`: the line's end has been seen, so its length is known). */
static bool too_long(parse_state *p, size_t text, bool ended) {
  p->line_bytes += text;
  if (p->line_bytes <= cp_limits_get()->line)
    return false;
  p->st =
      cp_fail(p->err, CP_ELIMIT, "%s:%zu: line is %s%zu bytes; the longest line accepted is %zu",
              p->name, p->line, ended ? "" : "at least ", p->line_bytes, cp_limits_get()->line);
  return true;
}

/* One line of a tab-separated table (IANA text/tab-separated-values, as O*NET and
 * spreadsheets write it): fields split at tabs, never quoted, spaces around them trimmed;
 * an empty line is no record. `n` excludes the line end. */
static void tsv_line(parse_state *p, const char *s, size_t n) {
  if (n && s[n - 1] == '\r')
    n--;
  if (n)
    split_fields(p, s, n, '\t', false);
}

/* Feeds tab-separated text a line at a time; a line running on past the block waits in
 * p->pending. */
static void feed_tsv(parse_state *p, const char *data, size_t len) {
  size_t pos = 0;
  while (pos < len && !p->st) {
    const char *nl = memchr(data + pos, '\n', len - pos);
    size_t chunk = nl ? (size_t)(nl - (data + pos)) : len - pos;
    if (too_long(p, chunk, nl != NULL))
      break;
    p->rec.line = p->line;
    if (!nl || p->pending.len) {
      if (cp_buf_append(&p->pending, data + pos, chunk)) {
        p->st = cp_fail(p->err, CP_ENOMEM, "%s:%zu: out of memory", p->name, p->line);
        break;
      }
    }
    if (nl) {
      if (p->pending.len)
        tsv_line(p, p->pending.data, p->pending.len);
      else
        tsv_line(p, data + pos, chunk);
      p->pending.len = 0;
      p->line++;
      p->line_bytes = 0;
    }
    pos += chunk + (nl != NULL);
  }
}

/* Feeds `len` bytes to libcsv one line at a time so that each record knows its line; the
 * bytes may end mid-line (a streamed block), as libcsv keeps its state between calls. */
static void feed(struct csv_parser *parser, parse_state *p, const char *data, size_t len) {
  if (p->tsv) {
    feed_tsv(p, data, len);
    return;
  }
  size_t pos = 0;
  while (pos < len && !p->st) {
    const char *nl = memchr(data + pos, '\n', len - pos);
    size_t chunk = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
    /* A streamed line may run across blocks: its length so far carries over. */
    size_t text = chunk - (nl != NULL);
    if (nl && text && data[pos + text - 1] == '\r')
      text--;
    if (too_long(p, text, nl != NULL))
      break;
    /* libcsv's state 0 is "no record begun": a record starting in this chunk starts on this
     * line, while a quoted field running on from an earlier line keeps its start. */
    if (parser->pstate == 0 && p->rec.n == 0) {
      p->rec.line = p->line;
      if (nl && fast_line(p, data + pos, chunk)) {
        pos += chunk;
        p->line++;
        p->line_bytes = 0;
        continue;
      }
    }
    size_t used = csv_parse(parser, data + pos, chunk, on_field, on_row, p);
    if (!p->st && used != chunk) {
      /* libcsv's own text for ENOMEM ("memory exhausted while increasing buffer size")
       * would be the one failure not worded like the others. */
      const char *why = csv_error(parser) == CSV_EPARSE
                            ? "malformed quoting (a quote inside an unquoted field, or "
                              "text after a closing quote)"
                        : csv_error(parser) == CSV_ENOMEM ? "out of memory"
                                                          : csv_strerror(csv_error(parser));
      p->st = cp_fail(p->err, csv_error(parser) == CSV_ENOMEM ? CP_ENOMEM : CP_EPARSE, "%s:%zu: %s",
                      p->name, p->line, why);
    }
    pos += chunk;
    if (nl) {
      p->line++;
      p->line_bytes = 0;
    }
  }
}

/* Ends a parse: the last record, or the error of a quote never closed. */
static cp_status finish(struct csv_parser *parser, parse_state *p) {
  size_t open_line = p->rec.line;
  if (p->tsv && !p->st && p->pending.len)
    tsv_line(p, p->pending.data, p->pending.len); /* the last line, without its line end */
  if (!p->tsv && !p->st && csv_fini(parser, on_field, on_row, p) != 0 && !p->st)
    p->st = cp_fail(p->err, CP_EPARSE,
                    "%s:%zu: unterminated quoted field: the record starting "
                    "here never closes its quote",
                    p->name, open_line);
  csv_free(parser);
  cp_buf_free(&p->pending);
  cp_buf_free(&p->rec.text);
  free(p->rec.offsets);
  free(p->rec.lens);
  return p->st;
}

bool cp_table_is_tsv(const char *name, const char *data, size_t len) {
  if (cp_has_suffix(name, ".tsv") || cp_has_suffix(name, ".txt") || cp_has_suffix(name, ".tab"))
    return true;
  /* Otherwise the header line tells: more tabs than commas, outside CSV quotes. */
  size_t tabs = 0, commas = 0;
  bool quoted = false;
  for (size_t i = 0; i < len && (quoted || data[i] != '\n'); i++) {
    quoted ^= data[i] == '"';
    tabs += !quoted && data[i] == '\t';
    commas += !quoted && data[i] == ',';
  }
  return tabs > commas;
}

/* `table`: a table that may be tab-separated (cp_table_is_tsv), not only CSV. */
static cp_status parse_csv(const char *name, const char *data, size_t len, bool table, record_fn fn,
                           void *ctx, cp_error *err) {
  struct csv_parser parser;
  parse_state p = {.name = name, .line = 1, .err = err, .on_record = fn, .ctx = ctx};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    return cp_fail(err, CP_ENOMEM, "%s: out of memory", name);
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3;
  p.tsv = table && cp_table_is_tsv(name, data, len);
  feed(&parser, &p, data, len);
  return finish(&parser, &p);
}

/* The same over a stream read in blocks, so memory stays that of one record. `tsv`: -1 to
 * tell from the name or the first line (after a byte order mark), else as given for a slice
 * of a table whose header was read already, its lines numbered from `first_line`. */
static cp_status parse_csv_stream(const char *name, FILE *f, bool table, int tsv, size_t first_line,
                                  record_fn fn, void *ctx, cp_error *err) {
  enum { BLOCK = 1 << 20 };
  struct csv_parser parser;
  parse_state p = {.name = name, .line = first_line, .err = err, .on_record = fn, .ctx = ctx};
  char *block = malloc(BLOCK);
  if (!block || csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    free(block);
    return cp_fail(err, CP_ENOMEM, "%s: out of memory", name);
  }
  bool first = tsv < 0;
  p.tsv = tsv > 0;
  size_t got;
  while (!p.st && (got = fread(block, 1, BLOCK, f)) > 0) {
    const char *data = block;
    if (first && got >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
      data += 3, got -= 3;
    if (first)
      p.tsv = table && cp_table_is_tsv(name, data, got);
    first = false;
    const char *nul = memchr(data, '\0', got); /* as cp_read_file: /dev/zero never ends */
    feed(&parser, &p, data, nul ? (size_t)(nul - data) : got);
    if (nul && !p.st)
      p.st = cp_fail(err, CP_EPARSE, "%s:%zu: a NUL byte: not a text file", name, p.line);
  }
  if (!p.st && ferror(f))
    p.st = cp_fail(err, CP_EIO, "%s:%zu: read error: %s", name, p.line, strerror(errno));
  free(block);
  return finish(&parser, &p);
}

typedef struct public_ctx {
  cp_csv_row_fn fn;
  void *ctx;
  const char **fields;
  size_t cap;
} public_ctx;

static cp_status on_public_record(void *data, const record *r, cp_error *err) {
  public_ctx *p = data;
  if (r->n > p->cap) {
    const char **f = realloc(p->fields, r->n * sizeof *f);
    if (!f)
      return cp_fail(err, CP_ENOMEM, "out of memory");
    p->fields = f;
    p->cap = r->n;
  }
  for (size_t i = 0; i < r->n; i++)
    p->fields[i] = field(r, i);
  return p->fn(p->ctx, p->fields, r->n, r->line, err);
}

cp_status cp_csv_parse(const char *name, const char *data, size_t len, cp_csv_row_fn fn, void *ctx,
                       cp_error *err) {
  public_ctx p = {fn, ctx, NULL, 0};
  cp_status st = parse_csv(name, data, len, false, on_public_record, &p, err);
  free(p.fields);
  return st;
}

cp_status cp_table_parse(const char *name, const char *data, size_t len, cp_csv_row_fn fn,
                         void *ctx, cp_error *err) {
  public_ctx p = {fn, ctx, NULL, 0};
  cp_status st = parse_csv(name, data, len, true, on_public_record, &p, err);
  free(p.fields);
  return st;
}

cp_status cp_table_parse_stream(const char *name, FILE *f, cp_csv_row_fn fn, void *ctx,
                                cp_error *err) {
  public_ctx p = {fn, ctx, NULL, 0};
  cp_status st = parse_csv_stream(name, f, true, -1, 1, on_public_record, &p, err);
  free(p.fields);
  return st;
}

typedef struct fields_ctx {
  cp_table_fields_fn fn;
  void *ctx;
  char **fields;
  size_t cap;
} fields_ctx;

static cp_status on_fields_record(void *data, const record *r, cp_error *err) {
  fields_ctx *p = data;
  if (r->n > p->cap) {
    char **f = realloc(p->fields, r->n * sizeof *f);
    if (!f)
      return cp_fail(err, CP_ENOMEM, "out of memory");
    p->fields = f;
    p->cap = r->n;
  }
  for (size_t i = 0; i < r->n; i++)
    p->fields[i] = r->text.data + r->offsets[i];
  return p->fn(p->ctx, p->fields, r->lens, r->n, r->line, err);
}

cp_status cp_table_fields(const char *name, const char *data, size_t len, cp_table_fields_fn fn,
                          void *ctx, cp_error *err) {
  fields_ctx p = {fn, ctx, NULL, 0};
  cp_status st = parse_csv(name, data, len, true, on_fields_record, &p, err);
  free(p.fields);
  return st;
}

cp_status cp_table_fields_stream(const char *name, FILE *f, int tsv, size_t first_line,
                                 cp_table_fields_fn fn, void *ctx, cp_error *err) {
  fields_ctx p = {fn, ctx, NULL, 0};
  cp_status st = parse_csv_stream(name, f, true, tsv, first_line, on_fields_record, &p, err);
  free(p.fields);
  return st;
}

/* ---- header handling ---- */

typedef struct columns {
  cp_header h;    /* names as read (column maps applied) */
  long known[8];  /* index of each known column, -1 when absent */
  bool *is_known; /* per column: known, or unnamed (neither is kept as an attribute) */
} columns;

static void columns_free(columns *c) {
  cp_header_free(&c->h);
  free(c->is_known);
  memset(c, 0, sizeof *c);
}

static char *trimmed_copy(const char *s) { return cp_trim_copy(s, strlen(s)); }

static cp_status read_header(const char *name, const record *r, const cp_column_map *map,
                             const char *const *known, size_t n_known, size_t n_required,
                             columns *c, cp_error *err) {
  const char **f = malloc((r->n ? r->n : 1) * sizeof *f);
  if (!f || !(c->is_known = calloc(r->n ? r->n : 1, sizeof *c->is_known))) {
    free(f);
    return cp_fail(err, CP_ENOMEM, "%s: out of memory", name);
  }
  for (size_t i = 0; i < r->n; i++)
    f[i] = field(r, i);
  cp_status st = cp_header_read(&c->h, name, r->line, f, r->n, map, err);
  free(f);
  if (st)
    return st;
  for (size_t i = 0; i < r->n; i++)
    c->is_known[i] = !*c->h.names[i];
  for (size_t k = 0; k < n_known; k++)
    if ((c->known[k] = cp_header_find(&c->h, known[k])) >= 0)
      c->is_known[c->known[k]] = true;
  for (size_t k = 0; k < n_required; k++)
    if (c->known[k] < 0)
      return cp_header_missing(&c->h, name, r->line, known[k], err);
  return CP_OK;
}

static cp_status check_width(const char *name, const record *r, const columns *c, cp_error *err) {
  if (r->n != c->h.n)
    return cp_fail(err, CP_EPARSE, "%s:%zu: %zu fields, but the header has %zu", name, r->line,
                   r->n, c->h.n);
  return CP_OK;
}

static const char *cell(const record *r, const columns *c, size_t k) {
  return c->known[k] < 0 ? "" : field(r, (size_t)c->known[k]);
}

/* What every table read here shares: its file name, the graph, the column map for its
 * header, and the header's columns. */
typedef struct table {
  const char *name;
  const cp_column_map *map;
  cp_graph *g;
  columns cols;
  bool have_header;
} table;

/* The first record of a table is its header (naming `known` columns, the first `required` of
 * them needed); every later one is a row as wide as the header, with *row set. */
static cp_status table_record(table *t, const record *r, const char *const *known, size_t n_known,
                              size_t n_required, bool *row, cp_error *err) {
  *row = t->have_header;
  if (t->have_header)
    return check_width(t->name, r, &t->cols, err);
  t->have_header = true;
  return read_header(t->name, r, t->map, known, n_known, n_required, &t->cols, err);
}

/* After the last record: a file with no header at all is an error saying what it needs. */
static cp_status table_end(const table *t, const char *needs, cp_error *err) {
  if (t->have_header)
    return CP_OK;
  return cp_fail(err, CP_EPARSE, "%s: empty file; expected a header with %s", t->name, needs);
}

/* ---- roles ---- */

enum { R_ID, R_LABEL, R_DOMAIN, R_LEVEL, R_KNOWN };
static const char *const role_columns[R_KNOWN] = {"id", "label", "domain", "level"};

static cp_status on_role(void *data, const record *r, cp_error *err) {
  table *x = data;
  bool row;
  cp_status st = table_record(x, r, role_columns, R_KNOWN, 1, &row, err);
  if (st || !row)
    return st;
  long level = 0;
  const char *level_text = cell(r, &x->cols, R_LEVEL);
  if (*level_text && (!cp_parse_int(level_text, &level) || level < 0 || level > 1000))
    return cp_fail(err, CP_EINVAL, "%s:%zu: level '%s' is not a whole number >= 0", x->name,
                   r->line, level_text);
  char *id = trimmed_copy(cell(r, &x->cols, R_ID));
  if (!id)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  cp_error inner;
  size_t index;
  st = cp_graph_add_role(x->g, id, cell(r, &x->cols, R_LABEL), cell(r, &x->cols, R_DOMAIN),
                         (int)level, r->line, &index, &inner);
  free(id);
  if (st)
    return cp_fail(err, st, "%s:%zu: %s", x->name, r->line, inner.message);
  for (size_t i = 0; i < r->n; i++) {
    if (x->cols.is_known[i] || !*field(r, i))
      continue;
    if ((st = cp_graph_set_role_attr(x->g, index, x->cols.h.names[i], field(r, i), &inner)))
      return cp_fail(err, st, "%s:%zu: %s", x->name, r->line, inner.message);
  }
  return CP_OK;
}

/* ---- transitions ---- */

enum { T_FROM, T_TO, T_MONTHS, T_COST, T_EFFORT, T_REQUIRES, T_NOTE, T_SOURCE, T_KNOWN };
static const char *const transition_columns[T_KNOWN] = {"from",   "to",       "months", "cost",
                                                        "effort", "requires", "note",   "source"};

typedef struct transitions_ctx {
  table t;
  const char *roles_name; /* NULL: roles are created from the ids named */
  cp_attr *extra;
  /* Rows usually come grouped by source: the previous row's `from` and its role. */
  cp_buf last_from;
  size_t last_from_index;
} transitions_ctx;

static bool blank(char c) { return c == ' ' || c == '\t'; }

static cp_status endpoint(transitions_ctx *x, const record *r, size_t k, size_t *out,
                          cp_error *err) {
  const char *text = cell(r, &x->t.cols, k);
  size_t len = strlen(text);
  bool from = k == T_FROM;
  if (from && x->last_from.len == len + 1 && !memcmp(x->last_from.data, text, len + 1)) {
    *out = x->last_from_index;
    return CP_OK;
  }
  /* Ids are trimmed; only a padded one needs a copy. */
  char *copy = NULL;
  const char *id = text;
  if (len && (blank(text[0]) || blank(text[len - 1]))) {
    if (!(copy = trimmed_copy(text)))
      return cp_fail(err, CP_ENOMEM, "out of memory");
    id = copy;
  }
  cp_status st = CP_OK;
  cp_error inner;
  if (!*id) {
    st = cp_fail(err, CP_EPARSE, "%s:%zu: empty '%s'", x->t.name, r->line, transition_columns[k]);
  } else if ((st = cp_check_name("role id", id, strlen(id), &inner))) {
    /* Before the lookup: with a roles file it would say "not defined", quoting all of it. */
    cp_fail(err, st, "%s:%zu: %s", x->t.name, r->line, inner.message);
  } else if (cp_graph_role_index(x->t.g, id, out) != CP_OK) {
    if (x->roles_name)
      st = cp_fail(err, CP_EINVAL, "%s:%zu: role '%s' is not defined in %s", x->t.name, r->line, id,
                   x->roles_name);
    else if ((st = cp_graph_add_role(x->t.g, id, NULL, NULL, 0, r->line, out, &inner)))
      cp_fail(err, st, "%s:%zu: %s", x->t.name, r->line, inner.message);
  }
  if (!st && from) {
    x->last_from.len = 0;
    if (cp_buf_append(&x->last_from, text, len + 1))
      x->last_from.len = 0; /* no cache this time; the lookup stays correct */
    x->last_from_index = *out;
  }
  free(copy);
  return st;
}

static cp_status weight(transitions_ctx *x, const record *r, size_t k, unsigned bit, double *v,
                        unsigned *has, cp_error *err) {
  const char *text = cell(r, &x->t.cols, k);
  const char *p = text;
  while (*p == ' ' || *p == '\t')
    p++;
  if (!*p)
    return CP_OK;
  if (!cp_parse_weight(text, v))
    return cp_fail(err, CP_EINVAL, "%s:%zu: %s '%s' is not a non-negative finite number", x->t.name,
                   r->line, transition_columns[k], text);
  *has |= bit;
  return CP_OK;
}

static cp_status on_transition(void *data, const record *r, cp_error *err) {
  transitions_ctx *x = data;
  bool row;
  cp_status st = table_record(&x->t, r, transition_columns, T_KNOWN, 2, &row, err);
  if (st)
    return st;
  if (!row) {
    if (!(x->extra = malloc((x->t.cols.h.n ? x->t.cols.h.n : 1) * sizeof *x->extra)))
      return cp_fail(err, CP_ENOMEM, "out of memory");
    return CP_OK;
  }
  size_t from, to;
  cp_transition_spec spec = {.line = r->line};
  if ((st = endpoint(x, r, T_FROM, &from, err)) || (st = endpoint(x, r, T_TO, &to, err)) ||
      (st = weight(x, r, T_MONTHS, CP_HAS_MONTHS, &spec.months, &spec.has, err)) ||
      (st = weight(x, r, T_COST, CP_HAS_COST, &spec.cost, &spec.has, err)) ||
      (st = weight(x, r, T_EFFORT, CP_HAS_EFFORT, &spec.effort, &spec.has, err)))
    return st;
  spec.requires = cell(r, &x->t.cols, T_REQUIRES);
  spec.note = cell(r, &x->t.cols, T_NOTE);
  spec.source = cell(r, &x->t.cols, T_SOURCE);
  for (size_t i = 0; i < r->n; i++)
    if (!x->t.cols.is_known[i] && *field(r, i))
      x->extra[spec.n_attrs++] = (cp_attr){x->t.cols.h.names[i], (char *)field(r, i)};
  spec.attrs = x->extra;
  cp_error inner;
  if ((st = cp_graph_add_transition(x->t.g, from, to, &spec, &inner)))
    return cp_fail(err, st, "%s:%zu: %s", x->t.name, r->line, inner.message);
  return CP_OK;
}

/* ---- credentials ---- */

enum { C_NAME, C_MONTHS, C_COST, C_SOURCE, C_KNOWN };
static const char *const credential_columns[C_KNOWN] = {"name", "months", "cost", "source"};

static cp_status on_credential(void *data, const record *r, cp_error *err) {
  table *x = data;
  bool row;
  cp_status st = table_record(x, r, credential_columns, C_KNOWN, 3, &row, err);
  if (st || !row)
    return st;
  double v[2];
  for (int i = 0; i < 2; i++) {
    const char *text = cell(r, &x->cols, C_MONTHS + (size_t)i);
    if (!cp_parse_weight(text, &v[i]))
      return cp_fail(err, CP_EINVAL, "%s:%zu: %s '%s' is not a non-negative finite number", x->name,
                     r->line, credential_columns[C_MONTHS + i], text);
  }
  char *name = trimmed_copy(cell(r, &x->cols, C_NAME));
  if (!name)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  cp_error inner;
  st = cp_graph_add_credential(x->g, name, v[0], v[1], cell(r, &x->cols, C_SOURCE), &inner);
  free(name);
  if (st)
    return cp_fail(err, st, "%s:%zu: %s", x->name, r->line, inner.message);
  return CP_OK;
}

cp_status cp_read_credentials_csv_buffer(cp_graph *g, const char *name, const char *data,
                                         size_t len, cp_error *err) {
  table cx = {.name = name, .g = g};
  cp_status st = parse_csv(name, data, len, true, on_credential, &cx, err);
  if (!st)
    st = table_end(&cx, "'name', 'months' and 'cost'", err);
  columns_free(&cx.cols);
  return st;
}

static cp_status read_credentials_file(cp_graph *g, const char *path, cp_error *err) {
  char *data = NULL;
  size_t len = 0;
  cp_status st = cp_read_file(path, &data, &len, err);
  if (!st)
    st = cp_read_credentials_csv_buffer(g, path, data, len, err);
  free(data);
  return st;
}

cp_status cp_read_table_buffers(const char *transitions_name, const char *transitions,
                                size_t transitions_len, const char *roles_name, const char *roles,
                                size_t roles_len, const cp_read_options *opt, cp_graph **out,
                                cp_error *err) {
  cp_status st;
  cp_graph *g = NULL;
  table rx = {.name = roles_name, .map = opt ? opt->role_columns : NULL};
  transitions_ctx tx = {.t = {.name = transitions_name, .map = opt ? opt->columns : NULL},
                        .roles_name = roles ? roles_name : NULL};
  if ((st = cp_graph_new(transitions_name, &g)))
    return cp_fail(err, st, "out of memory");
  rx.g = tx.t.g = g;
  if (roles && ((st = parse_csv(roles_name, roles, roles_len, true, on_role, &rx, err)) ||
                (st = table_end(&rx, "'id'", err))))
    goto cleanup;
  /* One record per line in the usual file: reserving that many transitions up front
   * spares a large graph its regrowth copies. */
  size_t lines = 0;
  for (const char *p = transitions;
       (p = memchr(p, '\n', transitions_len - (size_t)(p - transitions))); p++)
    lines++;
  /* Never more than the limit: past it the reader stops with an error, not out of memory. */
  if (lines > cp_limits_get()->transitions)
    lines = cp_limits_get()->transitions;
  if (lines > 1024 && cp_graph_reserve_transitions(g, lines) != CP_OK) {
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory", transitions_name);
    goto cleanup;
  }
  if ((st = parse_csv(transitions_name, transitions, transitions_len, true, on_transition, &tx,
                      err)) ||
      (st = table_end(&tx.t, "'from' and 'to'", err)))
    goto cleanup;
  *out = g;
  g = NULL;
cleanup:
  columns_free(&rx.cols);
  columns_free(&tx.t.cols);
  free(tx.extra);
  cp_buf_free(&tx.last_from);
  cp_graph_free(g);
  return st;
}

cp_status cp_read_csv_buffers(const char *transitions_name, const char *transitions,
                              size_t transitions_len, const char *roles_name, const char *roles,
                              size_t roles_len, cp_graph **out, cp_error *err) {
  return cp_read_table_buffers(transitions_name, transitions, transitions_len, roles_name, roles,
                               roles_len, NULL, out, err);
}

static cp_status read_tables(const char *transitions_path, const char *roles_path,
                             const cp_read_options *opt, cp_graph **out, cp_error *err) {
  char *t = NULL, *r = NULL;
  size_t tlen = 0, rlen = 0;
  cp_status st = cp_read_file(transitions_path, &t, &tlen, err);
  if (!st && roles_path)
    st = cp_read_file(roles_path, &r, &rlen, err);
  if (!st)
    st = cp_read_table_buffers(transitions_path, t, tlen, roles_path, r, rlen, opt, out, err);
  free(t);
  free(r);
  return st;
}

cp_status cp_read_csv(const char *transitions_path, const char *roles_path, cp_graph **out,
                      cp_error *err) {
  return read_tables(transitions_path, roles_path, NULL, out, err);
}

/* Sets *out to the path of `file` in the directory of `path` when it exists, is a regular
 * file and is not `path` itself, else to NULL. CP_ENOMEM when the path cannot be made: taking
 * that for "no such file" would load the graph without its roles or catalogue. */
static cp_status beside(const char *path, const char *file, char **out) {
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(file);
  char *p = malloc(dir + n + 1);
  *out = NULL;
  if (!p)
    return CP_ENOMEM;
  memcpy(p, path, dir);
  memcpy(p + dir, file, n + 1);
  struct stat sb;
  if (stat(p, &sb) != 0 || !S_ISREG(sb.st_mode) || !strcmp(p + dir, path + dir)) {
    free(p);
    return CP_OK;
  }
  *out = p;
  return CP_OK;
}

/* STEM.csv beside `path`, else STEM.tsv. */
static cp_status beside_table(const char *path, const char *stem, char **out) {
  char file[64];
  snprintf(file, sizeof file, "%s.csv", stem);
  cp_status st = beside(path, file, out);
  if (!st && !*out) {
    snprintf(file, sizeof file, "%s.tsv", stem);
    st = beside(path, file, out);
  }
  return st;
}

static bool is_table_name(const char *path) {
  return cp_has_suffix(path, ".csv") || cp_has_suffix(path, ".tsv") ||
         cp_has_suffix(path, ".txt") || cp_has_suffix(path, ".tab");
}

cp_status cp_read_graph_companions(const char *path, const char *roles_path, char **roles,
                                   char **credentials) {
  *roles = *credentials = NULL;
  if (path[0] == '@' || !is_table_name(path))
    return CP_OK;
  if (beside_table(path, "credentials", credentials) ||
      (!roles_path && beside_table(path, "roles", roles))) {
    free(*credentials);
    *credentials = NULL;
    return CP_ENOMEM;
  }
  return CP_OK;
}

static cp_status read_table_graph(const char *path, const char *roles_path,
                                  const cp_read_options *opt, cp_graph **out, cp_error *err) {
  char *roles_beside = NULL, *credentials = NULL;
  cp_status st = CP_OK;
  cp_graph *g = NULL;
  if (cp_read_graph_companions(path, roles_path, &roles_beside, &credentials)) {
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory", path);
    goto cleanup;
  }
  if (!roles_path)
    roles_path = roles_beside;
  if (opt && opt->role_columns && !roles_path) {
    st = cp_fail(err, CP_EINVAL, "%s: a roles column map needs a roles file (none given or beside)",
                 path);
    goto cleanup;
  }
  if ((st = read_tables(path, roles_path, opt, &g, err)))
    goto cleanup;
  if (credentials && (st = read_credentials_file(g, credentials, err)))
    goto cleanup;
  *out = g;
  g = NULL;
cleanup:
  cp_graph_free(g);
  free(roles_beside);
  free(credentials);
  return st;
}

cp_status cp_read_graph_with(const char *path, const char *roles_path, const cp_read_options *opt,
                             cp_graph **out, cp_error *err) {
  bool mapped = opt && (opt->columns || opt->role_columns);
  if (path[0] == '@') {
    if (roles_path || mapped)
      return cp_fail(err, CP_EINVAL,
                     "%s: a roles file or column map goes with a table, not a "
                     "built-in graph",
                     path);
    return cp_builtin_load(path + 1, out, err);
  }
  if (cp_has_suffix(path, ".cpg") || cp_is_compiled_file(path)) {
    if (roles_path || mapped)
      return cp_fail(err, CP_EINVAL,
                     "%s: a roles file or column map goes with a table, not a compiled graph",
                     path);
    return cp_read_compiled_file(path, out, err);
  }
  if (cp_has_suffix(path, ".gv") || cp_has_suffix(path, ".dot")) {
    if (roles_path)
      return cp_fail(err, CP_EINVAL, "%s: a roles file goes with a CSV graph, not DOT", path);
    if (mapped)
      return cp_fail(err, CP_EINVAL, "%s: column maps apply to CSV and TSV tables, not DOT", path);
    return cp_read_dot_file(path, out, err);
  }
  if (!is_table_name(path))
    return cp_fail(err, CP_EINVAL,
                   "%s: cannot tell the format; name DOT graphs .gv or .dot, tables .csv or .tsv "
                   "(or .txt), or give a built-in graph as @NAME",
                   path);
  return read_table_graph(path, roles_path, opt, out, err);
}

cp_status cp_read_graph(const char *path, const char *roles_path, cp_graph **out, cp_error *err) {
  return cp_read_graph_with(path, roles_path, NULL, out, err);
}
