/* boot.c: research commands on career histories read directly (--histories) and the
 * bootstrap over their people. */
#include "boot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cp_cli_histories_check(cp_cli_run *x) {
  const cp_cli_histories *h = &x->args.hist;
  if (h->path && x->args.graph_path)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--histories takes the place of GRAPH; give one or the other");
  if (h->path && x->args.roles)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--roles goes with a CSV graph, not --histories");
  if (!h->path && (h->replicates || h->seed_given))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--bootstrap resamples people: give --histories FILE, the career "
                       "histories the graph is built from");
  if (!h->path && (h->period || h->min_people))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--period and --min-people go with --histories");
  if (h->seed_given && !h->replicates)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--seed goes with --bootstrap");
  if (!h->seed_given)
    x->args.hist.seed = 1;
  return CP_EXIT_OK;
}

void cp_cli_warnings(const cp_cli *c, unsigned bits) {
  static const struct {
    unsigned bit;
    const char *text;
  } say[] = {
      {CP_WARN_NO_STAYS, "the table has no stays (a jump chain, as 'mobility build' makes by "
                         "default): immobility is 0 and Shorrocks' M n/(n-1) by construction; "
                         "build with --period year for a chain with stays"},
      {CP_WARN_EMPTY_ROWS, "some roles have no outflow: they are taken to keep whoever reaches "
                           "them (P_ii = 1)"},
      {CP_WARN_NOT_UNIQUE, "the stationary distribution is not unique (several closed "
                           "classes): what depends on it is not defined"},
      {CP_WARN_ZERO_CELL, "an odds ratio has a zero cell: its log is infinite and is given as "
                          "'-' (null)"},
      {CP_WARN_NO_COUNTS, "the cells are probabilities, not counts: immobility and the shares "
                          "of people are not defined"},
      {CP_WARN_COMPLETE, "every role moves to every other (density 1): density, reciprocity and "
                         "clustering are 1 and betweenness 0 by construction, not findings"},
      {CP_WARN_WEAK_MODULARITY, "modularity is below 0.05: the communities are no better than "
                                "a random split of the same moves"},
  };
  for (size_t i = 0; i < sizeof say / sizeof say[0]; i++)
    if (bits & say[i].bit)
      fprintf(c->err, "careerpath %s: warning: %s\n", c->command, say[i].text);
}

/* What was skipped, said once: rows, and roles and moves left out for privacy. */
static void report_skipped(const cp_cli_run *x, const cp_mobility *m) {
  if (m->bad_rows)
    fprintf(x->c.err, "careerpath %s: %s: %zu bad row%s skipped (the first: %s)\n", x->c.command,
            x->args.hist.path, m->bad_rows, m->bad_rows == 1 ? "" : "s", m->bad_listed[0]);
  if (m->suppressed_roles || m->suppressed_transitions)
    fprintf(x->c.err,
            "careerpath %s: %s: %zu role%s and %zu transition%s seen in fewer than %zu people "
            "left out\n",
            x->c.command, x->args.hist.path, m->suppressed_roles,
            m->suppressed_roles == 1 ? "" : "s", m->suppressed_transitions,
            m->suppressed_transitions == 1 ? "" : "s", m->min_people);
}

int cp_cli_histories_load(cp_cli_run *x) {
  cp_cli_histories *h = &x->args.hist;
  cp_mobility_options o = {.min_people = h->min_people ? h->min_people : 5,
                           .period = h->period,
                           .keep_people = h->replicates > 0};
  cp_error e = {0};
  int code = cp_cli_column_map(x, "--columns", x->args.columns, &o.columns);
  if (code)
    return code;
  cp_status st = cp_mobility_build(h->path, &o, &h->m, &e);
  cp_column_map_free((cp_column_map *)o.columns);
  if (!st)
    st = cp_mobility_graph(h->m, h->path, &x->own_graph, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  x->g = x->own_graph;
  report_skipped(x, h->m);
  return CP_EXIT_OK;
}

void cp_cli_boot_free(cp_cli_boot *b) {
  free(b->values);
  free(b->lo);
  free(b->hi);
  free(b->valid);
  memset(b, 0, sizeof *b);
}

/* Each figure's interval from its replicates. */
static void intervals(cp_cli_boot *b) {
  for (size_t f = 0; f < b->figures; f++)
    b->valid[f] = cp_percentile_interval(b->values + f * b->replicates, b->replicates,
                                         CP_CLI_BOOT_LEVEL_PERCENT / 100.0, &b->lo[f], &b->hi[f]);
}

int cp_cli_bootstrap(cp_cli_run *x, void *state, size_t figures, cp_cli_replicate_fn fn,
                     cp_cli_boot *b) {
  const cp_cli_histories *h = &x->args.hist;
  memset(b, 0, sizeof *b);
  if (!h->replicates)
    return CP_EXIT_OK;
  size_t n = h->replicates, k = figures ? figures : 1;
  size_t m = cp_graph_transition_count(x->g);
  double *counts = malloc((m + 1) * sizeof *counts), *row = malloc(k * sizeof *row);
  b->values = malloc(k * n * sizeof *b->values);
  b->lo = malloc(k * sizeof *b->lo);
  b->hi = malloc(k * sizeof *b->hi);
  b->valid = malloc(k * sizeof *b->valid);
  int code = CP_EXIT_OK;
  if (!counts || !row || !b->values || !b->lo || !b->hi || !b->valid)
    code = cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  b->replicates = n;
  b->figures = figures;
  for (size_t r = 0; r < n && !code; r++) {
    cp_error e = {0};
    cp_status st = cp_mobility_resample(h->m, h->seed, r, counts, &e);
    code = st ? cp_cli_status(&x->c, st, &e) : fn(x, state, counts, row);
    for (size_t f = 0; f < figures && !code; f++)
      b->values[f * n + r] = row[f];
  }
  if (!code)
    intervals(b);
  else
    cp_cli_boot_free(b);
  free(counts);
  free(row);
  return code;
}

json_t *cp_cli_boot_interval_json(const cp_cli_boot *b, size_t f) {
  json_t *a = json_array();
  json_array_append_new(a, cp_cli_json_number(b->lo[f]));
  json_array_append_new(a, cp_cli_json_number(b->hi[f]));
  return a;
}

json_t *cp_cli_boot_json(const cp_cli_run *x, const cp_cli_boot *b) {
  json_t *o = json_object();
  json_object_set_new(o, "replicates", json_integer((json_int_t)b->replicates));
  json_object_set_new(o, "seed", json_integer((json_int_t)x->args.hist.seed));
  json_object_set_new(o, "level", json_real(CP_CLI_BOOT_LEVEL_PERCENT / 100.0));
  return o;
}
