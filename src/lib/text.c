/* text.c: small string, number, UTF-8 and file helpers used by the readers. */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

char *cp_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

bool cp_utf8_valid(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  while (p < end) {
    unsigned c = *p++;
    if (c < 0x80)
      continue;
    size_t more;
    unsigned min;
    if ((c & 0xE0) == 0xC0) {
      more = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      more = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      more = 3, min = 0x10000, c &= 0x07;
    } else {
      return false;
    }
    if ((size_t)(end - p) < more)
      return false;
    for (size_t i = 0; i < more; i++) {
      if ((p[i] & 0xC0) != 0x80)
        return false;
      c = (c << 6) | (p[i] & 0x3F);
    }
    /* Overlong forms, surrogates and code points past U+10FFFF are not UTF-8. */
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      return false;
    p += more;
  }
  return true;
}

size_t cp_utf8_fit(const char *s, size_t max) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n = 0;
  while (n < max && p[n])
    n++;
  /* The last character begun before n: its first byte is at most three bytes back. */
  size_t lead = n;
  while (lead > 0 && n - lead < 3 && (p[lead - 1] & 0xC0) == 0x80)
    lead--;
  if (lead == 0)
    return n;
  lead--;
  unsigned c = p[lead];
  size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return n - lead < need ? lead : n;
}

size_t cp_utf8_copy(char *dst, size_t cap, const char *src) {
  if (!cap)
    return 0;
  size_t n = cp_utf8_fit(src, cap - 1);
  memmove(dst, src, n);
  dst[n] = '\0';
  return n;
}

int cp_format_bounded(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  if (n >= 0 && (size_t)n >= cap && cap)
    buf[cp_utf8_fit(buf, cap - 1)] = '\0';
  return n;
}

int cp_is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

const char *cp_find_control(const char *s, int allow_lines) {
  for (; *s; s++)
    if (cp_is_control((unsigned char)*s) &&
        !(allow_lines && (*s == '\n' || *s == '\t' || *s == '\r')))
      return s;
  return NULL;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int cp_strcasecmp_ascii(const char *a, const char *b) {
  for (;; a++, b++) {
    int d = lower((unsigned char)*a) - lower((unsigned char)*b);
    if (d || !*a)
      return d;
  }
}

int cp_has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && cp_strcasecmp_ascii(s + n - m, suffix) == 0;
}

static const char *skip_blanks(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

static bool only_blanks(const char *s) { return *skip_blanks(s) == '\0'; }

bool cp_parse_weight(const char *s, double *out) {
  s = skip_blanks(s);
  if (!*s)
    return false;
  /* strtod accepts "nan", "inf" and hex floats; a weight is a plain decimal. */
  for (const char *p = s; *p; p++)
    if (!strchr("0123456789.eE+- \t", *p))
      return false;
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  /* ERANGE for an overflow (HUGE_VAL) refuses; for an underflow (4.9e-324, below DBL_MIN) the
   * number is what was written, as near as a double comes. */
  if (end == s || !only_blanks(end) || (errno == ERANGE && fabs(v) >= 1.0) || !isfinite(v) || v < 0)
    return false;
  *out = v == 0 ? 0.0 : v; /* no -0 */
  return true;
}

bool cp_parse_int(const char *s, long *out) {
  s = skip_blanks(s);
  if (!*s)
    return false;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (end == s || !only_blanks(end) || errno == ERANGE)
    return false;
  *out = v;
  return true;
}

size_t cp_edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 128)
    la = 128;
  if (lb > 128)
    lb = 128;
  size_t row[129];
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t sub = diag + (lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]));
      size_t best = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
      row[j] = sub < best ? sub : best;
      diag = up;
    }
  }
  return row[lb];
}

cp_status cp_buf_reserve(cp_buf *b, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d)
      return CP_ENOMEM;
    b->data = d;
    b->cap = cap;
  }
  return CP_OK;
}

cp_status cp_buf_append(cp_buf *b, const char *s, size_t n) {
  if (cp_buf_reserve(b, n))
    return CP_ENOMEM;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return CP_OK;
}

cp_status cp_buf_puts(cp_buf *b, const char *s) { return cp_buf_append(b, s, strlen(s)); }

cp_status cp_buf_printf(cp_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return CP_EINVAL;
  if ((size_t)n < sizeof small)
    return cp_buf_append(b, small, (size_t)n);
  char *big = malloc((size_t)n + 1);
  if (!big)
    return CP_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  cp_status st = cp_buf_append(b, big, (size_t)n);
  free(big);
  return st;
}

void cp_buf_free(cp_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

static cp_status read_file(const char *path, bool text, char **out, size_t *out_len,
                           cp_error *err) {
  cp_status st = CP_OK;
  cp_buf b = {0};
  FILE *f = fopen(path, "rb");
  if (!f) {
    /* fopen's own buffer can fail to allocate: that is memory, not a bad path. */
    if (errno == ENOMEM)
      return cp_fail(err, CP_ENOMEM, "%s: out of memory opening the file", path);
    return cp_fail(err, CP_EIO, "%s: cannot open: %s", path, strerror(errno));
  }
  /* A regular file's size sizes the buffer once (on huge pages when large). */
  struct stat sb;
  if (fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0) {
    size_t want = (size_t)sb.st_size + 1;
    if (!(b.data = cp_big_alloc(want))) {
      st = cp_fail(err, CP_ENOMEM, "%s: out of memory reading the file", path);
      goto cleanup;
    }
    b.cap = want;
    b.data[0] = '\0';
  }
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    /* Text never holds NUL; without this check /dev/zero would be read until memory ran out. */
    const char *nul = text ? memchr(chunk, '\0', n) : NULL;
    if (nul) {
      st = cp_fail(err, CP_EPARSE, "%s: byte %zu is NUL: not a text file", path,
                   b.len + (size_t)(nul - chunk) + 1);
      goto cleanup;
    }
    if (cp_buf_append(&b, chunk, n) != CP_OK) {
      st = cp_fail(err, CP_ENOMEM, "%s: out of memory reading the file", path);
      goto cleanup;
    }
  }
  if (ferror(f)) {
    st = cp_fail(err, CP_EIO, "%s: read error: %s", path, strerror(errno));
    goto cleanup;
  }
  if (!b.data && cp_buf_append(&b, "", 0) != CP_OK) {
    st = cp_fail(err, CP_ENOMEM, "%s: out of memory", path);
    goto cleanup;
  }
  *out = b.data;
  *out_len = b.len;
  b.data = NULL;
cleanup:
  cp_buf_free(&b);
  fclose(f);
  return st;
}

cp_status cp_read_file(const char *path, char **out, size_t *out_len, cp_error *err) {
  return read_file(path, true, out, out_len, err);
}

cp_status cp_read_binary_file(const char *path, char **out, size_t *out_len, cp_error *err) {
  return read_file(path, false, out, out_len, err);
}

const char *cp_plural(double n, const char *one, const char *many) { return n == 1 ? one : many; }

void cp_format_money(double v, char *buf, size_t n) {
  if (isnan(v)) {
    snprintf(buf, n, "-");
    return;
  }
  if (isinf(v)) {
    snprintf(buf, n, "%s", v > 0 ? "infinite" : "-infinite");
    return;
  }
  /* Past 10^18 whole dollars are not exact in a double anyway: scientific notation, so that
   * every figure fits CP_MONEY_BYTES. */
  if (fabs(v) >= 1e18) {
    snprintf(buf, n, "$%.3g", v);
    return;
  }
  char digits[32];
  snprintf(digits, sizeof digits, "%.0f", v);
  size_t len = strlen(digits), j = 0;
  char grouped[48];
  for (size_t i = 0; i < len; i++) {
    if (i && digits[i - 1] != '-' && (len - i) % 3 == 0)
      grouped[j++] = ',';
    grouped[j++] = digits[i];
  }
  grouped[j] = '\0';
  snprintf(buf, n, "$%s", grouped);
}

/* Arrays of millions of entries are filled once and then read at random: on 2 MiB pages
 * they take a fraction of the page faults and TLB misses (measured: 112,000 minor faults
 * become 14,000 loading a 2-million-transition graph, and the run 17% faster). */
enum { HUGE_PAGE = 2 << 20 };

/* Whole huge pages for `bytes` (at least half of one), advised; NULL when memory ran out. */
static void *huge_pages(size_t bytes) {
  size_t whole = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE; /* no small page at the end */
  void *p = NULL;
  if (whole < bytes || posix_memalign(&p, HUGE_PAGE, whole) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  madvise(p, whole, MADV_HUGEPAGE); /* advice only: without it the memory is still good */
#endif
  return p;
}

void *cp_big_alloc(size_t bytes) {
  return bytes < (size_t)HUGE_PAGE / 2 ? malloc(bytes ? bytes : 1) : huge_pages(bytes);
}

void *cp_big_zalloc(size_t bytes) {
  if (bytes < (size_t)HUGE_PAGE / 2)
    return calloc(bytes ? bytes : 1, 1);
  void *p = huge_pages(bytes);
  return p ? memset(p, 0, bytes) : NULL;
}

bool cp_memory_available(size_t bytes) {
  /* volatile: a malloc whose result is only freed may be optimised away. */
  void *volatile p = malloc(bytes);
  bool ok = p != NULL;
  free(p);
  return ok;
}

void *cp_grow(void *items, size_t *cap, size_t need, size_t size, size_t first) {
  if (need <= *cap)
    return items;
  size_t c = *cap ? *cap : first;
  while (c < need)
    c *= 2;
  void *grown = realloc(items, c * size);
  if (grown)
    *cap = c;
  return grown;
}
