/* render_batch.c: `render --batch`: a diagram or handout per row of a CSV of students'
 * questions, and an index.html listing every row. */
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
  char date[64];
} render_batch;

/* Latin letters with accents as their base letters ("é" as "e", "ß" as "ss"): U+00C0 to
 * U+017F, indexed from U+00C0; "" for signs that are not letters. */
static const char *const latin[] = {
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",  /* C0 */
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss", /* D0 */
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",  /* E0 */
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",  /* F0 */
    "a", "a", "a",  "a",  "a", "a", "c",  "c", "c", "c", "c", "c", "c", "c", "d",  "d",  /* 100 */
    "d", "d", "e",  "e",  "e", "e", "e",  "e", "e", "e", "e", "e", "g", "g", "g",  "g",  /* 110 */
    "g", "g", "g",  "g",  "h", "h", "h",  "h", "i", "i", "i", "i", "i", "i", "i",  "i",  /* 120 */
    "i", "i", "ij", "ij", "j", "j", "k",  "k", "k", "l", "l", "l", "l", "l", "l",  "l",  /* 130 */
    "l", "l", "l",  "n",  "n", "n", "n",  "n", "n", "n", "n", "n", "o", "o", "o",  "o",  /* 140 */
    "o", "o", "oe", "oe", "r", "r", "r",  "r", "r", "r", "s", "s", "s", "s", "s",  "s",  /* 150 */
    "s", "s", "t",  "t",  "t", "t", "t",  "t", "u", "u", "u", "u", "u", "u", "u",  "u",  /* 160 */
    "u", "u", "u",  "u",  "w", "w", "y",  "y", "y", "z", "z", "z", "z", "z", "z",  "s",  /* 170 */
};

/* A file name from a student's name: lowercase ASCII letters and digits, accented Latin
 * letters as their base letters, '-' between words ("José Álvarez" -> "jose-alvarez"). */
static void slug(const char *name, char *out, size_t n) {
  size_t j = 0;
  bool dash = false;
  for (const unsigned char *p = (const unsigned char *)name; *p && j + 4 < n;) {
    const char *letters = NULL;
    char ascii[2] = {0, 0};
    unsigned cp = 0;
    if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')) {
      ascii[0] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
      letters = ascii;
      p++;
    } else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
      cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
      letters = cp >= 0xC0 && cp <= 0x17F ? latin[cp - 0xC0] : NULL;
      p += 2;
    } else {
      p++;
      while ((*p & 0xC0) == 0x80) /* the rest of a character with no letter for it */
        p++;
    }
    if (!letters || !*letters) {
      dash = true;
      continue;
    }
    if (dash && j)
      out[j++] = '-';
    dash = false;
    for (; *letters && j + 2 < n; letters++)
      out[j++] = *letters;
  }
  out[j] = '\0';
  if (!j)
    snprintf(out, n, "student");
}

/* The index row's first cells: the line, the student and the question as asked. */
static void index_question(render_batch *b, size_t line, const char *name, const char *from,
                           const char *to) {
  fprintf(b->index, "<tr><td class=\"n\">%zu</td><td>", line);
  cp_cli_html_text(b->index, name && *name ? name : "(no name)");
  fputs("</td><td>", b->index);
  cp_cli_html_text(b->index, from && *from ? from : "?");
  fputs(" &#8594; ", b->index);
  cp_cli_html_text(b->index, to && *to ? to : "?");
  fputs("</td>", b->index);
}

/* Draws one student's routes into its file; "LINE-NAME.EXT" (the line number keeps names that
 * slug alike apart) goes to `file_name`. */
static int draw_student(render_batch *b, const cp_cli *c, size_t line, const char *name,
                        const cp_cli_request *rq, const cp_cli_answer *a, char *file_name,
                        size_t n) {
  static const char *const ext[] = {[CP_OUT_DOT] = "gv",
                                    [CP_OUT_SVG] = "svg",
                                    [CP_OUT_HTML] = "html",
                                    [CP_OUT_PNG] = "png",
                                    [CP_OUT_PDF] = "pdf"};
  char name_part[80], path[4096], *text = NULL;
  size_t len = 0;
  slug(name ? name : "", name_part, sizeof name_part);
  snprintf(file_name, n, "%zu-%s.%s", line, name_part, ext[b->format]);
  snprintf(path, sizeof path, "%s/%s", b->dir, file_name);
  cp_cli_handout h = {.name = name, .paper = b->x->args.paper, .dpi = b->x->args.dpi};
  int code = cp_cli_draw_route(c, b->router, rq, a, b->format, &h, &text, &len);
  if (!code)
    code = cp_cli_write(c, path, text, len, b->x->inputs.path);
  free(text);
  return code;
}

/* The rest of the index row: the best route's totals and a link to its page. */
static void index_link(render_batch *b, const cp_cli_request *rq, const cp_cli_answer *a,
                       const char *file_name) {
  char heading[512];
  cp_cli_route_heading(rq, a->routes, 0, heading, sizeof heading);
  fputs("<td>", b->index);
  cp_cli_html_text(b->index, heading);
  fputs("</td><td><a href=\"", b->index);
  cp_cli_html_text(b->index, file_name);
  fputs("\">", b->index);
  cp_cli_html_text(b->index, file_name);
  fputs("</a></td></tr>\n", b->index);
}

/* A row not drawn, and why: the message printed for it, without the program's name. */
static void index_skipped(render_batch *b, const char *why) {
  const char *prefix = strstr(why, ": ");
  size_t len = strcspn(why, "\n");
  fputs("<td colspan=\"2\">Skipped: ", b->index);
  if (prefix && prefix < why + len) {
    len -= (size_t)(prefix + 2 - why);
    why = prefix + 2;
  }
  char *line = strndup(why, len);
  cp_cli_html_text(b->index, line ? line : "see the messages");
  free(line);
  fputs("</td></tr>\n", b->index);
}

/* The field of column `k` (rows.h order: name, from, to, ...) of the row, or NULL. */
static const char *field(const render_batch *b, const char *const *fields, size_t n, int k) {
  long at = b->columns.col[k];
  return at >= 0 && (size_t)at < n ? fields[at] : NULL;
}

/* One student's question, drawn; its messages go to stderr and, for a row not drawn, into
 * the index. */
static int ask_and_draw(render_batch *b, const cp_cli *c, const char *const *fields,
                        size_t n_fields, size_t line, const char *name) {
  char where[512], why[512], file_name[128];
  cp_cli_request rq;
  cp_cli_answer a = {0};
  int code;
  snprintf(where, sizeof where, "%s:%zu: ", b->file, line);
  if (!cp_cli_rows_request(&b->columns, fields, n_fields, &b->defaults, &rq, NULL, why, sizeof why))
    code = cp_cli_fail(c, CP_EXIT_INPUT, "%s%s", where, why);
  else
    code = cp_cli_ask(c, b->router, &rq, &a, where);
  if (!code && a.routes->n == 0) {
    fputs("<td colspan=\"2\">No route</td></tr>\n", b->index);
    b->routeless++;
  } else if (!code &&
             !(code = draw_student(b, c, line, name, &rq, &a, file_name, sizeof file_name))) {
    index_link(b, &rq, &a, file_name);
    b->drawn++;
  }
  cp_cli_answer_free(&a);
  return code;
}

/* One row: asked, drawn and listed in the index, whatever becomes of it. */
static void student(render_batch *b, const char *const *fields, size_t n_fields, size_t line) {
  char *messages = NULL;
  size_t len = 0;
  FILE *err = open_memstream(&messages, &len);
  cp_cli c = b->x->c;
  c.err = err ? err : b->x->c.err;
  const char *name = field(b, fields, n_fields, 0);
  index_question(b, line, name, field(b, fields, n_fields, 1), field(b, fields, n_fields, 2));
  int code = ask_and_draw(b, &c, fields, n_fields, line, name);
  if (err && cp_cli_memstream_close(err, &messages))
    fputs(messages, b->x->c.err);
  if (code) {
    index_skipped(b, messages ? messages : "");
    b->internal = code == CP_EXIT_INTERNAL;
    b->bad++;
  }
  free(messages);
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

/* Reads the file, drawing each row's page; *rows gets the index's table. */
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
  fputs("<table>\n<thead><tr><th>Line</th><th>Student</th><th>Question</th><th>Best route</th>"
        "<th>Page</th></tr></thead>\n<tbody>\n",
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

/* "4 rows: 2 drawn, 1 without a route, 1 skipped" */
static void counts(const render_batch *b, char *buf, size_t n) {
  snprintf(buf, n, "%zu %s: %zu drawn, %zu without a route, %zu %s", b->rows,
           cp_plural((double)b->rows, "row", "rows"), b->drawn, b->routeless, b->bad,
           b->bad == 1 ? "bad row skipped" : "bad rows skipped");
}

/* The index page, and the summary line. */
static int write_index(render_batch *b, const char *rows) {
  char index_path[4096], summary[256], words[256], *page = NULL, *body = NULL;
  size_t page_len = 0, body_len = 0;
  snprintf(index_path, sizeof index_path, "%s/index.html", b->dir);
  counts(b, summary, sizeof summary);
  cp_cli_criterion_words(&b->defaults, 1, words, sizeof words);
  FILE *f = open_memstream(&body, &body_len);
  if (!f)
    return cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  fputs("<p class=\"meta\">", f);
  cp_cli_html_text(f, b->file);
  fputs(": ", f);
  cp_cli_html_text(f, summary);
  fputs(". Each route is ", f);
  cp_cli_html_text(f, words);
  fputs(" unless its row asks otherwise. ", f);
  cp_cli_html_text(f, b->date);
  fprintf(f, ".</p>\n%s", rows);
  int code = cp_cli_memstream_close(f, &body)
                 ? cp_cli_html_page(&b->x->c, "Career routes", body, &page, &page_len)
                 : cp_cli_fail(&b->x->c, CP_EXIT_INTERNAL, "out of memory");
  if (!code)
    code = cp_cli_write(&b->x->c, index_path, page, page_len, b->x->inputs.path);
  free(page);
  free(body);
  if (code == CP_EXIT_INTERNAL)
    return code; /* its one line said why */
  cp_cli_fail(&b->x->c, CP_EXIT_OK, "%s; index in %s", summary, index_path);
  return code ? code : b->bad ? CP_EXIT_INPUT : CP_EXIT_OK;
}

int cp_cli_render_batch(cp_cli_run *x, const render_state *s, cp_out_format f) {
  render_batch b = {.x = x, .format = f, .file = x->args.batch, .dir = s->out_dir};
  char *rows = NULL;
  int code;
  x->no_output = true; /* the pages and the index are its output */
  if ((code = cp_cli_today(&x->c, b.date, sizeof b.date)))
    return code;
  if (mkdir(s->out_dir, 0777) != 0 && errno != EEXIST)
    return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "cannot make '%s': %s", s->out_dir, strerror(errno));
  struct stat sb; /* a file in the way fails once, not once per row */
  if (stat(s->out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "cannot write into '%s': not a directory",
                       s->out_dir);
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
