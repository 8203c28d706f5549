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
/* Draws the answer's best route alone, each step a card with what this person pays: as DOT,
 * SVG, PNG or PDF, or an HTML page with the drawing and a step table. `title` NULL: "A to B,
 * by ...". Prints any error; returns the exit code. *text is malloc'd. */
int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title, char **text,
                      size_t *len);

#endif /* CP_CLI_ROUTE_PRESENT_H */
