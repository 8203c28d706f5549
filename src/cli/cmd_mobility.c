/* cmd_mobility.c: `careerpath mobility build`: a transition graph (or a partial one) from
 * career histories; the steps `mobility merge` shares. */
#include "cmd_mobility.h"
#include "graph_out.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OWN(field) offsetof(mobility_state, field)

void cp_cli_mobility_init(cp_cli_run *x, void *state) {
  (void)x;
  ((mobility_state *)state)->o.min_people = CP_CLI_MIN_PEOPLE_UNSET;
}

const cp_cli_option cp_opt_mobility_format = {
    .name = "format",
    .value = "csv|dot",
    .help = "the output format, whatever FILE is called",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = OWN(format_name),
    .complete = "csv dot",
};
const cp_cli_option cp_opt_mobility_roles_out = {
    .name = "roles-out",
    .value = "FILE",
    .help = "where the roles CSV goes (default: roles.csv beside -o)",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = OWN(roles_out),
    .flags = CP_OPT_WRITES,
    .complete = "@file",
};
const cp_cli_option cp_opt_mobility_min_people = {
    .name = "min-people",
    .value = "K",
    .help =
        "suppress transitions and roles seen in fewer than K distinct people (default 5; 1 keeps "
        "everything)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(o.min_people)};
static const cp_cli_option opt_strict = {
    .name = "strict",
    .help = "the first bad row is an error (default: count and skip)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_flag,
    .offset = OWN(o.strict),
};
static const cp_cli_option opt_memory_rows = {
    .name = "memory-rows",
    .value = "N",
    .help =
        "rows held in memory before spilling to temporary files (default 1048576, about 32 MiB)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(o.memory_rows),
};
static const cp_cli_option opt_partial = {
    .name = "partial",
    .help = "write a partial build (binary) for 'mobility merge': histories split by person, "
            "no suppression yet",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_flag,
    .offset = OWN(partial),
};
static const cp_cli_option opt_origin_column = {
    .name = "origin-column",
    .value = "NAME",
    .help = "a column holding each row's FILE:LINE in the original input, where bad rows are "
            "reported (shards written by careerpath-dask)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = OWN(o.origin_column),
};
static const cp_cli_option *const options[] = {&cp_opt_output,
                                               &cp_opt_mobility_format,
                                               &cp_opt_mobility_roles_out,
                                               &opt_partial,
                                               &cp_opt_mobility_min_people,
                                               &opt_strict,
                                               &opt_memory_rows,
                                               &cp_opt_columns,
                                               &opt_origin_column,
                                               NULL};

static int mobility_operands(cp_cli_run *x, void *state, char **operands, size_t n) {
  mobility_state *s = state;
  if (n != 1)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       n == 0 ? "which histories file? try 'careerpath mobility --help'"
                              : "one histories file, please");
  s->input = operands[0];
  cp_cli_inputs_add(&x->inputs, s->input);
  return CP_EXIT_OK;
}

static int graph_check(cp_cli_run *x, void *state) {
  mobility_state *s = state;
  if (s->o.min_people == CP_CLI_MIN_PEOPLE_UNSET)
    s->o.min_people = 5;
  int code =
      cp_cli_graph_format(x, s->format_name, CP_OUT_BIT(CP_OUT_CSV) | CP_OUT_BIT(CP_OUT_DOT));
  return code ? code : cp_cli_roles_file(x, &s->roles_out, &s->roles_path);
}

/* What was read: rows, people, moves, bad rows with their lines. */
static void report_rows(const cp_cli *c, const cp_mobility *m) {
  fprintf(c->err,
          "careerpath mobility: %zu rows: %zu people, %zu stays, %zu moves between %zu roles; "
          "%zu bad row%s skipped\n",
          m->rows, m->people, m->stays, m->moves, m->n_roles + m->suppressed_roles, m->bad_rows,
          m->bad_rows == 1 ? "" : "s");
  for (size_t i = 0; i < m->n_bad_listed; i++)
    fprintf(c->err, "  %s\n", m->bad_listed[i]);
  if (m->bad_rows > m->n_bad_listed)
    fprintf(c->err, "  ... and %zu more\n", m->bad_rows - m->n_bad_listed);
}

void cp_cli_mobility_report(const cp_cli *c, const cp_mobility *m) {
  report_rows(c, m);
  fprintf(c->err,
          "careerpath mobility: published %zu roles and %zu transitions; suppressed %zu role%s "
          "and %zu transition%s (%zu moves) seen in fewer than %zu people\n",
          m->n_roles, m->n_transitions, m->suppressed_roles, m->suppressed_roles == 1 ? "" : "s",
          m->suppressed_transitions, m->suppressed_transitions == 1 ? "" : "s", m->suppressed_moves,
          m->min_people);
}

/* A partial is bytes for `mobility merge`: no format, no roles file, no suppression. */
static int partial_check(cp_cli_run *x, mobility_state *s) {
  const char *out = x->args.output;
  if (s->format_name || s->roles_out)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--partial writes a partial build; %s goes with "
                       "'mobility merge'",
                       s->format_name ? "--format" : "--roles-out");
  if (s->o.min_people != CP_CLI_MIN_PEOPLE_UNSET)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--min-people goes with a merge that is not --partial: suppressing in "
                       "each part would drop moves that are common over all the parts");
  if ((!out || !strcmp(out, "-")) && isatty(fileno(x->c.out)))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "a partial build is binary; give -o FILE");
  x->args.format = CP_OUT_CSV; /* the slot the partial's bytes are presented from */
  return CP_EXIT_OK;
}

int cp_cli_mobility_check(cp_cli_run *x, void *state) {
  mobility_state *s = state;
  return s->partial ? partial_check(x, s) : graph_check(x, state);
}

/* The partial's summary: what it holds, from the partial itself read back (which checks it
 * too). */
int cp_cli_mobility_report_partial(cp_cli_run *x, mobility_state *s) {
  cp_error e = {0};
  cp_mobility_merge *mg = NULL;
  cp_status st = cp_mobility_merge_new(&mg, &e);
  if (!st)
    st = cp_mobility_merge_add(mg, s->input, s->partial_bytes, s->partial_len, &e);
  if (!st)
    st = cp_mobility_merge_finish(mg, 1, &s->m, &e);
  cp_mobility_merge_free(mg);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  report_rows(&x->c, s->m);
  fprintf(x->c.err,
          "careerpath mobility: a partial build of %zu roles and %zu transitions; nothing "
          "suppressed until 'mobility merge'\n",
          s->m->n_roles, s->m->n_transitions);
  return CP_EXIT_OK;
}

static int mobility_compute(cp_cli_run *x, void *state) {
  mobility_state *s = state;
  cp_error e = {0};
  int code = cp_cli_column_map(x, "--columns", x->args.columns, &s->o.columns);
  if (code)
    return code;
  cp_status st = s->partial ? cp_mobility_build_partial(s->input, &s->o, &s->partial_bytes,
                                                        &s->partial_len, &e)
                            : cp_mobility_build(s->input, &s->o, &s->m, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  if (s->partial)
    return cp_cli_mobility_report_partial(x, s);
  cp_cli_mobility_report(&x->c, s->m);
  return CP_EXIT_OK;
}

static int graph_files(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const mobility_state *s = state;
  char *text = NULL, *roles = NULL;
  size_t len = 0, roles_len = 0;
  cp_error e = {0};
  cp_status st = f == CP_OUT_DOT ? cp_mobility_write_dot(s->m, &text, &len, &e)
                                 : cp_mobility_write_csv(s->m, &text, &len, &roles, &roles_len, &e);
  int code = cp_cli_status(&x->c, st, &e);
  if (!code)
    fwrite(text, 1, len, out);
  free(text);
  /* Roles renamed into place first: transitions never name a role the roles file lacks. */
  if (!code && s->roles_out)
    return cp_cli_add_companion(x, s->roles_out, roles, roles_len);
  free(roles);
  return code;
}

int cp_cli_mobility_present(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const mobility_state *s = state;
  if (!s->partial)
    return graph_files(x, state, f, out);
  fwrite(s->partial_bytes, 1, s->partial_len, out);
  return CP_EXIT_OK;
}

void cp_cli_mobility_release(void *state) {
  mobility_state *s = state;
  free(s->roles_path);
  free(s->partial_bytes);
  cp_column_map_free((cp_column_map *)s->o.columns);
  cp_mobility_free(s->m);
}

const cp_cli_command cp_cmd_mobility_build = {
    .parent = "mobility",
    .name = "build",
    .summary = "a transition graph from career histories",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "HISTORIES.csv [-o FILE] [OPTIONS]",
    .description =
        "Builds the mobility network from career histories: a CSV or tab-separated table with a\n"
        "header row and columns person, role, and start (YYYY-MM or YYYY-MM-DD) or seq (a\n"
        "number), optional end (other names through --columns); rows in any order. A person's\n"
        "consecutive spells in one role are one stay; each change of role is a move. Per\n"
        "transition: count (moves), people (distinct), probability (share of the source role's\n"
        "published moves) and median_months (time in the source role before the move); per\n"
        "role: people (head-count), stays and median_tenure_months. Person ids never appear in\n"
        "any output.\n"
        "\n"
        "The graph goes to -o FILE (default: standard output): FILE.gv or FILE.dot writes DOT,\n"
        "anything else CSV transitions with the roles in roles.csv beside it.\n"
        "\n"
        "With --partial it writes, instead, a partial build of a shard of the histories (every\n"
        "row of a person in one shard) that 'careerpath mobility merge' combines with the other\n"
        "shards' into exactly the graph one build over all of them gives; --min-people is then\n"
        "the merge's (docs/distributed.md).",
    .options = options,
    .operand = "HISTORIES.csv",
    .notes =
        "A summary (rows, people, moves, bad rows with their lines, what was suppressed) goes to\n"
        "standard error.",
    .exit_codes = "0 built, 2 usage error, 3 bad input (unreadable file, bad header, a bad row "
                  "with --strict), 4 output could not be written, 5 internal error.",
    .what = "the graph",
    .default_format = CP_OUT_CSV,
    .present = {[CP_OUT_CSV] = cp_cli_mobility_present, [CP_OUT_DOT] = cp_cli_mobility_present},
    .state_size = sizeof(mobility_state),
    .init = cp_cli_mobility_init,
    .operands = mobility_operands,
    .check = cp_cli_mobility_check,
    .compute = mobility_compute,
    .release = cp_cli_mobility_release,
};
