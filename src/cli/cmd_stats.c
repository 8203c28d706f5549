/* cmd_stats.c: `careerpath stats`: network measures of a career graph. */
#include "boot.h"
#include "groups.h"
#include "json_out.h"

#include <math.h>

static void print_number(FILE *f, double v) {
  if (isnan(v))
    fputs("-", f);
  else
    fprintf(f, "%.6g", v);
}

static json_t *distribution_json(const cp_distribution *d, const size_t *counts, size_t n) {
  json_t *o = json_object();
  json_object_set_new(o, "min", cp_cli_json_number(d->min));
  json_object_set_new(o, "median", cp_cli_json_number(d->median));
  json_object_set_new(o, "mean", cp_cli_json_number(d->mean));
  json_object_set_new(o, "max", cp_cli_json_number(d->max));
  if (counts) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
      json_array_append_new(a, json_integer((json_int_t)counts[i]));
    json_object_set_new(o, "counts", a);
  }
  return o;
}

static json_t *stats_json(const cp_graph *g, const cp_stats *s) {
  json_t *o = json_object();
  json_object_set_new(o, "graph", json_string(cp_graph_name(g)));
  json_object_set_new(o, "roles", json_integer((json_int_t)s->roles));
  json_object_set_new(o, "transitions", json_integer((json_int_t)s->transitions));
  json_object_set_new(o, "self_loops", json_integer((json_int_t)s->self_loops));
  json_object_set_new(o, "zero_flow", json_integer((json_int_t)s->zero_flow));
  json_object_set_new(o, "flow_weight", s->flow_weight ? json_string(s->flow_weight) : json_null());
  json_object_set_new(o, "density", cp_cli_json_number(s->density));
  json_object_set_new(o, "reciprocity", cp_cli_json_number(s->reciprocity));
  json_object_set_new(o, "weak_components", json_integer((json_int_t)s->weak_components));
  json_object_set_new(o, "strong_components", json_integer((json_int_t)s->strong_components));
  json_object_set_new(o, "in_degree",
                      distribution_json(&s->in_degree, s->in_degree_counts, s->n_in_degree_counts));
  json_object_set_new(
      o, "out_degree",
      distribution_json(&s->out_degree, s->out_degree_counts, s->n_out_degree_counts));
  json_object_set_new(o, "in_strength", distribution_json(&s->in_strength, NULL, 0));
  json_object_set_new(o, "out_strength", distribution_json(&s->out_strength, NULL, 0));
  json_object_set_new(o, "diameter", cp_cli_json_number(s->diameter));
  json_object_set_new(o, "mean_path_length", cp_cli_json_number(s->mean_path_length));
  json_object_set_new(o, "clustering", cp_cli_json_number(s->clustering));
  json_object_set_new(o, "assortativity_level", cp_cli_json_number(s->assortativity_level));
  json_object_set_new(o, "assortativity_domain", cp_cli_json_number(s->assortativity_domain));
  return o;
}

static void distribution_text(FILE *f, const char *name, const cp_distribution *d) {
  fprintf(f, "  %-22s", name);
  if (isnan(d->min)) {
    fputs("-\n", f);
    return;
  }
  fputs("min ", f);
  print_number(f, d->min);
  fputs(", median ", f);
  print_number(f, d->median);
  fputs(", mean ", f);
  print_number(f, d->mean);
  fputs(", max ", f);
  print_number(f, d->max);
  fputc('\n', f);
}

static void stats_text(FILE *f, const cp_graph *g, const cp_stats *s) {
  fprintf(f, "%s\n", cp_graph_name(g));
  fprintf(f, "  %-22s%zu\n", "roles", s->roles);
  fprintf(f, "  %-22s%zu (moves; besides them %zu stays and %zu with no flow)\n", "transitions",
          s->transitions, s->self_loops, s->zero_flow);
  const struct {
    const char *name;
    double v;
  } rows[] = {{"density", s->density}, {"reciprocity", s->reciprocity}};
  for (size_t i = 0; i < 2; i++) {
    fprintf(f, "  %-22s", rows[i].name);
    print_number(f, rows[i].v);
    fputc('\n', f);
  }
  fprintf(f, "  %-22s%zu\n", "weak components", s->weak_components);
  fprintf(f, "  %-22s%zu\n", "strong components", s->strong_components);
  distribution_text(f, "in-degree", &s->in_degree);
  distribution_text(f, "out-degree", &s->out_degree);
  char name[64];
  snprintf(name, sizeof name, "in-strength (%s)", s->flow_weight ? s->flow_weight : "no flow");
  distribution_text(f, name, &s->in_strength);
  snprintf(name, sizeof name, "out-strength (%s)", s->flow_weight ? s->flow_weight : "no flow");
  distribution_text(f, name, &s->out_strength);
  const struct {
    const char *name;
    double v;
  } more[] = {{"diameter (moves)", s->diameter},
              {"mean path length", s->mean_path_length},
              {"clustering", s->clustering},
              {"assortativity: level", s->assortativity_level},
              {"assortativity: domain", s->assortativity_domain}};
  for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
    fprintf(f, "  %-22s", more[i].name);
    print_number(f, more[i].v);
    fputc('\n', f);
  }
}

static void stats_csv(FILE *f, const cp_stats *s) {
  const struct {
    const char *name;
    double v;
  } rows[] = {{"roles", (double)s->roles},
              {"transitions", (double)s->transitions},
              {"self_loops", (double)s->self_loops},
              {"zero_flow", (double)s->zero_flow},
              {"density", s->density},
              {"reciprocity", s->reciprocity},
              {"weak_components", (double)s->weak_components},
              {"strong_components", (double)s->strong_components},
              {"in_degree_min", s->in_degree.min},
              {"in_degree_median", s->in_degree.median},
              {"in_degree_mean", s->in_degree.mean},
              {"in_degree_max", s->in_degree.max},
              {"out_degree_min", s->out_degree.min},
              {"out_degree_median", s->out_degree.median},
              {"out_degree_mean", s->out_degree.mean},
              {"out_degree_max", s->out_degree.max},
              {"in_strength_min", s->in_strength.min},
              {"in_strength_median", s->in_strength.median},
              {"in_strength_mean", s->in_strength.mean},
              {"in_strength_max", s->in_strength.max},
              {"out_strength_min", s->out_strength.min},
              {"out_strength_median", s->out_strength.median},
              {"out_strength_mean", s->out_strength.mean},
              {"out_strength_max", s->out_strength.max},
              {"diameter", s->diameter},
              {"mean_path_length", s->mean_path_length},
              {"clustering", s->clustering},
              {"assortativity_level", s->assortativity_level},
              {"assortativity_domain", s->assortativity_domain}};
  fputs("measure,value\n", f);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    fprintf(f, "%s,", rows[i].name);
    if (!isnan(rows[i].v))
      fprintf(f, "%.12g", rows[i].v);
    fputc('\n', f);
  }
}

typedef struct stats_state {
  cp_stats *stats;
} stats_state;

static int stats_compute(cp_cli_run *x, void *state) {
  cp_error e = {0};
  int code = cp_cli_status(&x->c, cp_graph_stats(x->g, &((stats_state *)state)->stats, &e), &e);
  if (!code && cp_graph_is_complete(x->g))
    cp_cli_warnings(&x->c, CP_WARN_COMPLETE);
  return code;
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  stats_text(out, x->g, ((const stats_state *)state)->stats);
  return CP_EXIT_OK;
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)x, (void)f;
  stats_csv(out, ((const stats_state *)state)->stats);
  return CP_EXIT_OK;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  return cp_cli_json_write(&x->c, out, stats_json(x->g, ((const stats_state *)state)->stats), 12,
                           "the output");
}

static void stats_release(void *state) { cp_stats_free(((stats_state *)state)->stats); }

const cp_cli_command cp_cmd_stats = {
    .name = "stats",
    .summary = "network measures: density, reciprocity, components, degrees, paths...",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] [OPTIONS]",
    .description =
        "Network measures of a career graph. They count moves: transitions between two\n"
        "different roles with a positive flow ('count' or 'probability' when every transition\n"
        "carries one), parallel transitions merged; a transition from a role to itself is a\n"
        "stay and is counted apart.\n"
        "\n"
        "  roles, transitions      roles, and moves\n"
        "  density                 moves / (roles x (roles - 1))\n"
        "  reciprocity             share of moves whose reverse is also a move\n"
        "  weak/strong components  connected components ignoring / following direction\n"
        "  in/out degree           moves into / out of a role: min, median, mean, max\n"
        "  in/out strength         the same summed over flow (count, else probability)\n"
        "  diameter                the longest shortest route, in moves, over connected pairs\n"
        "  mean path length        the mean shortest route, in moves, over connected pairs\n"
        "  clustering              global transitivity, direction ignored\n"
        "  assortativity           by level (when every role has one) and by domain",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .format_note = "csv is measure,value",
    .exit_codes = "0 measured, 2 usage error, 3 bad input, 4 output error, 5 internal error.",
    .what = "the output",
    .default_format = CP_OUT_TEXT,
    .present =
        {[CP_OUT_TEXT] = present_text, [CP_OUT_CSV] = present_csv, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(stats_state),
    .compute = stats_compute,
    .release = stats_release,
};
