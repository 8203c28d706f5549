/* cmd_route.c: `careerpath route`: the best routes between two roles. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: careerpath route [GRAPH] --from ROLE --to ROLE [OPTIONS]\n"
    "\n"
    "Prints the best routes from one role to another. ROLE is a role's id or label, in any\n"
    "case. GRAPH is a DOT file (.gv, .dot) or a transitions CSV (.csv; roles from --roles or\n"
    "roles.csv beside it); without it, the built-in health-informatics graph is used.\n"
    "\n"
    "Options:\n"
    "  --from ROLE          where the person is now (required)\n"
    "  --to ROLE            the role they want (required)\n"
    "  --by CRITERION       steps (fewest moves), months, cost or effort; default months\n"
    "  --k N                the N best loopless routes, best first (default 1); equal totals\n"
    "                       are listed fewest steps first, then by role ids\n"
    "  --format FORMAT      text (default), json, dot or svg; dot and svg draw the best\n"
    "                       route alone\n"
    "  -o, --output FILE    write there (through a temporary file) instead of stdout\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 a route was found, 1 no route exists, 2 usage error, 3 bad input,\n"
    "4 output not written, 5 internal error.\n";

static json_t *json_number(double v) {
  if (isnan(v))
    return json_null();
  if (v == floor(v) && fabs(v) < 9e15)
    return json_integer((json_int_t)v);
  return json_real(v);
}

static json_t *route_json(const cp_graph *g, const cp_route *r) {
  json_t *o = json_object(), *roles = json_array(), *labels = json_array(), *steps = json_array();
  for (size_t i = 0; i <= r->n_steps; i++) {
    const cp_role *role = cp_graph_role(g, r->roles[i]);
    json_array_append_new(roles, json_string(role->id));
    json_array_append_new(labels, json_string(role->label));
  }
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    json_t *s = json_object(), *req = json_array();
    for (size_t j = 0; j < t->n_requires; j++)
      json_array_append_new(req, json_string(t->requires[j]));
    json_object_set_new(s, "from", json_string(cp_graph_role(g, t->from)->id));
    json_object_set_new(s, "to", json_string(cp_graph_role(g, t->to)->id));
    json_object_set_new(s, "months", json_number(t->months));
    json_object_set_new(s, "cost", json_number(t->cost));
    json_object_set_new(s, "effort", json_number(t->effort));
    json_object_set_new(s, "requires", req);
    json_object_set_new(s, "note", json_string(t->note));
    json_object_set_new(s, "source", json_string(t->source));
    json_array_append_new(steps, s);
  }
  json_object_set_new(o, "roles", roles);
  json_object_set_new(o, "labels", labels);
  json_object_set_new(o, "steps", json_integer((json_int_t)r->n_steps));
  json_object_set_new(o, "months", json_number(r->months));
  json_object_set_new(o, "cost", json_number(r->cost));
  json_object_set_new(o, "effort", json_number(r->effort));
  json_object_set_new(o, "transitions", steps);
  return o;
}

static char *routes_json(const cp_graph *g, size_t from, size_t to, cp_criterion by,
                         const cp_route_list *list) {
  json_t *root = json_object(), *routes = json_array();
  json_object_set_new(root, "from", json_string(cp_graph_role(g, from)->id));
  json_object_set_new(root, "to", json_string(cp_graph_role(g, to)->id));
  json_object_set_new(root, "by", json_string(cp_criterion_name(by)));
  for (size_t i = 0; i < list->n; i++)
    json_array_append_new(routes, route_json(g, &list->routes[i]));
  json_object_set_new(root, "routes", routes);
  char *text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
  json_decref(root);
  return text;
}

static void route_text(FILE *f, const cp_graph *g, const cp_route *r) {
  char months[32], cost[48], effort[32];
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    cp_cli_number(t->months, months, sizeof months);
    cp_format_money(t->cost, cost, sizeof cost);
    cp_cli_number(t->effort, effort, sizeof effort);
    fprintf(f, "  %zu. %s -> %s\n", i + 1, cp_graph_role(g, t->from)->label,
            cp_graph_role(g, t->to)->label);
    fprintf(f, "     %s months, %s, effort %s", months, cost, effort);
    for (size_t j = 0; j < t->n_requires; j++)
      fprintf(f, "%s%s", j ? ", " : "; requires ", t->requires[j]);
    fputc('\n', f);
    if (*t->note)
      fprintf(f, "     %s\n", t->note);
  }
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  cp_cli_number(r->effort, effort, sizeof effort);
  fprintf(f, "  Total: %zu step%s, %s months, %s, effort %s\n", r->n_steps,
          r->n_steps == 1 ? "" : "s", months, cost, effort);
}

static char *routes_text(const cp_graph *g, size_t from, size_t to, cp_criterion by,
                         const cp_route_list *list, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  if (!f)
    return NULL;
  for (size_t i = 0; i < list->n; i++) {
    if (i)
      fputc('\n', f);
    fprintf(f, "Route %zu of %zu from %s to %s, by %s:\n", i + 1, list->n,
            cp_graph_role(g, from)->label, cp_graph_role(g, to)->label, cp_criterion_name(by));
    route_text(f, g, &list->routes[i]);
  }
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

int cp_cmd_route(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"from", required_argument, NULL, 'f'},
                                           {"to", required_argument, NULL, 't'},
                                           {"by", required_argument, NULL, 'b'},
                                           {"k", required_argument, NULL, 'k'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  const char *from_name = NULL, *to_name = NULL, *output = NULL, *roles = NULL;
  const char *graph_path = NULL;
  cp_criterion by = CP_BY_MONTHS;
  cp_out_format format = CP_OUT_TEXT;
  size_t k = 1;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_route_list *list = NULL;
  char *text = NULL;
  size_t len = 0;
  cp_error e = {0};

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    switch (opt) {
    case 'f': from_name = optarg; break;
    case 't': to_name = optarg; break;
    case 'b':
      if ((code = cp_cli_parse_criterion(c, optarg, &by)))
        return code;
      break;
    case 'k':
      if (!cp_cli_parse_count(c, "--k", optarg, &k))
        return CP_EXIT_USAGE;
      break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_JSON) |
                                          CP_OUT_BIT(CP_OUT_DOT) | CP_OUT_BIT(CP_OUT_SVG),
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'r': roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if (!from_name || !to_name)
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--from and --to are required; see 'careerpath "
                       "route --help'");
  if (k > 1 && (format == CP_OUT_DOT || format == CP_OUT_SVG))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--format dot/svg draws one route; use --k with text "
                       "or json, or `careerpath render`");

  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  size_t from, to;
  cp_status st;
  if ((code = cp_cli_find_routes(c, g, from_name, to_name, by, k, &from, &to, &list)))
    goto cleanup;
  if (list->n == 0)
    cp_cli_fail(c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s' in %s",
                cp_graph_role(g, from)->label, cp_graph_role(g, to)->label, cp_graph_name(g));
  if (format == CP_OUT_JSON) {
    if ((text = routes_json(g, from, to, by, list))) {
      len = strlen(text);
      char *grown = realloc(text, len + 2);
      if (grown) {
        text = grown;
        text[len++] = '\n';
        text[len] = '\0';
      }
    }
  } else if (format == CP_OUT_TEXT) {
    text = list->n ? routes_text(g, from, to, by, list, &len) : calloc(1, 1);
  } else if (list->n) {
    char title[512];
    snprintf(title, sizeof title, "%s to %s, by %s", cp_graph_role(g, from)->label,
             cp_graph_role(g, to)->label, cp_criterion_name(by));
    cp_render_options ro = {.label_by = by == CP_BY_STEPS ? CP_BY_MONTHS : by,
                            .route = &list->routes[0],
                            .route_only = 1,
                            .title = title};
    if (cp_graph_check_criterion(g, ro.label_by, NULL) != CP_OK)
      ro.label_by = CP_BY_STEPS;
    if ((st = cp_render(g, &ro, format == CP_OUT_SVG ? CP_FORMAT_SVG : CP_FORMAT_DOT, &text, &len,
                        &e))) {
      code = cp_cli_status(c, st, &e);
      goto cleanup;
    }
  } else {
    code = CP_EXIT_NO_ROUTE;
    goto cleanup;
  }
  if (!text) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the routes");
    goto cleanup;
  }
  const char *inputs[] = {graph_path, roles, NULL};
  if ((code = cp_cli_write(c, output, text, len, inputs)))
    goto cleanup;
  code = list->n ? CP_EXIT_OK : CP_EXIT_NO_ROUTE;
cleanup:
  free(text);
  cp_route_list_free(list);
  cp_graph_free(g);
  return code;
}
