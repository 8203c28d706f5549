/* cp_test.h: includes and small helpers shared by the cmocka suites. */
#ifndef CP_TEST_H
#define CP_TEST_H

/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "careerpath.h"
#include "internal.h"

/* Asserts that `haystack` contains `needle`, printing both when it does not. */
#define assert_contains(haystack, needle)                                                          \
  do {                                                                                             \
    const char *h_ = (haystack), *n_ = (needle);                                                   \
    if (!h_ || !strstr(h_, n_))                                                                    \
      fail_msg("expected \"%s\" in \"%s\"", n_, h_ ? h_ : "(null)");                               \
  } while (0)

/* cmocka teardown for a test that lowered the limits (cp_limits_set): careerpath.h's again,
 * even when the test failed half way. */
static inline int cp_test_restore_limits(void **state) {
  (void)state;
  cp_limits_set(NULL);
  return 0;
}

static inline cp_graph *cp_test_load(const char *relative) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", CP_TEST_DATA, relative);
  cp_graph *g = NULL;
  cp_error e = {0};
  cp_status st = cp_read_graph(path, NULL, &g, &e);
  if (st != CP_OK)
    fail_msg("loading %s: %s", path, e.message);
  return g;
}

/* A graph from DOT text, named t.gv in messages. */
static inline cp_graph *cp_test_dot(const char *text) {
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_read_dot_buffer("t.gv", text, strlen(text), &g, &e) != CP_OK)
    fail_msg("t.gv: %s", e.message);
  return g;
}

#define assert_near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* A graph from transitions CSV text, named t.csv in messages. */
static inline cp_graph *cp_test_csv(const char *transitions) {
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_read_csv_buffers("t.csv", transitions, strlen(transitions), NULL, NULL, 0, &g, &e))
    fail_msg("t.csv: %s", e.message);
  return g;
}

static inline cp_router *cp_test_router(const cp_graph *g) {
  cp_router *r = NULL;
  if (cp_router_new(g, &r, NULL) != CP_OK)
    fail_msg("no router");
  return r;
}

/* Systems Analyst (sa, systems, level 2) and two clinical roles at level 3: Clinical
 * Informaticist (ci) and Nurse Informaticist (ni); no transitions. */
static inline cp_graph *cp_test_three_roles(void) {
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

static inline size_t cp_test_role(const cp_graph *g, const char *id) {
  size_t i = 0;
  if (cp_graph_role_index(g, id, &i) != CP_OK)
    fail_msg("no role '%s'", id);
  return i;
}

/* The k best routes from `from` to `to` by `by`, asked as everyone asks (a router and
 * cp_route_search); the status of the call in *st when `st` is not NULL, else a failure
 * fails the test. NULL when the call failed. */
static inline cp_route_list *cp_test_routes_st(const cp_graph *g, size_t from, size_t to,
                                               cp_criterion by, size_t k, cp_status *st,
                                               cp_error *err) {
  cp_router *r = NULL;
  cp_route_list *l = NULL;
  cp_error e = {0};
  cp_status s = cp_router_new(g, &r, &e);
  if (s == CP_OK) {
    cp_query q;
    cp_query_init(&q, from, to, by);
    q.k = k;
    s = cp_route_search(r, &q, &l, &e);
  }
  cp_router_free(r);
  if (err)
    *err = e;
  if (st)
    *st = s;
  else if (s != CP_OK)
    fail_msg("routes %zu -> %zu: %s", from, to, e.message);
  return l;
}

static inline cp_route_list *cp_test_routes(const cp_graph *g, size_t from, size_t to,
                                            cp_criterion by, size_t k) {
  return cp_test_routes_st(g, from, to, by, k, NULL, NULL);
}

/* The built-in graph, or the test fails. */
static inline cp_graph *cp_test_builtin(void) {
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_builtin_graph(&g, &e) != CP_OK)
    fail_msg("built-in graph: %s", e.message);
  return g;
}

/* Runs the group, honouring a test-name filter given as the first argument. */
#define CP_RUN(tests, argc, argv)                                                                  \
  ((argc) > 1 ? cmocka_set_test_filter((argv)[1]) : (void)0,                                       \
   cmocka_run_group_tests(tests, NULL, NULL))

#endif
