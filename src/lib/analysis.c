/* analysis.c: structural summaries of a career graph (entries, dead ends, reachability). */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void cp_summary_free(cp_summary *s) {
  if (!s)
    return;
  free(s->domains);
  free(s->domain_roles);
  free(s->entries);
  free(s->dead_ends);
  free(s->isolated);
  free(s->unreachable);
  free(s);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the roles for which keep(i) holds into a fresh array. */
static cp_status pick(size_t n, const bool *keep, size_t **out, size_t *count) {
  size_t k = 0;
  *out = malloc((n ? n : 1) * sizeof **out);
  if (!*out)
    return CP_ENOMEM;
  for (size_t i = 0; i < n; i++)
    if (keep[i])
      (*out)[k++] = i;
  *count = k;
  return CP_OK;
}

/* Marks in `seen` every role reachable from the entry roles (breadth first over the
 * out-adjacency). */
static cp_status reach_from_entries(const cp_graph *g, const size_t *outdeg, const cp_summary *s,
                                    bool *seen) {
  size_t n = g->n_roles, m = g->n_transitions;
  size_t *first = calloc(n + 2, sizeof *first), *adj = malloc((m ? m : 1) * sizeof *adj);
  size_t *pos = calloc(n + 1, sizeof *pos), *queue = malloc((n ? n : 1) * sizeof *queue);
  cp_status st = first && adj && pos && queue ? CP_OK : CP_ENOMEM;
  for (size_t i = 0; !st && i < n; i++)
    first[i + 1] = first[i] + outdeg[i];
  for (size_t i = 0; !st && i < m; i++) {
    const cp_transition *t = cp_tr(g, i);
    adj[first[t->from] + pos[t->from]++] = t->to;
  }
  size_t head = 0, tail = 0;
  for (size_t i = 0; !st && i < s->n_entries; i++) {
    seen[s->entries[i]] = true;
    queue[tail++] = s->entries[i];
  }
  while (head < tail) {
    size_t v = queue[head++];
    for (size_t j = first[v]; j < first[v + 1]; j++)
      if (!seen[adj[j]]) {
        seen[adj[j]] = true;
        queue[tail++] = adj[j];
      }
  }
  free(first);
  free(adj);
  free(pos);
  free(queue);
  return st;
}

/* The distinct domains, sorted, and how many roles each has. */
static cp_status count_domains(const cp_graph *g, cp_summary *s) {
  size_t n = g->n_roles;
  s->domains = malloc((n ? n : 1) * sizeof *s->domains);
  s->domain_roles = calloc(n ? n : 1, sizeof *s->domain_roles);
  if (!s->domains || !s->domain_roles)
    return CP_ENOMEM;
  for (size_t i = 0; i < n; i++)
    s->domains[i] = g->roles[i].domain;
  qsort(s->domains, n, sizeof *s->domains, cmp_str);
  for (size_t i = 0; i < n; i++) {
    if (s->n_domains == 0 || strcmp(s->domains[s->n_domains - 1], s->domains[i]))
      s->domains[s->n_domains++] = s->domains[i];
    s->domain_roles[s->n_domains - 1]++;
  }
  return CP_OK;
}

/* Entries, dead ends, isolated and unreachable roles from the degrees. */
static cp_status classify(const cp_graph *g, const size_t *indeg, const size_t *outdeg, bool *flag,
                          bool *seen, cp_summary *s) {
  size_t n = g->n_roles;
  for (size_t i = 0; i < n; i++)
    flag[i] = indeg[i] == 0 && outdeg[i] > 0;
  if (pick(n, flag, &s->entries, &s->n_entries))
    return CP_ENOMEM;
  for (size_t i = 0; i < n; i++)
    flag[i] = outdeg[i] == 0 && indeg[i] > 0;
  if (pick(n, flag, &s->dead_ends, &s->n_dead_ends))
    return CP_ENOMEM;
  for (size_t i = 0; i < n; i++)
    flag[i] = outdeg[i] == 0 && indeg[i] == 0;
  if (pick(n, flag, &s->isolated, &s->n_isolated) || reach_from_entries(g, outdeg, s, seen))
    return CP_ENOMEM;
  for (size_t i = 0; i < n; i++)
    flag[i] = s->n_entries > 0 && !seen[i] && (indeg[i] || outdeg[i]);
  return pick(n, flag, &s->unreachable, &s->n_unreachable);
}

cp_status cp_graph_summarize(const cp_graph *g, cp_summary **out, cp_error *err) {
  size_t n = g->n_roles, m = g->n_transitions;
  size_t *indeg = calloc(n + 1, sizeof *indeg), *outdeg = calloc(n + 1, sizeof *outdeg);
  bool *flag = calloc(n + 1, sizeof *flag), *seen = calloc(n + 1, sizeof *seen);
  cp_summary *s = calloc(1, sizeof *s);
  cp_status st = CP_OK;
  if (!indeg || !outdeg || !flag || !seen || !s)
    goto nomem;
  s->n_roles = n;
  s->n_transitions = m;
  for (size_t i = 0; i < m; i++) {
    const cp_transition *t = cp_tr(g, i);
    outdeg[t->from]++;
    indeg[t->to]++;
    s->missing[CP_BY_MONTHS] += !(t->has & CP_HAS_MONTHS);
    s->missing[CP_BY_COST] += !(t->has & CP_HAS_COST);
    s->missing[CP_BY_EFFORT] += !(t->has & CP_HAS_EFFORT);
    s->unsourced += !*t->source;
  }
  if (classify(g, indeg, outdeg, flag, seen, s) || count_domains(g, s))
    goto nomem;
  *out = s;
  s = NULL;
  goto cleanup;
nomem:
  st = cp_fail(err, CP_ENOMEM, "out of memory summarising the graph");
cleanup:
  cp_summary_free(s);
  free(indeg);
  free(outdeg);
  free(flag);
  free(seen);
  return st;
}

cp_status cp_graph_neighbourhood(const cp_graph *g, size_t role, size_t radius, unsigned char *mask,
                                 cp_error *err) {
  if (role >= g->n_roles)
    return cp_fail(err, CP_EINVAL, "role index out of range");
  size_t n = g->n_roles;
  size_t *dist = malloc((n ? n : 1) * sizeof *dist);
  if (!dist)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++)
    dist[i] = SIZE_MAX;
  dist[role] = 0;
  mask[role] = 1;
  /* Rounds over the transitions, one per move of radius: the neighbourhoods people ask for
   * are a few moves deep. */
  for (size_t round = 0; round < radius; round++) {
    bool grew = false;
    for (size_t i = 0; i < g->n_transitions; i++) {
      size_t a = cp_tr(g, i)->from, b = cp_tr(g, i)->to;
      if (dist[a] == round && dist[b] == SIZE_MAX) {
        dist[b] = round + 1;
        grew = true;
      }
      if (dist[b] == round && dist[a] == SIZE_MAX) {
        dist[a] = round + 1;
        grew = true;
      }
    }
    if (!grew)
      break;
  }
  for (size_t i = 0; i < n; i++)
    if (dist[i] != SIZE_MAX)
      mask[i] = 1;
  free(dist);
  return CP_OK;
}

typedef struct ranked {
  double score;
  size_t role;
} ranked;

static int by_score_desc(const void *pa, const void *pb) {
  const ranked *a = pa, *b = pb;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return a->role < b->role ? -1 : a->role > b->role;
}

cp_status cp_graph_top_roles(const cp_graph *g, size_t n, unsigned char *mask, cp_error *err) {
  cp_status st = CP_OK;
  igraph_t ig;
  igraph_vector_t score;
  ranked *order = NULL;
  bool have_graph = false, have_score = false;
  cp_init();
  if ((st = cp_igraph_room(g, err, "betweenness")) ||
      (st = cp_igraph_transitions(g, &ig, err, "betweenness")))
    goto cleanup;
  have_graph = true;
  if ((st = cp_from_igraph(igraph_vector_init(&score, 0), err, "betweenness")))
    goto cleanup;
  have_score = true;
  if ((st = cp_from_igraph(igraph_betweenness(&ig, &score, igraph_vss_all(), IGRAPH_DIRECTED, NULL),
                           err, "betweenness")))
    goto cleanup;
  if (!(order = malloc((g->n_roles ? g->n_roles : 1) * sizeof *order))) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < g->n_roles; i++)
    order[i] = (ranked){VECTOR(score)[i], i};
  qsort(order, g->n_roles, sizeof *order, by_score_desc);
  for (size_t i = 0; i < n && i < g->n_roles; i++)
    mask[order[i].role] = 1;
cleanup:
  free(order);
  if (have_score)
    igraph_vector_destroy(&score);
  if (have_graph)
    igraph_destroy(&ig);
  return st;
}
