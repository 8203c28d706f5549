/* words.c: figures in plain language: durations with years beside months, effort in words,
 * criteria as what a person wants ("fastest"). */
#include "internal.h"

#include <math.h>
#include <stdio.h>

/* A number of months or years as a person writes it: whole when it is, else one decimal
 * ("2.5"), never "2.50" or "3.0". */
static void plain(double v, char *buf, size_t n) {
  if (v >= 1e9) { /* past any career: significant digits, not 300 of them (issue 19) */
    snprintf(buf, n, "%.3g", v);
    return;
  }
  double tenths = round(v * 10) / 10;
  if (tenths == floor(tenths))
    snprintf(buf, n, "%.0f", tenths);
  else
    snprintf(buf, n, "%.1f", tenths);
}

void cp_format_months(double months, char *buf, size_t n) {
  if (!n)
    return;
  if (!isfinite(months) || months < 0) {
    snprintf(buf, n, "%s", isinf(months) && months > 0 ? "never" : "-");
    return;
  }
  char m[64], y[64];
  plain(months, m, sizeof m);
  if (months <= 11) {
    snprintf(buf, n, "%s month%s", m, months == 1 ? "" : "s");
    return;
  }
  plain(months / 12, y, sizeof y);
  snprintf(buf, n, "%s months (%s year%s)", m, y, months == 12 ? "" : "s");
}

const char *cp_effort_words(double effort) {
  static const char *const words[] = {"light", "moderate", "substantial", "demanding",
                                      "very demanding"};
  if (!(effort >= 1 && effort <= 5))
    return "-";
  return words[(int)lround(effort) - 1];
}

const char *cp_criterion_superlative(cp_criterion c) {
  static const char *const words[CP_CRITERION_COUNT] = {"fewest steps", "fastest", "cheapest",
                                                        "least effort"};
  return c < CP_CRITERION_COUNT ? words[c] : "best";
}
