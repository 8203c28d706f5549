/* test_mobility_partial.c: partial builds merged equal one build, byte for byte; partial
 * files checked. */
#include "cp_test.h"

#include <xxhash.h>

enum { MAX_SHARDS = 8 };

/* Histories split by a hash of the person (every row of a person in one shard), each shard
 * with the header and an origin column first (h.csv:LINE), as scripts/careerpath-dask splits
 * them. */
typedef struct shards {
  cp_buf text[MAX_SHARDS];
  size_t n;
} shards;

static void split(const char *text, size_t n, uint64_t salt, shards *out) {
  memset(out, 0, sizeof *out);
  out->n = n;
  const char *nl = strchr(text, '\n');
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(cp_buf_puts(&out->text[i], "cp_origin,"), CP_OK);
    assert_int_equal(cp_buf_append(&out->text[i], text, (size_t)(nl - text) + 1), CP_OK);
  }
  size_t line = 2;
  for (const char *p = nl + 1; *p; line++) {
    const char *end = strchr(p, '\n');
    size_t len = end ? (size_t)(end - p) + 1 : strlen(p);
    const char *comma = memchr(p, ',', len);
    size_t id_len = comma ? (size_t)(comma - p) : len;
    size_t to = (size_t)(XXH3_64bits_withSeed(p, id_len, salt) % n);
    assert_int_equal(cp_buf_printf(&out->text[to], "h.csv:%zu,", line), CP_OK);
    assert_int_equal(cp_buf_append(&out->text[to], p, len), CP_OK);
    p += len;
  }
}

static void shards_free(shards *s) {
  for (size_t i = 0; i < s->n; i++)
    cp_buf_free(&s->text[i]);
}

static char *partial_of(const char *name, const cp_buf *text, const cp_mobility_options *o,
                        size_t *len) {
  FILE *f = fmemopen((void *)text->data, text->len, "r");
  assert_non_null(f);
  char *out = NULL;
  cp_error e = {0};
  cp_status st = cp_mobility_build_partial_stream(name, f, o, &out, len, &e);
  fclose(f);
  if (st)
    fail_msg("partial of %s: %s", name, e.message);
  return out;
}

/* CSV transitions, roles and DOT of a result, concatenated: what must be equal. */
static char *outputs(const cp_mobility *m) {
  char *t, *r, *d;
  size_t lt, lr, ld;
  assert_int_equal(cp_mobility_write_csv(m, &t, &lt, &r, &lr, NULL), CP_OK);
  assert_int_equal(cp_mobility_write_dot(m, &d, &ld, NULL), CP_OK);
  cp_buf b = {0};
  assert_int_equal(cp_buf_printf(&b, "%s--\n%s--\n%s", t, r, d), CP_OK);
  free(t);
  free(r);
  free(d);
  return b.data;
}

static char *whole_build(const char *text, const cp_mobility_options *o, cp_mobility **keep) {
  FILE *f = fmemopen((void *)text, strlen(text), "r");
  cp_mobility *m = NULL;
  cp_error e = {0};
  if (cp_mobility_build_stream("h.csv", f, o, &m, &e))
    fail_msg("%s", e.message);
  fclose(f);
  char *out = outputs(m);
  *keep = m;
  return out;
}

/* Merges the shards' partials, the i-th added in position order[i]. */
static cp_mobility *merge_parts(char **parts, const size_t *lens, const size_t *order, size_t n,
                                size_t min_people) {
  cp_mobility_merge *mg = NULL;
  cp_error e = {0};
  assert_int_equal(cp_mobility_merge_new(&mg, &e), CP_OK);
  for (size_t i = 0; i < n; i++)
    if (cp_mobility_merge_add(mg, "p", parts[order[i]], lens[order[i]], &e))
      fail_msg("%s", e.message);
  cp_mobility *m = NULL;
  assert_int_equal(cp_mobility_merge_finish(mg, min_people, &m, &e), CP_OK);
  cp_mobility_merge_free(mg);
  return m;
}

static void check_equal_per(const char *text, size_t n_shards, size_t min_people,
                            size_t memory_rows, cp_period period) {
  cp_mobility_options o = {.min_people = min_people, .memory_rows = memory_rows, .period = period};
  cp_mobility *whole;
  char *want = whole_build(text, &o, &whole);
  o.origin_column = "cp_origin";
  shards s;
  split(text, n_shards, min_people * 31 + n_shards, &s);
  char *parts[MAX_SHARDS];
  size_t lens[MAX_SHARDS], forward[MAX_SHARDS], backward[MAX_SHARDS];
  for (size_t i = 0; i < n_shards; i++) {
    parts[i] = partial_of("shard.csv", &s.text[i], &o, &lens[i]);
    forward[i] = i;
    backward[i] = n_shards - 1 - i;
  }
  const size_t *orders[] = {forward, backward};
  for (size_t k = 0; k < 2; k++) {
    cp_mobility *m = merge_parts(parts, lens, orders[k], n_shards, min_people);
    char *got = outputs(m);
    assert_string_equal(got, want);
    assert_int_equal(m->rows, whole->rows);
    assert_int_equal(m->bad_rows, whole->bad_rows);
    assert_int_equal(m->people, whole->people);
    assert_int_equal(m->suppressed_moves, whole->suppressed_moves);
    assert_int_equal(m->period, whole->period);
    assert_int_equal(m->period_stays, whole->period_stays);
    assert_int_equal(m->period_moves, whole->period_moves);
    assert_int_equal(m->n_bad_listed, whole->n_bad_listed);
    for (size_t i = 0; i < m->n_bad_listed; i++)
      assert_string_equal(m->bad_listed[i], whole->bad_listed[i]);
    free(got);
    cp_mobility_free(m);
  }
  /* A tree: the first half and the rest merged into partials, then those two merged. */
  char *halves[2];
  size_t half_lens[2], pair[2] = {1, 0};
  for (size_t h = 0; h < 2; h++) {
    cp_mobility_merge *mg = NULL;
    cp_error e = {0};
    assert_int_equal(cp_mobility_merge_new(&mg, &e), CP_OK);
    for (size_t i = h ? n_shards / 2 : 0; i < (h ? n_shards : n_shards / 2); i++)
      assert_int_equal(cp_mobility_merge_add(mg, "p", parts[i], lens[i], &e), CP_OK);
    cp_status st = cp_mobility_merge_write_partial(mg, &halves[h], &half_lens[h], &e);
    cp_mobility_merge_free(mg);
    if (st) { /* an empty half: the other is the whole */
      assert_int_equal(st, CP_EINVAL);
      halves[h] = malloc(1);
      half_lens[h] = 0;
    }
  }
  bool both = half_lens[0] && half_lens[1];
  size_t only = half_lens[0] ? 0 : 1;
  cp_mobility *tree = merge_parts(halves, half_lens, both ? pair : &only, both ? 2 : 1, min_people);
  char *got = outputs(tree);
  assert_string_equal(got, want);
  assert_int_equal(tree->n_bad_listed, whole->n_bad_listed);
  for (size_t i = 0; i < tree->n_bad_listed; i++)
    assert_string_equal(tree->bad_listed[i], whole->bad_listed[i]);
  free(got);
  cp_mobility_free(tree);
  free(halves[0]);
  free(halves[1]);
  for (size_t i = 0; i < n_shards; i++)
    free(parts[i]);
  shards_free(&s);
  free(want);
  cp_mobility_free(whole);
}

static char *sample(void) {
  char *text = NULL;
  size_t len;
  cp_error e = {0};
  if (cp_read_file(CP_SOURCE_DIR "/data/sample-histories.csv", &text, &len, &e))
    fail_msg("%s", e.message);
  return text;
}

/* The acceptance: any split, any order, merged at once or in a tree, K = 1 and 5, with and
 * without spilling. */
static void check_equal(const char *text, size_t n_shards, size_t min_people, size_t memory_rows) {
  check_equal_per(text, n_shards, min_people, memory_rows, CP_PERIOD_NONE);
}

static void merged_equals_one_build(void **state) {
  (void)state;
  char *text = sample();
  const size_t shard_counts[] = {1, 2, 3, 8};
  for (size_t i = 0; i < 4; i++) {
    check_equal(text, shard_counts[i], 1, 0);
    check_equal(text, shard_counts[i], 5, 0);
  }
  check_equal(text, 5, 5, 7); /* every shard spills to temporary files */
  /* Chains per year and per month are carried by the partials. */
  check_equal_per(text, 3, 1, 0, CP_PERIOD_YEAR);
  check_equal_per(text, 4, 5, 0, CP_PERIOD_MONTH);
  free(text);
}

/* Seq histories, and a threshold that suppresses in one shard what the whole keeps: a move
 * made by one person in each of two shards is made by two. */
static void suppression_is_applied_to_the_whole(void **state) {
  (void)state;
  const char *text = "person,role,seq\n"
                     "a,X,1\na,Y,2\nb,X,1\nb,Y,2\nc,X,1\nc,Z,2\n";
  for (size_t n = 1; n <= 3; n++)
    check_equal(text, n, 2, 0);
  cp_mobility_options o = {.min_people = 2};
  cp_mobility *whole;
  char *want = whole_build(text, &o, &whole);
  assert_int_equal(whole->n_transitions, 1); /* X->Y, by a and b */
  free(want);
  cp_mobility_free(whole);
}

/* More than CP_MOBILITY_BAD_LISTED bad rows over several shards: the merge lists the same
 * first ones as one build. */
static void bad_rows_listed_in_file_order(void **state) {
  (void)state;
  cp_buf b = {0};
  assert_int_equal(cp_buf_puts(&b, "person,role,start\n"), CP_OK);
  for (int i = 0; i < 40; i++)
    assert_int_equal(
        cp_buf_printf(&b, i % 3 ? "p%d,R%d,2010-0%d\n" : "p%d,R%d,bad%d\n", i, i % 4, 1 + i % 9),
        CP_OK);
  for (size_t n = 2; n <= 5; n++)
    check_equal(b.data, n, 1, 0);
  cp_mobility_options o = {.min_people = 1, .origin_column = "cp_origin"};
  shards s;
  split(b.data, 4, 9, &s);
  char *parts[4];
  size_t lens[4], order[4] = {3, 1, 0, 2};
  for (size_t i = 0; i < 4; i++)
    parts[i] = partial_of("h.csv", &s.text[i], &o, &lens[i]);
  cp_mobility *m = merge_parts(parts, lens, order, 4, 1);
  assert_int_equal(m->bad_rows, 14);
  assert_int_equal(m->n_bad_listed, CP_MOBILITY_BAD_LISTED);
  assert_string_equal(m->bad_listed[0], "h.csv:2: start 'bad1' is not a date (YYYY, YYYY-MM or "
                                        "YYYY-MM-DD)");
  assert_contains(m->bad_listed[9], "h.csv:29: "); /* row i = 27 */
  for (size_t i = 0; i < 4; i++)
    free(parts[i]);
  cp_mobility_free(m);
  shards_free(&s);
  cp_buf_free(&b);
}

/* A shard written with an origin column reports bad rows where they were in the input. */
static void origin_column_names_the_original_place(void **state) {
  (void)state;
  const char *shard = "cp_origin,person,role,start\n"
                      "in/a.csv:7,p1,A,2010-01\n"
                      "in/a.csv:9,p1,,2011-01\n"
                      "in/b.csv:1234,p2,A,2010-13\n"
                      "in/b.csv:1240,p2,A\n";
  cp_mobility_options o = {.min_people = 1, .origin_column = "cp_origin"};
  cp_buf text = {0};
  assert_int_equal(cp_buf_puts(&text, shard), CP_OK);
  size_t len;
  char *p = partial_of("shard-3.csv", &text, &o, &len);
  size_t order = 0;
  cp_mobility *m = merge_parts(&p, &len, &order, 1, 1);
  assert_int_equal(m->bad_rows, 3);
  assert_string_equal(m->bad_listed[0], "in/a.csv:9: missing role");
  assert_string_equal(m->bad_listed[1],
                      "in/b.csv:1234: start '2010-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  /* The field count is the input's: the origin column is not counted. */
  assert_string_equal(m->bad_listed[2], "in/b.csv:1240: 2 fields, but the header has 3");
  cp_mobility_free(m);
  free(p);
  /* A header without it is an error naming the column. */
  FILE *f = fmemopen((void *)"person,role,start\np,A,2010-01\n", 30, "r");
  char *out = NULL;
  cp_error e = {0};
  assert_int_equal(cp_mobility_build_partial_stream("s.csv", f, &o, &out, &len, &e), CP_EPARSE);
  assert_contains(e.message, "s.csv:1: header lacks the origin column 'cp_origin'");
  fclose(f);
  cp_buf_free(&text);
}

/* A tab-separated shard under other column names, read through a column map: the origin
 * column is found beside the mapped ones, and may not be read as one of them. */
static void origin_column_with_a_column_map(void **state) {
  (void)state;
  const char *shard = "cp_origin\tWorker\tocc\tfrom\n"
                      "in/a.tsv:7\tp1\tA\t2010-01\n"
                      "in/a.tsv:9\tp1\tB\t2010-13\n";
  cp_column_map *map = NULL;
  assert_int_equal(cp_column_map_parse("person=Worker,role=occ,start=from", &map, NULL), CP_OK);
  cp_mobility_options o = {.min_people = 1, .origin_column = "cp_origin", .columns = map};
  cp_buf text = {0};
  assert_int_equal(cp_buf_puts(&text, shard), CP_OK);
  size_t len;
  char *p = partial_of("shard-0.tsv", &text, &o, &len);
  size_t order = 0;
  cp_mobility *m = merge_parts(&p, &len, &order, 1, 1);
  assert_int_equal(m->rows, 2);
  assert_int_equal(m->bad_rows, 1);
  assert_string_equal(m->bad_listed[0],
                      "in/a.tsv:9: start '2010-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  cp_mobility_free(m);
  free(p);
  cp_column_map_free(map);
  /* The map reads the origin column as the person: refused, naming both. */
  assert_int_equal(cp_column_map_parse("person=cp_origin,role=occ,start=from", &map, NULL), CP_OK);
  o.columns = map;
  o.origin_column = "person";
  FILE *f = fmemopen((void *)text.data, text.len, "r");
  char *out = NULL;
  cp_error e = {0};
  assert_int_equal(cp_mobility_build_partial_stream("s.tsv", f, &o, &out, &len, &e), CP_EPARSE);
  assert_contains(e.message, "s.tsv:1: the origin column 'person' is read as 'person' too");
  assert_null(out);
  fclose(f);
  cp_column_map_free(map);
  cp_buf_free(&text);
}

static cp_status add_bytes(const char *data, size_t len, cp_error *e) {
  cp_mobility_merge *mg = NULL;
  assert_int_equal(cp_mobility_merge_new(&mg, e), CP_OK);
  cp_status st = cp_mobility_merge_add(mg, "x.cpp", data, len, e);
  cp_mobility_merge_free(mg);
  return st;
}

/* Every truncation, a flipped byte anywhere, another version and a foreign file are each a
 * one-line error naming the file. */
static void damaged_partials_are_refused(void **state) {
  (void)state;
  char *text = sample();
  cp_buf b = {0};
  assert_int_equal(cp_buf_puts(&b, text), CP_OK);
  cp_mobility_options o = {0};
  size_t len;
  char *p = partial_of("h.csv", &b, &o, &len);
  cp_error e = {0};
  assert_int_equal(add_bytes(p, len, &e), CP_OK);
  for (size_t cut = 0; cut < len; cut += 1 + cut / 50) {
    e.message[0] = '\0';
    assert_int_equal(add_bytes(p, cut, &e), CP_EPARSE);
    assert_contains(e.message, "x.cpp: ");
  }
  assert_int_equal(add_bytes(p, 100, &e), CP_EPARSE);
  assert_contains(e.message, "truncated");
  for (size_t at = 16; at < len; at += 1 + at / 20) {
    p[at] ^= 0x40;
    assert_int_equal(add_bytes(p, len, &e), CP_EPARSE);
    p[at] ^= 0x40;
  }
  p[40] ^= 1;
  assert_int_equal(add_bytes(p, len, &e), CP_EPARSE);
  assert_contains(e.message, "x.cpp: partial mobility file corrupted (checksum mismatch)");
  p[40] ^= 1;
  p[8] = 2;
  assert_int_equal(add_bytes(p, len, &e), CP_EPARSE);
  assert_contains(e.message, "format version 2; this careerpath reads version 1");
  assert_int_equal(add_bytes(text, strlen(text), &e), CP_EPARSE);
  assert_contains(e.message, "x.cpp: not a partial mobility file");
  free(p);
  free(text);
  cp_buf_free(&b);
}

/* Partials of dated and of seq histories do not mix; a merge of nothing is an error. */
static void mixed_kinds_and_empty_merges(void **state) {
  (void)state;
  cp_buf dated = {0}, seq = {0};
  assert_int_equal(cp_buf_puts(&dated, "person,role,start\np,A,2010-01\n"), CP_OK);
  assert_int_equal(cp_buf_puts(&seq, "person,role,seq\np,A,1\n"), CP_OK);
  cp_mobility_options o = {0};
  size_t l1, l2;
  char *p1 = partial_of("d.csv", &dated, &o, &l1), *p2 = partial_of("s.csv", &seq, &o, &l2);
  cp_mobility_merge *mg = NULL;
  cp_error e = {0};
  assert_int_equal(cp_mobility_merge_new(&mg, &e), CP_OK);
  cp_mobility *m = NULL;
  assert_int_equal(cp_mobility_merge_finish(mg, 1, &m, &e), CP_EINVAL);
  assert_contains(e.message, "no partials to merge");
  assert_int_equal(cp_mobility_merge_add(mg, "d.cpp", p1, l1, &e), CP_OK);
  assert_int_equal(cp_mobility_merge_add(mg, "s.cpp", p2, l2, &e), CP_EPARSE);
  assert_contains(e.message, "s.cpp: histories with seq, but the partials before it had start "
                             "dates");
  cp_mobility_merge_free(mg);
  /* A chain per year and the jump chain do not add up; people kept for resampling cannot go
   * into a partial; seq histories give no periods, in a shard as in one build. */
  cp_mobility_options year = {.period = CP_PERIOD_YEAR};
  char *p3 = partial_of("y.csv", &dated, &year, &l2);
  assert_int_equal(cp_mobility_merge_new(&mg, &e), CP_OK);
  assert_int_equal(cp_mobility_merge_add(mg, "d.cpp", p1, l1, &e), CP_OK);
  assert_int_equal(cp_mobility_merge_add(mg, "y.cpp", p3, l2, &e), CP_EPARSE);
  assert_contains(e.message, "y.cpp: built with --period year, but the partials before it with "
                             "moves (no --period)");
  cp_mobility_merge_free(mg);
  char *out = NULL;
  cp_mobility_options kept = {.keep_people = 1};
  FILE *f = fmemopen((void *)dated.data, dated.len, "r");
  assert_int_equal(cp_mobility_build_partial_stream("d.csv", f, &kept, &out, &l2, &e), CP_EINVAL);
  assert_contains(e.message, "keeps no people");
  fclose(f);
  f = fmemopen((void *)seq.data, seq.len, "r");
  assert_int_equal(cp_mobility_build_partial_stream("s.csv", f, &year, &out, &l2, &e), CP_EINVAL);
  assert_contains(e.message, "s.csv: a chain per period needs dated histories");
  assert_null(out);
  fclose(f);
  free(p1);
  free(p2);
  free(p3);
  cp_buf_free(&dated);
  cp_buf_free(&seq);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(merged_equals_one_build),
      cmocka_unit_test(suppression_is_applied_to_the_whole),
      cmocka_unit_test(bad_rows_listed_in_file_order),
      cmocka_unit_test(origin_column_names_the_original_place),
      cmocka_unit_test(origin_column_with_a_column_map),
      cmocka_unit_test(damaged_partials_are_refused),
      cmocka_unit_test(mixed_kinds_and_empty_merges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
