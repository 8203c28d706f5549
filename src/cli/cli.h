/* cli.h: the careerpath command line as a library: its entry points and exit codes. */
#ifndef CP_CLI_H
#define CP_CLI_H

#include "careerpath.h"

#include <stddef.h>
#include <stdio.h>

/* Exit codes, documented in README.md and careerpath(1). */
enum cp_exit {
  CP_EXIT_OK = 0,
  CP_EXIT_NO_ROUTE = 1, /* the question was fine, but no route exists */
  CP_EXIT_USAGE = 2,    /* bad command line */
  CP_EXIT_INPUT = 3,    /* bad or unreadable input: graph file, role name, criterion */
  CP_EXIT_OUTPUT = 4,   /* the output could not be written */
  CP_EXIT_INTERNAL = 5, /* out of memory, or a library failure */
};

/* Runs one careerpath command line (argv[0] is the program); writes results to `out` (or
 * the -o file) and messages to `err`. Returns an exit code. */
int cp_cli_main(int argc, char **argv, FILE *out, FILE *err);

/* One option as a name and a value, e.g. {"from", "registered-nurse"}; `value` is NULL for
 * an option that takes none (--normalize). Names are the long names without "--". */
typedef struct cp_cli_pair {
  const char *name;
  const char *value;
} cp_cli_pair;

/* Runs `command` ("route", "reach", ...) with `options` on a graph loaded by the caller and
 * writes to `out` exactly the bytes `careerpath COMMAND [OPTIONS]` prints on stdout for the
 * same graph, `err` getting its messages; returns the same exit code. For a server: options
 * come from a URL query and the graph is loaded once and only read, so calls may run in
 * several threads at once. `router` (over `g`; NULL: one is made for the call) serves one
 * thread at a time: keep one per thread. Not for several threads at once: drawings
 * (Graphviz) and what goes through igraph, which Debian builds without thread safety
 * (validate, stats, centrality, communities, render --top/--focus). Options that name files (-o,
 * --roles, --batch, --have-file,
 * --out-dir) or edit the graph (render --communities) are usage errors here, as are commands
 * that read no graph (mobility build). */
int cp_cli_run_loaded(const char *command, const cp_graph *g, const cp_router *router,
                      const cp_cli_pair *options, size_t n_options, FILE *out, FILE *err);

#endif /* CP_CLI_H */
