/* cmd_mobility_merge.c: `careerpath mobility merge`: partial builds combined into the graph. */
#include "cmd_mobility.h"

#include <stddef.h>
#include <stdlib.h>

static const cp_cli_option opt_partial = {
    .name = "partial",
    .help = "write the partials combined as one partial (binary), nothing suppressed: merges "
            "in a tree",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_flag,
    .offset = offsetof(mobility_state, partial),
};
static const cp_cli_option *const options[] = {&cp_opt_output,
                                               &cp_opt_mobility_format,
                                               &cp_opt_mobility_roles_out,
                                               &opt_partial,
                                               &cp_opt_mobility_join,
                                               &cp_opt_mobility_min_people,
                                               NULL};

static int merge_operands(cp_cli_run *x, void *state, char **operands, size_t n) {
  mobility_state *s = state;
  if (n == 0)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "which partial files? try 'careerpath mobility merge --help'");
  s->parts = operands;
  s->n_parts = n;
  for (size_t i = 0; i < n; i++)
    cp_cli_inputs_add(&x->inputs, operands[i]);
  return CP_EXIT_OK;
}

/* Every partial added, then suppression: once, over the whole. */
static int merge_compute(cp_cli_run *x, void *state) {
  mobility_state *s = state;
  cp_error e = {0};
  cp_mobility_merge *mg = NULL;
  cp_status st = cp_mobility_merge_new(&mg, &e);
  for (size_t i = 0; i < s->n_parts && !st; i++)
    st = cp_mobility_merge_add_file(mg, s->parts[i], &e);
  if (!st)
    st = s->partial ? cp_mobility_merge_write_partial(mg, &s->partial_bytes, &s->partial_len, &e)
                    : cp_mobility_merge_finish(mg, s->o.min_people, &s->m, &e);
  cp_mobility_merge_free(mg);
  /* As one build: nothing to publish is an error, judged on the whole. */
  if (!st && !s->partial)
    st = cp_mobility_check_rows(s->m, "the partials' histories", &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  if (s->partial)
    return cp_cli_mobility_report_partial(x, s);
  cp_cli_mobility_report(&x->c, s->m);
  return s->join ? cp_cli_mobility_join(x, s) : CP_EXIT_OK;
}

const cp_cli_command cp_cmd_mobility_merge = {
    .parent = "mobility",
    .name = "merge",
    .summary = "partial mobility builds combined into one transition graph",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "PARTIAL... [-o FILE] [OPTIONS]",
    .description =
        "Combines partial builds (careerpath mobility build --partial, one per shard of the\n"
        "histories, every row of a person in one shard) in any number and order, then applies\n"
        "--min-people to the whole: the output is byte for byte that of one 'mobility build'\n"
        "over all the shards' histories. A file that is not a partial, of another format\n"
        "version, truncated or corrupted (each carries a checksum) is an error naming it.\n"
        "\n"
        "The graph goes to -o FILE (default: standard output): FILE.gv or FILE.dot writes DOT,\n"
        "anything else CSV transitions with the roles in roles.csv beside it. With --partial\n"
        "the combination is written as one partial instead, for a later merge (a tree of\n"
        "merges); --min-people then waits for that merge.",
    .options = options,
    .operand = "PARTIAL...",
    .notes = "A summary (rows, people, moves, the first bad rows with their original file and\n"
             "line, what was suppressed) goes to standard error, as 'mobility build' writes it.",
    .exit_codes = "0 merged, 2 usage error, 3 bad input (unreadable, foreign, truncated or "
                  "corrupted partial; partials of dated and seq histories together), 4 output "
                  "could not be written, 5 internal error.",
    .what = "the graph",
    .default_format = CP_OUT_CSV,
    .present = {[CP_OUT_CSV] = cp_cli_mobility_present,
                [CP_OUT_DOT] = cp_cli_mobility_present,
                [CP_OUT_GRAPHML] = cp_cli_mobility_present},
    .state_size = sizeof(mobility_state),
    .init = cp_cli_mobility_init,
    .operands = merge_operands,
    .check = cp_cli_mobility_check,
    .compute = merge_compute,
    .release = cp_cli_mobility_release,
    .written = cp_cli_mobility_written,
};
