/* cmd_mobility.h: the mobility commands' shared state and steps (cmd_mobility.c: `mobility
 * build`, whole or partial; cmd_mobility_merge.c: `mobility merge`). */
#ifndef CP_CLI_CMD_MOBILITY_H
#define CP_CLI_CMD_MOBILITY_H

#include "groups.h"

#include <stdint.h>

/* --min-people not given: 5, except that `build --partial` applies none. */
#define CP_CLI_MIN_PEOPLE_UNSET SIZE_MAX

typedef struct mobility_state {
  const char *input, *format_name, *roles_out, *join;
  char *roles_path; /* roles.csv beside -o, when that is where the roles go */
  cp_mobility_options o;
  int partial;         /* build --partial: the partial file's bytes, not a graph */
  char *partial_bytes; /* malloc'd */
  size_t partial_len;
  char **parts; /* merge: the partial files (borrowed from argv) */
  size_t n_parts;
  cp_mobility *m;
  size_t joined; /* roles that took a label, domain and level from --roles */
} mobility_state;

extern const cp_cli_option cp_opt_mobility_format, cp_opt_mobility_roles_out,
    cp_opt_mobility_min_people, cp_opt_mobility_join;

void cp_cli_mobility_init(cp_cli_run *x, void *state);
/* The format (--format, else -o's name) and the roles file, declared before any work; with
 * --partial, that nothing asks for a graph. */
int cp_cli_mobility_check(cp_cli_run *x, void *state);
/* The summary of a partial (s->partial_bytes), read back, which checks it too. */
int cp_cli_mobility_report_partial(cp_cli_run *x, mobility_state *s);
/* The summary on standard error. */
void cp_cli_mobility_report(const cp_cli *c, const cp_mobility *m);
/* The graph: transitions to `out`, CSV roles to their own file, written together; or the
 * partial's bytes. */
int cp_cli_mobility_present(cp_cli_run *x, const void *state, cp_out_format f, FILE *out);
void cp_cli_mobility_release(void *state);
/* --roles: label, domain and level joined onto s->m, and a line saying how many took them. */
int cp_cli_mobility_join(cp_cli_run *x, mobility_state *s);
/* Names every file written (the `written` step). */
void cp_cli_mobility_written(cp_cli_run *x, const void *state);

#endif /* CP_CLI_CMD_MOBILITY_H */
