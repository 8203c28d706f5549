/* mobility_builder.h: a mobility build's reading state, shared by mobility.c (one reader) and
 * mobility_jobs.c (readers on several threads, their records joined); private to them. */
#ifndef CP_MOBILITY_BUILDER_H
#define CP_MOBILITY_BUILDER_H

#include "internal.h"
#include "mobility_acc.h"

#include <stdio.h>

/* Rows are not kept: each becomes a 32-byte record (the person as a 64-bit hash, never the
 * id), held in memory up to `memory_rows` and beyond that spilled to temporary files by
 * person, so every person's rows meet again in one bucket whatever the input order. Memory
 * then grows with roles, transitions and the distinct durations seen, not with rows. */
typedef struct hrec {
  uint64_t person;
  double key; /* start, in months since year 0, or seq */
  double end; /* NaN: none */
  uint32_t role;
  uint32_t line;
} hrec;

enum { BUCKETS = 64, DEFAULT_MEMORY_ROWS = 1 << 20 };
typedef struct stay {
  uint32_t role;
  double start, end, last_key;
} stay;

enum { H_PERSON, H_ROLE, H_START, H_SEQ, H_END, H_KNOWN };

/* A role looked up before, by its hash: most rows name one of a few roles. len 0: empty. */
enum { ROLE_CACHE = 256 };
typedef struct role_hit {
  uint64_t hash;
  uint32_t index, len;
} role_hit;

/* Records a spill gathers per bucket before writing them: 64 KiB, so that a write call
 * (costly in a VM) moves many. */
enum { STAGE = 2048 };

/* Roles whose edges are found in a table rather than a map: 512 KiB of it. */
enum { DENSE_ROLES = 256 };

typedef struct builder {
  const char *name;
  cp_mobility_options opt;
  cp_mobility *m;
  /* header */
  bool have_header;
  size_t n_columns;
  long col[H_KNOWN];
  bool dated;
  /* opt.origin_column: its index, and the current row's value ("file:line") */
  long col_origin;
  const char *origin;
  size_t bad_line[CP_MOBILITY_BAD_LISTED], bad_file_len[CP_MOBILITY_BAD_LISTED];
  /* roles */
  cp_mob_role *roles;
  size_t n_roles, cap_roles;
  cp_strmap role_ids;
  role_hit role_cache[ROLE_CACHE];
  /* records */
  hrec *recs;
  size_t n_recs, cap_recs;
  FILE *bucket[BUCKETS];
  bool spilled;
  hrec *stage; /* BUCKETS runs of stage_run (at most STAGE) records, while spilling */
  size_t stage_run;
  size_t n_staged[BUCKETS];
  /* the sort's scratch, kept from bucket to bucket */
  hrec *sort_tmp;
  size_t *sort_bins;
  size_t cap_sort_tmp, cap_sort_bins;
  /* aggregates */
  cp_mob_edge *edges;
  size_t n_edges, cap_edges;
  cp_u64map edge_ids;   /* from << 32 | to -> edge, for roles past DENSE_ROLES */
  uint64_t *edge_dense; /* from * DENSE_ROLES + to -> edge (UINT64_MAX: none), or NULL */
  cp_u64map edge_hist;  /* edge << 24 | centi-months -> count */
  cp_u64map role_hist;  /* role << 24 | centi-months -> count */
  stay *stays;          /* one person's, reused */
  size_t cap_stays;
  uint64_t *seen; /* one person's roles and edges, reused, for distinct counts */
  size_t cap_seen, n_seen;
  cp_panel_builder panel; /* each person's steps, with opt.keep_people */
  bool added_up;          /* the readers on several threads added the records up already */
  cp_error *err;
} builder;

/* The table's rows (after its header) as a cp_table_fields_fn: each checked and kept as a
 * record, or counted as bad. */
cp_status cp_mob_on_row(void *ctx, char *const *fields, const size_t *lens, size_t n, size_t line,
                        cp_error *err);
/* Writes the records held in memory to the temporary files, by person. */
cp_status cp_mob_spill(builder *b);
/* The index of role `id`, added when new. */
cp_status cp_mob_role_index(builder *b, const char *id, uint32_t *out);
/* The index of the edge from -> to, made (with nothing counted) when new. */
cp_status cp_mob_edge_at(builder *b, uint32_t from, uint32_t to, uint64_t *at);
/* Sorts n records by person, then time, then line, and adds up each person's. */
cp_status cp_mob_people(builder *b, hrec *recs, size_t n);
void cp_mob_builder_free(builder *b);

/* Reads the rows of `f` (a regular file at its start) on up to b->opt.jobs threads, each a
 * slice of the file from a line start, and adds them up into `b` as one reader would: the
 * same records, lines, bad rows and errors. Sets *done false, having read nothing, when the
 * file is not one it can slice (not a regular file, a header it cannot place, a quoted field
 * running across a slice's start, one job): the caller then reads it itself. */
cp_status cp_mob_read_jobs(builder *b, FILE *f, bool *done);

#endif /* CP_MOBILITY_BUILDER_H */
