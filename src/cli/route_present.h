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

/* A route's or a step's figures as text: months ("%g", NaN as "-"), money, effort. */
typedef struct cp_cli_figures {
  char months[32], cost[48], effort[32];
} cp_cli_figures;
/* "%g" with NaN as "-". */
void cp_cli_number(double v, char *buf, size_t n);
/* The route's totals. */
void cp_cli_route_figures(const cp_route *r, cp_cli_figures *f);
/* What step `transition` costs the person asking `q` (credentials held taken off). */
void cp_cli_step_figures(const cp_router *router, const cp_query *q, size_t transition,
                         cp_cli_figures *f);
/* "2 steps, 96 months, $695". */
void cp_cli_route_summary(const cp_route *r, char *buf, size_t n);

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
/* How a route question is drawn or handed out. */
typedef struct cp_cli_handout {
  const char *name; /* who it is for (route --title, a batch row's name), or NULL */
  cp_paper paper;   /* drawings fitted to it */
  double dpi;       /* PNG resolution; 0: the library's default */
} cp_cli_handout;

/* What the question asks for, in words: "the fastest route", "the 3 cheapest routes",
 * "every route no other beats on both months and cost", "the best trade-off (months=1,
 * cost=0.0005)". */
void cp_cli_criterion_words(const cp_cli_request *rq, size_t n_routes, char *buf, size_t n);
/* Route i of the answer as its heading names it: "Fastest: 2 steps, 84 months, $60,695",
 * "2nd fastest: ...", with --pareto "Cheapest: ..." or "Option 2: ...". */
void cp_cli_route_heading(const cp_cli_request *rq, const cp_route_list *routes, size_t i,
                          char *buf, size_t n);
/* Draws the answer's routes alone, side by side, each step a card with what this person pays:
 * as DOT, SVG, PNG or PDF, or as a handout: an HTML page with the question in words, the
 * date, the drawing, a table of each route's steps and the sources of its figures. Prints
 * any error; returns the exit code. *text is malloc'd. */
int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const cp_cli_handout *h,
                      char **text, size_t *len);

#endif /* CP_CLI_ROUTE_PRESENT_H */
