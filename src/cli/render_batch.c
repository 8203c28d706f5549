/* render_batch.c: `render --batch`: a diagram per row of a CSV of students' questions, and
 * an index.html linking them. */
#include "answer.h"
#include "cmd_render.h"
#include "html.h"
#include "route_present.h"
#include "rows.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct render_batch {
  cp_cli_run *x;
  const cp_router *router;
  cp_cli_request defaults;
  cp_out_format format;
  const char *file, *dir;
  cp_cli_rows columns;
  bool have_header;
  bool internal; /* a row failed for want of memory (exit 5): stop */
  size_t rows, drawn, routeless, bad;
  FILE *index; /* the index page's table rows */
} render_batch;

/* A file name from a student's name: lowercase letters and digits, '-' between words. */
static void slug(const char *name, char *out, size_t n) {
  size_t j = 0;
  bool dash = false;
  for (const char *p = name; *p && j + 2 < n; p++) {
    char ch = *p;
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z')) {
      if (dash && j)
        out[j++] = '-';
      out[j++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      dash = false;
    } else {
      dash = true;
    }
  }
  out[j] = '\0';
  if (!j)
    snprintf(out, n, "student");
}

/* The index row's first cells: the student and the question. */
static void index_question(render_batch *b, const char *name, const cp_cli_answer *a) {
  const cp_graph *g = b->x->g;
  fputs("<tr><td>", b->index);
  cp_cli_html_text(b->index, *name ? name : "(no name)");
  fputs("</td><td>", b->index);
  cp_cli_html_text(b->index, cp_graph_role(g, a->from)->label);
  fputs(" &#8594; ", b->index);
  cp_cli_html_text(b->index, cp_graph_role(g, a->to)->label);
}

/* Draws one student's route into its file; "LINE-NAME.EXT" (the line number keeps names that
 * slug alike apart) goes to `file_name`. */
static int draw_student(render_batch *b, size_t line, const char *name, const cp_cli_request *rq,
                        const cp_cli_answer *a, char *file_name, size_t n) {
  static const char *const ext[] = {[CP_OUT_DOT] = "gv",
                                    [CP_OUT_SVG] = "svg",
                                    [CP_OUT_HTML] = "html",
                                    [CP_OUT_PNG] = "png",
                                    [CP_OUT_PDF] = "pdf"};
  const cp_graph *g = b->x->g;
  char name_part[80], path[4096], title[512], *text = NULL;
  size_t len = 0;
  slug(name, name_part, sizeof name_part);
  snprintf(file_name, n, "%zu-%s.%s", line, name_part, ext[b->format]);
  snprintf(path, sizeof path, "%s/%s", b->dir, file_name);
  cp_format_bounded(title, sizeof title, "%s: %s to %s", *name ? name : "Route",
                    cp_graph_role(g, a->from)->label, cp_graph_role(g, a->to)->label);
  int code = cp_cli_draw_route(&b->x->c, b->router, rq, a, b->format, title, &text, &len);
  if (!code)
    code = cp_cli_write(&b->x->c, path, text, len, b->x->inputs.path);
  free(text);
  return code;
}

/* The rest of the index row: the route's totals and a link to its diagram. */
static void index_link(render_batch *b, const cp_route *r, const char *file_name) {
  cp_cli_figures fig;
  cp_cli_route_figures(r, &fig);
  fprintf(b->index, "</td><td>%zu steps, %s months, %s</td><td><a href=\"", r->n_steps, fig.months,
          fig.cost);
  cp_cli_html_text(b->index, file_name);
  fputs("\">", b->index);
  cp_cli_html_text(b->index, file_name);
  fputs("</a></td></tr>\n", b->index);
}

/* One student: the question asked, drawn and listed in the index. */
static void student(render_batch *b, const char *const *fields, size_t n_fields, size_t line) {
  char where[512], why[512], file_name[128];
  cp_cli_request rq;
  cp_cli_answer a = {0};
  const char *name = NULL;
  int code;
  snprintf(where, sizeof where, "%s:%zu: ", b->file, line);
  if (!cp_cli_rows_request(&b->columns, fields, n_fields, &b->defaults, &rq, &name, why,
                           sizeof why))
    code = cp_cli_fail(&b->x->c, CP_EXIT_INPUT, "%s%s", where, why);
  else
    code = cp_cli_ask(&b->x->c, b->router, &rq, &a, where);
  if (!code) {
    index_question(b, name, &a);
    if (a.routes->n == 0) {
      fputs("</td><td>no route</td><td></td></tr>\n", b->index);
      b->routeless++;
    } else if ((code = draw_student(b, line, name, &rq, &a, file_name, sizeof file_name))) {
      fputs("</td><td>not drawn</td><td></td></tr>\n", b->index);
    } else {
      index_link(b, &a.routes->routes[0], file_name);
      b->drawn++;
    }
  }
  if (code) {
    b->internal = code == CP_EXIT_INTERNAL;
    b->bad++;
  }
  cp_cli_answer_free(&a);
}

static cp_status on_student(void *ctx, const char *const *fields, size_t n_fields, size_t line,
                            cp_error *err) {
  render_batch *b = ctx;
  if (!b->have_header) {
    b->have_header = true;
    return cp_cli_rows_header(&b->columns, b->file, fields, n_fields, line, err);
  }
  b->rows++;
  student(b, fields, n_fields, line);
  /* Out of memory is not a bad row: the rest would fail the same way. */
  return b->internal ? CP_ENOMEM : CP_OK;
}

/* Reads the file, drawing each row's diagram; *rows gets the index's table. */
static int draw_rows(render_batch *b, char **rows) {
  char *data = NULL;
  size_t len = 0, rows_len = 0;
  cp_error e = {0};
  cp_status st = cp_read_file(b->file, &data, &len, &e);
  if (st)
    return cp_cli_status(&b->x->c, st, &e);
  if (!(b->index = open_memstream(rows, &rows_len))) {
    free(data);
    return cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  }
  fputs("<table>\n<thead><tr><th>Student</th><th>Question</th><th>Best route</th>"
        "<th>Diagram</th></tr></thead>\n<tbody>\n",
        b->index);
  st = cp_csv_parse(b->file, data, len, on_student, b, &e);
  fputs("</tbody>\n</table>\n", b->index);
  free(data);
  bool closed = cp_cli_memstream_close(b->index, rows);
  if (b->internal)
    return CP_EXIT_INTERNAL;
  if (!closed)
    return cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  if (st)
    return cp_cli_status(&b->x->c, st, &e);
  if (!b->have_header)
    return cp_cli_fail(&b->x->c, CP_EXIT_INPUT,
                       "%s: empty file; expected a header with 'from' and 'to'", b->file);
  return CP_EXIT_OK;
}

/* The index page, and the summary line. */
static int write_index(render_batch *b, const char *rows) {
  char index_path[4096], *page = NULL;
  size_t page_len = 0;
  snprintf(index_path, sizeof index_path, "%s/index.html", b->dir);
  int code = cp_cli_html_page(&b->x->c, "Career routes", NULL, rows, &page, &page_len);
  if (!code)
    code = cp_cli_write(&b->x->c, index_path, page, page_len, b->x->inputs.path);
  free(page);
  if (code == CP_EXIT_INTERNAL)
    return code; /* its one line said why */
  cp_cli_fail(&b->x->c, CP_EXIT_OK,
              "%zu rows: %zu drawn, %zu without a route, %zu bad rows skipped; index in %s",
              b->rows, b->drawn, b->routeless, b->bad, index_path);
  return code ? code : b->bad ? CP_EXIT_INPUT : CP_EXIT_OK;
}

int cp_cli_render_batch(cp_cli_run *x, const render_state *s, cp_out_format f) {
  render_batch b = {.x = x, .format = f, .file = x->args.batch, .dir = s->out_dir};
  char *rows = NULL;
  int code;
  x->no_output = true; /* the diagrams and the index are its output */
  if (mkdir(s->out_dir, 0777) != 0 && errno != EEXIST)
    return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "cannot make '%s': %s", s->out_dir, strerror(errno));
  if ((code = cp_cli_router(x, &b.router)))
    return code;
  cp_cli_request_init(&b.defaults);
  if (s->by.given) {
    memset(b.defaults.weights, 0, sizeof b.defaults.weights);
    b.defaults.weights[s->by.value] = 1;
    b.defaults.by = s->by.value;
  }
  if (!(code = draw_rows(&b, &rows)))
    code = write_index(&b, rows);
  free(rows);
  return code;
}
