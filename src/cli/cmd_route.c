/* cmd_route.c: `careerpath route`: the best routes between two roles, one question or many. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
    "Usage: careerpath route [GRAPH] --from ROLE --to ROLE [OPTIONS]\n"
    "       careerpath route [GRAPH] --batch QUERIES.csv [OPTIONS]\n"
    "\n"
    "Prints the best routes from one role to another. ROLE is a role's id or label, in any\n"
    "case. GRAPH is a DOT file (.gv, .dot) or a transitions CSV (.csv; roles from --roles or\n"
    "roles.csv beside it, credentials from credentials.csv beside it); without it, the\n"
    "built-in health-informatics graph is used.\n"
    "\n"
    "What is best:\n"
    "  --by CRITERION       steps (fewest moves), months (default), cost or effort\n"
    "  --by C=W,C=W...      a trade-off: the sum of each weight times the route's total,\n"
    "                       e.g. --by months=1,cost=0.0005 (a month is worth $2,000)\n"
    "  --pareto C,C[,C]     every Pareto-optimal route on these criteria: none is beaten on\n"
    "                       all of them by another\n"
    "  --k N                the N best routes, best first (default 1); equal totals are\n"
    "                       listed fewest steps first, then by role ids\n"
    "Limits (routes beyond them are not returned; the best within them is):\n"
    "  --budget COST        at most this money in total\n"
    "  --max-months M       at most this many months in total\n"
    "  --max-steps N        at most this many moves\n"
    "  --max-effort E       at most this much effort in total\n"
    "  --avoid ROLE         never pass through ROLE (repeatable)\n"
    "  --avoid-domain D     never pass through a role of domain D (repeatable; the start\n"
    "                       and the goal stay allowed)\n"
    "  --via ROLE           pass through ROLE; several are passed in the order given\n"
    "What the person already holds:\n"
    "  --have CRED          a credential or skill already held (repeatable): moves that\n"
    "                       require a catalogued credential cost its months and cost less\n"
    "  --have-file FILE     credentials held, one per line\n"
    "Many questions:\n"
    "  --batch FILE         a CSV with columns from,to and optionally by, k, pareto, budget,\n"
    "                       max_months, max_steps, max_effort, avoid, via, have (lists\n"
    "                       separated by ';'); each row is answered in order, one line\n"
    "                       each; options given here apply to every row that leaves the\n"
    "                       column empty. A bad row is reported with its line and the rest\n"
    "                       go on.\n"
    "Output:\n"
    "  --format FORMAT      text (default), json, dot, svg, png, pdf or html; dot, svg,\n"
    "                       png and pdf draw the best route alone, each step a card;\n"
    "                       html is one page with that drawing and a table of the\n"
    "                       steps, nothing external\n"
    "  -o, --output FILE    write there (through a temporary file) instead of stdout\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 a route was found (batch: every row answered), 1 no route exists,\n"
    "2 usage error, 3 bad input (batch: a row was bad), 4 output not written, 5 internal\n"
    "error.\n";

static json_t *answer_json(const cp_router *router, const cp_cli_request *rq,
                           const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  json_t *root = json_object(), *routes = json_array();
  char by[256];
  cp_cli_describe(rq, by, sizeof by);
  json_object_set_new(root, "from", json_string(cp_graph_role(g, a->from)->id));
  json_object_set_new(root, "to", json_string(cp_graph_role(g, a->to)->id));
  json_object_set_new(root, "by", json_string(rq->n_pareto ? "pareto" : by));
  if (rq->n_pareto) {
    json_t *p = json_array();
    for (size_t i = 0; i < rq->n_pareto; i++)
      json_array_append_new(p, json_string(cp_criterion_name(rq->pareto[i])));
    json_object_set_new(root, "pareto", p);
  }
  json_t *limits = json_object();
  for (int c = 0; c < NC; c++)
    if (isfinite(rq->limits[c]))
      json_object_set_new(limits, cp_criterion_name((cp_criterion)c),
                          cp_cli_json_number(rq->limits[c]));
  json_object_set_new(root, "limits", limits);
  json_t *avoid = json_array(), *via = json_array();
  for (size_t i = 0; i < a->n_avoid; i++)
    json_array_append_new(avoid, json_string(cp_graph_role(g, a->avoid[i])->id));
  for (size_t i = 0; i < rq->n_via; i++)
    json_array_append_new(via, json_string(cp_graph_role(g, a->via[i])->id));
  json_object_set_new(root, "avoid", avoid);
  json_object_set_new(root, "via", via);
  json_object_set_new(root, "have", cp_cli_names_json(rq->have, rq->n_have));
  for (size_t i = 0; i < a->routes->n; i++)
    json_array_append_new(routes, cp_cli_route_json(router, a, rq, &a->routes->routes[i]));
  json_object_set_new(root, "routes", routes);
  return root;
}

static void answer_text(FILE *f, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  char by[256];
  cp_cli_describe(rq, by, sizeof by);
  cp_cli_conditions_text(f, g, rq, a);
  for (size_t i = 0; i < a->routes->n; i++) {
    if (i)
      fputc('\n', f);
    fprintf(f, "Route %zu of %zu from %s to %s, by %s:\n", i + 1, a->routes->n,
            cp_graph_role(g, a->from)->label, cp_graph_role(g, a->to)->label, by);
    cp_cli_route_text(f, router, a, rq, &a->routes->routes[i]);
  }
}

/* One line for a batch answer: the best route, its totals and its roles. */
static void answer_line(FILE *f, size_t line, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  char by[256], months[32], cost[48], effort[32];
  cp_cli_describe(rq, by, sizeof by);
  fprintf(f, "line %zu: %s -> %s by %s: ", line, cp_graph_role(g, a->from)->id,
          cp_graph_role(g, a->to)->id, by);
  if (a->routes->n == 0) {
    fputs("no route\n", f);
    return;
  }
  const cp_route *r = &a->routes->routes[0];
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  cp_cli_number(r->effort, effort, sizeof effort);
  fprintf(f, "%zu steps, %s months, %s, effort %s:", r->n_steps, months, cost, effort);
  for (size_t i = 0; i <= r->n_steps; i++)
    fprintf(f, "%s%s", i ? " > " : " ", cp_graph_role(g, r->roles[i])->id);
  if (a->routes->n > 1)
    fprintf(f, " (+%zu more)", a->routes->n - 1);
  fputc('\n', f);
}

/* ---- batch ---- */

/* One data row of the batch file, copied: the rows are all read before any is answered. */
typedef struct batch_row {
  size_t line;
  char **fields;
  size_t n;
  char *from; /* the row's `from` as written (borrowed from fields), NULL when bad */
  /* An answer worked out ahead of its turn (see run_batch), waiting to be printed. */
  char *out, *err;
  size_t out_len, err_len;
  bool answered;
} batch_row;

typedef struct batch {
  const cp_cli *c;
  const cp_router *router;
  const cp_cli_request *defaults;
  cp_out_format format;
  const char *name;
  FILE *out;
  cp_cli_rows columns;
  bool have_header;
  batch_row *rows;
  size_t n_rows, cap_rows, bad, unanswered;
} batch;

static cp_status on_batch_row(void *ctx, const char *const *fields, size_t n_fields, size_t line,
                              cp_error *err) {
  batch *b = ctx;
  if (!b->have_header) {
    b->have_header = true;
    return cp_cli_rows_header(&b->columns, b->name, fields, n_fields, line, err);
  }
  if (b->n_rows == b->cap_rows) {
    size_t cap = b->cap_rows ? 2 * b->cap_rows : 256;
    batch_row *rows = realloc(b->rows, cap * sizeof *rows);
    if (!rows)
      goto nomem;
    b->rows = rows;
    b->cap_rows = cap;
  }
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
  if (cp_cli_rows_request(&b->columns, (const char *const *)r->fields, r->n, b->defaults, &rq, NULL,
                          why, sizeof why))
    r->from = (char *)rq.from;
  return CP_OK;
nomem:
  if (err) {
    err->status = CP_ENOMEM;
    snprintf(err->message, sizeof err->message, "%s:%zu: out of memory", b->name, line);
  }
  return CP_ENOMEM;
}

/* Answers one row, writing its line (or its error) to `out` and `err`. CP_EXIT_INTERNAL when
 * memory ran out (or a library failed): that is not a bad row, as the rows after it would fail
 * the same way, so the batch stops with the one message already printed. */
static int answer_row(batch *b, const batch_row *row, FILE *out, FILE *err, size_t from_source) {
  cp_cli c = *b->c;
  c.err = err;
  char where[512], why[512];
  snprintf(where, sizeof where, "%s:%zu: ", b->name, row->line);
  cp_cli_request rq;
  cp_cli_answer a = {0};
  int code;
  if (!cp_cli_rows_request(&b->columns, (const char *const *)row->fields, row->n, b->defaults, &rq,
                           NULL, why, sizeof why)) {
    code = cp_cli_fail(&c, CP_EXIT_INPUT, "%s%s", where, why);
  } else {
    rq.reuse_source = from_source;
    code = cp_cli_ask(&c, b->router, &rq, &a, where);
  }
  if (code == CP_EXIT_OK && b->format == CP_OUT_JSON) {
    json_t *o = answer_json(b->router, &rq, &a);
    json_object_set_new(o, "line", json_integer((json_int_t)row->line));
    size_t len;
    char *text = cp_cli_json_line(o, &len);
    if (text)
      fwrite(text, 1, len, out);
    else
      code = cp_cli_fail(&c, CP_EXIT_INTERNAL, "%sout of memory formatting the answer", where);
    free(text);
  } else if (code == CP_EXIT_OK) {
    answer_line(out, row->line, b->router, &rq, &a);
  }
  if (code == CP_EXIT_OK)
    b->unanswered += a.routes->n == 0;
  else if (code != CP_EXIT_INTERNAL)
    b->bad++;
  cp_cli_answer_free(&a);
  return code == CP_EXIT_INTERNAL ? code : CP_EXIT_OK;
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
    return answer_row(b, row, b->out, b->c->err, 0);
  size_t to_come = later + 1;
  for (size_t j = i; j < b->n_rows; j++) {
    batch_row *r = &b->rows[j];
    if (j > i && (!r->from || r->answered || strcmp(r->from, row->from)))
      continue;
    FILE *out = open_memstream(&r->out, &r->out_len), *err = open_memstream(&r->err, &r->err_len);
    if (!out || !err) {
      if (out)
        fclose(out);
      if (err)
        fclose(err);
      return cp_cli_fail(b->c, CP_EXIT_INTERNAL, "out of memory");
    }
    int code = answer_row(b, r, out, err, to_come--);
    /* Both closed, whatever the first says. */
    bool out_closed = cp_cli_memstream_close(out, &r->out);
    bool closed = cp_cli_memstream_close(err, &r->err) && out_closed;
    if (code)
      return code;
    if (!closed)
      return cp_cli_fail(b->c, CP_EXIT_INTERNAL, "out of memory");
    r->answered = true;
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

static int run_batch(const cp_cli *c, const cp_router *router, const cp_cli_request *defaults,
                     const char *path, cp_out_format format, FILE *out) {
  char *data = NULL;
  size_t len = 0;
  cp_error e = {0};
  int code = CP_EXIT_OK;
  cp_status st = cp_read_file(path, &data, &len, &e);
  if (st)
    return cp_cli_status(c, st, &e);
  batch b = {
      .c = c, .router = router, .defaults = defaults, .format = format, .name = path, .out = out};
  st = cp_csv_parse(path, data, len, on_batch_row, &b, &e);
  free(data);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  if (!b.have_header) {
    code = cp_cli_fail(c, CP_EXIT_INPUT, "%s: empty file; expected a header with 'from' and 'to'",
                       path);
    goto cleanup;
  }
  for (size_t i = 0; i < b.n_rows; i++) {
    batch_row *r = &b.rows[i];
    if (!r->answered && (code = answer_source(&b, i)))
      goto cleanup;
    if (r->answered) {
      fwrite(r->err, 1, r->err_len, c->err);
      fwrite(r->out, 1, r->out_len, out);
    }
    fflush(out); /* streaming: each answer as soon as it and those before it are known */
  }
  if (b.bad || b.unanswered)
    cp_cli_fail(c, CP_EXIT_OK,
                "%zu queries: %zu answered with a route, %zu with none, %zu "
                "bad rows skipped",
                b.n_rows, b.n_rows - b.bad - b.unanswered, b.unanswered, b.bad);
  code = b.bad ? CP_EXIT_INPUT : CP_EXIT_OK;
cleanup:
  batch_free(&b);
  return code;
}

/* ---- the command ---- */

int cp_cmd_route(const cp_cli *c, int argc, char **argv) {
  enum { O_BATCH = 0x200 };
  static const struct option longopts[] = {{"from", required_argument, NULL, 'f'},
                                           {"to", required_argument, NULL, 't'},
                                           {"k", required_argument, NULL, 'k'},
                                           {"pareto", required_argument, NULL, 'p'},
                                           {"via", required_argument, NULL, 'v'},
                                           {"batch", required_argument, NULL, O_BATCH},
                                           {"format", required_argument, NULL, 'F'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           CP_CLI_QUESTION_OPTIONS,
                                           {NULL, 0, NULL, 0}};
  const char *output = NULL, *roles = NULL, *graph_path = NULL, *batch_path = NULL;
  const char *have_file = NULL;
  cp_cli_request rq;
  cp_out_format format = CP_OUT_TEXT;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_router *router = NULL;
  cp_cli_answer a = {0};
  char *text = NULL, *have_text = NULL, why[512];
  size_t len = 0;
  cp_error e = {0};

  cp_cli_request_init(&rq);
  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    bool ok = true;
    switch (opt) {
    case 'f': rq.from = optarg; break;
    case 't': rq.to = optarg; break;
    case 'p': ok = cp_cli_parse_pareto(optarg, &rq, why, sizeof why); break;
    case 'k':
      if (!cp_cli_parse_count(c, "--k", optarg, &rq.k))
        return CP_EXIT_USAGE;
      break;
    case 'v': ok = cp_cli_add_name(rq.via, &rq.n_via, optarg, "--via", why, sizeof why); break;
    case O_BATCH: batch_path = optarg; break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_JSON) |
                                          CP_OUT_BIT(CP_OUT_DOT) | CP_OUT_BIT(CP_OUT_SVG) |
                                          CP_OUT_BIT(CP_OUT_HTML) | CP_OUT_IMAGES,
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'r': roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default:
      if (!cp_cli_question_option(opt, optarg, &rq, &have_file, &ok, why, sizeof why))
        return CP_EXIT_USAGE;
    }
    if (!ok)
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s", why);
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if (batch_path && (rq.from || rq.to))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--batch takes from and to from its rows; drop "
                       "--from and --to");
  if (!batch_path && (!rq.from || !rq.to))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--from and --to are required; see 'careerpath "
                       "route --help'");
  bool drawing = format == CP_OUT_DOT || format == CP_OUT_SVG || format == CP_OUT_HTML ||
                 format == CP_OUT_PNG || format == CP_OUT_PDF;
  if (drawing && (rq.k > 1 || rq.n_pareto || batch_path))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--format dot/svg draws one route; use text or json "
                       "for --k, --pareto and --batch, or `careerpath render`");
  if (rq.n_pareto && rq.k > 1)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--pareto lists every Pareto-optimal route; drop --k");
  if (have_file && (code = cp_cli_read_have_file(c, have_file, &rq, &have_text)))
    goto cleanup;

  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  cp_status st = cp_router_new(g, &router, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  if (batch_path) {
    const char *inputs[] = {batch_path, graph_path, roles, NULL};
    FILE *out = c->out;
    char *buf = NULL;
    size_t blen = 0;
    /* With -o the answers gather in memory and replace the file whole at the end. */
    if (output && strcmp(output, "-") && !(out = open_memstream(&buf, &blen))) {
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
      goto cleanup;
    }
    code = run_batch(c, router, &rq, batch_path, format, out);
    if (out != c->out) {
      /* A stream that could not grow has lost answers: write nothing rather than part. */
      if (!cp_cli_memstream_close(out, &buf) && code != CP_EXIT_INTERNAL)
        code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory gathering the answers");
      if (code != CP_EXIT_INTERNAL) {
        int wcode = cp_cli_write(c, output, buf, blen, inputs);
        code = wcode ? wcode : code;
      }
      free(buf);
    }
    goto cleanup;
  }
  if ((code = cp_cli_ask(c, router, &rq, &a, "")))
    goto cleanup;
  if (a.routes->n == 0)
    cp_cli_fail(c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s' in %s%s",
                cp_graph_role(g, a.from)->label, cp_graph_role(g, a.to)->label, cp_graph_name(g),
                a.n_avoid || rq.n_via || isfinite(rq.limits[0]) || isfinite(rq.limits[1]) ||
                        isfinite(rq.limits[2]) || isfinite(rq.limits[3])
                    ? " within these limits"
                    : "");
  if (format == CP_OUT_JSON) {
    text = cp_cli_json_text(answer_json(router, &rq, &a), &len);
  } else if (format == CP_OUT_TEXT) {
    FILE *f = open_memstream(&text, &len);
    if (f) {
      if (a.routes->n)
        answer_text(f, router, &rq, &a);
      cp_cli_memstream_close(f, &text); /* NULL text: out of memory, below */
    }
  } else if (a.routes->n) {
    if ((code = cp_cli_draw_route(c, router, &rq, &a, format, NULL, &text, &len)))
      goto cleanup;
  } else {
    code = CP_EXIT_NO_ROUTE;
    goto cleanup;
  }
  if (!text) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the routes");
    goto cleanup;
  }
  const char *inputs[] = {graph_path, roles, NULL};
  if ((code = cp_cli_write(c, output, text, len, inputs)))
    goto cleanup;
  code = a.routes->n ? CP_EXIT_OK : CP_EXIT_NO_ROUTE;
cleanup:
  free(text);
  free(have_text);
  cp_cli_answer_free(&a);
  cp_router_free(router);
  cp_graph_free(g);
  return code;
}
