/* cmd_centrality.c: `careerpath centrality`: roles ranked by a centrality measure. */
#include "boot.h"
#include "groups.h"
#include "json_out.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A role's score, for ranking. */
typedef struct ranked {
  double score;
  size_t role;
} ranked;

/* --measure all: every measure, as a column; roles ranked by the first. */
#define MEASURE_ALL CP_CENTRALITY_COUNT

typedef struct centrality_state {
  cp_centrality measure; /* or MEASURE_ALL */
  size_t top;            /* SIZE_MAX: all */
  cp_cli_criterion_choice by;
  ranked *order;                       /* every role, highest score first, ties in graph order */
  double *scores[CP_CENTRALITY_COUNT]; /* per measure shown, per role; NULL: not shown */
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
  cp_centrality *m = dst;
  if (!strcmp(value, "all")) {
    *m = MEASURE_ALL;
    return CP_EXIT_OK;
  }
  if (cp_centrality_parse(value, m) == CP_OK)
    return CP_EXIT_OK;
  return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                     "unknown measure '%s' (choose from betweenness, pagerank, closeness, "
                     "degree, strength, all)",
                     value);
}

static int set_top(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  if (strcmp(value, "all"))
    return cp_cli_set_count(x, o, dst, value);
  *(size_t *)dst = SIZE_MAX;
  return CP_EXIT_OK;
}

static const cp_cli_option opt_measure = {
    .name = "measure",
    .value = "M",
    .help = "betweenness (default), pagerank, closeness, degree, strength, or all (a column "
            "each, ranked by the first)",
    .heading = CP_HEAD_OPTIONS,
    .set = set_measure,
    .offset = OWN(measure),
    .complete = "betweenness pagerank closeness degree strength all",
};
static const cp_cli_option opt_top = {
    .name = "top",
    .value = "N|all",
    .help = "the N highest (default 10), or all",
    .heading = CP_HEAD_OPTIONS,
    .set = set_top,
    .offset = OWN(top),
    .complete = "all",
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

static bool by_routes(cp_centrality m) {
  return m == CP_CENTRALITY_BETWEENNESS || m == CP_CENTRALITY_CLOSENESS || m == MEASURE_ALL;
}

static int centrality_check(cp_cli_run *x, void *state) {
  const centrality_state *s = state;
  if (s->by.given && !by_routes(s->measure))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--by goes with betweenness and closeness");
  return CP_EXIT_OK;
}

static int by_score(const void *pa, const void *pb) {
  const ranked *a = pa, *b = pb;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return (a->role > b->role) - (a->role < b->role);
}

/* The measures asked: one, or with all every one the graph carries (strength needs a flow:
 * without one its column is left out, and said so). */
static int compute_scores(cp_cli_run *x, centrality_state *s) {
  for (cp_centrality m = 0; m < CP_CENTRALITY_COUNT; m++) {
    if (s->measure != MEASURE_ALL && m != s->measure)
      continue;
    cp_error e = {0};
    cp_status st = cp_graph_centrality(x->g, m, s->by.value, &s->scores[m], &e);
    if (st == CP_ENOCRIT && s->measure == MEASURE_ALL && m == CP_CENTRALITY_STRENGTH) {
      fprintf(x->c.err, "careerpath centrality: note: no strength column (%s)\n", e.message);
      continue;
    }
    if (st)
      return cp_cli_status(&x->c, st, &e);
  }
  return CP_EXIT_OK;
}

static cp_centrality ranked_by(const centrality_state *s) {
  return s->measure == MEASURE_ALL ? CP_CENTRALITY_BETWEENNESS : s->measure;
}

static int centrality_compute(cp_cli_run *x, void *state) {
  centrality_state *s = state;
  int code = compute_scores(x, s);
  if (code)
    return code;
  s->n = cp_graph_role_count(x->g);
  if (!(s->order = malloc((s->n + 1) * sizeof *s->order)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t i = 0; i < s->n; i++)
    s->order[i] = (ranked){s->scores[ranked_by(s)][i], i};
  qsort(s->order, s->n, sizeof *s->order, by_score);
  s->shown = s->top < s->n ? s->top : s->n;
  if (by_routes(s->measure) && cp_graph_is_complete(x->g))
    cp_cli_warnings(&x->c, CP_WARN_COMPLETE);
  return CP_EXIT_OK;
}

static void text_title(FILE *out, const cp_cli_run *x, const centrality_state *s) {
  fprintf(out, "%s by %s%s%s (top %zu of %zu roles)\n", cp_graph_name(x->g),
          s->measure == MEASURE_ALL ? "every measure, ranked by betweenness"
                                    : cp_centrality_name(s->measure),
          by_routes(s->measure) ? ", routes by " : "",
          by_routes(s->measure) ? cp_criterion_name(s->by.value) : "", s->shown, s->n);
  fprintf(out, "%4s", "rank");
  for (cp_centrality m = 0; m < CP_CENTRALITY_COUNT; m++)
    if (s->scores[m])
      fprintf(out, "  %-12s", cp_centrality_name(m));
  fputs("  role\n", out);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const centrality_state *s = state;
  text_title(out, x, s);
  for (size_t i = 0; i < s->shown; i++) {
    size_t role = s->order[i].role;
    const cp_role *r = cp_graph_role(x->g, role);
    fprintf(out, "%4zu", i + 1);
    for (cp_centrality m = 0; m < CP_CENTRALITY_COUNT; m++)
      if (s->scores[m])
        fprintf(out, "  %-12.6g", s->scores[m][role]);
    fprintf(out, "  %s", r->label);
    if (strcmp(r->label, r->id))
      fprintf(out, " (%s)", r->id);
    fputc('\n', out);
  }
  return CP_EXIT_OK;
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const centrality_state *s = state;
  fputs("rank,role", out);
  for (cp_centrality m = 0; m < CP_CENTRALITY_COUNT; m++)
    if (s->scores[m])
      fprintf(out, ",%s", cp_centrality_name(m));
  fputc('\n', out);
  for (size_t i = 0; i < s->shown; i++) {
    size_t role = s->order[i].role;
    fprintf(out, "%zu,", i + 1);
    cp_csv_write_field(out, cp_graph_role(x->g, role)->id);
    for (cp_centrality m = 0; m < CP_CENTRALITY_COUNT; m++)
      if (s->scores[m])
        fprintf(out, ",%.12g", s->scores[m][role]);
    fputc('\n', out);
  }
  return CP_EXIT_OK;
}

/* One role: its rank, id, label and score (or, with all, a score per measure). */
static json_t *json_role(const cp_cli_run *x, const centrality_state *s, size_t i) {
  size_t role = s->order[i].role;
  const cp_role *r = cp_graph_role(x->g, role);
  json_t *o = json_object();
  json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
  json_object_set_new(o, "role", json_string(r->id));
  json_object_set_new(o, "label", json_string(r->label));
  if (s->measure != MEASURE_ALL)
    json_object_set_new(o, "score", cp_cli_json_number(s->order[i].score));
  else
    for (cp_centrality m = 0; m < CP_CENTRALITY_COUNT; m++)
      if (s->scores[m])
        json_object_set_new(o, cp_centrality_name(m), cp_cli_json_number(s->scores[m][role]));
  return o;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const centrality_state *s = state;
  json_t *root = json_object(), *list = json_array();
  json_object_set_new(root, "graph", json_string(cp_graph_name(x->g)));
  json_object_set_new(
      root, "measure",
      json_string(s->measure == MEASURE_ALL ? "all" : cp_centrality_name(s->measure)));
  json_object_set_new(root, "by", json_string(cp_criterion_name(s->by.value)));
  for (size_t i = 0; i < s->shown; i++)
    json_array_append_new(list, json_role(x, s, i));
  json_object_set_new(root, "roles", list);
  return cp_cli_json_write(&x->c, out, root, 12, "the output");
}

static void centrality_release(void *state) {
  centrality_state *s = state;
  free(s->order);
  for (size_t m = 0; m < CP_CENTRALITY_COUNT; m++)
    free(s->scores[m]);
}

const cp_cli_command cp_cmd_centrality = {
    .name = "centrality",
    .summary = "gateway roles: betweenness, pagerank, closeness, degree, strength",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] [--measure M|all] [--top N|all] [--by CRITERION] [OPTIONS]",
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
        "  strength     flow in plus flow out (needs count or probability)\n"
        "  all          each of the above as a column (strength when the graph has a flow),\n"
        "               roles ranked by betweenness",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .options = options,
    .notes = "Ties are ranked in graph order. On a complete graph (every role moves to every "
             "other) betweenness is 0 and closeness 1 by construction: a warning says so.",
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
