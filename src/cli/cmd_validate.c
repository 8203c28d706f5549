/* cmd_validate.c: `careerpath validate`: checks a graph file and summarises it. */
#include "groups.h"
#include "json_out.h"

#include <stdlib.h>

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
      fprintf(f, "; %s on all%s", name,
              c == CP_BY_MONTHS && cp_graph_months_are_medians(g)
                  ? " (median_months observed in career histories)"
                  : "");
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

typedef struct validate_state {
  cp_summary *summary;
} validate_state;

static int validate_compute(cp_cli_run *x, void *state) {
  validate_state *s = state;
  cp_error e = {0};
  cp_status st = cp_graph_verify_image(x->g, &e); /* what loading an image leaves unread */
  if (!st)
    st = cp_graph_summarize(x->g, &s->summary, &e);
  return cp_cli_status(&x->c, st, &e);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  print_text(out, x->g, ((const validate_state *)state)->summary);
  return CP_EXIT_OK;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  return cp_cli_json_write(&x->c, out, summary_json(x->g, ((const validate_state *)state)->summary),
                           12, "the summary");
}

static void validate_release(void *state) { cp_summary_free(((validate_state *)state)->summary); }

const cp_cli_command cp_cmd_validate = {
    .name = "validate",
    .summary = "check a graph file and summarise it",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] [OPTIONS]",
    .description =
        "Reads GRAPH (default: the built-in graph) and either prints every problem that stops\n"
        "it loading, with file and line, or a summary: roles and domains, which weights the\n"
        "transitions carry, entry roles (nothing leads in), dead ends (nothing leads out),\n"
        "isolated roles, and roles no entry role can reach.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .exit_codes = "0 valid, 2 usage error, 3 invalid graph, 4 output not written, 5 internal "
                  "error.",
    .what = "the summary",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_text, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(validate_state),
    .compute = validate_compute,
    .release = validate_release,
};
