/* test_graph.c: the model's checks, criterion coverage, and role-name resolution. */
#include "cp_test.h"

#include <math.h>

static cp_graph *three_roles(void) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("t", &g), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "sa", "Systems Analyst", "systems", 2, 0, NULL, NULL),
                   CP_OK);
  assert_int_equal(
      cp_graph_add_role(g, "ci", "Clinical Informaticist", "clinical", 3, 0, NULL, NULL), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "ni", "Nurse Informaticist", "clinical", 3, 0, NULL, NULL),
                   CP_OK);
  return g;
}

static void duplicate_and_empty_ids_are_refused(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  cp_error e = {0};
  assert_int_equal(cp_graph_add_role(g, "sa", NULL, NULL, 0, 9, NULL, &e), CP_EINVAL);
  assert_contains(e.message, "duplicate role id 'sa'");
  assert_int_equal(cp_graph_add_role(g, "", NULL, NULL, 0, 0, NULL, &e), CP_EINVAL);
  assert_int_equal(cp_graph_add_role(g, "bad\xff", NULL, NULL, 0, 0, NULL, &e), CP_EPARSE);
  assert_int_equal(cp_graph_role_count(g), 3);
  cp_graph_free(g);
}

static void label_defaults_to_id(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("t", &g), CP_OK);
  size_t i;
  assert_int_equal(cp_graph_add_role(g, "x", "", NULL, 0, 0, &i, NULL), CP_OK);
  assert_string_equal(cp_graph_role(g, i)->label, "x");
  assert_string_equal(cp_graph_role(g, i)->domain, "");
  assert_null(cp_graph_role(g, 5));
  cp_graph_free(g);
}

static void bad_weights_are_refused_naming_the_edge(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  cp_error e = {0};
  cp_transition_spec neg = {.months = -1, .has = CP_HAS_MONTHS};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &neg, &e), CP_EINVAL);
  assert_contains(e.message, "sa -> ci");
  cp_transition_spec nan_cost = {.cost = NAN, .has = CP_HAS_COST};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &nan_cost, &e), CP_EINVAL);
  cp_transition_spec inf = {.cost = INFINITY, .has = CP_HAS_COST};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &inf, &e), CP_EINVAL);
  cp_transition_spec effort = {.effort = 6, .has = CP_HAS_EFFORT};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &effort, &e), CP_EINVAL);
  assert_contains(e.message, "outside 1-5");
  cp_transition_spec ok = {.months = 1, .has = CP_HAS_MONTHS};
  assert_int_equal(cp_graph_add_transition(g, 0, 7, &ok, &e), CP_EINVAL);
  assert_int_equal(cp_graph_transition_count(g), 0);
  cp_graph_free(g);
}

static void requires_are_split_and_trimmed(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  cp_transition_spec s = {.requires = " PMP ;; HL7 FHIR certification;", .note = "n"};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &s, NULL), CP_OK);
  const cp_transition *t = cp_graph_transition(g, 0);
  assert_int_equal(t->n_requires, 2);
  assert_string_equal(t->requires[0], "PMP");
  assert_string_equal(t->requires[1], "HL7 FHIR certification");
  assert_string_equal(t->source, "");
  assert_true(isnan(t->months));
  cp_graph_free(g);
}

static void criterion_check_names_the_first_transition_without_it(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  cp_error e = {0};
  cp_transition_spec with = {.months = 3, .has = CP_HAS_MONTHS, .line = 2};
  cp_transition_spec without = {.line = 3};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &with, NULL), CP_OK);
  assert_int_equal(cp_graph_add_transition(g, 1, 2, &without, NULL), CP_OK);
  assert_int_equal(cp_graph_check_criterion(g, CP_BY_STEPS, &e), CP_OK);
  assert_int_equal(cp_graph_check_criterion(g, CP_BY_MONTHS, &e), CP_ENOCRIT);
  assert_contains(e.message, ":3: transition ci -> ni has no 'months'");
  assert_int_equal(cp_graph_check_criterion(g, CP_BY_COST, &e), CP_ENOCRIT);
  assert_contains(e.message, "carries no 'cost'");
  cp_graph_free(g);
}

static void criteria_parse_by_name(void **state) {
  (void)state;
  cp_criterion c;
  assert_int_equal(cp_criterion_parse("Cost", &c), CP_OK);
  assert_int_equal(c, CP_BY_COST);
  assert_int_equal(cp_criterion_parse("price", &c), CP_EINVAL);
  assert_string_equal(cp_criterion_name(CP_BY_STEPS), "steps");
}

static void roles_resolve_by_id_or_label_in_any_case(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  size_t i = 99;
  assert_int_equal(cp_graph_find_role(g, "ci", &i, NULL), CP_OK);
  assert_int_equal(i, 1);
  assert_int_equal(cp_graph_find_role(g, "CLINICAL INFORMATICIST", &i, NULL), CP_OK);
  assert_int_equal(i, 1);
  assert_int_equal(cp_graph_find_role(g, "nurse informaticist", &i, NULL), CP_OK);
  assert_int_equal(i, 2);
  assert_int_equal(cp_graph_find_role(g, "SA", &i, NULL), CP_OK);
  assert_int_equal(i, 0);
  cp_graph_free(g);
}

static void unknown_roles_get_suggestions(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  cp_error e = {0};
  size_t i;
  assert_int_equal(cp_graph_find_role(g, "Clinical Informatisist", &i, &e), CP_ENOTFOUND);
  assert_contains(e.message, "no role named 'Clinical Informatisist'");
  assert_contains(e.message, "did you mean 'Clinical Informaticist' (ci)");
  assert_int_equal(cp_graph_find_role(g, "informaticist", &i, &e), CP_ENOTFOUND);
  assert_contains(e.message, "Nurse Informaticist");
  assert_int_equal(cp_graph_find_role(g, "zzzzzzzzzzzz", &i, &e), CP_ENOTFOUND);
  assert_null(strstr(e.message, "did you mean"));
  cp_graph_free(g);
}

static void a_label_shared_by_two_roles_is_ambiguous(void **state) {
  (void)state;
  cp_graph *g = three_roles();
  assert_int_equal(cp_graph_add_role(g, "sa2", "systems analyst", "it", 2, 0, NULL, NULL), CP_OK);
  cp_error e = {0};
  size_t i;
  assert_int_equal(cp_graph_find_role(g, "Systems Analyst", &i, &e), CP_EAMBIGUOUS);
  assert_contains(e.message, "'sa', 'sa2'");
  cp_graph_free(g);
}

static void neighbourhoods_follow_moves_both_ways(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv"); /* a->b, a->c, b->d, c->d, a->d, d->e; z alone */
  unsigned char mask[6] = {0};
  size_t b = cp_test_role(g, "b");
  assert_int_equal(cp_graph_neighbourhood(g, b, 1, mask, NULL), CP_OK);
  const char *ids[] = {"a", "b", "c", "d", "e", "z"};
  const unsigned char want1[] = {1, 1, 0, 1, 0, 0}; /* b and its neighbours a, d */
  for (size_t i = 0; i < 6; i++)
    if (mask[cp_test_role(g, ids[i])] != want1[i])
      fail_msg("radius 1: %s", ids[i]);
  memset(mask, 0, sizeof mask);
  assert_int_equal(cp_graph_neighbourhood(g, b, 2, mask, NULL), CP_OK);
  const unsigned char want2[] = {1, 1, 1, 1, 1, 0}; /* c through a or d; e through d */
  for (size_t i = 0; i < 6; i++)
    if (mask[cp_test_role(g, ids[i])] != want2[i])
      fail_msg("radius 2: %s", ids[i]);
  assert_int_equal(cp_graph_neighbourhood(g, 99, 1, mask, NULL), CP_EINVAL);
  cp_graph_free(g);
}

/* small.gv: the shortest routes a->e, b->e and c->e (in moves) all pass through d, and
 * through no other role: d is the gateway. */
static void the_top_roles_are_the_gateways(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  unsigned char mask[6] = {0};
  assert_int_equal(cp_graph_top_roles(g, 1, mask, NULL), CP_OK);
  for (size_t i = 0; i < 6; i++)
    assert_int_equal(mask[i], i == cp_test_role(g, "d"));
  memset(mask, 0, sizeof mask);
  assert_int_equal(cp_graph_top_roles(g, 100, mask, NULL), CP_OK); /* more than there are */
  for (size_t i = 0; i < 6; i++)
    assert_int_equal(mask[i], 1);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(duplicate_and_empty_ids_are_refused),
      cmocka_unit_test(label_defaults_to_id),
      cmocka_unit_test(bad_weights_are_refused_naming_the_edge),
      cmocka_unit_test(requires_are_split_and_trimmed),
      cmocka_unit_test(criterion_check_names_the_first_transition_without_it),
      cmocka_unit_test(criteria_parse_by_name),
      cmocka_unit_test(roles_resolve_by_id_or_label_in_any_case),
      cmocka_unit_test(unknown_roles_get_suggestions),
      cmocka_unit_test(a_label_shared_by_two_roles_is_ambiguous),
      cmocka_unit_test(neighbourhoods_follow_moves_both_ways),
      cmocka_unit_test(the_top_roles_are_the_gateways),
  };
  return CP_RUN(tests, argc, argv);
}
