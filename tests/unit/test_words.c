/* test_words.c: figures in plain language. */
#include "cp_test.h"

#include <math.h>

static void months_show_years_beside_them_past_11(void **state) {
  (void)state;
  const struct {
    double months;
    const char *text;
  } cases[] = {{0, "0 months"},
               {1, "1 month"},
               {6, "6 months"},
               {11, "11 months"},
               {12, "12 months (1 year)"},
               {18, "18 months (1.5 years)"},
               {30, "30 months (2.5 years)"},
               {84, "84 months (7 years)"},
               {13, "13 months (1.1 years)"},
               {2.5, "2.5 months"},
               {0.108, "0.1 months"},
               {INFINITY, "never"},
               {NAN, "-"}};
  char buf[64];
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_format_months(cases[i].months, buf, sizeof buf);
    assert_string_equal(buf, cases[i].text);
  }
  cp_format_months(84, buf, 8); /* cut to fit, still a string */
  assert_string_equal(buf, "84 mont");
}

static void effort_and_criteria_read_as_words(void **state) {
  (void)state;
  assert_string_equal(cp_effort_words(1), "light");
  assert_string_equal(cp_effort_words(3), "substantial");
  assert_string_equal(cp_effort_words(4.4), "demanding");
  assert_string_equal(cp_effort_words(5), "very demanding");
  assert_string_equal(cp_effort_words(0), "-");
  assert_string_equal(cp_effort_words(NAN), "-");
  assert_string_equal(cp_criterion_superlative(CP_BY_MONTHS), "fastest");
  assert_string_equal(cp_criterion_superlative(CP_BY_COST), "cheapest");
  assert_string_equal(cp_criterion_superlative(CP_BY_EFFORT), "least effort");
  assert_string_equal(cp_criterion_superlative(CP_BY_STEPS), "fewest steps");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(months_show_years_beside_them_past_11),
      cmocka_unit_test(effort_and_criteria_read_as_words),
  };
  return CP_RUN(tests, argc, argv);
}
