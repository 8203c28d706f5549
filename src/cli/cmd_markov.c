/* cmd_markov.c: `careerpath markov`: the graph as a Markov chain. */
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
} markov_state;

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
  return cp_cli_status(&x->c, st, &e);
}

static json_t *state_json(const cp_graph *g, const markov_state *s, size_t i) {
  const cp_markov *m = s->m;
  json_t *r = json_object();
  json_object_set_new(r, "role", json_string(cp_graph_role(g, i)->id));
  json_object_set_new(r, "stationary",
                      m->stationary ? cp_cli_json_number(m->stationary[i]) : json_null());
  json_object_set_new(
      r, "closed_class",
      m->closed_class[i] == SIZE_MAX ? json_null() : json_integer((json_int_t)m->closed_class[i]));
  json_object_set_new(r, "class_stationary", cp_cli_json_number(m->class_stationary[i]));
  if (s->to) {
    json_object_set_new(r, "reach_probability", cp_cli_json_number(m->reach_probability[i]));
    json_object_set_new(r, "expected_steps", cp_cli_json_number(m->expected_steps[i]));
    json_object_set_new(r, "expected_months",
                        m->expected_months ? cp_cli_json_number(m->expected_months[i])
                                           : json_null());
  }
  return r;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
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
  for (size_t i = 0; i < m->n; i++)
    json_array_append_new(rows, state_json(x->g, s, i));
  json_object_set_new(o, "states", rows);
  return cp_cli_json_write(&x->c, out, o, 15, "the output");
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const markov_state *s = state;
  const cp_markov *m = s->m;
  bool to = s->to != NULL;
  fputs(to ? "role,stationary,class_stationary,reach_probability,expected_steps,expected_months\n"
           : "role,stationary,class_stationary\n",
        out);
  for (size_t i = 0; i < m->n; i++) {
    cp_csv_write_field(out, cp_graph_role(x->g, i)->id);
    double v[5] = {m->stationary ? m->stationary[i] : NAN, m->class_stationary[i],
                   to ? m->reach_probability[i] : NAN, to ? m->expected_steps[i] : NAN,
                   to && m->expected_months ? m->expected_months[i] : NAN};
    for (size_t k = 0; k < (to ? 5u : 2u); k++) {
      fputc(',', out);
      if (!isnan(v[k]))
        fprintf(out, "%.15g", v[k]);
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
            m->expected_months ? ""
                               : "; expected months unknown: some move on the way carries no "
                                 "median_months or months");
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const markov_state *s = state;
  const cp_markov *m = s->m;
  summary_text(out, x->g, s);
  char steps[32];
  snprintf(steps, sizeof steps, "E[%ss]", s->step ? s->step : "step");
  fprintf(out, "  %-34s %12s", "role", "stationary");
  if (s->to)
    fprintf(out, " %12s %12s %12s", "P(reach)", steps, "E[months]");
  fputc('\n', out);
  for (size_t i = 0; i < m->n; i++) {
    fprintf(out, "  %-34.34s", cp_graph_role(x->g, i)->label);
    print_value(out, m->stationary ? m->stationary[i] : m->class_stationary[i]);
    if (s->to) {
      print_value(out, m->reach_probability[i]);
      print_value(out, m->expected_steps[i]);
      print_value(out, m->expected_months ? m->expected_months[i] : NAN);
    }
    fputc('\n', out);
  }
  return CP_EXIT_OK;
}

static void markov_release(void *state) { cp_markov_free(((markov_state *)state)->m); }

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
        "the expected months when every move on the way carries median_months (or months).\n"
        "A step is one observation period of the data (a year for annual flows: --step year).",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
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
