/* histories.h: research commands on career histories read directly (--histories), and the
 * bootstrap over their people (--bootstrap N --seed S). */
#ifndef CP_CLI_HISTORIES_H
#define CP_CLI_HISTORIES_H

#include "careerpath.h"

#include <stdbool.h>
#include <stddef.h>

/* What the histories group sets (in the run's shared arguments), and what it built. */
typedef struct cp_cli_histories {
  const char *path;        /* --histories FILE: the graph is built from it, in memory */
  cp_period period;        /* --period year|month */
  size_t min_people;       /* --min-people K (0: not given, 5) */
  size_t replicates;       /* --bootstrap N (0: none) */
  unsigned long long seed; /* --seed S (default 1) */
  bool seed_given;
  cp_mobility *m; /* the build, kept for resampling; freed by the run */
} cp_cli_histories;

#endif /* CP_CLI_HISTORIES_H */
