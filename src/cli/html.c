/* html.c: self-contained HTML pages (polyglot: also well-formed XML), text escaped. */
#include "html.h"
#include "write.h"

#include <string.h>

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

int cp_cli_html_page(const cp_cli *c, const char *title, const char *svg, const char *body,
                     char **out, size_t *len) {
  FILE *f = open_memstream(out, len);
  if (!f)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  /* Graphviz's SVG opens with an XML declaration and a DOCTYPE that have no place inside
   * HTML: the page takes the <svg> element on. */
  const char *start = svg ? strstr(svg, "<svg") : NULL;
  /* Polyglot: HTML5 that is also well-formed XML, so that tools can parse it strictly. */
  fputs("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
        "<meta charset=\"utf-8\" />\n<title>",
        f);
  cp_cli_html_text(f, title);
  fputs("</title>\n<style>\n"
        "body{font-family:Helvetica,Arial,'Liberation Sans',Arimo,sans-serif;margin:2em}\n"
        "figure{margin:0;overflow-x:auto}\n"
        "table{border-collapse:collapse;margin-top:1.5em}\n"
        "th,td{border:1px solid #bbb;padding:.35em .6em;text-align:left;vertical-align:top}\n"
        "td.n{text-align:right}\n"
        "</style>\n</head>\n<body>\n<h1>",
        f);
  cp_cli_html_text(f, title);
  fputs("</h1>\n", f);
  if (start)
    fprintf(f, "<figure>\n%s</figure>\n", start);
  fputs(body ? body : "", f);
  fputs("</body>\n</html>\n", f);
  if (!cp_cli_memstream_close(f, out))
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  return CP_EXIT_OK;
}
