/* test_igraph_view.c: the graph as igraph sees it: every transition, or the moves. */
#include "cp_test.h"

#include <igraph.h>
#include <math.h>

/* a>b twice (parallel), b>a, b>b (a stay), a>c with no flow, c>a. */
static cp_graph *flows(void) {
  const char *t = "from,to,months,count\na,b,1,3\na,b,2,4\nb,a,5,1\nb,b,1,9\na,c,1,0\nc,a,1,2\n";
  cp_graph *g = cp_test_csv(t);
  return g;
}

static void every_transition_is_an_edge_of_its_own(void **state) {
  (void)state;
  cp_graph *g = flows();
  igraph_t ig;
  igraph_vector_t w;
  assert_int_equal(cp_igraph_transitions(g, &ig, NULL, "test"), CP_OK);
  assert_int_equal(igraph_vcount(&ig), 3);
  assert_int_equal(igraph_ecount(&ig), 6);
  assert_true(igraph_is_directed(&ig));
  for (size_t i = 0; i < 6; i++) {
    igraph_integer_t from, to;
    igraph_edge(&ig, (igraph_integer_t)i, &from, &to);
    assert_int_equal(from, cp_graph_transition(g, i)->from);
    assert_int_equal(to, cp_graph_transition(g, i)->to);
  }
  assert_int_equal(cp_igraph_weights(g, CP_BY_MONTHS, &w, NULL, "test"), CP_OK);
  assert_true(VECTOR(w)[1] == 2 && VECTOR(w)[2] == 5);
  igraph_vector_destroy(&w);
  /* A criterion the graph lacks is NaN; steps are 1. */
  assert_int_equal(cp_igraph_weights(g, CP_BY_COST, &w, NULL, "test"), CP_OK);
  assert_true(isnan(VECTOR(w)[0]));
  igraph_vector_destroy(&w);
  assert_true(cp_transition_weight(cp_graph_transition(g, 0), CP_BY_STEPS) == 1);
  igraph_destroy(&ig);
  cp_graph_free(g);
}

static double flow_between(const cp_moves *m, igraph_integer_t a, igraph_integer_t b) {
  igraph_integer_t eid;
  if (igraph_get_eid(&m->ig, &eid, a, b, true, false) != IGRAPH_SUCCESS || eid < 0)
    return -1;
  return VECTOR(m->weight)[eid];
}

static void moves_merge_parallel_flows_and_leave_out_stays_and_empty_ones(void **state) {
  (void)state;
  cp_graph *g = flows();
  cp_moves m;
  assert_int_equal(cp_moves_make(g, false, &m, NULL), CP_OK);
  assert_int_equal(m.self_loops, 1);
  assert_int_equal(m.zero, 1);
  assert_int_equal(igraph_ecount(&m.ig), 3); /* a>b, b>a, c>a */
  assert_true(flow_between(&m, 0, 1) == 7);
  assert_true(flow_between(&m, 1, 0) == 1);
  assert_true(flow_between(&m, 2, 0) == 2);
  assert_true(flow_between(&m, 0, 2) == -1);
  cp_moves_free(&m);
  assert_int_equal(cp_moves_make(g, true, &m, NULL), CP_OK);
  assert_false(igraph_is_directed(&m.ig));
  assert_int_equal(igraph_ecount(&m.ig), 2); /* a-b with 8, a-c with 2 */
  assert_true(flow_between(&m, 1, 0) == 8);
  assert_true(flow_between(&m, 0, 2) == 2);
  cp_moves_free(&m);
  cp_moves_free(&m); /* twice is harmless */
  cp_graph_free(g);
}

static void without_a_flow_every_move_weighs_one(void **state) {
  (void)state;
  const char *t = "from,to,months\na,b,1\na,b,2\nb,c,1\n";
  cp_graph *g = cp_test_csv(t);
  cp_moves m;
  assert_int_equal(cp_moves_make(g, false, &m, NULL), CP_OK);
  assert_int_equal(igraph_ecount(&m.ig), 2);
  assert_true(flow_between(&m, 0, 1) == 2); /* two parallel moves of weight 1 */
  assert_true(flow_between(&m, 1, 2) == 1);
  cp_moves_free(&m);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_transition_is_an_edge_of_its_own),
      cmocka_unit_test(moves_merge_parallel_flows_and_leave_out_stays_and_empty_ones),
      cmocka_unit_test(without_a_flow_every_move_weighs_one),
  };
  return CP_RUN(tests, argc, argv);
}
