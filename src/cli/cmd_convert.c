/* cmd_convert.c: `careerpath convert`: any graph careerpath reads, written as DOT, CSV tables,
 * GraphML or GEXF. */
#include "graph_out.h"
#include "groups.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct convert_state {
  char *roles_path, *credentials_path; /* beside -o, for CSV */
} convert_state;

/* The format: --format, else -o's extension. */
static int convert_format(cp_cli_run *x) {
  const char *out = x->args.output;
  if (x->args.format_given || cp_cli_graph_format_of(out, cp_cli_formats(x->cmd), &x->args.format))
    return CP_EXIT_OK;
  return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                     out && strcmp(out, "-")
                         ? "cannot tell the format of '%s': name it .gv, .dot, .csv, .graphml or "
                           ".gexf, or give --format"
                         : "which format? give -o FILE.graphml (.gexf, .gv, .csv) or --format%s",
                     out && strcmp(out, "-") ? out : "");
}

/* CSV tables: transitions to -o, roles.csv beside it (and credentials.csv, when the graph has
 * a catalogue, declared once it is read). */
static int convert_check(cp_cli_run *x, void *state) {
  convert_state *s = state;
  int code = convert_format(x);
  const char *out = x->args.output;
  if (code || x->args.format != CP_OUT_CSV)
    return code;
  if (!out || !strcmp(out, "-"))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "CSV is two tables (transitions and roles): give -o FILE.csv");
  if (!(s->roles_path = cp_cli_beside(out, "roles.csv")) ||
      !(s->credentials_path = cp_cli_beside(out, "credentials.csv")))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  if (!strcmp(s->roles_path, out) || !strcmp(s->credentials_path, out))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "'%s' is where the roles or credentials go; name the transitions file "
                       "otherwise",
                       out);
  return cp_cli_add_companion(x, s->roles_path, NULL, 0);
}

static int convert_compute(cp_cli_run *x, void *state) {
  (void)state;
  if (cp_graph_credential_count(x->g) && x->args.format != CP_OUT_DOT &&
      x->args.format != CP_OUT_CSV)
    fprintf(x->c.err,
            "careerpath convert: note: the credentials catalogue (%zu) is not written to %s; DOT "
            "and CSV carry it\n",
            cp_graph_credential_count(x->g), cp_cli_format_name(x->args.format));
  return CP_EXIT_OK;
}

static int present_tables(cp_cli_run *x, const void *state, FILE *out) {
  const convert_state *s = state;
  cp_graph_tables t = {0};
  cp_error e = {0};
  cp_status st = cp_write_graph_tables(x->g, CP_TABLE_CSV, &t, &e);
  int code = cp_cli_status(&x->c, st, &e);
  if (!code)
    fwrite(t.transitions, 1, t.transitions_len, out);
  if (!code && t.credentials) {
    code = cp_cli_add_companion(x, s->credentials_path, t.credentials, t.credentials_len);
    t.credentials = NULL;
  }
  if (!code) {
    code = cp_cli_add_companion(x, s->roles_path, t.roles, t.roles_len);
    t.roles = NULL;
  }
  cp_graph_tables_free(&t);
  return code;
}

static int present_graph(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  char *text = NULL;
  size_t len = 0;
  cp_error e = {0};
  cp_status st;
  if (f == CP_OUT_CSV)
    return present_tables(x, state, out);
  st = f == CP_OUT_DOT       ? cp_write_graph_dot(x->g, &text, &len, &e)
       : f == CP_OUT_GRAPHML ? cp_write_graph_graphml(x->g, &text, &len, &e)
                             : cp_write_graph_gexf(x->g, &text, &len, &e);
  int code = cp_cli_status(&x->c, st, &e);
  if (!code)
    fwrite(text, 1, len, out);
  free(text);
  return code;
}

/* Names every file written. */
static void convert_written(cp_cli_run *x, const void *state) {
  (void)state;
  const char *out = x->args.output;
  if (!out || !strcmp(out, "-"))
    return;
  fprintf(x->c.err, "careerpath convert: wrote %s", out);
  for (size_t i = 0; i < x->n_companions; i++)
    fprintf(x->c.err, "%s%s", i + 1 == x->n_companions ? " and " : ", ", x->companion[i].path);
  fputc('\n', x->c.err);
}

static void convert_release(void *state) {
  convert_state *s = state;
  free(s->roles_path);
  free(s->credentials_path);
}

const cp_cli_command cp_cmd_convert = {
    .name = "convert",
    .summary = "write a graph as DOT, CSV tables, GraphML or GEXF",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] -o FILE.{gv,dot,csv,graphml,gexf} [OPTIONS]",
    .description =
        "Writes any graph careerpath reads (DOT, CSV tables, the built-in graph) in the format\n"
        "-o's extension names, or --format:\n"
        "\n"
        "  .gv, .dot   DOT, with the credentials catalogue\n"
        "  .csv        the transitions, with roles.csv (and credentials.csv) beside them\n"
        "  .graphml    GraphML: NetworkX (read_graphml), igraph (read_graph), Gephi, yEd\n"
        "  .gexf       GEXF 1.2: Gephi (an edge's weight: its count, else its probability)\n"
        "\n"
        "Every attribute of roles and transitions goes with them, numbers typed as numbers;\n"
        "each format reads back to the same graph in careerpath or the tools above.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .notes = "The files written are named on standard error.",
    .exit_codes = "0 written, 2 usage error, 3 bad input (or a value the format cannot carry), 4 "
                  "output error, 5 internal error.",
    .what = "the graph",
    .default_format = CP_OUT_GRAPHML,
    .present = {[CP_OUT_DOT] = present_graph,
                [CP_OUT_CSV] = present_graph,
                [CP_OUT_GRAPHML] = present_graph,
                [CP_OUT_GEXF] = present_graph},
    .state_size = sizeof(convert_state),
    .check = convert_check,
    .compute = convert_compute,
    .release = convert_release,
    .written = convert_written,
};
