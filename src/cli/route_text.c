/* route_text.c: a route, its figures and the conditions of its question, as text. */
#include "route_present.h"

#include <math.h>
#include <string.h>

void cp_cli_number(double v, char *buf, size_t n) {
  if (isnan(v))
    snprintf(buf, n, "-");
  else
    snprintf(buf, n, "%g", v);
}

void cp_cli_route_figures(const cp_route *r, cp_cli_figures *f) {
  cp_cli_number(r->months, f->months, sizeof f->months);
  cp_format_money(r->cost, f->cost, sizeof f->cost);
  cp_cli_number(r->effort, f->effort, sizeof f->effort);
}

void cp_cli_step_figures(const cp_router *router, const cp_query *q, size_t transition,
                         cp_cli_figures *f) {
  double months, cost;
  cp_step_figures(router, q, transition, &months, &cost);
  cp_cli_number(months, f->months, sizeof f->months);
  cp_format_money(cost, f->cost, sizeof f->cost);
  cp_cli_number(cp_graph_transition(cp_router_graph(router), transition)->effort, f->effort,
                sizeof f->effort);
}

void cp_cli_route_summary(const cp_route *r, char *buf, size_t n) {
  cp_cli_figures f;
  cp_cli_route_figures(r, &f);
  snprintf(buf, n, "%zu step%s, %s months, %s", r->n_steps, r->n_steps == 1 ? "" : "s", f.months,
           f.cost);
}

/* "Within $15,000, 36 months" for the limits set; whether it wrote anything. */
static bool limits_text(FILE *f, const cp_cli_request *rq) {
  static const char *const unit[NC] = {"steps", "months", "", "effort"};
  char money[48];
  bool any = false;
  for (int c = 0; c < NC; c++) {
    if (!isfinite(rq->limits[c]))
      continue;
    fputs(any ? ", " : "Within ", f);
    if (c == CP_BY_COST) {
      cp_format_money(rq->limits[c], money, sizeof money);
      fputs(money, f);
    } else {
      fprintf(f, "%g %s", rq->limits[c], unit[c]);
    }
    any = true;
  }
  return any;
}

void cp_cli_conditions_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                            const cp_cli_answer *a) {
  bool any = limits_text(f, rq);
  for (size_t i = 0; i < rq->avoid.n; i++) {
    fprintf(f, "%s%s", i ? ", " : (any ? "; avoiding " : "Avoiding "),
            cp_graph_role(g, a->avoid[i])->label);
    any = true;
  }
  for (size_t i = 0; i < rq->avoid_domain.n; i++) {
    fprintf(f, "%s%s roles", i || rq->avoid.n ? ", " : (any ? "; avoiding " : "Avoiding "),
            rq->avoid_domain.name[i]);
    any = true;
  }
  for (size_t i = 0; i < rq->via.n; i++) {
    fprintf(f, "%s%s", i ? " then " : (any ? "; through " : "Through "),
            cp_graph_role(g, a->via[i])->label);
    any = true;
  }
  for (size_t i = 0; i < rq->have.n; i++) {
    fprintf(f, "%s%s", i ? ", " : (any ? "; holding " : "Holding "), rq->have.name[i]);
    any = true;
  }
  if (any)
    fputs(".\n", f);
}

/* "; already held: X; to earn: Y; requires: Z" for step `s`, each list only when not empty. */
static void requirements_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                              const cp_route *r, size_t s) {
  static const char *const heading[] = {"; already held: ", "; to earn: ", "; requires: "};
  const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
  for (cp_requirement kind = CP_REQ_HELD; kind <= CP_REQ_OTHER; kind++) {
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires; j++)
      if (cp_requirement_status(g, r, s, t->requires[j], rq -> have.name, rq->have.n) == kind)
        fprintf(f, "%s%s", shown++ ? ", " : heading[kind], t->requires[j]);
  }
}

void cp_cli_route_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                       const cp_cli_request *rq, const cp_route *r) {
  const cp_graph *g = cp_router_graph(router);
  cp_cli_figures fig;
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    cp_cli_step_figures(router, &a->q, r->transitions[i], &fig);
    fprintf(f, "  %zu. %s -> %s\n", i + 1, cp_graph_role(g, t->from)->label,
            cp_graph_role(g, t->to)->label);
    fprintf(f, "     %s months, %s, effort %s", fig.months, fig.cost, fig.effort);
    requirements_text(f, g, rq, r, i);
    fputc('\n', f);
    if (*t->note)
      fprintf(f, "     %s\n", t->note);
  }
  cp_cli_route_figures(r, &fig);
  fprintf(f, "  Total: %zu step%s, %s months, %s, effort %s\n", r->n_steps,
          r->n_steps == 1 ? "" : "s", fig.months, fig.cost, fig.effort);
  if (cp_graph_months_are_medians(g)) /* issue 16: say what the months are */
    fputs("  (months: the median time in a role before each move, observed in career "
          "histories)\n",
          f);
}

void cp_cli_answer_text(FILE *f, const cp_router *router, const cp_cli_request *rq,
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

void cp_cli_answer_line(FILE *f, size_t line, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  char by[256];
  cp_cli_figures fig;
  cp_cli_describe(rq, by, sizeof by);
  fprintf(f, "line %zu: %s -> %s by %s: ", line, cp_graph_role(g, a->from)->id,
          cp_graph_role(g, a->to)->id, by);
  if (a->routes->n == 0) {
    fputs("no route\n", f);
    return;
  }
  const cp_route *r = &a->routes->routes[0];
  cp_cli_route_figures(r, &fig);
  fprintf(f, "%zu steps, %s months, %s, effort %s:", r->n_steps, fig.months, fig.cost, fig.effort);
  for (size_t i = 0; i <= r->n_steps; i++)
    fprintf(f, "%s%s", i ? " > " : " ", cp_graph_role(g, r->roles[i])->id);
  if (a->routes->n > 1)
    fprintf(f, " (+%zu more)", a->routes->n - 1);
  fputc('\n', f);
}
