/* cmd_render.c: `careerpath render`: the whole graph as DOT or SVG, a route highlighted. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char help[] =
    "Usage: careerpath render [GRAPH] [--from ROLE --to ROLE] [OPTIONS]\n"
    "\n"
    "Draws the whole graph: roles grouped by domain, ordered by level (entry to executive),\n"
    "a legend, edges labelled with the chosen criterion. With --from and --to the best\n"
    "route is drawn bold. Layout and SVG come from Graphviz, in-process.\n"
    "\n"
    "Options:\n"
    "  --from ROLE, --to ROLE   highlight the best route between these roles\n"
    "  --top N                  only the N most central roles (betweenness: the gateway\n"
    "                           roles most routes pass through) and the moves among them\n"
    "  --focus ROLE             only the roles within --radius moves of ROLE (either way)\n"
    "  --radius N               how far --focus reaches (default 2)\n"
    "  --domain D               only the roles of domain D (repeatable); with --focus, the\n"
    "                           roles that are both\n"
    "  --layout ENGINE          dot (levels as columns, domains as boxes), sfdp or neato;\n"
    "                           default dot up to 300 roles drawn, sfdp above\n"
    "  --batch FILE             one diagram per row of a CSV (columns name, from, to and\n"
    "                           optionally by, have, budget, avoid, ...: as in 'careerpath\n"
    "                           route --help') into --out-dir, each step a card, with an\n"
    "                           index.html linking them; a bad row is reported with its line\n"
    "                           and the rest go on (exit 3 then)\n"
    "  --out-dir DIR            where --batch writes (made if missing)\n"
    "  --k N                    draw the N best routes: the best in solid red, the others\n"
    "                           each in its own colour and line style, with a key\n"
    "  --by CRITERION           route criterion and edge labels: steps, months (default),\n"
    "                           cost or effort\n"
    "  --format FORMAT          svg (default), png, pdf or dot; with --batch also html (a page a\n"
    "                           student, drawing and step table)\n"
    "  -o, --output FILE        write there (through a temporary file) instead of stdout\n"
    "  --title TEXT             the diagram's title (default: the graph's name)\n"
    "  --communities METHOD     group roles by community (leiden or louvain, as\n"
    "                           'careerpath communities') instead of by domain\n"
    "  --roles FILE             roles CSV for a CSV graph\n"
    "  -h, --help               this help\n"
    "\n"
    "Exit codes: 0 drawn, 1 no route between the roles asked, 2 usage error, 3 bad input,\n"
    "4 output not written, 5 internal error.\n";

/* ---- render --batch: a diagram per student, and an index ---- */

typedef struct render_batch {
  const cp_cli *c;
  const cp_router *router;
  const cp_cli_request *defaults;
  cp_out_format format;
  const char *file, *dir;
  const char *const *inputs;
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

static cp_status on_student(void *ctx, const char *const *fields, size_t n_fields, size_t line,
                            cp_error *err) {
  render_batch *b = ctx;
  if (!b->have_header) {
    b->have_header = true;
    return cp_cli_rows_header(&b->columns, b->file, fields, n_fields, line, err);
  }
  b->rows++;
  char where[512], why[512], name_part[80], path[4096], file_name[128];
  snprintf(where, sizeof where, "%s:%zu: ", b->file, line);
  cp_cli_request rq;
  cp_cli_answer a = {0};
  const char *name = NULL;
  char *text = NULL;
  size_t len = 0;
  int code;
  if (!cp_cli_rows_request(&b->columns, fields, n_fields, b->defaults, &rq, &name, why, sizeof why))
    code = cp_cli_fail(b->c, CP_EXIT_INPUT, "%s%s", where, why);
  else
    code = cp_cli_ask(b->c, b->router, &rq, &a, where);
  if (code) {
    b->internal = code == CP_EXIT_INTERNAL;
    b->bad++;
    goto done;
  }
  const cp_graph *g = cp_router_graph(b->router);
  fputs("<tr><td>", b->index);
  cp_cli_html_text(b->index, *name ? name : "(no name)");
  fputs("</td><td>", b->index);
  cp_cli_html_text(b->index, cp_graph_role(g, a.from)->label);
  fputs(" &#8594; ", b->index);
  cp_cli_html_text(b->index, cp_graph_role(g, a.to)->label);
  if (a.routes->n == 0) {
    fputs("</td><td>no route</td><td></td></tr>\n", b->index);
    b->routeless++;
    goto done;
  }
  /* The line number keeps names that slug alike apart. */
  slug(name, name_part, sizeof name_part);
  static const char *const ext[] = {[CP_OUT_DOT] = "gv",
                                    [CP_OUT_SVG] = "svg",
                                    [CP_OUT_HTML] = "html",
                                    [CP_OUT_PNG] = "png",
                                    [CP_OUT_PDF] = "pdf"};
  snprintf(file_name, sizeof file_name, "%zu-%s.%s", line, name_part, ext[b->format]);
  snprintf(path, sizeof path, "%s/%s", b->dir, file_name);
  char title[512];
  snprintf(title, sizeof title, "%s: %s to %s", *name ? name : "Route",
           cp_graph_role(g, a.from)->label, cp_graph_role(g, a.to)->label);
  if ((code = cp_cli_draw_route(b->c, b->router, &rq, &a, b->format, title, &text, &len)) ||
      (code = cp_cli_write(b->c, path, text, len, b->inputs))) {
    fputs("</td><td>not drawn</td><td></td></tr>\n", b->index);
    b->internal = code == CP_EXIT_INTERNAL;
    b->bad++;
    goto done;
  }
  const cp_route *r = &a.routes->routes[0];
  char months[32], cost[48];
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  fprintf(b->index, "</td><td>%zu steps, %s months, %s</td><td><a href=\"", r->n_steps, months,
          cost);
  cp_cli_html_text(b->index, file_name);
  fputs("\">", b->index);
  cp_cli_html_text(b->index, file_name);
  fputs("</a></td></tr>\n", b->index);
  b->drawn++;
done:
  free(text);
  cp_cli_answer_free(&a);
  /* Out of memory is not a bad row: the rest would fail the same way. */
  return b->internal ? CP_ENOMEM : CP_OK;
}

static int render_batch_run(const cp_cli *c, const cp_router *router,
                            const cp_cli_request *defaults, const char *file, const char *dir,
                            cp_out_format format, const char *const *inputs) {
  char *data = NULL, *rows = NULL, *page = NULL;
  size_t len = 0, rows_len = 0, page_len = 0;
  cp_error e = {0};
  cp_status st = cp_read_file(file, &data, &len, &e);
  if (st)
    return cp_cli_status(c, st, &e);
  int code = CP_EXIT_OK;
  render_batch b = {.c = c,
                    .router = router,
                    .defaults = defaults,
                    .format = format,
                    .file = file,
                    .dir = dir,
                    .inputs = inputs};
  if (!(b.index = open_memstream(&rows, &rows_len))) {
    free(data);
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  }
  fputs("<table>\n<thead><tr><th>Student</th><th>Question</th><th>Best route</th>"
        "<th>Diagram</th></tr></thead>\n<tbody>\n",
        b.index);
  st = cp_csv_parse(file, data, len, on_student, &b, &e);
  fputs("</tbody>\n</table>\n", b.index);
  free(data);
  if (b.internal) {
    fclose(b.index);
    free(rows);
    return CP_EXIT_INTERNAL;
  }
  if (!cp_cli_memstream_close(b.index, &rows)) {
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  }
  if (st) {
    free(rows);
    return cp_cli_status(c, st, &e);
  }
  if (!b.have_header) {
    free(rows);
    return cp_cli_fail(c, CP_EXIT_INPUT,
                       "%s: empty file; expected a header with 'from' and "
                       "'to'",
                       file);
  }
  char index_path[4096];
  snprintf(index_path, sizeof index_path, "%s/index.html", dir);
  if (!(code = cp_cli_html_page(c, "Career routes", NULL, rows, &page, &page_len)))
    code = cp_cli_write(c, index_path, page, page_len, inputs);
  free(rows);
  free(page);
  if (code == CP_EXIT_INTERNAL)
    return code; /* its one line said why */
  cp_cli_fail(c, CP_EXIT_OK,
              "%zu rows: %zu drawn, %zu without a route, %zu bad rows skipped; "
              "index in %s",
              b.rows, b.drawn, b.routeless, b.bad, index_path);
  return code ? code : b.bad ? CP_EXIT_INPUT : CP_EXIT_OK;
}

/* Communities drawn as the domain boxes: each role's domain becomes its community. */
static int colour_by_community(const cp_cli *c, cp_graph *g, cp_community_method method) {
  size_t *member = NULL, k = 0;
  double q = 0;
  cp_error e = {0};
  cp_status st = cp_graph_communities(g, method, &member, &k, &q, &e);
  for (size_t i = 0; !st && i < cp_graph_role_count(g); i++) {
    char name[64];
    snprintf(name, sizeof name, "community %zu", member[i] + 1);
    st = cp_graph_set_role_domain(g, i, name, &e);
  }
  free(member);
  return cp_cli_status(c, st, &e);
}

int cp_cmd_render(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"from", required_argument, NULL, 'f'},   {"to", required_argument, NULL, 't'},
      {"by", required_argument, NULL, 'b'},     {"format", required_argument, NULL, 'F'},
      {"output", required_argument, NULL, 'o'}, {"title", required_argument, NULL, 'T'},
      {"k", required_argument, NULL, 'k'},      {"focus", required_argument, NULL, 'c'},
      {"radius", required_argument, NULL, 'R'}, {"domain", required_argument, NULL, 'd'},
      {"layout", required_argument, NULL, 'L'}, {"batch", required_argument, NULL, 'B'},
      {"top", required_argument, NULL, 'P'},    {"out-dir", required_argument, NULL, 'D'},
      {"roles", required_argument, NULL, 'r'},  {"communities", required_argument, NULL, 'C'},
      {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  const char *from_name = NULL, *to_name = NULL, *output = NULL, *roles = NULL;
  bool communities = false;
  cp_community_method method = CP_COMMUNITY_LEIDEN;
  char question[1024];
  const char *graph_path = NULL, *title = NULL, *focus = NULL, *layout = NULL;
  const char *batch_path = NULL, *out_dir = NULL;
  cp_router *router = NULL;
  const char *domains[64];
  size_t n_domains = 0, radius = 2, top = 0;
  unsigned char *shown = NULL;
  cp_criterion by = CP_BY_MONTHS;
  bool by_given = false;
  cp_out_format format = CP_OUT_SVG;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_route_list *list = NULL;
  char *text = NULL;
  size_t len = 0;
  cp_error e = {0};
  cp_status st;
  size_t k = 1;

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    switch (opt) {
    case 'f': from_name = optarg; break;
    case 't': to_name = optarg; break;
    case 'b':
      if ((code = cp_cli_parse_criterion(c, optarg, &by)))
        return code;
      by_given = true;
      break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_DOT) | CP_OUT_BIT(CP_OUT_SVG) |
                                          CP_OUT_BIT(CP_OUT_HTML) | CP_OUT_IMAGES,
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'T': title = optarg; break;
    case 'k':
      if (!cp_cli_parse_count(c, "--k", optarg, &k))
        return CP_EXIT_USAGE;
      break;
    case 'r': roles = optarg; break;
    case 'B': batch_path = optarg; break;
    case 'D': out_dir = optarg; break;
    case 'c': focus = optarg; break;
    case 'P':
      if (!cp_cli_parse_count(c, "--top", optarg, &top))
        return CP_EXIT_USAGE;
      break;
    case 'R':
      if (!cp_cli_parse_count(c, "--radius", optarg, &radius))
        return CP_EXIT_USAGE;
      break;
    case 'd':
      if (n_domains == sizeof domains / sizeof *domains)
        return cp_cli_fail(c, CP_EXIT_USAGE, "more than 64 --domain");
      domains[n_domains++] = optarg;
      break;
    case 'L':
      if (strcmp(optarg, "dot") && strcmp(optarg, "sfdp") && strcmp(optarg, "neato"))
        return cp_cli_fail(c, CP_EXIT_USAGE, "unknown layout '%s' (choose from dot, sfdp, neato)",
                           optarg);
      layout = optarg;
      break;
    case 'C':
      if ((code = cp_cli_parse_method(c, optarg, &method)))
        return code;
      communities = true;
      break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if (!from_name != !to_name)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--from and --to go together");

  if (!batch_path != !out_dir)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--batch and --out-dir go together");
  if (format == CP_OUT_HTML && !batch_path)
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--format html is for --batch (one page a student); "
                       "for one route use 'careerpath route --format html'");
  if (batch_path && (from_name || focus || n_domains || top || k > 1))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--batch takes its questions from its rows; drop "
                       "--from, --to, --k, --focus and --domain");
  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  if (communities && (code = colour_by_community(c, g, method)))
    goto cleanup;
  if (batch_path) {
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
      code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot make '%s': %s", out_dir, strerror(errno));
      goto cleanup;
    }
    if ((st = cp_router_new(g, &router, &e))) {
      code = cp_cli_status(c, st, &e);
      goto cleanup;
    }
    cp_cli_request defaults;
    cp_cli_request_init(&defaults);
    if (by_given) {
      memset(defaults.weights, 0, sizeof defaults.weights);
      defaults.weights[by] = 1;
      defaults.by = by;
    }
    const char *inputs[] = {batch_path, graph_path, roles, NULL};
    code = render_batch_run(c, router, &defaults, batch_path, out_dir, format, inputs);
    goto cleanup;
  }
  cp_render_options ro = {.label_by = by, .title = title, .layout = layout};
  /* A large map is read a piece at a time: a role's neighbourhood, some domains. */
  if (focus || n_domains || top) {
    size_t n = cp_graph_role_count(g);
    if (!(shown = calloc(n ? n : 1, 1))) {
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
      goto cleanup;
    }
    if (top) {
      if ((st = cp_graph_top_roles(g, top, shown, &e))) {
        code = cp_cli_status(c, st, &e);
        goto cleanup;
      }
      if (focus) { /* both: the central roles near the focus */
        unsigned char *near = calloc(n ? n : 1, 1);
        size_t at;
        if (!near || (st = cp_graph_find_role(g, focus, &at, &e)) ||
            (st = cp_graph_neighbourhood(g, at, radius, near, &e))) {
          free(near);
          code =
              near ? cp_cli_status(c, st, &e) : cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
          goto cleanup;
        }
        for (size_t i = 0; i < n; i++)
          shown[i] &= near[i];
        free(near);
      }
    } else if (focus) {
      size_t at;
      if ((st = cp_graph_find_role(g, focus, &at, &e)) ||
          (st = cp_graph_neighbourhood(g, at, radius, shown, &e))) {
        code = cp_cli_status(c, st, &e);
        goto cleanup;
      }
    } else {
      memset(shown, 1, n);
    }
    for (size_t d = 0; d < n_domains; d++) {
      bool any = false;
      for (size_t i = 0; i < n; i++)
        any |= strcasecmp(cp_graph_role(g, i)->domain, domains[d]) == 0;
      if (!any) {
        code = cp_cli_fail(c, CP_EXIT_INPUT, "no role has domain '%s'; see 'careerpath roles'",
                           domains[d]);
        goto cleanup;
      }
    }
    for (size_t i = 0; i < n && n_domains; i++) {
      bool in = false;
      for (size_t d = 0; d < n_domains; d++)
        in |= strcasecmp(cp_graph_role(g, i)->domain, domains[d]) == 0;
      shown[i] &= in;
    }
    ro.shown = shown;
  }
  /* Edge labels default to months; a graph without months is drawn unlabelled rather than
   * refused, unless the user asked for that criterion. */
  if (cp_graph_check_criterion(g, by, by_given ? &e : NULL) != CP_OK) {
    if (by_given) {
      code = cp_cli_status(c, CP_ENOCRIT, &e);
      goto cleanup;
    }
    by = ro.label_by = CP_BY_STEPS;
  }
  if (from_name) {
    size_t from, to;
    if ((code = cp_cli_find_routes(c, g, from_name, to_name, by, k, &from, &to, &list)))
      goto cleanup;
    if (list->n == 0) {
      code = cp_cli_fail(c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s'; nothing drawn",
                         cp_graph_role(g, from)->label, cp_graph_role(g, to)->label);
      goto cleanup;
    }
    ro.route = &list->routes[0];
    ro.alternatives = list->routes + 1;
    ro.n_alternatives = list->n - 1;
    /* The title says what was asked and what the best answer costs. */
    if (!title) {
      const char *name = cp_graph_attr(g, "label");
      char totals[128];
      cp_cli_route_summary(ro.route, totals, sizeof totals);
      snprintf(question, sizeof question, "%s: %s to %s, by %s: %s",
               name && *name ? name : cp_graph_name(g), cp_graph_role(g, from)->label,
               cp_graph_role(g, to)->label, cp_criterion_name(by), totals);
      ro.title = question;
    }
  }
  if ((code = cp_cli_draw(c, g, &ro, format, &text, &len)))
    goto cleanup;
  const char *inputs[] = {graph_path, roles, NULL};
  code = cp_cli_write(c, output, text, len, inputs);
cleanup:
  cp_router_free(router);
  free(shown);
  free(text);
  cp_route_list_free(list);
  cp_graph_free(g);
  return code;
}
