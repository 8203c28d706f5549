/* route_html.c: a route drawn alone (each step a card) and as a page with a step table. */
#include "draw.h"
#include "html.h"
#include "route_present.h"
#include "write.h"

#include <stdlib.h>

/* One cell per kind of requirement: held, to earn, other. */
static void requirement_cells(FILE *f, const cp_graph *g, const cp_cli_answer *a, const cp_route *r,
                              size_t s) {
  static const char *const kinds[] = {"held", "to-earn", "requires"};
  const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
  for (cp_requirement kind = CP_REQ_HELD; kind <= CP_REQ_OTHER; kind++) {
    fprintf(f, "<td class=\"%s\">", kinds[kind]);
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires; j++) {
      if (cp_requirement_status(g, r, s, t->requires[j], a -> q.have, a->q.n_have) != kind)
        continue;
      fputs(shown++ ? ", " : "", f);
      cp_cli_html_text(f, t->requires[j]);
    }
    fputs("</td>", f);
  }
}

/* The yearly wage of the role a step reaches, in the last column (issue 14: pay beside each
 * role); empty when it has none. */
static void wage_html(FILE *f, const cp_role *role) {
  char wage[64];
  fputs("<td class=\"wage n\">", f);
  if (cp_cli_wage(role, wage, sizeof wage))
    fputs(wage, f);
  fputs("</td>", f);
}

/* The route's pay line (route_text.c's words, escaped) as a paragraph after the table. */
static void pay_html(FILE *f, const cp_graph *g, const cp_route *r) {
  char *text = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&text, &len);
  if (!m)
    return;
  cp_cli_pay_text(m, g, r, false);
  if (fclose(m) == 0 && text && len > 8) { /* "  Pay: ...\n" */
    text[len - 1] = '\0';
    fputs("<p class=\"pay\">", f);
    cp_cli_html_text(f, text + 2);
    fputs("</p>\n", f);
  }
  free(text);
}

void cp_cli_route_table_html(FILE *f, const cp_router *router, const cp_cli_answer *a,
                             const cp_cli_request *rq, const cp_route *r) {
  (void)rq; /* what the person holds is the answer's (a->q.have), resolved */
  const cp_graph *g = cp_router_graph(router);
  cp_cli_figures fig;
  fputs("<table class=\"steps\">\n<thead><tr><th>Step</th><th>From</th><th>To</th>"
        "<th>Months</th><th>Cost</th><th>Effort</th><th>Already held</th><th>To earn</th>"
        "<th>Requires</th><th>What it involves</th><th>Pay there</th></tr></thead>\n<tbody>\n",
        f);
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    cp_cli_step_figures(router, &a->q, r->transitions[i], &fig);
    fprintf(f, "<tr><td class=\"n\">%zu</td><td>", i + 1);
    cp_cli_html_text(f, cp_graph_role(g, t->from)->label);
    fputs("</td><td>", f);
    cp_cli_html_text(f, cp_graph_role(g, t->to)->label);
    fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>",
            fig.months, fig.cost, fig.effort);
    requirement_cells(f, g, a, r, i);
    fputs("<td>", f);
    cp_cli_html_text(f, t->note);
    fputs("</td>", f);
    wage_html(f, cp_graph_role(g, t->to));
    fputs("</tr>\n", f);
  }
  cp_cli_route_figures(r, &fig);
  fprintf(f,
          "</tbody>\n<tfoot><tr><th colspan=\"3\">Total: %zu step%s</th><td class=\"n\">%s</td>"
          "<td class=\"n\">%s</td><td class=\"n\">%s</td><td colspan=\"5\"></td></tr></tfoot>\n"
          "</table>\n",
          r->n_steps, r->n_steps == 1 ? "" : "s", fig.months, fig.cost, fig.effort);
  pay_html(f, g, r);
}

/* The route alone, each step a card with what this person pays (credentials held taken
 * off), as `format` (an HTML page takes the SVG). */
static int draw_cards(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title, char **text,
                      size_t *len) {
  const cp_route *best = &a->routes->routes[0];
  double *months = malloc((best->n_steps + 1) * sizeof *months);
  double *cost = malloc((best->n_steps + 1) * sizeof *cost);
  int code;
  if (!months || !cost) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < best->n_steps; i++)
    cp_step_figures(router, &a->q, best->transitions[i], &months[i], &cost[i]);
  cp_render_options ro = {.label_by = rq->by == CP_BY_STEPS ? CP_BY_MONTHS : rq->by,
                          .route = best,
                          .route_only = 1,
                          .title = title,
                          .step_months = months,
                          .step_cost = cost,
                          .have = a->q.have,
                          .n_have = a->q.n_have};
  code = cp_cli_draw(c, cp_router_graph(router), &ro, format == CP_OUT_HTML ? CP_OUT_SVG : format,
                     text, len);
cleanup:
  free(months);
  free(cost);
  return code;
}

/* The page's body: the conditions line (names escaped like the rest), then the step table;
 * NULL when memory ran out. */
static char *page_body(const cp_router *router, const cp_cli_request *rq, const cp_cli_answer *a) {
  char *table = NULL, *cond = NULL;
  size_t table_len = 0, cond_len = 0;
  FILE *f = open_memstream(&table, &table_len), *cf = open_memstream(&cond, &cond_len);
  if (!f || !cf) {
    if (f)
      fclose(f);
    if (cf)
      fclose(cf);
    free(table);
    free(cond);
    return NULL;
  }
  cp_cli_conditions_text(cf, cp_router_graph(router), rq, a);
  bool cond_ok = cp_cli_memstream_close(cf, &cond);
  if (cond_ok && cond_len) {
    fputs("<p class=\"conditions\">", f);
    cp_cli_html_text(f, cond);
    fputs("</p>\n", f);
  }
  cp_cli_route_table_html(f, router, a, rq, &a->routes->routes[0]);
  bool table_ok = cp_cli_memstream_close(f, &table);
  free(cond);
  if (!cond_ok || !table_ok) {
    free(table);
    return NULL;
  }
  return table;
}

int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title, char **text,
                      size_t *len) {
  const cp_graph *g = cp_router_graph(router);
  char own_title[512], by[256], totals[128];
  if (!title) {
    cp_cli_plain_by(rq, by, sizeof by);
    cp_cli_route_summary(&a->routes->routes[0], totals, sizeof totals);
    cp_format_bounded(own_title, sizeof own_title, "%s to %s, %s: %s",
                      cp_graph_role(g, a->from)->label, cp_graph_role(g, a->to)->label, by, totals);
    title = own_title;
  }
  int code = draw_cards(c, router, rq, a, format, title, text, len);
  if (code || format != CP_OUT_HTML)
    return code;
  /* A page a student can open offline: the drawing, then the steps as a table. */
  char *body = page_body(router, rq, a), *page = NULL;
  if (!body)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  code = cp_cli_html_page(c, title, *text, body, &page, len);
  free(body);
  free(*text);
  *text = page;
  return code;
}
