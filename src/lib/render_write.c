/* render_write.c: a built drawing out in each format: DOT, SVG, PNG, PDF. */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static cp_status write_dot(Agraph_t *ag, char **out, size_t *out_len, cp_error *err) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    return cp_fail(err, CP_ENOMEM, "out of memory writing DOT");
  int rc = agwrite(ag, f);
  /* glibc's fclose of a memory stream that cannot shrink its buffer returns 0 and leaves it
   * NULL; a stream that could not grow reports the error instead. */
  if (fclose(f) != 0 || !buf) {
    free(buf);
    return cp_fail(err, CP_ENOMEM, "out of memory writing DOT");
  }
  if (rc != 0) {
    free(buf);
    return cp_fail(err, CP_ERENDER, "Graphviz could not write DOT");
  }
  *out = buf;
  *out_len = len;
  return CP_OK;
}

/* cairo 1.16 stamps a PDF with the time it was made, so two runs differ. The stamp is
 * rewritten in place, same length (the cross-reference offsets stay right), to
 * SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else 1970-01-01. */
static void fixed_creation_date(char *pdf, size_t len) {
  static const char key[] = "/CreationDate (D:";
  char *p = pdf, *end = pdf + len;
  while ((p = memchr(p, '/', (size_t)(end - p))) && (size_t)(end - p) >= sizeof key - 1 + 15) {
    if (memcmp(p, key, sizeof key - 1)) {
      p++;
      continue;
    }
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    time_t when = epoch ? (time_t)strtoll(epoch, NULL, 10) : 0;
    struct tm tm;
    char stamp[16];
    if (!gmtime_r(&when, &tm) || strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm) != 14)
      return;
    memcpy(p + sizeof key - 1, stamp, 14);
    return;
  }
}

cp_status cp_render_write(cp_drawing *d, char **out, size_t *out_len, cp_error *err) {
  cp_status st;
  if (d->format == CP_FORMAT_SVG) {
    char *raw = NULL;
    size_t raw_len = 0;
    if (!(st = cp_render_layout(d, "svg", &raw, &raw_len, err)))
      st = cp_render_accessible_svg(d, raw, raw_len, out, out_len, err);
    free(raw);
  } else if (d->format == CP_FORMAT_PNG || d->format == CP_FORMAT_PDF) {
    st = cp_render_layout(d, d->format == CP_FORMAT_PNG ? "png:cairo" : "pdf:cairo", out, out_len,
                          err);
    if (!st && d->format == CP_FORMAT_PDF)
      fixed_creation_date(*out, *out_len);
  } else {
    st = write_dot(d->ag, out, out_len, err);
  }
  return st;
}
