/* words.c: figures in plain language: effort in words, criteria as what a person wants
 * ("fastest"). The same functions as issue 14's words.c (branch i14-answers), which adds
 * durations; whichever lands second keeps one copy. */
#include "internal.h"

#include <math.h>
#include <stdio.h>

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
