/* test_text.c: UTF-8 checking, number parsing, edit distance, suffixes and money. */
#include "cp_test.h"
#include "internal.h"

#include <float.h>
#include <math.h>

static void utf8_accepts_text_and_rejects_broken_sequences(void **state) {
  (void)state;
  const char *good[] = {"", "plain", "caf\xc3\xa9", "\xe2\x82\xac 5", "\xf0\x9f\x98\x80"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    assert_true(cp_utf8_valid(good[i], strlen(good[i])));
  const char *bad[] = {"\xff",
                       "caf\xc3",
                       "\xc0\xaf" /* overlong '/' */,
                       "\xed\xa0\x80" /* surrogate */,
                       "\xf4\x90\x80\x80" /* > U+10FFFF */,
                       "\xe2\x28\xa1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_false(cp_utf8_valid(bad[i], strlen(bad[i])));
}

static void weights_are_plain_non_negative_decimals(void **state) {
  (void)state;
  double v = -1;
  assert_true(cp_parse_weight("12", &v));
  assert_true(v == 12);
  assert_true(cp_parse_weight(" 2.5 ", &v));
  assert_true(v == 2.5);
  assert_true(cp_parse_weight("1e3", &v));
  assert_true(v == 1000);
  assert_true(cp_parse_weight("-0", &v));
  assert_false(signbit(v));
  /* Issue 19: below DBL_MIN strtod says ERANGE, but the number is as good as written. */
  assert_true(cp_parse_weight("4.9e-324", &v));
  assert_true(v > 0);
  assert_true(cp_parse_weight("2.2250738585072014e-308", &v));
  assert_true(v == DBL_MIN);
  const char *bad[] = {"",    "  ",   "-1",       "abc",  "12abc", "nan", "NaN",
                       "inf", "-inf", "infinity", "0x10", "1e999", "1,5"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    if (cp_parse_weight(bad[i], &v))
      fail_msg("'%s' parsed as %g", bad[i], v);
  }
}

static void integers_must_be_whole(void **state) {
  (void)state;
  long v;
  assert_true(cp_parse_int(" 3 ", &v));
  assert_int_equal(v, 3);
  assert_false(cp_parse_int("3.5", &v));
  assert_false(cp_parse_int("x", &v));
  assert_false(cp_parse_int("", &v));
}

static void edit_distance_ignores_ascii_case(void **state) {
  (void)state;
  assert_int_equal(cp_edit_distance("kitten", "sitting"), 3);
  assert_int_equal(cp_edit_distance("CMIO", "cmio"), 0);
  assert_int_equal(cp_edit_distance("", "abc"), 3);
}

static void suffixes_match_in_any_ascii_case(void **state) {
  (void)state;
  assert_true(cp_has_suffix("graph.csv", ".csv"));
  assert_true(cp_has_suffix("GRAPH.CSV", ".csv"));
  assert_true(cp_has_suffix("dir/map.Gv", ".gv"));
  assert_true(cp_has_suffix(".csv", ".csv"));
  assert_true(cp_has_suffix("x", ""));
  assert_false(cp_has_suffix("csv", ".csv"));
  assert_false(cp_has_suffix("graph.csv.bak", ".csv"));
  assert_false(cp_has_suffix("graph.dot", ".gv"));
}

static void money_is_grouped_by_thousands(void **state) {
  (void)state;
  char buf[32];
  const struct {
    double v;
    const char *text;
  } cases[] = {{0, "$0"},  {999, "$999"},       {1000, "$1,000"}, {1234567.6, "$1,234,568"},
               {NAN, "-"}, {100000, "$100,000"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_format_money(cases[i].v, buf, sizeof buf);
    assert_string_equal(buf, cases[i].text);
  }
  cp_format_money(123456789, buf, 6); /* truncates, stays terminated */
  assert_string_equal(buf, "$123,");
}

/* Issue 19: no figure is cut in a CP_MONEY_BYTES buffer, however large. */
static void money_fits_its_buffer_whatever_the_figure(void **state) {
  (void)state;
  char buf[CP_MONEY_BYTES];
  const struct {
    double v;
    const char *text;
  } cases[] = {{999999999999999999.0, "$1e+18"},
               {1e17, "$100,000,000,000,000,000"},
               {-1e17, "$-100,000,000,000,000,000"},
               {DBL_MAX, "$1.8e+308"},
               {-DBL_MAX, "$-1.8e+308"},
               {INFINITY, "infinite"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_format_money(cases[i].v, buf, sizeof buf);
    assert_string_equal(buf, cases[i].text);
  }
}

/* Issue 19: a bounded copy never ends inside a UTF-8 sequence. */
static void bounded_copies_keep_whole_characters(void **state) {
  (void)state;
  const char *s = "a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80"; /* a, é, 中, 😀: 1+2+3+4 bytes */
  const size_t fit[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 10};
  for (size_t max = 0; max < sizeof fit / sizeof *fit; max++)
    assert_int_equal(cp_utf8_fit(s, max), fit[max]);
  char buf[6];
  assert_int_equal(cp_utf8_copy(buf, sizeof buf, s), 3);
  assert_string_equal(buf, "a\xc3\xa9");
  assert_int_equal(cp_utf8_copy(buf, 1, s), 0);
  assert_string_equal(buf, "");
  /* 1,024 bytes of CJK in a 512-byte buffer: 170 whole characters. */
  char cjk[1025], title[512];
  for (size_t i = 0; i + 3 <= 1024; i += 3)
    memcpy(cjk + i, "\xe4\xb8\xad", 3);
  cjk[1023] = '\0';
  assert_int_equal(cp_format_bounded(title, sizeof title, "%s", cjk), 1023);
  assert_int_equal(strlen(title), 510);
  assert_true(cp_utf8_valid(title, strlen(title)));
  assert_int_equal(cp_format_bounded(title, sizeof title, "x%sy", "\xc3\xa9"), 4);
  assert_string_equal(title, "x\xc3\xa9y");
}

static void control_characters_are_found(void **state) {
  (void)state;
  assert_null(cp_find_control("plain caf\xc3\xa9", 0));
  assert_non_null(cp_find_control("a\x01", 0));
  assert_non_null(cp_find_control("esc \x1b[31m", 1));
  assert_non_null(cp_find_control("del \x7f", 1));
  assert_non_null(cp_find_control("two\nlines", 0));
  assert_null(cp_find_control("two\nlines\tand a tab\r\n", 1));
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(utf8_accepts_text_and_rejects_broken_sequences),
      cmocka_unit_test(weights_are_plain_non_negative_decimals),
      cmocka_unit_test(integers_must_be_whole),
      cmocka_unit_test(edit_distance_ignores_ascii_case),
      cmocka_unit_test(suffixes_match_in_any_ascii_case),
      cmocka_unit_test(money_is_grouped_by_thousands),
      cmocka_unit_test(money_fits_its_buffer_whatever_the_figure),
      cmocka_unit_test(bounded_copies_keep_whole_characters),
      cmocka_unit_test(control_characters_are_found),
  };
  return CP_RUN(tests, argc, argv);
}
