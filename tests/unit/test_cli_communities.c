/* test_cli_communities.c: `careerpath communities` in-process (cmd_communities.c); -o. */
#include "cli_test.h"

#include <jansson.h>

/* Every role in exactly one community, numbered from 1, largest first; the same clusters in
 * every format. */
static void communities_partition_the_roles(void **state) {
  (void)state;
  run_result *r = run("communities", "--format", "json");
  assert_int_equal(r->code, 0);
  json_t *o = json_loads(r->out, 0, NULL);
  assert_non_null(o);
  json_t *list = json_object_get(o, "communities");
  size_t total = 0, previous = SIZE_MAX;
  for (size_t i = 0; i < json_array_size(list); i++) {
    json_t *c = json_array_get(list, i);
    size_t size = (size_t)json_integer_value(json_object_get(c, "size"));
    assert_int_equal(json_integer_value(json_object_get(c, "community")), (json_int_t)i + 1);
    assert_true(size <= previous);
    previous = size;
    total += size;
  }
  assert_int_equal(total, 29);
  assert_string_equal(json_string_value(json_object_get(o, "method")), "leiden");
  json_decref(o);
  r = run("communities", "--format", "csv", "--method", "louvain");
  assert_int_equal(r->code, 0);
  size_t lines = 0;
  for (const char *p = r->out; (p = strchr(p, '\n')); p++)
    lines++;
  assert_int_equal(lines, 30);
  r = run("communities", "--method", "spectral");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "unknown method 'spectral' (choose leiden or louvain)");
}

static void communities_writes_with_o(void **state) {
  (void)state;
  check_output_option(0, "txt", "communities");
  check_output_option(0, "csv", "communities", "--format", "csv", "--method", "louvain");
  check_output_option(0, "json", "communities", "--format", "json");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(communities_partition_the_roles),
      cmocka_unit_test(communities_writes_with_o),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
