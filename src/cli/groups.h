/* groups.h: the shared option groups (output, graph input, question, limits, credentials
 * held, batch, help), each option declared once, and setters for options' values. */
#ifndef CP_CLI_GROUPS_H
#define CP_CLI_GROUPS_H

#include "command.h"

/* Every option `cmd` takes: its groups' and its own, in help order. */
void cp_cli_options_of(const cp_cli_command *cmd, cp_cli_optset *set);
/* The options of one group (groups.c), NULL-terminated. */
const cp_cli_option *const *cp_cli_group_options(unsigned group);

/* Options declared once and taken one by one by commands that do not take their whole
 * group (groups.c). */
extern const cp_cli_option cp_opt_from, cp_opt_to, cp_opt_k, cp_opt_format, cp_opt_output,
    cp_opt_help, cp_opt_columns, cp_opt_sources;

/* Setters for common kinds of value at the option's offset (groups.c). */
int cp_cli_set_string(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value);
int cp_cli_set_flag(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value);
/* A whole number from 1 to 1,000,000 (size_t). */
int cp_cli_set_count(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value);
/* --k, from 1 to CP_CLI_MAX_K. */
int cp_cli_set_k(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value);
/* A parser's verdict as an exit code: `why` is the usage error when not `ok`. */
int cp_cli_verdict(cp_cli_run *x, bool ok, const char *why);
/* Adds the value to the cp_cli_names list at the option's offset (--avoid, --via, --have). */
int cp_cli_add_to_list(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value);
/* A criterion option that remembers whether it was given (render and centrality --by). */
typedef struct cp_cli_criterion_choice {
  cp_criterion value;
  bool given;
} cp_cli_criterion_choice;
/* A criterion name into a cp_cli_criterion_choice; for --by where trade-offs make no sense. */
int cp_cli_set_criterion(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value);

/* --period's value: "year" or "month"; a usage error otherwise. */
int cp_cli_parse_period(const cp_cli *c, const char *text, cp_period *out);

/* Parses a community method name (leiden, louvain); a usage error otherwise. */
int cp_cli_parse_method(const cp_cli *c, const char *text, cp_community_method *out);

#endif /* CP_CLI_GROUPS_H */
