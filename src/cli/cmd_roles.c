/* cmd_roles.c: `careerpath roles`: lists a graph's roles. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
    "Usage: careerpath roles [GRAPH] [--domain DOMAIN] [--format text|json]\n"
    "\n"
    "Lists roles: id, level, domain and label, in the order the graph gives them.\n"
    "\n"
    "Options:\n"
    "  --domain DOMAIN      only roles of this domain (any case)\n"
    "  --format FORMAT      text (default) or json\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 listed, 2 usage error, 3 bad input, 5 internal error.\n";

static bool domain_matches(const cp_role *r, const char *domain) {
  return !domain || strcasecmp(r->domain, domain) == 0;
}

int cp_cmd_roles(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"domain", required_argument, NULL, 'd'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  const char *domain = NULL, *roles = NULL, *graph_path = NULL;
  cp_out_format format = CP_OUT_TEXT;
  int code, opt;
  cp_graph *g = NULL;

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":h", longopts)) != -1) {
    switch (opt) {
    case 'd': domain = optarg; break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg, CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_JSON),
                                      &format)))
        return code;
      break;
    case 'r': roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    return code;

  size_t n = cp_graph_role_count(g), shown = 0, id_width = 2;
  for (size_t i = 0; i < n; i++) {
    size_t w = strlen(cp_graph_role(g, i)->id);
    if (domain_matches(cp_graph_role(g, i), domain) && w > id_width)
      id_width = w;
  }
  if (format == CP_OUT_JSON) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
      const cp_role *r = cp_graph_role(g, i);
      if (!domain_matches(r, domain))
        continue;
      json_t *o = json_object();
      json_object_set_new(o, "id", json_string(r->id));
      json_object_set_new(o, "label", json_string(r->label));
      json_object_set_new(o, "domain", json_string(r->domain));
      json_object_set_new(o, "level", json_integer(r->level));
      json_array_append_new(arr, o);
      shown++;
    }
    size_t len;
    char *text = cp_cli_json_text(arr, &len);
    if (!text) {
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the roles");
      goto cleanup;
    }
    fwrite(text, 1, len, c->out);
    free(text);
  } else {
    fprintf(c->out, "%-*s  LEVEL  %-22s  LABEL\n", (int)id_width, "ID", "DOMAIN");
    for (size_t i = 0; i < n; i++) {
      const cp_role *r = cp_graph_role(g, i);
      if (!domain_matches(r, domain))
        continue;
      fprintf(c->out, "%-*s  %5d  %-22s  %s\n", (int)id_width, r->id, r->level, r->domain,
              r->label);
      shown++;
    }
  }
  if (domain && shown == 0)
    cp_cli_fail(c, CP_EXIT_OK, "no role has domain '%s'", domain);
  if (fflush(c->out) != 0)
    code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output");
cleanup:
  cp_graph_free(g);
  return code;
}
