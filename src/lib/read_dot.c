/* read_dot.c: reads a career graph from DOT through Graphviz's cgraph parser. */
#include "internal.h"

#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PARSE_SLACK = 1 << 20 };

/* Attributes that map to model fields, or that cgraph/Graphviz own, and are not kept as
 * further attributes. */
static bool is_node_field(const char *k) {
  return !strcmp(k, "label") || !strcmp(k, "domain") || !strcmp(k, "level") || !strcmp(k, "kind");
}

static bool is_edge_field(const char *k) {
  return !strcmp(k, "months") || !strcmp(k, "cost") || !strcmp(k, "effort") ||
         !strcmp(k, "requires") || !strcmp(k, "note") || !strcmp(k, "source") || !strcmp(k, "key");
}

static const char *get(void *obj, const char *key) {
  const char *v = agget(obj, (char *)key);
  return v ? v : "";
}

/* The name cgraph puts in its messages, which are rewritten to name the file read. */
static char parse_name[] = "dot";

/* Turns cgraph's "Error: dot: syntax error in line 3 near 'x'" into "NAME:3: DOT syntax error
 * near 'x'", and its parser's other complaints ("memory exhausted": a statement too long for
 * its fixed stack) into "NAME:3: DOT parser: memory exhausted near 'x'". */
static cp_status syntax_error(const char *name, const char *msg, cp_error *err) {
  const char *in_line = strstr(msg, "in line ");
  long line = in_line ? strtol(in_line + 8, NULL, 10) : 0;
  const char *near = strstr(msg, "near ");
  char detail[256];
  snprintf(detail, sizeof detail, "%s", near ? near : "");
  detail[strcspn(detail, "\r\n")] = '\0';
  if (line > 0 && strstr(msg, "memory exhausted"))
    return cp_fail(err, CP_EPARSE,
                   "%s:%ld: DOT parser ran out of stack (memory exhausted)%s%s; an edge statement "
                   "of 2,500 roles or more is too long for Graphviz: split it",
                   name, line, *detail ? " " : "", detail);
  if (line > 0)
    return cp_fail(err, CP_EPARSE, "%s:%ld: DOT syntax error%s%s", name, line, *detail ? " " : "",
                   detail);
  char whole[256];
  snprintf(whole, sizeof whole, "%s", *msg ? msg : "not a DOT graph");
  whole[strcspn(whole, "\r\n")] = '\0';
  return cp_fail(err, CP_EPARSE, "%s: DOT syntax error: %s", name, whole);
}

/* cgraph's input over the DOT text in memory. Lines starting with '#' (C preprocessor output)
 * are blanked on the way in: cgraph ignores them anyway, but obeys `# 999 "file"` by
 * renumbering the lines after it, and messages must name the file's own lines. Quoted and
 * HTML strings and comments are followed so that a '#' inside one is left alone. */
typedef struct dot_input {
  const char *data;
  size_t len, cur;
  enum { IN_DOT, IN_QUOTED, IN_HTML, IN_BLOCK_COMMENT, IN_LINE_COMMENT, IN_HASH_LINE } state;
  int depth;       /* of '<' in an HTML string */
  bool escaped;    /* a backslash just read in a quoted string */
  bool line_start; /* the next byte begins a line */
} dot_input;

/* The byte at `at` as cgraph is given it, moving the state on. */
static char dot_input_byte(dot_input *in, size_t at) {
  char c = in->data[at], next = at + 1 < in->len ? in->data[at + 1] : '\0';
  bool start = in->line_start;
  in->line_start = c == '\n';
  switch (in->state) {
  case IN_DOT:
    if (start && c == '#') {
      in->state = IN_HASH_LINE;
      return ' ';
    }
    if (c == '"')
      in->state = IN_QUOTED, in->escaped = false;
    else if (c == '<')
      in->state = IN_HTML, in->depth = 1;
    else if (c == '/' && next == '*')
      in->state = IN_BLOCK_COMMENT, in->depth = 0;
    else if (c == '/' && next == '/')
      in->state = IN_LINE_COMMENT;
    return c;
  case IN_QUOTED:
    if (in->escaped)
      in->escaped = false;
    else if (c == '\\')
      in->escaped = true;
    else if (c == '"')
      in->state = IN_DOT;
    return c;
  case IN_HTML:
    in->depth += c == '<' ? 1 : c == '>' ? -1 : 0;
    if (!in->depth)
      in->state = IN_DOT;
    return c;
  case IN_BLOCK_COMMENT: /* depth: bytes read past the "/", so "/" + "*" + "/" does not close */
    if (in->depth >= 2 && c == '/' && in->data[at - 1] == '*')
      in->state = IN_DOT;
    else if (in->depth < 2)
      in->depth++;
    return c;
  case IN_LINE_COMMENT:
  case IN_HASH_LINE:
    if (c == '\n') {
      bool hash = in->state == IN_HASH_LINE;
      in->state = IN_DOT;
      return hash ? '\n' : c;
    }
    return in->state == IN_HASH_LINE ? ' ' : c;
  }
  return c;
}

static int dot_input_read(void *chan, char *buf, int size) {
  dot_input *in = chan;
  int n = 0;
  for (; n < size && in->cur < in->len; n++)
    buf[n] = dot_input_byte(in, in->cur++);
  return n;
}

/* Parses the one graph of `src` into *out. Whatever graph cgraph hands back, a message it
 * reported makes the parse fail, and so does anything after the graph but blanks and comments:
 * cgraph stops after the first graph and leaves the rest for a later call, which reads it here
 * (so the next file read starts clean). */
static cp_status parse_dot(const char *name, const char *data, size_t len, Agraph_t **out,
                           cp_error *err) {
  dot_input in = {.data = data, .len = len, .line_start = true};
  Agiodisc_t io = {dot_input_read, AgIoDisc.putstr, AgIoDisc.flush};
  Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
  char msg[512];
  cp_status st = CP_OK;
  agsetfile(parse_name); /* also sets cgraph's line count back to 1 */
  cp_cgraph_take_message();
  Agraph_t *ag = agread(&in, &disc);
  snprintf(msg, sizeof msg, "%s", cp_cgraph_take_message());
  if (strstr(msg, "Error"))
    st = syntax_error(name, msg, err);
  else if (!ag)
    st = syntax_error(name, "", err);
  /* The rest: each call reads a graph, or stops at a syntax error and drops its buffer. */
  for (size_t round = 0; round <= len; round++) {
    Agraph_t *more = agread(&in, &disc);
    const char *rest = cp_cgraph_take_message();
    if (!st && more)
      st = cp_fail(err, CP_EPARSE,
                   "%s: a second graph ('%.64s') after the first; a file holds "
                   "one graph",
                   name, agnameof(more));
    else if (!st && *rest)
      st = syntax_error(name, rest, err);
    if (more)
      agclose(more);
    else if (!*rest && in.cur >= in.len)
      break;
  }
  if (st && ag)
    agclose(ag);
  else
    *out = ag;
  return st;
}

/* The DOT text being read, for the line numbers of limit errors. */
typedef struct source {
  const char *name, *data;
  size_t len;
} source;

static bool id_char(const source *src, const char *p) {
  if (p < src->data || p >= src->data + src->len)
    return false;
  unsigned char c = (unsigned char)*p;
  return c >= 0x80 || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
         ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* cgraph keeps no line numbers once a graph is parsed: the line where `text` first appears in
 * the source as a whole word (a role "a" is not the a of "digraph"), or 0 when it does not
 * appear as written (escapes, "a" + "b"). */
static size_t source_line(const source *src, const char *text) {
  size_t n = strlen(text), line = 1;
  const char *end = src->data + src->len;
  for (const char *p = src->data; n && p + n <= end; p++) {
    if (*p == '\n')
      line++;
    else if (*p == *text && !memcmp(p, text, n) && !id_char(src, p - 1) && !id_char(src, p + n))
      return line;
  }
  return 0;
}

/* Wraps `inner` (a limit error about `text`) as "NAME:LINE: ..." or "NAME: ...". */
static cp_status limit_error(const source *src, const char *text, const cp_error *inner,
                             cp_error *err) {
  size_t line = source_line(src, text);
  if (line)
    return cp_fail(err, inner->status, "%s:%zu: %s", src->name, line, inner->message);
  return cp_fail(err, inner->status, "%s: %s", src->name, inner->message);
}

/* CP_ELIMIT for an attribute value longer than a field may be, naming its owner (the graph,
 * a role or a transition: made only on failure, as this runs for every node and edge). */
static cp_status check_values(const source *src, Agraph_t *ag, void *obj, int kind, cp_error *err) {
  for (Agsym_t *sym = agnxtattr(ag, kind, NULL); sym; sym = agnxtattr(ag, kind, sym)) {
    const char *v = agxget(obj, sym);
    size_t n = v ? strlen(v) : 0;
    if (n > cp_limits_get()->field) {
      char what[128] = "the graph";
      if (kind == AGNODE) {
        const char *id = agnameof(obj);
        snprintf(what, sizeof what, "role '%.*s%s'", (int)cp_utf8_fit(id, 24), id,
                 strlen(id) > 24 ? "..." : "");
      } else if (kind == AGEDGE) {
        const char *from = agnameof(agtail((Agedge_t *)obj)),
                   *to = agnameof(aghead((Agedge_t *)obj));
        snprintf(what, sizeof what, "transition %.*s -> %.*s", (int)cp_utf8_fit(from, 24), from,
                 (int)cp_utf8_fit(to, 24), to);
      }
      cp_error inner;
      cp_fail(&inner, CP_ELIMIT,
              "%s: attribute '%s' is %zu bytes; the longest field accepted is %zu", what, sym->name,
              n, cp_limits_get()->field);
      return limit_error(src, v, &inner, err);
    }
  }
  return CP_OK;
}

/* Which of a role's texts a limit or text error is about, to find its line. */
static const char *role_culprit(const char *id, const char *label, const char *domain) {
  if (cp_find_control(label, 0) || !cp_utf8_valid(label, strlen(label)) ||
      strlen(label) > cp_limits_get()->name)
    return label;
  if (cp_find_control(domain, 0))
    return domain;
  return id;
}

static bool is_credential(Agnode_t *n) { return !strcmp(get(n, "kind"), "credential"); }

/* A node with kind="credential" is a catalogue entry: its label (or name) as written in
 * `requires`, and what earning it takes. */
static cp_status read_credential(Agnode_t *n, cp_graph *g, const char *name, cp_error *err) {
  const char *label = get(n, "label");
  const char *cred = *label && strcmp(label, "\\N") ? label : agnameof(n);
  double v[2] = {0, 0};
  const char *keys[2] = {"months", "cost"};
  for (int i = 0; i < 2; i++) {
    const char *text = get(n, keys[i]);
    if (!*text || !cp_parse_weight(text, &v[i]))
      return cp_fail(err, CP_EINVAL,
                     "%s: credential '%s': %s '%s' is not a non-negative finite number", name, cred,
                     keys[i], text);
  }
  cp_error inner;
  cp_status st = cp_graph_add_credential(g, cred, v[0], v[1], get(n, "source"), &inner);
  if (st)
    return cp_fail(err, st, "%s: %s", name, inner.message);
  return CP_OK;
}

static cp_status read_roles(Agraph_t *ag, cp_graph *g, const source *src, cp_error *err) {
  const char *name = src->name;
  for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
    const char *id = agnameof(n);
    cp_status st = check_values(src, ag, n, AGNODE, err);
    if (st)
      return st;
    if (is_credential(n)) {
      if ((st = read_credential(n, g, name, err)))
        return st;
      continue;
    }
    const char *label = get(n, "label");
    if (!strcmp(label, "\\N"))
      label = "";
    const char *level_text = get(n, "level");
    long level = 0;
    if (*level_text && (!cp_parse_int(level_text, &level) || level < 0 || level > 1000))
      return cp_fail(err, CP_EINVAL, "%s: role '%s': level '%s' is not a whole number >= 0", name,
                     id, level_text);
    cp_error inner;
    size_t index;
    if (cp_graph_add_role(g, id, label, get(n, "domain"), (int)level, 0, &index, &inner)) {
      if (inner.status != CP_ELIMIT && inner.status != CP_EPARSE)
        return cp_fail(err, inner.status, "%s: %s", name, inner.message);
      return limit_error(src, role_culprit(id, label, get(n, "domain")), &inner, err);
    }
    for (Agsym_t *sym = agnxtattr(ag, AGNODE, NULL); sym; sym = agnxtattr(ag, AGNODE, sym)) {
      const char *v = agxget(n, sym);
      if (is_node_field(sym->name) || !v || !*v)
        continue;
      if (cp_graph_set_role_attr(g, index, sym->name, v, &inner))
        return cp_fail(err, inner.status, "%s: role '%s': %s", name, id, inner.message);
    }
  }
  return CP_OK;
}

static cp_status read_weight(Agedge_t *e, const char *key, unsigned bit, double *v, unsigned *has,
                             const char *name, cp_error *err) {
  const char *text = get(e, key);
  if (!*text)
    return CP_OK;
  if (!cp_parse_weight(text, v))
    return cp_fail(err, CP_EINVAL,
                   "%s: transition %s -> %s: %s '%s' is not a non-negative finite number", name,
                   agnameof(agtail(e)), agnameof(aghead(e)), key, text);
  *has |= bit;
  return CP_OK;
}

static cp_status read_transitions(Agraph_t *ag, cp_graph *g, const source *src, cp_error *err) {
  const char *name = src->name;
  cp_status st = CP_OK;
  cp_attr *extra = NULL;
  size_t cap_extra = 0;
  for (Agsym_t *s = agnxtattr(ag, AGEDGE, NULL); s; s = agnxtattr(ag, AGEDGE, s))
    cap_extra++;
  if (cap_extra && !(extra = malloc(cap_extra * sizeof *extra)))
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
    for (Agedge_t *e = agfstout(ag, n); e; e = agnxtout(ag, e)) {
      cp_transition_spec spec = {0};
      if (is_credential(agtail(e)) || is_credential(aghead(e))) {
        st = cp_fail(err, CP_EINVAL, "%s: transition %s -> %s: a credential is not a role", name,
                     agnameof(agtail(e)), agnameof(aghead(e)));
        goto cleanup;
      }
      if ((st = check_values(src, ag, e, AGEDGE, err)) ||
          (st = read_weight(e, "months", CP_HAS_MONTHS, &spec.months, &spec.has, name, err)) ||
          (st = read_weight(e, "cost", CP_HAS_COST, &spec.cost, &spec.has, name, err)) ||
          (st = read_weight(e, "effort", CP_HAS_EFFORT, &spec.effort, &spec.has, name, err)))
        goto cleanup;
      spec.requires = get(e, "requires");
      spec.note = get(e, "note");
      spec.source = get(e, "source");
      for (Agsym_t *s = agnxtattr(ag, AGEDGE, NULL); s; s = agnxtattr(ag, AGEDGE, s)) {
        const char *v = agxget(e, s);
        if (!is_edge_field(s->name) && v && *v)
          extra[spec.n_attrs++] = (cp_attr){s->name, (char *)v};
      }
      spec.attrs = extra;
      size_t from, to;
      cp_graph_role_index(g, agnameof(agtail(e)), &from);
      cp_graph_role_index(g, agnameof(aghead(e)), &to);
      cp_error inner;
      if ((st = cp_graph_add_transition(g, from, to, &spec, &inner))) {
        cp_fail(err, st, "%s: %s", name, inner.message);
        goto cleanup;
      }
    }
  }
cleanup:
  free(extra);
  return st;
}

/* CP_ELIMIT naming the first line longer than the longest accepted. */
static cp_status check_lines(const char *name, const char *data, size_t len, cp_error *err) {
  size_t line = 1;
  for (const char *p = data, *end = data + len; p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t text = (size_t)((nl ? nl : end) - p);
    if (text && p[text - 1] == '\r')
      text--;
    if (text > cp_limits_get()->line)
      return cp_fail(err, CP_ELIMIT, "%s:%zu: line is %zu bytes; the longest line accepted is %zu",
                     name, line, text, cp_limits_get()->line);
    p = nl ? nl + 1 : end;
  }
  return CP_OK;
}

cp_status cp_read_dot_buffer(const char *name, const char *data, size_t len, cp_graph **out,
                             cp_error *err) {
  cp_status st = CP_OK;
  cp_graph *g = NULL;
  Agraph_t *ag = NULL;
  source src = {name, data, len};
  cp_init();
  if (memchr(data, '\0', len))
    return cp_fail(err, CP_EPARSE, "%s: contains a NUL byte; not a text DOT file", name);
  if ((st = check_lines(name, data, len, err)))
    return st;
  if (!cp_utf8_valid(data, len)) {
    size_t line = 1, good = 0;
    /* Find the first bad line so the message can point at it. */
    for (size_t i = 0; i < len; i++) {
      if (data[i] == '\n') {
        if (!cp_utf8_valid(data + good, i - good))
          break;
        good = i + 1;
        line++;
      }
    }
    return cp_fail(err, CP_EPARSE, "%s:%zu: not valid UTF-8", name, line);
  }
  /* cgraph crashes when memory runs out while it parses; it takes a few times the text
   * (measured: under 6x, the model included), so ask for room first. */
  if (!cp_memory_available(16 * len + PARSE_SLACK))
    return cp_fail(err, CP_ENOMEM, "%s: out of memory reading the graph", name);
  if ((st = parse_dot(name, data, len, &ag, err)))
    return st;
  if (!agisdirected(ag)) {
    st = cp_fail(err, CP_EINVAL, "%s: the graph is undirected; career moves need a digraph", name);
    goto cleanup;
  }
  if ((st = check_values(&src, ag, ag, AGRAPH, err)))
    goto cleanup;
  if ((st = cp_graph_new(name, &g)) != CP_OK) {
    cp_fail(err, st, "%s: out of memory", name);
    goto cleanup;
  }
  for (Agsym_t *sym = agnxtattr(ag, AGRAPH, NULL); sym; sym = agnxtattr(ag, AGRAPH, sym)) {
    const char *v = agxget(ag, sym);
    if (!v || !*v)
      continue;
    if (!cp_utf8_valid(v, strlen(v)) || cp_find_control(v, 1)) {
      st = cp_fail(err, CP_EPARSE, "%s: graph attribute '%s' is not valid UTF-8 text (%s)", name,
                   sym->name, cp_find_control(v, 1) ? "a control character" : "broken bytes");
      goto cleanup;
    }
    if ((st = cp_graph_set_attr(g, sym->name, v))) {
      cp_fail(err, st, "%s: out of memory", name);
      goto cleanup;
    }
  }
  if ((st = read_roles(ag, g, &src, err)) || (st = read_transitions(ag, g, &src, err)))
    goto cleanup;
  *out = g;
  g = NULL;
cleanup:
  cp_graph_free(g);
  if (ag)
    agclose(ag);
  return st;
}

cp_status cp_read_dot_file(const char *path, cp_graph **out, cp_error *err) {
  char *data = NULL;
  size_t len = 0;
  cp_status st = cp_read_file(path, &data, &len, err);
  if (st == CP_OK)
    st = cp_read_dot_buffer(path, data, len, out, err);
  free(data);
  return st;
}
