/* explain_json.c: why there is no route, near misses and short lists, as JSON (the fields
 * route and whatif add to their answers). */
#include "json_out.h"
#include "route_present.h"

#include <math.h>
#include <string.h>

static json_t *roles_json(const cp_graph *g, const size_t *roles, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++)
    json_array_append_new(a, json_string(cp_graph_role(g, roles[i])->id));
  return a;
}

/* A ';'-separated list as an array of its trimmed items. */
static json_t *list_json(const char *list) {
  json_t *a = json_array();
  for (const char *p = list; p && *p;) {
    size_t len = strcspn(p, ";");
    while (len && *p == ' ')
      p++, len--;
    while (len && p[len - 1] == ' ')
      len--;
    if (len)
      json_array_append_new(a, json_stringn(p, len));
    p += strcspn(p, ";");
    p += *p == ';';
  }
  return a;
}

json_t *cp_cli_no_route_json(const cp_graph *g, const cp_no_route *x) {
  static const char *const reason[] = {"none", "limits", "avoided", "waypoints", "closed"};
  json_t *o = json_object(), *starts = json_array();
  json_object_set_new(o, "reason", json_string(reason[x->reason]));
  json_object_set_new(o, "into", roles_json(g, x->into, x->n_into));
  for (size_t i = 0; i < x->n_starts; i++) {
    json_t *s = json_object();
    json_object_set_new(s, "role", json_string(cp_graph_role(g, x->starts[i])->id));
    json_object_set_new(s, "requires", list_json(x->start_requires[i]));
    json_array_append_new(starts, s);
  }
  json_object_set_new(o, "starts", starts);
  json_object_set_new(o, "gates", cp_cli_names_json(x->gates, x->n_gates));
  json_object_set_new(o, "avoided", roles_json(g, x->avoided, x->n_avoided));
  return o;
}

json_t *cp_cli_near_misses_json(const cp_router *router, const cp_cli_request *rq,
                                const cp_cli_answer *a, const cp_near_misses *m) {
  json_t *list = json_array();
  for (size_t i = 0; i < m->n; i++) {
    const cp_near_miss *x = &m->items[i];
    json_t *o = json_object(), *also = json_array(), *excess = json_object();
    for (int c = 0; c < NC; c++) {
      if (x->also & (1u << c))
        json_array_append_new(also, json_string(cp_criterion_name((cp_criterion)c)));
      if (isfinite(rq->limits[c]))
        json_object_set_new(excess, cp_criterion_name((cp_criterion)c),
                            cp_cli_json_number(x->excess[c]));
    }
    json_object_set_new(o, "best_by", json_string(cp_criterion_name(x->by)));
    json_object_set_new(o, "also_best_by", also);
    json_object_set_new(o, "excess", excess);
    json_object_set_new(o, "route", cp_cli_route_json(router, a, rq, &x->route));
    json_array_append_new(list, o);
  }
  return list;
}

json_t *cp_cli_shortfall_json(const cp_cli_request *rq, const cp_cli_answer *a,
                              const cp_k_shortfall *s) {
  json_t *o = json_object(), *over = json_object();
  json_object_set_new(o, "asked", json_integer((json_int_t)rq->k));
  json_object_set_new(o, "found", json_integer((json_int_t)a->routes->n));
  json_object_set_new(o, "without_limits",
                      json_integer((json_int_t)(s ? s->unlimited : a->routes->n)));
  for (int c = 0; c < NC && s; c++)
    if (isfinite(rq->limits[c]))
      json_object_set_new(over, cp_criterion_name((cp_criterion)c),
                          json_integer((json_int_t)s->over[c]));
  json_object_set_new(o, "over_limit", over);
  return o;
}
