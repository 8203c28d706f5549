/* serve_query.c: request targets read strictly: bounded, percent-decoded, UTF-8, in order. */
#include "serve_query.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(int status, char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int refuse(int status, char *why, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, n, fmt, ap);
  va_end(ap);
  return status;
}

static int hex(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
    return (c | 0x20) - 'a' + 10;
  return -1;
}

/* Whether `s` (n bytes) is UTF-8: jansson's check, since the answer is JSON that must hold it. */
static bool is_utf8(const char *s, size_t n) {
  json_t *j = json_stringn(s, n);
  json_decref(j);
  return j != NULL;
}

/* Decodes buf[0..len) in place and NUL-terminates it; `plus` turns '+' into a space (the query,
 * not the path). `at` is where it starts in the target, for messages; `what` names it. */
static int decode(char *buf, size_t len, bool plus, size_t at, const char *what, char *why,
                  size_t n) {
  size_t w = 0;
  for (size_t r = 0; r < len; r++) {
    unsigned char c = (unsigned char)buf[r];
    if (c == '%') {
      int hi = r + 2 < len ? hex((unsigned char)buf[r + 1]) : -1;
      int lo = hi >= 0 ? hex((unsigned char)buf[r + 2]) : -1;
      if (lo < 0)
        return refuse(400, why, n,
                      "bad percent-encoding at byte %zu of the request target: '%%' must be "
                      "followed by two hex digits",
                      at + r + 1);
      c = (unsigned char)(hi << 4 | lo);
      if (c == 0)
        return refuse(400, why, n, "%s holds a NUL byte (%%00)", what);
      r += 2;
    } else if (c == '+' && plus) {
      c = ' ';
    }
    buf[w++] = (char)c;
  }
  buf[w] = '\0';
  if (!is_utf8(buf, w))
    return refuse(400, why, n, "%s is not UTF-8 text", what);
  return 0;
}

/* One "name=value" (or "name") of the query at buf[0..len), decoded into pair `p`. */
static int parse_pair(char *buf, size_t len, size_t at, cp_cli_pair *p, char *why, size_t n) {
  char *eq = memchr(buf, '=', len);
  size_t name_len = eq ? (size_t)(eq - buf) : len;
  char what[96];
  int st;
  if (name_len == 0)
    return refuse(400, why, n, "a parameter without a name at byte %zu of the request target",
                  at + 1);
  if ((st = decode(buf, name_len, true, at, "a parameter's name", why, n)))
    return st;
  snprintf(what, sizeof what, "the value of '%.64s'", buf);
  if (eq && (st = decode(eq + 1, len - name_len - 1, true, at + name_len + 1, what, why, n)))
    return st;
  p->name = buf;
  p->value = eq ? eq + 1 : NULL;
  return 0;
}

/* The query at buf[0..len) (after '?'), `at` bytes into the target. */
static int parse_query(char *buf, size_t len, size_t at, cp_serve_query *q, char *why, size_t n) {
  size_t start = 0;
  while (start <= len) {
    char *amp = memchr(buf + start, '&', len - start);
    size_t end = amp ? (size_t)(amp - buf) : len;
    if (end > start) {
      if (q->n == CP_SERVE_MAX_PARAMS)
        return refuse(400, why, n, "more than %d parameters", CP_SERVE_MAX_PARAMS);
      int st = parse_pair(buf + start, end - start, at + start, &q->param[q->n++], why, n);
      if (st)
        return st;
    }
    start = end + 1;
  }
  return 0;
}

/* The raw target's bytes: no control character, no space. */
static int check_bytes(const char *target, size_t len, char *why, size_t n) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)target[i];
    if (c <= ' ' || c == 0x7f)
      return refuse(400, why, n, "byte %zu of the request target is a control character or space",
                    i + 1);
  }
  return 0;
}

int cp_serve_parse_target(const char *target, size_t len, cp_serve_query *q, char *why, size_t n) {
  int st;
  *q = (cp_serve_query){0};
  if (len > CP_SERVE_MAX_TARGET)
    return refuse(414, why, n, "the request target is over %d bytes", CP_SERVE_MAX_TARGET);
  if (len == 0 || target[0] != '/')
    return refuse(400, why, n, "the request target must start with '/'");
  if ((st = check_bytes(target, len, why, n)))
    return st;
  if (!(q->buf = malloc(len + 1)))
    return refuse(503, why, n, "out of memory");
  memcpy(q->buf, target, len);
  char *mark = memchr(q->buf, '?', len);
  size_t path_len = mark ? (size_t)(mark - q->buf) : len;
  if (!(st = decode(q->buf, path_len, false, 0, "the path", why, n)) && mark)
    st = parse_query(mark + 1, len - path_len - 1, path_len + 1, q, why, n);
  if (st) {
    cp_serve_query_free(q);
    return st;
  }
  q->path = q->buf;
  return 0;
}

void cp_serve_query_free(cp_serve_query *q) {
  free(q->buf);
  *q = (cp_serve_query){0};
}

const char *cp_serve_query_get(const cp_serve_query *q, const char *name) {
  for (size_t i = q->n; i-- > 0;)
    if (!strcmp(q->param[i].name, name))
      return q->param[i].value;
  return NULL;
}
