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

/* Issue 19: whatever graph cgraph hands back, what it reports is an error; text after the
 * graph is one; line directives do not move the lines messages name. */
static void everything_cgraph_reports_is_an_error(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  cp_buf chain = {0};
  assert_int_equal(cp_buf_puts(&chain, "digraph {\n n0"), CP_OK);
  for (int i = 1; i < 2600; i++)
    assert_int_equal(cp_buf_printf(&chain, " -> n%d", i), CP_OK);
  assert_int_equal(cp_buf_puts(&chain, ";\n}\n"), CP_OK);
  assert_int_equal(read_text(chain.data, &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv:2: DOT parser ran out of stack (memory exhausted)");
  assert_null(g);
  cp_buf_free(&chain);
  assert_int_equal(read_text("digraph { a -> b }\n\n x y z\n", &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv:3: DOT syntax error near 'x'");
  assert_int_equal(read_text("digraph { a -> b }\ndigraph two { c }\n", &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv: a second graph ('two') after the first");
  assert_int_equal(read_text("digraph {\n# 999 \"x.gv\"\n a -> ;\n}\n", &g, &e), CP_EPARSE);
  assert_contains(e.message, "in.gv:3: DOT syntax error");
  assert_null(g);
  /* The rest of the last file is not read into the next. */
  assert_int_equal(read_text("digraph {\n a -> b\n}\n", &g, &e), CP_OK);
  assert_int_equal(cp_graph_transition_count(g), 1);
  cp_graph_free(g);
}

/* Blanks and comments after the graph are fine; a '#' line inside a quoted label is text. */
static void comments_after_the_graph_and_hash_lines_in_strings_are_kept(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("dot-trailing-comments.gv");
  assert_int_equal(cp_graph_transition_count(g), 1);
  cp_graph_free(g);
  g = NULL;
  assert_int_equal(
      read_text("digraph {\n a -> b [note=\"x\n# 5 y\"] /* \"\n# c */ b -> c\n}\n", &g, NULL),
      CP_OK);
  assert_string_equal(cp_graph_transition(g, 0)->note, "x\n# 5 y");
  assert_int_equal(cp_graph_transition_count(g), 2);
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
  assert_int_equal(cp_read_graph("graph.xml", NULL, &g, &e), CP_EINVAL);
  assert_contains(e.message, "cannot tell the format");
}

/* An attribute value as long as a field may be is read; a byte more is CP_ELIMIT with the
 * line the value is on (cgraph keeps none: the reader finds the text). */
static void attribute_values_up_to_the_longest_field(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  for (size_t n = CP_MAX_FIELD_BYTES; n <= CP_MAX_FIELD_BYTES + 1; n++) {
    char *text = malloc(n + 64);
    assert_non_null(text);
    int at = snprintf(text, 64, "digraph {\n b -> c;\n a -> b [note=\"");
    memset(text + at, 'x', n);
    strcpy(text + at + n, "\"];\n}\n");
    assert_int_equal(read_text(text, &g, &e), n == CP_MAX_FIELD_BYTES ? CP_OK : CP_ELIMIT);
    free(text);
    cp_graph_free(g);
    g = NULL;
  }
  assert_contains(e.message, "in.gv:3: transition a -> b: attribute 'note' is 65537 bytes; the "
                             "longest field accepted is 65536");
}

/* Lines, names, roles and transitions, with the limits lowered so that small graphs reach
 * them; a role is found on the first line that names it as a whole word. */
static void lines_names_roles_and_transitions_up_to_their_limits(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  cp_limits_set(&(cp_limits){.line = 16, .field = 64, .name = 4, .roles = 3, .transitions = 2});
  assert_int_equal(read_text("digraph {\n  a -> b -> c;\n}\n", &g, &e), CP_OK);
  cp_graph_free(g);
  g = NULL;
  assert_int_equal(read_text("digraph {\n  a -> b -> c -> a;\n}\n", &g, &e), CP_ELIMIT);
  assert_contains(e.message, "in.gv:2: line is 19 bytes; the longest line accepted is 16");
  assert_int_equal(read_text("digraph {\n a -> b;\n b -> c;\n c -> d;\n}\n", &g, &e), CP_ELIMIT);
  assert_contains(e.message, "in.gv:4: role 'd' is role number 4; the most roles accepted is 3");
  assert_int_equal(read_text("digraph {\n a -> b;\n abcde;\n}\n", &g, &e), CP_ELIMIT);
  assert_contains(e.message, "in.gv:3: role id 'abcde' is 5 bytes; the longest role id "
                             "accepted is 4");
  assert_int_equal(read_text("digraph {\n a -> b;\n a [label=abcde]\n}\n", &g, &e), CP_ELIMIT);
  assert_contains(e.message, "in.gv:3: role 'a': label 'abcde' is 5 bytes");
  assert_int_equal(read_text("digraph {\n a -> b;\n b -> c;\n a -> c;\n}\n", &g, &e), CP_ELIMIT);
  assert_contains(e.message, "is transition number 3; the most transitions accepted is 2");
  assert_null(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_roles_transitions_and_extra_attributes),
      cmocka_unit_test(a_label_of_backslash_n_means_the_id),
      cmocka_unit_test(syntax_errors_name_file_and_line),
      cmocka_unit_test(everything_cgraph_reports_is_an_error),
      cmocka_unit_test(comments_after_the_graph_and_hash_lines_in_strings_are_kept),
      cmocka_unit_test(semantic_errors_name_the_role_or_edge),
      cmocka_unit_test(bytes_that_are_not_utf8_text_are_refused),
      cmocka_unit_test(missing_files_are_io_errors),
      cmocka_unit_test(attribute_values_up_to_the_longest_field),
      cmocka_unit_test_teardown(lines_names_roles_and_transitions_up_to_their_limits,
                                cp_test_restore_limits),
  };
  return CP_RUN(tests, argc, argv);
}
