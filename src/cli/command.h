/* command.h: the command table: what each command is (name, help, options, formats) and
 * does (check, compute, present), and the run a driver makes of it. */
#ifndef CP_CLI_COMMAND_H
#define CP_CLI_COMMAND_H

#include "careerpath.h"
#include "format.h"
#include "histories.h"
#include "opt.h"
#include "report.h"
#include "request.h"
#include "write.h"

#include <stdbool.h>
#include <stdio.h>

/* What the shared option groups set (CP_OPT_SHARED options). */
typedef struct cp_cli_args {
  cp_out_format format;     /* --format, else the command's default */
  bool format_given;        /* --format was given */
  const char *output;       /* -o; NULL or "-": stdout */
  const char *graph_path;   /* the GRAPH operand; NULL: the built-in graph */
  const char *roles;        /* --roles */
  const char *columns;      /* --columns: the transitions' (or histories') column map */
  const char *role_columns; /* --role-columns: the roles' column map */
  cp_cli_request rq;        /* --from, --to, --by, limits, --have, --k, --via, --pareto */
  const char *have_file;    /* --have-file */
  const char *batch;        /* --batch */
  cp_cli_histories hist;    /* --histories, --period, --min-people, --bootstrap, --seed */
} cp_cli_args;

/* A further file written together with the main output (mobility build's roles). */
enum { CP_CLI_MAX_COMPANIONS = 4 };
typedef struct cp_cli_companion {
  const char *path;
  char *data; /* owned */
  size_t len;
} cp_cli_companion;

struct cp_cli_command;

/* One run of one command: its streams, arguments, inputs and graph. */
typedef struct cp_cli_run {
  cp_cli c; /* streams and the command's name, for messages */
  const struct cp_cli_command *cmd;
  cp_cli_args args;
  cp_cli_inputs inputs; /* every file it reads: no output may replace one */
  cp_cli_companion companion[CP_CLI_MAX_COMPANIONS];
  size_t n_companions;
  const cp_graph *g; /* the graph: loaded by the driver, or the caller's */
  cp_graph *own_graph;
  const cp_router *router; /* made when a command asks (cp_cli_router), or the caller's */
  cp_router *own_router;
  char *have_text; /* --have-file's text, which args.rq.have borrows */
  /* cp_cli_run_loaded, for a command that runs others (serve) without depending on the
   * driver that runs it. */
  int (*run_loaded)(const char *command, const cp_graph *g, const cp_router *router,
                    const cp_cli_pair *options, size_t n, FILE *out, FILE *err);
  int code;       /* the exit code once the output is written (1: no route) */
  bool loaded;    /* on a graph the caller shares: no files, no edits */
  bool no_output; /* the command wrote its files itself (render --batch) */
} cp_cli_run;

/* Writes the result in format `f` to `out` (a memory stream, or stdout for a streaming
 * command). Returns an exit code: not 0, nothing is written. Never computes. */
typedef int (*cp_cli_present_fn)(cp_cli_run *x, const void *state, cp_out_format f, FILE *out);

/* Option groups, declared once each (groups.h). */
enum cp_cli_group {
  CP_GROUP_OUTPUT = 1u << 0,    /* --format, -o */
  CP_GROUP_GRAPH = 1u << 1,     /* the GRAPH operand, --roles, --columns, --role-columns; the
                                   driver loads the graph */
  CP_GROUP_QUESTION = 1u << 2,  /* --from, --to, --by (criterion or trade-off) */
  CP_GROUP_LIMITS = 1u << 3,    /* --within, --budget, --max-*, --avoid, --avoid-domain */
  CP_GROUP_HELD = 1u << 4,      /* --have, --have-file */
  CP_GROUP_BATCH = 1u << 5,     /* --batch */
  CP_GROUP_HELP = 1u << 6,      /* -h, --help: every command takes it, whatever its groups */
  CP_GROUP_HISTORIES = 1u << 7, /* --histories (in place of GRAPH), --period, --bootstrap... */
};

typedef enum cp_cli_section { CP_SECTION_COMMANDS, CP_SECTION_RESEARCH } cp_cli_section;

typedef struct cp_cli_command {
  const char *parent;                  /* "mobility" for "mobility build", else NULL */
  const char *name;                    /* the word that runs it */
  const char *summary;                 /* one line in the list of commands */
  cp_cli_section section;              /* where that list shows it */
  const char *synopsis;                /* usage after "careerpath NAME ", lines separated by '\n' */
  const char *description;             /* paragraphs separated by "\n\n" */
  unsigned groups;                     /* CP_GROUP_* it takes */
  const cp_cli_option *const *options; /* its own, NULL-terminated */
  const char *operand;     /* an operand other than GRAPH ("HISTORIES.csv"), for help and errors */
  const char *format_note; /* after the list of formats in --format's help */
  const char *notes;       /* paragraphs after the options */
  const char *exit_codes;  /* "0 ..., 1 ..., 2 usage error, ..." */
  const char *what;        /* what it prints, for "out of memory formatting the routes" */
  cp_out_format default_format;
  cp_cli_present_fn present[CP_OUT_COUNT]; /* per format; NULL: not offered */
  bool streams;      /* with --batch, present writes straight to stdout as it goes (route) */
  size_t state_size; /* its own state (options and results), zeroed, then init */
  void (*init)(cp_cli_run *x, void *state);
  /* The operands left after the options; NULL: the GRAPH operand (CP_GROUP_GRAPH). */
  int (*operands)(cp_cli_run *x, void *state, char **operands, size_t n);
  /* After parsing, before reading anything: combinations of options, outputs besides -o. */
  int (*check)(cp_cli_run *x, void *state);
  /* The answer, from x->g (and x->router); never formats. May set x->code (e.g. 1, no route)
   * for the run to end with once the output is written. */
  int (*compute)(cp_cli_run *x, void *state);
  void (*release)(void *state);
  /* After every file was written: what a command says about them (mobility build names
   * its files). NULL: nothing. */
  void (*written)(cp_cli_run *x, const void *state);
} cp_cli_command;

/* ---- what a command's functions may ask of their run (command.c) ---- */

/* Formats `cmd` offers, a bit each. */
unsigned cp_cli_formats(const cp_cli_command *cmd);
/* The name in messages and help: "route", "mobility build". */
void cp_cli_full_name(const cp_cli_command *cmd, char *buf, size_t n);

/* The router over x->g: the caller's, or one made now and kept for the run. */
int cp_cli_router(cp_cli_run *x, const cp_router **out);
/* The graph to edit (render --communities recolours it): NULL on a shared graph. */
cp_graph *cp_cli_graph_to_edit(cp_cli_run *x);
/* Parses the column map `text` given with option `name` (NULL text: none, *out NULL); a
 * malformed one is a usage error naming the option. Free with cp_column_map_free. */
int cp_cli_column_map(cp_cli_run *x, const char *name, const char *text, const cp_column_map **out);
/* Hands the driver a further file to write with the main output; takes `data`. */
int cp_cli_add_companion(cp_cli_run *x, const char *path, char *data, size_t len);

#endif /* CP_CLI_COMMAND_H */
