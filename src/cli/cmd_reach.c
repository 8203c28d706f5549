/* cmd_reach.c: `careerpath reach` (where can I go) and `careerpath into` (who can get
 * here): every role's best route from, or into, one role. */
#include "answer.h"
#include "draw.h"
#include "groups.h"
#include "json_out.h"
#include "route_present.h"

#include <stdlib.h>
#include <string.h>

typedef struct sweep_state {
  bool into;
  cp_cli_answer a;
} sweep_state;

static void reach_init(cp_cli_run *x, void *state) {
  (void)x;
  ((sweep_state *)state)->into = false;
}

static void into_init(cp_cli_run *x, void *state) {
  (void)x;
  ((sweep_state *)state)->into = true;
}

static int sweep_check(cp_cli_run *x, void *state) {
  const sweep_state *s = state;
  const cp_cli_request *rq = &x->args.rq;
  if (s->into ? !rq->to || rq->from : !rq->from || rq->to)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "%s; see 'careerpath %s --help'",
                       s->into ? "into takes --to ROLE (and no --from)"
                               : "reach takes --from ROLE (and no --to)",
                       x->c.command);
  return CP_EXIT_OK;
}

/* The role each route is about: where it ends (reach) or where it starts (into). */
static size_t role_of(const sweep_state *s, const cp_route *r) {
  return r->roles[s->into ? 0 : r->n_steps];
}

static size_t origin(const sweep_state *s) { return s->into ? s->a.to : s->a.from; }

static int sweep_compute(cp_cli_run *x, void *state) {
  sweep_state *s = state;
  const cp_router *router;
  cp_error e = {0};
  int code;
  if ((code = cp_cli_router(x, &router)) ||
      (code = cp_cli_prepare(&x->c, x->g, &x->args.rq, &s->a, "")))
    return code;
  cp_status st = s->into ? cp_route_into(router, &s->a.q, &s->a.routes, &e)
                         : cp_route_reach(router, &s->a.q, &s->a.routes, &e);
  if ((code = cp_cli_search_status(&x->c, st, &e, "")))
    return code;
  if (x->args.rq.payback)
    cp_route_list_sort_by_payback(x->g, s->a.routes);
  if (s->a.routes->n == 0)
    x->code = cp_cli_fail(&x->c, CP_EXIT_NO_ROUTE, "no role %s '%s'%s",
                          s->into ? "can reach" : "is reachable from",
                          cp_graph_role(x->g, origin(s))->label,
                          cp_cli_limited(&x->args.rq) ? " within these limits" : "");
  return CP_EXIT_OK;
}

/* "via A, B" for the roles between a route's ends; "" for a direct move. */
static void via_text(FILE *f, const cp_graph *g, const cp_route *r) {
  for (size_t j = 1; j < r->n_steps; j++)
    fprintf(f, "%s%s", j == 1 ? "via " : ", ", cp_graph_role(g, r->roles[j])->label);
}

/* The width of the ROLE column: the longest label listed. */
static int label_width(const cp_graph *g, const sweep_state *s) {
  size_t w = 4;
  for (size_t i = 0; i < s->a.routes->n; i++) {
    size_t len = strlen(cp_graph_role(g, role_of(s, &s->a.routes->routes[i]))->label);
    w = len > w ? len : w;
  }
  return (int)w;
}

/* Whether any role listed has a wage: the WAGE column only then. */
static bool any_wage(const cp_graph *g, const sweep_state *s) {
  double v;
  for (size_t i = 0; i < s->a.routes->n; i++)
    if (cp_role_wage(cp_graph_role(g, role_of(s, &s->a.routes->routes[i])), &v))
      return true;
  return false;
}

/* One row: the role (its label), the route's totals, its wage, payback, the roles between. */
static void row(FILE *f, const cp_graph *g, const cp_cli_request *rq, const sweep_state *s,
                const cp_route *r, int w, bool wages) {
  const cp_role *role = cp_graph_role(g, role_of(s, r));
  char wage[48] = "-", payback[64];
  double v;
  cp_cli_figures fig;
  cp_cli_route_figures(r, &fig);
  fprintf(f, "  %-*s  %5zu  %-21s  %10s  %6s", w, role->label, r->n_steps, fig.duration, fig.cost,
          fig.effort);
  if (wages && cp_role_wage(role, &v))
    cp_format_money(v, wage, sizeof wage);
  if (wages)
    fprintf(f, "  %10s", wage);
  if (rq->payback) {
    cp_format_months(cp_route_payback(g, r), payback, sizeof payback);
    fprintf(f, r->n_steps > 1 ? "  %-21s" : "  %s", payback);
  }
  if (r->n_steps > 1)
    fputs("  ", f);
  via_text(f, g, r);
  fputc('\n', f);
}

static void table(FILE *f, const cp_graph *g, const cp_cli_request *rq, const sweep_state *s) {
  int w = label_width(g, s);
  bool wages = any_wage(g, s);
  fprintf(f, "  %-*s  STEPS  %-21s  %10s  EFFORT%s%s  VIA\n", w, "ROLE", "TIME", "COST",
          wages ? "        WAGE" : "", rq->payback ? "  PAYS BACK IN         " : "");
  for (size_t i = 0; i < s->a.routes->n; i++)
    row(f, g, rq, s, &s->a.routes->routes[i], w, wages);
  fprintf(f, "Effort is summed over the steps, each 1 (light) to 5 (very demanding).%s\n",
          wages ? " Wages are yearly means; --sources says where each comes from." : "");
}

/* With --sources: where each listed role's wage comes from. */
static void wage_sources_text(FILE *f, const cp_graph *g, const sweep_state *s) {
  for (size_t i = 0; i < s->a.routes->n; i++) {
    const cp_role *role = cp_graph_role(g, role_of(s, &s->a.routes->routes[i]));
    const char *src = cp_role_attr(role, "wage_source");
    if (src)
      fprintf(f, "  Wage of %s: %s\n", role->label, src);
  }
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const sweep_state *s = state;
  char by[256];
  cp_cli_plain_by(&x->args.rq, by, sizeof by);
  cp_cli_conditions_text(out, x->g, &x->args.rq, &s->a);
  fprintf(out, "%s %s, %s first: %zu role%s\n", s->into ? "Into" : "From",
          cp_graph_role(x->g, origin(s))->label, by, s->a.routes->n,
          s->a.routes->n == 1 ? "" : "s");
  if (s->a.routes->n)
    table(out, x->g, &x->args.rq, s);
  if (s->a.routes->n && x->args.rq.sources)
    wage_sources_text(out, x->g, s);
  return CP_EXIT_OK;
}

static json_t *sweep_json(const cp_cli_run *x, const sweep_state *s) {
  const cp_cli_request *rq = &x->args.rq;
  json_t *root = json_object(), *list = json_array();
  char by[256];
  cp_cli_describe(rq, by, sizeof by);
  json_object_set_new(root, s->into ? "to" : "from",
                      json_string(cp_graph_role(x->g, origin(s))->id));
  json_object_set_new(root, "by", json_string(by));
  json_object_set_new(root, "limits", cp_cli_limits_json(rq->limits));
  json_object_set_new(root, "have", cp_cli_names_json(s->a.q.have, s->a.q.n_have));
  for (size_t i = 0; i < s->a.routes->n; i++) {
    const cp_route *r = &s->a.routes->routes[i];
    json_t *o = cp_cli_route_json(x->router, &s->a, rq, r);
    json_object_set_new(o, "role", json_string(cp_graph_role(x->g, role_of(s, r))->id));
    json_object_set_new(o, "label", json_string(cp_graph_role(x->g, role_of(s, r))->label));
    json_array_append_new(list, o);
  }
  json_object_set_new(root, s->into ? "into" : "reachable", list);
  return root;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  return cp_cli_json_write(&x->c, out, sweep_json(x, state), 12, "the roles");
}

/* The region drawn with its domains and levels. */
static int present_drawing(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const sweep_state *s = state;
  char title[512], by[256], *text = NULL;
  size_t len = 0;
  cp_cli_plain_by(&x->args.rq, by, sizeof by);
  cp_format_bounded(title, sizeof title, "%s %s, %s first",
                    s->into ? "All the ways into" : "Reachable from",
                    cp_graph_role(x->g, origin(s))->label, by);
  cp_render_options ro = {.label_by = x->args.rq.by == CP_BY_STEPS ? CP_BY_MONTHS : x->args.rq.by,
                          .region = s->a.routes,
                          .title = title};
  int code = cp_cli_draw(&x->c, x->g, &ro, f, &text, &len);
  if (!code)
    fwrite(text, 1, len, out);
  free(text);
  return code;
}

static void sweep_release(void *state) { cp_cli_answer_free(&((sweep_state *)state)->a); }

static const cp_cli_option *const sweep_options[] = {&cp_opt_sources, NULL};

/* What reach and into share: all but their names, questions and help. */
#define SWEEP_COMMAND(...)                                                                         \
  {                                                                                                \
    .section = CP_SECTION_COMMANDS,                                                                \
    .groups =                                                                                      \
        CP_GROUP_QUESTION | CP_GROUP_LIMITS | CP_GROUP_HELD | CP_GROUP_OUTPUT | CP_GROUP_GRAPH,    \
    .format_note = "dot, svg, png and pdf draw the region with its domains and levels",            \
    .exit_codes = "0 roles listed, 1 none within the limits, 2 usage error, 3 bad input, 4 "       \
                  "output not written, 5 internal error.",                                         \
    .what = "the roles", .default_format = CP_OUT_TEXT,                                            \
    .present = {[CP_OUT_TEXT] = present_text,   [CP_OUT_JSON] = present_json,                      \
                [CP_OUT_DOT] = present_drawing, [CP_OUT_SVG] = present_drawing,                    \
                [CP_OUT_PNG] = present_drawing, [CP_OUT_PDF] = present_drawing},                   \
    .options = sweep_options, .state_size = sizeof(sweep_state), .check = sweep_check,             \
    .compute = sweep_compute, .release = sweep_release, __VA_ARGS__                                \
  }

const cp_cli_command cp_cmd_reach = SWEEP_COMMAND(
        .name = "reach", .summary = "every role reachable within limits, with its best route",
        .synopsis = "[GRAPH] --from ROLE [OPTIONS]",
        .description =
            "Every role reachable from ROLE within the limits, each with its best route (an\n"
            "isochrone): where a person can get with the time and money they have.",
        .init = reach_init);

const cp_cli_command cp_cmd_into =
    SWEEP_COMMAND(.name = "into", .summary = "every role's best route into a role",
                  .synopsis = "[GRAPH] --to ROLE [OPTIONS]",
                  .description = "Every role that can reach ROLE, each with its best route into "
                                 "it: all the ways into a\n"
                                 "role, as a table or as an in-tree diagram.",
                  .init = into_init);
