/* cmd_roles.c: `careerpath roles`: a graph's roles, optionally of one domain. */
#include "groups.h"
#include "json_out.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct roles_state {
  const char *domain;
  size_t *shown, n_shown; /* the roles listed, in graph order */
} roles_state;

static const cp_cli_option opt_domain = {
    .name = "domain",
    .value = "DOMAIN",
    .help = "only roles of this domain (any case)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = offsetof(roles_state, domain),
};
static const cp_cli_option *const options[] = {&opt_domain, NULL};

static int roles_compute(cp_cli_run *x, void *state) {
  roles_state *s = state;
  size_t n = cp_graph_role_count(x->g);
  if (!(s->shown = malloc((n ? n : 1) * sizeof *s->shown)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t i = 0; i < n; i++)
    if (!s->domain || cp_strcasecmp_ascii(cp_graph_role(x->g, i)->domain, s->domain) == 0)
      s->shown[s->n_shown++] = i;
  if (s->domain && s->n_shown == 0)
    cp_cli_fail(&x->c, CP_EXIT_OK, "no role has domain '%s'", s->domain);
  return CP_EXIT_OK;
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const roles_state *s = state;
  size_t id_width = 2;
  for (size_t i = 0; i < s->n_shown; i++) {
    size_t w = strlen(cp_graph_role(x->g, s->shown[i])->id);
    id_width = w > id_width ? w : id_width;
  }
  fprintf(out, "%-*s  LEVEL  %-22s  LABEL\n", (int)id_width, "ID", "DOMAIN");
  for (size_t i = 0; i < s->n_shown; i++) {
    const cp_role *r = cp_graph_role(x->g, s->shown[i]);
    fprintf(out, "%-*s  %5d  %-22s  %s\n", (int)id_width, r->id, r->level, r->domain, r->label);
  }
  return CP_EXIT_OK;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const roles_state *s = state;
  json_t *arr = json_array();
  for (size_t i = 0; i < s->n_shown; i++) {
    const cp_role *r = cp_graph_role(x->g, s->shown[i]);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "label", json_string(r->label));
    json_object_set_new(o, "domain", json_string(r->domain));
    json_object_set_new(o, "level", json_integer(r->level));
    json_array_append_new(arr, o);
  }
  return cp_cli_json_write(&x->c, out, arr, 12, "the roles");
}

static void roles_release(void *state) { free(((roles_state *)state)->shown); }

const cp_cli_command cp_cmd_roles = {
    .name = "roles",
    .summary = "list the roles of a graph",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] [--domain DOMAIN] [OPTIONS]",
    .description = "Lists roles: id, level, domain and label, in the order the graph gives them.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .options = options,
    .exit_codes = "0 listed, 2 usage error, 3 bad input, 4 output not written, 5 internal error.",
    .what = "the roles",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_text, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(roles_state),
    .compute = roles_compute,
    .release = roles_release,
};
