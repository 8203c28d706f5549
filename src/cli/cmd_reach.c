/* cmd_reach.c: `careerpath reach` (where can I go) and `careerpath into` (who can get here). */
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char reach_help[] =
    "Usage: careerpath reach [GRAPH] --from ROLE [OPTIONS]\n"
    "\n"
    "Every role reachable from ROLE within the limits, each with its best route (an\n"
    "isochrone): where a person can get with the time and money they have.\n";

static const char into_help[] =
    "Usage: careerpath into [GRAPH] --to ROLE [OPTIONS]\n"
    "\n"
    "Every role that can reach ROLE, each with its best route into it: all the ways into a\n"
    "role, as a table or as an in-tree diagram.\n";

static const char common_help[] =
    "\n"
    "Options:\n"
    "  --by CRITERION       best by steps, months (default), cost or effort, or a trade-off\n"
    "                       such as months=1,cost=0.0005\n"
    "  --within C=L,...     limits on the route's totals, e.g. months=36,cost=20000\n"
    "  --budget, --max-months, --max-steps, --max-effort   one limit each\n"
    "  --avoid ROLE, --avoid-domain D   never pass through (repeatable)\n"
    "  --have CRED, --have-file FILE    credentials already held\n"
    "  --format FORMAT      text (default), json, dot, svg, png or pdf (the region drawn\n"
    "                       with its domains and levels)\n"
    "  -o, --output FILE    write there (through a temporary file) instead of stdout\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 roles listed, 1 none within the limits, 2 usage error, 3 bad input,\n"
    "4 output not written, 5 internal error.\n";

static void table(FILE *f, const cp_graph *g, const cp_route_list *l, bool into) {
  char months[32], cost[48], effort[32];
  size_t w = 4;
  for (size_t i = 0; i < l->n; i++) {
    const cp_route *r = &l->routes[i];
    size_t len = strlen(cp_graph_role(g, r->roles[into ? 0 : r->n_steps])->id);
    w = len > w ? len : w;
  }
  fprintf(f, "  %-*s  STEPS  MONTHS        COST  EFFORT  ROUTE\n", (int)w, "ROLE");
  for (size_t i = 0; i < l->n; i++) {
    const cp_route *r = &l->routes[i];
    cp_cli_number(r->months, months, sizeof months);
    cp_format_money(r->cost, cost, sizeof cost);
    cp_cli_number(r->effort, effort, sizeof effort);
    fprintf(f, "  %-*s  %5zu  %6s  %10s  %6s ", (int)w,
            cp_graph_role(g, r->roles[into ? 0 : r->n_steps])->id, r->n_steps, months, cost,
            effort);
    for (size_t j = 0; j <= r->n_steps; j++)
      fprintf(f, "%s%s", j ? " > " : " ", cp_graph_role(g, r->roles[j])->id);
    fputc('\n', f);
  }
}

static json_t *routes_json(const cp_router *router, const cp_cli_request *rq,
                           const cp_cli_answer *a, bool into) {
  const cp_graph *g = cp_router_graph(router);
  json_t *root = json_object(), *list = json_array(), *limits = json_object();
  char by[256];
  cp_cli_describe(rq, by, sizeof by);
  json_object_set_new(root, into ? "to" : "from",
                      json_string(cp_graph_role(g, into ? a->to : a->from)->id));
  json_object_set_new(root, "by", json_string(by));
  for (int c = 0; c < NC; c++)
    if (isfinite(rq->limits[c]))
      json_object_set_new(limits, cp_criterion_name((cp_criterion)c),
                          cp_cli_json_number(rq->limits[c]));
  json_object_set_new(root, "limits", limits);
  json_object_set_new(root, "have", cp_cli_names_json(rq->have, rq->n_have));
  for (size_t i = 0; i < a->routes->n; i++) {
    const cp_route *r = &a->routes->routes[i];
    json_t *o = cp_cli_route_json(router, a, rq, r);
    json_object_set_new(o, "role",
                        json_string(cp_graph_role(g, r->roles[into ? 0 : r->n_steps])->id));
    json_array_append_new(list, o);
  }
  json_object_set_new(root, into ? "into" : "reachable", list);
  return root;
}

static int sweep_command(const cp_cli *c, int argc, char **argv, bool into) {
  static const struct option longopts[] = {{"from", required_argument, NULL, 'f'},
                                           {"to", required_argument, NULL, 't'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           CP_CLI_QUESTION_OPTIONS,
                                           {NULL, 0, NULL, 0}};
  const char *output = NULL, *roles = NULL, *graph_path = NULL, *have_file = NULL;
  cp_cli_request rq;
  cp_cli_answer a = {0};
  cp_out_format format = CP_OUT_TEXT;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_router *router = NULL;
  char *text = NULL, *have_text = NULL, why[512];
  size_t len = 0;
  cp_error e = {0};

  cp_cli_request_init(&rq);
  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    bool ok = true;
    switch (opt) {
    case 'f': rq.from = optarg; break;
    case 't': rq.to = optarg; break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_JSON) |
                                          CP_OUT_BIT(CP_OUT_DOT) | CP_OUT_BIT(CP_OUT_SVG) |
                                          CP_OUT_IMAGES,
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'r': roles = optarg; break;
    case 'h':
      fputs(into ? into_help : reach_help, c->out);
      fputs(common_help, c->out);
      return CP_EXIT_OK;
    default:
      if (!cp_cli_question_option(opt, optarg, &rq, &have_file, &ok, why, sizeof why))
        return CP_EXIT_USAGE;
    }
    if (!ok)
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s", why);
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if (into ? !rq.to || rq.from : !rq.from || rq.to)
    return cp_cli_fail(c, CP_EXIT_USAGE, "%s; see 'careerpath %s --help'",
                       into ? "into takes --to ROLE (and no --from)"
                            : "reach takes --from ROLE (and no --to)",
                       c->command);
  if (have_file && (code = cp_cli_read_have_file(c, have_file, &rq, &have_text)))
    goto cleanup;
  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  cp_status st = cp_router_new(g, &router, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  if ((code = cp_cli_prepare(c, g, &rq, &a, "")))
    goto cleanup;
  st = into ? cp_route_into(router, &a.q, &a.routes, &e)
            : cp_route_reach(router, &a.q, &a.routes, &e);
  if ((code = cp_cli_search_status(c, st, &e, "")))
    goto cleanup;
  size_t origin = into ? a.to : a.from;
  if (a.routes->n == 0)
    cp_cli_fail(c, CP_EXIT_NO_ROUTE, "no role %s '%s'%s", into ? "can reach" : "is reachable from",
                cp_graph_role(g, origin)->label,
                isfinite(rq.limits[0]) || isfinite(rq.limits[1]) || isfinite(rq.limits[2]) ||
                        isfinite(rq.limits[3])
                    ? " within these limits"
                    : "");
  char by[256];
  cp_cli_describe(&rq, by, sizeof by);
  if (format == CP_OUT_JSON) {
    text = cp_cli_json_text(routes_json(router, &rq, &a, into), &len);
  } else if (format == CP_OUT_TEXT) {
    FILE *f = open_memstream(&text, &len);
    if (f) {
      cp_cli_conditions_text(f, g, &rq, &a);
      fprintf(f, "%s %s, by %s: %zu role%s\n", into ? "Into" : "From",
              cp_graph_role(g, origin)->label, by, a.routes->n, a.routes->n == 1 ? "" : "s");
      if (a.routes->n)
        table(f, g, a.routes, into);
      cp_cli_memstream_close(f, &text); /* NULL text: out of memory, below */
    }
  } else {
    char title[512];
    snprintf(title, sizeof title, "%s %s, by %s", into ? "All the ways into" : "Reachable from",
             cp_graph_role(g, origin)->label, by);
    cp_render_options ro = {.label_by = rq.by == CP_BY_STEPS ? CP_BY_MONTHS : rq.by,
                            .region = a.routes,
                            .title = title};
    if ((code = cp_cli_draw(c, g, &ro, format, &text, &len)))
      goto cleanup;
  }
  if (!text) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the roles");
    goto cleanup;
  }
  const char *inputs[] = {graph_path, roles, NULL};
  if ((code = cp_cli_write(c, output, text, len, inputs)))
    goto cleanup;
  code = a.routes->n ? CP_EXIT_OK : CP_EXIT_NO_ROUTE;
cleanup:
  free(text);
  free(have_text);
  cp_cli_answer_free(&a);
  cp_router_free(router);
  cp_graph_free(g);
  return code;
}

int cp_cmd_reach(const cp_cli *c, int argc, char **argv) {
  return sweep_command(c, argc, argv, false);
}

int cp_cmd_into(const cp_cli *c, int argc, char **argv) {
  return sweep_command(c, argc, argv, true);
}
