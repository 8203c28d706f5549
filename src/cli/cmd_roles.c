/* cmd_roles.c: `careerpath roles`: a graph's roles, optionally of one domain, or one role
 * described (--describe): what it is, its names, pay, the moves in and out, the sources. */
#include "answer.h"
#include "groups.h"
#include "json_out.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct roles_state {
  const char *domain;
  const char *describe;   /* --describe: a role's name as typed */
  size_t role;            /* ... resolved */
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
static const cp_cli_option opt_describe = {
    .name = "describe",
    .value = "ROLE",
    .help = "describe one role instead: its names, description, level, domain, pay, the moves "
            "into and out of it, and where each figure comes from (ROLE named as route's --from)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = offsetof(roles_state, describe),
    .complete = "@role",
};
static const cp_cli_option *const options[] = {&opt_domain, &opt_describe, NULL};

static int roles_check(cp_cli_run *x, void *state) {
  const roles_state *s = state;
  if (s->describe && s->domain)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--describe names one role; --domain lists many");
  return CP_EXIT_OK;
}

/* --describe: the role named, resolved as route resolves --from. */
static int describe_compute(cp_cli_run *x, roles_state *s) {
  cp_cli_request rq = x->args.rq;
  cp_cli_answer a = {0};
  rq.from = s->describe;
  rq.to = NULL;
  rq.targets.n = 0;
  int code = cp_cli_prepare(&x->c, x->g, &rq, &a, "");
  s->role = a.from;
  cp_cli_answer_free(&a);
  return code;
}

static int roles_compute(cp_cli_run *x, void *state) {
  roles_state *s = state;
  if (s->describe)
    return describe_compute(x, s);
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

/* One move in or out, in plain words: "from Nursing Graduate: 3 months, $300, effort 2 of 5
 * (moderate); requires NCLEX-RN pass", its note and its source below. */
static void move_text(FILE *out, const cp_graph *g, const cp_transition *t, bool in) {
  char months[64], cost[48];
  cp_format_months(t->months, months, sizeof months);
  cp_format_money(t->cost, cost, sizeof cost);
  fprintf(out, "    %s %s: %s, %s, effort %g of 5 (%s)", in ? "from" : "to",
          cp_graph_role(g, in ? t->from : t->to)->label, months, cost, t->effort,
          cp_effort_words(t->effort));
  for (size_t j = 0; j < t->n_requires; j++)
    fprintf(out, "%s%s", j ? ", " : "; requires ", t->requires[j]);
  fputc('\n', out);
  if (*t->note)
    fprintf(out, "      %s\n", t->note);
  if (*t->source)
    fprintf(out, "      Source: %s\n", t->source);
}

/* The moves into (in) or out of role r, or "none". */
static void moves_text(FILE *out, const cp_graph *g, size_t r, bool in) {
  size_t n = 0;
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    n += (in ? tr->to : tr->from) == r;
  }
  fprintf(out, "  Moves %s (%zu)%s\n", in ? "in" : "out", n, n ? ":" : "");
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    if ((in ? tr->to : tr->from) == r)
      move_text(out, g, tr, in);
  }
}

/* An attribute on its own line when the role has it: "  Also called: RN; staff nurse". */
static void attr_line(FILE *out, const cp_role *r, const char *key, const char *heading) {
  const char *v = cp_role_attr(r, key);
  if (v && *v)
    fprintf(out, "  %s: %s\n", heading, v);
}

/* "  Also called: RN, staff nurse, bedside nurse". */
static void aliases_line(FILE *out, const cp_role *r) {
  const char *alias;
  size_t n;
  for (size_t k = 0; cp_role_alias(r, k, &alias, &n); k++)
    fprintf(out, "%s%.*s", k ? ", " : "  Also called: ", (int)n, alias);
  if (cp_role_alias(r, 0, &alias, &n))
    fputc('\n', out);
}

/* The role's other names, as the page's search matches them. */
static json_t *aliases_json(const cp_role *r) {
  json_t *list = json_array();
  const char *alias;
  size_t n;
  for (size_t k = 0; cp_role_alias(r, k, &alias, &n); k++)
    json_array_append_new(list, json_stringn(alias, n));
  return list;
}

static void describe_text(FILE *out, const cp_graph *g, size_t i) {
  const cp_role *r = cp_graph_role(g, i);
  double wage;
  char money[48];
  fprintf(out, "%s (%s)\n", r->label, r->id);
  attr_line(out, r, "description", "What it is");
  aliases_line(out, r);
  fprintf(out, "  Domain: %s; level %d of 5\n", *r->domain ? r->domain : "none given", r->level);
  attr_line(out, r, "onet", "Occupation (O*NET-SOC)");
  if (cp_role_wage(r, &wage)) {
    cp_format_money(wage, money, sizeof money);
    fprintf(out, "  Pay: %s a year\n", money);
  }
  moves_text(out, g, i, true);
  moves_text(out, g, i, false);
  fputs("  Sources:\n", out);
  attr_line(out, r, "source", "  role");
  attr_line(out, r, "onet_source", "  occupation");
  attr_line(out, r, "wage_source", "  pay");
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const roles_state *s = state;
  if (s->describe) {
    describe_text(out, x->g, s->role);
    return CP_EXIT_OK;
  }
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

/* The moves into (in) or out of role r, as JSON. */
static json_t *moves_json(const cp_graph *g, size_t r, bool in) {
  json_t *list = json_array();
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    if ((in ? tr->to : tr->from) != r)
      continue;
    json_t *o = json_object();
    json_object_set_new(o, in ? "from" : "to",
                        json_string(cp_graph_role(g, in ? tr->from : tr->to)->id));
    json_object_set_new(o, "months", cp_cli_json_number(tr->months));
    json_object_set_new(o, "cost", cp_cli_json_number(tr->cost));
    json_object_set_new(o, "effort", cp_cli_json_number(tr->effort));
    json_object_set_new(o, "requires",
                        cp_cli_names_json((const char *const *)tr->requires, tr->n_requires));
    json_object_set_new(o, "note", json_string(tr->note));
    json_object_set_new(o, "source", json_string(tr->source));
    json_array_append_new(list, o);
  }
  return list;
}

/* The role with every attribute the graph gives it, and its moves. */
static json_t *describe_json(const cp_graph *g, size_t i) {
  const cp_role *r = cp_graph_role(g, i);
  json_t *o = json_object(), *attrs = json_object();
  double wage;
  json_object_set_new(o, "id", json_string(r->id));
  json_object_set_new(o, "label", json_string(r->label));
  json_object_set_new(o, "domain", json_string(r->domain));
  json_object_set_new(o, "level", json_integer(r->level));
  json_object_set_new(o, "wage", cp_role_wage(r, &wage) ? cp_cli_json_number(wage) : json_null());
  for (size_t a = 0; a < r->n_attrs; a++)
    json_object_set_new(attrs, r->attrs[a].key, json_string(r->attrs[a].value));
  json_object_set_new(o, "attributes", attrs);
  json_object_set_new(o, "moves_in", moves_json(g, i, true));
  json_object_set_new(o, "moves_out", moves_json(g, i, false));
  return o;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const roles_state *s = state;
  if (s->describe)
    return cp_cli_json_write(&x->c, out, describe_json(x->g, s->role), 12, "the role");
  json_t *arr = json_array();
  for (size_t i = 0; i < s->n_shown; i++) {
    const cp_role *r = cp_graph_role(x->g, s->shown[i]);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(r->id));
    json_object_set_new(o, "label", json_string(r->label));
    json_object_set_new(o, "domain", json_string(r->domain));
    json_object_set_new(o, "level", json_integer(r->level));
    json_object_set_new(o, "aliases", aliases_json(r));
    json_array_append_new(arr, o);
  }
  return cp_cli_json_write(&x->c, out, arr, 12, "the roles");
}

static void roles_release(void *state) { free(((roles_state *)state)->shown); }

const cp_cli_command cp_cmd_roles = {
    .name = "roles",
    .summary = "list the roles of a graph",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] [--domain DOMAIN] [OPTIONS]\n[GRAPH] --describe ROLE [OPTIONS]",
    .description = "Lists roles: id, level, domain and label, in the order the graph gives them.\n"
                   "With --describe, one role: what it is, the names it goes by, its domain and\n"
                   "level, its pay, every move into and out of it, and where each comes from.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .options = options,
    .exit_codes =
        "0 listed, 2 usage error, 3 bad input (or a role name that fits none or several), "
        "4 output not written, 5 internal error.",
    .what = "the roles",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_text, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(roles_state),
    .check = roles_check,
    .compute = roles_compute,
    .release = roles_release,
};
