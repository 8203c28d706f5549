/* cmd_markov.c: `careerpath markov`: the graph as a Markov chain. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: careerpath markov [GRAPH] [--to ROLE] [--normalize] [--format text|csv|json]\n"
    "\n"
    "Reads the graph as a Markov chain: each transition's 'probability' (or, when the\n"
    "transitions carry 'count' instead, the count divided by the source role's total) is the\n"
    "chance of that move; a transition from a role to itself is the chance of staying. A\n"
    "role with no way out keeps whoever reaches it (an absorbing state).\n"
    "\n"
    "Reports the communicating classes, whether the chain is irreducible, and the\n"
    "stationary distribution (the long-run share of time in each role) when it is unique:\n"
    "one closed class. With --to ROLE, per role: the probability of ever reaching ROLE, the\n"
    "expected number of steps to reach it given that it is reached, and the expected months\n"
    "when every move on the way carries median_months (or months).\n"
    "\n"
    "Options:\n"
    "  --to ROLE            hitting probabilities and expected steps and months into ROLE\n"
    "  --normalize          rescale each role's outgoing probabilities to sum to 1\n"
    "                       (without it, a role whose probabilities are off by more than\n"
    "                       1e-6 is an error naming it)\n"
    "  --format FORMAT      text (default), csv or json\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Roles are solved densely: up to 4000. Exit codes: 0 done, 2 usage error, 3 bad input\n"
    "(no probabilities or counts, rows not summing to 1, unknown role), 4 output error,\n"
    "5 internal error.\n";

static void print_value(FILE *f, double v) {
  if (isnan(v))
    fprintf(f, " %12s", "-");
  else
    fprintf(f, " %12.6g", v);
}

int cp_cmd_markov(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {
      {"to", required_argument, NULL, 't'},     {"normalize", no_argument, NULL, 'n'},
      {"format", required_argument, NULL, 'F'}, {"roles", required_argument, NULL, 'r'},
      {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0}};
  const char *roles = NULL, *graph_path = NULL, *to = NULL;
  cp_out_format format = CP_OUT_TEXT;
  cp_markov_options mo = {0};
  int code, opt;
  cp_graph *g = NULL;
  cp_markov *m = NULL;
  cp_error e = {0};

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":h", longopts)) != -1) {
    switch (opt) {
    case 't': to = optarg; break;
    case 'n': mo.normalize = 1; break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_CSV) |
                                          CP_OUT_BIT(CP_OUT_JSON),
                                      &format)))
        return code;
      break;
    case 'r': roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    return code;
  cp_status st = CP_OK;
  if (to) {
    mo.has_target = 1;
    st = cp_graph_find_role(g, to, &mo.target, &e);
  }
  if (st || (st = cp_markov_analyze(g, &mo, &m, &e))) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  size_t n = m->n;
  if (format == CP_OUT_JSON) {
    json_t *o = json_object(), *rows = json_array();
    json_object_set_new(o, "graph", json_string(cp_graph_name(g)));
    json_object_set_new(o, "roles", json_integer((json_int_t)n));
    json_object_set_new(o, "classes", json_integer((json_int_t)m->n_classes));
    json_object_set_new(o, "closed_classes", json_integer((json_int_t)m->n_closed));
    json_object_set_new(o, "absorbing", json_integer((json_int_t)m->n_absorbing));
    json_object_set_new(o, "irreducible", json_boolean(m->irreducible));
    json_object_set_new(o, "stationary_unique", json_boolean(m->stationary != NULL));
    json_object_set_new(o, "target",
                        to ? json_string(cp_graph_role(g, mo.target)->id) : json_null());
    for (size_t i = 0; i < n; i++) {
      json_t *r = json_object();
      json_object_set_new(r, "role", json_string(cp_graph_role(g, i)->id));
      json_object_set_new(r, "stationary",
                          m->stationary ? cp_cli_json_number(m->stationary[i]) : json_null());
      if (to) {
        json_object_set_new(r, "reach_probability", cp_cli_json_number(m->reach_probability[i]));
        json_object_set_new(r, "expected_steps", cp_cli_json_number(m->expected_steps[i]));
        json_object_set_new(r, "expected_months",
                            m->expected_months ? cp_cli_json_number(m->expected_months[i])
                                               : json_null());
      }
      json_array_append_new(rows, r);
    }
    json_object_set_new(o, "states", rows);
    code = cp_cli_json_print(c, o, 15);
  } else if (format == CP_OUT_CSV) {
    fputs(to ? "role,stationary,reach_probability,expected_steps,expected_months\n"
             : "role,stationary\n",
          c->out);
    for (size_t i = 0; i < n; i++) {
      cp_cli_csv_text(c->out, cp_graph_role(g, i)->id);
      double v[4] = {m->stationary ? m->stationary[i] : NAN, to ? m->reach_probability[i] : NAN,
                     to ? m->expected_steps[i] : NAN,
                     to && m->expected_months ? m->expected_months[i] : NAN};
      for (size_t k = 0; k < (to ? 4u : 1u); k++) {
        fputc(',', c->out);
        if (!isnan(v[k]))
          fprintf(c->out, "%.15g", v[k]);
      }
      fputc('\n', c->out);
    }
  } else {
    fprintf(c->out, "%s: %zu roles in %zu communicating class%s, %zu closed; %s", cp_graph_name(g),
            n, m->n_classes, m->n_classes == 1 ? "" : "es", m->n_closed,
            m->irreducible ? "irreducible" : "not irreducible");
    if (m->n_absorbing)
      fprintf(c->out, "; %zu absorbing role%s (no way out)", m->n_absorbing,
              m->n_absorbing == 1 ? "" : "s");
    fputc('\n', c->out);
    if (!m->stationary)
      fprintf(c->out,
              "stationary distribution: not unique (%zu closed classes: where the walker ends "
              "depends on where it starts)\n",
              m->n_closed);
    if (to)
      fprintf(c->out, "into %s:%s\n", cp_graph_role(g, mo.target)->label,
              m->expected_months ? ""
                                 : " (expected months unknown: some move on the way carries "
                                   "no median_months or months)");
    fprintf(c->out, "  %-34s %12s", "role", "stationary");
    if (to)
      fprintf(c->out, " %12s %12s %12s", "P(reach)", "E[steps]", "E[months]");
    fputc('\n', c->out);
    for (size_t i = 0; i < n; i++) {
      fprintf(c->out, "  %-34.34s", cp_graph_role(g, i)->label);
      print_value(c->out, m->stationary ? m->stationary[i] : NAN);
      if (to) {
        print_value(c->out, m->reach_probability[i]);
        print_value(c->out, m->expected_steps[i]);
        print_value(c->out, m->expected_months ? m->expected_months[i] : NAN);
      }
      fputc('\n', c->out);
    }
  }
  if (fflush(c->out) != 0 && !code)
    code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output");
cleanup:
  cp_markov_free(m);
  cp_graph_free(g);
  return code;
}
