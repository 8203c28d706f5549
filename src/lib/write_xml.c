/* write_xml.c: a graph as GraphML or GEXF, for NetworkX, igraph, Gephi and yEd. */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether a transition's months are its own (not read from its median_months, which is
 * written as itself). */
static bool own_months(const cp_transition *t) {
  return (t->has & CP_HAS_MONTHS) && !(t->has & CP_MONTHS_MEDIAN);
}

/* The shorter of %.15g and %.17g that reads back as `v`. */
static void number_text(double v, char *text, size_t n) {
  snprintf(text, n, "%.15g", v);
  if (strtod(text, NULL) != v)
    snprintf(text, n, "%.17g", v);
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
    const cp_transition *t = &g->transitions[i];
    static const char *const w[] = {"months", "cost", "effort"};
    const bool has[] = {own_months(t), t->has & CP_HAS_COST, t->has & CP_HAS_EFFORT};
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
  if (!strcmp(name, "months") && own_months(t))
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
    req->len = 0;
    cp_status st = cp_buf_puts(req, "");
    for (size_t i = 0; i < t->n_requires && !st; i++)
      st = cp_buf_printf(req, "%s%s", i ? ";" : "", t->requires[i]);
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
  const cp_transition *t = &g->transitions[e];
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
  const cp_transition *t = &g->transitions[e];
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
