/* measures.c: network measures of a career graph (stats, centrality, communities) via igraph. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- edge weights carried as attributes ---- */

int cp_transition_number(const cp_transition *t, const char *key, double *out) {
  for (size_t i = 0; i < t->n_attrs; i++) {
    if (strcmp(t->attrs[i].key, key))
      continue;
    char *end;
    double v = strtod(t->attrs[i].value, &end);
    while (*end == ' ' || *end == '\t')
      end++;
    if (end == t->attrs[i].value || *end || !isfinite(v))
      return false;
    *out = v;
    return true;
  }
  return false;
}

static bool all_carry(const cp_graph *g, const char *key) {
  double v;
  for (size_t i = 0; i < g->n_transitions; i++)
    if (!cp_transition_number(cp_tr(g, i), key, &v))
      return false;
  return g->n_transitions > 0;
}

const char *cp_graph_flow_weight(const cp_graph *g) {
  return all_carry(g, "count") ? "count" : all_carry(g, "probability") ? "probability" : NULL;
}

cp_status cp_graph_probabilities(const cp_graph *g, int normalize, double **out, cp_error *err) {
  bool given = all_carry(g, "probability");
  const char *key = given ? "probability" : all_carry(g, "count") ? "count" : NULL;
  if (!key)
    return cp_fail(err, CP_ENOCRIT,
                   "%s: the transitions carry neither 'probability' nor 'count' on every one",
                   g->name);
  double *p = malloc((g->n_transitions + 1) * sizeof *p);
  double *sum = calloc(g->n_roles + 1, sizeof *sum);
  cp_status st = CP_OK;
  if (!p || !sum) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < g->n_transitions; i++) {
    const cp_transition *t = cp_tr(g, i);
    cp_transition_number(t, key, &p[i]);
    if (p[i] < 0 || (given && p[i] > 1)) {
      st = cp_fail(err, CP_EINVAL, "%s: transition %s -> %s: %s %g is outside %s", g->name,
                   g->roles[t->from].id, g->roles[t->to].id, key, p[i], given ? "0-1" : ">= 0");
      goto done;
    }
    sum[t->from] += p[i];
  }
  /* Counts are always row-normalised; given probabilities only when asked. */
  if (!given || normalize)
    for (size_t i = 0; i < g->n_transitions; i++) {
      double s = sum[cp_tr(g, i)->from];
      p[i] = s > 0 ? p[i] / s : 0;
    }
  *out = p;
  p = NULL;
done:
  free(p);
  free(sum);
  return st;
}

/* ---- stats ---- */

static int cmp_double(const void *pa, const void *pb) {
  double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

static void describe(const double *v, size_t n, double *scratch, cp_distribution *d) {
  *d = (cp_distribution){NAN, NAN, NAN, NAN};
  if (!n)
    return;
  memcpy(scratch, v, n * sizeof *v);
  qsort(scratch, n, sizeof *scratch, cmp_double);
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += scratch[i];
  d->min = scratch[0];
  d->max = scratch[n - 1];
  d->mean = sum / (double)n;
  d->median = (scratch[(n - 1) / 2] + scratch[n / 2]) / 2;
}

void cp_stats_free(cp_stats *s) {
  if (!s)
    return;
  free(s->in_degree_counts);
  free(s->out_degree_counts);
  free(s);
}

/* The degree histogram: counts[k] roles have degree k. */
static cp_status histogram(const igraph_vector_int_t *deg, size_t **out, size_t *n_out) {
  size_t max = 0, n = (size_t)igraph_vector_int_size(deg);
  for (size_t i = 0; i < n; i++)
    if ((size_t)VECTOR(*deg)[i] > max)
      max = (size_t)VECTOR(*deg)[i];
  size_t *c = calloc(max + 1, sizeof *c);
  if (!c)
    return CP_ENOMEM;
  for (size_t i = 0; i < n; i++)
    c[VECTOR(*deg)[i]]++;
  *out = c;
  *n_out = n ? max + 1 : 0;
  return CP_OK;
}

/* Density, reciprocity and components of the move graph. */
static cp_status stats_shape(const igraph_t *ig, cp_stats *s, cp_error *err) {
  size_t n = s->roles;
  igraph_real_t r;
  igraph_integer_t weak, strong;
  s->density = n > 1 ? (double)s->transitions / ((double)n * (double)(n - 1)) : NAN;
  cp_status st;
  if ((st = cp_from_igraph(igraph_reciprocity(ig, &r, true, IGRAPH_RECIPROCITY_DEFAULT), err,
                           "reciprocity")) ||
      (st = cp_from_igraph(igraph_connected_components(ig, NULL, NULL, &weak, IGRAPH_WEAK), err,
                           "components")) ||
      (st = cp_from_igraph(igraph_connected_components(ig, NULL, NULL, &strong, IGRAPH_STRONG), err,
                           "components")))
    return st;
  s->reciprocity = s->transitions ? r : NAN;
  s->weak_components = (size_t)weak;
  s->strong_components = (size_t)strong;
  return CP_OK;
}

/* In and out degrees (distribution and histogram) and, with a flow, strengths. `a` and
 * `scratch` hold a value per role. */
static cp_status stats_degrees(const cp_moves *m, bool flow, cp_stats *s, double *a,
                               double *scratch, cp_error *err) {
  size_t n = s->roles;
  igraph_vector_int_t deg;
  igraph_vector_t str;
  cp_status st = cp_from_igraph(igraph_vector_int_init(&deg, 0), err, "degrees");
  if (st)
    return st;
  if ((st = cp_from_igraph(igraph_vector_init(&str, 0), err, "strength"))) {
    igraph_vector_int_destroy(&deg);
    return st;
  }
  for (int dir = 0; dir < 2 && !st; dir++) {
    igraph_neimode_t mode = dir ? IGRAPH_OUT : IGRAPH_IN;
    if ((st = cp_from_igraph(igraph_degree(&m->ig, &deg, igraph_vss_all(), mode, true), err,
                             "degrees")))
      break;
    for (size_t i = 0; i < n; i++)
      a[i] = (double)VECTOR(deg)[i];
    describe(a, n, scratch, dir ? &s->out_degree : &s->in_degree);
    if ((st = histogram(&deg, dir ? &s->out_degree_counts : &s->in_degree_counts,
                        dir ? &s->n_out_degree_counts : &s->n_in_degree_counts))) {
      st = cp_fail(err, st, "out of memory");
      break;
    }
    cp_distribution *d = dir ? &s->out_strength : &s->in_strength;
    *d = (cp_distribution){NAN, NAN, NAN, NAN};
    if (!flow || (st = cp_from_igraph(
                      igraph_strength(&m->ig, &str, igraph_vss_all(), mode, true, &m->weight), err,
                      "strength")))
      continue;
    for (size_t i = 0; i < n; i++)
      a[i] = VECTOR(str)[i];
    describe(a, n, scratch, d);
  }
  igraph_vector_int_destroy(&deg);
  igraph_vector_destroy(&str);
  return st;
}

/* Diameter, mean path length and clustering. */
static cp_status stats_paths(const igraph_t *ig, cp_stats *s, cp_error *err) {
  igraph_real_t diameter, mean_path, unconn, r;
  cp_status st;
  if ((st = cp_from_igraph(igraph_diameter(ig, &diameter, NULL, NULL, NULL, NULL, true, true), err,
                           "diameter")) ||
      (st = cp_from_igraph(igraph_average_path_length(ig, &mean_path, &unconn, true, true), err,
                           "mean path length")) ||
      (st = cp_from_igraph(igraph_transitivity_undirected(ig, &r, IGRAPH_TRANSITIVITY_NAN), err,
                           "clustering")))
    return st;
  s->diameter = s->transitions ? diameter : NAN;
  s->mean_path_length = s->transitions ? mean_path : NAN;
  s->clustering = r;
  return CP_OK;
}

/* Assortativity by level, over roles that give one (level 0 is "not given"): NaN unless
 * every role does. */
static cp_status assortativity_level(const cp_graph *g, const igraph_t *ig, cp_stats *s,
                                     cp_error *err) {
  size_t n = g->n_roles;
  bool levels = n > 0;
  for (size_t i = 0; i < n; i++)
    levels = levels && g->roles[i].level > 0;
  s->assortativity_level = NAN;
  if (!levels || !s->transitions)
    return CP_OK;
  igraph_vector_t values;
  igraph_real_t r;
  cp_status st =
      cp_from_igraph(igraph_vector_init(&values, (igraph_integer_t)n), err, "assortativity");
  if (st)
    return st;
  for (size_t i = 0; i < n; i++)
    VECTOR(values)[i] = g->roles[i].level;
  if (!(st = cp_from_igraph(igraph_assortativity(ig, &values, NULL, &r, true, true), err,
                            "assortativity")))
    s->assortativity_level = r;
  igraph_vector_destroy(&values);
  return st;
}

/* Assortativity by domain: NaN unless roles have two domains or more. */
static cp_status assortativity_domain(const cp_graph *g, const igraph_t *ig, cp_stats *s,
                                      cp_error *err) {
  size_t n = g->n_roles;
  bool domains = false;
  for (size_t i = 0; i < n; i++)
    domains = domains || strcmp(g->roles[i].domain, g->roles[0].domain);
  s->assortativity_domain = NAN;
  if (!domains || !s->transitions)
    return CP_OK;
  igraph_vector_int_t types;
  igraph_real_t r;
  cp_status st =
      cp_from_igraph(igraph_vector_int_init(&types, (igraph_integer_t)n), err, "assortativity");
  if (st)
    return st;
  /* Domain numbers by first appearance. */
  for (size_t i = 0; i < n; i++) {
    size_t j = 0;
    while (strcmp(g->roles[j].domain, g->roles[i].domain))
      j++;
    VECTOR(types)[i] = j == i ? (igraph_integer_t)i : VECTOR(types)[j];
  }
  if (!(st = cp_from_igraph(igraph_assortativity_nominal(ig, &types, &r, true, true), err,
                            "assortativity")))
    s->assortativity_domain = r;
  igraph_vector_int_destroy(&types);
  return st;
}

cp_status cp_graph_stats(const cp_graph *g, cp_stats **out, cp_error *err) {
  cp_moves m = {.made = false};
  cp_stats *s = calloc(1, sizeof *s);
  size_t n = g->n_roles;
  double *a = malloc((n + 1) * sizeof *a), *scratch = malloc((n + 1) * sizeof *scratch);
  cp_status st = CP_OK;
  if (!s || !a || !scratch) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  if ((st = cp_moves_make(g, false, &m, err)))
    goto done;
  const char *flow = cp_graph_flow_weight(g);
  s->roles = n;
  s->transitions = (size_t)igraph_ecount(&m.ig);
  s->self_loops = m.self_loops;
  s->zero_flow = m.zero;
  s->flow_weight = flow;
  if ((st = stats_shape(&m.ig, s, err)) ||
      (st = stats_degrees(&m, flow != NULL, s, a, scratch, err)) ||
      (st = stats_paths(&m.ig, s, err)) || (st = assortativity_level(g, &m.ig, s, err)) ||
      (st = assortativity_domain(g, &m.ig, s, err)))
    goto done;
  *out = s;
  s = NULL;
done:
  cp_moves_free(&m);
  cp_stats_free(s);
  free(a);
  free(scratch);
  return st;
}

int cp_graph_is_complete(const cp_graph *g) {
  size_t n = g->n_roles;
  /* Too few transitions to join every pair: no need to build the moves. */
  if (n < 2 || g->n_transitions < n * (n - 1))
    return 0;
  cp_moves m;
  if (cp_moves_make(g, false, &m, NULL))
    return 0;
  int complete = (size_t)igraph_ecount(&m.ig) == n * (n - 1);
  cp_moves_free(&m);
  return complete;
}

/* ---- centrality ---- */

const char *cp_centrality_name(cp_centrality c) {
  static const char *const names[] = {"betweenness", "pagerank", "closeness", "degree", "strength"};
  return (unsigned)c < CP_CENTRALITY_COUNT ? names[c] : "?";
}

cp_status cp_centrality_parse(const char *name, cp_centrality *out) {
  for (int c = 0; c < CP_CENTRALITY_COUNT; c++)
    if (!strcmp(name, cp_centrality_name((cp_centrality)c))) {
      *out = (cp_centrality)c;
      return CP_OK;
    }
  return CP_EINVAL;
}

/* Per move, the distance a path pays: 1 for steps, else the criterion's total over the
 * role pair's cheapest transition (parallel transitions are one move). */
static cp_status distances(const cp_graph *g, const cp_moves *m, cp_criterion by,
                           igraph_vector_t *d, cp_error *err) {
  if ((by != CP_BY_STEPS && cp_graph_check_criterion(g, by, err)))
    return CP_ENOCRIT;
  igraph_integer_t e = igraph_ecount(&m->ig);
  cp_status st = cp_from_igraph(igraph_vector_init(d, e), err, "distances");
  if (st)
    return st;
  for (igraph_integer_t i = 0; i < e; i++)
    VECTOR(*d)[i] = by == CP_BY_STEPS ? 1 : INFINITY;
  if (by == CP_BY_STEPS)
    return CP_OK;
  for (size_t i = 0; i < g->n_transitions; i++) {
    const cp_transition *t = cp_tr(g, i);
    igraph_integer_t eid;
    if (t->from == t->to ||
        igraph_get_eid(&m->ig, &eid, (igraph_integer_t)t->from, (igraph_integer_t)t->to, true,
                       false) != IGRAPH_SUCCESS ||
        eid < 0)
      continue;
    double w = cp_transition_weight(t, by);
    if (w < VECTOR(*d)[eid])
      VECTOR(*d)[eid] = w;
  }
  return CP_OK;
}

cp_status cp_graph_centrality(const cp_graph *g, cp_centrality measure, cp_criterion by,
                              double **out, cp_error *err) {
  cp_moves m;
  igraph_vector_t res, dist;
  bool res_made = false, dist_made = false;
  double *scores = NULL;
  cp_status st = cp_moves_make(g, false, &m, err);
  if (st)
    return st;
  const char *flow = cp_graph_flow_weight(g);
  if ((st = cp_from_igraph(igraph_vector_init(&res, 0), err, cp_centrality_name(measure))))
    goto done;
  res_made = true;
  switch (measure) {
  case CP_CENTRALITY_BETWEENNESS:
  case CP_CENTRALITY_CLOSENESS:
    if ((st = distances(g, &m, by, &dist, err)))
      goto done;
    dist_made = true;
    st = cp_from_igraph(measure == CP_CENTRALITY_BETWEENNESS
                            ? igraph_betweenness(&m.ig, &res, igraph_vss_all(), true,
                                                 by == CP_BY_STEPS ? NULL : &dist)
                            : igraph_closeness(&m.ig, &res, NULL, NULL, igraph_vss_all(),
                                               IGRAPH_OUT, by == CP_BY_STEPS ? NULL : &dist, true),
                        err, cp_centrality_name(measure));
    break;
  case CP_CENTRALITY_PAGERANK:
    if ((st = cp_openmp_room(g, err, "pagerank")))
      break;
    st =
        cp_from_igraph(igraph_pagerank(&m.ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, NULL,
                                       igraph_vss_all(), true, 0.85, flow ? &m.weight : NULL, NULL),
                       err, "pagerank");
    break;
  case CP_CENTRALITY_DEGREE:
  case CP_CENTRALITY_STRENGTH:
    if (measure == CP_CENTRALITY_STRENGTH && !flow) {
      st = cp_fail(err, CP_ENOCRIT,
                   "%s: strength needs 'count' or 'probability' on every transition; try "
                   "--measure degree",
                   g->name);
      goto done;
    }
    st = cp_from_igraph(igraph_strength(&m.ig, &res, igraph_vss_all(), IGRAPH_ALL, true,
                                        measure == CP_CENTRALITY_STRENGTH ? &m.weight : NULL),
                        err, cp_centrality_name(measure));
    break;
  default: st = cp_fail(err, CP_EINVAL, "unknown centrality measure"); break;
  }
  if (st)
    goto done;
  if (!(scores = malloc((g->n_roles + 1) * sizeof *scores))) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < g->n_roles; i++)
    scores[i] = VECTOR(res)[i];
  *out = scores;
done:
  if (res_made)
    igraph_vector_destroy(&res);
  if (dist_made)
    igraph_vector_destroy(&dist);
  cp_moves_free(&m);
  return st;
}

/* ---- communities ---- */

typedef struct sized {
  size_t size, first, label;
} sized;

static int by_size_desc(const void *pa, const void *pb) {
  const sized *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  return (a->first > b->first) - (a->first < b->first);
}

/* Leiden on modularity: it optimises modularity when node weights are strengths and the
 * resolution is 1/2m (with none it optimises CPM, which put Zachary's karate club in one
 * cluster). */
static cp_status leiden(const cp_moves *m, igraph_vector_int_t *member, cp_error *err) {
  /* igraph 0.10.2's Leiden never returns when there is no move of positive flow (no moves,
   * only self-loops, every count 0): then each role is a community of its own, at once. */
  if (igraph_ecount(&m->ig) == 0 || !(igraph_vector_sum(&m->weight) > 0)) {
    igraph_integer_t n = igraph_vcount(&m->ig);
    cp_status st = cp_from_igraph(igraph_vector_int_resize(member, n), err, "communities");
    for (igraph_integer_t i = 0; !st && i < n; i++)
      VECTOR(*member)[i] = i;
    return st;
  }
  igraph_vector_t strength;
  cp_status st = cp_from_igraph(igraph_vector_init(&strength, 0), err, "communities");
  if (st)
    return st;
  double total = igraph_vector_sum(&m->weight);
  igraph_integer_t clusters;
  igraph_real_t quality;
  if (!(st = cp_from_igraph(
            igraph_strength(&m->ig, &strength, igraph_vss_all(), IGRAPH_ALL, true, &m->weight), err,
            "communities")))
    st = cp_from_igraph(igraph_community_leiden(&m->ig, &m->weight, &strength,
                                                total > 0 ? 1.0 / (2 * total) : 1, 0.01, false, -1,
                                                member, &clusters, &quality),
                        err, "Leiden");
  igraph_vector_destroy(&strength);
  return st;
}

/* Communities numbered by size, largest first, ties by their first role: per role into
 * `out` (n), their count into *used. */
static cp_status number_by_size(const igraph_vector_int_t *member, size_t n, size_t *out,
                                size_t *used) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if ((size_t)VECTOR(*member)[i] + 1 > k)
      k = (size_t)VECTOR(*member)[i] + 1;
  sized *groups = calloc(k + 1, sizeof *groups);
  size_t *rank = malloc((k + 1) * sizeof *rank);
  if (!groups || !rank) {
    free(groups);
    free(rank);
    return CP_ENOMEM;
  }
  for (size_t c = 0; c < k; c++)
    groups[c] = (sized){0, SIZE_MAX, c};
  for (size_t i = 0; i < n; i++) {
    sized *c = &groups[VECTOR(*member)[i]];
    if (!c->size++)
      c->first = i;
  }
  qsort(groups, k, sizeof *groups, by_size_desc);
  *used = 0;
  for (size_t c = 0; c < k; c++)
    if (groups[c].size)
      rank[groups[c].label] = (*used)++;
  for (size_t i = 0; i < n; i++)
    out[i] = rank[VECTOR(*member)[i]];
  free(groups);
  free(rank);
  return CP_OK;
}

cp_status cp_graph_communities(const cp_graph *g, cp_community_method method, size_t **membership,
                               size_t *n_communities, double *modularity, cp_error *err) {
  cp_moves m;
  igraph_vector_int_t member;
  size_t *out = NULL, used;
  igraph_real_t q;
  cp_status st = cp_moves_make(g, true, &m, err);
  if (st)
    return st;
  if ((st = cp_from_igraph(igraph_vector_int_init(&member, 0), err, "communities"))) {
    cp_moves_free(&m);
    return st;
  }
  /* Fixed seed: the same graph gives the same communities. */
  igraph_rng_seed(igraph_rng_default(), 42);
  if ((st = method == CP_COMMUNITY_LEIDEN
                ? leiden(&m, &member, err)
                : cp_from_igraph(
                      igraph_community_multilevel(&m.ig, &m.weight, 1, &member, NULL, NULL), err,
                      "Louvain")) ||
      (st = cp_from_igraph(igraph_modularity(&m.ig, &member, &m.weight, 1, false, &q), err,
                           "modularity")))
    goto done;
  if (!(out = malloc((g->n_roles + 1) * sizeof *out)) ||
      number_by_size(&member, g->n_roles, out, &used)) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto done;
  }
  *membership = out;
  out = NULL;
  *n_communities = used;
  *modularity = q;
done:
  free(out);
  igraph_vector_int_destroy(&member);
  cp_moves_free(&m);
  return st;
}
