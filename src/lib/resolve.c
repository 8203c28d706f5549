/* resolve.c: turns what a person typed into a role: an id, a label with or without its
 * parenthetical, an alias or an occupation code, in any case, punctuation or number; a unique
 * close match is taken with a note, several matches are listed. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

enum {
  FOLD_CAP = 2 * CP_MAX_NAME_BYTES, /* a folded name; longer ones are never equal to anything */
  MAX_SUGGESTED = 5,                /* "did you mean" names listed */
  LIST_ROOM = CP_ERROR_MESSAGE_MAX - 200, /* of a message, for the candidates listed */
  MAX_TYPED_WORDS = 32,
};

/* ---- folding: one spelling for the ways people write a name ---- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' ||
         c == '#' || c >= 0x80;
}

/* An apostrophe (ASCII or U+2019) is dropped, not a word break: "Master's" is "masters". */
static size_t quote_len(const char *s, size_t n) {
  if (n >= 1 && s[0] == '\'')
    return 1;
  if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
      (unsigned char)s[2] == 0x99)
    return 3;
  return 0;
}

/* The length of English word `w` in the singular, for the regular plurals of job titles
 * ("nurses", "analysts", "specialties", "businesses"); words that end in -ss, -us or -is
 * ("class", "status", "analysis") and short ones ("ms", "its") are left alone. Both sides of a
 * comparison are folded the same way, so an odd stem ("midwive") still matches itself. */
static size_t singular(char *w, size_t n) {
  if (n < 4 || w[n - 1] != 's')
    return n;
  if (n >= 5 && memcmp(w + n - 3, "ies", 3) == 0) {
    w[n - 3] = 'y';
    return n - 2;
  }
  if (memcmp(w + n - 4, "sses", 4) == 0 || memcmp(w + n - 4, "ches", 4) == 0 ||
      memcmp(w + n - 4, "shes", 4) == 0 || memcmp(w + n - 3, "xes", 3) == 0)
    return n - 2;
  char before = w[n - 2];
  return before == 's' || before == 'u' || before == 'i' ? n : n - 1;
}

/* British and American spellings of the words careers use ("visualization", "license")
 * fold to one: -ization to -isation, -ize to -ise, license to licence. */
static void spelling(char *w, size_t n) {
  if (n >= 7 && memcmp(w + n - 7, "ization", 7) == 0)
    w[n - 6] = 's';
  else if (n >= 4 && memcmp(w + n - 3, "ize", 3) == 0)
    w[n - 2] = 's';
  else if (n == 7 && memcmp(w, "license", 7) == 0)
    w[5] = 'c';
}

bool cp_name_fold(const char *s, size_t len, char *out, size_t cap) {
  size_t o = 0, i = 0;
  while (i < len) {
    size_t q;
    while (i < len && ((q = quote_len(s + i, len - i)) || !word_byte((unsigned char)s[i])))
      i += q ? q : 1;
    if (i >= len)
      break;
    if (o && o + 1 < cap)
      out[o++] = ' ';
    size_t start = o;
    while (i < len) {
      if ((q = quote_len(s + i, len - i))) {
        i += q;
        continue;
      }
      if (!word_byte((unsigned char)s[i]))
        break;
      if (o + 1 >= cap)
        return false;
      out[o++] = (char)lower((unsigned char)s[i++]);
    }
    o = start + singular(out + start, o - start);
    spelling(out + start, o - start);
  }
  if (o >= cap)
    return false;
  out[o] = '\0';
  return true;
}

/* ---- the names a role goes by ---- */

typedef bool (*form_fn)(void *ctx, const char *folded); /* true: stop looking */

/* Folds `s` (len bytes) and hands it to fn; false when it does not fold (too long). */
static bool visit(form_fn fn, void *ctx, const char *s, size_t len, bool *stop) {
  char buf[FOLD_CAP];
  if (!len || !cp_name_fold(s, len, buf, sizeof buf) || !*buf)
    return false;
  *stop = fn(ctx, buf);
  return true;
}

/* The label with every "(...)" left out, and each "(...)" on its own. */
static bool label_parts(const char *label, form_fn fn, void *ctx) {
  const char *open = strchr(label, '(');
  if (!open)
    return false;
  char outside[FOLD_CAP];
  size_t o = 0;
  bool stop = false;
  for (const char *p = label; *p && !stop;) {
    if (*p != '(') {
      if (o + 1 < sizeof outside)
        outside[o++] = *p;
      p++;
      continue;
    }
    const char *close = strchr(p, ')');
    const char *end = close ? close : p + strlen(p);
    visit(fn, ctx, p + 1, (size_t)(end - p - 1), &stop);
    p = close ? close + 1 : end;
  }
  if (!stop)
    visit(fn, ctx, outside, o, &stop);
  return stop;
}

/* Calls fn with each of the role's names folded: id, label, the label without its
 * parenthetical, the parenthetical ("CMIO"), and each alias (attribute `aliases`, a
 * ';'-separated list). Returns true when fn asked to stop. */
static bool each_name(const cp_role *r, form_fn fn, void *ctx) {
  bool stop = false;
  visit(fn, ctx, r->id, strlen(r->id), &stop);
  if (!stop && strcmp(r->label, r->id))
    visit(fn, ctx, r->label, strlen(r->label), &stop);
  if (!stop)
    stop = label_parts(r->label, fn, ctx);
  const char *alias;
  size_t n;
  for (size_t k = 0; !stop && cp_role_alias(r, k, &alias, &n); k++)
    visit(fn, ctx, alias, n, &stop);
  return stop;
}

bool cp_role_alias(const cp_role *r, size_t k, const char **start, size_t *len) {
  const char *p = cp_role_attr(r, "aliases");
  for (size_t i = 0; p && *p; i++) {
    const char *end = strchr(p, ';');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (i == k) {
      *start = p, *len = n;
      return true;
    }
    p = end ? end + 1 : p + n;
  }
  return false;
}

/* ---- collecting candidates ---- */

typedef struct cands {
  size_t *items;
  size_t n, cap;
} cands;

static cp_status add(cands *c, size_t role) {
  if (c->n && c->items[c->n - 1] == role)
    return CP_OK;
  size_t *grown = cp_grow(c->items, &c->cap, c->n + 1, sizeof *grown, 8);
  if (!grown)
    return CP_ENOMEM;
  c->items = grown;
  c->items[c->n++] = role;
  return CP_OK;
}

/* A whole name as typed: the id or the label, ignoring ASCII case. */
static cp_status as_typed(const cp_graph *g, const char *name, cands *c) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_roles && !st; i++)
    if (!cp_strcasecmp_ascii(g->roles[i].id, name) || !cp_strcasecmp_ascii(g->roles[i].label, name))
      st = add(c, i);
  return st;
}

/* "29-1141" or "29-1141.00": an SOC or O*NET-SOC occupation code. */
static bool code_like(const char *s) {
  static const char pattern[] = "dd-dddd.dd";
  size_t n = strlen(s);
  if (n != 7 && n != 10)
    return false;
  for (size_t i = 0; i < n; i++)
    if (pattern[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pattern[i])
      return false;
  return true;
}

/* A role's codes: its id when that is a code, and its `onet` attribute. */
static bool has_code(const cp_role *r, const char *code, size_t n) {
  const char *mine[2] = {r->id, cp_role_attr(r, "onet")};
  for (int i = 0; i < 2; i++)
    if (mine[i] && code_like(mine[i]) && strncmp(mine[i], code, n) == 0 &&
        (mine[i][n] == '\0' || n == 7))
      return true;
  return false;
}

/* An occupation code: the code itself; a 7-character SOC code is its O*NET ".00"
 * occupation when there is one, else every occupation under it. */
static cp_status by_code(const cp_graph *g, const char *name, cands *c) {
  char trimmed[16];
  size_t n = strlen(name);
  while (n && name[n - 1] == ' ')
    n--;
  while (n && *name == ' ')
    name++, n--;
  if (n >= sizeof trimmed)
    return CP_OK;
  memcpy(trimmed, name, n);
  trimmed[n] = '\0';
  if (!code_like(trimmed))
    return CP_OK;
  char base[16];
  memcpy(base, trimmed, n);
  memcpy(base + n, ".00", 4);
  cp_status st = CP_OK;
  if (n == 7)
    for (size_t i = 0; i < g->n_roles && !st; i++)
      if (has_code(&g->roles[i], base, 10))
        st = add(c, i);
  bool base_found = c->n > 0;
  for (size_t i = 0; i < g->n_roles && !st && !base_found; i++)
    if (has_code(&g->roles[i], trimmed, n))
      st = add(c, i);
  return st;
}

static bool same_folded(void *ctx, const char *folded) { return strcmp(ctx, folded) == 0; }

static cp_status by_folded(const cp_graph *g, const char *folded, cands *c) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_roles && !st; i++)
    if (each_name(&g->roles[i], same_folded, (void *)folded))
      st = add(c, i);
  return st;
}

typedef struct words {
  const char *w[MAX_TYPED_WORDS];
  size_t len[MAX_TYPED_WORDS], n;
} words;

/* Whether `w` (len bytes) is a word of `folded`, or, when `prefix`, the start of one. */
static bool has_word(const char *folded, const char *w, size_t len, bool prefix) {
  for (const char *p = folded; *p;) {
    const char *end = strchr(p, ' ');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if ((n == len || (prefix && n > len)) && memcmp(p, w, len) == 0)
      return true;
    p = end ? end + 1 : p + n;
  }
  return false;
}

/* Every word typed is a word of this name; the last may be the start of one (a person
 * still typing: "clinical inf"). */
static bool all_words(void *ctx, const char *folded) {
  const words *t = ctx;
  for (size_t i = 0; i < t->n; i++)
    if (!has_word(folded, t->w[i], t->len[i], i + 1 == t->n && t->len[i] >= 3))
      return false;
  return true;
}

/* Whether the typed words stand together and in order in this name ("medical secretary"
 * in "medical secretary and administrative assistant", not in "secretary ... medical"); the
 * last may be the start of a word. */
static bool as_phrase(void *ctx, const char *folded) {
  const words *t = ctx;
  const char *typed = t->w[0];
  size_t n = (size_t)(t->w[t->n - 1] + t->len[t->n - 1] - typed);
  bool prefix = t->len[t->n - 1] >= 3;
  for (const char *p = folded; *p; p++) {
    if ((p != folded && p[-1] != ' ') || strncmp(p, typed, n))
      continue;
    if (p[n] == ' ' || p[n] == '\0' || prefix)
      return true;
  }
  return false;
}

/* Roles whose names hold every typed word; when several, those holding them as a phrase, if
 * that narrows them down. */
static cp_status by_words(const cp_graph *g, const char *folded, cands *c) {
  words t = {.n = 0};
  for (const char *p = folded; *p && t.n < MAX_TYPED_WORDS;) {
    const char *end = strchr(p, ' ');
    t.w[t.n] = p;
    t.len[t.n++] = end ? (size_t)(end - p) : strlen(p);
    p = end ? end + 1 : p + strlen(p);
  }
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_roles && !st && t.n; i++)
    if (each_name(&g->roles[i], all_words, &t))
      st = add(c, i);
  if (st || c->n < 2)
    return st;
  size_t kept = 0;
  for (size_t i = 0; i < c->n; i++)
    if (each_name(&g->roles[c->items[i]], as_phrase, &t))
      c->items[kept++] = c->items[i];
  if (kept)
    c->n = kept;
  return CP_OK;
}

/* ---- close spellings and suggestions ---- */

typedef struct nearest {
  const char *typed; /* folded */
  size_t best;       /* edit distance to the nearest name, or more than `cap` */
  size_t cap;        /* distances above this do not matter */
  bool suggest;      /* also count a name containing the typed one, or its start, as near */
} nearest;

static bool nearer(void *ctx, const char *folded) {
  nearest *x = ctx;
  size_t n = strlen(x->typed), m = strlen(folded);
  /* Names whose lengths differ by more than the cap are further than it: no need to count. */
  size_t d = (n > m ? n - m : m - n) > x->cap ? x->cap + 1 : cp_edit_distance(x->typed, folded);
  if (x->suggest) {
    if (n >= 3 && strstr(folded, x->typed))
      d = 1;
    /* A person often types the start of a long name ("clinical inf"). */
    if (n < m && n <= 128) {
      char prefix[129];
      memcpy(prefix, folded, n);
      prefix[n] = '\0';
      size_t dp = cp_edit_distance(x->typed, prefix) + 1;
      d = dp < d ? dp : d;
    }
  }
  if (d < x->best)
    x->best = d;
  return false;
}

static size_t distance_to(const cp_role *r, const char *folded, size_t cap, bool suggest) {
  nearest x = {folded, (size_t)-1, cap, suggest};
  each_name(r, nearer, &x);
  return x.best;
}

/* How many edits a typed name of `n` bytes may be from the one it means and still be taken
 * for it: none up to 4 bytes ("PMP" is not "PM"), then one, two from 12, three from 20. */
static size_t close_enough(size_t n) { return n < 5 ? 0 : 1 + (n >= 12) + (n >= 20); }

/* The one role spelled nearest to the typed name, when it is near enough and nearer than
 * any other; SIZE_MAX otherwise. */
static size_t close_match(const cp_graph *g, const char *folded) {
  size_t limit = close_enough(strlen(folded)), best = (size_t)-1, second = (size_t)-1;
  size_t role = (size_t)-1;
  for (size_t i = 0; i < g->n_roles && limit; i++) {
    size_t d = distance_to(&g->roles[i], folded, limit, false);
    if (d < best) {
      second = best;
      best = d;
      role = i;
    } else if (d < second) {
      second = d;
    }
  }
  return best <= limit && second > best ? role : (size_t)-1;
}

typedef struct scored {
  size_t role, score;
} scored;

static int by_score(const void *a, const void *b) {
  const scored *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return x->role < y->role ? -1 : x->role > y->role;
}

/* ---- results and messages ---- */

static cp_status one_role(const cp_role *r, cp_buf *b, bool with_domain) {
  if (!strcmp(r->id, r->label))
    return cp_buf_printf(b, "'%s'%s%s%s", r->id, with_domain && *r->domain ? " (" : "",
                         with_domain ? r->domain : "", with_domain && *r->domain ? ")" : "");
  return cp_buf_printf(b, "'%s' (%s%s%s)", r->label, r->id, with_domain && *r->domain ? ", " : "",
                       with_domain ? r->domain : "");
}

/* Lists roles into `b` while they fit in a one-line message, then "and N more". */
static cp_status list_roles(const cp_graph *g, const size_t *roles, size_t n, bool with_domain,
                            cp_buf *b) {
  cp_status st = CP_OK;
  size_t i = 0;
  for (; i < n && !st && b->len < LIST_ROOM; i++) {
    size_t before = b->len;
    st = cp_buf_puts(b, i ? ", " : "");
    if (!st)
      st = one_role(&g->roles[roles[i]], b, with_domain);
    if (!st && b->len > LIST_ROOM && i) {
      b->len = before; /* does not fit: say how many are left instead */
      b->data[before] = '\0';
      break;
    }
  }
  if (!st && i < n)
    st = cp_buf_printf(b, " and %zu more", n - i);
  return st;
}

static cp_status hand_over(cands *c, cp_role_match *out) {
  out->candidates = c->items;
  out->n_candidates = c->n;
  c->items = NULL;
  return CP_OK;
}

static cp_status ambiguous(const cp_graph *g, const char *name, cands *c, cp_role_match *out,
                           cp_error *err) {
  cp_buf b = {0};
  cp_status st = list_roles(g, c->items, c->n, true, &b);
  if (st)
    st = cp_fail(err, CP_ENOMEM, "out of memory listing the roles named '%s'", name);
  else
    st = cp_fail(err, CP_EAMBIGUOUS,
                 "'%s' matches %zu roles in %s: %s; give an id or more of the name", name, c->n,
                 g->name, b.data);
  cp_buf_free(&b);
  if (st == CP_EAMBIGUOUS)
    hand_over(c, out);
  return st;
}

static cp_status suggest(const cp_graph *g, const char *name, const char *folded,
                         cp_role_match *out, cp_error *err) {
  scored *all = malloc((g->n_roles ? g->n_roles : 1) * sizeof *all);
  cands shown = {0};
  cp_buf b = {0};
  cp_status st = all ? CP_OK : CP_ENOMEM;
  /* Suggest only names within reach: a third of the typed length plus a little. */
  size_t limit = strlen(folded) / 3 + 1;
  for (size_t i = 0; i < g->n_roles && all; i++)
    all[i] = (scored){i, distance_to(&g->roles[i], folded, limit, true)};
  if (all)
    qsort(all, g->n_roles, sizeof *all, by_score);
  for (size_t i = 0; !st && i < g->n_roles && shown.n < MAX_SUGGESTED && all[i].score <= limit; i++)
    st = add(&shown, all[i].role);
  if (!st && shown.n) {
    st = cp_buf_puts(&b, "; did you mean ");
    if (!st)
      st = list_roles(g, shown.items, shown.n, false, &b);
    if (!st)
      st = cp_buf_puts(&b, "?");
  }
  /* A message cut short would read as "no such role and nothing like it". */
  if (st)
    st = cp_fail(err, CP_ENOMEM, "out of memory suggesting role names for '%s'", name);
  else
    st = cp_fail(err, CP_ENOTFOUND, "no role named '%s' in %s%s", name, g->name,
                 b.data ? b.data : "");
  if (st == CP_ENOTFOUND)
    hand_over(&shown, out);
  free(shown.items);
  free(all);
  cp_buf_free(&b);
  return st;
}

static cp_status found(const cp_graph *g, const char *name, size_t role, cp_match_how how,
                       cp_role_match *out) {
  out->role = role;
  out->how = how;
  if (how >= CP_MATCH_WORDS) {
    const cp_role *r = &g->roles[role];
    snprintf(out->note, sizeof out->note, "taking '%s' as %s (%s)", name, r->label, r->id);
  }
  return CP_OK;
}

/* The passes in order, each only when the ones before found nothing: the id or label as
 * typed, an occupation code, any name folded, the words of a name. */
static cp_status collect(const cp_graph *g, const char *name, const char *folded, cands *c,
                         cp_match_how *how) {
  cp_status st = as_typed(g, name, c);
  *how = CP_MATCH_EXACT;
  if (!st && !c->n) {
    st = by_code(g, name, c);
    *how = CP_MATCH_CODE;
  }
  if (!st && !c->n && *folded) {
    st = by_folded(g, folded, c);
    *how = CP_MATCH_EXACT;
  }
  if (!st && !c->n && *folded) {
    st = by_words(g, folded, c);
    *how = CP_MATCH_WORDS;
  }
  return st;
}

cp_status cp_graph_match_role(const cp_graph *g, const char *name, cp_role_match *out,
                              cp_error *err) {
  memset(out, 0, sizeof *out);
  out->role = (size_t)-1;
  size_t at;
  if (cp_graph_role_index(g, name, &at) == CP_OK)
    return found(g, name, at, CP_MATCH_EXACT, out);
  char folded[FOLD_CAP];
  if (!cp_name_fold(name, strlen(name), folded, sizeof folded))
    folded[0] = '\0';
  cands c = {0};
  cp_match_how how;
  cp_status st = collect(g, name, folded, &c, &how);
  if (st)
    st = cp_fail(err, CP_ENOMEM, "out of memory looking up '%s'", name);
  else if (c.n == 1)
    st = found(g, name, c.items[0], how, out);
  else if (c.n > 1)
    st = ambiguous(g, name, &c, out, err);
  else if (*folded && (at = close_match(g, folded)) != (size_t)-1)
    st = found(g, name, at, CP_MATCH_CLOSE, out);
  else
    st = suggest(g, name, folded, out, err);
  free(c.items);
  return st;
}

void cp_role_match_clear(cp_role_match *m) {
  if (!m)
    return;
  free(m->candidates);
  m->candidates = NULL;
  m->n_candidates = 0;
}

cp_status cp_graph_find_role(const cp_graph *g, const char *name, size_t *out, cp_error *err) {
  cp_role_match m;
  cp_status st = cp_graph_match_role(g, name, &m, err);
  if (st == CP_OK)
    *out = m.role;
  cp_role_match_clear(&m);
  return st;
}
