/* csv_text.c: the text of a CSV field careerpath writes, quoted so that it reads back as
 * itself. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Readers trim blanks around an unquoted field (libcsv does, and so do spreadsheets), so a
 * field that begins or ends with one is quoted, as is an empty one (an empty unquoted last
 * field reads as a missing one in some tools). So is one holding a tab: a header line with
 * more bare tabs than commas is read as a tab-separated table (cp_table_is_tsv). */
static bool needs_quotes(const char *s, size_t n) {
  return n == 0 || strpbrk(s, ",\"\r\n\t") || s[0] == ' ' || s[n - 1] == ' ';
}

size_t cp_csv_quote(const char *s, char *out) {
  size_t n = strlen(s);
  if (!needs_quotes(s, n)) {
    if (out)
      memcpy(out, s, n + 1);
    return n;
  }
  size_t k = 0;
  if (out)
    out[k] = '"';
  k++;
  for (const char *p = s; *p; p++) {
    if (*p == '"' && out)
      out[k] = '"';
    k += *p == '"';
    if (out)
      out[k] = *p;
    k++;
  }
  if (out) {
    out[k] = '"';
    out[k + 1] = '\0';
  }
  return k + 1;
}

int cp_csv_write_field(FILE *f, const char *s) {
  char small[512];
  size_t n = cp_csv_quote(s, NULL);
  char *text = n < sizeof small ? small : malloc(n + 1);
  if (!text)
    return EOF; /* errno is ENOMEM */
  cp_csv_quote(s, text);
  int rc = fwrite(text, 1, n, f) == n ? 0 : EOF;
  if (text != small)
    free(text);
  return rc;
}

cp_status cp_buf_csv_field(cp_buf *b, const char *s) {
  size_t n = cp_csv_quote(s, NULL);
  cp_status st = cp_buf_reserve(b, n);
  if (st)
    return st;
  cp_csv_quote(s, b->data + b->len);
  b->len += n;
  return CP_OK;
}
