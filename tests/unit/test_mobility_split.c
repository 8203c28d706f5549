/* test_mobility_split.c: histories split by person: every row in exactly one shard, a
 * person's rows together, bad rows counted and kept, and the shards' partial builds merged
 * equal to one build, bad rows named at their original file:line. */
#include "cp_test.h"

#include <xxhash.h>

enum { MAX_SHARDS = 8 };

typedef struct split_out {
  char *text[MAX_SHARDS]; /* each shard, read back */
  size_t len[MAX_SHARDS], n;
  size_t rows, bad_rows, shard_rows[MAX_SHARDS];
} split_out;

/* Splits the inputs (name, text pairs) into n shards; the status of the first failure. */
static cp_status split_texts(const char *const *inputs, size_t n_inputs, size_t n, split_out *out,
                             cp_error *e) {
  memset(out, 0, sizeof *out);
  out->n = n;
  FILE *shard[MAX_SHARDS];
  for (size_t k = 0; k < n; k++)
    assert_non_null(shard[k] = tmpfile());
  cp_mobility_splitter *s = NULL;
  cp_status st = cp_mobility_splitter_new(n, shard, NULL, &s, e);
  for (size_t i = 0; i < n_inputs && !st; i++) {
    FILE *f = fmemopen((void *)inputs[2 * i + 1], strlen(inputs[2 * i + 1]), "r");
    st = cp_mobility_splitter_add(s, inputs[2 * i], f, e);
    fclose(f);
  }
  if (!st && !(st = cp_mobility_splitter_finish(s, e))) {
    cp_mobility_split_counts c = cp_mobility_splitter_counts(s);
    out->rows = c.rows;
    out->bad_rows = c.bad_rows;
    memcpy(out->shard_rows, c.shard, n * sizeof *c.shard);
  }
  for (size_t k = 0; k < n; k++) {
    long size = ftell(shard[k]);
    out->text[k] = calloc((size_t)size + 1, 1);
    rewind(shard[k]);
    out->len[k] = fread(out->text[k], 1, (size_t)size, shard[k]);
    fclose(shard[k]);
  }
  cp_mobility_splitter_free(s);
  return st;
}

static void split_free(split_out *o) {
  for (size_t k = 0; k < o->n; k++)
    free(o->text[k]);
}

static char *sample_with_bad_rows(void) {
  char *text = NULL;
  size_t len;
  cp_error e = {0};
  if (cp_read_file(CP_SOURCE_DIR "/data/sample-histories.csv", &text, &len, &e))
    fail_msg("%s", e.message);
  cp_buf b = {0};
  assert_int_equal(cp_buf_append(&b, text, len), CP_OK);
  /* A row short of fields, one with no person, a person with spaces around the id. */
  assert_int_equal(
      cp_buf_puts(&b, "P0000001,nurse\n,nurse,2001-01,\n\" P0000002 \",cmio,2020-01,\n"), CP_OK);
  free(text);
  return b.data;
}

static void shard_of_is_xxh3_of_the_trimmed_id(void **state) {
  (void)state;
  assert_int_equal(cp_mobility_shard_of("P1", 1), 0);
  assert_int_equal(cp_mobility_shard_of("P1", 0), 0);
  assert_int_equal(cp_mobility_shard_of(" P1\t", 7), cp_mobility_shard_of("P1", 7));
  assert_int_equal(cp_mobility_shard_of("P0000770", 1000), XXH3_64bits("P0000770", 8) % 1000);
  /* Stable across versions: a shard written today is the shard tomorrow. */
  assert_int_equal(XXH3_64bits("", 0), 0x2D06800538D394C2ull);
}

/* The origin line and person number of a shard row "h.csv:LINE,Pnnnnnnn,..." (the id may be
 * quoted with spaces around it); SIZE_MAX for a row with no person. */
static void row_of(const char *row, size_t *line, size_t *person) {
  *line = strtoul(strchr(row, ':') + 1, NULL, 10);
  const char *p = strchr(row, ',') + 1;
  p += strspn(p, "\" ");
  *person = *p == 'P' ? strtoul(p + 1, NULL, 10) : SIZE_MAX;
}

static void every_row_once_and_persons_together(void **state) {
  (void)state;
  char *text = sample_with_bad_rows();
  size_t lines = 0;
  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  const char *inputs[] = {"h.csv", text};
  split_out o;
  cp_error e = {0};
  assert_int_equal(split_texts(inputs, 1, 5, &o, &e), CP_OK);
  assert_int_equal(o.rows, lines - 1);
  assert_int_equal(o.bad_rows, 2);
  char *seen = calloc(lines + 1, 1);
  size_t owner[10000];
  for (size_t i = 0; i < 10000; i++)
    owner[i] = SIZE_MAX;
  size_t total = 0;
  for (size_t k = 0; k < 5; k++) {
    assert_memory_equal(o.text[k], "cp_origin,person,role,start,end\n", 32);
    size_t in_shard = 0;
    for (const char *r = strchr(o.text[k], '\n') + 1; *r; r = strchr(r, '\n') + 1, in_shard++) {
      size_t line, person;
      row_of(r, &line, &person);
      assert_true(line >= 2 && line <= lines && !seen[line]);
      seen[line] = 1;
      if (person == SIZE_MAX)
        continue;
      assert_true(person < 10000);
      assert_true(owner[person] == SIZE_MAX || owner[person] == k); /* a person in one shard */
      owner[person] = k;
    }
    assert_int_equal(in_shard, o.shard_rows[k]);
    total += in_shard;
  }
  assert_int_equal(total, lines - 1); /* the union of the shards is the input */
  free(seen);
  split_free(&o);
  free(text);
}

/* CSV transitions, roles and the bad rows listed: what must be equal. */
static char *outputs(const cp_mobility *m) {
  char *t, *r;
  size_t lt, lr;
  assert_int_equal(cp_mobility_write_csv(m, &t, &lt, &r, &lr, NULL), CP_OK);
  cp_buf b = {0};
  assert_int_equal(cp_buf_printf(&b, "%s--\n%s--\n%zu bad\n", t, r, m->bad_rows), CP_OK);
  for (size_t i = 0; i < m->n_bad_listed; i++)
    assert_int_equal(cp_buf_printf(&b, "%s\n", m->bad_listed[i]), CP_OK);
  free(t);
  free(r);
  return b.data;
}

static char *merged_build(const split_out *o, size_t min_people) {
  cp_mobility_options opt = {.origin_column = CP_MOBILITY_ORIGIN_COLUMN};
  cp_mobility_merge *mg = NULL;
  cp_error e = {0};
  assert_int_equal(cp_mobility_merge_new(&mg, &e), CP_OK);
  for (size_t k = 0; k < o->n; k++) {
    FILE *f = fmemopen(o->text[k], o->len[k], "r");
    char *part = NULL;
    size_t len;
    if (cp_mobility_build_partial_stream("shard.csv", f, &opt, &part, &len, &e))
      fail_msg("%s", e.message);
    fclose(f);
    assert_int_equal(cp_mobility_merge_add(mg, "p", part, len, &e), CP_OK);
    free(part);
  }
  cp_mobility *m = NULL;
  assert_int_equal(cp_mobility_merge_finish(mg, min_people, &m, &e), CP_OK);
  cp_mobility_merge_free(mg);
  char *out = outputs(m);
  cp_mobility_free(m);
  return out;
}

static void shards_built_and_merged_equal_one_build(void **state) {
  (void)state;
  char *text = sample_with_bad_rows();
  FILE *f = fmemopen(text, strlen(text), "r");
  cp_mobility_options opt = {.min_people = 5};
  cp_mobility *whole = NULL;
  cp_error e = {0};
  assert_int_equal(cp_mobility_build_stream("h.csv", f, &opt, &whole, &e), CP_OK);
  fclose(f);
  char *want = outputs(whole);
  const char *inputs[] = {"h.csv", text};
  for (size_t n = 1; n <= MAX_SHARDS; n += 3) {
    split_out o;
    assert_int_equal(split_texts(inputs, 1, n, &o, &e), CP_OK);
    char *got = merged_build(&o, 5);
    assert_string_equal(got, want); /* bad rows at h.csv:LINE, as one build names them */
    free(got);
    split_free(&o);
  }
  free(want);
  cp_mobility_free(whole);
  free(text);
}

static void inputs_share_one_header(void **state) {
  (void)state;
  const char *two[] = {"a.csv", "person,role,seq\np,x,1\n", "b.csv", "person,seq,role\np,2,y\n"};
  split_out o;
  cp_error e = {0};
  assert_int_equal(split_texts(two, 2, 2, &o, &e), CP_EPARSE);
  assert_string_equal(e.message, "b.csv:1: its header differs from a.csv's");
  split_free(&o);
  const char *none[] = {"c.csv", "who,role,seq\np,x,1\n"};
  assert_int_equal(split_texts(none, 1, 2, &o, &e), CP_EPARSE);
  assert_non_null(strstr(e.message, "c.csv:1: header lacks the required column 'person'"));
  split_free(&o);
  const char *empty[] = {"d.csv", ""};
  assert_int_equal(split_texts(empty, 1, 2, &o, &e), CP_EPARSE);
  assert_string_equal(e.message, "d.csv: empty file");
  split_free(&o);
  const char *quote[] = {"q.csv", "person,role,seq\np,\"x,1\n"};
  assert_int_equal(split_texts(quote, 1, 2, &o, &e), CP_EPARSE);
  assert_non_null(strstr(e.message, "q.csv:2: unterminated quoted field"));
  split_free(&o);
}

/* A shard split again keeps each row's original place. */
static void a_shard_split_again_keeps_its_origins(void **state) {
  (void)state;
  const char *in[] = {"h.csv", "person,role,seq\na,x,1\nb,y,1\na,z,2\nc,x,1\n"};
  split_out o, again;
  cp_error e = {0};
  assert_int_equal(split_texts(in, 1, 1, &o, &e), CP_OK);
  const char *shard[] = {"part-0.csv", o.text[0]};
  assert_int_equal(split_texts(shard, 1, 3, &again, &e), CP_OK);
  cp_buf all = {0};
  for (size_t k = 0; k < 3; k++) {
    assert_memory_equal(again.text[k], "cp_origin,person,role,seq\n", 26);
    assert_int_equal(cp_buf_puts(&all, strchr(again.text[k], '\n') + 1), CP_OK);
  }
  assert_int_equal(all.len, o.len[0] - 26); /* the same rows, h.csv:LINE each */
  assert_non_null(strstr(all.data, "h.csv:4,a,z,2\n"));
  assert_null(strstr(all.data, "part-0.csv"));
  cp_buf_free(&all);
  split_free(&o);
  split_free(&again);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(shard_of_is_xxh3_of_the_trimmed_id),
      cmocka_unit_test(every_row_once_and_persons_together),
      cmocka_unit_test(shards_built_and_merged_equal_one_build),
      cmocka_unit_test(inputs_share_one_header),
      cmocka_unit_test(a_shard_split_again_keeps_its_origins),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
