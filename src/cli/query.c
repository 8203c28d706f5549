/* query.c: one question to the engine (what the options and batch columns mean) and the
 * shared ways of printing its routes. */
#include "cli.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Copies an option's value for splitting in place; false (with a reason) when it does not
 * fit, rather than parsing a cut-off value. */
static bool copy_value(char *buf, size_t cap, const char *text, const char *what, char *why,
                       size_t n) {
  if (strlen(text) >= cap) {
    snprintf(why, n, "%s is too long (at most %zu characters)", what, cap - 1);
    return false;
  }
  memcpy(buf, text, strlen(text) + 1);
  return true;
}

void cp_cli_request_init(cp_cli_request *rq) {
  memset(rq, 0, sizeof *rq);
  rq->by = CP_BY_MONTHS;
  rq->weights[CP_BY_MONTHS] = 1;
  rq->k = 1;
  for (int c = 0; c < NC; c++)
    rq->limits[c] = INFINITY;
}

/* "months" or "months=1,cost=0.0005". Writes a reason to `why` on failure. */
bool cp_cli_parse_by(const char *text, cp_cli_request *rq, char *why, size_t n) {
  double w[NC] = {0};
  char buf[256];
  if (!copy_value(buf, sizeof buf, text, "--by", why, n))
    return false;
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

bool cp_cli_parse_pareto(const char *text, cp_cli_request *rq, char *why, size_t n) {
  char buf[128];
  if (!copy_value(buf, sizeof buf, text, "--pareto", why, n))
    return false;
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

bool cp_cli_parse_limit(const char *name, const char *text, double *out, char *why, size_t n) {
  char *end;
  double v = strtod(text, &end);
  if (!*text || *end || !(v >= 0) || !isfinite(v)) {
    snprintf(why, n, "%s needs a number >= 0, not '%s'", name, text);
    return false;
  }
  *out = v;
  return true;
}

bool cp_cli_add_name(const char **list, size_t *n, const char *name, const char *what, char *why,
                     size_t wn) {
  if (*n == MAX_LIST) {
    snprintf(why, wn, "more than %d %s", MAX_LIST, what);
    return false;
  }
  list[(*n)++] = name;
  return true;
}

/* ---- answering one question ---- */

/* Whether `name` is held by the person (credentials match in any case). */
bool cp_cli_held(const cp_cli_request *rq, const char *name) {
  for (size_t i = 0; i < rq->n_have; i++)
    if (strcasecmp(rq->have[i], name) == 0)
      return true;
  return false;
}

/* A --have name must mean something in this graph: a catalogue credential or something a
 * move requires. */
static int check_have(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq,
                      const char *where) {
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
      if (cp_graph_find_credential(g, rq->have[i], &idx, &e) == CP_ENOMEM)
        return cp_cli_fail(c, CP_EXIT_INTERNAL, "%s%s", where, e.message);
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
    return cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e.message);
  return CP_EXIT_OK;
}

int cp_cli_prepare(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq, cp_cli_answer *a,
                   const char *where) {
  int code;
  a->from = a->to = SIZE_MAX;
  if ((rq->from && (code = resolve(c, g, rq->from, &a->from, where))) ||
      (rq->to && (code = resolve(c, g, rq->to, &a->to, where))))
    return code;
  size_t n_roles = cp_graph_role_count(g);
  /* Sized for the roles named, plus every role only when whole domains are avoided: a
   * batch on a large graph must not pay for a role-sized array per question. */
  size_t cap = rq->n_avoid + (rq->n_avoid_domain ? n_roles : 0) + 1;
  if (!(a->avoid = malloc(cap * sizeof *a->avoid)))
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
  a->q.reuse_source = rq->reuse_source;
  return CP_EXIT_OK;
}

int cp_cli_search_status(const cp_cli *c, cp_status st, const cp_error *e, const char *where) {
  if (st == CP_ENOCRIT)
    return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s; try --by steps", where, e->message);
  if (st)
    return cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e->message);
  return CP_EXIT_OK;
}

int cp_cli_ask(const cp_cli *c, const cp_router *router, const cp_cli_request *rq, cp_cli_answer *a,
               const char *where) {
  int code = cp_cli_prepare(c, cp_router_graph(router), rq, a, where);
  if (code)
    return code;
  cp_error e = {0};
  cp_status st = rq->n_pareto
                     ? cp_route_pareto(router, &a->q, rq->pareto, rq->n_pareto, &a->routes, &e)
                     : cp_route_search(router, &a->q, &a->routes, &e);
  return cp_cli_search_status(c, st, &e, where);
}

void cp_cli_answer_free(cp_cli_answer *a) {
  cp_route_list_free(a->routes);
  free(a->avoid);
  memset(a, 0, sizeof *a);
}

/* "months", "months=1, cost=0.0005" or "Pareto: months, cost". */
void cp_cli_describe(const cp_cli_request *rq, char *buf, size_t n) {
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

json_t *cp_cli_json_number(double v) {
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
static need need_of(const cp_graph *g, const cp_cli_request *rq, const cp_route *r, size_t s,
                    const char *name) {
  size_t c;
  if (cp_cli_held(rq, name) || earned_before(g, r, s, name))
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

json_t *cp_cli_route_json(const cp_router *router, const cp_cli_answer *a, const cp_cli_request *rq,
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
    json_object_set_new(s, "months", cp_cli_json_number(months));
    json_object_set_new(s, "cost", cp_cli_json_number(cost));
    json_object_set_new(s, "effort", cp_cli_json_number(t->effort));
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
  json_object_set_new(o, "months", cp_cli_json_number(r->months));
  json_object_set_new(o, "cost", cp_cli_json_number(r->cost));
  json_object_set_new(o, "effort", cp_cli_json_number(r->effort));
  json_object_set_new(o, "transitions", steps);
  return o;
}

json_t *cp_cli_names_json(const char *const *names, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(a, json_string(names[i]));
  return a;
}

/* A line saying what was asked beyond from and to, when anything was. */
void cp_cli_conditions_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                            const cp_cli_answer *a) {
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

void cp_cli_route_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                       const cp_cli_request *rq, const cp_route *r) {
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

int cp_cli_read_have_file(const cp_cli *c, const char *path, cp_cli_request *rq, char **keep) {
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
        !cp_cli_add_name(rq->have, &rq->n_have, line, "credentials", why, sizeof why))
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s: %s", path, why);
  }
  return CP_EXIT_OK;
}

bool cp_cli_parse_within(const char *text, cp_cli_request *rq, char *why, size_t n) {
  char buf[256];
  if (!copy_value(buf, sizeof buf, text, "--within", why, n))
    return false;
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(item, '=');
    cp_criterion c;
    if (!eq) {
      snprintf(why, n, "'%s' in --within is not CRITERION=LIMIT (e.g. months=36,cost=20000)", item);
      return false;
    }
    *eq = '\0';
    if (cp_criterion_parse(item, &c) != CP_OK) {
      snprintf(why, n, "'%s' in --within is not a criterion (steps, months, cost, effort)", item);
      return false;
    }
    if (!cp_cli_parse_limit(item, eq + 1, &rq->limits[c], why, n))
      return false;
  }
  return true;
}

bool cp_cli_question_option(int opt, const char *arg, cp_cli_request *rq, const char **have_file,
                            bool *ok, char *why, size_t n) {
  static const char *const limit_name[] = {"--budget", "--max-months", "--max-steps",
                                           "--max-effort"};
  static const cp_criterion limit_of[] = {CP_BY_COST, CP_BY_MONTHS, CP_BY_STEPS, CP_BY_EFFORT};
  switch (opt) {
  case CP_OPT_BY: *ok = cp_cli_parse_by(arg, rq, why, n); return true;
  case CP_OPT_WITHIN: *ok = cp_cli_parse_within(arg, rq, why, n); return true;
  case CP_OPT_BUDGET:
  case CP_OPT_MAX_MONTHS:
  case CP_OPT_MAX_STEPS:
  case CP_OPT_MAX_EFFORT:
    *ok = cp_cli_parse_limit(limit_name[opt - CP_OPT_BUDGET], arg,
                             &rq->limits[limit_of[opt - CP_OPT_BUDGET]], why, n);
    return true;
  case CP_OPT_AVOID:
    *ok = cp_cli_add_name(rq->avoid, &rq->n_avoid, arg, "--avoid", why, n);
    return true;
  case CP_OPT_AVOID_DOMAIN:
    *ok = cp_cli_add_name(rq->avoid_domain, &rq->n_avoid_domain, arg, "--avoid-domain", why, n);
    return true;
  case CP_OPT_HAVE:
    *ok = cp_cli_add_name(rq->have, &rq->n_have, arg, "--have", why, n);
    return true;
  case CP_OPT_HAVE_FILE:
    *have_file = arg;
    *ok = true;
    return true;
  default: return false;
  }
}

static bool json_alloc_failed;

static void *json_alloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    json_alloc_failed = true;
  return p;
}

void cp_cli_json_init(void) { json_set_alloc_funcs(json_alloc, free); }

static char *json_text(json_t *root, size_t flags, size_t *len) {
  char *text = root ? json_dumps(root, flags) : NULL;
  json_decref(root);
  bool failed = json_alloc_failed;
  json_alloc_failed = false;
  if (!text || failed) {
    free(text);
    return NULL;
  }
  *len = strlen(text);
  char *grown = realloc(text, *len + 2);
  if (!grown) {
    free(text);
    return NULL;
  }
  grown[(*len)++] = '\n';
  grown[*len] = '\0';
  return grown;
}

char *cp_cli_json_text(json_t *root, size_t *len) {
  return json_text(root, JSON_INDENT(2) | JSON_REAL_PRECISION(12), len);
}

int cp_cli_json_print(const cp_cli *c, json_t *root, int precision) {
  size_t len;
  char *text = json_text(root, JSON_INDENT(2) | JSON_REAL_PRECISION(precision), &len);
  if (!text)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory formatting the output");
  bool ok = fwrite(text, 1, len, c->out) == len;
  free(text);
  return ok ? CP_EXIT_OK : cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output");
}

char *cp_cli_json_line(json_t *root, size_t *len) {
  return json_text(root, JSON_COMPACT | JSON_REAL_PRECISION(12), len);
}

void cp_cli_route_table_html(FILE *f, const cp_router *router, const cp_cli_answer *a,
                             const cp_cli_request *rq, const cp_route *r) {
  const cp_graph *g = cp_router_graph(router);
  char months[32], cost[48], effort[32];
  static const char *const kinds[] = {"held", "to-earn", "requires"};
  fputs("<table class=\"steps\">\n<thead><tr><th>Step</th><th>From</th><th>To</th>"
        "<th>Months</th><th>Cost</th><th>Effort</th><th>Already held</th><th>To earn</th>"
        "<th>Requires</th><th>What it involves</th></tr></thead>\n<tbody>\n",
        f);
  for (size_t i = 0; i < r->n_steps; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    double m, co;
    cp_step_figures(router, &a->q, r->transitions[i], &m, &co);
    cp_cli_number(m, months, sizeof months);
    cp_format_money(co, cost, sizeof cost);
    cp_cli_number(t->effort, effort, sizeof effort);
    fprintf(f, "<tr><td class=\"n\">%zu</td><td>", i + 1);
    cp_cli_html_text(f, cp_graph_role(g, t->from)->label);
    fputs("</td><td>", f);
    cp_cli_html_text(f, cp_graph_role(g, t->to)->label);
    fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td>", months,
            cost, effort);
    for (need kind = NEED_HELD; kind <= NEED_OTHER; kind++) {
      fprintf(f, "<td class=\"%s\">", kinds[kind]);
      size_t shown = 0;
      for (size_t j = 0; j < t->n_requires; j++) {
        if (need_of(g, rq, r, i, t->requires[j]) != kind)
          continue;
        fputs(shown++ ? ", " : "", f);
        cp_cli_html_text(f, t->requires[j]);
      }
      fputs("</td>", f);
    }
    fputs("<td>", f);
    cp_cli_html_text(f, t->note);
    fputs("</td></tr>\n", f);
  }
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  cp_cli_number(r->effort, effort, sizeof effort);
  fprintf(f,
          "</tbody>\n<tfoot><tr><th colspan=\"3\">Total: %zu step%s</th><td class=\"n\">%s</td>"
          "<td class=\"n\">%s</td><td class=\"n\">%s</td><td colspan=\"4\"></td></tr></tfoot>\n"
          "</table>\n",
          r->n_steps, r->n_steps == 1 ? "" : "s", months, cost, effort);
}

/* ---- batch rows (route --batch, render --batch) ---- */

enum {
  B_NAME,
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
    "name",       "from",      "to",         "by",    "k",   "pareto", "budget",
    "max_months", "max_steps", "max_effort", "avoid", "via", "have"};
_Static_assert(B_COLUMNS == CP_CLI_COLUMNS, "batch columns");

cp_status cp_cli_rows_header(cp_cli_rows *rows, const char *file, const char *const *fields,
                             size_t n, size_t line, cp_error *err) {
  err->status = CP_EPARSE;
  rows->width = n;
  for (int i = 0; i < B_COLUMNS; i++)
    rows->col[i] = -1;
  for (size_t j = 0; j < n; j++) {
    bool known = false;
    for (int i = 0; i < B_COLUMNS; i++)
      if (strcasecmp(fields[j], batch_columns[i]) == 0) {
        rows->col[i] = (long)j;
        known = true;
      }
    if (!known) {
      snprintf(err->message, sizeof err->message,
               "%s:%zu: unknown column '%s' (known: name, from, to, by, k, pareto, budget, "
               "max_months, max_steps, max_effort, avoid, via, have)",
               file, line, fields[j]);
      return CP_EPARSE;
    }
  }
  if (rows->col[B_FROM] < 0 || rows->col[B_TO] < 0) {
    snprintf(err->message, sizeof err->message, "%s:%zu: the header needs 'from' and 'to' columns",
             file, line);
    return CP_EPARSE;
  }
  err->status = CP_OK;
  return CP_OK;
}

/* Splits `text` at ';' into `list`, trimming blanks. */
static bool split_list(char *buf, size_t cap, const char *text, const char **list, size_t *n,
                       const char *what, char *why, size_t wn) {
  if (!copy_value(buf, cap, text, what, why, wn))
    return false;
  for (char *save = NULL, *item = strtok_r(buf, ";", &save); item;
       item = strtok_r(NULL, ";", &save)) {
    while (*item == ' ')
      item++;
    size_t len = strlen(item);
    while (len && item[len - 1] == ' ')
      item[--len] = '\0';
    if (len && !cp_cli_add_name(list, n, item, what, why, wn))
      return false;
  }
  return true;
}

bool cp_cli_rows_request(cp_cli_rows *rows, const char *const *f, size_t n_fields,
                         const cp_cli_request *defaults, cp_cli_request *rq, const char **name,
                         char *why, size_t n) {
  if (n_fields != rows->width) {
    snprintf(why, n, "%zu fields, but the header has %zu", n_fields, rows->width);
    return false;
  }
  *rq = *defaults;
  const char *cell[B_COLUMNS];
  for (int i = 0; i < B_COLUMNS; i++)
    cell[i] = rows->col[i] >= 0 ? f[rows->col[i]] : "";
  if (name)
    *name = cell[B_NAME];
  rq->from = cell[B_FROM];
  rq->to = cell[B_TO];
  if (!*rq->from || !*rq->to) {
    snprintf(why, n, "'from' and 'to' must not be empty");
    return false;
  }
  if (*cell[B_BY] && !cp_cli_parse_by(cell[B_BY], rq, why, n))
    return false;
  if (*cell[B_PARETO] && !cp_cli_parse_pareto(cell[B_PARETO], rq, why, n))
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
    if (*cell[limit_col[c]] && !cp_cli_parse_limit(batch_columns[limit_col[c]], cell[limit_col[c]],
                                                   &rq->limits[c], why, n))
      return false;
  const int list_col[3] = {B_AVOID, B_VIA, B_HAVE};
  const char **lists[3] = {rq->avoid, rq->via, rq->have};
  size_t *counts[3] = {&rq->n_avoid, &rq->n_via, &rq->n_have};
  const char *what[3] = {"roles to avoid", "waypoints", "credentials"};
  for (int i = 0; i < 3; i++) {
    if (!*cell[list_col[i]])
      continue;
    *counts[i] = 0;
    if (!split_list(rows->lists[i], sizeof rows->lists[i], cell[list_col[i]], lists[i], counts[i],
                    what[i], why, n))
      return false;
  }
  return true;
}

int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title, char **text,
                      size_t *len) {
  const cp_graph *g = cp_router_graph(router);
  char own_title[512], by[256];
  int code;
  if (!title) {
    cp_cli_describe(rq, by, sizeof by);
    char totals[128];
    cp_cli_route_summary(&a->routes->routes[0], totals, sizeof totals);
    snprintf(own_title, sizeof own_title, "%s to %s, by %s: %s", cp_graph_role(g, a->from)->label,
             cp_graph_role(g, a->to)->label, by, totals);
    title = own_title;
  }
  /* The cards show what this person pays, credentials held taken off. */
  const cp_route *best = &a->routes->routes[0];
  double *months = malloc((best->n_steps + 1) * sizeof *months);
  double *cost = malloc((best->n_steps + 1) * sizeof *cost);
  if (!months || !cost) {
    free(months);
    free(cost);
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  }
  for (size_t i = 0; i < best->n_steps; i++)
    cp_step_figures(router, &a->q, best->transitions[i], &months[i], &cost[i]);
  cp_render_options ro = {.label_by = rq->by == CP_BY_STEPS ? CP_BY_MONTHS : rq->by,
                          .route = best,
                          .route_only = 1,
                          .title = title,
                          .step_months = months,
                          .step_cost = cost,
                          .have = rq->have,
                          .n_have = rq->n_have};
  code = cp_cli_draw(c, g, &ro, format == CP_OUT_HTML ? CP_OUT_SVG : format, text, len);
  free(months);
  free(cost);
  if (code || format != CP_OUT_HTML)
    return code;
  /* A page a student can open offline: the drawing, then the steps as a table. */
  char *table = NULL, *page = NULL, *cond = NULL;
  size_t table_len = 0, cond_len = 0;
  FILE *f = open_memstream(&table, &table_len), *cf = NULL;
  bool asked = false; /* cp_cli_html_page reports its own failure */
  /* The conditions line names roles and credentials: text, escaped like the rest. */
  if (!f || !(cf = open_memstream(&cond, &cond_len)))
    goto cleanup;
  cp_cli_conditions_text(cf, g, rq, a);
  bool cond_ok = cp_cli_memstream_close(cf, &cond);
  cf = NULL;
  if (!cond_ok)
    goto cleanup;
  if (cond_len) {
    fputs("<p class=\"conditions\">", f);
    cp_cli_html_text(f, cond);
    fputs("</p>\n", f);
  }
  cp_cli_route_table_html(f, router, a, rq, best);
  bool table_ok = cp_cli_memstream_close(f, &table);
  f = NULL;
  if (!table_ok)
    goto cleanup;
  code = cp_cli_html_page(c, title, *text, table, &page, len);
  asked = true;
  free(*text);
  *text = page;
cleanup:
  if (!asked)
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  if (cf)
    fclose(cf);
  if (f)
    fclose(f);
  free(cond);
  free(table);
  return code;
}

void cp_cli_route_summary(const cp_route *r, char *buf, size_t n) {
  char months[32], cost[48];
  cp_cli_number(r->months, months, sizeof months);
  cp_format_money(r->cost, cost, sizeof cost);
  snprintf(buf, n, "%zu step%s, %s months, %s", r->n_steps, r->n_steps == 1 ? "" : "s", months,
           cost);
}
