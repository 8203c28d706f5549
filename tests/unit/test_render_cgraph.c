/* test_render_cgraph.c: render_cgraph.c, the cgraph graph drawings are built in: IDs in the
 * order names are first seen, names written as given, helpers apart from roles, label text. */
#include "test_render.h"

#include <stdlib.h>

/* IDs follow first sight, not heap addresses, so subgraphs (domain boxes) come out in the
 * order they were made; cgraph's own discipline ordered them by the address of their name. */
static void ids_follow_the_order_names_are_first_seen(void **state) {
  (void)state;
  Agraph_t *g = cp_render_open_graph();
  assert_non_null(g);
  const char *names[] = {"zeta", "alpha", "mid", "beta"};
  for (size_t i = 0; i < 4; i++)
    agsubg(g, (char *)names[i], 1);
  size_t i = 0;
  IDTYPE last = 0;
  for (Agraph_t *s = agfstsubg(g); s; s = agnxtsubg(s), i++) {
    assert_string_equal(agnameof(s), names[i]);
    if (i) /* numbered, not addresses */
      assert_int_equal(AGID(s), last + 2);
    last = AGID(s);
  }
  assert_int_equal(i, 4);
  Agnode_t *b = agnode(g, "b", 1), *a = agnode(g, "a", 1);
  assert_true(AGID(b) < AGID(a));
  assert_true(AGID(b) % 2 == 0 && AGID(a) % 2 == 0); /* named: even */
  assert_ptr_equal(agnode(g, "a", 0), a);            /* found again by name */
  assert_null(agnode(g, "c", 0));                    /* a lookup makes nothing */
  Agedge_t *e = agedge(g, a, b, NULL, 1);            /* anonymous: odd */
  assert_true(AGID(e) % 2 == 1);
  agclose(g);
}

/* agwrite prints names through cgraph's string header: names kept as plain copies came out
 * as random <...> HTML-like names. */
static void names_are_written_as_given(void **state) {
  (void)state;
  Agraph_t *g = cp_render_open_graph();
  agnode(g, "plain", 1);
  agnode(g, "with space", 1);
  agnode(g, "quote\"d", 1);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_int_equal(agwrite(g, f), 0);
  fclose(f);
  assert_contains(buf, "\tplain;");
  assert_contains(buf, "\t\"with space\";");
  assert_contains(buf, "\t\"quote\\\"d\";");
  assert_null(strchr(buf, '<'));
  free(buf);
  agclose(g);
}

/* A role may be called what a helper is: the helper then takes another name, keeps its id,
 * and the role stays a node of its own. */
static void helpers_never_take_a_role(void **state) {
  (void)state;
  Agraph_t *g = cp_render_open_graph();
  Agnode_t *role = agnode(g, "legend_note", 1);
  Agraph_t *legend = agsubg(g, "cluster_legend", 1);
  Agnode_t *h = cp_render_helper_node(legend, "legend_note");
  assert_ptr_not_equal(h, role);
  assert_string_equal(agnameof(h), "legend_note~1");
  assert_string_equal(rt_attr(h, "id"), "legend_note");
  Agnode_t *h2 = cp_render_helper_node(g, "legend_note");
  assert_string_equal(agnameof(h2), "legend_note~2");
  assert_ptr_equal(agsubnode(legend, h, 0), h); /* made in the parent given */
  assert_null(agsubnode(legend, role, 0));
  agclose(g);
}

/* Graphviz reads \N, \n and entities in labels: the text stays the text it is. */
static void label_text_is_literal(void **state) {
  (void)state;
  cp_buf b = {0};
  assert_int_equal(cp_render_label_text("a\\N & <b> \"q\"", &b), CP_OK);
  assert_string_equal(b.data, "a\\\\N &amp; <b> \"q\"");
  assert_int_equal(cp_render_label_text("", &b), CP_OK); /* replaces, and "" is a string */
  assert_non_null(b.data);
  assert_string_equal(b.data, "");
  assert_int_equal(cp_render_label_text("x", &b), CP_OK);
  assert_int_equal(cp_render_append_label_text(&b, "&\\"), CP_OK);
  assert_string_equal(b.data, "x&amp;\\\\");
  cp_buf_free(&b);
}

/* A word longer than a line is cut between characters, never inside one: a label cut inside
 * a UTF-8 sequence is not XML, so Graphviz dropped the card's text for the node's id. */
static void long_words_are_cut_between_characters(void **state) {
  (void)state;
  char word[2 * 3 * 300 + 1] = ""; /* 600 three-byte characters, as one word */
  for (size_t i = 0; i < 600; i++)
    strcat(word, "\xe4\xb8\xad");
  cp_buf b = {0};
  size_t lines;
  assert_int_equal(cp_render_wrapped_text(word, 30, "|", &b, &lines), CP_OK);
  assert_int_equal(lines, 20);
  size_t pieces = 0, chars = 0;
  for (char *p = b.data; *p; pieces++) {
    size_t len = strcspn(p, "|");
    assert_int_equal(len, 30 * 3); /* whole characters, 30 a line */
    for (size_t i = 0; i < len; i += 3, chars++)
      assert_memory_equal(p + i, "\xe4\xb8\xad", 3);
    p += len + (p[len] == '|');
  }
  assert_int_equal(pieces, 20);
  assert_int_equal(chars, 600); /* nothing dropped */
  assert_int_equal(cp_render_wrapped_text("ab cdefgh i", 3, "|", &b, &lines), CP_OK);
  assert_string_equal(b.data, "ab|cdefgh|i"); /* up to two lines long: kept whole */
  assert_int_equal(cp_render_wrapped_text("ab cdefghi j", 3, "|", &b, &lines), CP_OK);
  assert_string_equal(b.data, "ab|cde|fgh|i j"); /* longer: cut, each piece a fresh line */
  assert_int_equal(lines, 4);
  cp_buf_free(&b);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(ids_follow_the_order_names_are_first_seen),
      cmocka_unit_test(names_are_written_as_given),
      cmocka_unit_test(helpers_never_take_a_role),
      cmocka_unit_test(label_text_is_literal),
      cmocka_unit_test(long_words_are_cut_between_characters),
  };
  return CP_RUN(tests, argc, argv);
}
