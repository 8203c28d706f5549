/* test_graph.c: the model: roles, transitions and their checks, criteria. */
#include "cp_test.h"

#include <math.h>

static void duplicate_and_empty_ids_are_refused(void **state) {
  (void)state;
  cp_graph *g = cp_test_three_roles();
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
  cp_graph *g = cp_test_three_roles();
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
  cp_graph *g = cp_test_three_roles();
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
  cp_graph *g = cp_test_three_roles();
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

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(duplicate_and_empty_ids_are_refused),
      cmocka_unit_test(label_defaults_to_id),
      cmocka_unit_test(bad_weights_are_refused_naming_the_edge),
      cmocka_unit_test(requires_are_split_and_trimmed),
      cmocka_unit_test(criterion_check_names_the_first_transition_without_it),
      cmocka_unit_test(criteria_parse_by_name),
  };
  return CP_RUN(tests, argc, argv);
}
