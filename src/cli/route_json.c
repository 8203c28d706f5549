/* route_json.c: a route as JSON: its roles, totals and each step with its requirements. */
#include "json_out.h"
#include "route_present.h"

/* One step: its figures for this person, its requirements split by how they stand. */
static json_t *step_json(const cp_router *router, const cp_cli_answer *a, const cp_cli_request *rq,
                         const cp_route *r, size_t i) {
  const cp_graph *g = cp_router_graph(router);
  const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
  json_t *s = json_object(), *req = json_array(), *earn = json_array(), *have = json_array();
  for (size_t j = 0; j < t->n_requires; j++) {
    const char *name = t->requires[j];
    json_array_append_new(req, json_string(name));
    cp_requirement n = cp_requirement_status(g, r, i, name, rq->have.name, rq->have.n);
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
  json_object_set_new(s, "note", json_string(t->note));
  json_object_set_new(s, "source", json_string(t->source));
  return s;
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
  for (size_t i = 0; i < r->n_steps; i++)
    json_array_append_new(steps, step_json(router, a, rq, r, i));
  json_object_set_new(o, "roles", roles);
  json_object_set_new(o, "labels", labels);
  json_object_set_new(o, "steps", json_integer((json_int_t)r->n_steps));
  json_object_set_new(o, "months", cp_cli_json_number(r->months));
  json_object_set_new(o, "cost", cp_cli_json_number(r->cost));
  json_object_set_new(o, "effort", cp_cli_json_number(r->effort));
  json_object_set_new(o, "transitions", steps);
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
  json_object_set_new(root, "have", cp_cli_names_json(rq->have.name, rq->have.n));
  for (size_t i = 0; i < a->routes->n; i++)
    json_array_append_new(routes, cp_cli_route_json(router, a, rq, &a->routes->routes[i]));
  json_object_set_new(root, "routes", routes);
  return root;
}
