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
  size_t jobs;                /* --jobs: threads answering a batch; 0, one per core */
  long landmarks;             /* --landmarks: 0 auto, -1 off, else how many */
  cp_no_route *why[MAX_LIST]; /* no route: why, per target */
  cp_near_misses *near;       /* no route within the limits (one target): how close */
  cp_k_shortfall shortfall;   /* fewer routes than --k under limits: what cut them */
  bool short_list;            /* fewer routes than --k */
  const char *title;          /* --title: who the handout is for */
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
static const cp_cli_option opt_jobs = {
    .name = "jobs",
    .letter = 'j',
    .value = "N",
    .help = "answer a --batch on N threads (default: one per core); the output is the same",
    .heading = CP_HEAD_BATCH,
    .set = cp_cli_set_count,
    .offset = offsetof(route_state, jobs)};
static int set_landmarks(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  long *n = dst;
  size_t count;
  if (!strcmp(value, "auto") || !strcmp(value, "off")) {
    *n = value[0] == 'o' ? -1 : 0;
    return CP_EXIT_OK;
  }
  if (!cp_cli_parse_count_max(&x->c, "--landmarks", value, CP_CLI_MAX_LANDMARKS, &count))
    return CP_EXIT_USAGE;
  *n = (long)count;
  return CP_EXIT_OK;
}

static const cp_cli_option opt_landmarks = {
    .name = "landmarks",
    .value = "N",
    .help = "answer a --batch by A* with N landmarks per criterion; auto (default) and off: "
            "none, measured faster on every batch (docs/performance.md). The output is the same",
    .heading = CP_HEAD_BATCH,
    .set = set_landmarks,
    .offset = offsetof(route_state, landmarks)};
static const cp_cli_option opt_title = {
    .name = "title",
    .value = "NAME",
    .help = "who the drawing or handout is for (a student's name): it heads the page",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = offsetof(route_state, title),
};
static const cp_cli_option *const options[] = {
    &opt_pareto, &cp_opt_k, &opt_via, &opt_jobs, &opt_landmarks, &opt_title, &cp_opt_sources, NULL};

static int route_check(cp_cli_run *x, void *state) {
  cp_cli_request *rq = &x->args.rq;
  rq->any_target = true;
  if (rq->n_pareto && rq->targets.n > 1)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--pareto takes one --to");
  cp_out_format f = x->args.format;
  if (x->args.batch && (rq->from || rq->to))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--batch takes from and to from its rows; drop --from and --to");
  if (!x->args.batch && ((const route_state *)state)->jobs)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--jobs answers a --batch; add --batch FILE");
  if (!x->args.batch && ((const route_state *)state)->landmarks)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--landmarks prepares a --batch; one question is faster without them");
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

/* Why there is no route to each target, and, for one target under limits, how close routes
 * come. */
static cp_status explain(const cp_router *router, route_state *s, cp_error *e) {
  cp_status st = CP_OK;
  for (size_t t = 0; t < s->a.n_targets && !st; t++) {
    cp_query q = s->a.q;
    q.to = s->a.targets[t];
    st = cp_explain_no_route(router, &q, &s->why[t], e);
  }
  if (!st && s->a.n_targets == 1 && s->why[0]->reason == CP_NO_ROUTE_LIMITS)
    st = cp_near_misses_find(router, &s->a.q, &s->near, e);
  return st;
}

/* Why a list of --k routes is short: under limits, which limits cut the others. */
static cp_status shortfall(const cp_router *router, const cp_cli_request *rq, route_state *s,
                           cp_error *e) {
  s->short_list = !rq->n_pareto && rq->k > 1 && s->a.routes->n < rq->k;
  if (!s->short_list || !cp_cli_limited(rq) || s->a.n_targets > 1)
    return CP_OK;
  return cp_k_shortfall_count(router, &s->a.q, &s->shortfall, e);
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
  cp_error e = {0};
  cp_status st = s->a.routes->n ? shortfall(router, rq, s, &e) : explain(router, s, &e);
  if (st)
    return cp_cli_search_status(&x->c, st, &e, "");
  if (s->a.routes->n == 0) {
    x->code =
        cp_cli_fail(&x->c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s' in %s%s",
                    cp_graph_role(x->g, s->a.from)->label, cp_graph_role(x->g, s->a.to)->label,
                    cp_graph_name(x->g),
                    s->a.n_avoid || rq->via.n || cp_cli_limited(rq) ? " within these limits" : "");
  }
  return CP_EXIT_OK;
}

/* No route: why, to each target, and how close routes come. */
static void no_route_text(cp_cli_run *x, const route_state *s, FILE *out) {
  cp_cli_conditions_text(out, x->g, &x->args.rq, &s->a);
  for (size_t t = 0; t < s->a.n_targets; t++)
    cp_cli_no_route_text(out, x->g, s->a.from, s->a.targets[t], s->why[t]);
  if (s->near)
    cp_cli_near_misses_text(out, x->g, &x->args.rq, &s->a, s->near);
  else if (s->why[0] && s->why[0]->reason == CP_NO_ROUTE_LIMITS)
    fputc('\n', out);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const route_state *s = state;
  if (x->args.batch)
    return cp_cli_route_batch(x, f, out, s->jobs, s->landmarks);
  if (!s->a.routes->n) {
    no_route_text(x, s, out);
    return CP_EXIT_OK;
  }
  cp_cli_answer_text(out, x->router, &x->args.rq, &s->a);
  if (s->short_list) {
    fputc('\n', out);
    cp_cli_shortfall_text(out, &x->args.rq, &s->a, &s->shortfall);
  }
  return CP_EXIT_OK;
}

/* What the JSON answer adds: why there is no route, near misses, a short list's reasons. */
static json_t *explanations_json(cp_cli_run *x, const route_state *s, json_t *root) {
  const cp_cli_request *rq = &x->args.rq;
  if (!s->a.routes->n) {
    json_t *why = json_array();
    for (size_t t = 0; t < s->a.n_targets; t++)
      json_array_append_new(why, cp_cli_no_route_json(x->g, s->why[t]));
    json_object_set_new(root, "no_route", why);
  }
  if (s->near)
    json_object_set_new(root, "near_misses",
                        cp_cli_near_misses_json(x->router, rq, &s->a, s->near));
  if (s->short_list)
    json_object_set_new(
        root, "shortfall",
        cp_cli_shortfall_json(rq, &s->a,
                              cp_cli_limited(rq) && s->a.n_targets == 1 ? &s->shortfall : NULL));
  return root;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const route_state *s = state;
  if (x->args.batch)
    return cp_cli_route_batch(x, f, out, s->jobs, s->landmarks);
  json_t *root = cp_cli_answer_json(x->router, &x->args.rq, &s->a);
  return cp_cli_json_write(&x->c, out, explanations_json(x, s, root), 12, "the routes");
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

static void route_release(void *state) {
  route_state *s = state;
  for (size_t t = 0; t < MAX_LIST; t++)
    cp_no_route_free(s->why[t]);
  cp_near_misses_free(s->near);
  cp_cli_answer_free(&s->a);
}

const cp_cli_command cp_cmd_route = {
    .name = "route",
    .summary = "the best routes from one role to another: trade-offs, Pareto sets, limits, "
               "credentials held, batches",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] --from ROLE --to ROLE [OPTIONS]\n[GRAPH] --batch QUERIES.csv [OPTIONS]",
    .description =
        "Prints the best routes from one role to another: each step with its time (years beside\n"
        "months), cost, effort on its 1-5 scale and what it requires, the pay at each end and how\n"
        "soon the rise repays the route. A role is named by its id, label, an alias or an\n"
        "occupation code, in any case. With no route it says why (the roles that lead in, and\n"
        "the requirement none of yours gives), and under limits how close the fastest and the\n"
        "cheapest come. Moves that only earn what you hold (--have) are shown as already held.",
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
