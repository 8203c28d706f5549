/* graph_out.h: where a command that writes a graph (mobility build, import onet) puts it: the
 * format from --format or the output's name, and a table graph's roles file beside it. */
#ifndef CP_CLI_GRAPH_OUT_H
#define CP_CLI_GRAPH_OUT_H

#include "command.h"

/* The format a file's name says, of those `formats` offers (a bit each): FILE.gv or FILE.dot
 * DOT, FILE.csv CSV, FILE.tsv or FILE.txt TSV, FILE.graphml GraphML, FILE.gexf GEXF; false
 * for any other name (and for NULL). */
bool cp_cli_graph_format_of(const char *path, unsigned formats, cp_out_format *out);

/* Sets x->args.format: `name` (its --format) when given, else from -o's name
 * (cp_cli_graph_format_of), anything else CSV. `formats` (a bit each) are those the command
 * writes; another name is a usage error. */
int cp_cli_graph_format(cp_cli_run *x, const char *name, unsigned formats);

/* A table graph's roles go to *roles_out (its --roles-out) when given, else to roles.csv
 * (roles.tsv for TSV) beside -o when -o is a file (*made, malloc'd; the caller frees it).
 * The file is declared as a companion now, so that it is checked against the inputs before
 * any work. --roles-out with DOT, GraphML or GEXF (which hold the roles), or -o naming the
 * roles file itself, are usage errors. */
int cp_cli_roles_file(cp_cli_run *x, const char **roles_out, char **made);

#endif /* CP_CLI_GRAPH_OUT_H */
