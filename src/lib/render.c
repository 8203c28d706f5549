/* render.c: lays out and draws a career graph with Graphviz in-process (DOT or SVG). */
#include "internal.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Linking the plugins in and registering them ourselves avoids gvconfig's leaks and the
 * config6a lookup, and makes text metrics independent of installed fonts
 * (shared/notes/c-toolchain-and-style.md, items 8-10). */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
extern gvplugin_library_t gvplugin_pango_LTX_library;

static const lt_symlist_t builtins[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {NULL, NULL}};

/* PNG and PDF come from the cairo renderer, which also measures text with pango (real font
 * metrics). It gets a context of its own so that SVG and DOT keep Graphviz's built-in
 * estimates, and so the same bytes, whatever fonts a machine has. */
static const lt_symlist_t builtins_cairo[] = {
    {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
    {"gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library},
    {"gvplugin_core_LTX_library", &gvplugin_core_LTX_library},
    {"gvplugin_pango_LTX_library", &gvplugin_pango_LTX_library},
    {0, 0},
};

/* Paul Tol's "light" scheme: distinguishable with the common colour-vision deficiencies,
 * and light enough for black text. */
static const char *const palette[] = {"#77AADD", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
                                      "#EEDD88", "#EE8866", "#FFAABB", "#DDDDDD"};
enum { PALETTE_SIZE = sizeof palette / sizeof palette[0] };
static const char *const level_names[] = {
    "", "Entry", "Early career", "Specialist", "Senior / manager", "Executive"};
enum { MAX_LEVEL = 5, DOT_MAX_ROLES = 300 };
/* What a drawing may take from the heap (see cp_memory_available): measured, then doubled. */
enum { RENDER_SLACK = 16 << 20, RENDER_PER_ITEM = 4 << 10 };

#define ROUTE_COLOUR "#CC3311"
/* The route, then its alternatives: Paul Tol's "vibrant" colours (distinguishable with the
 * common colour-vision deficiencies) each with a line style of its own, so that routes
 * differ in more than colour, on paper too. */
static const struct {
  const char *colour, *line, *name;
} route_style[] = {
    {ROUTE_COLOUR, "solid", "solid red"}, {"#0077BB", "dashed", "dashed blue"},
    {"#009988", "dotted", "dotted teal"}, {"#EE7733", "dashed", "dashed orange"},
    {"#33BBEE", "dotted", "dotted cyan"}, {"#EE3377", "dashed", "dashed magenta"},
};
enum { ROUTE_STYLES = sizeof route_style / sizeof route_style[0] };
/* Graphviz sizes text with its built-in Helvetica metrics (a name starting "Helvetica"
 * selects them) and writes the name as the SVG font-family: the metric-compatible
 * fallbacks make viewers without Helvetica draw text at the measured width. */
#define FONT "Helvetica, Arial, Liberation Sans, Arimo, sans-serif"

typedef struct drawing {
  const cp_graph *g;
  const cp_render_options *o;
  Agraph_t *ag;
  char **domains; /* distinct domains, sorted; borrowed from roles */
  size_t n_domains;
  Agnode_t **nodes;                 /* per role, NULL when not drawn */
  Agraph_t **clusters;              /* per domain, NULL when not drawn */
  int rank_of[MAX_LEVEL + 2];       /* column of each level present; -1 when absent */
  long *route_pos;                  /* per role: position on the route, -1 when off it */
  long *route_step;                 /* per transition: step on the route, -1 when off it */
  long *alt_of;                     /* per transition: the first alternative it is on, -1 */
  long *alt_step;                   /* ... and its step there */
  uint8_t *region_role, *region_tr; /* options' region: what is drawn; NULL: everything */
  const char *engine;               /* Graphviz layout: dot, sfdp or neato */
} drawing;

/* cgraph's default discipline makes a named object's ID the address of its interned name,
 * and keeps subgraphs in ID order: clusters then come out (and are laid out) in an order
 * that depends on the heap allocator, so two builds of the same code drew the same graph
 * differently. Numbering names in the order they are first seen makes the drawing depend
 * on the input only. Named IDs are even and anonymous ones odd, as cgraph expects. */
typedef struct seq_ids {
  Agraph_t *root;
  cp_strmap index; /* name -> position in names */
  char **names;    /* cgraph strings (agstrdup): agwrite looks for a header before each name */
  size_t n, cap;
  IDTYPE next_anonymous;
} seq_ids;

static void *seq_open(Agraph_t *g, Agdisc_t *disc) {
  (void)disc;
  seq_ids *s = calloc(1, sizeof *s);
  if (s) {
    s->root = g;
    cp_strmap_init(&s->index);
    s->next_anonymous = 1;
  }
  return s;
}

static long seq_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
  (void)objtype;
  seq_ids *s = state;
  if (!str) {
    *id = s->next_anonymous;
    s->next_anonymous += 2;
    return 1;
  }
  size_t at;
  if (cp_strmap_get(&s->index, str, &at)) {
    *id = (IDTYPE)(2 * (at + 1));
    return 1;
  }
  if (!createflag)
    return 0;
  char **names = cp_grow(s->names, &s->cap, s->n + 1, sizeof *names, 64);
  if (!names)
    return 0;
  s->names = names;
  /* A cgraph string, not a plain copy: agwrite reads a reference-count header just before
   * the name it prints (aghtmlstr), which a malloc'd copy does not have (valgrind: invalid
   * read 16 bytes before the block; the DOT output came out with random <...> names). */
  char *copy = agstrdup(s->root, str);
  bool existing;
  if (!copy || cp_strmap_put(&s->index, copy, s->n, &existing, NULL) != CP_OK) {
    agstrfree(s->root, copy);
    return 0;
  }
  s->names[s->n] = copy;
  *id = (IDTYPE)(2 * ++s->n);
  return 1;
}

static long seq_alloc(void *state, int objtype, IDTYPE request) {
  (void)state;
  (void)objtype;
  (void)request;
  return 0; /* no caller-chosen IDs */
}

static void seq_free(void *state, int objtype, IDTYPE id) {
  (void)state;
  (void)objtype;
  (void)id; /* names live until the graph closes */
}

static char *seq_print(void *state, int objtype, IDTYPE id) {
  (void)objtype;
  seq_ids *s = state;
  return id % 2 == 0 && id / 2 - 1 < s->n ? s->names[id / 2 - 1] : NULL;
}

static void seq_close(void *state) {
  seq_ids *s = state;
  if (!s)
    return;
  for (size_t i = 0; i < s->n; i++)
    agstrfree(s->root, s->names[i]); /* agclose closes the ID discipline before the strings */
  free(s->names);
  cp_strmap_destroy(&s->index);
  free(s);
}

static void seq_register(void *state, int objtype, void *obj) {
  (void)state;
  (void)objtype;
  (void)obj;
}

static Agiddisc_t sequential_ids = {seq_open,  seq_map,   seq_alloc,   seq_free,
                                    seq_print, seq_close, seq_register};

static void set(void *obj, const char *key, const char *value) {
  agsafeset(obj, (char *)key, (char *)value, "");
}

/* Creates a helper node (level anchor, legend entry) under a name no role uses: role ids
 * are arbitrary text, so a clash is possible and must not merge a role into a helper. */
static Agnode_t *helper_node(Agraph_t *parent, const char *base) {
  char name[96];
  snprintf(name, sizeof name, "%s", base);
  for (unsigned i = 1; agnode(agroot(parent), name, 0); i++)
    snprintf(name, sizeof name, "%s~%u", base, i);
  Agnode_t *n = agnode(parent, name, 1);
  set(n, "id", base);
  return n;
}

/* Graphviz reads backslash escapes (\N, \G, \n ...) and HTML entities (&amp;) in plain
 * labels: doubling backslashes and writing & as &amp; keeps a role's name the text it is.
 * Quotes and markup need nothing more: cgraph quotes on output and the SVG renderer escapes
 * XML. */
static cp_status label_text(const char *s, cp_buf *out) {
  out->len = 0;
  cp_status st = cp_buf_append(out, "", 0);
  for (; *s && !st; s++) {
    if (*s == '\\')
      st = cp_buf_puts(out, "\\\\");
    else if (*s == '&')
      st = cp_buf_puts(out, "&amp;");
    else
      st = cp_buf_append(out, s, 1);
  }
  return st;
}

/* Appends `s` escaped as label_text does. */
static cp_status append_label_text(cp_buf *out, const char *s) {
  cp_status st = CP_OK;
  for (; *s && !st; s++) {
    if (*s == '\\')
      st = cp_buf_puts(out, "\\\\");
    else if (*s == '&')
      st = cp_buf_puts(out, "&amp;");
    else
      st = cp_buf_append(out, s, 1);
  }
  return st;
}

static bool held_before(const drawing *d, size_t step, const char *name) {
  const cp_route *r = d->o->route;
  for (size_t h = 0; h < d->o->n_have; h++)
    if (cp_strcasecmp_ascii(d->o->have[h], name) == 0)
      return true;
  for (size_t i = 0; i < step; i++) {
    const cp_transition *t = &d->g->transitions[r->transitions[i]];
    for (size_t j = 0; j < t->n_requires; j++)
      if (cp_strcasecmp_ascii(t->requires[j], name) == 0)
        return true;
  }
  return false;
}

/* A route-only drawing's card for the role at position `pos`: its label, then the step into
 * it (months, cost, what it requires). Graphviz line breaks are "\n" in the label text. */
static cp_status card_text(const drawing *d, long pos, const cp_role *role, cp_buf *out) {
  out->len = 0;
  cp_status st = append_label_text(out, role->label);
  if (st || pos == 0)
    return st ? st : cp_buf_puts(out, "\\nstart");
  size_t k = (size_t)pos - 1;
  const cp_transition *t = &d->g->transitions[d->o->route->transitions[k]];
  double months = d->o->step_months ? d->o->step_months[k] : t->months;
  double cost = d->o->step_cost ? d->o->step_cost[k] : t->cost;
  char money[48];
  cp_format_money(cost, money, sizeof money);
  if (!isnan(months))
    st = cp_buf_printf(out, "\\n%g months \u00b7 %s", months, money);
  static const char *const heading[] = {"\\nalready held: ", "\\nto earn: ", "\\nrequires: "};
  for (int kind = 0; kind < 3 && !st; kind++) {
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires && !st; j++) {
      const char *name = t->requires[j];
      size_t c;
      int is = held_before(d, k, name)                                   ? 0
               : cp_graph_find_credential(d->g, name, &c, NULL) == CP_OK ? 1
                                                                         : 2;
      if (is != kind)
        continue;
      st = cp_buf_puts(out, shown++ ? ", " : heading[kind]);
      if (!st)
        st = append_label_text(out, name);
    }
  }
  return st;
}

static void edge_figure(const cp_transition *t, cp_criterion by, char *buf, size_t n) {
  buf[0] = '\0';
  switch (by) {
  case CP_BY_MONTHS:
    if (t->has & CP_HAS_MONTHS)
      snprintf(buf, n, "%g mo", t->months);
    break;
  case CP_BY_COST:
    if (t->has & CP_HAS_COST)
      cp_format_money(t->cost, buf, n);
    break;
  case CP_BY_EFFORT:
    if (t->has & CP_HAS_EFFORT)
      snprintf(buf, n, "effort %g", t->effort);
    break;
  default: break;
  }
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static cp_status collect_domains(drawing *d) {
  d->domains = malloc((d->g->n_roles ? d->g->n_roles : 1) * sizeof *d->domains);
  if (!d->domains)
    return CP_ENOMEM;
  for (size_t i = 0; i < d->g->n_roles; i++)
    d->domains[i] = d->g->roles[i].domain;
  qsort(d->domains, d->g->n_roles, sizeof *d->domains, cmp_str);
  size_t n = 0;
  for (size_t i = 0; i < d->g->n_roles; i++)
    if (n == 0 || strcmp(d->domains[n - 1], d->domains[i]))
      d->domains[n++] = d->domains[i];
  d->n_domains = n;
  return CP_OK;
}

static size_t domain_index(const drawing *d, const char *domain) {
  char *const *hit = bsearch(&domain, d->domains, d->n_domains, sizeof *d->domains, cmp_str);
  return hit ? (size_t)(hit - d->domains) : 0;
}

static bool drawn(const drawing *d, size_t role) {
  if (d->o->route_only || (d->o->shown && !d->o->shown[role]))
    return d->route_pos[role] >= 0;
  return !d->region_role || d->region_role[role];
}

static cp_status add_legend(drawing *d, cp_buf *tmp) {
  Agraph_t *legend = agsubg(d->ag, "cluster_legend", 1);
  set(legend, "label", "Legend");
  set(legend, "style", "dashed");
  set(legend, "color", "#999999");
  Agnode_t *prev = NULL;
  char name[64];
  for (size_t i = 0; i < d->n_domains; i++) {
    /* Only domains drawn; colours stay the domain's own, as on the whole map. */
    if (!d->clusters[i] && !d->o->route_only && *d->domains[i])
      continue;
    snprintf(name, sizeof name, "legend_domain_%zu", i);
    Agnode_t *n = helper_node(legend, name);
    cp_status st = label_text(*d->domains[i] ? d->domains[i] : "(no domain)", tmp);
    if (st)
      return st;
    set(n, "label", tmp->data);
    set(n, "fillcolor", palette[i % PALETTE_SIZE]);
    if (prev) {
      Agedge_t *e = agedge(legend, prev, n, NULL, 1);
      set(e, "style", "invis");
    }
    prev = n;
  }
  /* A key entry per route drawn: a box outlined in that route's colour and line. */
  size_t n_routes = d->o->route ? 1 + d->o->n_alternatives : 0;
  for (size_t i = 0; i < n_routes && n_routes > 1; i++) {
    snprintf(name, sizeof name, "legend_route_%zu", i);
    Agnode_t *n = helper_node(legend, name);
    char text[96];
    snprintf(text, sizeof text, "route %zu: %s", i + 1, route_style[i % ROUTE_STYLES].name);
    set(n, "label", text);
    set(n, "style", i % ROUTE_STYLES == 0 ? "rounded" : "rounded,dashed");
    if (!strcmp(route_style[i % ROUTE_STYLES].line, "dotted"))
      set(n, "style", "rounded,dotted");
    set(n, "color", route_style[i % ROUTE_STYLES].colour);
    set(n, "penwidth", "2.5");
    if (prev) {
      Agedge_t *e = agedge(legend, prev, n, NULL, 1);
      set(e, "style", "invis");
    }
    prev = n;
  }
  Agnode_t *note = helper_node(legend, "legend_note");
  char text[160];
  snprintf(text, sizeof text, "%s%s%s", d->o->label_by == CP_BY_STEPS ? "" : "edge labels: ",
           d->o->label_by == CP_BY_STEPS ? "" : cp_criterion_name(d->o->label_by),
           n_routes == 1 ? "\\nbold red: the route" : "");
  set(note, "label", *text ? text : "roles by domain");
  set(note, "shape", "plaintext");
  set(note, "style", "");
  if (prev) {
    Agedge_t *e = agedge(legend, prev, note, NULL, 1);
    set(e, "style", "invis");
  }
  return CP_OK;
}

/* Levels are ranks, entry to executive: an edge between two levelled roles is exactly as
 * long as the columns between their levels (0 within a level). A move down the levels is
 * laid out from its head and drawn with its arrow reversed (see add_transitions): Graphviz
 * 2.42's dot crashes (a double free in spline routing) on constraint=false edges around
 * clusters, which is the usual way to say "do not rank by this edge". Returns whether the
 * edge must be laid out reversed. */
static bool level_constraint(const drawing *d, Agedge_t *e, int from_level, int to_level) {
  if (from_level < 1 || to_level < 1 || from_level > MAX_LEVEL || to_level > MAX_LEVEL)
    return false;
  int gap = d->rank_of[to_level] - d->rank_of[from_level];
  char text[16];
  snprintf(text, sizeof text, "%d", gap < 0 ? -gap : gap);
  if (e)
    set(e, "minlen", text);
  return gap < 0;
}

/* Whether an edge joins two roles of one level: it is then drawn flat, and its label must be
 * an xlabel, placed after layout. Graphviz 2.42's dot crashes (double free in spline
 * routing) on labelled flat edges in clusters. */
static bool is_flat(const drawing *d, int from_level, int to_level) {
  return from_level >= 1 && from_level <= MAX_LEVEL && to_level >= 1 && to_level <= MAX_LEVEL &&
         d->rank_of[from_level] == d->rank_of[to_level] && !d->o->route_only;
}

/* Pins each levelled role to its level's column: an invisible anchor per level (labelled
 * with the level's name) in a chain from a start anchor to an end anchor, and for each role
 * an edge from the anchor before its level and one to the anchor after it, both of length
 * 1, so the role can only sit in its own level's column. Unlike rank=same groups, this
 * works with clusters in classic dot. */
static void add_level_bands(drawing *d, bool used[MAX_LEVEL + 2]) {
  Agnode_t *anchor[MAX_LEVEL + 2] = {0};
  char name[32];
  Agnode_t *prev = NULL;
  for (int l = 0; l <= MAX_LEVEL + 1; l++) {
    if (l >= 1 && l <= MAX_LEVEL && !used[l])
      continue;
    snprintf(name, sizeof name, "level_%d", l);
    anchor[l] = helper_node(d->ag, name);
    set(anchor[l], "shape", "plaintext");
    set(anchor[l], "style", "");
    set(anchor[l], "label", l >= 1 && l <= MAX_LEVEL ? level_names[l] : "");
    set(anchor[l], "fontcolor", "#666666");
    if (l == 0 || l > MAX_LEVEL)
      set(anchor[l], "style", "invis");
    if (prev) {
      Agedge_t *e = agedge(d->ag, prev, anchor[l], NULL, 1);
      set(e, "style", "invis");
    }
    prev = anchor[l];
  }
  for (size_t i = 0; i < d->g->n_roles; i++) {
    int l = d->g->roles[i].level;
    if (!d->nodes[i] || l < 1 || l > MAX_LEVEL)
      continue;
    int before = l - 1, after = l + 1;
    while (!anchor[before])
      before--;
    while (!anchor[after])
      after++;
    Agedge_t *e = agedge(d->ag, anchor[before], d->nodes[i], NULL, 1);
    set(e, "style", "invis");
    set(e, "weight", "0");
    e = agedge(d->ag, d->nodes[i], anchor[after], NULL, 1);
    set(e, "style", "invis");
    set(e, "weight", "0");
  }
}

static cp_status add_roles(drawing *d, cp_buf *tmp, bool used[MAX_LEVEL + 2]) {
  Agraph_t **clusters = d->clusters = calloc(d->n_domains ? d->n_domains : 1, sizeof *clusters);
  if (!clusters)
    return CP_ENOMEM;
  char name[64];
  cp_status st = CP_OK;
  for (size_t i = 0; i < d->g->n_roles && !st; i++) {
    const cp_role *r = &d->g->roles[i];
    if (!drawn(d, i))
      continue;
    size_t di = domain_index(d, r->domain);
    Agraph_t *parent = d->ag;
    if (*r->domain && !d->o->route_only) {
      if (!clusters[di]) {
        snprintf(name, sizeof name, "cluster_domain_%zu", di);
        clusters[di] = agsubg(d->ag, name, 1);
        if ((st = label_text(r->domain, tmp)))
          break;
        set(clusters[di], "label", tmp->data);
        set(clusters[di], "id", name);
      }
      parent = clusters[di];
    }
    Agnode_t *n = agnode(parent, r->id, 1);
    d->nodes[i] = n;
    if ((st = d->o->route_only ? card_text(d, d->route_pos[i], r, tmp) : label_text(r->label, tmp)))
      break;
    set(n, "label", tmp->data);
    set(n, "fillcolor", palette[di % PALETTE_SIZE]);
    if (d->route_pos[i] >= 0) {
      snprintf(name, sizeof name, "route_node_%ld", d->route_pos[i]);
      set(n, "penwidth", "3");
      set(n, "color", ROUTE_COLOUR);
    } else {
      snprintf(name, sizeof name, "role_%zu", i);
    }
    set(n, "id", name);
    if (r->level >= 1 && r->level <= MAX_LEVEL)
      used[r->level] = true;
  }
  return st;
}

/* Classic dot ranks a cluster from its own edges only, so unconnected roles of one domain
 * would share a rank whatever their level. Invisible edges between consecutive levels
 * inside each domain give the cluster its level order; the level anchors outside then
 * line the clusters up. (newrank=true would do this too, but Graphviz 2.42 leaks its
 * layout data and the root graph with it.) */
enum { MAX_LEVEL_PAIRS = 400 };

static void order_levels_in_domains(drawing *d) {
  for (size_t dom = 0; dom < d->n_domains; dom++) {
    if (!d->clusters[dom])
      continue;
    for (int la = 1; la < MAX_LEVEL; la++) {
      int lb = la + 1;
      size_t na = 0, nb = 0;
      for (size_t i = 0; i < d->g->n_roles; i++) {
        const cp_role *r = &d->g->roles[i];
        if (!d->nodes[i] || domain_index(d, r->domain) != dom || !*r->domain)
          continue;
        na += r->level == la;
        nb += r->level > la && r->level <= MAX_LEVEL;
      }
      /* Find the next level that is present, then join every role of `la` to it. */
      while (lb <= MAX_LEVEL && nb) {
        size_t at_lb = 0;
        for (size_t i = 0; i < d->g->n_roles; i++)
          at_lb += d->nodes[i] && domain_index(d, d->g->roles[i].domain) == dom &&
                   d->g->roles[i].level == lb;
        if (at_lb) {
          nb = at_lb;
          break;
        }
        lb++;
      }
      if (!na || !nb || lb > MAX_LEVEL || na * nb > MAX_LEVEL_PAIRS)
        continue;
      for (size_t i = 0; i < d->g->n_roles; i++) {
        const cp_role *u = &d->g->roles[i];
        if (!d->nodes[i] || u->level != la || domain_index(d, u->domain) != dom || !*u->domain)
          continue;
        for (size_t j = 0; j < d->g->n_roles; j++) {
          const cp_role *v = &d->g->roles[j];
          if (!d->nodes[j] || v->level != lb || domain_index(d, v->domain) != dom)
            continue;
          /* A second edge between the same two roles, one in the cluster and one outside,
           * trips an assertion in Graphviz 2.42's dot (class2.c merge_chain). */
          if (agedge(d->ag, d->nodes[i], d->nodes[j], NULL, 0) ||
              agedge(d->ag, d->nodes[j], d->nodes[i], NULL, 0))
            continue;
          Agedge_t *e = agedge(d->clusters[dom], d->nodes[i], d->nodes[j], NULL, 1);
          set(e, "style", "invis");
          set(e, "weight", "0");
          level_constraint(d, e, la, lb);
        }
      }
    }
  }
}

/* Whether alternative `a` may style a drawn edge whose id is `id`: the route's own edges
 * and those of a better alternative keep their style (parallel moves share a drawn edge). */
static bool outranks(const char *id, long a) {
  long current;
  if (id && !strncmp(id, "route_edge_", 11))
    return false;
  if (id && sscanf(id, "alt%ld_edge_", &current) == 1 && current <= a)
    return false;
  return true;
}

/* One drawn edge per pair of roles, its label listing each move's figure: Graphviz 2.42's
 * dot crashes on parallel flat edges (two moves between roles of one level), and one edge
 * listing the alternatives reads better anyway. */
static cp_status add_transitions(drawing *d, cp_buf *tmp) {
  char name[64], figure[64];
  for (size_t i = 0; i < d->g->n_transitions; i++) {
    const cp_transition *t = &d->g->transitions[i];
    bool on_route = d->route_step[i] >= 0;
    if ((d->o->route_only && !on_route) || !d->nodes[t->from] || !d->nodes[t->to] ||
        (d->region_tr && !d->region_tr[i]))
      continue;
    int lf = d->g->roles[t->from].level, lt = d->g->roles[t->to].level;
    bool reversed = level_constraint(d, NULL, lf, lt);
    Agnode_t *tail = d->nodes[reversed ? t->to : t->from];
    Agnode_t *head = d->nodes[reversed ? t->from : t->to];
    Agedge_t *e = agedge(d->ag, tail, head, NULL, 0);
    if (!e)
      e = agedge(d->ag, head, tail, NULL, 0);
    /* Route-only drawings carry the figures on their cards. */
    if (d->o->route_only)
      figure[0] = '\0';
    else
      edge_figure(t, d->o->label_by, figure, sizeof figure);
    const char *label_key = is_flat(d, lf, lt) ? "xlabel" : "label";
    bool forward = !e || agtail(e) == d->nodes[t->from];
    if (e) {
      const char *dir = agget(e, (char *)"dir");
      bool was_forward = !dir || strcmp(dir, "back");
      if (strcmp(dir ? dir : "", "both") && was_forward != forward)
        set(e, "dir", "both");
      const char *label = agget(e, (char *)label_key);
      if (*figure && label && *label) {
        tmp->len = 0;
        cp_status st = cp_buf_puts(tmp, label);
        if (!st)
          st = cp_buf_printf(tmp, " / %s", figure);
        if (st)
          return st;
        set(e, label_key, tmp->data);
      } else if (*figure) {
        set(e, label_key, figure);
      }
    } else {
      /* A move within one domain belongs to that domain's cluster, where dot ranks it. */
      Agraph_t *owner = d->ag;
      if (!d->o->route_only && *d->g->roles[t->from].domain &&
          !strcmp(d->g->roles[t->from].domain, d->g->roles[t->to].domain))
        owner = d->clusters[domain_index(d, d->g->roles[t->from].domain)];
      snprintf(name, sizeof name, "t%zu", i);
      e = agedge(owner, tail, head, name, 1);
      if (reversed)
        set(e, "dir", "back");
      if (*figure)
        set(e, label_key, figure);
      level_constraint(d, e, lf, lt);
      snprintf(name, sizeof name, "edge_%zu", i);
      set(e, "id", name);
    }
    if (on_route) {
      snprintf(name, sizeof name, "route_edge_%ld", d->route_step[i]);
      set(e, "id", name);
      set(e, "penwidth", "3");
      set(e, "color", ROUTE_COLOUR);
      set(e, "fontcolor", ROUTE_COLOUR);
    } else if (d->alt_of[i] >= 0 && outranks(agget(e, (char *)"id"), d->alt_of[i])) {
      long a = d->alt_of[i];
      snprintf(name, sizeof name, "alt%ld_edge_%ld", a, d->alt_step[i]);
      set(e, "id", name);
      set(e, "penwidth", "2.5");
      set(e, "color", route_style[a % ROUTE_STYLES].colour);
      set(e, "fontcolor", route_style[a % ROUTE_STYLES].colour);
      set(e, "style", route_style[a % ROUTE_STYLES].line);
    }
  }
  return CP_OK;
}

static cp_status build(drawing *d, cp_error *err) {
  cp_status st = CP_OK;
  cp_buf tmp = {0};
  bool used[MAX_LEVEL + 2] = {false};
  const char *title = d->o->title ? d->o->title : cp_graph_attr(d->g, "label");
  if (!title || !*title)
    title = d->g->name;
  if ((st = label_text(title, &tmp)))
    goto cleanup;
  static Agdisc_t disc = {&AgMemDisc, &sequential_ids, &AgIoDisc};
  d->ag = agopen((char *)"careerpath", Agdirected, &disc);
  if (!d->ag) {
    st = cp_fail(err, CP_ERENDER, "Graphviz could not create a graph");
    goto cleanup;
  }
  set(d->ag, "label", tmp.data);
  set(d->ag, "labelloc", "t");
  set(d->ag, "fontsize", "18");
  set(d->ag, "rankdir", "LR");
  if (strcmp(d->engine, "dot"))
    set(d->ag, "overlap", "false"); /* force-directed layouts: move roles apart */
  set(d->ag, "nodesep", "0.25");
  set(d->ag, "ranksep", "0.6");
  set(d->ag, "fontname", FONT);
  agattr(d->ag, AGRAPH, (char *)"style", (char *)"rounded");
  agattr(d->ag, AGRAPH, (char *)"color", (char *)"#BBBBBB");
  agattr(d->ag, AGNODE, (char *)"shape", (char *)"box");
  agattr(d->ag, AGNODE, (char *)"style", (char *)"rounded,filled");
  agattr(d->ag, AGNODE, (char *)"fontname", (char *)FONT);
  agattr(d->ag, AGNODE, (char *)"fontsize", (char *)"11");
  agattr(d->ag, AGEDGE, (char *)"color", (char *)"#777777");
  agattr(d->ag, AGEDGE, (char *)"fontname", (char *)FONT);
  agattr(d->ag, AGEDGE, (char *)"fontsize", (char *)"9");
  if ((st = collect_domains(d)) || (st = add_roles(d, &tmp, used))) {
    cp_fail(err, st, "out of memory drawing the graph");
    goto cleanup;
  }
  for (int l = 1, column = 0; l <= MAX_LEVEL + 1; l++)
    d->rank_of[l] = l > MAX_LEVEL || used[l] ? column++ : -1;
  if ((st = add_transitions(d, &tmp))) {
    cp_fail(err, st, "out of memory drawing the graph");
    goto cleanup;
  }
  /* Level columns and the boxed legend are dot's; the force-directed layouts ignore ranks and
   * clusters and would scatter the anchors. */
  if (!d->o->route_only && !strcmp(d->engine, "dot")) {
    order_levels_in_domains(d);
    add_level_bands(d, used);
    if ((st = add_legend(d, &tmp)))
      cp_fail(err, st, "out of memory drawing the legend");
  }
cleanup:
  cp_buf_free(&tmp);
  return st;
}

static cp_status write_dot(Agraph_t *ag, char **out, size_t *out_len, cp_error *err) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    return cp_fail(err, CP_ENOMEM, "out of memory writing DOT");
  int rc = agwrite(ag, f);
  /* glibc's fclose of a memory stream that cannot shrink its buffer returns 0 and leaves it
   * NULL; a stream that could not grow reports the error instead. */
  if (fclose(f) != 0 || !buf) {
    free(buf);
    return cp_fail(err, CP_ENOMEM, "out of memory writing DOT");
  }
  if (rc != 0) {
    free(buf);
    return cp_fail(err, CP_ERENDER, "Graphviz could not write DOT");
  }
  *out = buf;
  *out_len = len;
  return CP_OK;
}

/* ---- accessible SVG: a <title> and <desc> for screen readers ---- */

static cp_status xml_text(cp_buf *o, const char *s) {
  cp_status st = CP_OK;
  for (; *s && !st; s++)
    st = *s == '<'   ? cp_buf_puts(o, "&lt;")
         : *s == '>' ? cp_buf_puts(o, "&gt;")
         : *s == '&' ? cp_buf_puts(o, "&amp;")
                     : cp_buf_append(o, s, 1);
  return st;
}

/* "24 months, $2,000, effort 3; requires X" for a move, from the graph's figures. */
static cp_status move_text(const drawing *d, size_t t, cp_buf *o) {
  const cp_transition *tr = &d->g->transitions[t];
  const cp_role *a = &d->g->roles[tr->from], *b = &d->g->roles[tr->to];
  char money[32];
  cp_status st = cp_buf_printf(o, "%s to %s", a->label, b->label);
  if (!st && (tr->has & CP_HAS_MONTHS))
    st = cp_buf_printf(o, ", %g months", tr->months);
  if (!st && (tr->has & CP_HAS_COST)) {
    cp_format_money(tr->cost, money, sizeof money);
    st = cp_buf_printf(o, ", %s", money);
  }
  if (!st && (tr->has & CP_HAS_EFFORT))
    st = cp_buf_printf(o, ", effort %g of 5", tr->effort);
  for (size_t i = 0; i < tr->n_requires && !st; i++)
    st = cp_buf_printf(o, "%s%s", i ? ", " : "; requires ", tr->requires[i]);
  return st;
}

/* The title and description of the object Graphviz wrote with id `id`, or false to leave
 * it as it is (helpers: legend, level anchors, clusters). */
static bool describe_object(const drawing *d, const char *id, const char *title, cp_buf *t,
                            cp_buf *desc, cp_status *st) {
  long a, k;
  size_t i;
  int used = 0;
  const cp_route *route = d->o->route;
  t->len = desc->len = 0;
  if (!strcmp(id, "graph0")) {
    *st = cp_buf_puts(t, title);
    if (*st)
      return true;
    if (route) {
      char money[32];
      *st = cp_buf_puts(desc, "Route: ");
      for (size_t j = 0; j <= route->n_steps && !*st; j++)
        *st = cp_buf_printf(desc, "%s%s", j ? " to " : "", d->g->roles[route->roles[j]].label);
      if (!*st)
        *st = cp_buf_printf(desc, "; %zu step%s", route->n_steps, route->n_steps == 1 ? "" : "s");
      if (!*st && !isnan(route->months))
        *st = cp_buf_printf(desc, ", %g months", route->months);
      if (!*st && !isnan(route->cost)) {
        cp_format_money(route->cost, money, sizeof money);
        *st = cp_buf_printf(desc, ", %s", money);
      }
      if (!*st && d->o->n_alternatives)
        *st = cp_buf_printf(desc, "; %zu alternative%s drawn beside it", d->o->n_alternatives,
                            d->o->n_alternatives == 1 ? "" : "s");
    } else {
      size_t roles = 0;
      for (size_t j = 0; j < d->g->n_roles; j++)
        roles += d->nodes[j] != NULL;
      *st = cp_buf_printf(desc, "A career graph of %zu roles; no route highlighted.", roles);
    }
    return true;
  }
  long pos = -1;
  if (sscanf(id, "role_%zu%n", &i, &used) == 1 && !id[used] && i < d->g->n_roles) {
    pos = -1;
  } else if (route && sscanf(id, "route_node_%ld%n", &k, &used) == 1 && !id[used] && k >= 0 &&
             (size_t)k <= route->n_steps) {
    i = route->roles[k];
    pos = k;
  } else {
    const cp_transition *tr = NULL;
    size_t t_index = 0;
    if (sscanf(id, "edge_%zu%n", &t_index, &used) == 1 && !id[used] &&
        t_index < d->g->n_transitions) {
      tr = &d->g->transitions[t_index];
      *st = cp_buf_puts(desc, "Move from ");
    } else if (route && sscanf(id, "route_edge_%ld%n", &k, &used) == 1 && !id[used] && k >= 0 &&
               (size_t)k < route->n_steps) {
      t_index = route->transitions[k];
      tr = &d->g->transitions[t_index];
      *st = cp_buf_printf(desc, "Step %ld of %zu of the route: ", k + 1, route->n_steps);
    } else if (sscanf(id, "alt%ld_edge_%ld%n", &a, &k, &used) == 2 && !id[used] && a >= 1 &&
               (size_t)a <= d->o->n_alternatives && k >= 0 &&
               (size_t)k < d->o->alternatives[a - 1].n_steps) {
      t_index = d->o->alternatives[a - 1].transitions[k];
      tr = &d->g->transitions[t_index];
      *st = cp_buf_printf(desc, "Step %ld of alternative %ld: ", k + 1, a);
    }
    if (!tr)
      return false;
    if (!*st)
      *st = move_text(d, t_index, desc);
    if (!*st)
      *st = cp_buf_printf(t, "%s to %s", d->g->roles[tr->from].label, d->g->roles[tr->to].label);
    return true;
  }
  const cp_role *r = &d->g->roles[i];
  *st = cp_buf_puts(t, r->label);
  if (!*st)
    *st = cp_buf_printf(desc, "Role %s (%s)", r->label, r->id);
  if (!*st && *r->domain)
    *st = cp_buf_printf(desc, ", domain %s", r->domain);
  if (!*st && r->level > 0)
    *st = cp_buf_printf(desc, ", level %d of 5", r->level);
  if (!*st && pos == 0)
    *st = cp_buf_puts(desc, "; where the route starts");
  else if (!*st && pos > 0)
    *st = cp_buf_printf(desc, "; step %ld of %zu of the route", pos, route->n_steps);
  return true;
}

/* Graphviz names each node's and edge's <title> after its cgraph name (a role id, "a->b")
 * and writes no <desc>. Screen readers read both: each role gets its label as title and a
 * description (domain, level, place on the route), each move and route step what it costs,
 * and the drawing the question and the route's totals. */
static cp_status accessible_svg(const drawing *d, const char *svg, size_t len, char **out,
                                size_t *out_len, cp_error *err) {
  static const char open[] = "<g id=\"", title_open[] = "<title>", title_close[] = "</title>\n";
  cp_buf o = {0}, desc = {0}, id = {0}, name = {0};
  cp_status st = CP_OK;
  const char *p = svg, *end = svg + len;
  const char *title = d->o->title ? d->o->title : cp_graph_attr(d->g, "label");
  if (!title || !*title)
    title = d->g->name;
  while (p < end && !st) {
    const char *g = strstr(p, open);
    if (!g) {
      st = cp_buf_append(&o, p, (size_t)(end - p));
      break;
    }
    const char *id_start = g + sizeof open - 1, *id_end = strchr(id_start, '"');
    const char *line_end = id_end ? strchr(id_end, '\n') : NULL;
    if (!id_end || !line_end || strncmp(line_end + 1, title_open, sizeof title_open - 1)) {
      st = cp_buf_append(&o, p, (size_t)(id_start - p));
      p = id_start;
      continue;
    }
    const char *t_start = line_end + 1 + sizeof title_open - 1;
    const char *t_end = strstr(t_start, title_close);
    if (!t_end) {
      st = cp_buf_append(&o, p, (size_t)(end - p));
      break;
    }
    id.len = 0;
    if ((st = cp_buf_append(&id, id_start, (size_t)(id_end - id_start))) ||
        (st = cp_buf_append(&id, "", 1)))
      break;
    bool known = describe_object(d, id.data, title, &name, &desc, &st);
    if (st)
      break;
    if (!known) {
      st = cp_buf_append(&o, p, (size_t)(t_end + sizeof title_close - 1 - p));
    } else if (!(st = cp_buf_append(&o, p, (size_t)(t_start - p))) &&
               !(st = cp_buf_append(&name, "", 1)) && !(st = xml_text(&o, name.data)) &&
               !(st = cp_buf_puts(&o, title_close)) && !(st = cp_buf_puts(&o, "<desc>")) &&
               !(st = cp_buf_append(&desc, "", 1)) && !(st = xml_text(&o, desc.data))) {
      st = cp_buf_puts(&o, "</desc>\n");
    }
    p = t_end + sizeof title_close - 1;
  }
  cp_buf_free(&desc);
  cp_buf_free(&id);
  cp_buf_free(&name);
  if (st) {
    cp_buf_free(&o);
    return cp_fail(err, CP_ENOMEM, "out of memory describing the SVG");
  }
  *out = o.data;
  *out_len = o.len;
  return CP_OK;
}

/* cairo 1.16 stamps a PDF with the time it was made, so two runs differ. The stamp is
 * rewritten in place, same length (the cross-reference offsets stay right), to
 * SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else 1970-01-01. */
static void fixed_creation_date(char *pdf, size_t len) {
  static const char key[] = "/CreationDate (D:";
  char *p = pdf, *end = pdf + len;
  while ((p = memchr(p, '/', (size_t)(end - p))) && (size_t)(end - p) >= sizeof key - 1 + 15) {
    if (memcmp(p, key, sizeof key - 1)) {
      p++;
      continue;
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t when = epoch ? (time_t)strtoll(epoch, NULL, 10) : 0;
    struct tm tm;
    char stamp[16];
    if (!gmtime_r(&when, &tm) || strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm) != 14)
      return;
    memcpy(p + sizeof key - 1, stamp, 14);
    return;
  }
}

/* Lays out and renders `ag` in a fresh plugin context: "svg" with the built-in plugins,
 * "png:cairo" and "pdf:cairo" with pango's too. */
static cp_status write_rendered(Agraph_t *ag, const char *engine, const char *device, char **out,
                                size_t *out_len, cp_error *err) {
  cp_status st = CP_OK;
  char *data = NULL;
  unsigned int len = 0;
  bool laid_out = false;
  bool cairo = strcmp(device, "svg") != 0;
  /* Graphviz 2.42's pango plugin keeps, in a static, a pointer to the last font name it
   * measured, which lives in the context's font dictionary: after gvFreeContext the next
   * measurement reads freed memory (AddressSanitizer: heap-use-after-free in
   * textspan_size). So the cairo context is made once and kept for the process (reachable,
   * not leaked); rendering PNG or PDF is therefore not thread-safe, as Graphviz is not. */
  static GVC_t *cairo_gvc;
  if (cairo && !cairo_gvc)
    cairo_gvc = gvContextPlugins(builtins_cairo, 0);
  GVC_t *gvc = cairo ? cairo_gvc : gvContextPlugins(builtins, 0);
  if (!gvc)
    return cp_fail(err, CP_ERENDER, "Graphviz could not start");
  cp_cgraph_take_message();
  if (gvLayout(gvc, ag, engine) != 0) {
    st = cp_fail(err, CP_ERENDER, "Graphviz layout failed: %s", cp_cgraph_take_message());
    goto cleanup;
  }
  laid_out = true;
  if (gvRenderData(gvc, ag, device, &data, &len) != 0 || !data || !len) {
    const char *why = cp_cgraph_take_message();
    /* "Error: failure malloc'ing for result string" */
    st = strstr(why, "malloc")
             ? cp_fail(err, CP_ENOMEM, "out of memory rendering %s (%s)", device, why)
             : cp_fail(err, CP_ERENDER, "Graphviz could not render %s: %s", device, why);
    goto cleanup;
  }
  /* Hand back plain malloc'd memory so callers need no Graphviz call to free it. */
  char *copy = malloc((size_t)len + 1);
  if (!copy) {
    st = cp_fail(err, CP_ENOMEM, "out of memory rendering %s", device);
    goto cleanup;
  }
  memcpy(copy, data, len);
  copy[len] = '\0';
  *out = copy;
  *out_len = len;
cleanup:
  if (data)
    gvFreeRenderData(data);
  if (laid_out)
    gvFreeLayout(gvc, ag);
  if (!cairo)
    gvFreeContext(gvc);
  return st;
}

cp_status cp_render(const cp_graph *g, const cp_render_options *opts, cp_format format, char **out,
                    size_t *out_len, cp_error *err) {
  cp_status st = CP_OK;
  drawing d = {.g = g, .o = opts};
  cp_init();
  if (opts->route_only && !opts->route)
    return cp_fail(err, CP_EINVAL, "a route-only drawing needs a route");
  d.nodes = calloc(g->n_roles ? g->n_roles : 1, sizeof *d.nodes);
  d.route_pos = malloc((g->n_roles ? g->n_roles : 1) * sizeof *d.route_pos);
  d.route_step = malloc((g->n_transitions ? g->n_transitions : 1) * sizeof *d.route_step);
  d.alt_of = malloc((g->n_transitions ? g->n_transitions : 1) * sizeof *d.alt_of);
  d.alt_step = malloc((g->n_transitions ? g->n_transitions : 1) * sizeof *d.alt_step);
  if (!d.nodes || !d.route_pos || !d.route_step || !d.alt_of || !d.alt_step) {
    st = cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
    goto cleanup;
  }
  for (size_t i = 0; i < g->n_roles; i++)
    d.route_pos[i] = -1;
  for (size_t i = 0; i < g->n_transitions; i++)
    d.route_step[i] = d.alt_of[i] = d.alt_step[i] = -1;
  if (opts->n_alternatives && (!opts->route || opts->route_only)) {
    st = cp_fail(err, CP_EINVAL, "alternatives are drawn beside a route, on the whole graph");
    goto cleanup;
  }
  /* A move on several routes takes the style of the first. */
  for (size_t a = opts->n_alternatives; a-- > 0;) {
    const cp_route *alt = &opts->alternatives[a];
    for (size_t i = 0; i < alt->n_steps; i++) {
      if (alt->transitions[i] >= g->n_transitions) {
        st = cp_fail(err, CP_EINVAL, "an alternative names a transition outside the graph");
        goto cleanup;
      }
      d.alt_of[alt->transitions[i]] = (long)a + 1;
      d.alt_step[alt->transitions[i]] = (long)i;
    }
  }
  if (opts->route) {
    for (size_t i = 0; i <= opts->route->n_steps; i++) {
      if (opts->route->roles[i] >= g->n_roles) {
        st = cp_fail(err, CP_EINVAL, "the route names a role outside the graph");
        goto cleanup;
      }
      d.route_pos[opts->route->roles[i]] = (long)i;
    }
    for (size_t i = 0; i < opts->route->n_steps; i++) {
      if (opts->route->transitions[i] >= g->n_transitions) {
        st = cp_fail(err, CP_EINVAL, "the route names a transition outside the graph");
        goto cleanup;
      }
      d.route_step[opts->route->transitions[i]] = (long)i;
    }
  }
  if (opts->region) {
    d.region_role = calloc(g->n_roles ? g->n_roles : 1, 1);
    d.region_tr = calloc(g->n_transitions ? g->n_transitions : 1, 1);
    if (!d.region_role || !d.region_tr) {
      st = cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
      goto cleanup;
    }
    for (size_t i = 0; i < opts->region->n; i++) {
      const cp_route *r = &opts->region->routes[i];
      for (size_t j = 0; j <= r->n_steps; j++) {
        if (r->roles[j] >= g->n_roles ||
            (j < r->n_steps && r->transitions[j] >= g->n_transitions)) {
          st = cp_fail(err, CP_EINVAL, "a region route names something outside the graph");
          goto cleanup;
        }
        d.region_role[r->roles[j]] = 1;
        if (j < r->n_steps)
          d.region_tr[r->transitions[j]] = 1;
      }
    }
  }
  /* dot gives levels as columns and domains as boxes, but slows sharply past a few hundred
   * roles (shared/notes: 0.3 s at 500, a minute at 5,000); sfdp places thousands in a
   * second, without either. */
  size_t n_drawn = 0;
  for (size_t i = 0; i < g->n_roles; i++)
    n_drawn += drawn(&d, i);
  d.engine = opts->layout ? opts->layout : n_drawn <= DOT_MAX_ROLES ? "dot" : "sfdp";
  if (strcmp(d.engine, "dot") && strcmp(d.engine, "sfdp") && strcmp(d.engine, "neato")) {
    st = cp_fail(err, CP_EINVAL, "unknown layout '%s' (choose from dot, sfdp, neato)", d.engine);
    goto cleanup;
  }
  /* Graphviz crashes when memory runs out while it builds, lays out or renders; ask for
   * room first (measured: about 2 KiB per role and move with sfdp, 8 MiB for the built-in
   * graph with dot). */
  size_t n_items = n_drawn;
  for (size_t i = 0; i < g->n_transitions; i++)
    n_items += drawn(&d, g->transitions[i].from) && drawn(&d, g->transitions[i].to);
  if (!cp_memory_available(RENDER_SLACK + RENDER_PER_ITEM * n_items)) {
    st = cp_fail(err, CP_ENOMEM, "out of memory drawing the graph");
    goto cleanup;
  }
  if ((st = build(&d, err)))
    goto cleanup;
  if (format == CP_FORMAT_SVG) {
    char *raw = NULL;
    size_t raw_len = 0;
    if (!(st = write_rendered(d.ag, d.engine, "svg", &raw, &raw_len, err)))
      st = accessible_svg(&d, raw, raw_len, out, out_len, err);
    free(raw);
  } else if (format == CP_FORMAT_PNG || format == CP_FORMAT_PDF) {
    st = write_rendered(d.ag, d.engine, format == CP_FORMAT_PNG ? "png:cairo" : "pdf:cairo", out,
                        out_len, err);
    if (!st && format == CP_FORMAT_PDF)
      fixed_creation_date(*out, *out_len);
  } else {
    st = write_dot(d.ag, out, out_len, err);
  }
cleanup:
  if (d.ag)
    agclose(d.ag);
  free(d.domains);
  free(d.clusters);
  free(d.nodes);
  free(d.route_pos);
  free(d.route_step);
  free(d.alt_of);
  free(d.alt_step);
  free(d.region_role);
  free(d.region_tr);
  return st;
}
