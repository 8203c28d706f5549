/* test_csv_text.c: CSV fields careerpath writes read back as themselves. */
#include "cp_test.h"

static void fields_are_quoted_only_when_they_must_be(void **state) {
  (void)state;
  static const char *const cases[][2] = {
      {"nurse", "nurse"},
      {"clinical informaticist", "clinical informaticist"},
      {"", "\"\""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {" lead", "\" lead\""},
      {"trail ", "\"trail \""},
      {"\ttab", "\"\ttab\""},
      {"tab\t", "\"tab\t\""},
      {"a\tb", "\"a\tb\""},
      {"caf\xc3\xa9", "caf\xc3\xa9"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char out[64];
    size_t n = cp_csv_quote(cases[i][0], NULL);
    assert_int_equal(n, strlen(cases[i][1]));
    memset(out, 'x', sizeof out);
    assert_int_equal(cp_csv_quote(cases[i][0], out), n);
    assert_string_equal(out, cases[i][1]);
  }
}

typedef struct collected {
  char fields[8][2048];
  size_t n;
} collected;

static cp_status collect(void *ctx, const char *const *fields, size_t n, size_t line,
                         cp_error *err) {
  (void)line, (void)err;
  collected *c = ctx;
  for (size_t i = 0; i < n && c->n < 8; i++)
    snprintf(c->fields[c->n++], sizeof c->fields[0], "%s", fields[i]);
  return CP_OK;
}

/* Whatever a field holds, written by either writer it is read back unchanged. */
static void every_field_reads_back_as_itself(void **state) {
  (void)state;
  char long_one[1500];
  memset(long_one, '"', sizeof long_one - 1); /* doubled: past the writer's stack buffer */
  long_one[sizeof long_one - 1] = '\0';
  const char *fields[] = {" a ", "", "x,\"y\"", "line\r\nbreak", "\tt\t", "plain", long_one};
  size_t n = sizeof fields / sizeof *fields;
  FILE *f = tmpfile();
  cp_buf b = {0};
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(cp_csv_write_field(f, fields[i]), 0);
    fputc(i + 1 < n ? ',' : '\n', f);
    assert_int_equal(cp_buf_csv_field(&b, fields[i]), CP_OK);
    assert_int_equal(cp_buf_puts(&b, i + 1 < n ? "," : "\n"), CP_OK);
  }
  long size = ftell(f);
  rewind(f);
  char *text = malloc((size_t)size + 1);
  assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  assert_int_equal((size_t)size, b.len);
  assert_memory_equal(text, b.data, b.len);
  collected c = {.n = 0};
  assert_int_equal(cp_csv_parse("t.csv", text, (size_t)size, collect, &c, NULL), CP_OK);
  assert_int_equal(c.n, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(c.fields[i], fields[i]);
  free(text);
  cp_buf_free(&b);
}

static void a_failed_write_is_reported(void **state) {
  (void)state;
  FILE *f = fopen("/dev/full", "w");
  if (!f)
    skip();
  setvbuf(f, NULL, _IONBF, 0);
  assert_int_equal(cp_csv_write_field(f, "anything"), EOF);
  fclose(f);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fields_are_quoted_only_when_they_must_be),
      cmocka_unit_test(every_field_reads_back_as_itself),
      cmocka_unit_test(a_failed_write_is_reported),
  };
  return CP_RUN(tests, argc, argv);
}
