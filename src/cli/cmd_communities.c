/* cmd_communities.c: `careerpath communities`: clusters of roles people move among. */
#include "boot.h"
#include "groups.h"
#include "json_out.h"

#include <stddef.h>
#include <stdlib.h>

typedef struct communities_state {
  cp_community_method method;
  size_t *member, k; /* each role's community (from 0), and how many */
  double modularity;
} communities_state;

static int set_method(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  return cp_cli_parse_method(&x->c, value, dst);
}

static const cp_cli_option opt_method = {
    .name = "method",
    .value = "METHOD",
    .help = "leiden (default) or louvain",
    .heading = CP_HEAD_OPTIONS,
    .set = set_method,
    .offset = offsetof(communities_state, method),
    .complete = "leiden louvain",
};
static const cp_cli_option *const options[] = {&opt_method, NULL};

static const char *method_name(const communities_state *s) {
  return s->method == CP_COMMUNITY_LEIDEN ? "leiden" : "louvain";
}

static int communities_compute(cp_cli_run *x, void *state) {
  communities_state *s = state;
  cp_error e = {0};
  cp_status st = cp_graph_communities(x->g, s->method, &s->member, &s->k, &s->modularity, &e);
  int code = cp_cli_status(&x->c, st, &e);
  if (!code && s->modularity < CP_WEAK_MODULARITY)
    cp_cli_warnings(&x->c, CP_WARN_WEAK_MODULARITY);
  return code;
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const communities_state *s = state;
  size_t n = cp_graph_role_count(x->g);
  fprintf(out, "%s: %zu communities (%s), modularity %.6g\n", cp_graph_name(x->g), s->k,
          method_name(s), s->modularity);
  for (size_t cm = 0; cm < s->k; cm++) {
    size_t size = 0;
    for (size_t i = 0; i < n; i++)
      size += s->member[i] == cm;
    fprintf(out, "  %zu (%zu role%s):", cm + 1, size, size == 1 ? "" : "s");
    for (size_t i = 0, shown = 0; i < n; i++)
      if (s->member[i] == cm)
        fprintf(out, "%s %s", shown++ ? "," : "", cp_graph_role(x->g, i)->label);
    fputc('\n', out);
  }
  return CP_EXIT_OK;
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const communities_state *s = state;
  fputs("role,community\n", out);
  for (size_t i = 0; i < cp_graph_role_count(x->g); i++) {
    cp_csv_write_field(out, cp_graph_role(x->g, i)->id);
    fprintf(out, ",%zu\n", s->member[i] + 1);
  }
  return CP_EXIT_OK;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const communities_state *s = state;
  json_t *root = json_object(), *list = json_array();
  json_object_set_new(root, "graph", json_string(cp_graph_name(x->g)));
  json_object_set_new(root, "method", json_string(method_name(s)));
  json_object_set_new(root, "modularity", cp_cli_json_number(s->modularity));
  for (size_t cm = 0; cm < s->k; cm++) {
    json_t *o = json_object(), *roles = json_array();
    for (size_t i = 0; i < cp_graph_role_count(x->g); i++)
      if (s->member[i] == cm)
        json_array_append_new(roles, json_string(cp_graph_role(x->g, i)->id));
    json_object_set_new(o, "community", json_integer((json_int_t)cm + 1));
    json_object_set_new(o, "size", json_integer((json_int_t)json_array_size(roles)));
    json_object_set_new(o, "roles", roles);
    json_array_append_new(list, o);
  }
  json_object_set_new(root, "communities", list);
  return cp_cli_json_write(&x->c, out, root, 12, "the output");
}

static void communities_release(void *state) { free(((communities_state *)state)->member); }

const cp_cli_command cp_cmd_communities = {
    .name = "communities",
    .summary = "clusters of roles (Leiden or Louvain) with modularity",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] [--method leiden|louvain] [OPTIONS]",
    .description =
        "Clusters of roles people move among: the partition that maximises modularity over\n"
        "moves, direction ignored, weighted by flow (count or probability) when the graph\n"
        "carries one. Seeded, so the same graph gives the same clusters. Communities are\n"
        "numbered from 1, largest first. 'careerpath render --communities METHOD' draws them.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .options = options,
    .format_note = "csv is role,community",
    .exit_codes = "0 done, 2 usage error, 3 bad input, 4 output error, 5 internal error.",
    .what = "the output",
    .default_format = CP_OUT_TEXT,
    .present =
        {[CP_OUT_TEXT] = present_text, [CP_OUT_CSV] = present_csv, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(communities_state),
    .compute = communities_compute,
    .release = communities_release,
};
