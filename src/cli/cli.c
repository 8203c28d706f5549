/* cli.c: dispatches `careerpath COMMAND ...` to the command and prints top-level help. */
#include "cli.h"

#include <string.h>

static const char usage[] =
    "Usage: careerpath COMMAND [OPTIONS]\n"
    "\n"
    "Career path graphs: roles are nodes, transitions between them are edges weighted by\n"
    "months, cost and effort. Without a GRAPH argument, commands use the built-in\n"
    "health-informatics graph.\n"
    "\n"
    "Commands:\n"
    "  route      the best routes from one role to another: trade-offs, Pareto sets,\n"
    "             limits, credentials held, batches (text, JSON, DOT, SVG)\n"
    "  reach      every role reachable within limits, with its best route\n"
    "  into       every role's best route into a role\n"
    "  whatif     which credential to earn next, ranked by what it saves\n"
    "  render     draw the whole graph, with a route highlighted if asked (DOT, SVG)\n"
    "  roles      list the roles of a graph\n"
    "  validate   check a graph file and summarise it\n"
    "\n"
    "Research:\n"
    "  mobility build  a transition graph from career histories (CSV in, CSV or DOT out)\n"
    "  stats      network measures: density, reciprocity, components, degrees, paths...\n"
    "  centrality gateway roles: betweenness, pagerank, closeness, degree, strength\n"
    "  communities clusters of roles (Leiden or Louvain) with modularity\n"
    "  markov     the graph as a Markov chain: stationary distribution, hitting\n"
    "             probabilities and expected steps and months to a role\n"
    "\n"
    "Options:\n"
    "  -h, --help     this help; `careerpath COMMAND --help` for a command's\n"
    "  --version      print the version\n"
    "\n"
    "Exit codes: 0 success, 1 no route exists, 2 usage error, 3 bad input (graph file,\n"
    "role name, criterion), 4 output could not be written, 5 internal error.\n";

typedef int (*command_fn)(const cp_cli *, int, char **);

static const struct {
  const char *name;
  command_fn fn;
} commands[] = {
    {"route", cp_cmd_route},
    {"reach", cp_cmd_reach},
    {"into", cp_cmd_into},
    {"whatif", cp_cmd_whatif},
    {"render", cp_cmd_render},
    {"roles", cp_cmd_roles},
    {"validate", cp_cmd_validate},
    {"mobility", cp_cmd_mobility},
    {"stats", cp_cmd_stats},
    {"centrality", cp_cmd_centrality},
    {"communities", cp_cmd_communities},
    {"markov", cp_cmd_markov},
};

int cp_cli_main(int argc, char **argv, FILE *out, FILE *err) {
  cp_cli c = {.out = out, .err = err, .command = NULL};
  cp_init();
  cp_cli_json_init();
  if (argc < 2) {
    fputs(usage, err);
    return CP_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
    fputs(usage, out);
    return CP_EXIT_OK;
  }
  if (!strcmp(name, "--version")) {
    fprintf(out, "careerpath %s\n", CP_VERSION);
    return CP_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (!strcmp(name, commands[i].name)) {
      c.command = commands[i].name;
      return commands[i].fn(&c, argc - 1, argv + 1);
    }
  }
  fprintf(err, "careerpath: unknown command '%s'; try 'careerpath --help'\n", name);
  return CP_EXIT_USAGE;
}
