/* format.h: the output formats a command may offer, by name. */
#ifndef CP_CLI_FORMAT_H
#define CP_CLI_FORMAT_H

#include "careerpath.h"
#include "report.h"

#include <stdbool.h>
#include <stddef.h>

/* In the order help and error messages list them. */
typedef enum cp_out_format {
  CP_OUT_TEXT,
  CP_OUT_JSON,
  CP_OUT_CSV,
  CP_OUT_TSV,
  CP_OUT_DOT,
  CP_OUT_SVG,
  CP_OUT_HTML,
  CP_OUT_PNG,
  CP_OUT_PDF,
  CP_OUT_GRAPHML,
  CP_OUT_GEXF,
  CP_OUT_CPG, /* a compiled graph image (compile) */
  CP_OUT_COUNT
} cp_out_format;
#define CP_OUT_BIT(f) (1u << (f))

const char *cp_cli_format_name(cp_out_format f);
/* "text, json, dot" (sep ", ") or with the last joined by " or " when `or` is set. */
void cp_cli_format_list(unsigned formats, bool or, char *buf, size_t n);
/* Parses `name` among `formats` (a bit each); a usage error names the choices. */
int cp_cli_parse_format(const cp_cli *c, const char *name, unsigned formats, cp_out_format *out);
/* DOT, SVG, PNG, PDF: drawn by Graphviz. */
bool cp_cli_is_drawing(cp_out_format f);
/* The Graphviz format of a drawing format (SVG for HTML, whose page holds an SVG). */
cp_format cp_cli_drawing_format(cp_out_format f);

#endif /* CP_CLI_FORMAT_H */
