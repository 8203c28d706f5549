/* cmd_whatif.c: `careerpath whatif`: which credential to earn next, ranked by what it saves. */
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: careerpath whatif [GRAPH] --from ROLE --to ROLE [OPTIONS]\n"
    "       careerpath whatif [GRAPH] --from ROLE --within C=L,... [OPTIONS]\n"
    "\n"
    "For every credential in the graph's catalogue that is not already held: how much holding\n"
    "it would improve the best route (or open one where there is none), ranked. Without --to,\n"
    "how many more roles it brings within the limits. What holding a credential does: moves\n"
    "that require it cost its catalogue months and cost less.\n"
    "\n"
    "Options:\n"
    "  --by CRITERION       best by steps, months (default), cost or effort, or a trade-off\n"
    "  --within C=L,...     limits, e.g. months=36,cost=20000 (required without --to)\n"
    "  --budget, --max-months, --max-steps, --max-effort   one limit each\n"
    "  --avoid ROLE, --avoid-domain D   never pass through (repeatable)\n"
    "  --have CRED, --have-file FILE    credentials already held\n"
    "  --format FORMAT      text (default) or json\n"
    "  -o, --output FILE    write there (through a temporary file) instead of stdout\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 ranked, 2 usage error, 3 bad input (or no catalogue), 4 output not\n"
    "written, 5 internal error.\n";

typedef struct option_result {
  size_t credential;
  bool found;       /* a route (or, without --to, the count below) */
  double objective; /* of the best route when holding it */
  cp_route best;    /* borrowed from `routes` */
  cp_route_list *routes;
  size_t reachable;
} option_result;

static double objective_of(const cp_query *q, const cp_route *r) {
  double f = 0;
  for (int c = 0; c < NC; c++)
    if (q->weights[c] > 0) /* criteria the graph lacks are NaN, and 0 x NaN is NaN */
      f += q->weights[c] * cp_route_total(r, (cp_criterion)c);
  return f;
}

/* The question with one more credential held, answered. */
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
    out->objective = objective_of(&q, &out->best);
  }
  return CP_OK;
}

/* The question as if `name` were held too; `ha` points into `hrq`. */
static void with_held(const cp_cli_request *rq, const cp_cli_answer *a, const char *name,
                      cp_cli_request *hrq, cp_cli_answer *ha) {
  *hrq = *rq;
  if (hrq->n_have < MAX_LIST)
    hrq->have[hrq->n_have++] = name;
  *ha = *a;
  ha->q.have = hrq->have;
  ha->q.n_have = hrq->n_have;
}

static const option_result *ranking_base;
static bool ranking_to;

/* Opening a route first, then the largest saving (or the most roles), then the name. */
static int by_gain(const void *pa, const void *pb) {
  const option_result *a = pa, *b = pb;
  if (ranking_to) {
    if (a->found != b->found)
      return a->found ? -1 : 1;
    if (a->found && a->objective != b->objective)
      return a->objective < b->objective ? -1 : 1;
  } else if (a->reachable != b->reachable) {
    return a->reachable > b->reachable ? -1 : 1;
  }
  (void)ranking_base;
  return a->credential < b->credential ? -1 : a->credential > b->credential;
}

static void saving_text(const cp_cli_request *rq, double saved, char *buf, size_t n) {
  if (!rq->weighted && rq->by == CP_BY_COST)
    cp_format_money(saved, buf, n);
  else if (!rq->weighted)
    snprintf(buf, n, "%g %s", saved, cp_criterion_name(rq->by));
  else
    snprintf(buf, n, "%g", saved);
}

int cp_cmd_whatif(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"from", required_argument, NULL, 'f'},
                                           {"to", required_argument, NULL, 't'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"output", required_argument, NULL, 'o'},
                                           {"roles", required_argument, NULL, 'r'},
                                           {"help", no_argument, NULL, 'h'},
                                           CP_CLI_QUESTION_OPTIONS,
                                           {NULL, 0, NULL, 0}};
  const char *output = NULL, *roles = NULL, *graph_path = NULL, *have_file = NULL;
  cp_cli_request rq;
  cp_cli_answer a = {0};
  cp_out_format format = CP_OUT_TEXT;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_router *router = NULL;
  char *text = NULL, *have_text = NULL, why[512];
  size_t len = 0, n_options = 0;
  option_result base = {0}, *options = NULL;
  cp_error e = {0};

  cp_cli_request_init(&rq);
  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    bool ok = true;
    switch (opt) {
    case 'f': rq.from = optarg; break;
    case 't': rq.to = optarg; break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg, CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_JSON),
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'r': roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default:
      if (!cp_cli_question_option(opt, optarg, &rq, &have_file, &ok, why, sizeof why))
        return CP_EXIT_USAGE;
    }
    if (!ok)
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s", why);
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  bool limited = false;
  for (int i = 0; i < NC; i++)
    limited |= isfinite(rq.limits[i]);
  if (!rq.from)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--from is required; see 'careerpath whatif --help'");
  if (!rq.to && !limited)
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "without --to, give limits (--within months=36,...): "
                       "the question is how many roles come within them");
  if (have_file && (code = cp_cli_read_have_file(c, have_file, &rq, &have_text)))
    goto cleanup;
  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  if (cp_graph_credential_count(g) == 0) {
    code = cp_cli_fail(c, CP_EXIT_INPUT,
                       "%s has no credentials catalogue (DOT nodes with "
                       "kind=\"credential\", or credentials.csv beside a CSV graph)",
                       cp_graph_name(g));
    goto cleanup;
  }
  cp_status st = cp_router_new(g, &router, &e);
  if (st || (code = cp_cli_prepare(c, g, &rq, &a, ""))) {
    code = st ? cp_cli_status(c, st, &e) : code;
    goto cleanup;
  }
  if ((st = evaluate(router, &a.q, NULL, &base, &e)) &&
      (code = cp_cli_search_status(c, st, &e, "")))
    goto cleanup;
  size_t n_cred = cp_graph_credential_count(g);
  if (!(options = calloc(n_cred, sizeof *options))) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < n_cred; i++) {
    const char *name = cp_graph_credential(g, i)->name;
    if (cp_cli_held(&rq, name))
      continue;
    option_result *o = &options[n_options++];
    o->credential = i;
    if ((st = evaluate(router, &a.q, name, o, &e)) && (code = cp_cli_search_status(c, st, &e, "")))
      goto cleanup;
  }
  ranking_base = &base;
  ranking_to = rq.to != NULL;
  qsort(options, n_options, sizeof *options, by_gain);

  char by[256], saved[64], months[32], cost[48];
  cp_cli_describe(&rq, by, sizeof by);
  if (format == CP_OUT_JSON) {
    json_t *root = json_object(), *list = json_array(), *limits = json_object();
    json_object_set_new(root, "from", json_string(cp_graph_role(g, a.from)->id));
    if (rq.to)
      json_object_set_new(root, "to", json_string(cp_graph_role(g, a.to)->id));
    json_object_set_new(root, "by", json_string(by));
    for (int i = 0; i < NC; i++)
      if (isfinite(rq.limits[i]))
        json_object_set_new(limits, cp_criterion_name((cp_criterion)i),
                            cp_cli_json_number(rq.limits[i]));
    json_object_set_new(root, "limits", limits);
    json_object_set_new(root, "have", cp_cli_names_json(rq.have, rq.n_have));
    if (rq.to)
      json_object_set_new(
          root, "now", base.found ? cp_cli_route_json(router, &a, &rq, &base.best) : json_null());
    else
      json_object_set_new(root, "reachable_now", json_integer((json_int_t)base.reachable));
    for (size_t i = 0; i < n_options; i++) {
      const option_result *o = &options[i];
      const cp_credential *cred = cp_graph_credential(g, o->credential);
      json_t *item = json_object();
      json_object_set_new(item, "credential", json_string(cred->name));
      json_object_set_new(item, "months", cp_cli_json_number(cred->months));
      json_object_set_new(item, "cost", cp_cli_json_number(cred->cost));
      if (rq.to) {
        json_object_set_new(item, "opens_a_route", json_boolean(o->found && !base.found));
        json_object_set_new(item, "saves",
                            o->found && base.found
                                ? cp_cli_json_number(base.objective - o->objective)
                                : json_null());
        /* The route holding it, its figures for a person who holds it. */
        cp_cli_request hrq;
        cp_cli_answer ha;
        with_held(&rq, &a, cred->name, &hrq, &ha);
        json_object_set_new(
            item, "route", o->found ? cp_cli_route_json(router, &ha, &hrq, &o->best) : json_null());
      } else {
        json_object_set_new(item, "reachable", json_integer((json_int_t)o->reachable));
        json_object_set_new(item, "gain",
                            json_integer((json_int_t)o->reachable - (json_int_t)base.reachable));
      }
      json_array_append_new(list, item);
    }
    json_object_set_new(root, "credentials", list);
    text = cp_cli_json_text(root, &len);
  } else {
    FILE *f = open_memstream(&text, &len);
    if (f) {
      cp_cli_conditions_text(f, g, &rq, &a);
      if (rq.to) {
        fprintf(f, "From %s to %s, by %s. ", cp_graph_role(g, a.from)->label,
                cp_graph_role(g, a.to)->label, by);
        if (base.found) {
          cp_cli_number(base.best.months, months, sizeof months);
          cp_format_money(base.best.cost, cost, sizeof cost);
          fprintf(f, "Now: %zu steps, %s months, %s.\n", base.best.n_steps, months, cost);
        } else {
          fputs("Now: no route.\n", f);
        }
        fprintf(f, "  %-44s  %-14s  %s\n", "IF YOU HELD", "SAVES", "BEST ROUTE THEN");
      } else {
        fprintf(f, "From %s, by %s: %zu roles within the limits now.\n",
                cp_graph_role(g, a.from)->label, by, base.reachable);
        fprintf(f, "  %-44s  %s\n", "IF YOU HELD", "ROLES WITHIN THE LIMITS");
      }
      for (size_t i = 0; i < n_options; i++) {
        const option_result *o = &options[i];
        const char *name = cp_graph_credential(g, o->credential)->name;
        if (!rq.to) {
          fprintf(f, "  %-44s  %zu (%+ld)\n", name, o->reachable,
                  (long)o->reachable - (long)base.reachable);
          continue;
        }
        if (!o->found) {
          fprintf(f, "  %-44s  %-14s  no route\n", name, "-");
          continue;
        }
        if (base.found)
          saving_text(&rq, base.objective - o->objective, saved, sizeof saved);
        else
          snprintf(saved, sizeof saved, "opens a route");
        cp_cli_number(o->best.months, months, sizeof months);
        cp_format_money(o->best.cost, cost, sizeof cost);
        fprintf(f, "  %-44s  %-14s  %zu steps, %s months, %s\n", name, saved, o->best.n_steps,
                months, cost);
      }
      cp_cli_memstream_close(f, &text); /* NULL text: out of memory, below */
    }
  }
  if (!text) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the ranking");
    goto cleanup;
  }
  const char *inputs[] = {graph_path, roles, NULL};
  code = cp_cli_write(c, output, text, len, inputs);
cleanup:
  for (size_t i = 0; i < n_options; i++)
    cp_route_list_free(options[i].routes);
  free(options);
  cp_route_list_free(base.routes);
  free(text);
  free(have_text);
  cp_cli_answer_free(&a);
  cp_router_free(router);
  cp_graph_free(g);
  return code;
}
