/* route_batch.c: `route --batch`: every row of a file of questions answered, in file order,
 * the rows from one source answered together from one kept search. */
#include "route_batch.h"

#include "answer.h"
#include "json_out.h"
#include "route_present.h"
#include "rows.h"

#include <stdlib.h>
#include <string.h>

/* One data row of the batch file, copied: the rows are all read before any is answered. */
typedef struct batch_row {
  size_t line;
  char **fields;
  size_t n;
  char *from; /* the row's `from` as written (borrowed from fields), NULL when bad */
  /* An answer worked out ahead of its turn (see answer_source), waiting to be printed. */
  char *out, *err;
  size_t out_len, err_len;
  bool answered;
} batch_row;

typedef struct batch {
  cp_cli_run *x;
  cp_out_format format;
  FILE *out;
  cp_cli_rows columns;
  bool have_header;
  batch_row *rows;
  size_t n_rows, cap_rows, bad, unanswered;
} batch;

/* Room for one more row. */
static bool grow(batch *b) {
  if (b->n_rows < b->cap_rows)
    return true;
  size_t cap = b->cap_rows ? 2 * b->cap_rows : 256;
  batch_row *rows = realloc(b->rows, cap * sizeof *rows);
  if (!rows)
    return false;
  b->rows = rows;
  b->cap_rows = cap;
  return true;
}

static cp_status on_row(void *ctx, const char *const *fields, size_t n_fields, size_t line,
                        cp_error *err) {
  batch *b = ctx;
  if (!b->have_header) {
    b->have_header = true;
    return cp_cli_rows_header(&b->columns, b->x->args.batch, fields, n_fields, line, err);
  }
  if (!grow(b))
    goto nomem;
  batch_row *r = &b->rows[b->n_rows];
  *r = (batch_row){.line = line, .fields = calloc(n_fields ? n_fields : 1, sizeof(char *))};
  if (!r->fields)
    goto nomem;
  b->n_rows++;
  for (r->n = 0; r->n < n_fields; r->n++)
    if (!(r->fields[r->n] = strdup(fields[r->n])))
      goto nomem;
  cp_cli_request rq;
  char why[512];
  if (cp_cli_rows_request(&b->columns, (const char *const *)r->fields, r->n, &b->x->args.rq, &rq,
                          NULL, why, sizeof why))
    r->from = (char *)rq.from;
  return CP_OK;
nomem:
  if (err) {
    err->status = CP_ENOMEM;
    snprintf(err->message, sizeof err->message, "%s:%zu: out of memory", b->x->args.batch, line);
  }
  return CP_ENOMEM;
}

/* Writes one answer to `out`: a line of text or of JSON. */
static int present_row(batch *b, const cp_cli *c, const batch_row *row, const cp_cli_request *rq,
                       const cp_cli_answer *a, FILE *out, const char *where) {
  if (b->format != CP_OUT_JSON) {
    cp_cli_answer_line(out, row->line, b->x->router, rq, a);
    return CP_EXIT_OK;
  }
  json_t *o = cp_cli_answer_json(b->x->router, rq, a);
  json_object_set_new(o, "line", json_integer((json_int_t)row->line));
  size_t len;
  char *text = cp_cli_json_line(o, &len);
  if (!text)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "%sout of memory formatting the answer", where);
  fwrite(text, 1, len, out);
  free(text);
  return CP_EXIT_OK;
}

/* Answers one row, writing its line (or its error) to `out` and `err`. CP_EXIT_INTERNAL when
 * memory ran out (or a library failed): that is not a bad row, as the rows after it would fail
 * the same way, so the batch stops with the one message already printed. */
static int answer_row(batch *b, const batch_row *row, FILE *out, FILE *err, size_t from_source) {
  cp_cli c = b->x->c;
  c.err = err;
  char where[512], why[512];
  snprintf(where, sizeof where, "%s:%zu: ", b->x->args.batch, row->line);
  cp_cli_request rq;
  cp_cli_answer a = {0};
  int code;
  if (!cp_cli_rows_request(&b->columns, (const char *const *)row->fields, row->n, &b->x->args.rq,
                           &rq, NULL, why, sizeof why)) {
    code = cp_cli_fail(&c, CP_EXIT_INPUT, "%s%s", where, why);
  } else {
    rq.reuse_source = from_source;
    code = cp_cli_ask(&c, b->x->router, &rq, &a, where);
  }
  if (code == CP_EXIT_OK)
    code = present_row(b, &c, row, &rq, &a, out, where);
  if (code == CP_EXIT_OK)
    b->unanswered += a.routes->n == 0;
  else if (code != CP_EXIT_INTERNAL)
    b->bad++;
  cp_cli_answer_free(&a);
  return code == CP_EXIT_INTERNAL ? code : CP_EXIT_OK;
}

/* Answers row `r` into memory streams, to be printed in its turn. */
static int answer_ahead(batch *b, batch_row *r, size_t to_come) {
  FILE *out = open_memstream(&r->out, &r->out_len), *err = open_memstream(&r->err, &r->err_len);
  if (!out || !err) {
    if (out)
      fclose(out);
    if (err)
      fclose(err);
    return cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  }
  int code = answer_row(b, r, out, err, to_come);
  /* Both closed, whatever the first says. */
  bool out_closed = cp_cli_memstream_close(out, &r->out);
  bool closed = cp_cli_memstream_close(err, &r->err) && out_closed;
  if (code)
    return code;
  if (!closed)
    return cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  r->answered = true;
  return CP_EXIT_OK;
}

/* Answers row i and, when its source has more questions later in the file, those too, in
 * file order, keeping one search from the source for all of them (cp_query.reuse_source):
 * a source's questions then cost one search, however the file interleaves sources. Their
 * answers wait, with their messages, until their turn to be printed. */
static int answer_source(batch *b, size_t i) {
  batch_row *row = &b->rows[i];
  size_t later = 0;
  for (size_t j = i + 1; row->from && j < b->n_rows; j++)
    later += b->rows[j].from && !b->rows[j].answered && !strcmp(b->rows[j].from, row->from);
  if (!later)
    return answer_row(b, row, b->out, b->x->c.err, 0);
  size_t to_come = later + 1;
  for (size_t j = i; j < b->n_rows; j++) {
    batch_row *r = &b->rows[j];
    if (j > i && (!r->from || r->answered || strcmp(r->from, row->from)))
      continue;
    int code = answer_ahead(b, r, to_come--);
    if (code)
      return code;
  }
  return CP_EXIT_OK;
}

static void batch_free(batch *b) {
  for (size_t i = 0; i < b->n_rows; i++) {
    for (size_t k = 0; k < b->rows[i].n; k++)
      free(b->rows[i].fields[k]);
    free(b->rows[i].fields);
    free(b->rows[i].out);
    free(b->rows[i].err);
  }
  free(b->rows);
}

/* Reads every row of the file. */
static int read_rows(batch *b) {
  const char *path = b->x->args.batch;
  char *data = NULL;
  size_t len = 0;
  cp_error e = {0};
  cp_status st = cp_read_file(path, &data, &len, &e);
  if (!st)
    st = cp_csv_parse(path, data, len, on_row, b, &e);
  free(data);
  if (st)
    return cp_cli_status(&b->x->c, st, &e);
  if (!b->have_header)
    return cp_cli_fail(&b->x->c, CP_EXIT_INPUT,
                       "%s: empty file; expected a header with 'from' and 'to'", path);
  return CP_EXIT_OK;
}

/* Answers and prints every row in file order. */
static int answer_rows(batch *b) {
  for (size_t i = 0; i < b->n_rows; i++) {
    batch_row *r = &b->rows[i];
    int code;
    if (!r->answered && (code = answer_source(b, i)))
      return code;
    if (r->answered) {
      fwrite(r->err, 1, r->err_len, b->x->c.err);
      fwrite(r->out, 1, r->out_len, b->out);
    }
    fflush(b->out); /* streaming: each answer as soon as it and those before it are known */
  }
  return CP_EXIT_OK;
}

int cp_cli_route_batch(cp_cli_run *x, cp_out_format f, FILE *out) {
  batch b = {.x = x, .format = f, .out = out};
  int code;
  if (!(code = read_rows(&b)) && !(code = answer_rows(&b))) {
    if (b.bad || b.unanswered)
      cp_cli_fail(&x->c, CP_EXIT_OK,
                  "%zu queries: %zu answered with a route, %zu with none, %zu bad rows skipped",
                  b.n_rows, b.n_rows - b.bad - b.unanswered, b.unanswered, b.bad);
    x->code = b.bad ? CP_EXIT_INPUT : CP_EXIT_OK;
  }
  batch_free(&b);
  return code;
}
