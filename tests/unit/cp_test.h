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

static inline size_t cp_test_role(const cp_graph *g, const char *id) {
  size_t i = 0;
  if (cp_graph_role_index(g, id, &i) != CP_OK)
    fail_msg("no role '%s'", id);
  return i;
}

/* Runs the group, honouring a test-name filter given as the first argument. */
#define CP_RUN(tests, argc, argv)                                                                  \
  ((argc) > 1 ? cmocka_set_test_filter((argv)[1]) : (void)0,                                       \
   cmocka_run_group_tests(tests, NULL, NULL))

#endif
