/* table.c: the command table: every command careerpath has, in the order help lists them.
 * A new command is one file defining its cp_cli_command and one line here. */
#include "table.h"

#include <stdio.h>

const cp_cli_command *const cp_cli_commands[] = {
    &cp_cmd_route,          &cp_cmd_reach,          &cp_cmd_into,           &cp_cmd_whatif,
    &cp_cmd_render,         &cp_cmd_serve,          &cp_cmd_roles,          &cp_cmd_validate,
    &cp_cmd_mobility_build, &cp_cmd_mobility_merge, &cp_cmd_mobility_split, &cp_cmd_stats,
    &cp_cmd_centrality,     &cp_cmd_communities,    &cp_cmd_markov,         &cp_cmd_matrix,
    &cp_cmd_indices,        &cp_cmd_convert,        &cp_cmd_compile,        &cp_cmd_import_onet,
};
const size_t cp_cli_n_commands = sizeof cp_cli_commands / sizeof cp_cli_commands[0];
