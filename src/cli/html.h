/* html.h: self-contained HTML pages that print on one sheet, every text escaped. */
#ifndef CP_CLI_HTML_H
#define CP_CLI_HTML_H

#include "report.h"

#include <stddef.h>
#include <stdio.h>

/* Writes `s` with &, <, >, " and ' as HTML entities: text, never markup. */
void cp_cli_html_text(FILE *f, const char *s);
/* A drawing (Graphviz's SVG, its XML prolog dropped) as the page's figure; nothing for NULL. */
void cp_cli_html_figure(FILE *f, const char *svg);
/* One self-contained page: the title (as <title> and <h1>), then `body` (HTML already
 * escaped), with print styles that fit one Letter or A4 sheet. *out is malloc'd; prints any
 * error and returns the exit code. */
int cp_cli_html_page(const cp_cli *c, const char *title, const char *body, char **out, size_t *len);
/* The date a page carries ("29 November 2026", UTC): today, or SOURCE_DATE_EPOCH (seconds
 * since 1970) when it is set, so that pages can be made again byte for byte (the
 * reproducible-builds convention). A malformed SOURCE_DATE_EPOCH is a usage error. */
int cp_cli_today(const cp_cli *c, char *buf, size_t n);

#endif /* CP_CLI_HTML_H */
