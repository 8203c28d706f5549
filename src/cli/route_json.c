/* route_json.c: a route as JSON: its roles, totals and each step with its requirements. */
#include "json_out.h"
#include "route_present.h"

#include <math.h>

void cp_cli_pay_json(json_t *o, const cp_graph *g, const cp_route *r) {
  json_t *wages = json_array(), *sources = json_array();
  for (size_t i = 0; i <= r->n_steps; i++) {
    const cp_role *role = cp_graph_role(g, r->roles[i]);
    double w;
    const char *src = cp_role_attr(role, "wage_source");
    json_array_append_new(wages, cp_role_wage(role, &w) ? cp_cli_json_number(w) : json_null());
    json_array_append_new(sources, src ? json_string(src) : json_null());
  }
  json_object_set_new(o, "wages", wages);
  json_object_set_new(o, "wage_sources", sources);
  double p = cp_route_payback(g, r);
  json_object_set_new(o, "payback_months", isinf(p) ? json_string("never") : cp_cli_json_number(p));
}

/* Requirements held in part: [{"requires": "SQL and visualisation", "missing": "..."}]. */
static json_t *partly_json(const cp_transition *t, const cp_cli_answer *a) {
  json_t *list = json_array();
  for (size_t j = 0; j < t->n_requires; j++) {
    char missing[256];
    if (cp_requirement_held(t->requires[j], a -> q.have, a->q.n_have, missing, sizeof missing) !=
        CP_HOLD_PART)
      continue;
    json_t *o = json_object();
    json_object_set_new(o, "requires", json_string(t->requires[j]));
    json_object_set_new(o, "missing", json_string(missing));
    json_array_append_new(list, o);
  }
  return list;
}

/* One step: its figures for this person, its requirements split by how they stand. */
static json_t *step_json(const cp_router *router, const cp_cli_answer *a, const cp_route *r,
                         size_t i) {
  const cp_graph *g = cp_router_graph(router);
  const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
  json_t *s = json_object(), *req = json_array(), *earn = json_array(), *have = json_array();
  for (size_t j = 0; j < t->n_requires; j++) {
    const char *name = t->requires[j];
    json_array_append_new(req, json_string(name));
    cp_requirement n = cp_requirement_status(g, r, i, name, a->q.have, a->q.n_have);
    if (n != CP_REQ_OTHER)
      json_array_append_new(n == CP_REQ_HELD ? have : earn, json_string(name));
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
  json_object_set_new(s, "partly_held", partly_json(t, a));
  json_object_set_new(s, "already_held",
                      json_boolean(cp_step_already_held(router, &a->q, r->transitions[i])));
  json_object_set_new(s, "note", json_string(t->note));
  json_object_set_new(s, "source", json_string(t->source));
  return s;
}

json_t *cp_cli_route_json(const cp_router *router, const cp_cli_answer *a, const cp_cli_request *rq,
                          const cp_route *r) {
  (void)rq; /* what a route holds is the answer's (a->q.have), resolved */
  const cp_graph *g = cp_router_graph(router);
  json_t *o = json_object(), *roles = json_array(), *labels = json_array(), *steps = json_array();
  for (size_t i = 0; i <= r->n_steps; i++) {
    const cp_role *role = cp_graph_role(g, r->roles[i]);
    json_array_append_new(roles, json_string(role->id));
    json_array_append_new(labels, json_string(role->label));
  }
  for (size_t i = 0; i < r->n_steps; i++)
    json_array_append_new(steps, step_json(router, a, r, i));
  json_object_set_new(o, "roles", roles);
  json_object_set_new(o, "labels", labels);
  json_object_set_new(o, "steps", json_integer((json_int_t)r->n_steps));
  json_object_set_new(o, "months", cp_cli_json_number(r->months));
  json_object_set_new(o, "cost", cp_cli_json_number(r->cost));
  json_object_set_new(o, "effort", cp_cli_json_number(r->effort));
  json_object_set_new(o, "transitions", steps);
  json_object_set_new(o, "target", json_string(cp_graph_role(g, r->roles[r->n_steps])->id));
  size_t held = 0;
  for (size_t i = 0; i < r->n_steps; i++)
    held += cp_step_already_held(router, &a->q, r->transitions[i]);
  json_object_set_new(o, "steps_to_take", json_integer((json_int_t)(r->n_steps - held)));
  cp_cli_pay_json(o, g, r);
  return o;
}

json_t *cp_cli_answer_json(const cp_router *router, const cp_cli_request *rq,
                           const cp_cli_answer *a) {
  const cp_graph *g = cp_router_graph(router);
  json_t *root = json_object(), *routes = json_array(), *avoid = json_array(), *via = json_array();
  char by[256];
  cp_cli_describe(rq, by, sizeof by);
  json_object_set_new(root, "from", json_string(cp_graph_role(g, a->from)->id));
  json_object_set_new(root, "to", json_string(cp_graph_role(g, a->to)->id));
  json_t *targets = json_array();
  for (size_t i = 0; i < a->n_targets; i++)
    json_array_append_new(targets, json_string(cp_graph_role(g, a->targets[i])->id));
  json_object_set_new(root, "targets", targets);
  json_object_set_new(root, "by", json_string(rq->n_pareto ? "pareto" : by));
  if (rq->n_pareto) {
    json_t *p = json_array();
    for (size_t i = 0; i < rq->n_pareto; i++)
      json_array_append_new(p, json_string(cp_criterion_name(rq->pareto[i])));
    json_object_set_new(root, "pareto", p);
  }
  json_object_set_new(root, "limits", cp_cli_limits_json(rq->limits));
  for (size_t i = 0; i < a->n_avoid; i++)
    json_array_append_new(avoid, json_string(cp_graph_role(g, a->avoid[i])->id));
  for (size_t i = 0; i < rq->via.n; i++)
    json_array_append_new(via, json_string(cp_graph_role(g, a->via[i])->id));
  json_object_set_new(root, "avoid", avoid);
  json_object_set_new(root, "via", via);
  json_object_set_new(root, "have", cp_cli_names_json(a->q.have, a->q.n_have));
  for (size_t i = 0; i < a->routes->n; i++)
    json_array_append_new(routes, cp_cli_route_json(router, a, rq, &a->routes->routes[i]));
  json_object_set_new(root, "routes", routes);
  return root;
}
