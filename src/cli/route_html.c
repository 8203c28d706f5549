/* route_html.c: routes drawn alone (each step a card, routes side by side) and the handout: a
 * page with the question in words, the date, the drawing, each route's steps and sources. */
#include "draw.h"
#include "html.h"
#include "route_present.h"
#include "write.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the question in words ---- */

/* "2nd", "3rd", "11th", "22nd". */
static void ordinal(size_t i, char *buf, size_t n) {
  const char *suffix = i % 100 >= 11 && i % 100 <= 13 ? "th"
                       : i % 10 == 1                  ? "st"
                       : i % 10 == 2                  ? "nd"
                       : i % 10 == 3                  ? "rd"
                                                      : "th";
  snprintf(buf, n, "%zu%s", i, suffix);
}

/* "months and cost", "months, cost and effort". */
static void pareto_list(const cp_cli_request *rq, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < rq->n_pareto && used < n; i++)
    used += (size_t)snprintf(buf + used, n - used, "%s%s",
                             i == 0                  ? ""
                             : i + 1 == rq->n_pareto ? " and "
                                                     : ", ",
                             cp_criterion_name(rq->pareto[i]));
}

void cp_cli_criterion_words(const cp_cli_request *rq, size_t n_routes, char *buf, size_t n) {
  char list[128], by[256];
  bool one = n_routes == 1;
  if (rq->n_pareto) {
    pareto_list(rq, list, sizeof list);
    snprintf(buf, n, "every route no other beats on %s%s", rq->n_pareto > 2 ? "all of " : "both ",
             list);
  } else if (rq->weighted) {
    cp_cli_describe(rq, by, sizeof by);
    if (one)
      snprintf(buf, n, "the best trade-off (%s)", by);
    else
      snprintf(buf, n, "the %zu best trade-offs (%s)", n_routes, by);
  } else if (rq->by == CP_BY_MONTHS || rq->by == CP_BY_COST) {
    if (one)
      snprintf(buf, n, "the %s route", cp_criterion_superlative(rq->by));
    else
      snprintf(buf, n, "the %zu %s routes", n_routes, cp_criterion_superlative(rq->by));
  } else {
    if (one)
      snprintf(buf, n, "the route with the %s", cp_criterion_superlative(rq->by));
    else
      snprintf(buf, n, "the %zu routes with the %s", n_routes, cp_criterion_superlative(rq->by));
  }
}

static double total_on(const cp_route *r, cp_criterion c) {
  return c == CP_BY_STEPS    ? (double)r->n_steps
         : c == CP_BY_MONTHS ? r->months
         : c == CP_BY_COST   ? r->cost
                             : r->effort;
}

/* What a Pareto route is best at among the set: "Fastest and cheapest", or "" for none. */
static void best_at(const cp_cli_request *rq, const cp_route_list *routes, size_t i, char *buf,
                    size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < rq->n_pareto && used < n; k++) {
    cp_criterion c = rq->pareto[k];
    bool least = true;
    for (size_t j = 0; j < routes->n && least; j++)
      least = !(total_on(&routes->routes[j], c) < total_on(&routes->routes[i], c));
    if (least)
      used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? " and " : "",
                               cp_criterion_superlative(c));
  }
  if (*buf >= 'a' && *buf <= 'z')
    *buf = (char)(*buf - 32);
}

void cp_cli_route_heading(const cp_cli_request *rq, const cp_route_list *routes, size_t i,
                          char *buf, size_t n) {
  char name[128], nth[16], totals[128];
  ordinal(i + 1, nth, sizeof nth);
  if (rq->n_pareto) {
    best_at(rq, routes, i, name, sizeof name);
    if (!*name)
      snprintf(name, sizeof name, "Option %zu", i + 1);
  } else if (rq->weighted) {
    snprintf(name, sizeof name, i ? "%s best trade-off" : "Best trade-off", nth);
  } else if (i == 0) {
    snprintf(name, sizeof name, "%s", cp_criterion_superlative(rq->by));
    name[0] = (char)(name[0] - 32);
  } else {
    snprintf(name, sizeof name, "%s %s", nth, cp_criterion_superlative(rq->by));
  }
  cp_cli_route_summary(&routes->routes[i], totals, sizeof totals);
  snprintf(buf, n, "%s: %s", name, totals);
}

/* ---- the drawing ---- */

/* What each route is called above its cards. */
typedef struct headings {
  char (*text)[256];
  const char **list;
} headings;

static bool headings_make(headings *h, const cp_cli_request *rq, const cp_cli_answer *a) {
  size_t n = a->routes->n;
  h->text = malloc(n * sizeof *h->text);
  h->list = malloc(n * sizeof *h->list);
  for (size_t i = 0; h->text && h->list && i < n; i++) {
    cp_cli_route_heading(rq, a->routes, i, h->text[i], sizeof h->text[i]);
    h->list[i] = h->text[i];
  }
  return h->text && h->list;
}

static void headings_free(headings *h) {
  free(h->text);
  free(h->list);
}

/* The routes alone, side by side, each step a card with what this person pays (credentials
 * held taken off), as `format` (an HTML page takes the SVG, untitled: the page has one). */
static int draw_cards(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title,
                      const cp_cli_handout *h, char **text, size_t *len) {
  const cp_graph *g = cp_router_graph(router);
  size_t n_moves = cp_graph_transition_count(g);
  double *months = malloc((n_moves + 1) * sizeof *months);
  double *cost = malloc((n_moves + 1) * sizeof *cost);
  headings names = {0};
  int code;
  if (!months || !cost || !headings_make(&names, rq, a)) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
    goto cleanup;
  }
  for (size_t t = 0; t < n_moves; t++)
    cp_step_figures(router, &a->q, t, &months[t], &cost[t]);
  cp_render_options ro = {.label_by = rq->by == CP_BY_STEPS ? CP_BY_MONTHS : rq->by,
                          .route = &a->routes->routes[0],
                          .alternatives = a->routes->routes + 1,
                          .n_alternatives = a->routes->n - 1,
                          .route_labels = names.list,
                          .route_only = 1,
                          .title = title,
                          .untitled = format == CP_OUT_HTML,
                          .brief_cards = format == CP_OUT_HTML,
                          .paid_months = months,
                          .paid_cost = cost,
                          .have = a->q.have,
                          .n_have = a->q.n_have,
                          .paper = h->paper,
                          .dpi = h->dpi};
  code = cp_cli_draw(c, g, &ro, format == CP_OUT_HTML ? CP_OUT_SVG : format, text, len);
cleanup:
  headings_free(&names);
  free(months);
  free(cost);
  return code;
}

/* ---- the handout ---- */

/* "To earn: X, Y" for the requirements of step `s` of kind `kind`, or nothing. */
static void requirement_line(FILE *f, const cp_graph *g, const cp_cli_answer *a, const cp_route *r,
                             size_t s, cp_requirement kind) {
  static const char *const heading[] = {"Already held: ", "To earn: ", "Requires: "};
  const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
  size_t shown = 0;
  for (size_t j = 0; j < t->n_requires; j++) {
    if (cp_requirement_status(g, r, s, t->requires[j], a -> q.have, a->q.n_have) != kind)
      continue;
    fputs(shown++ ? ", " : heading[kind], f);
    cp_cli_html_text(f, t->requires[j]);
  }
  if (shown)
    fputs("<br />", f);
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
  fputs(
      "<table class=\"steps\">\n<colgroup><col style=\"width:5%\" /><col style=\"width:12%\" />"
      "<col style=\"width:12%\" /><col style=\"width:7%\" /><col style=\"width:7%\" />"
      "<col style=\"width:10%\" /><col style=\"width:18%\" /><col style=\"width:21%\" />"
      "<col style=\"width:8%\" "
      "/></colgroup>\n<thead><tr><th>Step</th><th>From</th><th>To</th><th>Months</th><th>Cost</th>"
      "<th>Effort</th><th>To earn, requires</th><th>What it involves</th><th>Pay "
      "there</th></tr></thead>\n"
      "<tbody>\n",
      f);
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    cp_cli_step_figures(router, &a->q, r->transitions[i], &fig);
    fprintf(f, "<tr><td class=\"n\">%zu</td><td>", i + 1);
    cp_cli_html_text(f, cp_graph_role(g, t->from)->label);
    fputs("</td><td>", f);
    cp_cli_html_text(f, cp_graph_role(g, t->to)->label);
    fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s", fig.months, fig.cost,
            fig.effort);
    if ((t->has & CP_HAS_EFFORT) && *cp_effort_words(t->effort) != '-')
      fprintf(f, " (%s)", cp_effort_words(t->effort));
    fputs("</td><td>", f);
    for (cp_requirement kind = CP_REQ_TO_EARN; kind <= CP_REQ_OTHER; kind++)
      requirement_line(f, g, a, r, i, kind);
    requirement_line(f, g, a, r, i, CP_REQ_HELD);
    fputs("</td><td>", f);
    cp_cli_html_text(f, t->note);
    fputs("</td>", f);
    wage_html(f, cp_graph_role(g, t->to));
    fputs("</tr>\n", f);
  }
  cp_cli_route_figures(r, &fig);
  fprintf(f,
          "</tbody>\n<tfoot><tr><th colspan=\"3\">Total: %zu %s</th><td class=\"n\">%s</td>"
          "<td class=\"n\">%s</td><td>%s</td><td colspan=\"3\"></td></tr></tfoot>\n"
          "</table>\n",
          r->n_steps, cp_plural((double)r->n_steps, "step", "steps"), fig.months, fig.cost,
          fig.effort);
  pay_html(f, g, r);
}

/* Where each figure comes from: every move of the routes once, in the order they are met. */
static void sources_footer(FILE *f, const cp_graph *g, const cp_cli_answer *a, const char *date) {
  fputs("<footer>\n<p>Months, costs and effort are typical values for a move, most of them "
        "estimates; what each rests on:</p>\n<ol>\n",
        f);
  for (size_t i = 0; i < a->routes->n; i++) {
    const cp_route *r = &a->routes->routes[i];
    for (size_t s = 0; s < r->n_steps; s++) {
      bool seen = false;
      for (size_t j = 0; j <= i && !seen; j++)
        for (size_t k = 0; k < a->routes->routes[j].n_steps && !seen; k++)
          seen = (j < i || k < s) && a->routes->routes[j].transitions[k] == r->transitions[s];
      if (seen)
        continue;
      const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
      fputs("<li>", f);
      cp_cli_html_text(f, cp_graph_role(g, t->from)->label);
      fputs(" &#8594; ", f);
      cp_cli_html_text(f, cp_graph_role(g, t->to)->label);
      fputs(": ", f);
      cp_cli_html_text(f, *t->source ? t->source : "no source given (an estimate)");
      fputs("</li>\n", f);
    }
  }
  fputs("</ol>\n<p>Made with careerpath on ", f);
  cp_cli_html_text(f, date);
  fputs(" from the graph &#8220;", f);
  const char *label = cp_graph_attr(g, "label");
  cp_cli_html_text(f, label && *label ? label : cp_graph_name(g));
  fputs("&#8221;.</p>\n</footer>\n", f);
}

/* The page's body: what was asked and when, the drawing, each route's steps, the sources. */
static void page_body(FILE *f, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, const char *svg, const char *date) {
  const cp_graph *g = cp_router_graph(router);
  char words[512], heading[512];
  char *cond = NULL;
  size_t cond_len = 0;
  cp_cli_criterion_words(rq, a->routes->n, words, sizeof words);
  fputs("<p class=\"meta\">From <b>", f);
  cp_cli_html_text(f, cp_graph_role(g, a->from)->label);
  fputs("</b> to <b>", f);
  cp_cli_html_text(f, cp_graph_role(g, a->to)->label);
  fputs("</b>: ", f);
  cp_cli_html_text(f, words);
  fputs(". ", f);
  cp_cli_html_text(f, date);
  fputs(".</p>\n", f);
  FILE *cf = open_memstream(&cond, &cond_len);
  if (cf) {
    cp_cli_conditions_text(cf, g, rq, a);
    if (cp_cli_memstream_close(cf, &cond) && cond_len) {
      fputs("<p class=\"conditions\">", f);
      cp_cli_html_text(f, cond);
      fputs("</p>\n", f);
    }
  }
  free(cond);
  cp_cli_html_figure(f, svg);
  for (size_t i = 0; i < a->routes->n; i++) {
    cp_cli_route_heading(rq, a->routes, i, heading, sizeof heading);
    fputs("<section>\n<h2>", f);
    cp_cli_html_text(f, heading);
    fputs("</h2>\n", f);
    cp_cli_route_table_html(f, router, a, rq, &a->routes->routes[i]);
    fputs("</section>\n", f);
  }
  sources_footer(f, g, a, date);
}

/* The handout around the drawing `svg`. */
static int handout(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                   const cp_cli_answer *a, const char *title, const char *svg, char **page,
                   size_t *len) {
  char date[64], *body = NULL;
  size_t body_len = 0;
  int code = cp_cli_today(c, date, sizeof date);
  if (code)
    return code;
  FILE *f = open_memstream(&body, &body_len);
  if (!f)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  page_body(f, router, rq, a, svg, date);
  if (!cp_cli_memstream_close(f, &body))
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  code = cp_cli_html_page(c, title, body, page, len);
  free(body);
  return code;
}

int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const cp_cli_handout *h,
                      char **text, size_t *len) {
  const cp_graph *g = cp_router_graph(router);
  char title[768], words[512];
  cp_format_bounded(title, sizeof title, "%s%s%s to %s", h->name && *h->name ? h->name : "",
                    h->name && *h->name ? ": " : "", cp_graph_role(g, a->from)->label,
                    cp_graph_role(g, a->to)->label);
  if (format != CP_OUT_HTML) { /* a drawing alone says what it shows */
    cp_cli_criterion_words(rq, a->routes->n, words, sizeof words);
    size_t used = strlen(title);
    cp_format_bounded(title + used, sizeof title - used, ", %s", words);
  }
  int code = draw_cards(c, router, rq, a, format, title, h, text, len);
  if (code || format != CP_OUT_HTML)
    return code;
  char *page = NULL;
  code = handout(c, router, rq, a, title, *text, &page, len);
  free(*text);
  *text = page;
  return code;
}
