/* mobility_graph.c: what a mobility build becomes: roles joined to a roles source, a graph. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The role of `ref` that `id` names: exactly, else by the forgiving match when unique. */
static bool find_joined(const cp_graph *ref, const char *id, size_t *at) {
  return cp_graph_role_index(ref, id, at) == CP_OK ||
         cp_graph_find_role(ref, id, at, NULL) == CP_OK;
}

cp_status cp_mobility_join_roles(cp_mobility *m, const cp_graph *ref, size_t *joined,
                                 cp_error *err) {
  *joined = 0;
  for (size_t i = 0; i < m->n_roles; i++) {
    cp_mobility_role *r = &m->roles[i];
    size_t at;
    if (!find_joined(ref, r->id, &at))
      continue;
    const cp_role *src = &ref->roles[at];
    char *label = cp_strdup(src->label), *domain = cp_strdup(src->domain);
    if (!label || !domain) {
      free(label);
      free(domain);
      return cp_fail(err, CP_ENOMEM, "out of memory");
    }
    free(r->label);
    free(r->domain);
    r->label = label;
    r->domain = domain;
    r->level = src->level;
    ++*joined;
  }
  return CP_OK;
}

/* "%.12g", as the CSV writer has it, so that the graph equals the CSV read back. */
static void figure(double v, char *buf, size_t n) { snprintf(buf, n, "%.12g", v); }

static cp_status add_roles(const cp_mobility *m, cp_graph *g, cp_error *err) {
  char text[3][40];
  for (size_t i = 0; i < m->n_roles; i++) {
    const cp_mobility_role *r = &m->roles[i];
    size_t at;
    cp_status st = cp_graph_add_role(g, r->id, r->label, r->domain, r->level, 0, &at, err);
    snprintf(text[0], sizeof text[0], "%zu", r->people);
    snprintf(text[1], sizeof text[1], "%zu", r->stays);
    figure(r->median_tenure_months, text[2], sizeof text[2]);
    if (!st)
      st = cp_graph_set_role_attr(g, at, "people", text[0], err);
    if (!st)
      st = cp_graph_set_role_attr(g, at, "stays", text[1], err);
    if (!st && !isnan(r->median_tenure_months))
      st = cp_graph_set_role_attr(g, at, "median_tenure_months", text[2], err);
    if (st)
      return st;
  }
  return CP_OK;
}

static cp_status add_transitions(const cp_mobility *m, cp_graph *g, cp_error *err) {
  char text[4][40];
  cp_attr attrs[4] = {{"count", text[0]},
                      {"people", text[1]},
                      {"probability", text[2]},
                      {"median_months", text[3]}};
  for (size_t i = 0; i < m->n_transitions; i++) {
    const cp_mobility_transition *t = &m->transitions[i];
    snprintf(text[0], sizeof text[0], "%zu", t->count);
    snprintf(text[1], sizeof text[1], "%zu", t->people);
    figure(t->probability, text[2], sizeof text[2]);
    figure(t->median_months, text[3], sizeof text[3]);
    cp_transition_spec spec = {.attrs = attrs, .n_attrs = isnan(t->median_months) ? 3 : 4};
    cp_status st = cp_graph_add_transition(g, t->from, t->to, &spec, err);
    if (st)
      return st;
  }
  return CP_OK;
}

cp_status cp_mobility_graph(const cp_mobility *m, const char *name, cp_graph **out, cp_error *err) {
  cp_graph *g = NULL;
  char source[256];
  if (cp_graph_new(name, &g))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  snprintf(source, sizeof source,
           "careerpath mobility build: %zu people, %zu moves; transitions and roles seen in "
           "fewer than %zu people suppressed",
           m->people, m->moves, m->min_people);
  cp_status st = CP_OK;
  if (cp_graph_set_attr(g, "label", "Career mobility") || cp_graph_set_attr(g, "source", source))
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  if (!st && !(st = add_roles(m, g, err)))
    st = add_transitions(m, g, err);
  if (st) {
    cp_graph_free(g);
    return st;
  }
  *out = g;
  return CP_OK;
}
