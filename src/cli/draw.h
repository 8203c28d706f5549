/* draw.h: drawings of a graph through the library's renderer. */
#ifndef CP_CLI_DRAW_H
#define CP_CLI_DRAW_H

#include "careerpath.h"
#include "format.h"
#include "report.h"

/* Renders `ro` as DOT, SVG, PNG or PDF into *text (malloc'd); edges are labelled with
 * ro->label_by, or left unlabelled when the graph does not carry it. Prints any error;
 * returns the exit code. */
int cp_cli_draw(const cp_cli *c, const cp_graph *g, cp_render_options *ro, cp_out_format format,
                char **text, size_t *len);

#endif /* CP_CLI_DRAW_H */
