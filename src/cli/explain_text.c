/* explain_text.c: why there is no route, how close routes come under limits and why a list
 * of routes is short, in sentences. */
#include "route_present.h"

#include <math.h>
#include <string.h>

/* "A", "A or B", "A, B or C" (`last` the word before the last item). */
static void labels_text(FILE *f, const cp_graph *g, const size_t *roles, size_t n,
                        const char *last) {
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%s%s", i == 0 ? "" : i + 1 == n ? last : ", ", cp_graph_role(g, roles[i])->label);
}

/* A ';'-separated list as "a, b and c". */
static void list_text(FILE *f, const char *list) {
  size_t n = 0, i = 0;
  for (const char *p = list; *p; p++)
    n += *p == ';';
  for (const char *p = list; *p; i++) {
    size_t len = strcspn(p, ";");
    while (*p == ' ')
      p++, len--;
    fprintf(f, "%s%.*s", i == 0 ? "" : i == n ? " and " : ", ", (int)len, p);
    p += len + (p[len] == ';');
  }
}

/* Where every way into the target starts, and what holding those roles takes. */
static void starts_text(FILE *f, const cp_graph *g, const cp_no_route *x) {
  fputs(" Every way in starts as ", f);
  for (size_t i = 0; i < x->n_starts; i++) {
    fprintf(f, "%s%s",
            i == 0                 ? ""
            : i + 1 == x->n_starts ? " or "
                                   : ", ",
            cp_graph_role(g, x->starts[i])->label);
    if (x->start_requires[i] && *x->start_requires[i]) {
      fputs(" (requires ", f);
      list_text(f, x->start_requires[i]);
      fputc(')', f);
    }
  }
  fprintf(f, ", and no move in this graph leads there.");
}

static void closed_text(FILE *f, const cp_graph *g, size_t target, const cp_no_route *x) {
  const char *to = cp_graph_role(g, target)->label;
  if (!x->n_into) {
    fprintf(f, "Nothing leads into %s: it is a starting role.\n", to);
    return;
  }
  fprintf(f, "%s is entered only from ", to);
  labels_text(f, g, x->into, x->n_into, " or ");
  fputc('.', f);
  if (x->n_starts)
    starts_text(f, g, x);
  if (x->n_gates) {
    fputs(" Every way in also needs ", f);
    for (size_t i = 0; i < x->n_gates; i++)
      fprintf(f, "%s%s", i == 0 ? "" : i + 1 == x->n_gates ? " and " : ", ", x->gates[i]);
    fprintf(f, ", which no move you can reach gives.");
  }
  fputc('\n', f);
}

void cp_cli_no_route_text(FILE *f, const cp_graph *g, size_t from, size_t to,
                          const cp_no_route *x) {
  if (x->reason == CP_NO_ROUTE_NONE)
    return;
  fprintf(f, "No route from %s to %s", cp_graph_role(g, from)->label, cp_graph_role(g, to)->label);
  if (x->reason == CP_NO_ROUTE_AVOIDED) {
    fputs(" avoiding the roles you named: every route passes through ", f);
    labels_text(f, g, x->avoided, x->n_avoided, " or ");
    fputs(".\n", f);
  } else if (x->reason == CP_NO_ROUTE_WAYPOINTS) {
    fputs(" through the roles you named, in that order; without them there is one.\n", f);
  } else if (x->reason == CP_NO_ROUTE_LIMITS) {
    fputs(" within your limits.", f);
  } else {
    fputs(".\n", f);
    closed_text(f, g, to, x);
  }
}

/* "48 months (4 years) over your 36 months (3 years)" or "within your budget of $10,000". */
static void excess_text(FILE *f, cp_criterion c, double excess, double limit) {
  static const char *const what[NC] = {"limit of ", "limit of ", "budget of ", "limit of "};
  if (excess > 0) {
    cp_cli_limit_text(f, c, excess);
    fprintf(f, " over your %s", what[c]);
  } else {
    fprintf(f, "within your %s", what[c]);
  }
  cp_cli_limit_text(f, c, limit);
}

/* "A > B (24 months, $695) > C (72 months, $0)": the roles, and what each move takes. */
static void route_line(FILE *f, const cp_graph *g, const cp_route *r) {
  fprintf(f, " %s", cp_graph_role(g, r->roles[0])->label);
  for (size_t j = 0; j < r->n_steps; j++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[j]);
    char months[32], cost[48];
    cp_cli_number(t->months, months, sizeof months);
    cp_format_money(t->cost, cost, sizeof cost);
    fprintf(f, " > %s (%s months, %s)", cp_graph_role(g, r->roles[j + 1])->label, months, cost);
  }
  fputc('\n', f);
}

/* "Fastest and cheapest" for a near miss best on several limited criteria. */
static void best_on_text(FILE *f, const cp_near_miss *m) {
  char first[32];
  snprintf(first, sizeof first, "%s", cp_criterion_superlative(m->by));
  first[0] = (char)(first[0] >= 'a' && first[0] <= 'z' ? first[0] - 32 : first[0]);
  fputs(first, f);
  for (int c = 0; c < NC; c++)
    if (m->also & (1u << c))
      fprintf(f, " and %s", cp_criterion_superlative((cp_criterion)c));
}

void cp_cli_near_misses_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                             const cp_cli_answer *a, const cp_near_misses *m) {
  (void)a;
  fputs(m->n ? " The nearest:\n" : "\n", f);
  for (size_t i = 0; i < m->n; i++) {
    const cp_near_miss *x = &m->items[i];
    cp_cli_figures fig;
    cp_cli_route_figures(&x->route, &fig);
    fputs("  ", f);
    best_on_text(f, x);
    fprintf(f, ": %s, %s, effort %s", fig.duration, fig.cost, fig.effort);
    const char *sep = ": ";
    for (int c = 0; c < NC; c++)
      if (isfinite(rq->limits[c])) {
        fputs(sep, f);
        excess_text(f, (cp_criterion)c, x->excess[c], rq->limits[c]);
        sep = "; ";
      }
    fputs(".\n   ", f);
    route_line(f, g, &x->route);
  }
}

void cp_cli_shortfall_text(FILE *f, const cp_cli_request *rq, const cp_cli_answer *a,
                           const cp_k_shortfall *s) {
  size_t found = a->routes->n;
  if (!cp_cli_limited(rq)) {
    fprintf(f, "Only %zu route%s exist%s.\n", found, found == 1 ? "" : "s", found == 1 ? "s" : "");
    return;
  }
  fprintf(f, "Only %zu of the %zu routes asked %s within the limits. ", found, rq->k,
          found == 1 ? "is" : "are");
  if (s->unlimited < rq->k)
    fprintf(f, "Without them there are %zu in all", s->unlimited);
  else
    fprintf(f, "Of the %zu best without them", s->unlimited);
  static const char *const verb[NC] = {"take more steps than", "take longer than", "cost more than",
                                       "take more effort than"};
  const char *sep = ", ";
  for (int c = 0; c < NC; c++)
    if (isfinite(rq->limits[c]) && s->over[c]) {
      fprintf(f, "%s%zu %s ", sep, s->over[c], verb[c]);
      cp_cli_limit_text(f, (cp_criterion)c, rq->limits[c]);
      sep = ", ";
    }
  fputs(".\n", f);
}
