/* mobility_acc.h: what a mobility build has added up before suppression, the state a partial
 * file holds (mobility_partial.c) and a merge adds up again; shared with mobility.c only. */
#ifndef CP_MOBILITY_ACC_H
#define CP_MOBILITY_ACC_H

#include "internal.h"

/* Durations are kept as hundredths of a month in per-owner histograms keyed by
 * owner << CP_MOB_DURATION_BITS | centi-months, so medians are exact to 0.01 month and add
 * up exactly across partials. */
#define CP_MOB_CENTI 100.0
enum { CP_MOB_DURATION_BITS = 24 };

typedef struct cp_mob_role {
  char *id; /* owned by whoever holds the array; cp_mobility_publish takes published ones */
  size_t people, stays;
} cp_mob_role;

typedef struct cp_mob_edge {
  uint32_t from, to; /* role indices */
  size_t count, people;
} cp_mob_edge;

typedef struct cp_mobility_acc {
  /* counters (rows, bad rows, people, stays, moves), dated, and the first bad rows' messages
   * ("file:line: why"); its roles and transitions are empty until cp_mobility_publish */
  cp_mobility *m;
  /* for each listed bad row: its line, and the length of its file's name at the start of its
   * message, so listings merge in (file, line) order */
  size_t bad_line[CP_MOBILITY_BAD_LISTED], bad_file_len[CP_MOBILITY_BAD_LISTED];
  cp_mob_role *roles;
  size_t n_roles;
  cp_mob_edge *edges;
  size_t n_edges;
  cp_u64map *role_hist, *edge_hist; /* role or edge << 24 | centi-months -> stays or moves */
  cp_panel_builder *panel; /* each person's steps (opt.keep_people), or NULL: never in a partial */
} cp_mobility_acc;

/* Called once the histories are read and added up; `a` and everything in it stay the
 * builder's (a callback may take a->m, setting it NULL). A non-CP_OK status is the build's. */
typedef cp_status (*cp_mobility_acc_fn)(void *ctx, cp_mobility_acc *a, cp_error *err);

/* Reads histories as cp_mobility_build_stream does and hands the added-up state to `fn`
 * instead of publishing it. */
cp_status cp_mobility_accumulate(const char *name, FILE *f, const cp_mobility_options *opt,
                                 cp_mobility_acc_fn fn, void *ctx, cp_error *err);

/* Applies the min_people threshold to `a` and lays the published roles and transitions out
 * in a->m (roles sorted by id, transitions by from then to), taking the published roles' ids.
 * O(R log R + E log E + H log H) for R roles, E transitions and H histogram entries. */
cp_status cp_mobility_publish(cp_mobility_acc *a, size_t min_people, cp_error *err);

#endif /* CP_MOBILITY_ACC_H */
