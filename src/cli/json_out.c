/* json_out.c: JSON text with out-of-memory caught, numbers and small shared values. */
#include "json_out.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* Per thread: a server runs commands in several threads at once. */
static _Thread_local bool json_alloc_failed;
static once_flag json_once = ONCE_FLAG_INIT;

static void *json_alloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    json_alloc_failed = true;
  return p;
}

static void json_setup(void) { json_set_alloc_funcs(json_alloc, free); }

void cp_cli_json_init(void) { call_once(&json_once, json_setup); }

static char *json_dump(json_t *root, size_t flags, size_t *len) {
  char *text = root ? json_dumps(root, flags) : NULL;
  json_decref(root);
  bool failed = json_alloc_failed;
  json_alloc_failed = false;
  if (!text || failed) {
    free(text);
    return NULL;
  }
  *len = strlen(text);
  char *grown = realloc(text, *len + 2);
  if (!grown) {
    free(text);
    return NULL;
  }
  grown[(*len)++] = '\n';
  grown[*len] = '\0';
  return grown;
}

char *cp_cli_json_text(json_t *root, int precision, size_t *len) {
  return json_dump(root, JSON_INDENT(2) | JSON_REAL_PRECISION(precision), len);
}

char *cp_cli_json_line(json_t *root, size_t *len) {
  return json_dump(root, JSON_COMPACT | JSON_REAL_PRECISION(12), len);
}

int cp_cli_json_write(const cp_cli *c, FILE *f, json_t *root, int precision, const char *what) {
  size_t len;
  char *text = cp_cli_json_text(root, precision, &len);
  if (!text)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting %s", what);
  fwrite(text, 1, len, f);
  free(text);
  return CP_EXIT_OK;
}

json_t *cp_cli_json_number(double v) {
  /* jansson refuses a non-finite real, and json_object_set_new would then drop the member:
   * a total that overflowed is null, so that every key is there. */
  if (!isfinite(v))
    return json_null();
  if (v == floor(v) && fabs(v) < 9e15)
    return json_integer((json_int_t)v);
  return json_real(v);
}

json_t *cp_cli_names_json(const char *const *names, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(a, json_string(names[i]));
  return a;
}

json_t *cp_cli_limits_json(const double *limits) {
  json_t *o = json_object();
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (isfinite(limits[c]))
      json_object_set_new(o, cp_criterion_name((cp_criterion)c), cp_cli_json_number(limits[c]));
  return o;
}
