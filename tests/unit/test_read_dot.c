/* test_read_dot.c: the DOT reader: fields, kept attributes, and every kind of bad input. */
#include "cp_test.h"

static cp_status read_text(const char *text, cp_graph **g, cp_error *e) {
  return cp_read_dot_buffer("in.gv", text, strlen(text), g, e);
}

static void reads_roles_transitions_and_extra_attributes(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  assert_int_equal(cp_graph_role_count(g), 6);
  assert_string_equal(cp_graph_attr(g, "label"), "Small test graph");
  assert_null(cp_graph_attr(g, "source"));
  assert_int_equal(cp_graph_transition_count(g), 6);
  const cp_role *b = cp_graph_role(g, cp_test_role(g, "b"));
  assert_string_equal(b->label, "Beta");
  assert_string_equal(b->domain, "d1");
  assert_int_equal(b->level, 2);
  assert_int_equal(b->n_attrs, 1);
  assert_string_equal(b->attrs[0].key, "extra");
  assert_string_equal(b->attrs[0].value, "kept");
  const cp_transition *ab = cp_graph_transition(g, 0);
  assert_string_equal(cp_graph_role(g, ab->from)->id, "a");
  assert_string_equal(cp_graph_role(g, ab->to)->id, "b");
  assert_true(ab->months == 6 && ab->cost == 1000 && ab->effort == 2);
  assert_int_equal(ab->n_requires, 2);
  assert_string_equal(ab->requires[1], "Y");
  assert_string_equal(ab->note, "first step");
  int kept = 0;
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    for (size_t j = 0; j < t->n_attrs; j++)
      kept += !strcmp(t->attrs[j].key, "flavour") && !strcmp(t->attrs[j].value, "kept too");
  }
  assert_int_equal(kept, 1);
  cp_graph_free(g);
}

static void a_label_of_backslash_n_means_the_id(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(read_text("digraph { node [label=\"\\N\"]; x; y [label=\"Why\"]; }", &g, NULL),
                   CP_OK);
  assert_string_equal(cp_graph_role(g, 0)->label, "x");
  assert_string_equal(cp_graph_role(g, 1)->label, "Why");
  cp_graph_free(g);
}

static void syntax_errors_name_file_and_line(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(read_text("digraph {\n a -> b;\n c -> ;\n}\n", &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv:3: DOT syntax error");
  assert_null(g);
  /* The parser recovers: the next read is clean and its line count starts afresh. */
  assert_int_equal(read_text("digraph {\n\n\n\n a -> ;\n}\n", &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv:5:");
  assert_int_equal(read_text("digraph { a -> b }", &g, &e), CP_OK);
  cp_graph_free(g);
}

static void semantic_errors_name_the_role_or_edge(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(read_text("digraph { a -> b [months=-2] }", &g, &e), CP_EINVAL);
  assert_contains(e.message, "transition a -> b: months '-2'");
  assert_int_equal(read_text("digraph { a -> b [cost=nan] }", &g, &e), CP_EINVAL);
  assert_contains(e.message, "cost 'nan'");
  assert_int_equal(read_text("digraph { a -> b [cost=\"1e999\"] }", &g, &e), CP_EINVAL);
  assert_int_equal(read_text("digraph { a -> b [effort=9] }", &g, &e), CP_EINVAL);
  assert_contains(e.message, "effort 9 is outside 1-5");
  assert_int_equal(read_text("digraph { a [level=high] }", &g, &e), CP_EINVAL);
  assert_contains(e.message, "role 'a': level 'high'");
  assert_int_equal(read_text("graph { a -- b }", &g, &e), CP_EINVAL);
  assert_contains(e.message, "undirected");
  assert_null(g);
}

static void bytes_that_are_not_utf8_text_are_refused(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(read_text("digraph {\n a;\n \"b\xff\";\n}", &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv:3: not valid UTF-8");
  const char nul[] = "digraph { a\0 -> b }";
  assert_int_equal(cp_read_dot_buffer("n.gv", nul, sizeof nul - 1, &g, &e), CP_EPARSE);
  assert_contains(e.message, "NUL");
  assert_int_equal(read_text("", &g, &e), CP_EPARSE);
  assert_null(g);
}

static void missing_files_are_io_errors(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_read_dot_file("/nonexistent/x.gv", &g, &e), CP_EIO);
  assert_contains(e.message, "/nonexistent/x.gv: cannot open");
  assert_int_equal(cp_read_graph("graph.txt", NULL, &g, &e), CP_EINVAL);
  assert_contains(e.message, "cannot tell the format");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_roles_transitions_and_extra_attributes),
      cmocka_unit_test(a_label_of_backslash_n_means_the_id),
      cmocka_unit_test(syntax_errors_name_file_and_line),
      cmocka_unit_test(semantic_errors_name_the_role_or_edge),
      cmocka_unit_test(bytes_that_are_not_utf8_text_are_refused),
      cmocka_unit_test(missing_files_are_io_errors),
  };
  return CP_RUN(tests, argc, argv);
}
