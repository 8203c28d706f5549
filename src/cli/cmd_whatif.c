/* cmd_whatif.c: `careerpath whatif`: which credential to earn next, ranked by its net effect
 * (whatif.c): what holding it saves less what earning it takes. */
#include "answer.h"
#include "groups.h"
#include "json_out.h"
#include "route_present.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct whatif_state {
  cp_cli_answer a;
  cp_whatif *w;
  cp_no_route *why; /* with a target, no route now and none holding any one credential */
} whatif_state;

static int whatif_check(cp_cli_run *x, void *state) {
  (void)state;
  if (!x->args.rq.from)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--from is required; see 'careerpath whatif --help'");
  if (!x->args.rq.to && !cp_cli_limited(&x->args.rq))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "without --to, give limits (--within months=36,...): the question is how "
                       "many roles come within them");
  return CP_EXIT_OK;
}

static int whatif_compute(cp_cli_run *x, void *state) {
  whatif_state *s = state;
  const cp_router *router;
  cp_error e = {0};
  int code;
  if (cp_graph_credential_count(x->g) == 0)
    return cp_cli_fail(&x->c, CP_EXIT_INPUT,
                       "%s has no credentials catalogue (DOT nodes with kind=\"credential\", or "
                       "credentials.csv beside a CSV graph)",
                       cp_graph_name(x->g));
  if ((code = cp_cli_router(x, &router)) ||
      (code = cp_cli_prepare(&x->c, x->g, &x->args.rq, &s->a, "")))
    return code;
  if (!x->args.rq.to)
    s->a.q.to = SIZE_MAX;
  cp_status st = cp_whatif_rank(router, &s->a.q, &s->w, &e);
  if (!st && x->args.rq.to && !s->w->now->n && !(s->w->n_changing && s->w->options[0].opens))
    st = cp_explain_no_route(router, &s->a.q, &s->why, &e);
  return st ? cp_cli_search_status(&x->c, st, &e, "") : CP_EXIT_OK;
}

/* "9 months" and "$34,800" of a net effect, each absent when nothing; `gain`: the positive
 * ones, else the negative ones. */
static size_t parts(double months, double money, bool gain, char out[2][64]) {
  size_t n = 0;
  if (gain ? months > 0 : months < 0)
    cp_format_months(fabs(months), out[n++], 64);
  if (gain ? money > 0 : money < 0)
    cp_format_money(fabs(money), out[n++], 64);
  return n;
}

static void joined(FILE *f, char p[2][64], size_t n) {
  fprintf(f, "%s%s%s", p[0], n > 1 ? " and " : "", n > 1 ? p[1] : "");
}

/* The net effect in words: "saves 6 months and $1,000", "costs 9 months and $34,800 more",
 * "saves 6 months but costs $3,000 more", or "breaks even". */
static void net_text(FILE *f, double months, double money) {
  char gains[2][64], losses[2][64];
  size_t g = parts(months, money, true, gains), l = parts(months, money, false, losses);
  if (!g && !l)
    fputs("breaks even (it saves what earning it takes)", f);
  if (g) {
    fputs("saves ", f);
    joined(f, gains, g);
  }
  if (l) {
    fputs(g ? " but costs " : "costs ", f);
    joined(f, losses, l);
    fputs(" more", f);
  }
}

/* "15 months (1.3 years) and $200". */
static void months_money(FILE *f, double months, double money) {
  char m[64], c[48];
  cp_format_months(months, m, sizeof m);
  cp_format_money(money, c, sizeof c);
  fprintf(f, "%s and %s", m, c);
}

/* Now, as a heading. */
static void heading_text(FILE *f, const cp_cli_run *x, const whatif_state *s) {
  const cp_graph *g = x->g;
  char by[256], totals[128];
  cp_cli_plain_by(&x->args.rq, by, sizeof by);
  if (!x->args.rq.to) {
    fprintf(f, "From %s, %s first: %zu role%s within the limits now.\n",
            cp_graph_role(g, s->a.from)->label, by, s->w->now->n, s->w->now->n == 1 ? "" : "s");
    return;
  }
  fprintf(f, "From %s to %s (%s). ", cp_graph_role(g, s->a.from)->label,
          cp_graph_role(g, s->a.to)->label, by);
  if (s->w->now->n) {
    cp_cli_route_summary(&s->w->now->routes[0], totals, sizeof totals);
    fprintf(f, "Now: %s.\n", totals);
  } else {
    fputs("Now: no route.\n", f);
  }
}

/* One credential that changes the route: its net effect, the route holding it, what it saves
 * and what earning it takes. */
static void option_text(FILE *f, const cp_cli_run *x, const cp_whatif_option *o, size_t rank) {
  const char *name = cp_graph_credential(x->g, o->credential)->name;
  char totals[128];
  cp_cli_route_summary(&o->route, totals, sizeof totals);
  fprintf(f, "  %zu. %s: ", rank, name);
  if (o->opens)
    fprintf(f, "opens a route: %s", totals);
  else
    net_text(f, o->net_months, o->net_cost);
  fputs(".\n     ", f);
  if (!o->opens) {
    fprintf(f, "Holding it the best route is %s, saving ", totals);
    months_money(f, o->saved[CP_BY_MONTHS], o->saved[CP_BY_COST]);
    fputs("; earning it takes ", f);
  } else {
    fputs("Earning it takes ", f);
  }
  months_money(f, o->earn_months, o->earn_cost);
  fputs(".\n", f);
}

/* Without a target: how many roles come within the limits, and which. */
static void roles_option_text(FILE *f, const cp_cli_run *x, const cp_whatif_option *o,
                              size_t rank) {
  fprintf(f, "  %zu. %s: %zu more role%s (%zu in all): ", rank,
          cp_graph_credential(x->g, o->credential)->name, o->n_new_roles,
          o->n_new_roles == 1 ? "" : "s", o->reachable);
  for (size_t i = 0; i < o->n_new_roles; i++)
    fprintf(f, "%s%s", i ? ", " : "", cp_graph_role(x->g, o->new_roles[i])->label);
  fputs(".\n", f);
}

/* The credentials that change nothing, on one line. */
static void unchanged_text(FILE *f, const cp_cli_run *x, const whatif_state *s) {
  size_t n = s->w->n - s->w->n_changing;
  if (!n)
    return;
  fprintf(f, "%zu credential%s would change nothing here: ", n, n == 1 ? "" : "s");
  for (size_t i = s->w->n_changing; i < s->w->n; i++)
    fprintf(f, "%s%s", i > s->w->n_changing ? ", " : "",
            cp_graph_credential(x->g, s->w->options[i].credential)->name);
  fputs(".\n", f);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const whatif_state *s = state;
  cp_cli_conditions_text(out, x->g, &x->args.rq, &s->a);
  heading_text(out, x, s);
  if (s->why) {
    cp_cli_no_route_text(out, x->g, s->a.from, s->a.to, s->why);
    fputs("Holding any one credential of the catalogue would not open a route.\n", out);
    return CP_EXIT_OK;
  }
  if (s->w->n_changing && x->args.rq.to)
    fputs("Best net effect first (what holding it saves on the route, less what earning it "
          "takes):\n",
          out);
  for (size_t i = 0; i < s->w->n_changing; i++)
    (x->args.rq.to ? option_text : roles_option_text)(out, x, &s->w->options[i], i + 1);
  unchanged_text(out, x, s);
  return CP_EXIT_OK;
}

/* {"months": M, "cost": C}. */
static json_t *pair_json(double months, double cost) {
  json_t *o = json_object();
  json_object_set_new(o, "months", cp_cli_json_number(months));
  json_object_set_new(o, "cost", cp_cli_json_number(cost));
  return o;
}

/* The route holding one more credential, its figures as that person pays them. */
static json_t *held_route_json(const cp_cli_run *x, const whatif_state *s,
                               const cp_whatif_option *o) {
  if (!o->route.roles)
    return json_null();
  const char *have[MAX_LIST + 1];
  cp_cli_answer ha = s->a;
  size_t n = s->a.q.n_have < MAX_LIST ? s->a.q.n_have : MAX_LIST;
  if (n)
    memcpy(have, s->a.q.have, n * sizeof *have);
  have[n] = cp_graph_credential(x->g, o->credential)->name;
  ha.q.have = have;
  ha.q.n_have = n + 1;
  return cp_cli_route_json(x->router, &ha, &x->args.rq, &o->route);
}

/* With a target: what holding it saves, what earning it takes, the net and the route. */
static void target_json(json_t *item, const cp_cli_run *x, const whatif_state *s,
                        const cp_whatif_option *o) {
  const cp_route_list *now = s->w->now;
  double saves = now->n && o->route.roles ? cp_route_objective(&now->routes[0], s->a.q.weights) -
                                                cp_route_objective(&o->route, s->a.q.weights)
                                          : NAN;
  json_object_set_new(item, "opens_a_route", json_boolean(o->opens));
  json_object_set_new(item, "saves", cp_cli_json_number(saves));
  json_object_set_new(item, "saved", pair_json(o->saved[CP_BY_MONTHS], o->saved[CP_BY_COST]));
  json_t *net = pair_json(o->net_months, o->net_cost);
  json_object_set_new(net, "objective", cp_cli_json_number(o->net));
  json_object_set_new(item, "net", net);
  json_object_set_new(item, "route", held_route_json(x, s, o));
}

/* One credential: its catalogue figures and what holding it would do. */
static json_t *option_json(const cp_cli_run *x, const whatif_state *s, const cp_whatif_option *o) {
  const cp_credential *cred = cp_graph_credential(x->g, o->credential);
  json_t *item = json_object();
  json_object_set_new(item, "credential", json_string(cred->name));
  json_object_set_new(item, "months", cp_cli_json_number(cred->months));
  json_object_set_new(item, "cost", cp_cli_json_number(cred->cost));
  json_object_set_new(item, "changes", json_boolean(o->changes));
  if (x->args.rq.to) {
    target_json(item, x, s, o);
    return item;
  }
  json_t *roles = json_array();
  for (size_t i = 0; i < o->n_new_roles; i++)
    json_array_append_new(roles, json_string(cp_graph_role(x->g, o->new_roles[i])->id));
  json_object_set_new(item, "reachable", json_integer((json_int_t)o->reachable));
  json_object_set_new(item, "gain",
                      json_integer((json_int_t)o->reachable - (json_int_t)s->w->now->n));
  json_object_set_new(item, "new_roles", roles);
  return item;
}

static json_t *whatif_json(const cp_cli_run *x, const whatif_state *s) {
  const cp_cli_request *rq = &x->args.rq;
  json_t *root = json_object(), *list = json_array();
  char by[256];
  cp_cli_describe(rq, by, sizeof by);
  json_object_set_new(root, "from", json_string(cp_graph_role(x->g, s->a.from)->id));
  if (rq->to)
    json_object_set_new(root, "to", json_string(cp_graph_role(x->g, s->a.to)->id));
  json_object_set_new(root, "by", json_string(by));
  json_object_set_new(root, "limits", cp_cli_limits_json(rq->limits));
  json_object_set_new(root, "have", cp_cli_names_json(s->a.q.have, s->a.q.n_have));
  if (rq->to)
    json_object_set_new(root, "now",
                        s->w->now->n
                            ? cp_cli_route_json(x->router, &s->a, rq, &s->w->now->routes[0])
                            : json_null());
  else
    json_object_set_new(root, "reachable_now", json_integer((json_int_t)s->w->now->n));
  if (s->why)
    json_object_set_new(root, "no_route", cp_cli_no_route_json(x->g, s->why));
  for (size_t i = 0; i < s->w->n; i++)
    json_array_append_new(list, option_json(x, s, &s->w->options[i]));
  json_object_set_new(root, "credentials", list);
  json_object_set_new(root, "changing", json_integer((json_int_t)s->w->n_changing));
  return root;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  return cp_cli_json_write(&x->c, out, whatif_json(x, state), 12, "the ranking");
}

static void whatif_release(void *state) {
  whatif_state *s = state;
  cp_whatif_free(s->w);
  cp_no_route_free(s->why);
  cp_cli_answer_free(&s->a);
}

const cp_cli_command cp_cmd_whatif = {
    .name = "whatif",
    .summary = "which credential to earn next, ranked by its net effect",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] --from ROLE --to ROLE [OPTIONS]\n[GRAPH] --from ROLE --within C=L,... "
                "[OPTIONS]",
    .description =
        "For every credential in the graph's catalogue that is not already held: what holding it\n"
        "would save on the best route, less what earning it takes (its catalogue months and\n"
        "cost), ranked by that net effect; one that opens a route where there is none comes\n"
        "first. Credentials that change nothing are listed on one line. Without --to, which roles\n"
        "it brings within the limits. Holding a credential takes its catalogue months and cost\n"
        "off the moves that earn it.",
    .groups =
        CP_GROUP_QUESTION | CP_GROUP_LIMITS | CP_GROUP_HELD | CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .notes = "Without --to, limits are required (--within, --budget, --max-months, --max-steps or\n"
             "--max-effort).",
    .exit_codes = "0 ranked, 2 usage error, 3 bad input (or no catalogue), 4 output not written, "
                  "5 internal error.",
    .what = "the ranking",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_text, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(whatif_state),
    .check = whatif_check,
    .compute = whatif_compute,
    .release = whatif_release,
};
