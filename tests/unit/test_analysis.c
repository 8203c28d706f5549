/* test_analysis.c: structural summaries, neighbourhoods and gateway roles. */
#include "cp_test.h"

/* small.gv: a enters (nothing leads in), e is a dead end, z stands alone; every role but z
 * is reached from a; domains d1 (a, b), d2 (c, d), d3 (e, z). */
static void summaries_find_entries_dead_ends_and_the_unreachable(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_summary *s = NULL;
  assert_int_equal(cp_graph_summarize(g, &s, NULL), CP_OK);
  assert_int_equal(s->n_roles, 6);
  assert_int_equal(s->n_transitions, 6);
  assert_int_equal(s->n_entries, 1);
  assert_int_equal(s->entries[0], cp_test_role(g, "a"));
  assert_int_equal(s->n_dead_ends, 1);
  assert_int_equal(s->dead_ends[0], cp_test_role(g, "e"));
  assert_int_equal(s->n_isolated, 1);
  assert_int_equal(s->isolated[0], cp_test_role(g, "z"));
  assert_int_equal(s->n_unreachable, 0);
  assert_int_equal(s->n_domains, 3);
  assert_string_equal(s->domains[2], "d3");
  assert_int_equal(s->domain_roles[2], 2);
  assert_int_equal(s->missing[CP_BY_MONTHS], 0);
  assert_int_equal(s->unsourced, 0);
  cp_summary_free(s);
  cp_graph_free(g);
  /* A cycle no entry reaches is unreachable; figures and sources missing are counted. */
  g = cp_test_csv("from,to,months,source\na,b,1,x\nc,d,,\nd,c,2,y\n");
  assert_int_equal(cp_graph_summarize(g, &s, NULL), CP_OK);
  assert_int_equal(s->n_entries, 1);
  assert_int_equal(s->n_unreachable, 2);
  assert_int_equal(s->unreachable[0], cp_test_role(g, "c"));
  assert_int_equal(s->missing[CP_BY_MONTHS], 1);
  assert_int_equal(s->missing[CP_BY_COST], 3);
  assert_int_equal(s->unsourced, 1);
  cp_summary_free(s);
  cp_summary_free(NULL);
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
      cmocka_unit_test(summaries_find_entries_dead_ends_and_the_unreachable),
      cmocka_unit_test(neighbourhoods_follow_moves_both_ways),
      cmocka_unit_test(the_top_roles_are_the_gateways),
  };
  return CP_RUN(tests, argc, argv);
}
