/* route_text.c: a route, its figures and the conditions of its question, as text in plain
 * words: durations with years beside them, effort on its scale, what is already held. */
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
  cp_format_months(r->months, f->duration, sizeof f->duration);
  cp_format_money(r->cost, f->cost, sizeof f->cost);
  cp_cli_number(r->effort, f->effort, sizeof f->effort);
}

void cp_cli_step_figures(const cp_router *router, const cp_query *q, size_t transition,
                         cp_cli_figures *f) {
  double months, cost;
  cp_step_figures(router, q, transition, &months, &cost);
  cp_cli_number(months, f->months, sizeof f->months);
  cp_format_months(months, f->duration, sizeof f->duration);
  cp_format_money(cost, f->cost, sizeof f->cost);
  cp_cli_number(cp_graph_transition(cp_router_graph(router), transition)->effort, f->effort,
                sizeof f->effort);
}

void cp_cli_route_summary(const cp_route *r, char *buf, size_t n) {
  cp_cli_figures f;
  cp_cli_route_figures(r, &f);
  snprintf(buf, n, "%zu step%s, %s, %s", r->n_steps, r->n_steps == 1 ? "" : "s", f.duration,
           f.cost);
}

void cp_cli_limit_text(FILE *f, cp_criterion c, double limit) {
  char buf[64];
  if (c == CP_BY_COST)
    cp_format_money(limit, buf, sizeof buf);
  else if (c == CP_BY_MONTHS)
    cp_format_months(limit, buf, sizeof buf);
  else
    snprintf(buf, sizeof buf, c == CP_BY_STEPS ? "%g steps" : "effort %g", limit);
  fputs(buf, f);
}

/* "Within $15,000, 36 months (3 years)" for the limits set; whether it wrote anything. */
static bool limits_text(FILE *f, const cp_cli_request *rq) {
  bool any = false;
  for (int c = 0; c < NC; c++) {
    if (!isfinite(rq->limits[c]))
      continue;
    fputs(any ? ", " : "Within ", f);
    cp_cli_limit_text(f, (cp_criterion)c, rq->limits[c]);
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
  for (size_t i = 0; i < a->q.n_have; i++) {
    fprintf(f, "%s%s", i ? ", " : (any ? "; holding " : "Holding "), a->q.have[i]);
    any = true;
  }
  if (any)
    fputs(".\n", f);
}

/* "; already held: X; to earn: Y; requires: Z (you have SQL; still to get: visualisation)" for
 * step `s`, each list only when not empty. */
static void requirements_text(FILE *f, const cp_graph *g, const cp_cli_answer *a, const cp_route *r,
                              size_t s) {
  static const char *const heading[] = {"; already held: ", "; to earn: ", "; requires: "};
  const cp_transition *t = cp_graph_transition(g, r->transitions[s]);
  for (cp_requirement kind = CP_REQ_HELD; kind <= CP_REQ_OTHER; kind++) {
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires; j++) {
      if (cp_requirement_status(g, r, s, t->requires[j], a -> q.have, a->q.n_have) != kind)
        continue;
      fprintf(f, "%s%s", shown++ ? ", " : heading[kind], t->requires[j]);
      char missing[256];
      if (kind != CP_REQ_HELD && cp_requirement_held(t->requires[j], a -> q.have, a->q.n_have,
                                                     missing, sizeof missing) == CP_HOLD_PART)
        fprintf(f, " (partly held; still to get: %s)", missing);
    }
  }
}

bool cp_cli_wage(const cp_role *r, char *buf, size_t n) {
  double w;
  char money[48];
  if (!cp_role_wage(r, &w))
    return false;
  cp_format_money(w, money, sizeof money);
  snprintf(buf, n, "%s a year", money);
  return true;
}

/* " ($92,600 a year)" after a role that has a wage. */
static void wage_text(FILE *f, const cp_role *r) {
  char wage[64];
  if (cp_cli_wage(r, wage, sizeof wage))
    fprintf(f, " (%s)", wage);
}

/* Moves that only earn what the person holds: not steps to take, said once. */
static size_t held_steps_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                              const cp_route *r) {
  const cp_graph *g = cp_router_graph(router);
  size_t held = 0;
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    if (!cp_step_already_held(router, &a->q, r->transitions[i]))
      continue;
    fputs("  Already held: ", f);
    for (size_t j = 0; j < t->n_requires; j++)
      fprintf(f, "%s%s", j ? ", " : "", t->requires[j]);
    fprintf(f, " (%s -> %s)\n", cp_graph_role(g, t->from)->label, cp_graph_role(g, t->to)->label);
    held++;
  }
  return held;
}

/* Step `i` as the person takes it: roles, figures, requirements, note (and source). */
static void step_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                      const cp_cli_request *rq, const cp_route *r, size_t i, size_t number) {
  const cp_graph *g = cp_router_graph(router);
  const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
  cp_cli_figures fig;
  cp_cli_step_figures(router, &a->q, r->transitions[i], &fig);
  fprintf(f, "  %zu. %s -> %s", number, cp_graph_role(g, t->from)->label,
          cp_graph_role(g, t->to)->label);
  wage_text(f, cp_graph_role(g, t->to));
  fprintf(f, "\n     %s, %s, effort %s of 5 (%s)", fig.duration, fig.cost, fig.effort,
          cp_effort_words(t->effort));
  requirements_text(f, g, a, r, i);
  fputc('\n', f);
  if (*t->note)
    fprintf(f, "     %s\n", t->note);
  if (rq->sources && *t->source)
    fprintf(f, "     Source: %s\n", t->source);
}

/* The hardest step the person takes, in words. */
static const char *hardest(const cp_router *router, const cp_cli_answer *a, const cp_route *r) {
  double most = 0;
  for (size_t i = 0; i < r->n_steps; i++)
    if (!cp_step_already_held(router, &a->q, r->transitions[i]))
      most = fmax(most, cp_graph_transition(cp_router_graph(router), r->transitions[i])->effort);
  return cp_effort_words(most);
}

void cp_cli_route_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                       const cp_cli_request *rq, const cp_route *r) {
  size_t held = held_steps_text(f, router, a, r), number = 0;
  for (size_t i = 0; i < r->n_steps; i++)
    if (!cp_step_already_held(router, &a->q, r->transitions[i]))
      step_text(f, router, a, rq, r, i, ++number);
  cp_cli_figures fig;
  cp_cli_route_figures(r, &fig);
  fprintf(f, "  Total: %zu step%s", number, number == 1 ? "" : "s");
  if (held)
    fprintf(f, " (and %zu already held)", held);
  fprintf(f, ", %s, %s, effort %s", fig.duration, fig.cost, fig.effort);
  if (number)
    fprintf(f, " (hardest step: %s)", hardest(router, a, r));
  fputc('\n', f);
  if (cp_graph_months_are_medians(cp_router_graph(router))) /* say what the months are */
    fputs("  (months: the median time in a role before each move, observed in career "
          "histories)\n",
          f);
  cp_cli_pay_text(f, cp_router_graph(router), r, rq->sources);
}

/* "Registered Nurse $75,510 a year" (with "(estimate)" when its source says so). */
static void wage_of(FILE *f, const cp_role *r, double wage) {
  char money[48];
  const char *src = cp_role_attr(r, "wage_source");
  cp_format_money(wage, money, sizeof money);
  fprintf(f, " %s %s a year%s", r->label, money,
          src && strstr(src, "estimate") ? " (estimate)" : "");
}

/* "; the rise of $77,350 a year repays the route's $60,695 in 9.4 months." */
static void payback_text(FILE *f, const cp_graph *g, const cp_route *r, double from, double to) {
  double p = cp_route_payback(g, r);
  char cost[48], rise[48], months[64];
  cp_format_money(r->cost, cost, sizeof cost);
  cp_format_money(to - from, rise, sizeof rise);
  cp_format_months(p, months, sizeof months);
  if (p == 0)
    fputs("; the route costs nothing out of pocket", f);
  else if (isinf(p))
    fprintf(f, "; the pay does not rise, so it does not repay the route's %s", cost);
  else if (!isnan(p))
    fprintf(f, "; the rise of %s a year repays the route's %s in %s", rise, cost, months);
}

void cp_cli_pay_text(FILE *f, const cp_graph *g, const cp_route *r, bool sources) {
  const cp_role *ends[2] = {cp_graph_role(g, r->roles[0]), cp_graph_role(g, r->roles[r->n_steps])};
  double wage[2];
  bool has[2] = {cp_role_wage(ends[0], &wage[0]), cp_role_wage(ends[1], &wage[1])};
  if (!has[0] && !has[1])
    return;
  fputs("  Pay:", f);
  for (int i = 0; i < 2; i++)
    if (has[i]) {
      fputs(i && has[0] ? ";" : "", f);
      wage_of(f, ends[i], wage[i]);
    }
  if (has[0] && has[1])
    payback_text(f, g, r, wage[0], wage[1]);
  fputs(".\n", f);
  for (int i = 0; i < 2 && sources; i++)
    if (has[i] && cp_role_attr(ends[i], "wage_source"))
      fprintf(f, "  Wage of %s: %s\n", ends[i]->label, cp_role_attr(ends[i], "wage_source"));
}

/* The heading of route i: "Fastest route from A to B:" or "Route 2 of 3 from A to B, fastest
 * first:"; with several targets, which one this route reaches. */
static void heading_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                         const cp_cli_answer *a, size_t i) {
  char by[256];
  cp_cli_plain_by(rq, by, sizeof by);
  const cp_route *r = &a->routes->routes[i];
  const char *from = cp_graph_role(g, a->from)->label;
  const char *to = cp_graph_role(g, r->roles[r->n_steps])->label;
  if (a->routes->n == 1 && !rq->n_pareto && rq->weighted) {
    fprintf(f, "Best route from %s to %s, %s", from, to, by);
  } else if (a->routes->n == 1 && !rq->n_pareto) {
    static const char *const single[NC] = {"Route with the fewest steps", "Fastest route",
                                           "Cheapest route", "Least-effort route"};
    fprintf(f, "%s from %s to %s", rq->payback ? "Route repaid soonest" : single[rq->by], from, to);
  } else {
    fprintf(f, "Route %zu of %zu from %s to %s, %s%s", i + 1, a->routes->n, from, to, by,
            rq->n_pareto ? "" : " first");
  }
  if (a->n_targets > 1) {
    fputs(" (of ", f);
    for (size_t t = 0; t < a->n_targets; t++)
      fprintf(f, "%s%s", t ? (t + 1 == a->n_targets ? " or " : ", ") : "",
              cp_graph_role(g, a->targets[t])->label);
    fputc(')', f);
  }
  fputs(":\n", f);
}

void cp_cli_answer_text(FILE *f, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  cp_cli_conditions_text(f, g, rq, a);
  for (size_t i = 0; i < a->routes->n; i++) {
    if (i)
      fputc('\n', f);
    heading_text(f, g, rq, a, i);
    cp_cli_route_text(f, router, a, rq, &a->routes->routes[i]);
  }
}

void cp_cli_answer_line(FILE *f, size_t line, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  char by[256];
  cp_cli_figures fig;
  cp_cli_plain_by(rq, by, sizeof by);
  fprintf(f, "line %zu: %s -> %s, %s: ", line, cp_graph_role(g, a->from)->label,
          cp_graph_role(g, a->to)->label, by);
  if (a->routes->n == 0) {
    fputs("no route\n", f);
    return;
  }
  const cp_route *r = &a->routes->routes[0];
  cp_cli_route_figures(r, &fig);
  fprintf(f, "%zu step%s, %s, %s, effort %s:", r->n_steps, r->n_steps == 1 ? "" : "s", fig.duration,
          fig.cost, fig.effort);
  for (size_t i = 0; i <= r->n_steps; i++)
    fprintf(f, "%s%s", i ? " > " : " ", cp_graph_role(g, r->roles[i])->label);
  if (a->routes->n > 1)
    fprintf(f, " (+%zu more)", a->routes->n - 1);
  fputc('\n', f);
}
