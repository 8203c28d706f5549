/* cmd_import.c: `careerpath import onet`: a career graph from an O*NET database directory. */
#include "graph_out.h"
#include "groups.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct import_state {
  const char *dir, *format_name, *roles_out;
  char *roles_path; /* roles.csv (or .tsv) beside -o, when that is where the roles go */
  cp_graph *g;
  cp_onet_report report;
} import_state;

#define OWN(field) offsetof(import_state, field)

static const cp_cli_option opt_format = {
    .name = "format",
    .value = "csv|tsv|dot",
    .help = "the output format, whatever FILE is called",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = OWN(format_name),
    .complete = "csv tsv dot",
};
static const cp_cli_option opt_roles_out = {
    .name = "roles-out",
    .value = "FILE",
    .help = "where the roles table goes (default: roles.csv, or roles.tsv, beside -o)",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = OWN(roles_out),
    .flags = CP_OPT_WRITES,
    .complete = "@file",
};
static const cp_cli_option *const options[] = {&cp_opt_output, &opt_format, &opt_roles_out, NULL};

/* "DIR/FILE", malloc'd. */
static char *in_dir(const char *dir, const char *file) {
  size_t n = strlen(dir) + strlen(file) + 2;
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s/%s", dir, file);
  return p;
}

static int import_operands(cp_cli_run *x, void *state, char **operands, size_t n) {
  import_state *s = state;
  if (n != 1)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       n == 0 ? "which O*NET directory? try 'careerpath import onet --help'"
                              : "one O*NET directory, please");
  s->dir = operands[0];
  /* Every table it reads is an input no output may replace. */
  for (int i = 0; i < CP_ONET_TABLES; i++) {
    char *path = in_dir(s->dir, cp_onet_table_file(i));
    if (!path)
      return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
    cp_cli_inputs_own(&x->inputs, path);
  }
  return CP_EXIT_OK;
}

static int import_check(cp_cli_run *x, void *state) {
  import_state *s = state;
  unsigned formats = cp_cli_formats(x->cmd);
  int code = cp_cli_graph_format(x, s->format_name, formats);
  if (code || (code = cp_cli_roles_file(x, &s->roles_out, &s->roles_path)))
    return code;
  if (x->args.format != CP_OUT_DOT && !s->roles_out)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "a %s graph is two tables: give -o FILE (the roles go beside it) or "
                       "--roles-out, or write DOT",
                       cp_cli_format_name(x->args.format));
  return CP_EXIT_OK;
}

static int import_compute(cp_cli_run *x, void *state) {
  import_state *s = state;
  cp_error e = {0};
  cp_status st = cp_onet_import(s->dir, &s->g, &s->report, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  char attribution[512];
  cp_onet_attribution(s->report.release, attribution, sizeof attribution);
  fprintf(x->c.err,
          "careerpath import: O*NET %s: %zu occupations, %zu moves to related occupations; "
          "%zu occupation%s without Education, Training, and Experience data take their Job "
          "Zone's averages (docs/onet-model.md)\n%s\n",
          *s->report.release ? s->report.release : "(release not named)", s->report.occupations,
          s->report.moves, s->report.zone_averaged, s->report.zone_averaged == 1 ? "" : "s",
          attribution);
  return CP_EXIT_OK;
}

/* Transitions to `out`; a table graph's roles to their own file, written together. */
static int present_graph(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const import_state *s = state;
  cp_error e = {0};
  if (f == CP_OUT_DOT) {
    char *text = NULL;
    size_t len = 0;
    cp_status st = cp_write_graph_dot(s->g, &text, &len, &e);
    if (!st)
      fwrite(text, 1, len, out);
    free(text);
    return cp_cli_status(&x->c, st, &e);
  }
  cp_graph_tables t;
  cp_status st = cp_write_graph_tables(s->g, f == CP_OUT_TSV ? CP_TABLE_TSV : CP_TABLE_CSV, &t, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  fwrite(t.transitions, 1, t.transitions_len, out);
  free(t.transitions);
  free(t.credentials); /* O*NET has no catalogue */
  return cp_cli_add_companion(x, s->roles_out, t.roles, t.roles_len);
}

static void import_release(void *state) {
  import_state *s = state;
  free(s->roles_path);
  cp_graph_free(s->g);
}

const cp_cli_command cp_cmd_import_onet = {
    .parent = "import",
    .name = "onet",
    .summary = "a career graph from an O*NET database release",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "DIR -o FILE [--format csv|tsv|dot] [--roles-out FILE]",
    .description =
        "Builds a career graph from an O*NET database directory (the text files O*NET\n"
        "publishes; data/onet-29.3 holds release 29.3). Roles are the occupations Related\n"
        "Occupations names: id the O*NET-SOC code, label the title, level the Job Zone (1-5),\n"
        "domain the SOC 2018 major group, with the description, the Job Zone's name and the\n"
        "occupation's typical education, experience and training as attributes. Moves are the\n"
        "related occupations, with their tier and index, and months, cost and effort estimated\n"
        "from the gap in education, experience and training between the two occupations and\n"
        "from the tier (docs/onet-model.md); each move's note says how its figures were made.\n"
        "\n"
        "The graph goes to -o FILE: FILE.gv or FILE.dot writes DOT; FILE.tsv or FILE.txt the\n"
        "transitions as a tab-separated table with the roles in roles.tsv beside it; anything\n"
        "else CSV with roles.csv beside it. Every output carries O*NET's attribution.",
    .options = options,
    .operand = "DIR",
    .notes = "It reads Related Occupations.txt, Occupation Data.txt, Job Zones.txt, Job Zone\n"
             "Reference.txt, Education, Training, and Experience.txt and its Categories.txt, and\n"
             "Read Me.txt when there is one (for the release's number). What it made and the\n"
             "attribution go to standard error.",
    .exit_codes = "0 imported, 2 usage error, 3 bad input (a missing table, a header without a "
                  "column it reads, a bad value, an occupation with no title or Job Zone: the "
                  "file and line are named, and nothing is written), 4 output could not be "
                  "written, 5 internal error.",
    .what = "the graph",
    .default_format = CP_OUT_CSV,
    .present =
        {[CP_OUT_CSV] = present_graph, [CP_OUT_TSV] = present_graph, [CP_OUT_DOT] = present_graph},
    .state_size = sizeof(import_state),
    .operands = import_operands,
    .check = import_check,
    .compute = import_compute,
    .release = import_release,
};
