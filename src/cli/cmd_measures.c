/* cmd_measures.c: `careerpath stats`, `centrality` and `communities`: network measures. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char stats_help[] =
    "Usage: careerpath stats [GRAPH] [--roles FILE] [--format text|csv|json]\n"
    "\n"
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
    "  assortativity           by level (when every role has one) and by domain\n"
    "\n"
    "Options:\n"
    "  --format FORMAT      text (default), csv (measure,value) or json\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 measured, 2 usage error, 3 bad input, 4 output error, 5 internal error.\n";

static const char centrality_help[] =
    "Usage: careerpath centrality [GRAPH] [--measure M] [--top N] [--by CRITERION]\n"
    "                             [--format text|csv|json]\n"
    "\n"
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
    "\n"
    "Options:\n"
    "  --top N              the N highest (default 10)\n"
    "  --by CRITERION       distance for betweenness and closeness: steps (default), months,\n"
    "                       cost or effort\n"
    "  --format FORMAT      text (default), csv or json\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Ties are ranked in graph order. Exit codes: 0 ranked, 2 usage error, 3 bad input (a\n"
    "measure the graph cannot carry), 4 output error, 5 internal error.\n";

static const char communities_help[] =
    "Usage: careerpath communities [GRAPH] [--method leiden|louvain] [--format text|csv|json]\n"
    "\n"
    "Clusters of roles people move among: the partition that maximises modularity over\n"
    "moves, direction ignored, weighted by flow (count or probability) when the graph\n"
    "carries one. Seeded, so the same graph gives the same clusters. Communities are\n"
    "numbered from 1, largest first. 'careerpath render --communities METHOD' draws them.\n"
    "\n"
    "Options:\n"
    "  --method METHOD      leiden (default) or louvain\n"
    "  --format FORMAT      text (default), csv (role,community) or json\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 done, 2 usage error, 3 bad input, 4 output error, 5 internal error.\n";

void cp_cli_csv_text(FILE *f, const char *s) {
  if (!*s || strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[strlen(s) - 1] == ' ') {
    fputc('"', f);
    for (; *s; s++) {
      if (*s == '"')
        fputc('"', f);
      fputc(*s, f);
    }
    fputc('"', f);
    return;
  }
  fputs(s, f);
}

/* The options every measure command shares; returns an exit code, or -1 to go on. */
typedef struct common {
  const char *roles, *graph_path;
  cp_out_format format;
} common;

static int finish(const cp_cli *c) {
  if (fflush(c->out) != 0)
    return cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output");
  return CP_EXIT_OK;
}

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

/* Parses the options all three commands take; other options come back to `extra`. */
static int parse(const cp_cli *c, int argc, char **argv, const char *help,
                 const struct option *more, size_t n_more, int (*extra)(void *, int, const char *),
                 void *ctx, common *o) {
  struct option longopts[16] = {{"format", required_argument, NULL, 'F'},
                                {"roles", required_argument, NULL, 'r'},
                                {"help", no_argument, NULL, 'h'}};
  size_t n = 3;
  for (size_t i = 0; i < n_more && n < 15; i++)
    longopts[n++] = more[i];
  longopts[n] = (struct option){NULL, 0, NULL, 0};
  int code, opt;
  o->format = CP_OUT_TEXT;
  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":h", longopts)) != -1) {
    switch (opt) {
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_CSV) |
                                          CP_OUT_BIT(CP_OUT_JSON),
                                      &o->format)))
        return code;
      break;
    case 'r': o->roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    case '?':
    case ':': return CP_EXIT_USAGE;
    default:
      if (!extra || (code = extra(ctx, opt, optarg)) != -1)
        return extra ? code : CP_EXIT_USAGE;
      break;
    }
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &o->graph_path)))
    return code;
  return -1;
}

int cp_cmd_stats(const cp_cli *c, int argc, char **argv) {
  common o = {0};
  cp_graph *g = NULL;
  cp_stats *s = NULL;
  cp_error e = {0};
  int code = parse(c, argc, argv, stats_help, NULL, 0, NULL, NULL, &o);
  if (code != -1)
    return code;
  if ((code = cp_cli_load_graph(c, o.graph_path, o.roles, &g)))
    return code;
  cp_status st = cp_graph_stats(g, &s, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
  } else {
    if (o.format == CP_OUT_JSON)
      code = cp_cli_json_print(c, stats_json(g, s), 12);
    else if (o.format == CP_OUT_CSV)
      stats_csv(c->out, s);
    else
      stats_text(c->out, g, s);
    if (!code)
      code = finish(c);
  }
  cp_stats_free(s);
  cp_graph_free(g);
  return code;
}

/* ---- centrality ---- */

typedef struct centrality_args {
  const cp_cli *c;
  cp_centrality measure;
  size_t top;
  cp_criterion by;
  bool by_given;
} centrality_args;

static int centrality_option(void *ctx, int opt, const char *arg) {
  centrality_args *a = ctx;
  switch (opt) {
  case 'm':
    if (cp_centrality_parse(arg, &a->measure))
      return cp_cli_fail(a->c, CP_EXIT_USAGE,
                         "unknown measure '%s' (choose from betweenness, pagerank, closeness, "
                         "degree, strength)",
                         arg);
    return -1;
  case 't': return cp_cli_parse_count(a->c, "--top", arg, &a->top) ? -1 : CP_EXIT_USAGE;
  case 'b':
    a->by_given = true;
    return cp_cli_parse_criterion(a->c, arg, &a->by) ? CP_EXIT_USAGE : -1;
  default: return CP_EXIT_USAGE;
  }
}

static const double *rank_scores;
static int by_score(const void *pa, const void *pb) {
  size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
  if (rank_scores[a] != rank_scores[b])
    return rank_scores[a] > rank_scores[b] ? -1 : 1;
  return (a > b) - (a < b);
}

int cp_cmd_centrality(const cp_cli *c, int argc, char **argv) {
  static const struct option more[] = {{"measure", required_argument, NULL, 'm'},
                                       {"top", required_argument, NULL, 't'},
                                       {"by", required_argument, NULL, 'b'}};
  centrality_args a = {.c = c, .measure = CP_CENTRALITY_BETWEENNESS, .top = 10};
  common o = {0};
  cp_graph *g = NULL;
  double *scores = NULL;
  size_t *order = NULL;
  cp_error e = {0};
  int code = parse(c, argc, argv, centrality_help, more, 3, centrality_option, &a, &o);
  if (code != -1)
    return code;
  if (a.by_given && a.measure != CP_CENTRALITY_BETWEENNESS && a.measure != CP_CENTRALITY_CLOSENESS)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--by goes with betweenness and closeness");
  if ((code = cp_cli_load_graph(c, o.graph_path, o.roles, &g)))
    return code;
  cp_status st = cp_graph_centrality(g, a.measure, a.by, &scores, &e);
  size_t n = cp_graph_role_count(g);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  if (!(order = malloc((n + 1) * sizeof *order))) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  rank_scores = scores;
  qsort(order, n, sizeof *order, by_score);
  size_t shown = a.top < n ? a.top : n;
  const char *name = cp_centrality_name(a.measure);
  if (o.format == CP_OUT_JSON) {
    json_t *root = json_object(), *list = json_array();
    json_object_set_new(root, "graph", json_string(cp_graph_name(g)));
    json_object_set_new(root, "measure", json_string(name));
    json_object_set_new(root, "by", json_string(cp_criterion_name(a.by)));
    for (size_t i = 0; i < shown; i++) {
      const cp_role *r = cp_graph_role(g, order[i]);
      json_t *x = json_object();
      json_object_set_new(x, "rank", json_integer((json_int_t)i + 1));
      json_object_set_new(x, "role", json_string(r->id));
      json_object_set_new(x, "label", json_string(r->label));
      json_object_set_new(x, "score", cp_cli_json_number(scores[order[i]]));
      json_array_append_new(list, x);
    }
    json_object_set_new(root, "roles", list);
    code = cp_cli_json_print(c, root, 12);
  } else if (o.format == CP_OUT_CSV) {
    fprintf(c->out, "rank,role,%s\n", name);
    for (size_t i = 0; i < shown; i++) {
      fprintf(c->out, "%zu,", i + 1);
      cp_cli_csv_text(c->out, cp_graph_role(g, order[i])->id);
      fprintf(c->out, ",%.12g\n", scores[order[i]]);
    }
  } else {
    fprintf(c->out, "%s by %s%s%s (top %zu of %zu roles)\n", cp_graph_name(g), name,
            a.measure <= CP_CENTRALITY_CLOSENESS && a.measure != CP_CENTRALITY_PAGERANK
                ? ", routes by "
                : "",
            a.measure <= CP_CENTRALITY_CLOSENESS && a.measure != CP_CENTRALITY_PAGERANK
                ? cp_criterion_name(a.by)
                : "",
            shown, n);
    for (size_t i = 0; i < shown; i++) {
      const cp_role *r = cp_graph_role(g, order[i]);
      fprintf(c->out, "%4zu  %-12.6g  %s", i + 1, scores[order[i]], r->label);
      if (strcmp(r->label, r->id))
        fprintf(c->out, " (%s)", r->id);
      fputc('\n', c->out);
    }
  }
  if (!code)
    code = finish(c);
cleanup:
  free(order);
  free(scores);
  cp_graph_free(g);
  return code;
}

/* ---- communities ---- */

typedef struct communities_args {
  const cp_cli *c;
  cp_community_method method;
} communities_args;

int cp_cli_parse_method(const cp_cli *c, const char *text, cp_community_method *out) {
  if (!strcmp(text, "leiden"))
    *out = CP_COMMUNITY_LEIDEN;
  else if (!strcmp(text, "louvain"))
    *out = CP_COMMUNITY_LOUVAIN;
  else
    return cp_cli_fail(c, CP_EXIT_USAGE, "unknown method '%s' (choose leiden or louvain)", text);
  return CP_EXIT_OK;
}

static int communities_option(void *ctx, int opt, const char *arg) {
  communities_args *a = ctx;
  if (opt != 'M')
    return CP_EXIT_USAGE;
  return cp_cli_parse_method(a->c, arg, &a->method) ? CP_EXIT_USAGE : -1;
}

int cp_cmd_communities(const cp_cli *c, int argc, char **argv) {
  static const struct option more[] = {{"method", required_argument, NULL, 'M'}};
  communities_args a = {.c = c, .method = CP_COMMUNITY_LEIDEN};
  common o = {0};
  cp_graph *g = NULL;
  size_t *member = NULL, k = 0;
  double q = 0;
  cp_error e = {0};
  int code = parse(c, argc, argv, communities_help, more, 1, communities_option, &a, &o);
  if (code != -1)
    return code;
  if ((code = cp_cli_load_graph(c, o.graph_path, o.roles, &g)))
    return code;
  cp_status st = cp_graph_communities(g, a.method, &member, &k, &q, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  size_t n = cp_graph_role_count(g);
  const char *method = a.method == CP_COMMUNITY_LEIDEN ? "leiden" : "louvain";
  if (o.format == CP_OUT_JSON) {
    json_t *root = json_object(), *list = json_array();
    json_object_set_new(root, "graph", json_string(cp_graph_name(g)));
    json_object_set_new(root, "method", json_string(method));
    json_object_set_new(root, "modularity", cp_cli_json_number(q));
    for (size_t cm = 0; cm < k; cm++) {
      json_t *x = json_object(), *roles = json_array();
      for (size_t i = 0; i < n; i++)
        if (member[i] == cm)
          json_array_append_new(roles, json_string(cp_graph_role(g, i)->id));
      json_object_set_new(x, "community", json_integer((json_int_t)cm + 1));
      json_object_set_new(x, "size", json_integer((json_int_t)json_array_size(roles)));
      json_object_set_new(x, "roles", roles);
      json_array_append_new(list, x);
    }
    json_object_set_new(root, "communities", list);
    code = cp_cli_json_print(c, root, 12);
  } else if (o.format == CP_OUT_CSV) {
    fputs("role,community\n", c->out);
    for (size_t i = 0; i < n; i++) {
      cp_cli_csv_text(c->out, cp_graph_role(g, i)->id);
      fprintf(c->out, ",%zu\n", member[i] + 1);
    }
  } else {
    fprintf(c->out, "%s: %zu communities (%s), modularity %.6g\n", cp_graph_name(g), k, method, q);
    for (size_t cm = 0; cm < k; cm++) {
      size_t size = 0;
      for (size_t i = 0; i < n; i++)
        size += member[i] == cm;
      fprintf(c->out, "  %zu (%zu role%s):", cm + 1, size, size == 1 ? "" : "s");
      for (size_t i = 0, shown = 0; i < n; i++)
        if (member[i] == cm)
          fprintf(c->out, "%s %s", shown++ ? "," : "", cp_graph_role(g, i)->label);
      fputc('\n', c->out);
    }
  }
  if (!code)
    code = finish(c);
cleanup:
  free(member);
  cp_graph_free(g);
  return code;
}
