/* held.c: what a person says they hold, matched to what a graph's moves require: whole
 * credentials and requirements, parts of them ("SQL" of "SQL and visualisation"), and the
 * moves that then only earn what is already held. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FOLD = 2 * CP_MAX_NAME_BYTES, KNOWN_LISTED = CP_ERROR_MESSAGE_MAX - 260 };

static bool fold(const char *s, char *out) { return cp_name_fold(s, strlen(s), out, FOLD) && *out; }

/* `req` without its parentheticals ("nursing degree (ADN or BSN)" is "nursing degree "). */
static void outside_parens(const char *req, char *out, size_t cap) {
  size_t o = 0;
  int depth = 0;
  for (const char *p = req; *p && o + 1 < cap; p++) {
    depth += *p == '(';
    if (!depth)
      out[o++] = *p;
    depth -= *p == ')' && depth;
  }
  out[o] = '\0';
}

/* Calls fn with each part of a requirement as written: its alternatives are separated by the
 * word "or" (holding one holds the requirement), and within an alternative its parts by
 * "and" (each must be held). fn gets the alternative's number, the part and it folded. */
typedef void (*part_fn)(void *ctx, size_t alternative, const char *part, const char *folded);

/* Hands fn the part from `start` to `stop`, blanks trimmed. */
static void emit(part_fn fn, void *ctx, size_t alternative, char *start, char *stop) {
  while (start < stop && *start == ' ')
    start++;
  while (stop > start && stop[-1] == ' ')
    stop--;
  if (stop <= start)
    return;
  char saved = *stop, folded[FOLD];
  *stop = '\0';
  if (fold(start, folded))
    fn(ctx, alternative, start, folded);
  *stop = saved;
}

/* Whether the word (len bytes) is the joining word `w` (lower case) in any case. */
static bool joining(const char *word, size_t len, const char *w) {
  if (len != strlen(w))
    return false;
  for (size_t i = 0; i < len; i++)
    if ((word[i] | 0x20) != w[i])
      return false;
  return true;
}

static void each_part(const char *req, part_fn fn, void *ctx) {
  char text[FOLD];
  outside_parens(req, text, sizeof text);
  size_t alternative = 0;
  char *part = text;
  for (char *word = text;;) {
    while (*word == ' ')
      word++;
    size_t len = strcspn(word, " ");
    bool and = joining(word, len, "and"), or = joining(word, len, "or");
    if (and || or) {
      emit(fn, ctx, alternative, part, word);
      part = word + len;
      alternative += or ;
    }
    if (!word[len]) {
      emit(fn, ctx, alternative, part, word + len);
      break;
    }
    word += len;
  }
}

/* ---- how a requirement stands against what is held ---- */

typedef struct coverage {
  const char *const *have; /* folded */
  size_t n_have;
  size_t alternative, parts, held; /* of the current alternative */
  bool whole;                      /* some alternative held in full */
  cp_buf missing;                  /* parts not held, of the best alternative */
  cp_buf current;
  size_t best_held;
  bool failed;
} coverage;

static bool holds(const coverage *c, const char *part) {
  for (size_t i = 0; i < c->n_have; i++)
    if (!strcmp(c->have[i], part))
      return true;
  return false;
}

static void close_alternative(coverage *c) {
  if (!c->parts)
    return;
  if (c->held == c->parts)
    c->whole = true;
  if (c->held > c->best_held || (c->held && !c->missing.data)) {
    c->best_held = c->held;
    cp_buf_free(&c->missing);
    c->missing = c->current;
    c->current = (cp_buf){0};
  }
  cp_buf_free(&c->current);
  c->parts = c->held = 0;
}

static void count_part(void *ctx, size_t alternative, const char *part, const char *folded) {
  coverage *c = ctx;
  if (alternative != c->alternative) {
    close_alternative(c);
    c->alternative = alternative;
  }
  c->parts++;
  if (holds(c, folded))
    c->held++;
  else if (cp_buf_printf(&c->current, "%s%s", c->current.len ? ", " : "", part))
    c->failed = true;
}

/* Whether a parenthetical of `req` lists, as one of its "or" alternatives, a held name:
 * "nursing degree (ADN or BSN)" is held by a BSN. */
static bool held_in_parens(const char *req, const char *const *have, size_t n_have) {
  for (const char *open = strchr(req, '('); open; open = strchr(open + 1, '(')) {
    size_t len = strcspn(open + 1, ")");
    char inside[FOLD], folded[FOLD];
    snprintf(inside, sizeof inside, "%.*s", (int)len, open + 1);
    if (!fold(inside, folded))
      continue;
    for (char *alt = folded, *next; alt; alt = next) {
      char * or = strstr(alt, " or ");
      next = or ? or +4 : NULL;
      if (or)
        * or = '\0';
      for (size_t i = 0; i < n_have; i++)
        if (!strcmp(have[i], alt))
          return true;
    }
  }
  return false;
}

/* `have` folded: a name is held when it is one of them, folded, or named in its
 * parenthetical; else by its parts. */
static cp_hold hold_of(const char *req, const char *const *have, size_t n_have, char *missing,
                       size_t n) {
  char folded[FOLD];
  if (missing && n)
    missing[0] = '\0';
  if (fold(req, folded))
    for (size_t i = 0; i < n_have; i++)
      if (!strcmp(have[i], folded))
        return CP_HOLD_ALL;
  if (held_in_parens(req, have, n_have))
    return CP_HOLD_ALL;
  coverage c = {.have = have, .n_have = n_have};
  each_part(req, count_part, &c);
  close_alternative(&c);
  cp_hold h = c.whole ? CP_HOLD_ALL : c.best_held ? CP_HOLD_PART : CP_HOLD_NONE;
  if (h == CP_HOLD_PART && missing && n)
    snprintf(missing, n, "%s", c.missing.data && !c.failed ? c.missing.data : "");
  cp_buf_free(&c.missing);
  cp_buf_free(&c.current);
  return h;
}

cp_hold cp_requirement_held(const char *req, const char *const *have, size_t n_have, char *missing,
                            size_t n) {
  char(*folded)[FOLD] = n_have ? malloc(n_have * sizeof *folded) : NULL;
  const char **list = n_have ? malloc(n_have * sizeof *list) : NULL;
  size_t k = 0;
  if (n_have && (!folded || !list)) {
    free(folded);
    free(list);
    return CP_HOLD_NONE; /* out of memory: nothing is taken as held */
  }
  for (size_t i = 0; i < n_have; i++)
    if (fold(have[i], folded[k]))
      list[k] = folded[k], k++;
  cp_hold h = hold_of(req, list, k, missing, n);
  free(folded);
  free(list);
  return h;
}

bool cp_credential_held(const cp_graph *g, size_t c, const char *const *have, size_t n_have) {
  return n_have &&
         cp_requirement_held(g->credentials[c].name, have, n_have, NULL, 0) == CP_HOLD_ALL;
}

/* ---- resolving what a person typed ---- */

cp_status cp_name_set_add(cp_name_set *s, const char *name) {
  for (size_t i = 0; i < s->n; i++)
    if (!cp_strcasecmp_ascii(s->items[i], name))
      return CP_OK;
  const char **grown = cp_grow(s->items, &s->cap, s->n + 1, sizeof *grown, 16);
  if (!grown)
    return CP_ENOMEM;
  s->items = grown;
  s->items[s->n++] = name;
  return CP_OK;
}

/* Every name the graph knows for a held thing: catalogue names, then each distinct
 * requirement, borrowed from the graph. */
typedef cp_name_set known;

static cp_status list_known(const cp_graph *g, known *k) {
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_credentials && !st; i++)
    st = cp_name_set_add(k, g->credentials[i].name);
  for (size_t t = 0; t < g->n_transitions && !st; t++)
    for (size_t j = 0; j < cp_tr(g, t)->n_requires && !st; j++)
      st = cp_name_set_add(k, cp_tr(g, t)->requires[j]);
  return st;
}

typedef struct part_search {
  const char *typed; /* folded */
  bool found;
} part_search;

static void is_part(void *ctx, size_t alternative, const char *part, const char *folded) {
  (void)alternative;
  (void)part;
  part_search *p = ctx;
  p->found |= !strcmp(p->typed, folded);
}

/* Whether every word of `typed` (folded) is a word of `name` (folded). */
static bool words_within(const char *typed, const char *name) {
  for (const char *w = typed; *w;) {
    size_t len = strcspn(w, " ");
    bool found = false;
    for (const char *x = name; *x && !found;) {
      size_t xl = strcspn(x, " ");
      found = xl == len && !memcmp(x, w, len);
      x += xl + (x[xl] == ' ');
    }
    if (!found)
      return false;
    w += len + (w[len] == ' ');
  }
  return true;
}

struct cp_held {
  char **names; /* what each typed name was taken as */
  size_t n;
  char **notes;
  size_t n_notes;
};

void cp_held_free(cp_held *h) {
  if (!h)
    return;
  for (size_t i = 0; i < h->n; i++)
    free(h->names[i]);
  for (size_t i = 0; i < h->n_notes; i++)
    free(h->notes[i]);
  free(h->names);
  free(h->notes);
  free(h);
}

const char *const *cp_held_names(const cp_held *h, size_t *n) {
  *n = h->n;
  return (const char *const *)h->names;
}

size_t cp_held_note_count(const cp_held *h) { return h->n_notes; }
const char *cp_held_note(const cp_held *h, size_t i) { return i < h->n_notes ? h->notes[i] : NULL; }

/* A note "PREFIX'TYPED'MIDDLE'AS'". */
static cp_status note(cp_held *h, const char *prefix, const char *typed, const char *middle,
                      const char *as) {
  cp_buf b = {0};
  if (cp_buf_printf(&b, "%s'%s'%s'%s'", prefix, typed, middle, as)) {
    cp_buf_free(&b);
    return CP_ENOMEM;
  }
  h->notes[h->n_notes++] = b.data;
  return CP_OK;
}

typedef enum taken { TAKEN_NONE, TAKEN_WHOLE, TAKEN_PART, TAKEN_WORDS, TAKEN_SEVERAL } taken;

/* What the graph calls `typed`: a known name in any case or spelling (whole), a part of a
 * requirement ("SQL"), or the one known name whose words include every word typed. */
static taken take(const known *k, const char *typed, const char **as, size_t *several) {
  char t[FOLD], f[FOLD];
  if (!fold(typed, t))
    return TAKEN_NONE;
  for (size_t i = 0; i < k->n; i++)
    if (!cp_strcasecmp_ascii(k->items[i], typed) || (fold(k->items[i], f) && !strcmp(f, t))) {
      *as = k->items[i];
      return TAKEN_WHOLE;
    }
  part_search p = {t, false};
  for (size_t i = 0; i < k->n && !p.found; i++) {
    each_part(k->items[i], is_part, &p);
    if (p.found)
      *as = k->items[i];
  }
  if (p.found)
    return TAKEN_PART;
  *several = 0;
  for (size_t i = 0; i < k->n; i++)
    if (fold(k->items[i], f) && words_within(t, f) && (*several)++ == 0)
      *as = k->items[i];
  return *several == 1 ? TAKEN_WORDS : *several ? TAKEN_SEVERAL : TAKEN_NONE;
}

/* "'Python', 'R' match nothing in G: it knows 'PMP', 'CAPM', ..." (cut to fit a message). */
static cp_status unmatched(const cp_graph *g, const known *k, const cp_buf *names, size_t n,
                           cp_status status, cp_error *err) {
  cp_buf b = {0};
  cp_status st = CP_OK;
  size_t i = 0;
  for (; i < k->n && !st && b.len < KNOWN_LISTED; i++)
    st = cp_buf_printf(&b, "%s'%s'", i ? ", " : "", k->items[i]);
  if (!st && i < k->n)
    st = cp_buf_printf(&b, " and %zu more", k->n - i);
  if (st)
    st = cp_fail(err, CP_ENOMEM, "out of memory listing what %s knows", g->name);
  else if (status == CP_EAMBIGUOUS)
    st = cp_fail(err, status, "%s: more than one credential or requirement of %s has those words",
                 names->data, g->name);
  else
    st = cp_fail(err, status, "%s match%s no credential or requirement of %s, which knows %s",
                 names->data, n == 1 ? "es" : "", g->name, k->n ? b.data : "none");
  cp_buf_free(&b);
  return st;
}

static cp_status resolve_each(const cp_graph *g, const known *k, const char *const *typed, size_t n,
                              cp_held *h, cp_error *err) {
  cp_buf bad = {0}, several = {0};
  size_t n_bad = 0, n_several = 0;
  cp_status st = CP_OK;
  for (size_t i = 0; i < n && !st; i++) {
    const char *as = NULL;
    size_t count = 0;
    taken how = take(k, typed[i], &as, &count);
    cp_buf *list = how == TAKEN_NONE ? &bad : how == TAKEN_SEVERAL ? &several : NULL;
    if (list) {
      n_bad += how == TAKEN_NONE;
      n_several += how == TAKEN_SEVERAL;
      st = cp_buf_printf(list, "%s'%s'", list->len ? ", " : "", typed[i]);
      continue;
    }
    const char *name = how == TAKEN_PART ? typed[i] : as;
    if (!(h->names[h->n] = cp_strdup(name)))
      st = CP_ENOMEM;
    else
      h->n++;
    if (!st && how == TAKEN_PART)
      st = note(h, "", typed[i], " is part of ", as);
    else if (!st && how == TAKEN_WORDS)
      st = note(h, "taking ", typed[i], " as ", as);
  }
  if (st)
    st = cp_fail(err, CP_ENOMEM, "out of memory resolving what is held");
  else if (n_bad)
    st = unmatched(g, k, &bad, n_bad, CP_ENOTFOUND, err);
  else if (n_several)
    st = unmatched(g, k, &several, n_several, CP_EAMBIGUOUS, err);
  cp_buf_free(&bad);
  cp_buf_free(&several);
  return st;
}

cp_status cp_held_resolve(const cp_graph *g, const char *const *typed, size_t n, cp_held **out,
                          cp_error *err) {
  known k = {0};
  cp_held *h = calloc(1, sizeof *h);
  cp_status st = h ? CP_OK : CP_ENOMEM;
  if (!st && n &&
      (!(h->names = calloc(n, sizeof *h->names)) || !(h->notes = calloc(n, sizeof *h->notes))))
    st = CP_ENOMEM;
  if (!st)
    st = list_known(g, &k);
  if (st)
    st = cp_fail(err, CP_ENOMEM, "out of memory resolving what is held");
  else
    st = resolve_each(g, &k, typed, n, h, err);
  free(k.items);
  if (st) {
    cp_held_free(h);
    return st;
  }
  *out = h;
  return CP_OK;
}

/* ---- moves that only earn what is held ---- */

bool cp_step_already_held(const cp_router *r, const cp_query *q, size_t transition) {
  const cp_transition *t = cp_tr(r->g, transition);
  if (r->req_start[transition] == r->req_start[transition + 1])
    return false; /* earns no catalogued credential */
  for (size_t j = 0; j < t->n_requires; j++)
    if (cp_requirement_held(t->requires[j], q -> have, q -> n_have, NULL, 0) != CP_HOLD_ALL)
      return false;
  double months, cost;
  cp_step_figures(r, q, transition, &months, &cost);
  return months == 0 && cost == 0;
}
