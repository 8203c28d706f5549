/* cmd_route.c: `careerpath route`: the best routes between two roles. */
#include "answer.h"
#include "groups.h"
#include "json_out.h"
#include "route_batch.h"
#include "route_present.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct route_state {
  cp_cli_answer a;
  const char *title; /* who the handout is for */
} route_state;

static int set_pareto(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o, (void)dst;
  char why[512];
  return cp_cli_verdict(x, cp_cli_parse_pareto(value, &x->args.rq, why, sizeof why), why);
}

static const cp_cli_option opt_pareto = {
    .name = "pareto",
    .value = "C,C[,C]",
    .help =
        "every Pareto-optimal route on these criteria: none is beaten on all of them by another",
    .heading = CP_HEAD_BEST,
    .set = set_pareto,
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_via = {
    .name = "via",
    .value = "ROLE",
    .help = "pass through ROLE; several are passed in the order given",
    .heading = CP_HEAD_LIMITS,
    .set = cp_cli_add_to_list,
    .offset = offsetof(cp_cli_args, rq.via),
    .flags = CP_OPT_SHARED | CP_OPT_REPEAT,
    .complete = "@role"};
static const cp_cli_option opt_title = {
    .name = "title",
    .value = "NAME",
    .help = "who the drawing or handout is for (a student's name): it heads the page",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = offsetof(route_state, title),
};
static const cp_cli_option *const options[] = {&opt_pareto, &cp_opt_k, &opt_via, &opt_title, NULL};

static int route_check(cp_cli_run *x, void *state) {
  (void)state;
  const cp_cli_request *rq = &x->args.rq;
  cp_out_format f = x->args.format;
  if (x->args.batch && (rq->from || rq->to))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--batch takes from and to from its rows; drop --from and --to");
  if (!x->args.batch && (!rq->from || !rq->to))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--from and --to are required; see 'careerpath route --help'");
  if ((cp_cli_is_drawing(f) || f == CP_OUT_HTML) && x->args.batch)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--format %s draws one question; use text or json for --batch, or "
                       "'careerpath render --batch' for a page a student",
                       cp_cli_format_name(f));
  if (rq->n_pareto && rq->k > 1)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--pareto lists every Pareto-optimal route; drop --k");
  return CP_EXIT_OK;
}

static int route_compute(cp_cli_run *x, void *state) {
  route_state *s = state;
  const cp_cli_request *rq = &x->args.rq;
  const cp_router *router;
  int code;
  if ((code = cp_cli_router(x, &router)) || x->args.batch) /* a batch: row by row, later */
    return code;
  if ((code = cp_cli_ask(&x->c, router, rq, &s->a, "")))
    return code;
  if (s->a.routes->n == 0) {
    x->code =
        cp_cli_fail(&x->c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s' in %s%s",
                    cp_graph_role(x->g, s->a.from)->label, cp_graph_role(x->g, s->a.to)->label,
                    cp_graph_name(x->g),
                    s->a.n_avoid || rq->via.n || cp_cli_limited(rq) ? " within these limits" : "");
  }
  return CP_EXIT_OK;
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const route_state *s = state;
  if (x->args.batch)
    return cp_cli_route_batch(x, f, out);
  if (s->a.routes->n)
    cp_cli_answer_text(out, x->router, &x->args.rq, &s->a);
  return CP_EXIT_OK;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const route_state *s = state;
  if (x->args.batch)
    return cp_cli_route_batch(x, f, out);
  return cp_cli_json_write(&x->c, out, cp_cli_answer_json(x->router, &x->args.rq, &s->a), 12,
                           "the routes");
}

/* The routes alone, side by side, drawn or as a handout; no route draws nothing (exit 1,
 * said already). */
static int present_drawing(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const route_state *s = state;
  char *text = NULL;
  size_t len = 0;
  if (s->a.routes->n == 0)
    return CP_EXIT_NO_ROUTE;
  cp_cli_handout h = {.name = s->title, .paper = x->args.paper, .dpi = x->args.dpi};
  int code = cp_cli_draw_route(&x->c, x->router, &x->args.rq, &s->a, f, &h, &text, &len);
  if (!code)
    fwrite(text, 1, len, out);
  free(text);
  return code;
}

static void route_release(void *state) { cp_cli_answer_free(&((route_state *)state)->a); }

const cp_cli_command cp_cmd_route = {
    .name = "route",
    .summary = "the best routes from one role to another: trade-offs, Pareto sets, limits, "
               "credentials held, batches",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] --from ROLE --to ROLE [OPTIONS]\n[GRAPH] --batch QUERIES.csv [OPTIONS]",
    .description =
        "Prints the best routes from one role to another. ROLE is a role's id or label, in any\n"
        "case.",
    .groups = CP_GROUP_QUESTION | CP_GROUP_LIMITS | CP_GROUP_HELD | CP_GROUP_BATCH |
              CP_GROUP_OUTPUT | CP_GROUP_DRAWING | CP_GROUP_GRAPH,
    .options = options,
    .format_note = "dot, svg, png and pdf draw the routes alone, side by side (with --k or "
                   "--pareto, each alternative with its totals), each step a card; html is a "
                   "handout of one page: the question in words, the date, that drawing, a table "
                   "of each route's steps and the sources of its figures, nothing external",
    .exit_codes = "0 a route was found (batch: every row answered), 1 no route exists, 2 usage "
                  "error, 3 bad input (batch: a row was bad), 4 output not written, 5 internal "
                  "error.",
    .what = "the routes",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_text,
                [CP_OUT_JSON] = present_json,
                [CP_OUT_DOT] = present_drawing,
                [CP_OUT_SVG] = present_drawing,
                [CP_OUT_HTML] = present_drawing,
                [CP_OUT_PNG] = present_drawing,
                [CP_OUT_PDF] = present_drawing},
    .streams = true,
    .state_size = sizeof(route_state),
    .check = route_check,
    .compute = route_compute,
    .release = route_release,
};
