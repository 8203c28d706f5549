/* cmd_whatif.c: `careerpath whatif`: which credential to earn next, ranked by what it
 * saves. */
#include "answer.h"
#include "groups.h"
#include "json_out.h"
#include "route_present.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The question asked again as if one more credential were held. */
typedef struct option_result {
  size_t credential;
  bool found;       /* a route (or, without --to, the count below) */
  double objective; /* of the best route when holding it */
  cp_route best;    /* borrowed from `routes` */
  cp_route_list *routes;
  size_t reachable;
} option_result;

typedef struct whatif_state {
  cp_cli_answer a;
  option_result base, *options;
  size_t n_options;
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

/* The question with one more credential held (`extra`, may be NULL), answered. */
static cp_status evaluate(const cp_router *router, const cp_query *base, const char *extra,
                          option_result *out, cp_error *e) {
  const char *have[MAX_LIST + 1];
  cp_query q = *base;
  memcpy(have, base->have, base->n_have * sizeof *have);
  if (extra)
    have[q.n_have++] = extra;
  q.have = have;
  q.k = 1;
  cp_status st = q.to == SIZE_MAX ? cp_route_reach(router, &q, &out->routes, e)
                                  : cp_route_search(router, &q, &out->routes, e);
  if (st)
    return st;
  out->reachable = out->routes->n;
  out->found = out->routes->n > 0;
  if (out->found && q.to != SIZE_MAX) {
    out->best = out->routes->routes[0];
    out->objective = cp_route_objective(&out->best, q.weights);
  }
  return CP_OK;
}

/* Whether `name` is held already: the library's requirement status on a route of no steps
 * (held is given, when nothing was earned before). */
static bool held(const cp_graph *g, const cp_cli_names *have, const char *name) {
  size_t role = 0;
  cp_route none = {.roles = &role, .n_steps = 0};
  return cp_requirement_status(g, &none, 0, name, have->name, have->n) == CP_REQ_HELD;
}

/* Opening a route first, then the largest saving; without --to, the most roles (the
 * objective is then minus the count); then catalogue order. */
static int by_gain(const void *pa, const void *pb) {
  const option_result *a = pa, *b = pb;
  if (a->found != b->found)
    return a->found ? -1 : 1;
  if (a->found && a->objective != b->objective)
    return a->objective < b->objective ? -1 : 1;
  return a->credential < b->credential ? -1 : a->credential > b->credential;
}

/* Every credential not held, asked and ranked. */
static int rank_options(cp_cli_run *x, whatif_state *s, const cp_router *router) {
  size_t n_cred = cp_graph_credential_count(x->g);
  cp_error e = {0};
  cp_status st;
  if (!(s->options = calloc(n_cred, sizeof *s->options)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t i = 0; i < n_cred; i++) {
    const char *name = cp_graph_credential(x->g, i)->name;
    if (held(x->g, &x->args.rq.have, name))
      continue;
    option_result *o = &s->options[s->n_options++];
    o->credential = i;
    if ((st = evaluate(router, &s->a.q, name, o, &e)))
      return cp_cli_search_status(&x->c, st, &e, "");
    if (!x->args.rq.to) {
      o->found = true;
      o->objective = -(double)o->reachable;
    }
  }
  qsort(s->options, s->n_options, sizeof *s->options, by_gain);
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
  cp_status st = evaluate(router, &s->a.q, NULL, &s->base, &e);
  if (st)
    return cp_cli_search_status(&x->c, st, &e, "");
  return rank_options(x, s, router);
}

/* What holding the credential saves, in the criterion's unit. */
static void saving_text(const cp_cli_request *rq, double saved, char *buf, size_t n) {
  if (!rq->weighted && rq->by == CP_BY_COST)
    cp_format_money(saved, buf, n);
  else if (!rq->weighted)
    snprintf(buf, n, "%g %s", saved, cp_criterion_name(rq->by));
  else
    snprintf(buf, n, "%g", saved);
}

/* The heading: now, and the table's columns. */
static void heading_text(FILE *f, const cp_cli_run *x, const whatif_state *s, const char *by) {
  const cp_graph *g = x->g;
  cp_cli_figures fig;
  if (!x->args.rq.to) {
    fprintf(f, "From %s, by %s: %zu roles within the limits now.\n",
            cp_graph_role(g, s->a.from)->label, by, s->base.reachable);
    fprintf(f, "  %-44s  %s\n", "IF YOU HELD", "ROLES WITHIN THE LIMITS");
    return;
  }
  fprintf(f, "From %s to %s, by %s. ", cp_graph_role(g, s->a.from)->label,
          cp_graph_role(g, s->a.to)->label, by);
  if (s->base.found) {
    cp_cli_route_figures(&s->base.best, &fig);
    fprintf(f, "Now: %zu steps, %s months, %s.\n", s->base.best.n_steps, fig.months, fig.cost);
  } else {
    fputs("Now: no route.\n", f);
  }
  fprintf(f, "  %-44s  %-14s  %s\n", "IF YOU HELD", "SAVES", "BEST ROUTE THEN");
}

static void option_text(FILE *f, const cp_cli_run *x, const whatif_state *s,
                        const option_result *o) {
  const char *name = cp_graph_credential(x->g, o->credential)->name;
  char saved[64];
  cp_cli_figures fig;
  if (!x->args.rq.to) {
    fprintf(f, "  %-44s  %zu (%+ld)\n", name, o->reachable,
            (long)o->reachable - (long)s->base.reachable);
    return;
  }
  if (!o->found) {
    fprintf(f, "  %-44s  %-14s  no route\n", name, "-");
    return;
  }
  if (s->base.found)
    saving_text(&x->args.rq, s->base.objective - o->objective, saved, sizeof saved);
  else
    snprintf(saved, sizeof saved, "opens a route");
  cp_cli_route_figures(&o->best, &fig);
  fprintf(f, "  %-44s  %-14s  %zu steps, %s months, %s\n", name, saved, o->best.n_steps, fig.months,
          fig.cost);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const whatif_state *s = state;
  char by[256];
  cp_cli_describe(&x->args.rq, by, sizeof by);
  cp_cli_conditions_text(out, x->g, &x->args.rq, &s->a);
  heading_text(out, x, s, by);
  for (size_t i = 0; i < s->n_options; i++)
    option_text(out, x, s, &s->options[i]);
  return CP_EXIT_OK;
}

/* One credential: its catalogue figures and what holding it would do. */
static json_t *option_json(const cp_cli_run *x, const whatif_state *s, const option_result *o) {
  const cp_credential *cred = cp_graph_credential(x->g, o->credential);
  const cp_cli_request *rq = &x->args.rq;
  json_t *item = json_object();
  json_object_set_new(item, "credential", json_string(cred->name));
  json_object_set_new(item, "months", cp_cli_json_number(cred->months));
  json_object_set_new(item, "cost", cp_cli_json_number(cred->cost));
  if (!rq->to) {
    json_object_set_new(item, "reachable", json_integer((json_int_t)o->reachable));
    json_object_set_new(item, "gain",
                        json_integer((json_int_t)o->reachable - (json_int_t)s->base.reachable));
    return item;
  }
  json_object_set_new(item, "opens_a_route", json_boolean(o->found && !s->base.found));
  json_object_set_new(item, "saves",
                      o->found && s->base.found
                          ? cp_cli_json_number(s->base.objective - o->objective)
                          : json_null());
  /* The route holding it, its figures for a person who holds it. */
  cp_cli_request hrq = *rq;
  cp_cli_answer ha = s->a;
  if (hrq.have.n < MAX_LIST)
    hrq.have.name[hrq.have.n++] = cred->name;
  ha.q.have = hrq.have.name;
  ha.q.n_have = hrq.have.n;
  json_object_set_new(item, "route",
                      o->found ? cp_cli_route_json(x->router, &ha, &hrq, &o->best) : json_null());
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
  json_object_set_new(root, "have", cp_cli_names_json(rq->have.name, rq->have.n));
  if (rq->to)
    json_object_set_new(root, "now",
                        s->base.found ? cp_cli_route_json(x->router, &s->a, rq, &s->base.best)
                                      : json_null());
  else
    json_object_set_new(root, "reachable_now", json_integer((json_int_t)s->base.reachable));
  for (size_t i = 0; i < s->n_options; i++)
    json_array_append_new(list, option_json(x, s, &s->options[i]));
  json_object_set_new(root, "credentials", list);
  return root;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  return cp_cli_json_write(&x->c, out, whatif_json(x, state), 12, "the ranking");
}

static void whatif_release(void *state) {
  whatif_state *s = state;
  for (size_t i = 0; i < s->n_options; i++)
    cp_route_list_free(s->options[i].routes);
  free(s->options);
  cp_route_list_free(s->base.routes);
  cp_cli_answer_free(&s->a);
}

const cp_cli_command cp_cmd_whatif = {
    .name = "whatif",
    .summary = "which credential to earn next, ranked by what it saves",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] --from ROLE --to ROLE [OPTIONS]\n[GRAPH] --from ROLE --within C=L,... "
                "[OPTIONS]",
    .description =
        "For every credential in the graph's catalogue that is not already held: how much holding\n"
        "it would improve the best route (or open one where there is none), ranked. Without --to,\n"
        "how many more roles it brings within the limits. What holding a credential does: moves\n"
        "that require it cost its catalogue months and cost less.",
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
