/* format.c: output format names, lists of them, and their Graphviz counterparts. */
#include "format.h"

#include <string.h>

static const char *const names[CP_OUT_COUNT] = {"text", "json", "csv", "tsv",     "dot",  "svg",
                                                "html", "png",  "pdf", "graphml", "gexf", "cpg"};

const char *cp_cli_format_name(cp_out_format f) { return names[f]; }

void cp_cli_format_list(unsigned formats, bool or, char *buf, size_t n) {
  size_t left = 0, used = 0;
  for (int f = 0; f < CP_OUT_COUNT; f++)
    left += (formats & CP_OUT_BIT(f)) != 0;
  buf[0] = '\0';
  for (int f = 0; f < CP_OUT_COUNT && used < n; f++) {
    if (!(formats & CP_OUT_BIT(f)))
      continue;
    const char *sep = !used ? "" : (or &&left == 1) ? " or " : ", ";
    used += (size_t)snprintf(buf + used, n - used, "%s%s", sep, names[f]);
    left--;
  }
}

int cp_cli_parse_format(const cp_cli *c, const char *name, unsigned formats, cp_out_format *out) {
  for (int f = 0; f < CP_OUT_COUNT; f++)
    if ((formats & CP_OUT_BIT(f)) && !strcmp(name, names[f])) {
      *out = (cp_out_format)f;
      return CP_EXIT_OK;
    }
  char list[128];
  cp_cli_format_list(formats, false, list, sizeof list);
  return cp_cli_fail(c, CP_EXIT_USAGE, "unknown format '%s' (choose from %s)", name, list);
}

bool cp_cli_is_drawing(cp_out_format f) {
  return f == CP_OUT_DOT || f == CP_OUT_SVG || f == CP_OUT_PNG || f == CP_OUT_PDF;
}

cp_format cp_cli_drawing_format(cp_out_format f) {
  switch (f) {
  case CP_OUT_SVG:
  case CP_OUT_HTML: return CP_FORMAT_SVG;
  case CP_OUT_PNG: return CP_FORMAT_PNG;
  case CP_OUT_PDF: return CP_FORMAT_PDF;
  default: return CP_FORMAT_DOT;
  }
}
