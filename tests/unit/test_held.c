/* test_held.c: what a person holds, matched to what moves require: whole names, parts,
 * alternatives, spellings; the names typed that match nothing; moves that only earn what is
 * held. */
#include "cp_test.h"

static cp_hold held(const char *req, const char *have, char *missing, size_t n) {
  const char *list[8];
  size_t k = 0;
  char buf[256];
  snprintf(buf, sizeof buf, "%s", have);
  for (char *save = NULL, *h = strtok_r(buf, "|", &save); h && k < 8;
       h = strtok_r(NULL, "|", &save))
    list[k++] = h;
  return cp_requirement_held(req, list, k, missing, n);
}

static void a_requirement_is_held_whole_by_part_or_by_an_alternative(void **state) {
  (void)state;
  char missing[128];
  assert_int_equal(held("SQL and visualisation", "SQL and visualisation", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("SQL and visualisation", "sql AND Visualization", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("SQL and visualisation", "SQL|visualisation", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("SQL and visualisation", "SQL", missing, sizeof missing), CP_HOLD_PART);
  assert_string_equal(missing, "visualisation");
  assert_int_equal(
      held("statistics and machine learning", "Machine Learning", missing, sizeof missing),
      CP_HOLD_PART);
  assert_string_equal(missing, "statistics"); /* as the graph writes it */
  assert_int_equal(held("executive degree or fellowship", "fellowship", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("executive degree or fellowship", "executive degree", NULL, 0),
                   CP_HOLD_ALL);
  assert_int_equal(held("nursing degree (ADN or BSN)", "BSN", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("nursing degree (ADN or BSN)", "nursing degree", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("RN licence", "RN License", NULL, 0), CP_HOLD_ALL);
  assert_int_equal(held("RN licence", "RN", NULL, 0), CP_HOLD_NONE);
  assert_int_equal(held("HIPAA knowledge", "SQL", missing, sizeof missing), CP_HOLD_NONE);
  assert_int_equal(held("HIPAA knowledge", "", NULL, 0), CP_HOLD_NONE);
  assert_int_equal(cp_requirement_held("HIPAA knowledge", NULL, 0, NULL, 0), CP_HOLD_NONE);
}

/* Resolves `typed` ('|'-separated) on the built-in graph; the status, the names and notes. */
static cp_status resolve(const cp_graph *g, const char *typed, char *names, char *notes,
                         cp_error *e) {
  const char *list[8];
  size_t k = 0;
  static char buf[256];
  snprintf(buf, sizeof buf, "%s", typed);
  for (char *save = NULL, *h = strtok_r(buf, "|", &save); h && k < 8;
       h = strtok_r(NULL, "|", &save))
    list[k++] = h;
  cp_held *h = NULL;
  cp_status st = cp_held_resolve(g, list, k, &h, e);
  names[0] = notes[0] = '\0';
  if (st)
    return st;
  size_t n;
  const char *const *got = cp_held_names(h, &n);
  assert_int_equal(n, k);
  for (size_t i = 0; i < n; i++)
    strcat(strcat(names, i ? "|" : ""), got[i]);
  for (size_t i = 0; i < cp_held_note_count(h); i++)
    strcat(strcat(notes, i ? "|" : ""), cp_held_note(h, i));
  assert_null(cp_held_note(h, cp_held_note_count(h)));
  cp_held_free(h);
  return st;
}

static void typed_names_become_the_graphs_names(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  char names[512], notes[512];
  cp_error e = {0};
  assert_int_equal(resolve(g, "ms health informatics|pmp", names, notes, &e), CP_OK);
  assert_string_equal(names, "MS health informatics|PMP");
  assert_string_equal(notes, "");
  assert_int_equal(resolve(g, "SQL", names, notes, &e), CP_OK);
  assert_string_equal(names, "SQL");
  assert_string_equal(notes, "'SQL' is part of 'SQL and visualisation'");
  assert_int_equal(resolve(g, "Security+|RN License", names, notes, &e), CP_OK);
  assert_string_equal(names, "CompTIA Security+|RN licence");
  assert_string_equal(notes, "taking 'Security+' as 'CompTIA Security+'");
  assert_int_equal(resolve(g, "BSN", names, notes, &e), CP_OK);
  assert_string_equal(names, "nursing degree (ADN or BSN)");
  cp_graph_free(g);
}

static void names_that_match_nothing_are_named_with_what_the_graph_knows(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  char names[512], notes[512];
  cp_error e = {0};
  assert_int_equal(resolve(g, "SQL|Python|R", names, notes, &e), CP_ENOTFOUND);
  assert_contains(e.message, "'Python', 'R' match no credential or requirement of built-in");
  assert_contains(e.message, "which knows 'PMP', 'CAPM'");
  assert_contains(e.message, "'SQL and visualisation'"); /* requirements, not only the catalogue */
  assert_true(strlen(e.message) < CP_ERROR_MESSAGE_MAX - 1);
  assert_int_equal(resolve(g, "clinical", names, notes, &e), CP_EAMBIGUOUS);
  assert_contains(e.message, "'clinical': more than one credential or requirement");
  cp_graph_free(g);
}

static void a_move_that_only_earns_what_is_held_is_already_held(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = NULL;
  assert_int_equal(cp_router_new(g, &r, NULL), CP_OK);
  const char *have[] = {"MS health informatics"};
  cp_query q;
  cp_query_init(&q, 0, 0, CP_BY_MONTHS);
  q.have = have;
  q.n_have = 1;
  size_t enrol = SIZE_MAX, part_time = SIZE_MAX,
         grad = cp_test_role(g, "ms-health-informatics-graduate");
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    if (tr->from == cp_test_role(g, "general-data-analyst") && tr->to == grad)
      enrol = t;
    if (tr->from == cp_test_role(g, "health-systems-analyst") && tr->cost == 35000)
      part_time = t; /* the part-time M.S. also needs clinical workflow knowledge */
  }
  assert_true(enrol != SIZE_MAX && part_time != SIZE_MAX);
  assert_true(cp_step_already_held(r, &q, enrol));
  assert_false(cp_step_already_held(r, &q, part_time));
  q.n_have = 0;
  assert_false(cp_step_already_held(r, &q, enrol));
  /* A move with no catalogued credential is never "already held". */
  const char *sql[] = {"SQL and visualisation"};
  q.have = sql;
  q.n_have = 1;
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    if (tr->n_requires == 1 && !strcmp(tr->requires[0], "SQL and visualisation"))
      assert_false(cp_step_already_held(r, &q, t));
  }
  cp_router_free(r);
  cp_graph_free(g);
}

/* Holding the degree, a route through the graduate role does not take the degree's effort. */
static void an_already_held_step_takes_no_effort(void **state) {
  (void)state;
  cp_graph *g = cp_test_builtin();
  cp_router *r = cp_test_router(g);
  const char *have[] = {"MS health informatics"};
  cp_query q;
  cp_query_init(&q, cp_test_role(g, "general-data-analyst"),
                cp_test_role(g, "clinical-informaticist"), CP_BY_MONTHS);
  q.have = have;
  q.n_have = 1;
  cp_route_list *l = NULL;
  assert_int_equal(cp_route_search(r, &q, &l, NULL), CP_OK);
  assert_int_equal(l->n, 1);
  const cp_route *x = &l->routes[0];
  double effort = 0;
  size_t held = 0;
  for (size_t i = 0; i < x->n_steps; i++) {
    if (cp_step_already_held(r, &q, x->transitions[i]))
      held++;
    else
      effort += cp_graph_transition(g, x->transitions[i])->effort;
  }
  assert_int_equal(held, 1); /* the enrolment */
  assert_float_equal(x->effort, effort, 1e-9);
  cp_route_list_free(l);
  cp_router_free(r);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_requirement_is_held_whole_by_part_or_by_an_alternative),
      cmocka_unit_test(typed_names_become_the_graphs_names),
      cmocka_unit_test(names_that_match_nothing_are_named_with_what_the_graph_knows),
      cmocka_unit_test(a_move_that_only_earns_what_is_held_is_already_held),
      cmocka_unit_test(an_already_held_step_takes_no_effort),
  };
  return CP_RUN(tests, argc, argv);
}
