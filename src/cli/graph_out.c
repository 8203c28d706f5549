/* graph_out.c: the format and the roles file of a graph a command writes. */
#include "graph_out.h"

#include <stdlib.h>
#include <string.h>

bool cp_cli_graph_format_of(const char *path, unsigned formats, cp_out_format *out) {
  static const struct {
    const char *ext;
    cp_out_format f;
  } by_ext[] = {{".gv", CP_OUT_DOT},   {".dot", CP_OUT_DOT}, {".csv", CP_OUT_CSV},
                {".tsv", CP_OUT_TSV},  {".txt", CP_OUT_TSV}, {".graphml", CP_OUT_GRAPHML},
                {".gexf", CP_OUT_GEXF}};
  for (size_t i = 0; path && i < sizeof by_ext / sizeof by_ext[0]; i++)
    if ((formats & CP_OUT_BIT(by_ext[i].f)) && cp_has_suffix(path, by_ext[i].ext)) {
      *out = by_ext[i].f;
      return true;
    }
  return false;
}

int cp_cli_graph_format(cp_cli_run *x, const char *name, unsigned formats) {
  cp_out_format f = CP_OUT_CSV;
  cp_cli_graph_format_of(x->args.output, formats, &f);
  if (name) {
    char list[64];
    cp_cli_format_list(formats, true, list, sizeof list);
    f = CP_OUT_COUNT;
    for (int i = 0; i < CP_OUT_COUNT; i++)
      if ((formats & CP_OUT_BIT(i)) && !strcmp(name, cp_cli_format_name((cp_out_format)i)))
        f = (cp_out_format)i;
    if (f == CP_OUT_COUNT)
      return cp_cli_fail(&x->c, CP_EXIT_USAGE, "unknown format '%s'; choose %s", name, list);
  }
  x->args.format = f;
  return CP_EXIT_OK;
}

int cp_cli_roles_file(cp_cli_run *x, const char **roles_out, char **made) {
  const char *out = x->args.output;
  bool tsv = x->args.format == CP_OUT_TSV, table = tsv || x->args.format == CP_OUT_CSV;
  if (*roles_out && !table)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--roles-out goes with %s output; %s holds the roles",
                       cp_cli_formats(x->cmd) & CP_OUT_BIT(CP_OUT_TSV) ? "CSV or TSV" : "CSV",
                       x->args.format == CP_OUT_DOT       ? "DOT"
                       : x->args.format == CP_OUT_GRAPHML ? "GraphML"
                                                          : "GEXF");
  if (table && !*roles_out && out && strcmp(out, "-")) {
    if (!(*made = cp_cli_beside(out, tsv ? "roles.tsv" : "roles.csv")))
      return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
    *roles_out = *made;
    if (!strcmp(*made, out)) /* -o is itself the roles file */
      return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                         "'%s' is where the roles go; name the transitions file otherwise or "
                         "give --roles-out",
                         out);
  }
  /* Refusing the second file after writing the first would leave half an output. */
  return *roles_out ? cp_cli_add_companion(x, *roles_out, NULL, 0) : CP_EXIT_OK;
}
