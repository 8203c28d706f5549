/* report.h: how the CLI says what went wrong: one line on stderr and an exit code. */
#ifndef CP_CLI_REPORT_H
#define CP_CLI_REPORT_H

#include "careerpath.h"
#include "cli.h"

#include <stdio.h>

/* Where a command's results and messages go, and its name for messages. */
typedef struct cp_cli {
  FILE *out, *err;
  const char *command; /* "route"; "mobility" for mobility build */
} cp_cli;

/* Prints "careerpath COMMAND: message" on err and returns `code`. */
int cp_cli_fail(const cp_cli *c, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints "careerpath COMMAND: WHEREnote: message" on err: something the person should know
 * about how their question was read (a name taken as another). */
void cp_cli_note(const cp_cli *c, const char *where, const char *message);
/* The exit code for a library status. */
int cp_cli_exit_code(cp_status st);
/* Maps a library status (with its message) to an exit code, printing the message. */
int cp_cli_status(const cp_cli *c, cp_status st, const cp_error *e);
/* The same for a search, its message prefixed by `where` ("FILE:LINE: " in a batch, else
 * ""); a graph lacking the criterion gets "; try --by steps". */
int cp_cli_search_status(const cp_cli *c, cp_status st, const cp_error *e, const char *where);

#endif /* CP_CLI_REPORT_H */
