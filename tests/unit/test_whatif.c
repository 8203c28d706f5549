/* test_whatif.c: credentials ranked by net effect (what holding one saves less what earning
 * it takes), routes they open, and roles they bring within limits. */
#include "cp_test.h"

#include <math.h>

static cp_whatif *rank(const cp_router *r, const cp_query *q) {
  cp_whatif *w = NULL;
  cp_error e = {0};
  if (cp_whatif_rank(r, q, &w, &e) != CP_OK)
    fail_msg("%s", e.message);
  return w;
}

static const cp_whatif_option *option(const cp_graph *g, const cp_whatif *w, const char *name) {
  for (size_t i = 0; i < w->n; i++)
    if (!strcmp(cp_graph_credential(g, w->options[i].credential)->name, name))
      return &w->options[i];
  fail_msg("no option '%s'", name);
  return NULL;
}

/* Issue 14, acceptance 4: a data analyst aiming at clinical informaticist. */
static void a_net_loss_never_ranks_above_a_net_gain(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "general-data-analyst"),
                cp_test_role(g, "clinical-informaticist"), CP_BY_MONTHS);
  cp_whatif *w = rank(r, &q);
  assert_int_equal(w->now->n, 1);
  assert_float_equal(w->now->routes[0].months, 30, 1e-9);
  assert_int_equal(w->n, cp_graph_credential_count(g));
  /* The degree saves a few months of the route but takes 24 months and $35,000 to earn. */
  const cp_whatif_option *ms = option(g, w, "MS health informatics");
  assert_true(ms->changes && !ms->opens);
  assert_true(ms->saved[CP_BY_MONTHS] > 0 && ms->saved[CP_BY_MONTHS] < 24);
  assert_float_equal(ms->net_months, ms->saved[CP_BY_MONTHS] - 24, 1e-9);
  assert_float_equal(ms->net_cost, ms->saved[CP_BY_COST] - 35000, 1e-9);
  assert_float_equal(ms->net, ms->net_months, 1e-9); /* by months, the net is in months */
  assert_true(ms->net < 0);
  for (size_t i = 0; i < w->n; i++)
    for (size_t j = i + 1; j < w->n; j++)
      if (w->options[i].net < 0 && w->options[j].net > 0)
        fail_msg("a net loss ranks above a net gain (%zu, %zu)", i, j);
  /* The rows that change nothing come last. */
  assert_true(w->n_changing >= 1 && w->n_changing < w->n);
  for (size_t i = 0; i < w->n; i++)
    assert_int_equal(w->options[i].changes, i < w->n_changing);
  cp_whatif_free(w);
  cp_router_free(r);
  cp_graph_free(g);
}

/* s -> t directly takes 11 months; through a, a move requiring X (29 months to earn) takes
 * 30; through b, two moves requiring Y (4 months) take 6 each. Holding X saves the most (10
 * months) but earning it takes 29: a net loss. Holding Y saves 7 (it is earned once, used
 * twice) for 4: a net gain, ranked first. (A credential required on one move of a route can
 * never save more than earning it takes: that move's figures include earning it.) */
static void the_biggest_saving_is_not_the_best_buy(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("buy", &g), CP_OK);
  for (const char *id = "s\0t\0a\0b\0"; *id; id += 2)
    assert_int_equal(cp_graph_add_role(g, id, NULL, NULL, 1, 0, NULL, NULL), CP_OK);
  struct {
    size_t from, to;
    double months;
    const char *requires;
  } moves[] = {{0, 1, 11, NULL}, {0, 2, 0, NULL}, {2, 1, 30, "X"}, {0, 3, 6, "Y"}, {3, 1, 6, "Y"}};
  for (size_t i = 0; i < 5; i++) {
    cp_transition_spec spec = {.months = moves[i].months,
                               .cost = 0,
                               .effort = 1,
                               .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT,
                               .requires = moves[i].requires};
    assert_int_equal(cp_graph_add_transition(g, moves[i].from, moves[i].to, &spec, NULL), CP_OK);
  }
  assert_int_equal(cp_graph_add_credential(g, "X", 29, 0, "", NULL), CP_OK);
  assert_int_equal(cp_graph_add_credential(g, "Y", 4, 0, "", NULL), CP_OK);
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, 0, 1, CP_BY_MONTHS);
  cp_whatif *w = rank(r, &q);
  assert_int_equal(w->n_changing, 2);
  assert_string_equal(cp_graph_credential(g, w->options[0].credential)->name, "Y");
  assert_float_equal(w->options[0].saved[CP_BY_MONTHS], 7, 1e-9);
  assert_float_equal(w->options[0].net, 3, 1e-9);
  assert_float_equal(w->options[1].saved[CP_BY_MONTHS], 10, 1e-9);
  assert_float_equal(w->options[1].net, -19, 1e-9);
  cp_whatif_free(w);
  cp_router_free(r);
  cp_graph_free(g);
}

static void gains_rank_by_net_and_a_wash_is_zero(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "registered-nurse"), cp_test_role(g, "cnio"), CP_BY_MONTHS);
  cp_whatif *w = rank(r, &q);
  /* Holding the executive degree takes 24 months off the degree route; earning it takes the
   * same 24 months and $60,000: no net gain either way. */
  const cp_whatif_option *exec = option(g, w, "executive degree or fellowship");
  assert_true(exec->changes);
  assert_float_equal(exec->saved[CP_BY_MONTHS], 24, 1e-9);
  assert_float_equal(exec->net_months, 0, 1e-9);
  assert_float_equal(exec->net_cost, 0, 1e-9);
  for (size_t i = 1; i < w->n_changing; i++)
    assert_true(w->options[i - 1].net >= w->options[i].net - 1e-9);
  cp_whatif_free(w);
  /* Holding what is asked already: it is not offered again. */
  const char *have[] = {"executive degree or fellowship"};
  q.have = have;
  q.n_have = 1;
  w = rank(r, &q);
  assert_int_equal(w->n, cp_graph_credential_count(g) - 1);
  cp_whatif_free(w);
  cp_router_free(r);
  cp_graph_free(g);
}

static void a_credential_that_opens_a_route_ranks_first(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "general-data-analyst"),
                cp_test_role(g, "clinical-informaticist"), CP_BY_MONTHS);
  q.limits[CP_BY_MONTHS] = 27; /* 30 months now; holding the M.S., 15 (its part-time route) */
  cp_whatif *w = rank(r, &q);
  assert_int_equal(w->now->n, 0);
  assert_true(w->n_changing >= 1);
  const cp_whatif_option *first = &w->options[0];
  assert_string_equal(cp_graph_credential(g, first->credential)->name, "MS health informatics");
  assert_true(first->opens);
  assert_float_equal(first->route.months, 15, 1e-9);
  assert_true(isnan(first->net_months)); /* nothing to compare with */
  assert_float_equal(first->net, -(15 + 24), 1e-9);
  cp_whatif_free(w);
  cp_router_free(r);
  cp_graph_free(g);
}

static void without_a_target_the_roles_brought_in_are_named(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "student"), (size_t)-1, CP_BY_MONTHS);
  q.limits[CP_BY_MONTHS] = 12;
  cp_whatif *w = rank(r, &q);
  const cp_whatif_option *ms = option(g, w, "MS health informatics");
  /* The degree held, its graduate's first posts are within a year. */
  assert_true(ms->n_new_roles >= 1);
  assert_int_equal(ms->n_new_roles, ms->reachable - w->now->n);
  bool grad = false;
  for (size_t i = 0; i < ms->n_new_roles; i++) {
    grad |= ms->new_roles[i] == cp_test_role(g, "ms-health-informatics-graduate");
    for (size_t j = 0; j < w->now->n; j++)
      assert_true(w->now->routes[j].roles[w->now->routes[j].n_steps] != ms->new_roles[i]);
  }
  assert_true(grad);
  assert_true(w->options[0].n_new_roles >= w->options[w->n - 1].n_new_roles);
  cp_whatif_free(w);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_net_loss_never_ranks_above_a_net_gain),
      cmocka_unit_test(the_biggest_saving_is_not_the_best_buy),
      cmocka_unit_test(gains_rank_by_net_and_a_wash_is_zero),
      cmocka_unit_test(a_credential_that_opens_a_route_ranks_first),
      cmocka_unit_test(without_a_target_the_roles_brought_in_are_named),
  };
  return CP_RUN(tests, argc, argv);
}
