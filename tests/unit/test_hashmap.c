/* test_hashmap.c: the string and 64-bit hash maps over one open-addressing core. */
#include "cp_test.h"

static void strmap_finds_every_key_and_reports_duplicates(void **state) {
  (void)state;
  cp_strmap m;
  cp_strmap_init(&m);
  enum { N = 5000 };
  static char keys[N][16];
  for (size_t i = 0; i < N; i++) {
    snprintf(keys[i], sizeof keys[i], "role-%zu", i);
    bool existing;
    assert_int_equal(cp_strmap_put(&m, keys[i], i, &existing, NULL), CP_OK);
    assert_false(existing);
  }
  for (size_t i = 0; i < N; i++) {
    size_t v = 0;
    assert_true(cp_strmap_get(&m, keys[i], &v));
    assert_int_equal(v, i);
  }
  size_t v;
  assert_false(cp_strmap_get(&m, "role-x", &v));
  bool existing;
  size_t old = 0;
  assert_int_equal(cp_strmap_put(&m, keys[42], 7, &existing, &old), CP_OK);
  assert_true(existing);
  assert_int_equal(old, 42);
  cp_strmap_destroy(&m);
}

/* Keys equal as strings are one key whatever their address; an empty map finds nothing. */
static void strmap_compares_keys_by_content(void **state) {
  (void)state;
  cp_strmap m;
  cp_strmap_init(&m);
  size_t v;
  assert_false(cp_strmap_get(&m, "a", &v));
  char one[] = "nurse", two[] = "nurse";
  bool existing;
  assert_int_equal(cp_strmap_put(&m, one, 1, &existing, NULL), CP_OK);
  assert_int_equal(cp_strmap_put(&m, two, 2, &existing, NULL), CP_OK);
  assert_true(existing);
  assert_true(cp_strmap_get(&m, "nurse", &v));
  assert_int_equal(v, 1);
  assert_false(cp_strmap_get(&m, "Nurse", &v)); /* exact, case-sensitive */
  cp_strmap_destroy(&m);
  cp_strmap_destroy(&m); /* twice is harmless */
}

static void u64map_counts_every_key_through_growth(void **state) {
  (void)state;
  cp_u64map m;
  cp_u64map_init(&m);
  enum { N = 20000 };
  /* Keys shaped like the mobility build's (owner << 24 | duration), 0 included. */
  for (int round = 0; round < 3; round++)
    for (uint64_t i = 0; i < N; i++) {
      bool made;
      uint64_t *v = cp_u64map_at(&m, (i % 100) << 24 | i / 100, &made);
      assert_non_null(v);
      assert_int_equal(made, round == 0);
      assert_int_equal(*v, (uint64_t)round);
      ++*v;
    }
  assert_int_equal(m.h.count, N);
  uint64_t seen = 0, sum = 0;
  for (size_t s = 0; s < m.h.cap; s++) {
    uint64_t key, value;
    if (!cp_u64map_entry(&m, s, &key, &value))
      continue;
    assert_true((key >> 24) < 100 && (key & 0xFFFFFF) < N / 100);
    seen++;
    sum += value;
  }
  assert_int_equal(seen, N);
  assert_int_equal(sum, 3 * N);
  bool made;
  uint64_t *big = cp_u64map_at(&m, UINT64_MAX - 1, &made);
  assert_true(made && *big == 0);
  cp_u64map_destroy(&m);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(strmap_finds_every_key_and_reports_duplicates),
      cmocka_unit_test(strmap_compares_keys_by_content),
      cmocka_unit_test(u64map_counts_every_key_through_growth),
  };
  return CP_RUN(tests, argc, argv);
}
