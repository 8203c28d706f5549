/* cmd_render.c: `careerpath render`: the whole graph as DOT or SVG, a route highlighted. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
    "Usage: careerpath render [GRAPH] [--from ROLE --to ROLE] [OPTIONS]\n"
    "\n"
    "Draws the whole graph: roles grouped by domain, ordered by level (entry to executive),\n"
    "a legend, edges labelled with the chosen criterion. With --from and --to the best\n"
    "route is drawn bold. Layout and SVG come from Graphviz, in-process.\n"
    "\n"
    "Options:\n"
    "  --from ROLE, --to ROLE   highlight the best route between these roles\n"
    "  --focus ROLE             only the roles within --radius moves of ROLE (either way)\n"
    "  --radius N               how far --focus reaches (default 2)\n"
    "  --domain D               only the roles of domain D (repeatable); with --focus, the\n"
    "                           roles that are both\n"
    "  --layout ENGINE          dot (levels as columns, domains as boxes), sfdp or neato;\n"
    "                           default dot up to 300 roles drawn, sfdp above\n"
    "  --k N                    draw the N best routes: the best in solid red, the others\n"
    "                           each in its own colour and line style, with a key\n"
    "  --by CRITERION           route criterion and edge labels: steps, months (default),\n"
    "                           cost or effort\n"
    "  --format FORMAT          svg (default) or dot\n"
    "  -o, --output FILE        write there (through a temporary file) instead of stdout\n"
    "  --title TEXT             the diagram's title (default: the graph's name)\n"
    "  --roles FILE             roles CSV for a CSV graph\n"
    "  -h, --help               this help\n"
    "\n"
    "Exit codes: 0 drawn, 1 no route between the roles asked, 2 usage error, 3 bad input,\n"
    "4 output not written, 5 internal error.\n";

int cp_cmd_render(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"from", required_argument, NULL, 'f'},
                                           {"to", required_argument, NULL, 't'},
                                           {"by", required_argument, NULL, 'b'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"title", required_argument, NULL, 'T'},
                                           {"k", required_argument, NULL, 'k'},
                                           {"focus", required_argument, NULL, 'c'},
                                           {"radius", required_argument, NULL, 'R'},
                                           {"domain", required_argument, NULL, 'd'},
                                           {"layout", required_argument, NULL, 'L'},
                                           {"k", required_argument, NULL, 'k'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  const char *from_name = NULL, *to_name = NULL, *output = NULL, *roles = NULL;
  const char *graph_path = NULL, *title = NULL, *focus = NULL, *layout = NULL;
  const char *domains[64];
  size_t n_domains = 0, radius = 2;
  unsigned char *shown = NULL;
  cp_criterion by = CP_BY_MONTHS;
  bool by_given = false;
  cp_out_format format = CP_OUT_SVG;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_route_list *list = NULL;
  char *text = NULL;
  size_t len = 0;
  cp_error e = {0};
  cp_status st;
  size_t k = 1;

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    switch (opt) {
    case 'f': from_name = optarg; break;
    case 't': to_name = optarg; break;
    case 'b':
      if ((code = cp_cli_parse_criterion(c, optarg, &by)))
        return code;
      by_given = true;
      break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg, CP_OUT_BIT(CP_OUT_DOT) | CP_OUT_BIT(CP_OUT_SVG),
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'T': title = optarg; break;
    case 'k':
      if (!cp_cli_parse_count(c, "--k", optarg, &k))
        return CP_EXIT_USAGE;
      break;
    case 'r': roles = optarg; break;
    case 'c': focus = optarg; break;
    case 'R':
      if (!cp_cli_parse_count(c, "--radius", optarg, &radius))
        return CP_EXIT_USAGE;
      break;
    case 'd':
      if (n_domains == sizeof domains / sizeof *domains)
        return cp_cli_fail(c, CP_EXIT_USAGE, "more than 64 --domain");
      domains[n_domains++] = optarg;
      break;
    case 'L':
      if (strcmp(optarg, "dot") && strcmp(optarg, "sfdp") && strcmp(optarg, "neato"))
        return cp_cli_fail(c, CP_EXIT_USAGE, "unknown layout '%s' (choose from dot, sfdp, neato)",
                           optarg);
      layout = optarg;
      break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if (!from_name != !to_name)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--from and --to go together");

  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  cp_render_options ro = {.label_by = by, .title = title, .layout = layout};
  /* A large map is read a piece at a time: a role's neighbourhood, some domains. */
  if (focus || n_domains) {
    size_t n = cp_graph_role_count(g);
    if (!(shown = calloc(n ? n : 1, 1))) {
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
      goto cleanup;
    }
    if (focus) {
      size_t at;
      if ((st = cp_graph_find_role(g, focus, &at, &e)) ||
          (st = cp_graph_neighbourhood(g, at, radius, shown, &e))) {
        code = cp_cli_status(c, st, &e);
        goto cleanup;
      }
    } else {
      memset(shown, 1, n);
    }
    for (size_t d = 0; d < n_domains; d++) {
      bool any = false;
      for (size_t i = 0; i < n; i++)
        any |= strcasecmp(cp_graph_role(g, i)->domain, domains[d]) == 0;
      if (!any) {
        code = cp_cli_fail(c, CP_EXIT_INPUT, "no role has domain '%s'; see 'careerpath roles'",
                           domains[d]);
        goto cleanup;
      }
    }
    for (size_t i = 0; i < n && n_domains; i++) {
      bool in = false;
      for (size_t d = 0; d < n_domains; d++)
        in |= strcasecmp(cp_graph_role(g, i)->domain, domains[d]) == 0;
      shown[i] &= in;
    }
    ro.shown = shown;
  }
  /* Edge labels default to months; a graph without months is drawn unlabelled rather than
   * refused, unless the user asked for that criterion. */
  if (cp_graph_check_criterion(g, by, by_given ? &e : NULL) != CP_OK) {
    if (by_given) {
      code = cp_cli_status(c, CP_ENOCRIT, &e);
      goto cleanup;
    }
    by = ro.label_by = CP_BY_STEPS;
  }
  if (from_name) {
    size_t from, to;
    if ((code = cp_cli_find_routes(c, g, from_name, to_name, by, k, &from, &to, &list)))
      goto cleanup;
    if (list->n == 0) {
      code = cp_cli_fail(c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s'; nothing drawn",
                         cp_graph_role(g, from)->label, cp_graph_role(g, to)->label);
      goto cleanup;
    }
    ro.route = &list->routes[0];
    ro.alternatives = list->routes + 1;
    ro.n_alternatives = list->n - 1;
  }
  if ((st = cp_render(g, &ro, format == CP_OUT_SVG ? CP_FORMAT_SVG : CP_FORMAT_DOT, &text, &len,
                      &e))) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  const char *inputs[] = {graph_path, roles, NULL};
  code = cp_cli_write(c, output, text, len, inputs);
cleanup:
  free(shown);
  free(text);
  cp_route_list_free(list);
  cp_graph_free(g);
  return code;
}
