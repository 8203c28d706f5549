/* cmd_mobility.c: `careerpath mobility build`: a transition graph (or a partial one) from
 * career histories; the steps `mobility merge` shares. */
#include "cmd_mobility.h"

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
static const cp_cli_option *const options[] = {
    &cp_opt_output,   &cp_opt_mobility_format,     &cp_opt_mobility_roles_out,
    &opt_partial,     &cp_opt_mobility_min_people, &opt_strict,
    &opt_memory_rows, &opt_origin_column,          NULL};

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

/* The format: --format, else from -o's name (FILE.gv or FILE.dot: DOT). */
static int choose_format(cp_cli_run *x, const mobility_state *s) {
  const char *out = x->args.output;
  bool dot = out && (cp_has_suffix(out, ".gv") || cp_has_suffix(out, ".dot"));
  if (s->format_name) {
    if (strcmp(s->format_name, "csv") && strcmp(s->format_name, "dot"))
      return cp_cli_fail(&x->c, CP_EXIT_USAGE, "unknown format '%s'; choose csv or dot",
                         s->format_name);
    dot = !strcmp(s->format_name, "dot");
  }
  x->args.format = dot ? CP_OUT_DOT : CP_OUT_CSV;
  return CP_EXIT_OK;
}

/* CSV roles go to --roles-out, else roles.csv beside -o (when -o is a file). */
static int roles_file(cp_cli_run *x, mobility_state *s) {
  const char *out = x->args.output;
  if (x->args.format == CP_OUT_CSV && !s->roles_out && out && strcmp(out, "-")) {
    if (!(s->roles_path = cp_cli_beside(out, "roles.csv")))
      return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
    s->roles_out = s->roles_path;
    if (!strcmp(s->roles_path, out)) /* -o is itself a roles.csv */
      return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                         "'%s' is where the roles go; name the transitions file otherwise or "
                         "give --roles-out",
                         out);
  }
  /* Declared now so that it is checked against the input before any work: refusing the
   * second file after writing the first would leave half an output. */
  return s->roles_out ? cp_cli_add_companion(x, s->roles_out, NULL, 0) : CP_EXIT_OK;
}

static int graph_check(cp_cli_run *x, void *state) {
  mobility_state *s = state;
  int code;
  if (s->o.min_people == CP_CLI_MIN_PEOPLE_UNSET)
    s->o.min_people = 5;
  if ((code = choose_format(x, s)))
    return code;
  if (s->roles_out && x->args.format == CP_OUT_DOT)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--roles-out goes with CSV output; DOT holds the roles");
  return roles_file(x, s);
}

/* The summary on stderr: rows, people, moves, bad rows with their lines, what was
 * suppressed. */
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
  cp_mobility_free(s->m);
}

const cp_cli_command cp_cmd_mobility_build = {
    .parent = "mobility",
    .name = "build",
    .summary = "a transition graph from career histories",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "HISTORIES.csv [-o FILE] [OPTIONS]",
    .description =
        "Builds the mobility network from career histories: a CSV with a header row and columns\n"
        "person, role, and start (YYYY-MM or YYYY-MM-DD) or seq (a number), optional end; rows\n"
        "in any order. A person's consecutive spells in one role are one stay; each change of\n"
        "role is a move. Per transition: count (moves), people (distinct), probability (share of\n"
        "the source role's published moves) and median_months (time in the source role before\n"
        "the move); per role: people (head-count), stays and median_tenure_months.\n"
        "Person ids never appear in any output.\n"
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
