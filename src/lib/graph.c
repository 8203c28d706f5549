/* graph.c: the career graph model: roles, transitions, their weights and attributes. */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const criterion_names[CP_CRITERION_COUNT] = {"steps", "months", "cost",
                                                                "effort"};

const char *cp_criterion_name(cp_criterion c) {
  return c < CP_CRITERION_COUNT ? criterion_names[c] : "?";
}

cp_status cp_criterion_parse(const char *name, cp_criterion *out) {
  for (int c = 0; c < CP_CRITERION_COUNT; c++) {
    if (cp_strcasecmp_ascii(name, criterion_names[c]) == 0) {
      *out = (cp_criterion)c;
      return CP_OK;
    }
  }
  return CP_EINVAL;
}

/* A macro, not the const object: C does not take one object as another's static initializer. */
#define DEFAULT_LIMITS                                                                             \
  { CP_MAX_LINE_BYTES, CP_MAX_FIELD_BYTES, CP_MAX_NAME_BYTES, CP_MAX_ROLES, CP_MAX_TRANSITIONS }
static const cp_limits default_limits = DEFAULT_LIMITS;
static cp_limits limits_in_force = DEFAULT_LIMITS;

const cp_limits *cp_limits_get(void) { return &limits_in_force; }

void cp_limits_set(const cp_limits *l) { limits_in_force = l ? *l : default_limits; }

cp_status cp_check_name(const char *what, const char *s, size_t len, cp_error *err) {
  size_t max = limits_in_force.name;
  if (len <= max)
    return CP_OK;
  /* Quote only the start, cut at a character boundary: the whole would fill the message. */
  size_t shown = cp_utf8_fit(s, len < 24 ? len : 24);
  return cp_fail(err, CP_ELIMIT, "%s '%.*s%s' is %zu bytes; the longest %s accepted is %zu", what,
                 (int)shown, s, shown < len ? "..." : "", len, what, max);
}

cp_status cp_graph_new(const char *name, cp_graph **out) {
  cp_init();
  cp_graph *g = calloc(1, sizeof *g);
  if (!g)
    return CP_ENOMEM;
  g->name = cp_strdup(name ? name : "graph");
  if (!g->name) {
    free(g);
    return CP_ENOMEM;
  }
  cp_strmap_init(&g->ids);
  *out = g;
  return CP_OK;
}

/* Most transitions have no note or source: they share this "" instead of 2 small
 * allocations each (4 million on a 2-million-transition graph). Never freed. */
static char empty_text[1];

static char *text_copy(const char *s) { return s && *s ? cp_strdup(s) : empty_text; }

/* Frees what the graph owns: not the shared "", nor what its compiled image holds. */
static void text_free(const cp_graph *g, void *s) {
  if (s != empty_text && !cp_image_holds(g->image, s))
    free(s);
}

static void free_attrs(const cp_graph *g, cp_attr *attrs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    text_free(g, attrs[i].key);
    text_free(g, attrs[i].value);
  }
  text_free(g, attrs);
}

static void free_transition(const cp_graph *g, cp_transition *t) {
  for (size_t j = 0; j < t->n_requires; j++)
    text_free(g, t->requires[j]);
  text_free(g, t->requires);
  text_free(g, t->note);
  text_free(g, t->source);
  free_attrs(g, t->attrs, t->n_attrs);
}

void cp_graph_free(cp_graph *g) {
  if (!g)
    return;
  for (size_t i = 0; i < g->n_roles; i++) {
    cp_role *r = &g->roles[i];
    text_free(g, r->id);
    text_free(g, r->label);
    text_free(g, r->domain);
    free_attrs(g, r->attrs, r->n_attrs);
  }
  /* Transitions still made one by one hold only what the image holds; walking them would
   * touch every page of an array mostly never read. */
  for (size_t i = 0; i < g->n_transitions && !g->made; i++)
    free_transition(g, &g->moves[i]);
  free(g->roles);
  free(g->moves);
  free((void *)g->made);
  cp_strmap_destroy(&g->ids);
  for (size_t i = 0; i < g->n_credentials; i++) {
    text_free(g, g->credentials[i].name);
    text_free(g, g->credentials[i].source);
  }
  free(g->credentials);
  free_attrs(g, g->attrs, g->n_attrs);
  text_free(g, g->name);
  cp_image_free(g->image);
  free(g);
}

/* Text is UTF-8 without control characters (a terminal escape, or bytes XML cannot hold);
 * free text (notes, sources) may hold tabs and line breaks, names may not. */
static cp_status check_text(const char *s, const char *what, bool free_text, cp_error *err) {
  if (!cp_utf8_valid(s, strlen(s)))
    return cp_fail(err, CP_EPARSE, "%s is not valid UTF-8", what);
  const char *c = cp_find_control(s, free_text);
  if (c)
    return cp_fail(err, CP_EPARSE, "%s holds control character U+%04X (byte %zu)%s", what,
                   (unsigned)(unsigned char)*c, (size_t)(c - s) + 1,
                   free_text ? "" : "; names hold no control characters, line breaks or tabs");
  return CP_OK;
}

/* A graph read from an image finds ids in the image's table; before a role is added it
 * keeps its own map instead, made from its roles. */
static cp_status own_ids(cp_graph *g) {
  if (!g->image || !g->image->id_slots)
    return CP_OK;
  bool existing;
  if (cp_strmap_reserve(&g->ids, g->n_roles + 1))
    return CP_ENOMEM;
  for (size_t i = 0; i < g->n_roles; i++)
    if (cp_strmap_put(&g->ids, g->roles[i].id, i, &existing, NULL))
      return CP_ENOMEM;
  g->image->id_slots = NULL;
  return CP_OK;
}

cp_status cp_graph_add_role(cp_graph *g, const char *id, const char *label, const char *domain,
                            int level, size_t line, size_t *out_index, cp_error *err) {
  cp_status st = CP_OK;
  cp_role r = {0};
  if (!id || !*id)
    return cp_fail(err, CP_EINVAL, "a role has an empty id");
  if ((st = check_text(id, "role id", false, err)) != CP_OK)
    return st;
  if (label && (st = check_text(label, "role label", false, err)) != CP_OK)
    return st;
  if (domain && (st = check_text(domain, "role domain", false, err)) != CP_OK)
    return st;
  if (level < 0)
    return cp_fail(err, CP_EINVAL, "role '%s': level %d is negative", id, level);
  if ((st = cp_check_name("role id", id, strlen(id), err)))
    return st;
  if ((st = own_ids(g)))
    return cp_fail(err, st, "out of memory adding role '%s'", id);
  if (label && strlen(label) > limits_in_force.name) {
    cp_error inner;
    return cp_fail(err, cp_check_name("label", label, strlen(label), &inner), "role '%s': %s", id,
                   inner.message);
  }
  if (g->n_roles >= limits_in_force.roles)
    return cp_fail(err, CP_ELIMIT, "role '%s' is role number %zu; the most roles accepted is %zu",
                   id, g->n_roles + 1, limits_in_force.roles);
  if (g->n_roles == g->cap_roles) {
    size_t cap = g->cap_roles ? g->cap_roles * 2 : 32;
    cp_role *roles = realloc(g->roles, cap * sizeof *roles);
    if (!roles)
      return cp_fail(err, CP_ENOMEM, "out of memory adding role '%s'", id);
    g->roles = roles;
    g->cap_roles = cap;
  }
  r.id = cp_strdup(id);
  r.label = cp_strdup(label && *label ? label : id);
  r.domain = cp_strdup(domain ? domain : "");
  r.level = level;
  r.line = line;
  if (!r.id || !r.label || !r.domain) {
    st = cp_fail(err, CP_ENOMEM, "out of memory adding role '%s'", id);
    goto cleanup;
  }
  bool existing;
  size_t first;
  if (cp_strmap_put(&g->ids, r.id, g->n_roles, &existing, &first) != CP_OK) {
    st = cp_fail(err, CP_ENOMEM, "out of memory adding role '%s'", id);
    goto cleanup;
  }
  if (existing) {
    const cp_role *o = &g->roles[first];
    if (o->line)
      st = cp_fail(err, CP_EINVAL, "duplicate role id '%s' (first defined on line %zu)", id,
                   o->line);
    else
      st = cp_fail(err, CP_EINVAL, "duplicate role id '%s'", id);
    goto cleanup;
  }
  if (out_index)
    *out_index = g->n_roles;
  g->roles[g->n_roles++] = r;
  return CP_OK;
cleanup:
  free(r.id);
  free(r.label);
  free(r.domain);
  return st;
}

/* An attribute list the image holds, copied so that it can grow (its strings stay where
 * they are). */
static cp_status own_attrs(const cp_graph *g, cp_attr **attrs, size_t n) {
  if (!*attrs || !cp_image_holds(g->image, *attrs))
    return CP_OK;
  cp_attr *copy = malloc((n ? n : 1) * sizeof *copy);
  if (!copy)
    return CP_ENOMEM;
  memcpy(copy, *attrs, n * sizeof *copy);
  *attrs = copy;
  return CP_OK;
}

static cp_status set_attr(const cp_graph *g, cp_attr **attrs, size_t *n, const char *key,
                          const char *value) {
  if (own_attrs(g, attrs, *n))
    return CP_ENOMEM;
  for (size_t i = 0; i < *n; i++) {
    if (strcmp((*attrs)[i].key, key) == 0) {
      char *v = cp_strdup(value);
      if (!v)
        return CP_ENOMEM;
      text_free(g, (*attrs)[i].value);
      (*attrs)[i].value = v;
      return CP_OK;
    }
  }
  cp_attr *grown = realloc(*attrs, (*n + 1) * sizeof *grown);
  if (!grown)
    return CP_ENOMEM;
  *attrs = grown;
  char *k = cp_strdup(key), *v = cp_strdup(value);
  if (!k || !v) {
    free(k);
    free(v);
    return CP_ENOMEM;
  }
  grown[*n].key = k;
  grown[*n].value = v;
  (*n)++;
  return CP_OK;
}

cp_status cp_graph_set_role_attr(cp_graph *g, size_t role, const char *key, const char *value,
                                 cp_error *err) {
  if (role >= g->n_roles)
    return cp_fail(err, CP_EINVAL, "role index %zu out of range", role);
  cp_status st = check_text(value, "attribute value", true, err);
  if (st != CP_OK)
    return st;
  if (set_attr(g, &g->roles[role].attrs, &g->roles[role].n_attrs, key, value) != CP_OK)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  return CP_OK;
}

const char *cp_role_attr(const cp_role *r, const char *key) {
  for (size_t i = 0; i < r->n_attrs; i++)
    if (strcmp(r->attrs[i].key, key) == 0)
      return r->attrs[i].value;
  return NULL;
}

/* Splits "A; B ;C" into trimmed, non-empty items. */
static cp_status split_requires(const char *list, char ***out, size_t *n_out) {
  char **items = NULL;
  size_t n = 0;
  const char *p = list;
  while (p && *p) {
    const char *end = strchr(p, ';');
    if (!end)
      end = p + strlen(p);
    const char *a = p, *b = end;
    while (a < b && (*a == ' ' || *a == '\t'))
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
      b--;
    if (b > a) {
      char **grown = realloc(items, (n + 1) * sizeof *grown);
      char *item = malloc((size_t)(b - a) + 1);
      if (!grown || !item) {
        free(item);
        items = grown ? grown : items;
        for (size_t i = 0; i < n; i++)
          free(items[i]);
        free(items);
        return CP_ENOMEM;
      }
      items = grown;
      memcpy(item, a, (size_t)(b - a));
      item[b - a] = '\0';
      items[n++] = item;
    }
    p = *end ? end + 1 : end;
  }
  *out = items;
  *n_out = n;
  return CP_OK;
}

static cp_status check_weight(const cp_graph *g, size_t from, size_t to, const char *name, double v,
                              cp_error *err) {
  if (isnan(v) || isinf(v) || v < 0)
    return cp_fail(err, CP_EINVAL, "transition %s -> %s: %s must be a non-negative number",
                   g->roles[from].id, g->roles[to].id, name);
  return CP_OK;
}

/* The one place a move's months are read from its median_months (a graph built from career
 * histories): only when the source gives no months of its own, and marked, so that what
 * reports the figure can say it is a median. */
static void months_from_median(cp_transition *t) {
  double v;
  if ((t->has & CP_HAS_MONTHS) || !cp_transition_number(t, "median_months", &v) || v < 0)
    return;
  t->months = v;
  t->has |= CP_HAS_MONTHS | CP_MONTHS_MEDIAN;
}

int cp_graph_months_are_medians(const cp_graph *g) {
  if (g->made) /* as read from an image: its header has every transition's bits */
    return !!(g->image->has_any & CP_MONTHS_MEDIAN);
  for (size_t i = 0; i < g->n_transitions; i++)
    if (cp_tr(g, i)->has & CP_MONTHS_MEDIAN)
      return 1;
  return 0;
}

cp_status cp_graph_add_transition(cp_graph *g, size_t from, size_t to,
                                  const cp_transition_spec *spec, cp_error *err) {
  cp_status st = CP_OK;
  cp_transition t = {0};
  cp_graph_settle(g);
  if (from >= g->n_roles || to >= g->n_roles)
    return cp_fail(err, CP_EINVAL, "transition names a role index out of range");
  if (g->n_transitions >= limits_in_force.transitions)
    return cp_fail(err, CP_ELIMIT,
                   "transition %s -> %s is transition number %zu; the most transitions accepted "
                   "is %zu",
                   g->roles[from].id, g->roles[to].id, g->n_transitions + 1,
                   limits_in_force.transitions);
  if ((spec->has & CP_HAS_MONTHS) &&
      (st = check_weight(g, from, to, "months", spec->months, err)) != CP_OK)
    return st;
  if ((spec->has & CP_HAS_COST) &&
      (st = check_weight(g, from, to, "cost", spec->cost, err)) != CP_OK)
    return st;
  if (spec->has & CP_HAS_EFFORT) {
    if ((st = check_weight(g, from, to, "effort", spec->effort, err)) != CP_OK)
      return st;
    if (spec->effort < 1 || spec->effort > 5)
      return cp_fail(err, CP_EINVAL, "transition %s -> %s: effort %.15g is outside 1-5",
                     g->roles[from].id, g->roles[to].id, spec->effort);
  }
  const char *texts[] = {spec->requires, spec->note, spec->source};
  const char *names[] = {"requires", "note", "source"};
  for (size_t i = 0; i < 3; i++) {
    cp_error inner;
    if (texts[i] && check_text(texts[i], names[i], i > 0, &inner))
      return cp_fail(err, inner.status, "transition %s -> %s: %s", g->roles[from].id,
                     g->roles[to].id, inner.message);
  }
  if (g->n_transitions == g->cap_transitions) {
    size_t cap = g->cap_transitions ? g->cap_transitions * 2 : 64;
    cp_transition *ts = realloc(g->moves, cap * sizeof *ts);
    if (!ts)
      return cp_fail(err, CP_ENOMEM, "out of memory adding a transition");
    g->moves = ts;
    g->cap_transitions = cap;
  }
  t.from = from;
  t.to = to;
  t.has = spec->has & (CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT);
  t.months = (t.has & CP_HAS_MONTHS) ? spec->months : NAN;
  t.cost = (t.has & CP_HAS_COST) ? spec->cost : NAN;
  t.effort = (t.has & CP_HAS_EFFORT) ? spec->effort : NAN;
  t.line = spec->line;
  t.note = text_copy(spec->note);
  t.source = text_copy(spec->source);
  if (!t.note || !t.source || split_requires(spec->requires, &t.requires, &t.n_requires))
    goto nomem;
  for (size_t i = 0; i < spec->n_attrs; i++) {
    cp_error inner;
    char what[96];
    cp_format_bounded(what, sizeof what, "attribute '%s'", spec->attrs[i].key);
    if (check_text(spec->attrs[i].value, what, true, &inner)) {
      st = cp_fail(err, CP_EPARSE, "transition %s -> %s: %s", g->roles[from].id, g->roles[to].id,
                   inner.message);
      goto cleanup;
    }
    if (set_attr(g, &t.attrs, &t.n_attrs, spec->attrs[i].key, spec->attrs[i].value) != CP_OK)
      goto nomem;
  }
  months_from_median(&t);
  g->moves[g->n_transitions++] = t;
  return CP_OK;
nomem:
  st = cp_fail(err, CP_ENOMEM, "out of memory adding a transition");
cleanup:
  free_transition(g, &t);
  return st;
}

cp_status cp_graph_add_credential(cp_graph *g, const char *name, double months, double cost,
                                  const char *source, cp_error *err) {
  if (!name || !*name)
    return cp_fail(err, CP_EINVAL, "a credential has an empty name");
  cp_error inner;
  if (check_text(name, "name", false, &inner) ||
      (source && check_text(source, "source", true, &inner)))
    return cp_fail(err, inner.status, "credential '%s': %s", name, inner.message);
  if (!isfinite(months) || months < 0 || !isfinite(cost) || cost < 0)
    return cp_fail(err, CP_EINVAL, "credential '%s': months and cost must be non-negative numbers",
                   name);
  for (size_t i = 0; i < g->n_credentials; i++)
    if (cp_strcasecmp_ascii(g->credentials[i].name, name) == 0)
      return cp_fail(err, CP_EINVAL, "duplicate credential '%s'", name);
  cp_credential *grown = realloc(g->credentials, (g->n_credentials + 1) * sizeof *grown);
  if (!grown)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  g->credentials = grown;
  cp_credential c = {cp_strdup(name), months, cost, cp_strdup(source ? source : "")};
  if (!c.name || !c.source) {
    free(c.name);
    free(c.source);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  g->credentials[g->n_credentials++] = c;
  return CP_OK;
}

size_t cp_graph_credential_count(const cp_graph *g) { return g->n_credentials; }

const cp_credential *cp_graph_credential(const cp_graph *g, size_t index) {
  return index < g->n_credentials ? &g->credentials[index] : NULL;
}

cp_status cp_graph_find_credential(const cp_graph *g, const char *name, size_t *out,
                                   cp_error *err) {
  for (size_t i = 0; i < g->n_credentials; i++) {
    if (cp_strcasecmp_ascii(g->credentials[i].name, name) == 0) {
      *out = i;
      return CP_OK;
    }
  }
  if (!err)
    return CP_ENOTFOUND;
  cp_buf known = {0};
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_credentials && i < 12 && !st; i++)
    st = cp_buf_printf(&known, "%s'%s'", i ? ", " : "", g->credentials[i].name);
  /* A list cut short would misstate the catalogue ("it has none"). */
  if (st)
    cp_fail(err, CP_ENOMEM, "out of memory listing the credentials");
  else
    st = cp_fail(err, CP_ENOTFOUND, "no credential named '%s' in %s's catalogue%s%s%s", name,
                 g->name, known.data ? " (it has " : " (it has none)", known.data ? known.data : "",
                 known.data ? (g->n_credentials > 12 ? ", ...)" : ")") : "");
  cp_buf_free(&known);
  return st;
}

cp_status cp_graph_reserve_transitions(cp_graph *g, size_t n) {
  cp_graph_settle(g);
  if (n <= g->cap_transitions)
    return CP_OK;
  cp_transition *ts = cp_big_alloc(n * sizeof *ts);
  if (!ts)
    return CP_ENOMEM;
  if (g->n_transitions)
    memcpy(ts, g->moves, g->n_transitions * sizeof *ts);
  free(g->moves);
  g->moves = ts;
  g->cap_transitions = n;
  return CP_OK;
}

const char *cp_graph_name(const cp_graph *g) { return g->name; }

const char *cp_graph_attr(const cp_graph *g, const char *key) {
  for (size_t i = 0; i < g->n_attrs; i++)
    if (!strcmp(g->attrs[i].key, key))
      return g->attrs[i].value;
  return NULL;
}

cp_status cp_graph_set_attr(cp_graph *g, const char *key, const char *value) {
  return set_attr(g, &g->attrs, &g->n_attrs, key, value);
}
size_t cp_graph_role_count(const cp_graph *g) { return g->n_roles; }
size_t cp_graph_transition_count(const cp_graph *g) { return g->n_transitions; }

const cp_role *cp_graph_role(const cp_graph *g, size_t index) {
  return index < g->n_roles ? &g->roles[index] : NULL;
}

const cp_transition *cp_graph_transition(const cp_graph *g, size_t index) {
  return index < g->n_transitions ? cp_tr(g, index) : NULL;
}

cp_status cp_graph_role_index(const cp_graph *g, const char *id, size_t *out) {
  if (g->image && g->image->id_slots)
    return cp_image_role_index(g, id, out);
  return cp_strmap_get(&g->ids, id, out) ? CP_OK : CP_ENOTFOUND;
}

double cp_transition_weight(const cp_transition *t, cp_criterion by) {
  switch (by) {
  case CP_BY_MONTHS: return t->months;
  case CP_BY_COST: return t->cost;
  case CP_BY_EFFORT: return t->effort;
  default: return 1;
  }
}

cp_status cp_graph_check_criterion(const cp_graph *g, cp_criterion c, cp_error *err) {
  static const unsigned bit[CP_CRITERION_COUNT] = {0, CP_HAS_MONTHS, CP_HAS_COST, CP_HAS_EFFORT};
  if (c >= CP_CRITERION_COUNT)
    return cp_fail(err, CP_EINVAL, "unknown criterion");
  if (!bit[c] || (g->made && (g->image->has_all & bit[c])))
    return CP_OK;
  size_t without = 0;
  const cp_transition *first = NULL;
  for (size_t i = 0; i < g->n_transitions; i++) {
    if (!(cp_tr(g, i)->has & bit[c])) {
      if (!first)
        first = cp_tr(g, i);
      without++;
    }
  }
  if (!first)
    return CP_OK;
  const char *name = criterion_names[c];
  if (without == g->n_transitions)
    return cp_fail(err, CP_ENOCRIT, "%s: the graph carries no '%s' on its transitions", g->name,
                   name);
  if (first->line)
    return cp_fail(err, CP_ENOCRIT,
                   "%s:%zu: transition %s -> %s has no '%s' (%zu of %zu transitions lack it)",
                   g->name, first->line, g->roles[first->from].id, g->roles[first->to].id, name,
                   without, g->n_transitions);
  return cp_fail(err, CP_ENOCRIT, "%s: transition %s -> %s has no '%s' (%zu of %zu lack it)",
                 g->name, g->roles[first->from].id, g->roles[first->to].id, name, without,
                 g->n_transitions);
}

cp_status cp_graph_set_role_domain(cp_graph *g, size_t role, const char *domain, cp_error *err) {
  if (role >= g->n_roles)
    return cp_fail(err, CP_EINVAL, "no role %zu", role);
  char *d = cp_strdup(domain ? domain : "");
  if (!d)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  text_free(g, g->roles[role].domain);
  g->roles[role].domain = d;
  return CP_OK;
}
