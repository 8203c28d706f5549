/* html.c: self-contained HTML pages (polyglot: also well-formed XML) that print on one sheet,
 * text escaped, and the date they carry. */
#include "html.h"
#include "write.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void cp_cli_html_text(FILE *f, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&#39;", f); break;
    default: fputc(*s, f);
    }
  }
}

int cp_cli_today(const cp_cli *c, char *buf, size_t n) {
  static const char *const months[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  time_t when = time(NULL);
  if (epoch) {
    char *end;
    errno = 0;
    long long v = strtoll(epoch, &end, 10);
    if (!*epoch || *end || errno || v < 0)
      return cp_cli_fail(c, CP_EXIT_USAGE,
                         "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not '%s'",
                         epoch);
    when = (time_t)v;
  }
  struct tm tm;
  if (!gmtime_r(&when, &tm))
    return cp_cli_fail(c, CP_EXIT_USAGE, "SOURCE_DATE_EPOCH is out of range");
  snprintf(buf, n, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
  return CP_EXIT_OK;
}

/* Screen: a readable column. Print: the page's own margins, smaller type, the drawing no
 * taller than about half a page, nothing split across pages that need not be, so a route of
 * two to four steps fits one Letter or A4 sheet (tests/e2e/chromium.py prints it). A wage
 * ("$94,990 a year") and the column headings may wrap: nine columns share 816 px. */
static const char style[] =
    "@page{margin:11mm}\n"
    "body{font-family:Helvetica,Arial,'Liberation Sans',Arimo,sans-serif;font-size:11pt;"
    "line-height:1.35;color:#111;margin:1.5em auto;max-width:62em;padding:0 1em}\n"
    "h1{font-size:1.45em;margin:0 0 .2em}\n"
    "h2{font-size:1.1em;margin:.9em 0 .3em}\n"
    "p{margin:.3em 0}\n"
    ".meta{color:#333}\n"
    "figure{margin:.6em 0;text-align:center}\n"
    "figure svg{max-width:100%;height:auto}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
    "th,td{border:1px solid #bbb;padding:.25em .45em;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word}\n"
    "th{background:#f2f2f2}\n"
    "td.n{text-align:right;white-space:nowrap}\n"
    "td.wage{white-space:normal}\n"
    "footer{margin-top:1em;border-top:1px solid #bbb;font-size:.85em;color:#333}\n"
    "footer ol{margin:.3em 0;padding-left:1.6em}\n"
    "@media print{\n"
    "body{margin:0;max-width:none;padding:0;font-size:9pt}\n"
    "figure svg{max-height:3.1in}\n"
    "h1{font-size:1.3em}\n"
    "h2{margin:.5em 0 .2em}\n"
    "table{font-size:7.5pt}\n"
    "section,tr,figure{break-inside:avoid}\n"
    "footer{font-size:6.5pt}\n"
    "a{color:inherit;text-decoration:none}\n"
    "}\n";

void cp_cli_html_figure(FILE *f, const char *svg) {
  /* Graphviz's SVG opens with an XML declaration and a DOCTYPE that have no place inside
   * HTML: the page takes the <svg> element on. */
  const char *start = svg ? strstr(svg, "<svg") : NULL;
  if (start)
    fprintf(f, "<figure>\n%s</figure>\n", start);
}

int cp_cli_html_page(const cp_cli *c, const char *title, const char *body, char **out,
                     size_t *len) {
  FILE *f = open_memstream(out, len);
  if (!f)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  /* Polyglot: HTML5 that is also well-formed XML, so that tools can parse it strictly. */
  fputs("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
        "<meta charset=\"utf-8\" />\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>",
        f);
  cp_cli_html_text(f, title);
  fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
  cp_cli_html_text(f, title);
  fputs("</h1>\n", f);
  fputs(body ? body : "", f);
  fputs("</body>\n</html>\n", f);
  if (!cp_cli_memstream_close(f, out))
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  return CP_EXIT_OK;
}
