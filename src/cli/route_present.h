/* route_present.h: a route as people read it: text, JSON, an HTML table, a drawing. */
#ifndef CP_CLI_ROUTE_PRESENT_H
#define CP_CLI_ROUTE_PRESENT_H

#include "answer.h"
#include "careerpath.h"
#include "format.h"
#include "report.h"
#include "request.h"

#include <jansson.h>
#include <stdio.h>

/* A route's or a step's figures as text: months ("%g", NaN as "-"), the same as a duration
 * ("84 months (7 years)"), money, effort. */
typedef struct cp_cli_figures {
  char months[32], duration[64], cost[48], effort[32];
} cp_cli_figures;
/* "%g" with NaN as "-". */
void cp_cli_number(double v, char *buf, size_t n);
/* The route's totals. */
void cp_cli_route_figures(const cp_route *r, cp_cli_figures *f);
/* What step `transition` costs the person asking `q` (credentials held taken off). */
void cp_cli_step_figures(const cp_router *router, const cp_query *q, size_t transition,
                         cp_cli_figures *f);
/* "2 steps, 96 months (8 years), $695". */
void cp_cli_route_summary(const cp_route *r, char *buf, size_t n);
/* "$92,600 a year" into buf when role r has a wage; false when it has none. */
bool cp_cli_wage(const cp_role *r, char *buf, size_t n);
/* A limit as a person reads it: "$10,000", "36 months (3 years)", "4 steps", "effort 8". */
void cp_cli_limit_text(FILE *f, cp_criterion c, double limit);
/* "  Pay: A $75,510 a year, B $152,860 a year (estimate); the rise repays the route's $60,695
 * in 9.4 months." when either end has a wage; with `sources`, where each wage comes from. */
void cp_cli_pay_text(FILE *f, const cp_graph *g, const cp_route *r, bool sources);
/* Pay as JSON, per role of the route ("wages", "wage_sources", parallel to "roles") and its
 * "payback_months" (null: unknown; "never" when the wage does not rise). Adds to `o`. */
void cp_cli_pay_json(json_t *o, const cp_graph *g, const cp_route *r);

/* Why there is no route (explain.c's answer), in a sentence or three; and as JSON. */
void cp_cli_no_route_text(FILE *f, const cp_graph *g, size_t from, size_t to, const cp_no_route *x);
json_t *cp_cli_no_route_json(const cp_graph *g, const cp_no_route *x);
/* The best route by each limited criterion, and how far it passes each limit; and as JSON. */
void cp_cli_near_misses_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                             const cp_cli_answer *a, const cp_near_misses *m);
json_t *cp_cli_near_misses_json(const cp_router *router, const cp_cli_request *rq,
                                const cp_cli_answer *a, const cp_near_misses *m);
/* Why fewer routes than --k: the limits that removed the others, or that only so many exist. */
void cp_cli_shortfall_text(FILE *f, const cp_cli_request *rq, const cp_cli_answer *a,
                           const cp_k_shortfall *s);
json_t *cp_cli_shortfall_json(const cp_cli_request *rq, const cp_cli_answer *a,
                              const cp_k_shortfall *s);

/* "Within $15,000, 36 months; avoiding ...; holding PMP.\n" when anything beyond from/to. */
void cp_cli_conditions_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                            const cp_cli_answer *a);
/* A route's steps, a line of figures each with its requirements (held, to earn, other) and
 * note, then its totals. */
void cp_cli_route_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                       const cp_cli_request *rq, const cp_route *r);
/* One route with its steps (figures for what the person holds; requirements held, to earn
 * and other). */
json_t *cp_cli_route_json(const cp_router *router, const cp_cli_answer *a, const cp_cli_request *rq,
                          const cp_route *r);
/* The answer to one route question: from, to, criterion, limits, avoided roles, waypoints,
 * credentials held and its routes. */
json_t *cp_cli_answer_json(const cp_router *router, const cp_cli_request *rq,
                           const cp_cli_answer *a);
/* The answer's routes, each with a heading ("Route 1 of 3 from A to B, by months:"), after
 * the conditions line. */
void cp_cli_answer_text(FILE *f, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a);
/* One line for a batch answer: the best route, its totals and its roles. */
void cp_cli_answer_line(FILE *f, size_t line, const cp_router *router, const cp_cli_request *rq,
                        const cp_cli_answer *a);
/* The route's steps as an HTML table (a row a step, a totals row), text escaped. */
void cp_cli_route_table_html(FILE *f, const cp_router *router, const cp_cli_answer *a,
                             const cp_cli_request *rq, const cp_route *r);
/* Draws the answer's best route alone, each step a card with what this person pays: as DOT,
 * SVG, PNG or PDF, or an HTML page with the drawing and a step table. `title` NULL: "A to B,
 * by ...". Prints any error; returns the exit code. *text is malloc'd. */
int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title, char **text,
                      size_t *len);

#endif /* CP_CLI_ROUTE_PRESENT_H */
