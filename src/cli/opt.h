/* opt.h: options as data (name, value, help, setter) and a reentrant parser for them: no
 * getopt globals, so commands can run in several threads at once. */
#ifndef CP_CLI_OPT_H
#define CP_CLI_OPT_H

#include "report.h"

#include <stdbool.h>
#include <stddef.h>

struct cp_cli_run;
struct cp_cli_option;

/* Applies an option's value (NULL for an option that takes none) to `dst`: the command's
 * state, or the shared arguments for an option with CP_OPT_SHARED, plus the option's offset.
 * Prints any error and returns its exit code. */
typedef int (*cp_cli_setter)(struct cp_cli_run *x, const struct cp_cli_option *o, void *dst,
                             const char *value);

enum cp_cli_opt_flags {
  CP_OPT_SHARED = 1u << 0, /* stored in the run's shared arguments, not the command's state */
  CP_OPT_HELP = 1u << 1,   /* prints the command's help and ends the run */
  CP_OPT_READS = 1u << 2,  /* names a file the command reads (a string at its offset): no
                              output may replace it */
  CP_OPT_WRITES = 1u << 3, /* names a file or directory the command writes */
  CP_OPT_EDITS = 1u << 4,  /* changes the loaded graph (not on a graph the caller shares) */
  CP_OPT_REPEAT = 1u << 5, /* may be given more than once, each adding to a list */
  CP_OPT_LOADS = 1u << 6,  /* says how to read the input (a column map): not on a graph the
                              caller shares, which is read already */
};

/* Where an option is listed in help. */
typedef enum cp_cli_heading {
  CP_HEAD_QUESTION, /* the roles asked about */
  CP_HEAD_BEST,     /* what is best */
  CP_HEAD_LIMITS,
  CP_HEAD_HELD,
  CP_HEAD_BATCH,
  CP_HEAD_OPTIONS, /* the command's own */
  CP_HEAD_OUTPUT,
  CP_HEAD_INPUT,
  CP_HEAD_COUNT
} cp_cli_heading;
const char *cp_cli_heading_title(cp_cli_heading h);

typedef struct cp_cli_option {
  const char *name;       /* long name without "--" */
  char letter;            /* short form (-o), 0 when none */
  const char *value;      /* the value's name in help ("ROLE"); NULL: takes no value */
  const char *help;       /* one paragraph; help and the man page wrap it */
  cp_cli_heading heading; /* where help lists it */
  cp_cli_setter set;
  size_t offset;        /* of its field in the state or shared arguments */
  unsigned flags;       /* CP_OPT_* */
  const char *complete; /* shell completion of its value: "@file", "@dir", "@formats", "@role"
                           or words separated by spaces; NULL: none */
} cp_cli_option;

/* The options one command takes, in help order. */
enum { CP_CLI_MAX_OPTIONS = 64 };
typedef struct cp_cli_optset {
  const cp_cli_option *opt[CP_CLI_MAX_OPTIONS];
  size_t n;
} cp_cli_optset;

/* The option named `name` (exactly, or as the unique prefix of one, as getopt_long takes
 * --fro for --from); NULL when none or several match. */
const cp_cli_option *cp_cli_find_option(const cp_cli_optset *set, const char *name, size_t len);
const cp_cli_option *cp_cli_find_letter(const cp_cli_optset *set, char letter);

/* The words of a command line after the options were taken out. */
typedef struct cp_cli_parsed {
  char **operands; /* borrowed from argv; malloc'd array */
  size_t n_operands;
  bool help; /* --help was given: nothing else was applied after it */
} cp_cli_parsed;

/* Parses argv[0..argc) as getopt_long does (options anywhere, "--" ending them, --name=value,
 * -o FILE, -oFILE, -h), applying each option in order through `apply`, which returns an exit
 * code. Unknown options and missing values are usage errors naming them. Free
 * p->operands. */
typedef int (*cp_cli_apply)(void *ctx, const cp_cli_option *o, const char *value);
int cp_cli_parse_argv(const cp_cli *c, const cp_cli_optset *set, int argc, char **argv,
                      cp_cli_apply apply, void *ctx, cp_cli_parsed *p);

/* Parses a whole positive number for option `name`; prints an error and returns false for
 * anything else. */
bool cp_cli_parse_count(const cp_cli *c, const char *name, const char *text, size_t *out);
/* The same, from 1 to `max`. */
bool cp_cli_parse_count_max(const cp_cli *c, const char *name, const char *text, size_t max,
                            size_t *out);

#endif /* CP_CLI_OPT_H */
