/* columns.c: table headers as the readers see them: trimmed names, column maps applied. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct cp_column_map {
  size_t n;
  char **names;   /* what the reader looks for: "from", "probability" */
  char **columns; /* the header's column that holds it */
};

void cp_column_map_free(cp_column_map *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->n; i++) {
    free(m->names[i]);
    free(m->columns[i]);
  }
  free(m->names);
  free(m->columns);
  free(m);
}

char *cp_trim_copy(const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t'))
    s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    n--;
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* Adds the pair in item[0..len) to `m`, whose arrays have room. */
static cp_status add_pair(cp_column_map *m, const char *item, size_t len, cp_error *err) {
  const char *eq = memchr(item, '=', len);
  if (!eq)
    return cp_fail(err, CP_EINVAL, "column map item '%.*s' has no '='; write NAME=COLUMN", (int)len,
                   item);
  char *name = cp_trim_copy(item, (size_t)(eq - item));
  char *column = cp_trim_copy(eq + 1, len - (size_t)(eq - item) - 1);
  cp_status st = CP_OK;
  if (!name || !column)
    st = cp_fail(err, CP_ENOMEM, "out of memory");
  else if (!*name || !*column)
    st =
        cp_fail(err, CP_EINVAL, "column map item '%.*s' needs a name before '=' and a column after",
                (int)len, item);
  for (size_t i = 0; i < m->n && !st; i++) {
    if (cp_strcasecmp_ascii(m->names[i], name) == 0)
      st = cp_fail(err, CP_EINVAL, "column map gives '%s' twice", name);
    else if (cp_strcasecmp_ascii(m->columns[i], column) == 0)
      st = cp_fail(err, CP_EINVAL, "column map reads column '%s' twice (as '%s' and '%s')", column,
                   m->names[i], name);
  }
  if (st) {
    free(name);
    free(column);
    return st;
  }
  m->names[m->n] = name;
  m->columns[m->n++] = column;
  return CP_OK;
}

cp_status cp_column_map_parse(const char *text, cp_column_map **out, cp_error *err) {
  /* A name becomes an attribute key, which every writer must be able to write. */
  if (!cp_utf8_valid(text, strlen(text)))
    return cp_fail(err, CP_EINVAL, "column map is not valid UTF-8");
  size_t items = 1;
  for (const char *p = text; *p; p++)
    items += *p == ',';
  cp_column_map *m = calloc(1, sizeof *m);
  if (m) {
    m->names = calloc(items, sizeof *m->names);
    m->columns = calloc(items, sizeof *m->columns);
  }
  if (!m || !m->names || !m->columns) {
    cp_column_map_free(m);
    return cp_fail(err, CP_ENOMEM, "out of memory");
  }
  cp_status st = CP_OK;
  for (const char *p = text; !st;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    st = add_pair(m, p, len, err);
    if (!comma)
      break;
    p = comma + 1;
  }
  if (st) {
    cp_column_map_free(m);
    return st;
  }
  *out = m;
  return CP_OK;
}

void cp_header_free(cp_header *h) {
  for (size_t i = 0; i < h->n; i++) {
    free(h->written[i]);
    free(h->names[i]);
  }
  free(h->written);
  free(h->names);
  memset(h, 0, sizeof *h);
}

long cp_header_find(const cp_header *h, const char *name) {
  for (size_t i = 0; i < h->n; i++)
    if (*h->names[i] && cp_strcasecmp_ascii(h->names[i], name) == 0)
      return (long)i;
  return -1;
}

/* "a, b, c" of the columns as written, cut to fit a message. */
static void list_columns(const cp_header *h, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < h->n; i++) {
    const char *name = *h->written[i] ? h->written[i] : "(unnamed)";
    size_t need = strlen(name) + (i ? 2 : 0);
    if (used + need + 5 >= size) {
      snprintf(buf + used, size - used, "%s...", i ? ", " : "");
      return;
    }
    used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name);
  }
}

cp_status cp_header_missing(const cp_header *h, const char *file, size_t line, const char *name,
                            cp_error *err) {
  char list[512];
  list_columns(h, list, sizeof list);
  return cp_fail(err, CP_EPARSE,
                 "%s:%zu: header lacks the required column '%s'; its columns are: %s", file, line,
                 name, list);
}

/* The map's name for the column written `column`, or NULL. */
static const char *mapped_name(const cp_column_map *map, const char *column) {
  for (size_t i = 0; map && i < map->n; i++)
    if (cp_strcasecmp_ascii(map->columns[i], column) == 0)
      return map->names[i];
  return NULL;
}

/* Every column the map names must be in the header. */
static cp_status check_map(const cp_header *h, const char *file, size_t line,
                           const cp_column_map *map, cp_error *err) {
  for (size_t k = 0; map && k < map->n; k++) {
    bool found = false;
    for (size_t i = 0; i < h->n && !found; i++)
      found = cp_strcasecmp_ascii(h->written[i], map->columns[k]) == 0;
    if (!found) {
      char list[512];
      list_columns(h, list, sizeof list);
      return cp_fail(err, CP_EPARSE,
                     "%s:%zu: the column map reads '%s' from column '%s', which the header "
                     "lacks; its columns are: %s",
                     file, line, map->names[k], map->columns[k], list);
    }
  }
  return CP_OK;
}

static bool renamed(const cp_header *h, size_t i) {
  return strcmp(h->names[i], h->written[i]) != 0;
}

cp_status cp_header_read(cp_header *h, const char *file, size_t line, const char *const *fields,
                         size_t n, const cp_column_map *map, cp_error *err) {
  cp_status st = CP_OK;
  memset(h, 0, sizeof *h);
  h->written = calloc(n ? n : 1, sizeof *h->written);
  h->names = calloc(n ? n : 1, sizeof *h->names);
  if (!h->written || !h->names)
    goto out_of_memory;
  for (size_t i = 0; i < n; i++) {
    h->written[i] = cp_trim_copy(fields[i], strlen(fields[i]));
    h->n++; /* cp_header_free frees it from here on, whatever follows */
    const char *as = h->written[i] ? mapped_name(map, h->written[i]) : NULL;
    h->names[i] = h->written[i] ? cp_strdup(as ? as : h->written[i]) : NULL;
    if (!h->names[i])
      goto out_of_memory;
  }
  if ((st = check_map(h, file, line, map, err)))
    goto fail;
  for (size_t i = 0; i < n; i++) {
    long f = *h->names[i] ? cp_header_find(h, h->names[i]) : (long)i;
    if (f == (long)i)
      continue;
    /* Two columns read under one name: say which the map renamed, if it did. */
    size_t a = (size_t)f, b = i;
    if (renamed(h, b))
      a = i, b = (size_t)f;
    if (renamed(h, a))
      st = cp_fail(err, CP_EPARSE,
                   "%s:%zu: the column map reads column '%s' as '%s', but the header has a "
                   "column '%s' too",
                   file, line, h->written[a], h->names[a], h->written[b]);
    else
      st = cp_fail(err, CP_EPARSE, "%s:%zu: header names column '%s' twice", file, line,
                   h->names[i]);
    goto fail;
  }
  return CP_OK;
out_of_memory:
  st = cp_fail(err, CP_ENOMEM, "%s: out of memory", file);
fail:
  cp_header_free(h);
  return st;
}
