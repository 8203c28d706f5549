/* render_cgraph.c: the cgraph graph drawings are built in: ordered IDs, helpers, label text. */
#include "render_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static Agdisc_t discipline = {&AgMemDisc, &sequential_ids, &AgIoDisc};

Agraph_t *cp_render_open_graph(void) {
  return agopen((char *)"careerpath", Agdirected, &discipline);
}

void cp_render_set(void *obj, const char *key, const char *value) {
  agsafeset(obj, (char *)key, (char *)value, "");
}

void cp_render_set_html(void *obj, const char *key, const char *html) {
  Agraph_t *root = agroot(agraphof(obj));
  char *value = agstrdup_html(root, (char *)html);
  agsafeset(obj, (char *)key, value, "");
  agstrfree(root, value);
}

void cp_render_setf(void *obj, const char *key, const char *fmt, ...) {
  char text[128];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  cp_render_set(obj, key, text);
}

/* Role ids are arbitrary text, so a clash with a helper's name is possible and must not
 * merge a role into a helper. */
Agnode_t *cp_render_helper_node(Agraph_t *parent, const char *base) {
  char name[96];
  snprintf(name, sizeof name, "%s", base);
  for (unsigned i = 1; agnode(agroot(parent), name, 0); i++)
    snprintf(name, sizeof name, "%s~%u", base, i);
  Agnode_t *n = agnode(parent, name, 1);
  cp_render_set(n, "id", base);
  return n;
}

/* Graphviz reads backslash escapes (\N, \G, \n ...) and HTML entities (&amp;) in plain
 * labels: doubling backslashes and writing & as &amp; keeps a role's name the text it is.
 * Quotes and markup need nothing more: cgraph quotes on output and the SVG renderer escapes
 * XML. */
cp_status cp_render_append_label_text(cp_buf *out, const char *s) {
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

cp_status cp_render_label_text(const char *s, cp_buf *out) {
  out->len = 0;
  cp_status st = cp_buf_append(out, "", 0); /* "" is still a string */
  return st ? st : cp_render_append_label_text(out, s);
}

/* Code points in s[0..len): every byte but UTF-8's continuation bytes. */
static size_t code_points(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

/* Bytes of s[0..len) that hold at most `max` code points, never splitting a character. */
static size_t prefix_bytes(const char *s, size_t len, size_t max) {
  size_t i = 0, n = 0;
  while (i < len) {
    if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max)
      break;
    i++;
  }
  return i;
}

/* Greedy: as many words on a line as fit; a word longer than a line has one to itself, and
 * one longer than two lines is cut, between characters, into lines of its own. Each piece goes
 * through `append` (label text or HTML escapes), lines are joined by `eol`. */
static cp_status wrap(const char *s, size_t width, const char *eol,
                      cp_status (*append)(cp_buf *, const char *), cp_buf *out, size_t *lines) {
  cp_status st = cp_buf_append(out, "", 0);
  cp_buf word = {0};
  size_t line = 0;
  bool cutting = false; /* the rest of a word being cut is cut too */
  *lines = 0;
  while (*s == ' ')
    s++;
  while (*s && !st) {
    size_t len = strcspn(s, " ");
    size_t whole = code_points(s, len);
    if (width > 0 && (whole > 2 * width || (cutting && whole > width)))
      len = prefix_bytes(s, len, line ? 0 : width); /* a fresh line takes a piece */
    cutting = len < strcspn(s, " ");
    size_t cps = code_points(s, len);
    if (line && (len == 0 || line + 1 + cps > width)) {
      st = cp_buf_puts(out, eol);
      line = 0;
      continue;
    }
    word.len = 0;
    if (!st && line)
      st = cp_buf_puts(out, " ");
    if (!st && !(st = cp_buf_append(&word, s, len)) && !(st = cp_buf_append(&word, "", 1)))
      st = append(out, word.data);
    *lines += line == 0;
    line += (line ? 1 : 0) + cps;
    s += len;
    while (*s == ' ')
      s++;
  }
  cp_buf_free(&word);
  if (!*lines)
    *lines = 1;
  return st;
}

cp_status cp_render_wrapped_text(const char *s, size_t width, const char *eol, cp_buf *out,
                                 size_t *lines) {
  out->len = 0;
  cp_status st = wrap(s, width, eol, cp_render_append_label_text, out, lines);
  if (!st && !strcmp(eol, "\\l") && out->len)
    st = cp_buf_puts(out, eol); /* "\\l" ends a left-justified line, the last one too */
  return st;
}

cp_status cp_render_append_wrapped_html(cp_buf *out, const char *s, size_t width) {
  size_t lines;
  return wrap(s, width, "<BR ALIGN=\"LEFT\"/>", cp_render_append_html_text, out, &lines);
}

cp_status cp_render_append_html_text(cp_buf *out, const char *s) {
  cp_status st = CP_OK;
  for (; *s && !st; s++)
    st = *s == '&'   ? cp_buf_puts(out, "&amp;")
         : *s == '<' ? cp_buf_puts(out, "&lt;")
         : *s == '>' ? cp_buf_puts(out, "&gt;")
         : *s == '"' ? cp_buf_puts(out, "&quot;")
                     : cp_buf_append(out, s, 1);
  return st;
}
