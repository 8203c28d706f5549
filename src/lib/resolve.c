/* resolve.c: turns what a person typed into a role: id or label, any case, with hints. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_LISTED = 5 };

typedef struct scored {
  size_t role;
  size_t score;
} scored;

static int by_score(const void *a, const void *b) {
  const scored *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return x->role < y->role ? -1 : x->role > y->role;
}

/* How far a typed name is from a role: a substring match of id or label is close; otherwise
 * the edit distance to the nearer of the two. */
static size_t distance_to(const cp_role *r, const char *name) {
  size_t di = cp_edit_distance(name, r->id), dl = cp_edit_distance(name, r->label);
  size_t d = di < dl ? di : dl;
  size_t n = strlen(name);
  /* A person often types the start of a long label ("clinical inf"): compare with the
   * label's prefix of the same length too. */
  char prefix[129];
  size_t pl = strlen(r->label) < n ? strlen(r->label) : n;
  if (pl > 128)
    pl = 128;
  memcpy(prefix, r->label, pl);
  prefix[pl] = '\0';
  size_t dp = cp_edit_distance(name, prefix) + (pl < strlen(r->label));
  if (dp < d)
    d = dp;
  if (n >= 3) {
    /* Case-insensitive containment, cheap for the sizes a person types. */
    const char *hay[2] = {r->id, r->label};
    for (int h = 0; h < 2; h++) {
      size_t m = strlen(hay[h]);
      for (size_t i = 0; i + n <= m; i++) {
        size_t j = 0;
        while (j < n && (hay[h][i + j] | 32) == (name[j] | 32))
          j++;
        if (j == n)
          return 1;
      }
    }
  }
  return d;
}

static cp_status suggest(const cp_graph *g, const char *name, cp_error *err) {
  cp_buf b = {0};
  scored *all = malloc((g->n_roles ? g->n_roles : 1) * sizeof *all);
  if (!all)
    return cp_fail(err, CP_ENOMEM, "out of memory");
  for (size_t i = 0; i < g->n_roles; i++)
    all[i] = (scored){i, distance_to(&g->roles[i], name)};
  qsort(all, g->n_roles, sizeof *all, by_score);
  /* Suggest only names within reach: a third of the typed length plus a little. */
  size_t limit = strlen(name) / 3 + 1;
  size_t shown = 0;
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_roles && shown < MAX_LISTED && all[i].score <= limit && !st; i++) {
    const cp_role *r = &g->roles[all[i].role];
    st = cp_buf_puts(&b, shown ? ", " : "; did you mean ");
    if (!st && strcmp(r->id, r->label) == 0)
      st = cp_buf_printf(&b, "'%s'", r->id);
    else if (!st)
      st = cp_buf_printf(&b, "'%s' (%s)", r->label, r->id);
    shown++;
  }
  if (shown && !st)
    st = cp_buf_puts(&b, "?");
  /* A message cut short would read as "no such role and nothing like it". */
  if (st)
    cp_fail(err, CP_ENOMEM, "out of memory suggesting role names for '%s'", name);
  else
    st = cp_fail(err, CP_ENOTFOUND, "no role named '%s' in %s%s", name, g->name,
                 b.data ? b.data : "");
  free(all);
  cp_buf_free(&b);
  return st;
}

cp_status cp_graph_find_role(const cp_graph *g, const char *name, size_t *out, cp_error *err) {
  if (cp_graph_role_index(g, name, out) == CP_OK)
    return CP_OK;
  size_t found = 0, first = 0;
  cp_buf list = {0};
  cp_status st = CP_OK;
  for (size_t i = 0; i < g->n_roles; i++) {
    const cp_role *r = &g->roles[i];
    if (cp_strcasecmp_ascii(r->id, name) == 0 || cp_strcasecmp_ascii(r->label, name) == 0) {
      if (found == 0)
        first = i;
      if (found < MAX_LISTED && !st)
        st = cp_buf_printf(&list, "%s'%s'", found ? ", " : "", r->id);
      found++;
    }
  }
  if (found == 1) {
    *out = first;
    st = CP_OK; /* the list was only for a message */
  } else if (found > 1 && st)
    st = cp_fail(err, CP_ENOMEM, "out of memory listing the roles named '%s'", name);
  else if (found > 1)
    st = cp_fail(err, CP_EAMBIGUOUS, "role name '%s' matches %zu roles: %s%s; use an id", name,
                 found, list.data ? list.data : "", found > MAX_LISTED ? ", ..." : "");
  else
    st = suggest(g, name, err);
  cp_buf_free(&list);
  return st;
}
