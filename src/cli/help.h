/* help.h: help, the man page and shell completion, all generated from the command table. */
#ifndef CP_CLI_HELP_H
#define CP_CLI_HELP_H

#include "groups.h"
#include "table.h"

#include <stdio.h>

/* What GRAPH may be: a DOT file, a table, or one of the library's built-in graphs (each
 * named with its description), as one paragraph of help. */
void cp_cli_graph_help(char *buf, size_t n);
/* `careerpath --help`: the commands, a line each, and the exit codes. */
void cp_cli_print_usage(FILE *f);
/* `careerpath COMMAND --help`. */
void cp_cli_print_help(FILE *f, const cp_cli_command *cmd);
/* careerpath(1) in man(7) markup: every command and option (`careerpath help --man`). */
void cp_cli_print_man(FILE *f);
/* A bash completion script (`careerpath help --bash-completion`). */
void cp_cli_print_bash_completion(FILE *f);

#endif /* CP_CLI_HELP_H */
