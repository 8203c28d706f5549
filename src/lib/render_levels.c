/* render_levels.c: levels as columns in dot: ranks, minimum lengths, anchors, domain order. */
#include "render_internal.h"

#include <stdio.h>

static const char *const level_names[] = {
    "", "Entry", "Early career", "Specialist", "Senior / manager", "Executive"};

void cp_render_columns(cp_drawing *d, const bool used[CP_MAX_LEVEL + 2]) {
  for (int l = 1, column = 0; l <= CP_MAX_LEVEL + 1; l++)
    d->rank_of[l] = l > CP_MAX_LEVEL || used[l] ? column++ : -1;
}

/* Levels are ranks, entry to executive: an edge between two levelled roles is exactly as
 * long as the columns between their levels (0 within a level). A move down the levels is
 * laid out from its head and drawn with its arrow reversed (render_build.c): Graphviz
 * 2.42's dot crashes (a double free in spline routing) on constraint=false edges around
 * clusters, which is the usual way to say "do not rank by this edge". Returns whether the
 * edge must be laid out reversed. */
bool cp_render_level_constraint(const cp_drawing *d, Agedge_t *e, int from_level, int to_level) {
  if (from_level < 1 || to_level < 1 || from_level > CP_MAX_LEVEL || to_level > CP_MAX_LEVEL)
    return false;
  int gap = d->rank_of[to_level] - d->rank_of[from_level];
  char text[16];
  snprintf(text, sizeof text, "%d", gap < 0 ? -gap : gap);
  if (e)
    cp_render_set(e, "minlen", text);
  return gap < 0;
}

/* Whether an edge joins two roles of one level: it is then drawn flat, and its label must be
 * an xlabel, placed after layout. Graphviz 2.42's dot crashes (double free in spline
 * routing) on labelled flat edges in clusters. */
bool cp_render_is_flat(const cp_drawing *d, int from_level, int to_level) {
  return from_level >= 1 && from_level <= CP_MAX_LEVEL && to_level >= 1 &&
         to_level <= CP_MAX_LEVEL && d->rank_of[from_level] == d->rank_of[to_level] &&
         !d->o->route_only;
}

/* Pins each levelled role to its level's column: an invisible anchor per level (labelled
 * with the level's name) in a chain from a start anchor to an end anchor, and for each role
 * an edge from the anchor before its level and one to the anchor after it, both of length
 * 1, so the role can only sit in its own level's column. Unlike rank=same groups, this
 * works with clusters in classic dot. */
void cp_render_level_bands(cp_drawing *d, const bool used[CP_MAX_LEVEL + 2]) {
  Agnode_t *anchor[CP_MAX_LEVEL + 2] = {0};
  char name[32];
  Agnode_t *prev = NULL;
  for (int l = 0; l <= CP_MAX_LEVEL + 1; l++) {
    if (l >= 1 && l <= CP_MAX_LEVEL && !used[l])
      continue;
    snprintf(name, sizeof name, "level_%d", l);
    anchor[l] = cp_render_helper_node(d->ag, name);
    cp_render_set(anchor[l], "shape", "plaintext");
    cp_render_set(anchor[l], "style", "");
    cp_render_set(anchor[l], "label", l >= 1 && l <= CP_MAX_LEVEL ? level_names[l] : "");
    cp_render_set(anchor[l], "fontcolor", "#666666");
    if (l == 0 || l > CP_MAX_LEVEL)
      cp_render_set(anchor[l], "style", "invis");
    if (prev) {
      Agedge_t *e = agedge(d->ag, prev, anchor[l], NULL, 1);
      cp_render_set(e, "style", "invis");
    }
    prev = anchor[l];
  }
  for (size_t i = 0; i < d->g->n_roles; i++) {
    int l = d->g->roles[i].level;
    if (!d->nodes[i] || l < 1 || l > CP_MAX_LEVEL)
      continue;
    int before = l - 1, after = l + 1;
    while (!anchor[before])
      before--;
    while (!anchor[after])
      after++;
    Agedge_t *e = agedge(d->ag, anchor[before], d->nodes[i], NULL, 1);
    cp_render_set(e, "style", "invis");
    cp_render_set(e, "weight", "0");
    e = agedge(d->ag, d->nodes[i], anchor[after], NULL, 1);
    cp_render_set(e, "style", "invis");
    cp_render_set(e, "weight", "0");
  }
}

/* Classic dot ranks a cluster from its own edges only, so unconnected roles of one domain
 * would share a rank whatever their level. Invisible edges between consecutive levels
 * inside each domain give the cluster its level order; the level anchors outside then
 * line the clusters up. (newrank=true would do this too, but Graphviz 2.42 leaks its
 * layout data and the root graph with it.) Past this many pairs of roles, two levels of a
 * domain are left unjoined: the anchors still order them. */
enum { MAX_LEVEL_PAIRS = 400 };

static bool in_domain_at(const cp_drawing *d, size_t role, size_t dom, int level) {
  const cp_role *r = &d->g->roles[role];
  return d->nodes[role] && r->level == level && cp_render_domain_index(d, r->domain) == dom;
}

/* Joins every role of domain `dom` at level `la` to every one at level `lb`. */
static void join_levels(cp_drawing *d, size_t dom, int la, int lb) {
  for (size_t i = 0; i < d->g->n_roles; i++) {
    if (!in_domain_at(d, i, dom, la))
      continue;
    for (size_t j = 0; j < d->g->n_roles; j++) {
      if (!in_domain_at(d, j, dom, lb))
        continue;
      /* A second edge between the same two roles, one in the cluster and one outside,
       * trips an assertion in Graphviz 2.42's dot (class2.c merge_chain). */
      if (agedge(d->ag, d->nodes[i], d->nodes[j], NULL, 0) ||
          agedge(d->ag, d->nodes[j], d->nodes[i], NULL, 0))
        continue;
      Agedge_t *e = agedge(d->clusters[dom], d->nodes[i], d->nodes[j], NULL, 1);
      cp_render_set(e, "style", "invis");
      cp_render_set(e, "weight", "0");
      cp_render_level_constraint(d, e, la, lb);
    }
  }
}

void cp_render_order_levels_in_domains(cp_drawing *d) {
  for (size_t dom = 0; dom < d->n_domains; dom++) {
    if (!d->clusters[dom]) /* roles of no domain sit outside any cluster */
      continue;
    size_t at[CP_MAX_LEVEL + 1] = {0}; /* roles drawn at each level */
    for (size_t i = 0; i < d->g->n_roles; i++) {
      int l = d->g->roles[i].level;
      if (l >= 1 && l <= CP_MAX_LEVEL && in_domain_at(d, i, dom, l))
        at[l]++;
    }
    for (int la = 1; la < CP_MAX_LEVEL; la++) {
      int lb = la + 1; /* the next level present */
      while (lb <= CP_MAX_LEVEL && !at[lb])
        lb++;
      if (at[la] && lb <= CP_MAX_LEVEL && at[la] * at[lb] <= MAX_LEVEL_PAIRS)
        join_levels(d, dom, la, lb);
    }
  }
}
