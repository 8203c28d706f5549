/* cmd_route.c: `careerpath route`: the best routes between two roles, one question or many. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
    "Usage: careerpath route [GRAPH] --from ROLE --to ROLE [OPTIONS]\n"
    "       careerpath route [GRAPH] --batch QUERIES.csv [OPTIONS]\n"
    "\n"
    "Prints the best routes from one role to another. ROLE is a role's id or label, in any\n"
    "case. GRAPH is a DOT file (.gv, .dot) or a transitions CSV (.csv; roles from --roles or\n"
    "roles.csv beside it, credentials from credentials.csv beside it); without it, the\n"
    "built-in health-informatics graph is used.\n"
    "\n"
    "What is best:\n"
    "  --by CRITERION       steps (fewest moves), months (default), cost or effort\n"
    "  --by C=W,C=W...      a trade-off: the sum of each weight times the route's total,\n"
    "                       e.g. --by months=1,cost=0.0005 (a month is worth $2,000)\n"
    "  --pareto C,C[,C]     every Pareto-optimal route on these criteria: none is beaten on\n"
    "                       all of them by another\n"
    "  --k N                the N best routes, best first (default 1); equal totals are\n"
    "                       listed fewest steps first, then by role ids\n"
    "Limits (routes beyond them are not returned; the best within them is):\n"
    "  --budget COST        at most this money in total\n"
    "  --max-months M       at most this many months in total\n"
    "  --max-steps N        at most this many moves\n"
    "  --max-effort E       at most this much effort in total\n"
    "  --avoid ROLE         never pass through ROLE (repeatable)\n"
    "  --avoid-domain D     never pass through a role of domain D (repeatable; the start\n"
    "                       and the goal stay allowed)\n"
    "  --via ROLE           pass through ROLE; several are passed in the order given\n"
    "What the person already holds:\n"
    "  --have CRED          a credential or skill already held (repeatable): moves that\n"
    "                       require a catalogued credential cost its months and cost less\n"
    "  --have-file FILE     credentials held, one per line\n"
    "Many questions:\n"
    "  --batch FILE         a CSV with columns from,to and optionally by, k, pareto, budget,\n"
    "                       max_months, max_steps, max_effort, avoid, via, have (lists\n"
    "                       separated by ';'); each row is answered in order, one line\n"
    "                       each; options given here apply to every row that leaves the\n"
    "                       column empty. A bad row is reported with its line and the rest\n"
    "                       go on.\n"
    "Output:\n"
    "  --format FORMAT      text (default), json, dot or svg; dot and svg draw the best\n"
    "                       route alone\n"
    "  -o, --output FILE    write there (through a temporary file) instead of stdout\n"
    "  --roles FILE         roles CSV for a CSV graph\n"
    "  -h, --help           this help\n"
    "\n"
    "Exit codes: 0 a route was found (batch: every row answered), 1 no route exists,\n"
    "2 usage error, 3 bad input (batch: a row was bad), 4 output not written, 5 internal\n"
    "error.\n";

enum { NC = CP_CRITERION_COUNT, MAX_LIST = 64 };

/* One question, as given on the command line or in a batch row. Names stay names until
 * they are resolved against the graph. */
typedef struct request {
  const char *from, *to;
  double weights[NC];
  bool weighted; /* more than one weight, or a weight other than 1 */
  cp_criterion by;
  double limits[NC];
  cp_criterion pareto[NC];
  size_t n_pareto;
  const char *avoid[MAX_LIST], *via[MAX_LIST], *have[MAX_LIST], *avoid_domain[MAX_LIST];
  size_t n_avoid, n_via, n_have, n_avoid_domain;
  size_t k;
} request;

static void request_init(request *rq) {
  memset(rq, 0, sizeof *rq);
  rq->by = CP_BY_MONTHS;
  rq->weights[CP_BY_MONTHS] = 1;
  rq->k = 1;
  for (int c = 0; c < NC; c++)
    rq->limits[c] = INFINITY;
}

/* "months" or "months=1,cost=0.0005". Writes a reason to `why` on failure. */
static bool parse_by(const char *text, request *rq, char *why, size_t n) {
  double w[NC] = {0};
  char buf[256];
  snprintf(buf, sizeof buf, "%s", text);
  cp_criterion c;
  if (!strchr(buf, '=')) {
    if (cp_criterion_parse(buf, &c) != CP_OK) {
      snprintf(why, n,
               "unknown criterion '%s' (choose from steps, months, cost, effort, or "
               "weights like months=1,cost=0.0005)",
               text);
      return false;
    }
    memset(rq->weights, 0, sizeof rq->weights);
    rq->weights[c] = 1;
    rq->by = c;
    rq->weighted = false;
    return true;
  }
  size_t used = 0;
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(item, '='), *end;
    if (!eq) {
      snprintf(why, n, "'%s' in --by is not CRITERION=WEIGHT", item);
      return false;
    }
    *eq = '\0';
    double v = strtod(eq + 1, &end);
    if (cp_criterion_parse(item, &c) != CP_OK || *end || end == eq + 1 || !(v >= 0) ||
        !isfinite(v)) {
      snprintf(why, n,
               "'%s=%s' in --by: a criterion (steps, months, cost, effort) and a "
               "weight >= 0",
               item, eq + 1);
      return false;
    }
    w[c] = v;
    rq->by = c;
    used++;
  }
  bool positive = false;
  for (int i = 0; i < NC; i++)
    positive |= w[i] > 0;
  if (!positive) {
    snprintf(why, n, "--by needs at least one weight above 0");
    return false;
  }
  memcpy(rq->weights, w, sizeof w);
  rq->weighted = used > 1 || w[rq->by] != 1;
  return true;
}

static bool parse_pareto(const char *text, request *rq, char *why, size_t n) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s", text);
  rq->n_pareto = 0;
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    cp_criterion c;
    if (cp_criterion_parse(item, &c) != CP_OK || rq->n_pareto == NC) {
      snprintf(why, n, "'%s' in --pareto is not a criterion (steps, months, cost, effort)", item);
      return false;
    }
    for (size_t i = 0; i < rq->n_pareto; i++)
      if (rq->pareto[i] == c) {
        snprintf(why, n, "--pareto names '%s' twice", item);
        return false;
      }
    rq->pareto[rq->n_pareto++] = c;
  }
  if (rq->n_pareto < 2) {
    snprintf(why, n, "--pareto needs two or more criteria, e.g. months,cost");
    return false;
  }
  return true;
}

static bool parse_limit(const char *name, const char *text, double *out, char *why, size_t n) {
  char *end;
  double v = strtod(text, &end);
  if (!*text || *end || !(v >= 0) || !isfinite(v)) {
    snprintf(why, n, "%s needs a number >= 0, not '%s'", name, text);
    return false;
  }
  *out = v;
  return true;
}

static bool add_name(const char **list, size_t *n, const char *name, const char *what, char *why,
                     size_t wn) {
  if (*n == MAX_LIST) {
    snprintf(why, wn, "more than %d %s", MAX_LIST, what);
    return false;
  }
  list[(*n)++] = name;
  return true;
}

/* ---- answering one question ---- */

typedef struct answer {
  size_t from, to;
  size_t *avoid; /* the roles named with --avoid, then those of each --avoid-domain */
  size_t n_avoid;
  size_t via[MAX_LIST];
  cp_query q;
  cp_route_list *routes;
} answer;

/* Whether `name` is held by the person (credentials match in any case). */
static bool held(const request *rq, const char *name) {
  for (size_t i = 0; i < rq->n_have; i++)
    if (strcasecmp(rq->have[i], name) == 0)
      return true;
  return false;
}

/* A --have name must mean something in this graph: a catalogue credential or something a
 * move requires. */
static int check_have(const cp_cli *c, const cp_graph *g, const request *rq, const char *where) {
  for (size_t i = 0; i < rq->n_have; i++) {
    size_t idx;
    if (cp_graph_find_credential(g, rq->have[i], &idx, NULL) == CP_OK)
      continue;
    bool required = false;
    for (size_t t = 0; t < cp_graph_transition_count(g) && !required; t++) {
      const cp_transition *tr = cp_graph_transition(g, t);
      for (size_t j = 0; j < tr->n_requires && !required; j++)
        required = strcasecmp(tr->requires[j], rq -> have[i]) == 0;
    }
    if (!required) {
      cp_error e = {0};
      cp_graph_find_credential(g, rq->have[i], &idx, &e);
      return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s, and no move requires it", where, e.message);
    }
  }
  return CP_EXIT_OK;
}

static int resolve(const cp_cli *c, const cp_graph *g, const char *name, size_t *out,
                   const char *where) {
  cp_error e = {0};
  cp_status st = cp_graph_find_role(g, name, out, &e);
  if (st)
    return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s", where, e.message);
  return CP_EXIT_OK;
}

/* Runs the question; prints any error (prefixed by `where`) and returns its exit code. */
static int ask(const cp_cli *c, const cp_router *router, const request *rq, answer *a,
               const char *where) {
  const cp_graph *g = cp_router_graph(router);
  int code;
  if ((code = resolve(c, g, rq->from, &a->from, where)) ||
      (code = resolve(c, g, rq->to, &a->to, where)))
    return code;
  size_t n_roles = cp_graph_role_count(g);
  if (!(a->avoid = malloc((rq->n_avoid + n_roles + 1) * sizeof *a->avoid)))
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t i = 0; i < rq->n_avoid; i++)
    if ((code = resolve(c, g, rq->avoid[i], &a->avoid[a->n_avoid++], where)))
      return code;
  for (size_t d = 0; d < rq->n_avoid_domain; d++) {
    size_t found = 0;
    for (size_t i = 0; i < n_roles; i++) {
      if (strcasecmp(cp_graph_role(g, i)->domain, rq->avoid_domain[d]))
        continue;
      found++;
      /* The start and the goal stay allowed: "not back into a clinical role" still lets a
       * clinician start from one. */
      if (i != a->from && i != a->to)
        a->avoid[a->n_avoid++] = i;
    }
    if (!found)
      return cp_cli_fail(c, CP_EXIT_INPUT, "%sno role has domain '%s'; see 'careerpath roles'",
                         where, rq->avoid_domain[d]);
  }
  for (size_t i = 0; i < rq->n_via; i++)
    if ((code = resolve(c, g, rq->via[i], &a->via[i], where)))
      return code;
  if ((code = check_have(c, g, rq, where)))
    return code;
  cp_query_init(&a->q, a->from, a->to, rq->by);
  memcpy(a->q.weights, rq->weights, sizeof a->q.weights);
  memcpy(a->q.limits, rq->limits, sizeof a->q.limits);
  a->q.avoid = a->avoid;
  a->q.n_avoid = a->n_avoid;
  a->q.via = a->via;
  a->q.n_via = rq->n_via;
  a->q.have = rq->have;
  a->q.n_have = rq->n_have;
  a->q.k = rq->k;
  cp_error e = {0};
  cp_status st = rq->n_pareto
                     ? cp_route_pareto(router, &a->q, rq->pareto, rq->n_pareto, &a->routes, &e)
                     : cp_route_search(router, &a->q, &a->routes, &e);
  if (st == CP_ENOCRIT)
    return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s; try --by steps", where, e.message);
  if (st)
    return cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e.message);
  return CP_EXIT_OK;
}

/* "months", "months=1, cost=0.0005" or "Pareto: months, cost". */
static void describe(const request *rq, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  if (rq->n_pareto) {
    used += (size_t)snprintf(buf, n, "Pareto on ");
    for (size_t i = 0; i < rq->n_pareto && used < n; i++)
      used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "",
                               cp_criterion_name(rq->pareto[i]));
    return;
  }
  if (!rq->weighted) {
    snprintf(buf, n, "%s", cp_criterion_name(rq->by));
    return;
  }
  for (int c = 0; c < NC && used < n; c++)
    if (rq->weights[c] > 0)
      used += (size_t)snprintf(buf + used, n - used, "%s%s=%g", used ? ", " : "",
                               cp_criterion_name((cp_criterion)c), rq->weights[c]);
}

static json_t *json_number(double v) {
  if (isnan(v))
    return json_null();
  if (v == floor(v) && fabs(v) < 9e15)
    return json_integer((json_int_t)v);
  return json_real(v);
}

/* How a step's requirement stands for this person on this route. */
typedef enum need { NEED_HELD, NEED_EARN, NEED_OTHER } need;

static bool earned_before(const cp_graph *g, const cp_route *r, size_t s, const char *name);

/* Held (given with --have, or earned on an earlier step), a catalogued credential still to
 * earn, or another requirement (a licence, experience, a skill) the graph does not price. */
static need need_of(const cp_graph *g, const request *rq, const cp_route *r, size_t s,
                    const char *name) {
  size_t c;
  if (held(rq, name) || earned_before(g, r, s, name))
    return NEED_HELD;
  return cp_graph_find_credential(g, name, &c, NULL) == CP_OK ? NEED_EARN : NEED_OTHER;
}

/* Whether requirement j of step `s` was earned on an earlier step of the route. */
static bool earned_before(const cp_graph *g, const cp_route *r, size_t s, const char *name) {
  for (size_t i = 0; i < s; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    for (size_t j = 0; j < t->n_requires; j++)
      if (strcasecmp(t->requires[j], name) == 0)
        return true;
  }
  return false;
}

static json_t *route_json(const cp_router *router, const answer *a, const request *rq,
                          const cp_route *r) {
  const cp_graph *g = cp_router_graph(router);
  json_t *o = json_object(), *roles = json_array(), *labels = json_array(), *steps = json_array();
  for (size_t i = 0; i <= r->n_steps; i++) {
    const cp_role *role = cp_graph_role(g, r->roles[i]);
    json_array_append_new(roles, json_string(role->id));
    json_array_append_new(labels, json_string(role->label));
  }
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    json_t *s = json_object(), *req = json_array(), *earn = json_array(), *have = json_array();
    for (size_t j = 0; j < t->n_requires; j++) {
      const char *name = t->requires[j];
      json_array_append_new(req, json_string(name));
      need n = need_of(g, rq, r, i, name);
      if (n != NEED_OTHER)
        json_array_append_new(n == NEED_HELD ? have : earn, json_string(name));
    }
    double months, cost;
    cp_step_figures(router, &a->q, r->transitions[i], &months, &cost);
    json_object_set_new(s, "from", json_string(cp_graph_role(g, t->from)->id));
    json_object_set_new(s, "to", json_string(cp_graph_role(g, t->to)->id));
    json_object_set_new(s, "months", json_number(months));
    json_object_set_new(s, "cost", json_number(cost));
    json_object_set_new(s, "effort", json_number(t->effort));
    json_object_set_new(s, "requires", req);
    json_object_set_new(s, "to_earn", earn);
    json_object_set_new(s, "held", have);
    json_object_set_new(s, "note", json_string(t->note));
    json_object_set_new(s, "source", json_string(t->source));
    json_array_append_new(steps, s);
  }
  json_object_set_new(o, "roles", roles);
  json_object_set_new(o, "labels", labels);
  json_object_set_new(o, "steps", json_integer((json_int_t)r->n_steps));
  json_object_set_new(o, "months", json_number(r->months));
  json_object_set_new(o, "cost", json_number(r->cost));
  json_object_set_new(o, "effort", json_number(r->effort));
  json_object_set_new(o, "transitions", steps);
  return o;
}

static json_t *names_json(const char *const *names, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(a, json_string(names[i]));
  return a;
}

static json_t *answer_json(const cp_router *router, const request *rq, const answer *a) {
  const cp_graph *g = cp_router_graph(router);
  json_t *root = json_object(), *routes = json_array();
  char by[256];
  describe(rq, by, sizeof by);
  json_object_set_new(root, "from", json_string(cp_graph_role(g, a->from)->id));
  json_object_set_new(root, "to", json_string(cp_graph_role(g, a->to)->id));
  json_object_set_new(root, "by", json_string(rq->n_pareto ? "pareto" : by));
  if (rq->n_pareto) {
    json_t *p = json_array();
    for (size_t i = 0; i < rq->n_pareto; i++)
      json_array_append_new(p, json_string(cp_criterion_name(rq->pareto[i])));
    json_object_set_new(root, "pareto", p);
  }
  json_t *limits = json_object();
  for (int c = 0; c < NC; c++)
    if (isfinite(rq->limits[c]))
      json_object_set_new(limits, cp_criterion_name((cp_criterion)c), json_number(rq->limits[c]));
  json_object_set_new(root, "limits", limits);
  json_t *avoid = json_array(), *via = json_array();
  for (size_t i = 0; i < a->n_avoid; i++)
    json_array_append_new(avoid, json_string(cp_graph_role(g, a->avoid[i])->id));
  for (size_t i = 0; i < rq->n_via; i++)
    json_array_append_new(via, json_string(cp_graph_role(g, a->via[i])->id));
  json_object_set_new(root, "avoid", avoid);
  json_object_set_new(root, "via", via);
  json_object_set_new(root, "have", names_json(rq->have, rq->n_have));
  for (size_t i = 0; i < a->routes->n; i++)
    json_array_append_new(routes, route_json(router, a, rq, &a->routes->routes[i]));
  json_object_set_new(root, "routes", routes);
  return root;
}

/* A line saying what was asked beyond from and to, when anything was. */
static void conditions_text(FILE *f, const cp_graph *g, const request *rq, const answer *a) {
  char money[48];
  bool any = false;
  static const char *const unit[NC] = {"steps", "months", "", "effort"};
  for (int c = 0; c < NC; c++) {
    if (!isfinite(rq->limits[c]))
      continue;
    fputs(any ? ", " : "Within ", f);
    if (c == CP_BY_COST) {
      cp_format_money(rq->limits[c], money, sizeof money);
      fputs(money, f);
    } else {
      fprintf(f, "%g %s", rq->limits[c], unit[c]);
    }
    any = true;
  }
  for (size_t i = 0; i < rq->n_avoid; i++) {
    fprintf(f, "%s%s", i ? ", " : (any ? "; avoiding " : "Avoiding "),
            cp_graph_role(g, a->avoid[i])->label);
    any = true;
  }
  for (size_t i = 0; i < rq->n_avoid_domain; i++) {
    fprintf(f, "%s%s roles", i || rq->n_avoid ? ", " : (any ? "; avoiding " : "Avoiding "),
            rq->avoid_domain[i]);
    any = true;
  }
  for (size_t i = 0; i < rq->n_via; i++) {
    fprintf(f, "%s%s", i ? " then " : (any ? "; through " : "Through "),
            cp_graph_role(g, a->via[i])->label);
    any = true;
  }
  for (size_t i = 0; i < rq->n_have; i++) {
    fprintf(f, "%s%s", i ? ", " : (any ? "; holding " : "Holding "), rq->have[i]);
    any = true;
  }
  if (any)
    fputs(".\n", f);
}

static void route_text(FILE *f, const cp_router *router, const answer *a, const request *rq,
                       const cp_route *r) {
  const cp_graph *g = cp_router_graph(router);
  char months[32], cost[48], effort[32];
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    double m, co;
    cp_step_figures(router, &a->q, r->transitions[i], &m, &co);
    cp_cli_number(m, months, sizeof months);
    cp_format_money(co, cost, sizeof cost);
    cp_cli_number(t->effort, effort, sizeof effort);
    fprintf(f, "  %zu. %s -> %s\n", i + 1, cp_graph_role(g, t->from)->label,
            cp_graph_role(g, t->to)->label);
    fprintf(f, "     %s months, %s, effort %s", months, cost, effort);
    static const char *const heading[] = {"; already held: ", "; to earn: ", "; requires: "};
    for (need kind = NEED_HELD; kind <= NEED_OTHER; kind++) {
      size_t shown = 0;
      for (size_t j = 0; j < t->n_requires; j++)
        if (need_of(g, rq, r, i, t->requires[j]) == kind)
          fprintf(f, "%s%s", shown++ ? ", " : heading[kind], t->requires[j]);
    }
    fputc('\n', f);
    if (*t->note)
      fprintf(f, "     %s\n", t->note);
  }
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  cp_cli_number(r->effort, effort, sizeof effort);
  fprintf(f, "  Total: %zu step%s, %s months, %s, effort %s\n", r->n_steps,
          r->n_steps == 1 ? "" : "s", months, cost, effort);
}

static void answer_text(FILE *f, const cp_router *router, const request *rq, const answer *a) {
  const cp_graph *g = cp_router_graph(router);
  char by[256];
  describe(rq, by, sizeof by);
  conditions_text(f, g, rq, a);
  for (size_t i = 0; i < a->routes->n; i++) {
    if (i)
      fputc('\n', f);
    fprintf(f, "Route %zu of %zu from %s to %s, by %s:\n", i + 1, a->routes->n,
            cp_graph_role(g, a->from)->label, cp_graph_role(g, a->to)->label, by);
    route_text(f, router, a, rq, &a->routes->routes[i]);
  }
}

/* One line for a batch answer: the best route, its totals and its roles. */
static void answer_line(FILE *f, size_t line, const cp_router *router, const request *rq,
                        const answer *a) {
  const cp_graph *g = cp_router_graph(router);
  char by[256], months[32], cost[48], effort[32];
  describe(rq, by, sizeof by);
  fprintf(f, "line %zu: %s -> %s by %s: ", line, cp_graph_role(g, a->from)->id,
          cp_graph_role(g, a->to)->id, by);
  if (a->routes->n == 0) {
    fputs("no route\n", f);
    return;
  }
  const cp_route *r = &a->routes->routes[0];
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  cp_cli_number(r->effort, effort, sizeof effort);
  fprintf(f, "%zu steps, %s months, %s, effort %s:", r->n_steps, months, cost, effort);
  for (size_t i = 0; i <= r->n_steps; i++)
    fprintf(f, "%s%s", i ? " > " : " ", cp_graph_role(g, r->roles[i])->id);
  if (a->routes->n > 1)
    fprintf(f, " (+%zu more)", a->routes->n - 1);
  fputc('\n', f);
}

/* ---- batch ---- */

enum {
  B_FROM,
  B_TO,
  B_BY,
  B_K,
  B_PARETO,
  B_BUDGET,
  B_MONTHS,
  B_STEPS,
  B_EFFORT,
  B_AVOID,
  B_VIA,
  B_HAVE,
  B_COLUMNS
};
static const char *const batch_columns[B_COLUMNS] = {
    "from",       "to",        "by",         "k",     "pareto", "budget",
    "max_months", "max_steps", "max_effort", "avoid", "via",    "have"};

typedef struct batch {
  const cp_cli *c;
  const cp_router *router;
  const request *defaults;
  cp_out_format format;
  const char *name;
  FILE *out;
  long col[B_COLUMNS];
  bool have_header;
  size_t rows, bad, unanswered;
  char lists[3][4096]; /* row copies of the ';' lists, split in place */
} batch;

/* Splits `text` at ';' into `list`, trimming blanks. */
static bool split_list(char *buf, size_t cap, const char *text, const char **list, size_t *n,
                       const char *what, char *why, size_t wn) {
  snprintf(buf, cap, "%s", text);
  for (char *save = NULL, *item = strtok_r(buf, ";", &save); item;
       item = strtok_r(NULL, ";", &save)) {
    while (*item == ' ')
      item++;
    size_t len = strlen(item);
    while (len && item[len - 1] == ' ')
      item[--len] = '\0';
    if (len && !add_name(list, n, item, what, why, wn))
      return false;
  }
  return true;
}

static bool row_request(batch *b, const char *const *f, request *rq, char *why, size_t n) {
  *rq = *b->defaults;
  const char *cell[B_COLUMNS];
  for (int i = 0; i < B_COLUMNS; i++)
    cell[i] = b->col[i] >= 0 ? f[b->col[i]] : "";
  rq->from = cell[B_FROM];
  rq->to = cell[B_TO];
  if (!*rq->from || !*rq->to) {
    snprintf(why, n, "'from' and 'to' must not be empty");
    return false;
  }
  if (*cell[B_BY] && !parse_by(cell[B_BY], rq, why, n))
    return false;
  if (*cell[B_PARETO] && !parse_pareto(cell[B_PARETO], rq, why, n))
    return false;
  if (*cell[B_K]) {
    char *end;
    unsigned long long k = strtoull(cell[B_K], &end, 10);
    if (*end || k == 0 || k > 1000 || cell[B_K][0] == '-') {
      snprintf(why, n, "k must be a whole number from 1 to 1000, not '%s'", cell[B_K]);
      return false;
    }
    rq->k = (size_t)k;
  }
  static const int limit_col[NC] = {B_STEPS, B_MONTHS, B_BUDGET, B_EFFORT};
  for (int c = 0; c < NC; c++)
    if (*cell[limit_col[c]] &&
        !parse_limit(batch_columns[limit_col[c]], cell[limit_col[c]], &rq->limits[c], why, n))
      return false;
  if (*cell[B_AVOID]) {
    rq->n_avoid = 0;
    if (!split_list(b->lists[0], sizeof b->lists[0], cell[B_AVOID], rq->avoid, &rq->n_avoid,
                    "roles to avoid", why, n))
      return false;
  }
  if (*cell[B_VIA]) {
    rq->n_via = 0;
    if (!split_list(b->lists[1], sizeof b->lists[1], cell[B_VIA], rq->via, &rq->n_via, "waypoints",
                    why, n))
      return false;
  }
  if (*cell[B_HAVE]) {
    rq->n_have = 0;
    if (!split_list(b->lists[2], sizeof b->lists[2], cell[B_HAVE], rq->have, &rq->n_have,
                    "credentials", why, n))
      return false;
  }
  return true;
}

static cp_status header_fail(cp_error *err, const char *name, size_t line, const char *what,
                             const char *column) {
  err->status = CP_EPARSE;
  if (column)
    snprintf(err->message, sizeof err->message,
             "%s:%zu: %s '%s' (known: from, to, by, k, "
             "pareto, budget, max_months, max_steps, max_effort, avoid, via, have)",
             name, line, what, column);
  else
    snprintf(err->message, sizeof err->message, "%s:%zu: %s", name, line, what);
  return CP_EPARSE;
}

static cp_status on_batch_row(void *ctx, const char *const *fields, size_t n_fields, size_t line,
                              cp_error *err) {
  batch *b = ctx;
  if (!b->have_header) {
    b->have_header = true;
    for (int i = 0; i < B_COLUMNS; i++)
      b->col[i] = -1;
    for (size_t j = 0; j < n_fields; j++) {
      bool known = false;
      for (int i = 0; i < B_COLUMNS; i++)
        if (strcasecmp(fields[j], batch_columns[i]) == 0) {
          b->col[i] = (long)j;
          known = true;
        }
      if (!known)
        return header_fail(err, b->name, line, "unknown column", fields[j]);
    }
    if (b->col[B_FROM] < 0 || b->col[B_TO] < 0)
      return header_fail(err, b->name, line, "the header needs 'from' and 'to' columns", NULL);
    return CP_OK;
  }
  b->rows++;
  char where[512], why[512];
  snprintf(where, sizeof where, "%s:%zu: ", b->name, line);
  request rq;
  answer a = {0};
  int code = CP_EXIT_OK;
  size_t width = 0;
  for (int i = 0; i < B_COLUMNS; i++)
    if (b->col[i] >= 0 && (size_t)b->col[i] + 1 > width)
      width = (size_t)b->col[i] + 1;
  if (n_fields < width)
    code = cp_cli_fail(b->c, CP_EXIT_INPUT, "%s%zu fields, but the header has %zu", where, n_fields,
                       width);
  else if (!row_request(b, fields, &rq, why, sizeof why))
    code = cp_cli_fail(b->c, CP_EXIT_INPUT, "%s%s", where, why);
  else
    code = ask(b->c, b->router, &rq, &a, where);
  if (code) {
    b->bad++;
  } else {
    if (b->format == CP_OUT_JSON) {
      json_t *o = answer_json(b->router, &rq, &a);
      json_object_set_new(o, "line", json_integer((json_int_t)line));
      json_dumpf(o, b->out, JSON_COMPACT | JSON_REAL_PRECISION(12));
      fputc('\n', b->out);
      json_decref(o);
    } else {
      answer_line(b->out, line, b->router, &rq, &a);
    }
    fflush(b->out); /* streaming: each answer as soon as it is known */
    b->unanswered += a.routes->n == 0;
  }
  cp_route_list_free(a.routes);
  free(a.avoid);
  (void)err;
  return CP_OK;
}

static int run_batch(const cp_cli *c, const cp_router *router, const request *defaults,
                     const char *path, cp_out_format format, FILE *out) {
  char *data = NULL;
  size_t len = 0;
  cp_error e = {0};
  cp_status st = cp_read_file(path, &data, &len, &e);
  if (st)
    return cp_cli_status(c, st, &e);
  batch b = {
      .c = c, .router = router, .defaults = defaults, .format = format, .name = path, .out = out};
  st = cp_csv_parse(path, data, len, on_batch_row, &b, &e);
  free(data);
  if (st)
    return cp_cli_status(c, st, &e);
  if (!b.have_header)
    return cp_cli_fail(c, CP_EXIT_INPUT,
                       "%s: empty file; expected a header with 'from' and "
                       "'to'",
                       path);
  if (b.bad || b.unanswered)
    cp_cli_fail(c, CP_EXIT_OK,
                "%zu queries: %zu answered with a route, %zu with none, %zu "
                "bad rows skipped",
                b.rows, b.rows - b.bad - b.unanswered, b.unanswered, b.bad);
  return b.bad ? CP_EXIT_INPUT : CP_EXIT_OK;
}

/* ---- the command ---- */

static int read_have_file(const cp_cli *c, const char *path, request *rq, char **keep) {
  size_t len = 0;
  cp_error e = {0};
  cp_status st = cp_read_file(path, keep, &len, &e);
  if (st)
    return cp_cli_status(c, st, &e);
  char why[256];
  for (char *save = NULL, *line = strtok_r(*keep, "\r\n", &save); line;
       line = strtok_r(NULL, "\r\n", &save)) {
    while (*line == ' ' || *line == '\t')
      line++;
    if (*line && *line != '#' &&
        !add_name(rq->have, &rq->n_have, line, "credentials", why, sizeof why))
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s: %s", path, why);
  }
  return CP_EXIT_OK;
}

int cp_cmd_route(const cp_cli *c, int argc, char **argv) {
  enum { O_BUDGET = 256, O_MONTHS, O_STEPS, O_EFFORT, O_HAVE_FILE, O_BATCH, O_AVOID_DOMAIN };
  static const struct option longopts[] = {
      {"from", required_argument, NULL, 'f'},
      {"to", required_argument, NULL, 't'},
      {"by", required_argument, NULL, 'b'},
      {"k", required_argument, NULL, 'k'},
      {"pareto", required_argument, NULL, 'p'},
      {"budget", required_argument, NULL, O_BUDGET},
      {"max-months", required_argument, NULL, O_MONTHS},
      {"max-steps", required_argument, NULL, O_STEPS},
      {"max-effort", required_argument, NULL, O_EFFORT},
      {"avoid", required_argument, NULL, 'a'},
      {"avoid-domain", required_argument, NULL, O_AVOID_DOMAIN},
      {"via", required_argument, NULL, 'v'},
      {"have", required_argument, NULL, 'H'},
      {"have-file", required_argument, NULL, O_HAVE_FILE},
      {"batch", required_argument, NULL, O_BATCH},
      {"format", required_argument, NULL, 'F'},
      {"output", required_argument, NULL, 'o'},
      {"roles", required_argument, NULL, 'r'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  const char *output = NULL, *roles = NULL, *graph_path = NULL, *batch_path = NULL;
  const char *have_file = NULL;
  request rq;
  cp_out_format format = CP_OUT_TEXT;
  int code = CP_EXIT_OK, opt;
  cp_graph *g = NULL;
  cp_router *router = NULL;
  answer a = {0};
  char *text = NULL, *have_text = NULL, why[512];
  size_t len = 0;
  cp_error e = {0};
  static const int limit_of[] = {[O_BUDGET - O_BUDGET] = CP_BY_COST,
                                 [O_MONTHS - O_BUDGET] = CP_BY_MONTHS,
                                 [O_STEPS - O_BUDGET] = CP_BY_STEPS,
                                 [O_EFFORT - O_BUDGET] = CP_BY_EFFORT};
  static const char *const limit_name[] = {"--budget", "--max-months", "--max-steps",
                                           "--max-effort"};

  request_init(&rq);
  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    bool ok = true;
    switch (opt) {
    case 'f': rq.from = optarg; break;
    case 't': rq.to = optarg; break;
    case 'b': ok = parse_by(optarg, &rq, why, sizeof why); break;
    case 'p': ok = parse_pareto(optarg, &rq, why, sizeof why); break;
    case 'k':
      if (!cp_cli_parse_count(c, "--k", optarg, &rq.k))
        return CP_EXIT_USAGE;
      break;
    case O_BUDGET:
    case O_MONTHS:
    case O_STEPS:
    case O_EFFORT:
      ok = parse_limit(limit_name[opt - O_BUDGET], optarg, &rq.limits[limit_of[opt - O_BUDGET]],
                       why, sizeof why);
      break;
    case 'a': ok = add_name(rq.avoid, &rq.n_avoid, optarg, "--avoid", why, sizeof why); break;
    case 'v': ok = add_name(rq.via, &rq.n_via, optarg, "--via", why, sizeof why); break;
    case O_AVOID_DOMAIN:
      ok = add_name(rq.avoid_domain, &rq.n_avoid_domain, optarg, "--avoid-domain", why, sizeof why);
      break;
    case 'H': ok = add_name(rq.have, &rq.n_have, optarg, "--have", why, sizeof why); break;
    case O_HAVE_FILE: have_file = optarg; break;
    case O_BATCH: batch_path = optarg; break;
    case 'F':
      if ((code = cp_cli_parse_format(c, optarg,
                                      CP_OUT_BIT(CP_OUT_TEXT) | CP_OUT_BIT(CP_OUT_JSON) |
                                          CP_OUT_BIT(CP_OUT_DOT) | CP_OUT_BIT(CP_OUT_SVG),
                                      &format)))
        return code;
      break;
    case 'o': output = optarg; break;
    case 'r': roles = optarg; break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
    if (!ok)
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s", why);
  }
  if ((code = cp_cli_graph_operand(c, argc, argv, &graph_path)))
    return code;
  if (batch_path && (rq.from || rq.to))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--batch takes from and to from its rows; drop "
                       "--from and --to");
  if (!batch_path && (!rq.from || !rq.to))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--from and --to are required; see 'careerpath "
                       "route --help'");
  bool drawing = format == CP_OUT_DOT || format == CP_OUT_SVG;
  if (drawing && (rq.k > 1 || rq.n_pareto || batch_path))
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "--format dot/svg draws one route; use text or json "
                       "for --k, --pareto and --batch, or `careerpath render`");
  if (rq.n_pareto && rq.k > 1)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--pareto lists every Pareto-optimal route; drop --k");
  if (have_file && (code = read_have_file(c, have_file, &rq, &have_text)))
    goto cleanup;

  if ((code = cp_cli_load_graph(c, graph_path, roles, &g)))
    goto cleanup;
  cp_status st = cp_router_new(g, &router, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  if (batch_path) {
    const char *inputs[] = {batch_path, graph_path, roles, NULL};
    FILE *out = c->out;
    char *buf = NULL;
    size_t blen = 0;
    /* With -o the answers gather in memory and replace the file whole at the end. */
    if (output && strcmp(output, "-") && !(out = open_memstream(&buf, &blen))) {
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
      goto cleanup;
    }
    code = run_batch(c, router, &rq, batch_path, format, out);
    if (out != c->out) {
      fclose(out);
      int wcode = cp_cli_write(c, output, buf, blen, inputs);
      code = wcode ? wcode : code;
      free(buf);
    }
    goto cleanup;
  }
  if ((code = ask(c, router, &rq, &a, "")))
    goto cleanup;
  if (a.routes->n == 0)
    cp_cli_fail(c, CP_EXIT_NO_ROUTE, "no route from '%s' to '%s' in %s%s",
                cp_graph_role(g, a.from)->label, cp_graph_role(g, a.to)->label, cp_graph_name(g),
                a.n_avoid || rq.n_via || isfinite(rq.limits[0]) || isfinite(rq.limits[1]) ||
                        isfinite(rq.limits[2]) || isfinite(rq.limits[3])
                    ? " within these limits"
                    : "");
  if (format == CP_OUT_JSON) {
    json_t *root = answer_json(router, &rq, &a);
    text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    json_decref(root);
    if (text) {
      len = strlen(text);
      char *grown = realloc(text, len + 2);
      if (grown) {
        text = grown;
        text[len++] = '\n';
        text[len] = '\0';
      }
    }
  } else if (format == CP_OUT_TEXT) {
    FILE *f = open_memstream(&text, &len);
    if (f) {
      if (a.routes->n)
        answer_text(f, router, &rq, &a);
      if (fclose(f) != 0) {
        free(text);
        text = NULL;
      }
    }
  } else if (a.routes->n) {
    char title[512], by[256];
    describe(&rq, by, sizeof by);
    snprintf(title, sizeof title, "%s to %s, by %s", cp_graph_role(g, a.from)->label,
             cp_graph_role(g, a.to)->label, by);
    cp_render_options ro = {.label_by = rq.by == CP_BY_STEPS ? CP_BY_MONTHS : rq.by,
                            .route = &a.routes->routes[0],
                            .route_only = 1,
                            .title = title};
    if (cp_graph_check_criterion(g, ro.label_by, NULL) != CP_OK)
      ro.label_by = CP_BY_STEPS;
    if ((st = cp_render(g, &ro, format == CP_OUT_SVG ? CP_FORMAT_SVG : CP_FORMAT_DOT, &text, &len,
                        &e))) {
      code = cp_cli_status(c, st, &e);
      goto cleanup;
    }
  } else {
    code = CP_EXIT_NO_ROUTE;
    goto cleanup;
  }
  if (!text) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the routes");
    goto cleanup;
  }
  const char *inputs[] = {graph_path, roles, NULL};
  if ((code = cp_cli_write(c, output, text, len, inputs)))
    goto cleanup;
  code = a.routes->n ? CP_EXIT_OK : CP_EXIT_NO_ROUTE;
cleanup:
  free(text);
  free(have_text);
  cp_route_list_free(a.routes);
  free(a.avoid);
  cp_router_free(router);
  cp_graph_free(g);
  return code;
}
