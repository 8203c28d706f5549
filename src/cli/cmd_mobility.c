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
    .value = "csv|dot|graphml",
    .help = "the output format, whatever FILE is called",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = OWN(format_name),
    .complete = "csv dot graphml",
};
static int set_period(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  return cp_cli_parse_period(&x->c, value, dst);
}
static const cp_cli_option opt_period = {
    .name = "period",
    .value = "year|month",
    .help = "a chain per year (or month) with stays: a person's role in each period they are "
            "observed, one step to the next (default: the jump chain, moves only)",
    .heading = CP_HEAD_OPTIONS,
    .set = set_period,
    .offset = OWN(o.period),
    .complete = "year month",
};
const cp_cli_option cp_opt_mobility_join = {
    .name = "roles",
    .value = "FILE",
    .help = "join label, domain and level onto the roles built, by id (or a unique match of "
            "label): from a roles CSV (id, label, domain, level), a DOT graph, or @builtin (the "
            "built-in graph)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = OWN(join),
    .flags = CP_OPT_READS,
    .complete = "@file",
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
static const cp_cli_option opt_jobs = {
    .name = "jobs",
    .letter = 'j',
    .value = "N",
    .help = "read the histories on N threads, each a slice of the file (default: one per core; "
            "a file that cannot be sliced, such as a pipe or a quoted field running across "
            "lines at a cut, is read on one); the output is the same for any N",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(o.jobs),
};
static const cp_cli_option *const options[] = {&cp_opt_output,
                                               &cp_opt_mobility_format,
                                               &cp_opt_mobility_roles_out,
                                               &opt_partial,
                                               &opt_period,
                                               &cp_opt_mobility_join,
                                               &cp_opt_mobility_min_people,
                                               &opt_strict,
                                               &opt_memory_rows,
                                               &opt_jobs,
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
  int code = cp_cli_graph_format(x, s->format_name, cp_cli_formats(x->cmd));
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
  if (m->period)
    fprintf(c->err, "careerpath mobility: per %s: %zu steps, %zu in one role and %zu between two\n",
            m->period == CP_PERIOD_YEAR ? "year" : "month", m->period_stays + m->period_moves,
            m->period_stays, m->period_moves);
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
  if (s->join)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--roles joins onto the graph; give it to the 'mobility merge' that is "
                       "not --partial");
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

/* The roles to join: a roles CSV, a DOT graph, or the built-in graph. */
static cp_status join_source(const char *name, cp_graph **out, cp_error *e) {
  if (!strcmp(name, "@builtin") || !strcmp(name, "@health-informatics"))
    return cp_builtin_graph(out, e);
  if (cp_has_suffix(name, ".gv") || cp_has_suffix(name, ".dot"))
    return cp_read_dot_file(name, out, e);
  char *text = NULL;
  size_t len = 0;
  static const char no_moves[] = "from,to\n";
  cp_status st = cp_read_file(name, &text, &len, e);
  if (!st)
    st = cp_read_csv_buffers("(no transitions)", no_moves, sizeof no_moves - 1, name, text, len,
                             out, e);
  free(text);
  return st;
}

int cp_cli_mobility_join(cp_cli_run *x, mobility_state *s) {
  cp_graph *ref = NULL;
  cp_error e = {0};
  cp_status st = join_source(s->join, &ref, &e);
  if (!st)
    st = cp_mobility_join_roles(s->m, ref, &s->joined, &e);
  cp_graph_free(ref);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  fprintf(x->c.err,
          "careerpath mobility: %zu of %zu roles took a label, domain and level from %s\n",
          s->joined, s->m->n_roles, s->join);
  return CP_EXIT_OK;
}

static int mobility_compute(cp_cli_run *x, void *state) {
  mobility_state *s = state;
  cp_error e = {0};
  int code = cp_cli_column_map(x, "--columns", x->args.columns, &s->o.columns);
  if (code)
    return code;
  if (!s->o.jobs) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    s->o.jobs = online > 0 ? (size_t)online : 1;
  }
  cp_status st = s->partial ? cp_mobility_build_partial(s->input, &s->o, &s->partial_bytes,
                                                        &s->partial_len, &e)
                            : cp_mobility_build(s->input, &s->o, &s->m, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  if (s->partial)
    return cp_cli_mobility_report_partial(x, s);
  cp_cli_mobility_report(&x->c, s->m);
  return s->join ? cp_cli_mobility_join(x, s) : CP_EXIT_OK;
}

void cp_cli_mobility_written(cp_cli_run *x, const void *state) {
  const mobility_state *s = state;
  const char *out = x->args.output;
  bool to_file = out && strcmp(out, "-");
  if (!to_file && !s->roles_out)
    return;
  fprintf(x->c.err, "careerpath mobility: wrote %s to %s",
          s->partial     ? "the partial build"
          : s->m->period ? "the steps"
                         : "the moves",
          to_file ? out : "standard output");
  if (s->roles_out)
    fprintf(x->c.err, " and the roles to %s", s->roles_out);
  fputc('\n', x->c.err);
}

static int graph_files(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const mobility_state *s = state;
  char *text = NULL, *roles = NULL;
  size_t len = 0, roles_len = 0;
  cp_error e = {0};
  cp_graph *g = NULL;
  cp_status st = CP_OK;
  if (f == CP_OUT_GRAPHML &&
      !(st = cp_mobility_graph(s->m, s->input ? s->input : s->parts[0], &g, &e)))
    st = cp_write_graph_graphml(g, &text, &len, &e);
  else if (f == CP_OUT_DOT)
    st = cp_mobility_write_dot(s->m, &text, &len, &e);
  else if (f == CP_OUT_CSV)
    st = cp_mobility_write_csv(s->m, &text, &len, &roles, &roles_len, &e);
  cp_graph_free(g);
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
        "header row and columns person, role, and start (YYYY, YYYY-MM or YYYY-MM-DD; a year\n"
        "alone is its January) or seq (a number), optional end (other names through --columns);\n"
        "rows in any order. A person's consecutive spells in one role are one stay; each change\n"
        "of role is a move. Per transition: count (moves), people (distinct), probability (share\n"
        "of the source role's published moves) and median_months (time in the source role\n"
        "before the move); per role: people (head-count), stays and median_tenure_months.\n"
        "Person ids never appear in any output.\n"
        "\n"
        "With --period year (or month) the transitions are instead steps from each period a\n"
        "person is observed in to the next, stays included: three years in role A, then B, are\n"
        "two stays A -> A and a move A -> B. A new spell ends the one before it; a spell with no\n"
        "end and none after it counts its first period only; a period in no role breaks the\n"
        "chain. Probabilities are then yearly (monthly) rates, staying included.\n"
        "\n"
        "The graph goes to -o FILE (default: standard output): FILE.gv or FILE.dot writes DOT,\n"
        "FILE.graphml GraphML, anything else CSV transitions with the roles in roles.csv beside\n"
        "it. Every file written is named on standard error.\n"
        "\n"
        "With --partial it writes, instead, a partial build of a shard of the histories (every\n"
        "row of a person in one shard) that 'careerpath mobility merge' combines with the other\n"
        "shards' into exactly the graph one build over all of them gives; --min-people and\n"
        "--roles are then the merge's, --period is carried (docs/distributed.md).",
    .options = options,
    .operand = "HISTORIES.csv",
    .notes =
        "A summary (rows, people, moves, bad rows with their lines, what was suppressed) goes to\n"
        "standard error.",
    .exit_codes = "0 built, 2 usage error, 3 bad input (unreadable file, bad header, no valid "
                  "row, a bad row with --strict; nothing is written), 4 output could not be "
                  "written, 5 internal error.",
    .what = "the graph",
    .default_format = CP_OUT_CSV,
    .present = {[CP_OUT_CSV] = cp_cli_mobility_present,
                [CP_OUT_DOT] = cp_cli_mobility_present,
                [CP_OUT_GRAPHML] = cp_cli_mobility_present},
    .state_size = sizeof(mobility_state),
    .init = cp_cli_mobility_init,
    .operands = mobility_operands,
    .check = cp_cli_mobility_check,
    .compute = mobility_compute,
    .release = cp_cli_mobility_release,
    .written = cp_cli_mobility_written,
};
