/* cmd_centrality.c: `careerpath centrality`: roles ranked by a centrality measure. */
#include "groups.h"
#include "json_out.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A role's score, for ranking. */
typedef struct ranked {
  double score;
  size_t role;
} ranked;

typedef struct centrality_state {
  cp_centrality measure;
  size_t top;
  cp_cli_criterion_choice by;
  ranked *order; /* every role, highest score first, ties in graph order */
  size_t n, shown;
} centrality_state;

#define OWN(field) offsetof(centrality_state, field)

static void centrality_init(cp_cli_run *x, void *state) {
  (void)x;
  centrality_state *s = state;
  s->measure = CP_CENTRALITY_BETWEENNESS;
  s->top = 10;
}

static int set_measure(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  if (cp_centrality_parse(value, dst) == CP_OK)
    return CP_EXIT_OK;
  return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                     "unknown measure '%s' (choose from betweenness, pagerank, closeness, "
                     "degree, strength)",
                     value);
}

static const cp_cli_option opt_measure = {
    .name = "measure",
    .value = "M",
    .help = "betweenness (default), pagerank, closeness, degree or strength",
    .heading = CP_HEAD_OPTIONS,
    .set = set_measure,
    .offset = OWN(measure),
    .complete = "betweenness pagerank closeness degree strength",
};
static const cp_cli_option opt_top = {
    .name = "top",
    .value = "N",
    .help = "the N highest (default 10)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(top),
};
static const cp_cli_option opt_by = {
    .name = "by",
    .value = "CRITERION",
    .help = "distance for betweenness and closeness: steps (default), months, cost or effort",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_criterion,
    .offset = OWN(by),
    .complete = "steps months cost effort",
};
static const cp_cli_option *const options[] = {&opt_measure, &opt_top, &opt_by, NULL};

static int centrality_check(cp_cli_run *x, void *state) {
  const centrality_state *s = state;
  if (s->by.given && s->measure != CP_CENTRALITY_BETWEENNESS &&
      s->measure != CP_CENTRALITY_CLOSENESS)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--by goes with betweenness and closeness");
  return CP_EXIT_OK;
}

static int by_score(const void *pa, const void *pb) {
  const ranked *a = pa, *b = pb;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return (a->role > b->role) - (a->role < b->role);
}

static int centrality_compute(cp_cli_run *x, void *state) {
  centrality_state *s = state;
  double *scores = NULL;
  cp_error e = {0};
  cp_status st = cp_graph_centrality(x->g, s->measure, s->by.value, &scores, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  s->n = cp_graph_role_count(x->g);
  if (!(s->order = malloc((s->n + 1) * sizeof *s->order))) {
    free(scores);
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  }
  for (size_t i = 0; i < s->n; i++)
    s->order[i] = (ranked){scores[i], i};
  free(scores);
  qsort(s->order, s->n, sizeof *s->order, by_score);
  s->shown = s->top < s->n ? s->top : s->n;
  return CP_EXIT_OK;
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const centrality_state *s = state;
  bool routes = s->measure == CP_CENTRALITY_BETWEENNESS || s->measure == CP_CENTRALITY_CLOSENESS;
  fprintf(out, "%s by %s%s%s (top %zu of %zu roles)\n", cp_graph_name(x->g),
          cp_centrality_name(s->measure), routes ? ", routes by " : "",
          routes ? cp_criterion_name(s->by.value) : "", s->shown, s->n);
  for (size_t i = 0; i < s->shown; i++) {
    const cp_role *r = cp_graph_role(x->g, s->order[i].role);
    fprintf(out, "%4zu  %-12.6g  %s", i + 1, s->order[i].score, r->label);
    if (strcmp(r->label, r->id))
      fprintf(out, " (%s)", r->id);
    fputc('\n', out);
  }
  return CP_EXIT_OK;
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const centrality_state *s = state;
  fprintf(out, "rank,role,%s\n", cp_centrality_name(s->measure));
  for (size_t i = 0; i < s->shown; i++) {
    fprintf(out, "%zu,", i + 1);
    cp_csv_write_field(out, cp_graph_role(x->g, s->order[i].role)->id);
    fprintf(out, ",%.12g\n", s->order[i].score);
  }
  return CP_EXIT_OK;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const centrality_state *s = state;
  json_t *root = json_object(), *list = json_array();
  json_object_set_new(root, "graph", json_string(cp_graph_name(x->g)));
  json_object_set_new(root, "measure", json_string(cp_centrality_name(s->measure)));
  json_object_set_new(root, "by", json_string(cp_criterion_name(s->by.value)));
  for (size_t i = 0; i < s->shown; i++) {
    const cp_role *r = cp_graph_role(x->g, s->order[i].role);
    json_t *o = json_object();
    json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
    json_object_set_new(o, "role", json_string(r->id));
    json_object_set_new(o, "label", json_string(r->label));
    json_object_set_new(o, "score", cp_cli_json_number(s->order[i].score));
    json_array_append_new(list, o);
  }
  json_object_set_new(root, "roles", list);
  return cp_cli_json_write(&x->c, out, root, 12, "the output");
}

static void centrality_release(void *state) { free(((centrality_state *)state)->order); }

const cp_cli_command cp_cmd_centrality = {
    .name = "centrality",
    .summary = "gateway roles: betweenness, pagerank, closeness, degree, strength",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] [--measure M] [--top N] [--by CRITERION] [OPTIONS]",
    .description =
        "Ranks roles by centrality: the gateway roles of a career graph.\n"
        "\n"
        "Measures (--measure):\n"
        "  betweenness  shortest routes between other roles that pass through the role\n"
        "               (default; routes by moves, or by --by months|cost|effort)\n"
        "  pagerank     share of time a random walker spends there, moves weighted by flow\n"
        "               (count or probability), damping 0.85\n"
        "  closeness    1 / the mean distance to the roles it reaches (by moves or --by)\n"
        "  degree       moves in plus moves out\n"
        "  strength     flow in plus flow out (needs count or probability)",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .options = options,
    .notes = "Ties are ranked in graph order.",
    .exit_codes = "0 ranked, 2 usage error, 3 bad input (a measure the graph cannot carry), 4 "
                  "output error, 5 internal error.",
    .what = "the output",
    .default_format = CP_OUT_TEXT,
    .present =
        {[CP_OUT_TEXT] = present_text, [CP_OUT_CSV] = present_csv, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(centrality_state),
    .init = centrality_init,
    .check = centrality_check,
    .compute = centrality_compute,
    .release = centrality_release,
};
