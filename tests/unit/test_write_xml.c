/* test_write_xml.c: GraphML from write_graph.c read back by igraph's own GraphML reader. */
#include "cp_test.h"

#include <igraph.h>
#include <math.h>

/* Writes `g` as GraphML and reads it with igraph_read_graph_graphml (attributes kept by
 * igraph's C attribute handler, installed in main for the whole run: igraph_destroy frees
 * the attributes only through the handler that made them). */
static void read_back(const cp_graph *g, igraph_t *ig) {
  char *text = NULL;
  size_t len = 0;
  cp_error e = {0};
  assert_int_equal(cp_write_graph_graphml(g, &text, &len, &e), CP_OK);
  FILE *f = fmemopen(text, len, "r");
  assert_non_null(f);
  assert_int_equal(igraph_read_graph_graphml(ig, f, 0), IGRAPH_SUCCESS);
  fclose(f);
  free(text);
}

/* A transition's attribute as a number (NAN when absent). */
static double attr_number(const cp_transition *t, const char *key) {
  for (size_t i = 0; i < t->n_attrs; i++)
    if (!strcmp(t->attrs[i].key, key))
      return strtod(t->attrs[i].value, NULL);
  return NAN;
}

static igraph_integer_t vertex(const igraph_t *ig, const char *id) {
  for (igraph_integer_t v = 0; v < igraph_vcount(ig); v++)
    if (!strcmp(VAS(ig, "id", v), id))
      return v;
  fail_msg("no vertex '%s'", id);
  return -1;
}

/* Glass's table: 5 roles, 25 cells, each count the same number in igraph. */
static void glass_reads_back_in_igraph(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_read_graph(CP_SOURCE_DIR "/data/mobility-tables/glass54.csv", NULL, &g, &e),
                   CP_OK);
  igraph_t ig;
  read_back(g, &ig);
  assert_true(igraph_is_directed(&ig));
  assert_int_equal(igraph_vcount(&ig), cp_graph_role_count(g));
  assert_int_equal(igraph_ecount(&ig), cp_graph_transition_count(g));
  double total = 0;
  for (igraph_integer_t i = 0; i < igraph_ecount(&ig); i++) {
    igraph_integer_t from = IGRAPH_FROM(&ig, i), to = IGRAPH_TO(&ig, i);
    const cp_transition *t = cp_graph_transition(g, (size_t)i);
    assert_int_equal(from, vertex(&ig, cp_graph_role(g, t->from)->id));
    assert_int_equal(to, vertex(&ig, cp_graph_role(g, t->to)->id));
    double count = EAN(&ig, "count", i);
    assert_true(fabs(count - attr_number(t, "count")) < 1e-12);
    total += count;
  }
  assert_true(fabs(total - 3500) < 1e-9);
  igraph_destroy(&ig);
  cp_graph_free(g);
}

/* The built-in graph: levels stay numbers, labels and months come back. */
static void builtin_reads_back_in_igraph(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_builtin_graph(&g, &e), CP_OK);
  igraph_t ig;
  read_back(g, &ig);
  assert_int_equal(igraph_vcount(&ig), cp_graph_role_count(g));
  assert_int_equal(igraph_ecount(&ig), cp_graph_transition_count(g));
  for (size_t r = 0; r < cp_graph_role_count(g); r++) {
    const cp_role *role = cp_graph_role(g, r);
    igraph_integer_t v = vertex(&ig, role->id);
    assert_string_equal(VAS(&ig, "label", v), role->label);
    if (role->level)
      assert_int_equal((long)VAN(&ig, "level", v), role->level);
  }
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    if (t->has & CP_HAS_MONTHS)
      assert_true(fabs(EAN(&ig, "months", (igraph_integer_t)i) - t->months) < 1e-9);
  }
  igraph_destroy(&ig);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  cp_init();
  igraph_set_attribute_table(&igraph_cattribute_table);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(glass_reads_back_in_igraph),
      cmocka_unit_test(builtin_reads_back_in_igraph),
  };
  return CP_RUN(tests, argc, argv);
}
