/* write_graph.c: writes a graph as careerpath's tables (CSV or TSV), DOT, GraphML or GEXF, to
 * read back (here or in NetworkX, igraph, Gephi, yEd). */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The distinct keys of a list of attribute arrays, in the order first seen. */
typedef struct keys {
  const char **k;
  size_t n, cap;
} keys;

static cp_status add_keys(keys *ks, const cp_attr *a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    size_t j = 0;
    while (j < ks->n && strcmp(ks->k[j], a[i].key))
      j++;
    if (j < ks->n)
      continue;
    const char **k = cp_grow(ks->k, &ks->cap, ks->n + 1, sizeof *k, 8);
    if (!k)
      return CP_ENOMEM;
    ks->k = k;
    ks->k[ks->n++] = a[i].key;
  }
  return CP_OK;
}

static const char *attr_of(const cp_attr *a, size_t n, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(a[i].key, key))
      return a[i].value;
  return "";
}

/* The weights a transition carries of its own: months read from its median_months
 * (CP_MONTHS_MEDIAN) are not, since the median_months attribute is written as itself and
 * reads back as them. */
static unsigned own_weights(const cp_transition *t) {
  return t->has & CP_MONTHS_MEDIAN ? t->has & ~(unsigned)CP_HAS_MONTHS : t->has;
}

/* The shorter of %.15g and %.17g that reads back as `v`. */
static void number_text(double v, char *text, size_t n) {
  snprintf(text, n, "%.15g", v);
  if (strtod(text, NULL) != v)
    snprintf(text, n, "%.17g", v);
}

static cp_status put_number(cp_buf *o, double v) {
  char text[40];
  number_text(v, text, sizeof text);
  return cp_buf_puts(o, text);
}

typedef struct table {
  cp_buf b;
  bool tsv;
  size_t fields; /* in the current row */
  const char *what;
} table;

/* One field: CSV quoted by the one rule (cp_buf_csv_field); TSV cannot carry tabs, line ends
 * or padding, and says so. */
static cp_status put_field(table *t, const char *s, cp_error *err) {
  cp_status st = t->fields++ ? cp_buf_puts(&t->b, t->tsv ? "\t" : ",") : CP_OK;
  if (st)
    return st;
  if (!t->tsv)
    return cp_buf_csv_field(&t->b, s);
  size_t n = strlen(s);
  if (strpbrk(s, "\t\r\n") || (n && (s[0] == ' ' || s[n - 1] == ' ')))
    return cp_fail(err, CP_EINVAL,
                   "%s: '%.40s' holds a tab, a line end or blanks at an end, which a "
                   "tab-separated table cannot carry; write CSV",
                   t->what, s);
  return cp_buf_puts(&t->b, s);
}

static cp_status put_weight(table *t, unsigned has, unsigned bit, double v) {
  cp_status st = t->fields++ ? cp_buf_puts(&t->b, t->tsv ? "\t" : ",") : CP_OK;
  return st || !(has & bit) ? st : put_number(&t->b, v);
}

static cp_status end_row(table *t) {
  t->fields = 0;
  return cp_buf_puts(&t->b, "\n");
}

/* The fixed columns present in `mask` (a bit each), then the attributes' keys. */
static cp_status put_header(table *t, const char *const *fixed, size_t n_fixed, unsigned mask,
                            const keys *ks, cp_error *err) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < n_fixed && !st; i++)
    if (mask & (1u << i))
      st = put_field(t, fixed[i], err);
  for (size_t i = 0; i < ks->n && !st; i++)
    st = put_field(t, ks->k[i], err);
  return st ? st : end_row(t);
}

static cp_status requires_text(const cp_transition *tr, cp_buf *b) {
  b->len = 0;
  cp_status st = cp_buf_puts(b, "");
  for (size_t i = 0; i < tr->n_requires && !st; i++)
    st = cp_buf_printf(b, "%s%s", i ? ";" : "", tr->requires[i]);
  return st;
}

/* Columns no row fills are left out: id and label always, domain and level when used. */
static cp_status write_roles(const cp_graph *g, table *t, cp_error *err) {
  keys ks = {0};
  cp_status st = CP_OK;
  unsigned mask = 3;
  for (size_t i = 0; i < g->n_roles && !st; i++) {
    mask |= (*g->roles[i].domain ? 4u : 0) | (g->roles[i].level ? 8u : 0);
    st = add_keys(&ks, g->roles[i].attrs, g->roles[i].n_attrs);
  }
  static const char *const fixed[] = {"id", "label", "domain", "level"};
  if (!st)
    st = put_header(t, fixed, 4, mask, &ks, err);
  for (size_t i = 0; i < g->n_roles && !st; i++) {
    const cp_role *r = &g->roles[i];
    char level[16] = "";
    if (r->level)
      snprintf(level, sizeof level, "%d", r->level);
    t->what = r->id;
    if ((st = put_field(t, r->id, err)) || (st = put_field(t, r->label, err)) ||
        ((mask & 4) && (st = put_field(t, r->domain, err))) ||
        ((mask & 8) && (st = put_field(t, level, err))))
      break;
    for (size_t k = 0; k < ks.n && !st; k++)
      st = put_field(t, attr_of(r->attrs, r->n_attrs, ks.k[k]), err);
    if (!st)
      st = end_row(t);
  }
  free(ks.k);
  return st;
}

enum { T_MONTHS = 4, T_COST = 8, T_EFFORT = 16, T_REQUIRES = 32, T_NOTE = 64, T_SOURCE = 128 };

/* from and to always; the other fixed columns when some transition fills them. */
static unsigned transition_columns(const cp_graph *g) {
  unsigned mask = 3;
  for (size_t i = 0; i < g->n_transitions; i++) {
    const cp_transition *tr = cp_tr(g, i);
    mask |= (own_weights(tr) & CP_HAS_MONTHS ? T_MONTHS : 0) |
            (tr->has & CP_HAS_COST ? T_COST : 0) | (tr->has & CP_HAS_EFFORT ? T_EFFORT : 0) |
            (tr->n_requires ? T_REQUIRES : 0) | (*tr->note ? T_NOTE : 0) |
            (*tr->source ? T_SOURCE : 0);
  }
  return mask;
}

static cp_status write_transition(const cp_graph *g, const cp_transition *tr, table *t,
                                  unsigned mask, const keys *ks, cp_buf *req, cp_error *err) {
  cp_status st;
  if ((st = put_field(t, g->roles[tr->from].id, err)) ||
      (st = put_field(t, g->roles[tr->to].id, err)) ||
      ((mask & T_MONTHS) && (st = put_weight(t, own_weights(tr), CP_HAS_MONTHS, tr->months))) ||
      ((mask & T_COST) && (st = put_weight(t, tr->has, CP_HAS_COST, tr->cost))) ||
      ((mask & T_EFFORT) && (st = put_weight(t, tr->has, CP_HAS_EFFORT, tr->effort))) ||
      ((mask & T_REQUIRES) &&
       ((st = requires_text(tr, req)) || (st = put_field(t, req->data, err)))) ||
      ((mask & T_NOTE) && (st = put_field(t, tr->note, err))) ||
      ((mask & T_SOURCE) && (st = put_field(t, tr->source, err))))
    return st;
  for (size_t k = 0; k < ks->n && !st; k++)
    st = put_field(t, attr_of(tr->attrs, tr->n_attrs, ks->k[k]), err);
  return st ? st : end_row(t);
}

static cp_status write_transitions(const cp_graph *g, table *t, cp_error *err) {
  keys ks = {0};
  cp_buf req = {0};
  char what[64];
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_transitions && !st; i++)
    st = add_keys(&ks, cp_tr(g, i)->attrs, cp_tr(g, i)->n_attrs);
  static const char *const fixed[] = {"from",   "to",       "months", "cost",
                                      "effort", "requires", "note",   "source"};
  unsigned mask = transition_columns(g);
  if (!st)
    st = put_header(t, fixed, 8, mask, &ks, err);
  for (size_t i = 0; i < g->n_transitions && !st; i++) {
    snprintf(what, sizeof what, "transition %zu", i + 1);
    t->what = what;
    st = write_transition(g, cp_tr(g, i), t, mask, &ks, &req, err);
  }
  free(ks.k);
  cp_buf_free(&req);
  return st;
}

static cp_status write_credentials(const cp_graph *g, table *t, cp_error *err) {
  static const char *const fixed[] = {"name", "months", "cost", "source"};
  keys none = {0};
  cp_status st = put_header(t, fixed, 4, 15, &none, err);
  for (size_t i = 0; i < g->n_credentials && !st; i++) {
    const cp_credential *c = &g->credentials[i];
    t->what = c->name;
    if (!(st = put_field(t, c->name, err)) &&
        !(st = put_weight(t, CP_HAS_MONTHS, CP_HAS_MONTHS, c->months)) &&
        !(st = put_weight(t, CP_HAS_COST, CP_HAS_COST, c->cost)) &&
        !(st = put_field(t, c->source, err)))
      st = end_row(t);
  }
  return st;
}

cp_status cp_write_graph_tables(const cp_graph *g, cp_table_format format, cp_graph_tables *out,
                                cp_error *err) {
  table t[3] = {{.tsv = format == CP_TABLE_TSV},
                {.tsv = format == CP_TABLE_TSV},
                {.tsv = format == CP_TABLE_TSV}};
  cp_status st = write_transitions(g, &t[0], err);
  if (!st)
    st = write_roles(g, &t[1], err);
  if (!st && g->n_credentials)
    st = write_credentials(g, &t[2], err);
  if (st) {
    for (int i = 0; i < 3; i++)
      cp_buf_free(&t[i].b);
    return st == CP_ENOMEM ? cp_fail(err, st, "out of memory writing %s", g->name) : st;
  }
  *out =
      (cp_graph_tables){t[0].b.data, t[0].b.len, t[1].b.data, t[1].b.len, t[2].b.data, t[2].b.len};
  return CP_OK;
}

void cp_graph_tables_free(cp_graph_tables *t) {
  if (!t)
    return;
  free(t->transitions);
  free(t->roles);
  free(t->credentials);
  memset(t, 0, sizeof *t);
}

/* ---- DOT ---- */

/* A quoted DOT string. cgraph's reader keeps every backslash except one before a quote or a
 * line end, so only quotes are escaped, and a value those would change is refused. */
static cp_status dot_string(cp_buf *o, const char *s, const char *what, cp_error *err) {
  size_t n = strlen(s);
  if ((n && s[n - 1] == '\\') || strstr(s, "\\\n") || strstr(s, "\\\r"))
    return cp_fail(err, CP_EINVAL,
                   "%s: '%.40s' ends a line with a backslash, which DOT cannot "
                   "carry; write a table",
                   what, s);
  cp_status st = cp_buf_puts(o, "\"");
  for (const char *p = s; *p && !st; p++)
    st = *p == '"' ? cp_buf_puts(o, "\\\"") : cp_buf_append(o, p, 1);
  return st ? st : cp_buf_puts(o, "\"");
}

/* `, key="value"` (the first of a list without the comma). */
static cp_status dot_attr(cp_buf *o, bool *first, const char *key, const char *value,
                          const char *what, cp_error *err) {
  cp_status st = cp_buf_puts(o, *first ? "" : ", ");
  *first = false;
  if (!st)
    st = dot_string(o, key, what, err);
  if (!st)
    st = cp_buf_puts(o, "=");
  return st ? st : dot_string(o, value, what, err);
}

static cp_status dot_weight(cp_buf *o, bool *first, const char *key, unsigned has, unsigned bit,
                            double v) {
  if (!(has & bit))
    return CP_OK;
  char text[40];
  number_text(v, text, sizeof text);
  /* A DOT numeral has no exponent: 1e-07 must be quoted. */
  const char *q = strpbrk(text, "eE") ? "\"" : "";
  cp_status st = cp_buf_printf(o, "%s%s=%s%s%s", *first ? "" : ", ", key, q, text, q);
  *first = false;
  return st;
}

static cp_status dot_role(cp_buf *o, const cp_role *r, cp_error *err) {
  bool first = true;
  char level[16];
  snprintf(level, sizeof level, "%d", r->level);
  cp_status st = cp_buf_puts(o, "  ");
  if (!st)
    st = dot_string(o, r->id, r->id, err);
  if (!st)
    st = cp_buf_puts(o, " [");
  if (!st)
    st = dot_attr(o, &first, "label", r->label, r->id, err);
  if (!st && *r->domain)
    st = dot_attr(o, &first, "domain", r->domain, r->id, err);
  if (!st && r->level)
    st = dot_attr(o, &first, "level", level, r->id, err);
  for (size_t i = 0; i < r->n_attrs && !st; i++)
    st = dot_attr(o, &first, r->attrs[i].key, r->attrs[i].value, r->id, err);
  return st ? st : cp_buf_puts(o, "];\n");
}

static cp_status dot_transition(cp_buf *o, const cp_graph *g, const cp_transition *t, cp_buf *req,
                                cp_error *err) {
  const char *what = g->roles[t->from].id;
  bool first = true;
  cp_status st = cp_buf_puts(o, "  ");
  if (!st && !(st = dot_string(o, g->roles[t->from].id, what, err)) &&
      !(st = cp_buf_puts(o, " -> ")) && !(st = dot_string(o, g->roles[t->to].id, what, err)))
    st = cp_buf_puts(o, " [");
  if (!st && !(st = dot_weight(o, &first, "months", own_weights(t), CP_HAS_MONTHS, t->months)) &&
      !(st = dot_weight(o, &first, "cost", t->has, CP_HAS_COST, t->cost)) &&
      !(st = dot_weight(o, &first, "effort", t->has, CP_HAS_EFFORT, t->effort)))
    st = requires_text(t, req);
  if (!st && req->len)
    st = dot_attr(o, &first, "requires", req->data, what, err);
  if (!st && *t->note)
    st = dot_attr(o, &first, "note", t->note, what, err);
  if (!st && *t->source)
    st = dot_attr(o, &first, "source", t->source, what, err);
  for (size_t i = 0; i < t->n_attrs && !st; i++)
    st = dot_attr(o, &first, t->attrs[i].key, t->attrs[i].value, what, err);
  return st ? st : cp_buf_puts(o, "];\n");
}

static cp_status dot_credential(cp_buf *o, const cp_graph *g, size_t i, cp_error *err) {
  const cp_credential *c = &g->credentials[i];
  char id[64];
  size_t unused;
  snprintf(id, sizeof id, "credential %zu", i + 1);
  if (cp_graph_role_index(g, id, &unused) == CP_OK)
    return cp_fail(err, CP_EINVAL, "%s: a role is called '%s', the name given to a credential",
                   g->name, id);
  bool first = true;
  cp_status st = cp_buf_printf(o, "  \"%s\" [kind=\"credential\", ", id);
  if (!st)
    st = dot_attr(o, &first, "label", c->name, c->name, err);
  if (!st && !(st = dot_weight(o, &first, "months", 1, 1, c->months)) &&
      !(st = dot_weight(o, &first, "cost", 1, 1, c->cost)) && *c->source)
    st = dot_attr(o, &first, "source", c->source, c->name, err);
  return st ? st : cp_buf_puts(o, "];\n");
}

cp_status cp_write_graph_dot(const cp_graph *g, char **out, size_t *out_len, cp_error *err) {
  cp_buf o = {0}, req = {0};
  cp_status st = cp_buf_puts(&o, "digraph ");
  if (!st)
    st = dot_string(&o, g->name, "the graph's name", err);
  if (!st && !(st = cp_buf_puts(&o, " {\n")) && g->n_attrs) {
    bool first = true;
    st = cp_buf_puts(&o, "  graph [");
    for (size_t i = 0; i < g->n_attrs && !st; i++)
      st = dot_attr(&o, &first, g->attrs[i].key, g->attrs[i].value, "graph attribute", err);
    if (!st)
      st = cp_buf_puts(&o, "];\n");
  }
  for (size_t i = 0; i < g->n_credentials && !st; i++)
    st = dot_credential(&o, g, i, err);
  for (size_t i = 0; i < g->n_roles && !st; i++)
    st = dot_role(&o, &g->roles[i], err);
  for (size_t i = 0; i < g->n_transitions && !st; i++)
    st = dot_transition(&o, g, cp_tr(g, i), &req, err);
  if (!st)
    st = cp_buf_puts(&o, "}\n");
  cp_buf_free(&req);
  if (st) {
    cp_buf_free(&o);
    return st == CP_ENOMEM ? cp_fail(err, st, "out of memory writing %s", g->name) : st;
  }
  *out = o.data;
  *out_len = o.len;
  return CP_OK;
}

/* ---- GraphML and GEXF ---- */

/* An attribute column: its name, for nodes or edges, and its type over every value given. */
typedef enum { T_LONG, T_DOUBLE, T_STRING } vtype;
typedef struct column {
  const char *name;
  vtype type;
} column;

typedef struct schema {
  column *c;
  size_t n, cap;
} schema;

static vtype type_of(const char *v) {
  char *end;
  errno = 0;
  long long i = strtoll(v, &end, 10);
  (void)i;
  if (*v && !*end && !errno)
    return T_LONG;
  double d = strtod(v, &end);
  return *v && !*end && isfinite(d) ? T_DOUBLE : T_STRING;
}

/* Adds the value of column `name`, widening its type (long, then double, then string). */
static cp_status see(schema *s, const char *name, const char *value) {
  size_t i = 0;
  while (i < s->n && strcmp(s->c[i].name, name))
    i++;
  if (i == s->n) {
    column *c = cp_grow(s->c, &s->cap, s->n + 1, sizeof *c, 16);
    if (!c)
      return CP_ENOMEM;
    s->c = c;
    c[s->n++] = (column){name, T_LONG};
  }
  vtype t = type_of(value);
  if (t > s->c[i].type)
    s->c[i].type = t;
  return CP_OK;
}

/* The columns of roles and of transitions: the fixed ones some role or move fills, then
 * every attribute in the order first seen. */
static cp_status schemas(const cp_graph *g, schema *node, schema *edge) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_roles && !st; i++) {
    const cp_role *r = &g->roles[i];
    st = see(node, "label", "x");
    if (!st && *r->domain)
      st = see(node, "domain", "x");
    if (!st && r->level)
      st = see(node, "level", "1");
    for (size_t k = 0; k < r->n_attrs && !st; k++)
      st = see(node, r->attrs[k].key, r->attrs[k].value);
  }
  for (size_t i = 0; i < g->n_transitions && !st; i++) {
    const cp_transition *t = cp_tr(g, i);
    static const char *const w[] = {"months", "cost", "effort"};
    const bool has[] = {own_weights(t) & CP_HAS_MONTHS, t->has & CP_HAS_COST,
                        t->has & CP_HAS_EFFORT};
    for (int k = 0; k < 3 && !st; k++)
      st = has[k] ? see(edge, w[k], "0.5") : CP_OK;
    if (!st && t->n_requires)
      st = see(edge, "requires", "x");
    if (!st && *t->note)
      st = see(edge, "note", "x");
    if (!st && *t->source)
      st = see(edge, "source", "x");
    for (size_t k = 0; k < t->n_attrs && !st; k++)
      st = see(edge, t->attrs[k].key, t->attrs[k].value);
  }
  return st;
}

/* XML text: & < > " escaped; control characters XML 1.0 cannot hold are refused. */
static cp_status xml_text(cp_buf *o, const char *s, const char *what, cp_error *err) {
  cp_status st = CP_OK;
  for (const unsigned char *p = (const unsigned char *)s; *p && !st; p++) {
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      return cp_fail(err, CP_EINVAL, "%s: a control character (0x%02X), which XML cannot carry",
                     what, *p);
    st = *p == '&'    ? cp_buf_puts(o, "&amp;")
         : *p == '<'  ? cp_buf_puts(o, "&lt;")
         : *p == '>'  ? cp_buf_puts(o, "&gt;")
         : *p == '"'  ? cp_buf_puts(o, "&quot;")
         : *p == '\n' ? cp_buf_puts(o, "&#10;")
         : *p == '\r' ? cp_buf_puts(o, "&#13;")
         : *p == '\t' ? cp_buf_puts(o, "&#9;")
                      : cp_buf_append(o, (const char *)p, 1);
  }
  return st;
}

/* One value of a role or a move, by column: "" when it has none. */
static void node_value(const cp_role *r, const char *name, char *num, size_t n, const char **out) {
  *out = "";
  if (!strcmp(name, "label"))
    *out = r->label;
  else if (!strcmp(name, "domain"))
    *out = r->domain;
  else if (!strcmp(name, "level") && r->level) {
    snprintf(num, n, "%d", r->level);
    *out = num;
  }
  for (size_t k = 0; k < r->n_attrs; k++)
    if (!strcmp(r->attrs[k].key, name))
      *out = r->attrs[k].value;
}

static cp_status edge_value(const cp_transition *t, const char *name, char *num, size_t n,
                            cp_buf *req, const char **out) {
  *out = "";
  double v = NAN;
  if (!strcmp(name, "months") && (own_weights(t) & CP_HAS_MONTHS))
    v = t->months;
  else if (!strcmp(name, "cost") && (t->has & CP_HAS_COST))
    v = t->cost;
  else if (!strcmp(name, "effort") && (t->has & CP_HAS_EFFORT))
    v = t->effort;
  else if (!strcmp(name, "note"))
    *out = t->note;
  else if (!strcmp(name, "source"))
    *out = t->source;
  else if (!strcmp(name, "requires")) {
    cp_status st = requires_text(t, req);
    if (st)
      return st;
    *out = req->data;
  }
  if (!isnan(v)) {
    number_text(v, num, n);
    *out = num;
  }
  for (size_t k = 0; k < t->n_attrs; k++)
    if (!strcmp(t->attrs[k].key, name))
      *out = t->attrs[k].value;
  return CP_OK;
}

/* ---- GraphML ---- */

static const char *graphml_type(vtype t) {
  return t == T_LONG ? "long" : t == T_DOUBLE ? "double" : "string";
}

static cp_status graphml_keys(cp_buf *o, const cp_graph *g, const schema *node, const schema *edge,
                              cp_error *err) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_attrs && !st; i++)
    if (!(st = cp_buf_printf(o, "  <key id=\"g%zu\" for=\"graph\" attr.name=\"", i)) &&
        !(st = xml_text(o, g->attrs[i].key, "a graph attribute", err)))
      st = cp_buf_puts(o, "\" attr.type=\"string\"/>\n");
  const schema *s[2] = {node, edge};
  for (int k = 0; k < 2; k++)
    for (size_t i = 0; i < s[k]->n && !st; i++)
      if (!(st = cp_buf_printf(o, "  <key id=\"%c%zu\" for=\"%s\" attr.name=\"", "ne"[k], i,
                               k ? "edge" : "node")) &&
          !(st = xml_text(o, s[k]->c[i].name, "an attribute name", err)))
        st = cp_buf_printf(o, "\" attr.type=\"%s\"/>\n", graphml_type(s[k]->c[i].type));
  return st;
}

static cp_status graphml_data(cp_buf *o, char kind, size_t key, const char *value, const char *what,
                              cp_error *err) {
  if (!*value)
    return CP_OK;
  cp_status st = cp_buf_printf(o, "<data key=\"%c%zu\">", kind, key);
  if (!st)
    st = xml_text(o, value, what, err);
  return st ? st : cp_buf_puts(o, "</data>");
}

static cp_status graphml_node(cp_buf *o, const cp_role *r, const schema *node, cp_error *err) {
  char num[40];
  const char *v;
  cp_status st = cp_buf_puts(o, "    <node id=\"");
  if (!st && !(st = xml_text(o, r->id, r->id, err)))
    st = cp_buf_puts(o, "\">");
  for (size_t i = 0; i < node->n && !st; i++) {
    node_value(r, node->c[i].name, num, sizeof num, &v);
    st = graphml_data(o, 'n', i, v, r->id, err);
  }
  return st ? st : cp_buf_puts(o, "</node>\n");
}

static cp_status graphml_edge(cp_buf *o, const cp_graph *g, size_t e, const schema *edge,
                              cp_buf *req, cp_error *err) {
  const cp_transition *t = cp_tr(g, e);
  const char *what = g->roles[t->from].id, *v;
  char num[40];
  cp_status st = cp_buf_printf(o, "    <edge id=\"e%zu\" source=\"", e);
  if (!st && !(st = xml_text(o, g->roles[t->from].id, what, err)) &&
      !(st = cp_buf_puts(o, "\" target=\"")) && !(st = xml_text(o, g->roles[t->to].id, what, err)))
    st = cp_buf_puts(o, "\">");
  for (size_t i = 0; i < edge->n && !st; i++)
    if (!(st = edge_value(t, edge->c[i].name, num, sizeof num, req, &v)))
      st = graphml_data(o, 'e', i, v, what, err);
  return st ? st : cp_buf_puts(o, "</edge>\n");
}

static cp_status graphml(const cp_graph *g, const schema *node, const schema *edge, cp_buf *o,
                         cp_error *err) {
  cp_buf req = {0};
  cp_status st = cp_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  if (!st && !(st = graphml_keys(o, g, node, edge, err)))
    st = cp_buf_puts(o, "  <graph id=\"G\" edgedefault=\"directed\">\n");
  for (size_t i = 0; i < g->n_attrs && !st; i++)
    if (!(st = cp_buf_puts(o, "    ")) &&
        !(st = graphml_data(o, 'g', i, g->attrs[i].value, "a graph attribute", err)))
      st = cp_buf_puts(o, "\n");
  for (size_t i = 0; i < g->n_roles && !st; i++)
    st = graphml_node(o, &g->roles[i], node, err);
  for (size_t i = 0; i < g->n_transitions && !st; i++)
    st = graphml_edge(o, g, i, edge, &req, err);
  if (!st)
    st = cp_buf_puts(o, "  </graph>\n</graphml>\n");
  cp_buf_free(&req);
  return st;
}

/* ---- GEXF ---- */

static cp_status gexf_attributes(cp_buf *o, const char *cls, const schema *s, size_t first,
                                 cp_error *err) {
  cp_status st = cp_buf_printf(o, "    <attributes class=\"%s\" mode=\"static\">\n", cls);
  for (size_t i = first; i < s->n && !st; i++)
    if (!(st = cp_buf_printf(o, "      <attribute id=\"%zu\" title=\"", i)) &&
        !(st = xml_text(o, s->c[i].name, "an attribute name", err)))
      st = cp_buf_printf(o, "\" type=\"%s\"/>\n", graphml_type(s->c[i].type));
  return st ? st : cp_buf_puts(o, "    </attributes>\n");
}

static cp_status gexf_value(cp_buf *o, size_t key, const char *value, const char *what,
                            cp_error *err) {
  if (!*value)
    return CP_OK;
  cp_status st = cp_buf_printf(o, "<attvalue for=\"%zu\" value=\"", key);
  if (!st)
    st = xml_text(o, value, what, err);
  return st ? st : cp_buf_puts(o, "\"/>");
}

/* Node labels are the label column, the first (schemas sees it first), not an attribute. */
static cp_status gexf_node(cp_buf *o, const cp_role *r, const schema *node, cp_error *err) {
  char num[40];
  const char *v;
  cp_status st = cp_buf_puts(o, "      <node id=\"");
  if (!st && !(st = xml_text(o, r->id, r->id, err)) && !(st = cp_buf_puts(o, "\" label=\"")) &&
      !(st = xml_text(o, r->label, r->id, err)))
    st = cp_buf_puts(o, "\"><attvalues>");
  for (size_t i = 1; i < node->n && !st; i++) {
    node_value(r, node->c[i].name, num, sizeof num, &v);
    st = gexf_value(o, i, v, r->id, err);
  }
  return st ? st : cp_buf_puts(o, "</attvalues></node>\n");
}

static cp_status gexf_edge(cp_buf *o, const cp_graph *g, size_t e, const schema *edge,
                           const char *flow, cp_buf *req, cp_error *err) {
  const cp_transition *t = cp_tr(g, e);
  const char *what = g->roles[t->from].id, *v;
  char num[40];
  double w = 1;
  if (flow)
    cp_transition_number(t, flow, &w);
  number_text(w, num, sizeof num);
  cp_status st = cp_buf_printf(o, "      <edge id=\"%zu\" source=\"", e);
  if (!st && !(st = xml_text(o, g->roles[t->from].id, what, err)) &&
      !(st = cp_buf_puts(o, "\" target=\"")) && !(st = xml_text(o, g->roles[t->to].id, what, err)))
    st = cp_buf_printf(o, "\" weight=\"%s\"><attvalues>", num);
  for (size_t i = 0; i < edge->n && !st; i++)
    if (!(st = edge_value(t, edge->c[i].name, num, sizeof num, req, &v)))
      st = gexf_value(o, i, v, what, err);
  return st ? st : cp_buf_puts(o, "</attvalues></edge>\n");
}

static cp_status gexf(const cp_graph *g, const schema *node, const schema *edge, cp_buf *o,
                      cp_error *err) {
  cp_buf req = {0};
  const char *label = cp_graph_attr(g, "label"), *flow = cp_graph_flow_weight(g);
  cp_status st = cp_buf_puts(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
                                "  <meta><creator>careerpath</creator><description>");
  if (!st && !(st = xml_text(o, label ? label : g->name, "the graph's label", err)))
    st = cp_buf_puts(o, "</description></meta>\n"
                        "  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
  /* Column 0 of the roles is their label, which GEXF carries on the node itself. */
  if (!st && !(st = gexf_attributes(o, "node", node, 1, err)) &&
      !(st = gexf_attributes(o, "edge", edge, 0, err)))
    st = cp_buf_puts(o, "    <nodes>\n");
  for (size_t i = 0; i < g->n_roles && !st; i++)
    st = gexf_node(o, &g->roles[i], node, err);
  if (!st)
    st = cp_buf_puts(o, "    </nodes>\n    <edges>\n");
  for (size_t i = 0; i < g->n_transitions && !st; i++)
    st = gexf_edge(o, g, i, edge, flow, &req, err);
  if (!st)
    st = cp_buf_puts(o, "    </edges>\n  </graph>\n</gexf>\n");
  cp_buf_free(&req);
  return st;
}

typedef cp_status (*writer)(const cp_graph *, const schema *, const schema *, cp_buf *, cp_error *);

static cp_status write_with(const cp_graph *g, writer w, char **out, size_t *out_len,
                            cp_error *err) {
  schema node = {0}, edge = {0};
  cp_buf o = {0};
  cp_status st = schemas(g, &node, &edge);
  if (!st)
    st = w(g, &node, &edge, &o, err);
  free(node.c);
  free(edge.c);
  if (st) {
    cp_buf_free(&o);
    return st == CP_ENOMEM ? cp_fail(err, st, "out of memory writing %s", g->name) : st;
  }
  if (!o.data && cp_buf_puts(&o, ""))
    return cp_fail(err, CP_ENOMEM, "out of memory writing %s", g->name);
  *out = o.data;
  *out_len = o.len;
  return CP_OK;
}

cp_status cp_write_graph_graphml(const cp_graph *g, char **out, size_t *out_len, cp_error *err) {
  return write_with(g, graphml, out, out_len, err);
}

cp_status cp_write_graph_gexf(const cp_graph *g, char **out, size_t *out_len, cp_error *err) {
  return write_with(g, gexf, out, out_len, err);
}
