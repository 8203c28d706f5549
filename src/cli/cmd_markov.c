/* cmd_markov.c: `careerpath markov`: the graph as a Markov chain. */
#include "boot.h"
#include "groups.h"
#include "json_out.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef struct markov_state {
  const char *to;
  const char *step; /* what one step of the chain is ("year"), or NULL */
  cp_markov_options mo;
  cp_markov *m;
  cp_cli_boot boot; /* per role: stationary, and with --to reach, steps, months (F_*) */
} markov_state;

/* The figures resampled, a block of n (one per role) each. */
enum { F_STATIONARY, F_CLASS_STATIONARY, F_REACH, F_STEPS, F_MONTHS, F_COUNT };

#define OWN(field) offsetof(markov_state, field)

static const cp_cli_option opt_to = {
    .name = "to",
    .value = "ROLE",
    .help = "hitting probabilities and expected steps and months into ROLE",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = OWN(to),
    .complete = "@role",
};
static const cp_cli_option opt_normalize = {
    .name = "normalize",
    .help = "rescale each role's outgoing probabilities to sum to 1 (without it, a role whose "
            "probabilities are off by more than 1e-6 is an error naming it)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_flag,
    .offset = OWN(mo.normalize),
};
static const cp_cli_option opt_step = {
    .name = "step",
    .value = "UNIT",
    .help = "what one step of the chain is, for the text output: with --step year (an annual "
            "chain, as the CPS flows are) expected steps read as expected years",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = OWN(step),
    .complete = "year month",
};
static const cp_cli_option *const options[] = {&opt_to, &opt_normalize, &opt_step, NULL};

/* Figure f of role i (NaN: not defined). */
static double figure(const markov_state *s, const cp_markov *m, size_t f, size_t i) {
  switch (f) {
  case F_STATIONARY: return m->stationary ? m->stationary[i] : NAN;
  case F_CLASS_STATIONARY: return m->class_stationary[i];
  case F_REACH: return s->to ? m->reach_probability[i] : NAN;
  case F_STEPS: return s->to ? m->expected_steps[i] : NAN;
  default: return s->to && m->expected_months ? m->expected_months[i] : NAN;
  }
}

/* One replicate: the chain from its counts, solved as the whole sample was. */
static int replicate(cp_cli_run *x, void *state, const double *counts, double *out) {
  markov_state *s = state;
  cp_markov *m = NULL;
  cp_error e = {0};
  cp_status st = cp_markov_analyze_flow(x->g, counts, &s->mo, &m, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  for (size_t f = 0; f < F_COUNT; f++)
    for (size_t i = 0; i < m->n; i++)
      out[f * m->n + i] = figure(s, m, f, i);
  cp_markov_free(m);
  return CP_EXIT_OK;
}

static int markov_compute(cp_cli_run *x, void *state) {
  markov_state *s = state;
  cp_error e = {0};
  cp_status st = CP_OK;
  if (s->to) {
    s->mo.has_target = 1;
    st = cp_graph_find_role(x->g, s->to, &s->mo.target, &e);
  }
  if (!st)
    st = cp_markov_analyze(x->g, &s->mo, &s->m, &e);
  int code = cp_cli_status(&x->c, st, &e);
  if (code)
    return code;
  if (!s->m->stationary)
    cp_cli_warnings(&x->c, CP_WARN_NOT_UNIQUE);
  return cp_cli_bootstrap(x, s, F_COUNT * s->m->n, replicate, &s->boot);
}

static const char *const key[F_COUNT] = {"stationary", "class_stationary", "reach_probability",
                                         "expected_steps", "expected_months"};

/* The figures reported: the stationary ones, and with --to those about reaching it. */
static size_t n_figures(const markov_state *s) { return s->to ? F_COUNT : F_REACH; }

/* The text table's columns: one stationary column (the chain's, else each closed class's
 * own), then with --to those about reaching it. */
static size_t text_columns(const markov_state *s) { return s->to ? 4 : 1; }
static size_t text_figure(const markov_state *s, size_t k) {
  return k ? F_REACH + k - 1 : s->m->stationary ? F_STATIONARY : F_CLASS_STATIONARY;
}

static json_t *state_json(const cp_graph *g, const markov_state *s, size_t i) {
  json_t *r = json_object();
  json_object_set_new(r, "role", json_string(cp_graph_role(g, i)->id));
  for (size_t f = 0; f < n_figures(s); f++) {
    json_object_set_new(r, key[f], cp_cli_json_number(figure(s, s->m, f, i)));
    if (cp_cli_boot_on(&s->boot)) {
      char name[64];
      snprintf(name, sizeof name, "%s_interval", key[f]);
      json_object_set_new(r, name, cp_cli_boot_interval_json(&s->boot, f * s->m->n + i));
    }
    if (f == F_STATIONARY)
      json_object_set_new(r, "closed_class",
                          s->m->closed_class[i] == SIZE_MAX
                              ? json_null()
                              : json_integer((json_int_t)s->m->closed_class[i]));
  }
  return r;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format format, FILE *out) {
  (void)format;
  const markov_state *s = state;
  const cp_markov *m = s->m;
  json_t *o = json_object(), *rows = json_array();
  json_object_set_new(o, "graph", json_string(cp_graph_name(x->g)));
  json_object_set_new(o, "roles", json_integer((json_int_t)m->n));
  json_object_set_new(o, "classes", json_integer((json_int_t)m->n_classes));
  json_object_set_new(o, "closed_classes", json_integer((json_int_t)m->n_closed));
  json_object_set_new(o, "absorbing", json_integer((json_int_t)m->n_absorbing));
  json_object_set_new(o, "irreducible", json_boolean(m->irreducible));
  json_object_set_new(o, "stationary_unique", json_boolean(m->stationary != NULL));
  json_object_set_new(o, "target",
                      s->to ? json_string(cp_graph_role(x->g, s->mo.target)->id) : json_null());
  json_object_set_new(o, "step", s->step ? json_string(s->step) : json_null());
  if (cp_cli_boot_on(&s->boot))
    json_object_set_new(o, "bootstrap", cp_cli_boot_json(x, &s->boot));
  for (size_t i = 0; i < m->n; i++)
    json_array_append_new(rows, state_json(x->g, s, i));
  json_object_set_new(o, "states", rows);
  return cp_cli_json_write(&x->c, out, o, 15, "the output");
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format format, FILE *out) {
  (void)format;
  const markov_state *s = state;
  const cp_markov *m = s->m;
  size_t figures = n_figures(s);
  bool boot = cp_cli_boot_on(&s->boot);
  fputs("role", out);
  for (size_t f = 0; f < figures; f++)
    fprintf(out, boot ? ",%s,%s_lower,%s_upper" : ",%s", key[f], key[f], key[f]);
  fputc('\n', out);
  for (size_t i = 0; i < m->n; i++) {
    cp_csv_write_field(out, cp_graph_role(x->g, i)->id);
    for (size_t f = 0; f < figures; f++) {
      double v[3] = {figure(s, m, f, i), boot ? s->boot.lo[f * m->n + i] : NAN,
                     boot ? s->boot.hi[f * m->n + i] : NAN};
      for (size_t k = 0; k < (boot ? 3u : 1u); k++) {
        fputc(',', out);
        if (!isnan(v[k]))
          fprintf(out, "%.15g", v[k]);
      }
    }
    fputc('\n', out);
  }
  return CP_EXIT_OK;
}

static void print_value(FILE *f, double v) {
  if (isnan(v))
    fprintf(f, " %12s", "-");
  else
    fprintf(f, " %12.6g", v);
}

/* The chain's shape: classes, irreducibility, absorbing roles, and the target. */
static void summary_text(FILE *out, const cp_graph *g, const markov_state *s) {
  const cp_markov *m = s->m;
  fprintf(out, "%s: %zu roles in %zu communicating class%s, %zu closed; %s", cp_graph_name(g), m->n,
          m->n_classes, m->n_classes == 1 ? "" : "es", m->n_closed,
          m->irreducible ? "irreducible" : "not irreducible");
  if (m->n_absorbing)
    fprintf(out, "; %zu absorbing role%s (no way out)", m->n_absorbing,
            m->n_absorbing == 1 ? "" : "s");
  fputc('\n', out);
  if (!m->stationary)
    fprintf(out,
            "stationary distribution: not unique (%zu closed classes: where the walker ends "
            "depends on where it starts); the column gives each closed class's own, summing to "
            "1 over the class, and '-' for a role in none\n",
            m->n_closed);
  if (s->step)
    fprintf(out, "one step of the chain is a %s\n", s->step);
  if (s->to)
    fprintf(out,
            "into %s: P(reach) is the probability of ever reaching it; E[%ss] the expected "
            "%ss to reach it for those who do (conditional on reaching)%s\n",
            cp_graph_role(g, s->mo.target)->label, s->step ? s->step : "step",
            s->step ? s->step : "step",
            !m->expected_months ? "; expected months unknown: some move on the way carries no "
                                  "median_months or months"
            : cp_graph_months_are_medians(g)
                ? "; E[months] adds up the median months observed before each move: a sum of "
                  "medians, not a median"
                : "");
}

/* Under a role's figures: each one's interval, in its column. */
static void text_intervals(FILE *out, const markov_state *s, size_t i) {
  fprintf(out, "  %-34s", "");
  for (size_t k = 0; k < text_columns(s); k++) {
    size_t f = text_figure(s, k);
    double lo = s->boot.lo[f * s->m->n + i], hi = s->boot.hi[f * s->m->n + i];
    char cell[64] = "-";
    if (!isnan(lo))
      snprintf(cell, sizeof cell, "%.3g-%.3g", lo, hi);
    fprintf(out, " %12s", cell);
  }
  fputc('\n', out);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format format, FILE *out) {
  (void)format;
  const markov_state *s = state;
  const cp_markov *m = s->m;
  summary_text(out, x->g, s);
  if (cp_cli_boot_on(&s->boot))
    fprintf(out, "%d%% intervals below each role (%zu replicates resampling people, seed %llu)\n",
            CP_CLI_BOOT_LEVEL_PERCENT, s->boot.replicates, x->args.hist.seed);
  char steps[32];
  snprintf(steps, sizeof steps, "E[%ss]", s->step ? s->step : "step");
  fprintf(out, "  %-34s %12s", "role", "stationary");
  if (s->to)
    fprintf(out, " %12s %12s %12s", "P(reach)", steps, "E[months]");
  fputc('\n', out);
  for (size_t i = 0; i < m->n; i++) {
    fprintf(out, "  %-34.34s", cp_graph_role(x->g, i)->label);
    for (size_t k = 0; k < text_columns(s); k++)
      print_value(out, figure(s, m, text_figure(s, k), i));
    fputc('\n', out);
    if (cp_cli_boot_on(&s->boot))
      text_intervals(out, s, i);
  }
  return CP_EXIT_OK;
}

static void markov_release(void *state) {
  markov_state *s = state;
  cp_markov_free(s->m);
  cp_cli_boot_free(&s->boot);
}

const cp_cli_command cp_cmd_markov = {
    .name = "markov",
    .summary = "the graph as a Markov chain: stationary distribution, hitting probabilities and "
               "expected steps and months to a role",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] [--to ROLE] [--normalize] [OPTIONS]",
    .description =
        "Reads the graph as a Markov chain: each transition's 'probability' (or, when the\n"
        "transitions carry 'count' instead, the count divided by the source role's total) is the\n"
        "chance of that move; a transition from a role to itself is the chance of staying. A\n"
        "role with no way out keeps whoever reaches it (an absorbing state).\n"
        "\n"
        "Reports the communicating classes, whether the chain is irreducible, and the\n"
        "stationary distribution (the long-run share of time in each role) when it is unique:\n"
        "one closed class; with several, each closed class's own. With --to ROLE, per role: the\n"
        "probability of ever reaching ROLE, the expected number of steps to reach it given that\n"
        "it is reached (conditional on reaching: walkers that never reach it do not count), and\n"
        "the expected months when every move on the way carries median_months (or months); from\n"
        "a graph built from histories those are medians, summed along the way, and the output\n"
        "says so. A step is one observation period of the data (a year for annual flows: --step\n"
        "year).\n"
        "\n"
        "With --histories FILE the chain is built from career histories in memory, and\n"
        "--bootstrap N --seed S resamples their people: every figure gets a 95% percentile\n"
        "interval, the same for the same seed.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH | CP_GROUP_HISTORIES,
    .options = options,
    .notes = "Roles are solved densely: up to 4000.",
    .exit_codes = "0 done, 2 usage error, 3 bad input (no probabilities or counts, rows not "
                  "summing to 1, unknown role), 4 output error, 5 internal error.",
    .what = "the output",
    .default_format = CP_OUT_TEXT,
    .present =
        {[CP_OUT_TEXT] = present_text, [CP_OUT_CSV] = present_csv, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(markov_state),
    .compute = markov_compute,
    .release = markov_release,
};
