/* cmd_validate.c: `careerpath validate`: checks a graph file and summarises it. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>

static const char help[] =
    "Usage: careerpath validate [GRAPH] [--roles FILE] [--format text|json]\n"
    "\n"
    "Reads GRAPH (default: the built-in graph) and either prints every problem that stops\n"
    "it loading, with file and line, or a summary: roles and domains, which weights the\n"
    "transitions carry, entry roles (nothing leads in), dead ends (nothing leads out),\n"
    "isolated roles, and roles no entry role can reach.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT      text (default) or json\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 valid, 2 usage error, 3 invalid graph, 5 internal error.\n";

enum { LISTED = 12 };

static void list_roles(FILE *f, const cp_graph *g, const char *what, const size_t *ids, size_t n) {
  fprintf(f, "  %s: %zu", what, n);
  for (size_t i = 0; i < n && i < LISTED; i++)
    fprintf(f, "%s%s", i ? ", " : " (", cp_graph_role(g, ids[i])->id);
  if (n > LISTED)
    fprintf(f, ", ... %zu more", n - LISTED);
  fputs(n ? ")\n" : "\n", f);
}

static json_t *id_array(const cp_graph *g, const size_t *ids, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(a, json_string(cp_graph_role(g, ids[i])->id));
  return a;
}

static json_t *summary_json(const cp_graph *g, const cp_summary *s) {
  json_t *o = json_object(), *domains = json_object(), *missing = json_object();
  for (size_t i = 0; i < s->n_domains; i++)
    json_object_set_new(domains, s->domains[i], json_integer((json_int_t)s->domain_roles[i]));
  for (int c = CP_BY_MONTHS; c < CP_CRITERION_COUNT; c++)
    json_object_set_new(missing, cp_criterion_name((cp_criterion)c),
                        json_integer((json_int_t)s->missing[c]));
  json_object_set_new(o, "graph", json_string(cp_graph_name(g)));
  json_object_set_new(o, "valid", json_true());
  json_object_set_new(o, "roles", json_integer((json_int_t)s->n_roles));
  json_object_set_new(o, "transitions", json_integer((json_int_t)s->n_transitions));
  json_object_set_new(o, "domains", domains);
  json_object_set_new(o, "transitions_missing", missing);
  json_object_set_new(o, "transitions_without_source", json_integer((json_int_t)s->unsourced));
  json_object_set_new(o, "credentials", json_integer((json_int_t)cp_graph_credential_count(g)));
  json_object_set_new(o, "entry_roles", id_array(g, s->entries, s->n_entries));
  json_object_set_new(o, "dead_ends", id_array(g, s->dead_ends, s->n_dead_ends));
  json_object_set_new(o, "isolated", id_array(g, s->isolated, s->n_isolated));
  json_object_set_new(o, "unreachable", id_array(g, s->unreachable, s->n_unreachable));
  return o;
}

static void print_text(FILE *f, const cp_graph *g, const cp_summary *s) {
  fprintf(f, "%s: valid\n", cp_graph_name(g));
  fprintf(f, "  roles: %zu in %zu domain%s", s->n_roles, s->n_domains,
          s->n_domains == 1 ? "" : "s");
  for (size_t i = 0; i < s->n_domains; i++)
    fprintf(f, "%s%s %zu", i ? ", " : " (", *s->domains[i] ? s->domains[i] : "(none)",
            s->domain_roles[i]);
  fputs(s->n_domains ? ")\n" : "\n", f);
  fprintf(f, "  transitions: %zu", s->n_transitions);
  for (int c = CP_BY_MONTHS; c < CP_CRITERION_COUNT; c++) {
    const char *name = cp_criterion_name((cp_criterion)c);
    if (s->missing[c] == 0)
      fprintf(f, "; %s on all", name);
    else if (s->missing[c] == s->n_transitions)
      fprintf(f, "; no %s", name);
    else
      fprintf(f, "; %s missing on %zu", name, s->missing[c]);
  }
  fprintf(f, "; %zu without a source\n", s->unsourced);
  fprintf(f, "  credentials in the catalogue: %zu\n", cp_graph_credential_count(g));
  list_roles(f, g, "entry roles (nothing leads in)", s->entries, s->n_entries);
  list_roles(f, g, "dead ends (nothing leads out)", s->dead_ends, s->n_dead_ends);
  list_roles(f, g, "isolated roles", s->isolated, s->n_isolated);
  list_roles(f, g, "unreachable from every entry role", s->unreachable, s->n_unreachable);
}

int cp_cmd_validate(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"format", required_argument, NULL, 'F'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  const char *roles = NULL, *graph_path = NULL;
  cp_out_format format = CP_OUT_TEXT;
  int code, opt;
  cp_graph *g = NULL;
  cp_summary *s = NULL;
  cp_error e = {0};

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":h", longopts)) != -1) {
    switch (opt) {
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
  cp_status st = cp_graph_summarize(g, &s, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
  } else if (format == CP_OUT_JSON) {
    size_t len;
    char *text = cp_cli_json_text(summary_json(g, s), &len);
    if (!text)
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the summary");
    else if (fwrite(text, 1, len, c->out) != len || fflush(c->out) != 0)
      code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output");
    free(text);
  } else {
    print_text(c->out, g, s);
    if (fflush(c->out) != 0)
      code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output");
  }
  cp_summary_free(s);
  cp_graph_free(g);
  return code;
}
