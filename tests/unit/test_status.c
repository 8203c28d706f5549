/* test_status.c: statuses, one-line messages, the igraph and cgraph error bridges, and the
 * room asked for before work is handed to libraries that crash without it. */
#include "cp_test.h"

#include <igraph.h>

/* igraph's default handler aborts the program; after cp_init a failing igraph call returns
 * its code, and cp_from_igraph turns it into a status carrying igraph's reason. */
static void igraph_errors_return_instead_of_aborting(void **state) {
  (void)state;
  cp_init();
  igraph_t g;
  assert_int_equal(igraph_empty(&g, 3, IGRAPH_DIRECTED), IGRAPH_SUCCESS);
  igraph_vector_int_t path;
  igraph_vector_int_init(&path, 0);
  igraph_error_t rc = igraph_get_shortest_path(&g, &path, NULL, 0, 99, IGRAPH_OUT);
  assert_int_not_equal(rc, IGRAPH_SUCCESS);
  cp_error e = {0};
  assert_int_equal(cp_from_igraph(rc, &e, "test"), CP_EGRAPH);
  assert_contains(e.message, "test: ");
  assert_true(strlen(e.message) > strlen("test: "));
  assert_int_equal(cp_from_igraph(IGRAPH_SUCCESS, &e, "test"), CP_OK);
  igraph_vector_int_destroy(&path);
  igraph_destroy(&g);
}

static void strerror_covers_every_status(void **state) {
  (void)state;
  for (int s = 0; s < CP_STATUS_COUNT; s++) {
    const char *m = cp_strerror((cp_status)s);
    assert_non_null(m);
    assert_true(strlen(m) > 3);
  }
  assert_string_equal(cp_strerror((cp_status)999), "unknown status");
}

/* Messages are one line, cut to fit, and the status comes back for `return cp_fail(...)`. */
static void failures_carry_one_line(void **state) {
  (void)state;
  cp_error e = {0};
  assert_int_equal(cp_fail(&e, CP_EINVAL, "bad %s\nvalue\r%d", "x", 7), CP_EINVAL);
  assert_int_equal(e.status, CP_EINVAL);
  assert_string_equal(e.message, "bad x value 7");
  assert_int_equal(cp_fail(NULL, CP_EIO, "ignored"), CP_EIO);
  char long_text[3000];
  memset(long_text, 'a', sizeof long_text - 1);
  long_text[sizeof long_text - 1] = '\0';
  cp_fail(&e, CP_EPARSE, "%s", long_text);
  assert_int_equal(strlen(e.message), CP_ERROR_MESSAGE_MAX - 1);
}

/* AddressSanitizer aborts on an allocation past its largest (by design) instead of failing
 * it, so the refused one is asked for only without it. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Room is asked for before handing work to libraries that do not survive running out. */
static void room_is_asked_for_first(void **state) {
  (void)state;
  assert_true(cp_memory_available(1 << 20));
#ifndef UNDER_ASAN
  assert_false(cp_memory_available(SIZE_MAX / 2));
#endif
  cp_graph *g = cp_test_load("small.gv");
  assert_int_equal(cp_igraph_room(g, NULL, "test"), CP_OK);
  cp_graph_free(g);
}

/* What cgraph reports is handed over once, then cleared. */
static void cgraph_messages_are_taken_once(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_read_dot_buffer("t.gv", "digraph { a -> ", 15, &g, &e), CP_EPARSE);
  assert_contains(e.message, "DOT syntax error"); /* what cgraph said, taken into the message */
  assert_string_equal(cp_cgraph_take_message(), "");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(igraph_errors_return_instead_of_aborting),
      cmocka_unit_test(strerror_covers_every_status),
      cmocka_unit_test(failures_carry_one_line),
      cmocka_unit_test(room_is_asked_for_first),
      cmocka_unit_test(cgraph_messages_are_taken_once),
  };
  return CP_RUN(tests, argc, argv);
}
