/* test_mobility_jobs.c: a mobility build read on several threads gives what one reader gives,
 * byte for byte: outputs, counts, bad rows at their lines, the first error. */
#include "cp_test.h"

#include <unistd.h>

/* Everything a user sees of a build of `path`: the outputs and the summary, or the error. */
static char *seen(const char *path, cp_mobility_options o, size_t jobs) {
  o.jobs = jobs;
  cp_mobility *m = NULL;
  cp_error e = {0};
  cp_buf b = {0};
  cp_status st = cp_mobility_build(path, &o, &m, &e);
  if (st) {
    assert_int_equal(cp_buf_printf(&b, "error %d: %s", st, e.message), CP_OK);
    return b.data;
  }
  char *t, *r, *d;
  size_t lt, lr, ld;
  assert_int_equal(cp_mobility_write_csv(m, &t, &lt, &r, &lr, NULL), CP_OK);
  assert_int_equal(cp_mobility_write_dot(m, &d, &ld, NULL), CP_OK);
  assert_int_equal(cp_buf_printf(&b,
                                 "%s%s%s%zu rows %zu bad %zu people %zu stays %zu moves %zu/%zu\n",
                                 t, r, d, m->rows, m->bad_rows, m->people, m->stays, m->moves,
                                 m->period_stays, m->period_moves),
                   CP_OK);
  for (size_t i = 0; i < m->n_bad_listed; i++)
    assert_int_equal(cp_buf_printf(&b, "%s\n", m->bad_listed[i]), CP_OK);
  free(t);
  free(r);
  free(d);
  cp_mobility_free(m);
  return b.data;
}

/* The partial build's bytes, or the error. */
static char *partial(const char *path, cp_mobility_options o, size_t jobs, size_t *len) {
  o.jobs = jobs;
  char *out = NULL;
  cp_error e = {0};
  if (cp_mobility_build_partial(path, &o, &out, len, &e)) {
    *len = strlen(e.message);
    return cp_strdup(e.message);
  }
  return out;
}

static void same_for_any_jobs(const char *path, cp_mobility_options o) {
  char *want = seen(path, o, 1);
  size_t want_len, got_len;
  char *want_partial = partial(path, o, 1, &want_len);
  const size_t jobs[] = {2, 3, 4, 8};
  for (size_t i = 0; i < 4; i++) {
    char *got = seen(path, o, jobs[i]);
    assert_string_equal(got, want);
    free(got);
    got = partial(path, o, jobs[i], &got_len); /* transitions in the same order too */
    assert_int_equal(got_len, want_len);
    assert_memory_equal(got, want_partial, want_len);
    free(got);
  }
  free(want);
  free(want_partial);
}

static char *write_temp(const char *text, size_t len, const char *suffix) {
  static char dir[] = "/tmp/cp-jobs-XXXXXX";
  static int made;
  if (!made++)
    assert_non_null(mkdtemp(dir));
  char *path = malloc(64);
  snprintf(path, 64, "%s/h%d%s", dir, made, suffix);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(text, 1, len, f), len);
  fclose(f);
  return path;
}

static void sample_any_jobs(void **state) {
  (void)state;
  const char *path = CP_SOURCE_DIR "/data/sample-histories.csv";
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 5});
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1});
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1, .memory_rows = 100});
  same_for_any_jobs(path, (cp_mobility_options){.memory_rows = 100, .keep_people = 1});
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1, .period = CP_PERIOD_YEAR});
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 5, .period = CP_PERIOD_MONTH});
  char *one = seen(path, (cp_mobility_options){.strict = 1}, 1);
  char *strict = seen(path, (cp_mobility_options){.strict = 1}, 4);
  assert_non_null(strstr(one, "sample-histories.csv:1382: start '2025/04' is not a date"));
  assert_string_equal(strict, one);
  free(one);
  free(strict);
}

/* Persons whose rows lie all over the file (so across every cut), ties in time broken by
 * line, bad rows here and there; CSV with quoted fields, then the same as TSV. */
static void generated(cp_buf *b, bool tsv) {
  const char *sep = tsv ? "\t" : ",";
  assert_int_equal(cp_buf_printf(b, "person%srole%sstart%send\n", sep, sep, sep), CP_OK);
  unsigned x = 12345;
  for (size_t i = 0; i < 40000; i++) {
    x = x * 1103515245u + 12345u;
    unsigned person = (x >> 8) % 3000, role = (x >> 4) % 40, year = 1990 + (x >> 16) % 30;
    const char *quote = !tsv && role % 7 == 0 ? "\"" : "";
    if (i % 997 == 0)
      assert_int_equal(cp_buf_printf(b, "p%u%s%s\n", person, sep, "x"), CP_OK); /* short */
    else
      assert_int_equal(cp_buf_printf(b, "p%u%s%sr%u, %u%s%s%u-%02u%s\n", person, sep, quote, role,
                                     role % 3, quote, sep, year, 1 + (x >> 24) % 12, sep),
                       CP_OK);
  }
}

static void spanning_persons_any_jobs(void **state) {
  (void)state;
  for (int tsv = 0; tsv < 2; tsv++) {
    cp_buf b = {0};
    generated(&b, tsv);
    char *path = write_temp(b.data, b.len, tsv ? ".tsv" : ".csv");
    same_for_any_jobs(path, (cp_mobility_options){.min_people = 1});
    same_for_any_jobs(path, (cp_mobility_options){.min_people = 3, .memory_rows = 5000});
    unlink(path);
    free(path);
    cp_buf_free(&b);
  }
}

/* A quoted field holding a line end: a cut inside it would misread the rest, so such a file
 * is read on one thread; fatal errors are the first one reader meets, at the same line. */
static void quotes_across_lines_and_errors(void **state) {
  (void)state;
  cp_buf b = {0};
  generated(&b, false);
  size_t mid = b.len / 2;
  while (b.data[mid - 1] != '\n')
    mid++;
  cp_buf q = {0};
  assert_int_equal(cp_buf_append(&q, b.data, mid), CP_OK);
  assert_int_equal(cp_buf_puts(&q, "p1,\"nurse\nmanager\",2001-01,\n"), CP_OK);
  assert_int_equal(cp_buf_append(&q, b.data + mid, b.len - mid), CP_OK);
  char *path = write_temp(q.data, q.len, ".csv");
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1});
  unlink(path);
  free(path);
  /* Bad UTF-8 in the last quarter and a NUL byte in the second: the NUL is the error. */
  b.data[b.len * 3 / 4] = (char)0xff;
  b.data[b.len / 3] = '\0';
  path = write_temp(b.data, b.len, ".csv");
  char *one = seen(path, (cp_mobility_options){0}, 1),
       *four = seen(path, (cp_mobility_options){0}, 4);
  assert_non_null(strstr(one, "NUL byte"));
  assert_string_equal(four, one);
  free(one);
  free(four);
  unlink(path);
  free(path);
  cp_buf_free(&q);
  cp_buf_free(&b);
}

/* A byte order mark, CRLF line ends, and a file of a header alone. */
static void bom_crlf_and_tiny_files(void **state) {
  (void)state;
  cp_buf b = {0};
  assert_int_equal(cp_buf_puts(&b, "\xEF\xBB\xBFperson,role,seq\r\n"), CP_OK);
  for (int i = 0; i < 3000; i++)
    assert_int_equal(cp_buf_printf(&b, "q%d,r%d,%d\r\n", i % 50, i % 9, i), CP_OK);
  char *path = write_temp(b.data, b.len, ".csv");
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1});
  unlink(path);
  free(path);
  path = write_temp("person,ro\0le,seq\nq1,r1,1\n", 23, ".csv"); /* a NUL in the header */
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1});
  unlink(path);
  free(path);
  path = write_temp("person,role,seq\n", 16, ".csv");
  same_for_any_jobs(path, (cp_mobility_options){.min_people = 1});
  unlink(path);
  free(path);
  cp_buf_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sample_any_jobs),
      cmocka_unit_test(spanning_persons_any_jobs),
      cmocka_unit_test(quotes_across_lines_and_errors),
      cmocka_unit_test(bom_crlf_and_tiny_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
