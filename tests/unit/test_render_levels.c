/* test_render_levels.c: render_levels.c, levels as dot's columns: one column per level
 * present, minimum lengths, moves down the levels reversed, anchors, levels in domains. */
#include "test_render.h"

static void columns_are_the_levels_present(void **state) {
  (void)state;
  cp_render_options o = {0};
  cp_drawing d = {.o = &o};
  bool used[CP_MAX_LEVEL + 2] = {[1] = true, [3] = true, [5] = true};
  cp_render_columns(&d, used);
  int want[] = {0, 0, -1, 1, -1, 2, 3}; /* [0] unused; [6] is the end anchor's */
  for (int l = 1; l <= CP_MAX_LEVEL + 1; l++)
    assert_int_equal(d.rank_of[l], want[l]);
  /* Up a column: forward, minlen the columns crossed; down: reversed; unlevelled: free. */
  assert_false(cp_render_level_constraint(&d, NULL, 1, 5));
  assert_true(cp_render_level_constraint(&d, NULL, 3, 1));
  assert_false(cp_render_level_constraint(&d, NULL, 0, 1));
  assert_false(cp_render_level_constraint(&d, NULL, 3, 6));
  assert_true(cp_render_is_flat(&d, 3, 3));
  assert_false(cp_render_is_flat(&d, 1, 3));
  assert_false(cp_render_is_flat(&d, 0, 0));
  o.route_only = 1; /* no columns there */
  assert_false(cp_render_is_flat(&d, 3, 3));
}

static void minimum_lengths_and_anchors(void **state) {
  (void)state;
  cp_graph *g = rt_graph("levels");
  size_t a = rt_role(g, "a", "x", 1), b = rt_role(g, "b", "x", 3), c = rt_role(g, "c", "y", 5);
  size_t u = rt_role(g, "u", "y", 0);
  rt_move(g, a, c, 1, NULL), rt_move(g, c, b, 1, NULL), rt_move(g, u, a, 1, NULL);
  cp_render_options o = {.label_by = CP_BY_MONTHS};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  assert_string_equal(rt_attr(rt_edge(&d, a, c), "minlen"), "2");
  assert_string_equal(rt_attr(rt_edge(&d, c, b), "minlen"), "1");
  assert_string_equal(rt_attr(rt_edge(&d, u, a), "minlen"), "");
  /* Anchors: start, the levels present (named), end, in a chain. */
  Agnode_t *start = rt_node_by_id(d.ag, "level_0"), *l1 = rt_node_by_id(d.ag, "level_1");
  Agnode_t *l3 = rt_node_by_id(d.ag, "level_3"), *l5 = rt_node_by_id(d.ag, "level_5"),
           *end = rt_node_by_id(d.ag, "level_6");
  assert_true(start && l1 && l3 && l5 && end);
  assert_null(rt_node_by_id(d.ag, "level_2"));
  assert_string_equal(rt_attr(l3, "label"), "Specialist");
  assert_string_equal(rt_attr(start, "style"), "invis");
  assert_non_null(agedge(d.ag, l1, l3, NULL, 0));
  assert_non_null(agedge(d.ag, l5, end, NULL, 0));
  /* b (level 3) sits between the anchors of levels 1 and 5; u (no level) has only its
   * move. */
  assert_non_null(agedge(d.ag, l1, d.nodes[b], NULL, 0));
  assert_non_null(agedge(d.ag, d.nodes[b], l5, NULL, 0));
  for (Agedge_t *x = agfstedge(d.ag, d.nodes[u]); x; x = agnxtedge(d.ag, x, d.nodes[u]))
    assert_true(agtail(x) == d.nodes[a] || aghead(x) == d.nodes[a]);
  cp_render_drawing_free(&d);
  /* Force-directed layouts have no columns. */
  o.layout = "sfdp";
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  assert_null(rt_node_by_id(d.ag, "level_1"));
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

/* In each domain's box, every role of a level is joined to every role of the next level
 * present (invisibly, weight 0), unless a move joins them already, or there are too many. */
static void levels_ordered_inside_domains(void **state) {
  (void)state;
  cp_graph *g = rt_graph("boxes");
  size_t u1 = rt_role(g, "u1", "x", 1), u2 = rt_role(g, "u2", "x", 1);
  size_t v = rt_role(g, "v", "x", 4), w = rt_role(g, "w", "y", 2);
  rt_move(g, v, u2, 1, NULL);
  for (int i = 0; i < 21; i++) { /* 21 x 20 pairs in domain z */
    char id[16];
    snprintf(id, sizeof id, "p%d", i);
    rt_role(g, id, "z", 1);
    snprintf(id, sizeof id, "q%d", i);
    if (i < 20)
      rt_role(g, id, "z", 2);
  }
  cp_render_options o = {0};
  cp_drawing d;
  cp_error e = {0};
  assert_int_equal(rt_build(&d, g, &o, &e), CP_OK);
  Agedge_t *join = agedge(d.ag, d.nodes[u1], d.nodes[v], NULL, 0);
  assert_non_null(join);
  assert_non_null(agsubedge(d.clusters[cp_render_domain_index(&d, "x")], join, 0));
  assert_string_equal(rt_attr(join, "style"), "invis");
  assert_string_equal(rt_attr(join, "weight"), "0");
  assert_string_equal(rt_attr(join, "minlen"), "2"); /* columns of levels 1, 2, 4 */
  /* The move v>u2 (laid out u2 to v: down the levels) joins them already. */
  assert_string_equal(rt_attr(agedge(d.ag, d.nodes[u2], d.nodes[v], NULL, 0), "id"), "edge_0");
  assert_null(agedge(d.ag, d.nodes[w], d.nodes[v], NULL, 0)); /* another domain */
  size_t p0;
  assert_int_equal(cp_graph_role_index(g, "p0", &p0), CP_OK);
  for (Agedge_t *x = agfstout(d.ag, d.nodes[p0]); x; x = agnxtout(d.ag, x))
    assert_true(strncmp(rt_attr(aghead(x), "id"), "level_", 6) == 0);
  cp_render_drawing_free(&d);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(columns_are_the_levels_present),
      cmocka_unit_test(minimum_lengths_and_anchors),
      cmocka_unit_test(levels_ordered_inside_domains),
  };
  return CP_RUN(tests, argc, argv);
}
