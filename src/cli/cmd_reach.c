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
  if (s->a.routes->n == 0)
    x->code = cp_cli_fail(&x->c, CP_EXIT_NO_ROUTE, "no role %s '%s'%s",
                          s->into ? "can reach" : "is reachable from",
                          cp_graph_role(x->g, origin(s))->label,
                          cp_cli_limited(&x->args.rq) ? " within these limits" : "");
  return CP_EXIT_OK;
}

static void table(FILE *f, const cp_graph *g, const sweep_state *s) {
  const cp_route_list *l = s->a.routes;
  cp_cli_figures fig;
  size_t w = 4;
  for (size_t i = 0; i < l->n; i++) {
    size_t len = strlen(cp_graph_role(g, role_of(s, &l->routes[i]))->id);
    w = len > w ? len : w;
  }
  fprintf(f, "  %-*s  STEPS  MONTHS        COST  EFFORT  ROUTE\n", (int)w, "ROLE");
  for (size_t i = 0; i < l->n; i++) {
    const cp_route *r = &l->routes[i];
    cp_cli_route_figures(r, &fig);
    fprintf(f, "  %-*s  %5zu  %6s  %10s  %6s ", (int)w, cp_graph_role(g, role_of(s, r))->id,
            r->n_steps, fig.months, fig.cost, fig.effort);
    for (size_t j = 0; j <= r->n_steps; j++)
      fprintf(f, "%s%s", j ? " > " : " ", cp_graph_role(g, r->roles[j])->id);
    fputc('\n', f);
  }
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const sweep_state *s = state;
  char by[256];
  cp_cli_describe(&x->args.rq, by, sizeof by);
  cp_cli_conditions_text(out, x->g, &x->args.rq, &s->a);
  fprintf(out, "%s %s, by %s: %zu role%s\n", s->into ? "Into" : "From",
          cp_graph_role(x->g, origin(s))->label, by, s->a.routes->n,
          s->a.routes->n == 1 ? "" : "s");
  if (s->a.routes->n)
    table(out, x->g, s);
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
  json_object_set_new(root, "have", cp_cli_names_json(rq->have.name, rq->have.n));
  for (size_t i = 0; i < s->a.routes->n; i++) {
    const cp_route *r = &s->a.routes->routes[i];
    json_t *o = cp_cli_route_json(x->router, &s->a, rq, r);
    json_object_set_new(o, "role", json_string(cp_graph_role(x->g, role_of(s, r))->id));
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
  cp_cli_describe(&x->args.rq, by, sizeof by);
  snprintf(title, sizeof title, "%s %s, by %s", s->into ? "All the ways into" : "Reachable from",
           cp_graph_role(x->g, origin(s))->label, by);
  cp_render_options ro = {.label_by = x->args.rq.by == CP_BY_STEPS ? CP_BY_MONTHS : x->args.rq.by,
                          .region = s->a.routes,
                          .title = title,
                          .paper = x->args.paper,
                          .dpi = x->args.dpi};
  int code = cp_cli_draw(&x->c, x->g, &ro, f, &text, &len);
  if (!code)
    fwrite(text, 1, len, out);
  free(text);
  return code;
}

static void sweep_release(void *state) { cp_cli_answer_free(&((sweep_state *)state)->a); }

/* What reach and into share: all but their names, questions and help. */
#define SWEEP_COMMAND(...)                                                                         \
  {                                                                                                \
    .section = CP_SECTION_COMMANDS,                                                                \
    .groups = CP_GROUP_QUESTION | CP_GROUP_LIMITS | CP_GROUP_HELD | CP_GROUP_OUTPUT |              \
              CP_GROUP_DRAWING | CP_GROUP_GRAPH,                                                   \
    .format_note = "dot, svg, png and pdf draw the region as a career map, levels and domains",    \
    .exit_codes = "0 roles listed, 1 none within the limits, 2 usage error, 3 bad input, 4 "       \
                  "output not written, 5 internal error.",                                         \
    .what = "the roles", .default_format = CP_OUT_TEXT,                                            \
    .present = {[CP_OUT_TEXT] = present_text,   [CP_OUT_JSON] = present_json,                      \
                [CP_OUT_DOT] = present_drawing, [CP_OUT_SVG] = present_drawing,                    \
                [CP_OUT_PNG] = present_drawing, [CP_OUT_PDF] = present_drawing},                   \
    .state_size = sizeof(sweep_state), .check = sweep_check, .compute = sweep_compute,             \
    .release = sweep_release, __VA_ARGS__                                                          \
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
