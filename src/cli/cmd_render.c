/* cmd_render.c: `careerpath render`: the whole graph (or a piece of it) drawn, routes
 * highlighted. */
#include "cmd_render.h"

#include "draw.h"
#include "route_present.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define OWN(field) offsetof(render_state, field)

static void render_init(cp_cli_run *x, void *state) {
  (void)x;
  render_state *s = state;
  s->radius = 2;
  s->by.value = CP_BY_MONTHS;
  s->method = CP_COMMUNITY_LEIDEN;
}

static int add_domain(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  render_state *s = dst;
  if (s->n_domains == RENDER_MAX_DOMAINS)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "more than 64 --domain");
  s->domains[s->n_domains++] = value;
  return CP_EXIT_OK;
}

static int set_layout(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  if (strcmp(value, "dot") && strcmp(value, "sfdp") && strcmp(value, "neato"))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "unknown layout '%s' (choose from dot, sfdp, neato)",
                       value);
  return cp_cli_set_string(x, o, dst, value);
}

static int set_communities(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  render_state *s = dst;
  s->communities = 1;
  return cp_cli_parse_method(&x->c, value, &s->method);
}

static const cp_cli_option opt_by = {
    .name = "by",
    .value = "CRITERION",
    .help = "route criterion and edge labels: steps, months (default), cost or effort",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_criterion,
    .offset = OWN(by),
    .complete = "steps months cost effort",
};
static const cp_cli_option opt_k = {
    .name = "k",
    .value = "N",
    .help =
        "draw the N best routes: the best in solid red, the others each in its own colour and line "
        "style, with a key",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_k,
    .offset = offsetof(cp_cli_args, rq.k),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_top = {
    .name = "top",
    .value = "N",
    .help =
        "only the N most central roles (betweenness: the gateway roles most routes pass through) "
        "and the moves among them",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(top),
};
static const cp_cli_option opt_focus = {
    .name = "focus",
    .value = "ROLE",
    .help = "only the roles within --radius moves of ROLE (either way)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = OWN(focus),
    .complete = "@role",
};
static const cp_cli_option opt_radius = {
    .name = "radius",
    .value = "N",
    .help = "how far --focus reaches (default 2)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(radius),
};
static const cp_cli_option opt_domain = {
    .name = "domain",
    .value = "D",
    .help = "only the roles of domain D (repeatable); with --focus, the roles that are both",
    .heading = CP_HEAD_OPTIONS,
    .set = add_domain,
    .flags = CP_OPT_REPEAT};
static const cp_cli_option opt_layout = {
    .name = "layout",
    .value = "ENGINE",
    .help = "dot (levels as columns, domains as boxes), sfdp or neato; default dot up to 300 roles "
            "drawn, sfdp above",
    .heading = CP_HEAD_OPTIONS,
    .set = set_layout,
    .offset = OWN(layout),
    .complete = "dot sfdp neato"};
static const cp_cli_option opt_title = {
    .name = "title",
    .value = "TEXT",
    .help = "the diagram's title (default: the graph's name)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = OWN(title),
};
static const cp_cli_option opt_communities = {
    .name = "communities",
    .value = "METHOD",
    .help =
        "group roles by community (leiden or louvain, as 'careerpath communities') instead of by "
        "domain",
    .heading = CP_HEAD_OPTIONS,
    .set = set_communities,
    .flags = CP_OPT_EDITS,
    .complete = "leiden louvain",
};
static const cp_cli_option opt_batch = {
    .name = "batch",
    .value = "FILE",
    .help =
        "one diagram per row of a CSV (columns name, from, to and optionally by, have, budget, "
        "avoid, ...: as in 'careerpath route --help') into --out-dir, each step a card, with an "
        "index.html linking them; a bad row is reported with its line and the rest go on (exit 3 "
        "then)",
    .heading = CP_HEAD_BATCH,
    .set = cp_cli_set_string,
    .offset = offsetof(cp_cli_args, batch),
    .flags = CP_OPT_SHARED | CP_OPT_READS,
    .complete = "@file"};
static const cp_cli_option opt_out_dir = {
    .name = "out-dir",
    .value = "DIR",
    .help = "where --batch writes (made if missing)",
    .heading = CP_HEAD_BATCH,
    .set = cp_cli_set_string,
    .offset = OWN(out_dir),
    .flags = CP_OPT_WRITES,
    .complete = "@dir",
};
static const cp_cli_option *const options[] = {
    &cp_opt_from, &cp_opt_to,  &opt_batch, &opt_out_dir, &opt_top,   &opt_focus,       &opt_radius,
    &opt_domain,  &opt_layout, &opt_k,     &opt_by,      &opt_title, &opt_communities, NULL};

static int render_check(cp_cli_run *x, void *state) {
  const render_state *s = state;
  const cp_cli_request *rq = &x->args.rq;
  if (!rq->from != !rq->to)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--from and --to go together");
  if (!x->args.batch != !s->out_dir)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--batch and --out-dir go together");
  if (x->args.format == CP_OUT_HTML && !x->args.batch)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--format html is for --batch (one page a student); for one route use "
                       "'careerpath route --format html'");
  if (x->args.batch && (rq->from || s->focus || s->n_domains || s->top || rq->k > 1))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--batch takes its questions from its rows; drop --from, --to, --k, "
                       "--focus and --domain");
  return CP_EXIT_OK;
}

/* The best --k routes between --from and --to, drawn over the map, and a title saying what
 * was asked and what the best answer costs. */
static int highlight(cp_cli_run *x, render_state *s) {
  size_t from, to;
  cp_error e = {0};
  const cp_router *router;
  cp_query q;
  cp_status st;
  int code;
  if ((st = cp_graph_find_role(x->g, x->args.rq.from, &from, &e)) ||
      (st = cp_graph_find_role(x->g, x->args.rq.to, &to, &e)))
    return cp_cli_status(&x->c, st, &e);
  if ((code = cp_cli_router(x, &router)))
    return code;
  cp_query_init(&q, from, to, s->by.value);
  q.k = x->args.rq.k;
  if ((st = cp_route_search(router, &q, &s->routes, &e)))
    return cp_cli_search_status(&x->c, st, &e, "");
  if (s->routes->n == 0)
    return cp_cli_fail(&x->c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s'; nothing drawn",
                       cp_graph_role(x->g, from)->label, cp_graph_role(x->g, to)->label);
  s->ro.route = &s->routes->routes[0];
  s->ro.alternatives = s->routes->routes + 1;
  s->ro.n_alternatives = s->routes->n - 1;
  if (!s->title) {
    const char *name = cp_graph_attr(x->g, "label");
    char totals[128];
    cp_cli_route_summary(s->ro.route, totals, sizeof totals);
    snprintf(s->question, sizeof s->question, "%s: %s to %s, by %s: %s",
             name && *name ? name : cp_graph_name(x->g), cp_graph_role(x->g, from)->label,
             cp_graph_role(x->g, to)->label, cp_criterion_name(s->by.value), totals);
    s->ro.title = s->question;
  }
  return CP_EXIT_OK;
}

static int render_compute(cp_cli_run *x, void *state) {
  render_state *s = state;
  cp_error e = {0};
  int code;
  if (s->communities && (code = cp_cli_render_communities(x, s)))
    return code;
  if (x->args.batch) /* a diagram per row, drawn as presented */
    return CP_EXIT_OK;
  s->ro = (cp_render_options){.label_by = s->by.value, .title = s->title, .layout = s->layout};
  if ((code = cp_cli_render_select(x, s)))
    return code;
  /* Edge labels default to months; a graph without months is drawn unlabelled rather than
   * refused, unless the user asked for that criterion. */
  if (cp_graph_check_criterion(x->g, s->by.value, s->by.given ? &e : NULL) != CP_OK) {
    if (s->by.given)
      return cp_cli_status(&x->c, CP_ENOCRIT, &e);
    s->by.value = s->ro.label_by = CP_BY_STEPS;
  }
  return x->args.rq.from ? highlight(x, s) : CP_EXIT_OK;
}

static int present_drawing(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const render_state *s = state;
  if (x->args.batch)
    return cp_cli_render_batch(x, s, f);
  char *text = NULL;
  size_t len = 0;
  cp_render_options ro = s->ro;
  int code = cp_cli_draw(&x->c, x->g, &ro, f, &text, &len);
  if (!code)
    fwrite(text, 1, len, out);
  free(text);
  return code;
}

static void render_release(void *state) {
  render_state *s = state;
  free(s->shown);
  cp_route_list_free(s->routes);
}

const cp_cli_command cp_cmd_render = {
    .name = "render",
    .summary = "draw the whole graph, with a route highlighted if asked",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] [--from ROLE --to ROLE] [OPTIONS]",
    .description =
        "Draws the whole graph: roles grouped by domain, ordered by level (entry to executive),\n"
        "a legend, edges labelled with the chosen criterion. With --from and --to the best\n"
        "route is drawn bold. Layout and SVG come from Graphviz, in-process.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .options = options,
    .format_note = "with --batch also html (a page a student, drawing and step table)",
    .exit_codes = "0 drawn, 1 no route between the roles asked, 2 usage error, 3 bad input, 4 "
                  "output not written, 5 internal error.",
    .what = "the drawing",
    .default_format = CP_OUT_SVG,
    .present = {[CP_OUT_DOT] = present_drawing,
                [CP_OUT_SVG] = present_drawing,
                [CP_OUT_HTML] = present_drawing,
                [CP_OUT_PNG] = present_drawing,
                [CP_OUT_PDF] = present_drawing},
    .state_size = sizeof(render_state),
    .init = render_init,
    .check = render_check,
    .compute = render_compute,
    .release = render_release,
};
