/* boot.h: the histories option group and the bootstrap loop the research commands share. */
#ifndef CP_CLI_BOOT_H
#define CP_CLI_BOOT_H

#include "command.h"
#include "json_out.h"

/* Before any work: --bootstrap, --seed, --period and --min-people need --histories, which
 * takes the place of GRAPH. */
int cp_cli_histories_check(cp_cli_run *x);
/* Builds the graph from --histories (x->g), keeping the people when resampling is asked. */
int cp_cli_histories_load(cp_cli_run *x);

/* One line on stderr for each CP_WARN_* bit set: the figure is given, but says little. */
void cp_cli_warnings(const cp_cli *c, unsigned bits);

/* Figures computed on each replicate, and their percentile intervals. */
enum { CP_CLI_BOOT_LEVEL_PERCENT = 95 };
typedef struct cp_cli_boot {
  size_t replicates, figures;
  double *values; /* figures x replicates */
  double *lo, *hi;
  size_t *valid; /* replicates in which the figure could be computed */
} cp_cli_boot;

/* Computes, from one replicate's counts (one per transition of x->g), its figures into
 * `out` (b->figures values; NaN: not defined in this replicate). Returns an exit code. */
typedef int (*cp_cli_replicate_fn)(cp_cli_run *x, void *state, const double *counts, double *out);
/* With --bootstrap: draws every replicate, calls fn on each and fills b's intervals (b is
 * zeroed and sized for `figures`); without, leaves b empty. Free with cp_cli_boot_free. */
int cp_cli_bootstrap(cp_cli_run *x, void *state, size_t figures, cp_cli_replicate_fn fn,
                     cp_cli_boot *b);
void cp_cli_boot_free(cp_cli_boot *b);
/* Figure f's interval as a JSON [lower, upper] (null where not defined). */
json_t *cp_cli_boot_interval_json(const cp_cli_boot *b, size_t f);
/* The bootstrap's replicates, seed and level, as a JSON object. */
json_t *cp_cli_boot_json(const cp_cli_run *x, const cp_cli_boot *b);

/* Whether the run resamples (b was filled). */
static inline bool cp_cli_boot_on(const cp_cli_boot *b) { return b->replicates > 0; }

#endif /* CP_CLI_BOOT_H */
