/* test_resolve.c: what a person types, resolved to a role: id or label in any case, with
 * suggestions and ambiguity named. */
#include "cp_test.h"

static void roles_resolve_by_id_or_label_in_any_case(void **state) {
  (void)state;
  cp_graph *g = cp_test_three_roles();
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
  cp_graph *g = cp_test_three_roles();
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
  cp_graph *g = cp_test_three_roles();
  assert_int_equal(cp_graph_add_role(g, "sa2", "systems analyst", "it", 2, 0, NULL, NULL), CP_OK);
  cp_error e = {0};
  size_t i;
  assert_int_equal(cp_graph_find_role(g, "Systems Analyst", &i, &e), CP_EAMBIGUOUS);
  assert_contains(e.message, "'sa', 'sa2'");
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(roles_resolve_by_id_or_label_in_any_case),
      cmocka_unit_test(unknown_roles_get_suggestions),
      cmocka_unit_test(a_label_shared_by_two_roles_is_ambiguous),
  };
  return CP_RUN(tests, argc, argv);
}
