/* html.h: self-contained HTML pages, every text escaped. */
#ifndef CP_CLI_HTML_H
#define CP_CLI_HTML_H

#include "report.h"

#include <stddef.h>
#include <stdio.h>

/* Writes `s` with &, <, >, " and ' as HTML entities: text, never markup. */
void cp_cli_html_text(FILE *f, const char *s);
/* One self-contained page: the title, the drawing inline (`svg`, may be NULL) and `body`
 * (HTML already escaped). *out is malloc'd; prints any error and returns the exit code. */
int cp_cli_html_page(const cp_cli *c, const char *title, const char *svg, const char *body,
                     char **out, size_t *len);

#endif /* CP_CLI_HTML_H */
