/* route_batch.c: `route --batch`: every row of a file of questions answered, the rows from
 * one source together from one kept search, on several threads, printed in file order. */
#include "route_batch.h"

#include "answer.h"
#include "json_out.h"
#include "route_present.h"
#include "rows.h"
#include "write.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One data row of the batch file, copied: the rows are all read before any is answered. */
typedef struct batch_row {
  size_t line;
  char **fields;
  size_t n;
  char *from; /* the row's `from` as written (borrowed from fields), NULL when bad */
  double weights[CP_CRITERION_COUNT]; /* the row's objective, when it has a `from` */
  size_t next;                        /* the next row from the same source, or SIZE_MAX */
  /* The answer, worked out by whichever thread took the row's source, waiting to be printed
   * in its turn: its lines, its messages, and what it adds to the batch's tally. */
  char *out, *err;
  size_t out_len, err_len;
  int code; /* CP_EXIT_INTERNAL stops the batch after this row's message */
  bool answered, bad, unanswered;
} batch_row;

typedef struct batch {
  cp_cli_run *x;
  cp_out_format format;
  FILE *out;
  cp_cli_rows columns;
  bool have_header;
  batch_row *rows;
  size_t n_rows, cap_rows, bad, unanswered;
  /* Sources, each the first row of its chain (batch_row.next), in file order; threads take
   * them in turn under `lock`, and the printer waits on `done` for the row it prints next. */
  size_t *sources, n_sources, next_source;
  bool stop;
  pthread_mutex_t lock;
  pthread_cond_t done;
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
                          NULL, why, sizeof why)) {
    r->from = (char *)rq.from;
    memcpy(r->weights, rq.weights, sizeof r->weights);
  }
  return CP_OK;
nomem:
  if (err) {
    err->status = CP_ENOMEM;
    snprintf(err->message, sizeof err->message, "%s:%zu: out of memory", b->x->args.batch, line);
  }
  return CP_ENOMEM;
}

/* What one thread answers with: a router of its own (sharing the run's snapshot) and its own
 * copy of the columns, whose buffers hold the row's lists while it is answered. */
typedef struct answerer {
  const cp_router *router;
  cp_cli_rows columns;
} answerer;

/* Writes one answer: a line of text to `out`, or a line of JSON handed to the row itself
 * (no stream: growing one per row, zeroed as it grows, was 4% of a batch's CPU). */
static int present_row(batch *b, const cp_router *router, const cp_cli *c, batch_row *row,
                       const cp_cli_request *rq, const cp_cli_answer *a, FILE *out,
                       const char *where) {
  if (b->format != CP_OUT_JSON) {
    cp_cli_answer_line(out, row->line, router, rq, a);
    return CP_EXIT_OK;
  }
  json_t *o = cp_cli_answer_json(router, rq, a);
  json_object_set_new(o, "line", json_integer((json_int_t)row->line));
  size_t len;
  char *text = cp_cli_json_line(o, &len);
  if (!text)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "%sout of memory formatting the answer", where);
  row->out = text;
  row->out_len = len;
  return CP_EXIT_OK;
}

/* Answers one row, writing its line (or its error) to `out` and `err`. CP_EXIT_INTERNAL when
 * memory ran out (or a library failed): that is not a bad row, as the rows after it would fail
 * the same way, so the batch stops with the one message already written. */
static int answer_row(batch *b, answerer *w, batch_row *row, FILE *out, FILE *err,
                      size_t from_source) {
  const cp_router *router = w->router;
  cp_cli c = b->x->c;
  c.err = err;
  char where[512], why[512];
  snprintf(where, sizeof where, "%s:%zu: ", b->x->args.batch, row->line);
  cp_cli_request rq;
  cp_cli_answer a = {0};
  int code;
  if (!cp_cli_rows_request(&w->columns, (const char *const *)row->fields, row->n, &b->x->args.rq,
                           &rq, NULL, why, sizeof why)) {
    code = cp_cli_fail(&c, CP_EXIT_INPUT, "%s%s", where, why);
  } else {
    rq.reuse_source = from_source;
    code = cp_cli_ask(&c, router, &rq, &a, where);
  }
  if (code == CP_EXIT_OK)
    code = present_row(b, router, &c, row, &rq, &a, out, where);
  if (code == CP_EXIT_OK)
    row->unanswered = a.routes->n == 0;
  else if (code != CP_EXIT_INTERNAL)
    row->bad = true;
  cp_cli_answer_free(&a);
  return code == CP_EXIT_INTERNAL ? code : CP_EXIT_OK;
}

/* Answers row `r` into memory streams, to be printed in its turn. */
static int answer_ahead(batch *b, answerer *w, batch_row *r, size_t to_come) {
  bool json = b->format == CP_OUT_JSON; /* JSON is handed over as one string (present_row) */
  FILE *out = json ? NULL : open_memstream(&r->out, &r->out_len);
  FILE *err = open_memstream(&r->err, &r->err_len);
  int code = CP_EXIT_INTERNAL;
  if ((out || json) && err)
    code = answer_row(b, w, r, out, err, to_come);
  /* Both closed, whatever the first says. */
  bool out_closed = !out || cp_cli_memstream_close(out, &r->out);
  bool closed = (!err || cp_cli_memstream_close(err, &r->err)) && out_closed;
  if (!code && ((!out && !json) || !err || !closed))
    code = CP_EXIT_INTERNAL;
  if (code && !r->err_len) {
    free(r->err);
    r->err = strdup("careerpath route: out of memory\n"); /* the one line it must print */
    r->err_len = r->err ? strlen(r->err) : 0;
  }
  return code;
}

/* Answers every row of source `i` (a chain of rows in file order), keeping one search from
 * the source for all of them (cp_query.reuse_source), and hands each answer to the printer. */
static void answer_source(batch *b, answerer *w, size_t i) {
  size_t to_come = 0;
  for (size_t j = i; j != SIZE_MAX; j = b->rows[j].next)
    to_come++;
  bool alone = to_come == 1; /* a source asked once keeps the bidirectional search */
  for (size_t j = i; j != SIZE_MAX; j = b->rows[j].next) {
    batch_row *r = &b->rows[j];
    int code = answer_ahead(b, w, r, alone ? 0 : to_come--);
    pthread_mutex_lock(&b->lock);
    r->code = code;
    r->answered = true;
    b->stop |= code != CP_EXIT_OK;
    pthread_cond_broadcast(&b->done);
    pthread_mutex_unlock(&b->lock);
  }
}

/* Takes the next source nobody has taken (under the lock); false when none is left. */
static bool take_source(batch *b, size_t *i) {
  if (b->stop || b->next_source == b->n_sources)
    return false;
  *i = b->sources[b->next_source++];
  return true;
}

typedef struct worker {
  batch *b;
  answerer a;
  cp_router *router; /* shares the run's snapshot, with working memory of its own */
  pthread_t thread;
  bool started;
} worker;

static void *work(void *arg) {
  worker *w = arg;
  size_t i;
  for (;;) {
    pthread_mutex_lock(&w->b->lock);
    bool took = take_source(w->b, &i);
    pthread_mutex_unlock(&w->b->lock);
    if (!took)
      return NULL;
    answer_source(w->b, &w->a, i);
  }
}

/* A row with a source, sorted by the source and then by file order. */
typedef struct keyed {
  const char *from;
  size_t row;
} keyed;

static int by_source(const void *pa, const void *pb) {
  const keyed *a = pa, *c = pb;
  int d = strcmp(a->from, c->from);
  return d ? d : (a->row > c->row) - (a->row < c->row);
}

/* Chains each source's rows in file order (a row without a source is one of its own) and
 * lists the sources by their first row. O(n log n). */
static bool chain_sources(batch *b) {
  size_t n1 = b->n_rows ? b->n_rows : 1, n = 0;
  keyed *order = malloc(n1 * sizeof *order);
  bool *first = calloc(n1, sizeof *first);
  b->sources = malloc(n1 * sizeof *b->sources);
  bool ok = order && first && b->sources;
  for (size_t i = 0; ok && i < b->n_rows; i++) {
    b->rows[i].next = SIZE_MAX;
    if (b->rows[i].from)
      order[n++] = (keyed){b->rows[i].from, i};
  }
  if (ok)
    qsort(order, n, sizeof *order, by_source);
  for (size_t k = 0; ok && k < n; k++) {
    bool same = k && !strcmp(order[k - 1].from, order[k].from);
    if (same)
      b->rows[order[k - 1].row].next = order[k].row;
    first[order[k].row] = !same;
  }
  for (size_t i = 0; ok && i < b->n_rows; i++)
    if (!b->rows[i].from || first[i])
      b->sources[b->n_sources++] = i;
  free(first);
  free(order);
  return ok;
}

/* Prints row i once it is answered; while it is not, this thread answers the next source
 * nobody has taken, or waits for the thread that took it. */
static int print_row(batch *b, answerer *w, size_t i) {
  batch_row *r = &b->rows[i];
  size_t s;
  pthread_mutex_lock(&b->lock);
  while (!r->answered) {
    if (take_source(b, &s)) {
      pthread_mutex_unlock(&b->lock);
      answer_source(b, w, s);
      pthread_mutex_lock(&b->lock);
    } else {
      pthread_cond_wait(&b->done, &b->lock);
    }
  }
  pthread_mutex_unlock(&b->lock);
  if (r->err_len)
    fwrite(r->err, 1, r->err_len, b->x->c.err);
  if (r->out_len) /* a bad row has no answer: r->out is NULL in JSON */
    fwrite(r->out, 1, r->out_len, b->out);
  fflush(b->out); /* streaming: each answer as soon as it and those before it are known */
  /* Printed: its memory serves the answers still to come instead of fresh pages. */
  free(r->out);
  free(r->err);
  r->out = r->err = NULL;
  b->bad += r->bad;
  b->unanswered += r->unanswered;
  return r->code;
}

/* The threads besides this one: jobs - 1, fewer when there are fewer sources. */
static size_t helpers(const batch *b, size_t jobs) {
  if (!jobs) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = online > 0 ? (size_t)online : 1;
  }
  jobs = jobs < CP_CLI_BATCH_MAX_JOBS ? jobs : CP_CLI_BATCH_MAX_JOBS;
  return (jobs < b->n_sources ? jobs : b->n_sources) - (b->n_sources > 0);
}

enum { CP_CLI_ROW_WEIGHTS_BATCH = 500 };

/* Makes `landmarks` landmarks (N > 0; auto and off make none: measured, they do not repay
 * their tables on any batch since the search balances its two sides, docs/performance.md)
 * for the criteria the rows weigh, and, for a batch of CP_CLI_ROW_WEIGHTS_BATCH questions or
 * more, the weights laid out beside the rows (cp_router_row_weights: one pass over the moves,
 * 30-140 ms at 2,000,000 moves, saving about 0.6 ms a question on the heavy-tailed
 * 200,000-role graph, nothing measurable on uniform ones). Out of memory leaves the router
 * without them: the answers are the same, only slower. */
static void prepare_router(batch *b, long landmarks) {
  double weights[CP_CRITERION_COUNT] = {0}, alone[CP_CRITERION_COUNT] = {0};
  size_t questions = 0;
  for (size_t i = 0; i < b->n_rows; i++)
    if (b->rows[i].from) {
      questions++;
      int n = 0, last = 0;
      for (int c = 0; c < CP_CRITERION_COUNT; c++)
        if (b->rows[i].weights[c] > 0)
          weights[c] = 1, n++, last = c;
      alone[last] += n == 1; /* only a criterion weighed alone reads its row weights */
    }
  if (landmarks > 0)
    (void)cp_router_landmarks(b->x->router, (size_t)landmarks, weights, NULL);
  if (questions >= CP_CLI_ROW_WEIGHTS_BATCH)
    (void)cp_router_row_weights(b->x->router, alone, NULL);
}

/* Answers and prints every row in file order, on `jobs` threads (0: one per core), with
 * landmarks as `landmarks` says (cp_cli_route_batch). Answers do
 * not depend on which thread's router gives them (the tie rule), so the output is the same
 * bytes for any number of threads. */
static int answer_rows(batch *b, size_t jobs, long landmarks) {
  if (!chain_sources(b))
    return cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  size_t n_workers = helpers(b, jobs);
  prepare_router(b, landmarks); /* before any thread shares the router */
  worker *w = calloc(n_workers ? n_workers : 1, sizeof *w);
  int code = w ? CP_EXIT_OK : cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t t = 0; !code && t < n_workers; t++) {
    w[t].b = b;
    w[t].a.columns = b->columns;
    /* A thread that cannot be made leaves its share to the others. */
    w[t].started = cp_router_share(b->x->router, &w[t].router, NULL) == CP_OK &&
                   (w[t].a.router = w[t].router) &&
                   pthread_create(&w[t].thread, NULL, work, &w[t]) == 0;
  }
  answerer self = {.router = b->x->router, .columns = b->columns};
  for (size_t i = 0; !code && i < b->n_rows; i++)
    code = print_row(b, &self, i);
  pthread_mutex_lock(&b->lock);
  b->stop = true; /* after a failed row, the others stop at their next source */
  pthread_mutex_unlock(&b->lock);
  for (size_t t = 0; w && t < n_workers; t++) {
    if (w[t].started)
      pthread_join(w[t].thread, NULL);
    cp_router_free(w[t].router);
  }
  free(w);
  return code;
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
  free(b->sources);
  pthread_mutex_destroy(&b->lock);
  pthread_cond_destroy(&b->done);
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

int cp_cli_route_batch(cp_cli_run *x, cp_out_format f, FILE *out, size_t jobs, long landmarks) {
  batch b = {.x = x, .format = f, .out = out};
  pthread_mutex_init(&b.lock, NULL);
  pthread_cond_init(&b.done, NULL);
  int code;
  if (!(code = read_rows(&b)) && !(code = answer_rows(&b, jobs, landmarks))) {
    if (b.bad || b.unanswered)
      cp_cli_fail(&x->c, CP_EXIT_OK,
                  "%zu queries: %zu answered with a route, %zu with none, %zu bad rows skipped",
                  b.n_rows, b.n_rows - b.bad - b.unanswered, b.unanswered, b.bad);
    x->code = b.bad ? CP_EXIT_INPUT : CP_EXIT_OK;
  }
  batch_free(&b);
  return code;
}
