/* cmd_mobility_split.c: `careerpath mobility split`: histories into shards by person, each
 * written to a temporary file and renamed into place only when every shard is whole. */
#include "groups.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct split_state {
  size_t parts;
  const char *out_dir;
  char **inputs; /* borrowed from argv */
  size_t n_inputs;
  char **path, **tmp; /* per shard: where it goes, and where it is written first */
  FILE **shard;
  const cp_column_map *columns;
  cp_mobility_splitter *sp;
} split_state;

#define OWN(field) offsetof(split_state, field)

static void split_init(cp_cli_run *x, void *state) {
  (void)x;
  ((split_state *)state)->parts = 16;
}

static const cp_cli_option opt_parts = {
    .name = "parts",
    .value = "N",
    .help = "how many shards (default 16): DIR/part-0.csv to DIR/part-(N-1).csv",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_count,
    .offset = OWN(parts),
};
static const cp_cli_option opt_out_dir = {
    .name = "out-dir",
    .value = "DIR",
    .help = "the directory the shards are written to (made if missing; required)",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = OWN(out_dir),
    .flags = CP_OPT_WRITES,
    .complete = "@dir",
};
static const cp_cli_option *const options[] = {&opt_parts, &opt_out_dir, &cp_opt_columns, NULL};

static int split_operands(cp_cli_run *x, void *state, char **operands, size_t n) {
  split_state *s = state;
  if (n == 0)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "which histories files? try 'careerpath mobility split --help'");
  s->inputs = operands;
  s->n_inputs = n;
  return CP_EXIT_OK;
}

static int split_check(cp_cli_run *x, void *state) {
  split_state *s = state;
  if (!s->out_dir)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "where do the shards go? give --out-dir DIR");
  if (s->parts < 1 || s->parts > 65536)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--parts takes 1 to 65536, not %zu", s->parts);
  if (mkdir(s->out_dir, 0777) != 0 && errno != EEXIST)
    return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "%s: cannot make the directory: %s", s->out_dir,
                       strerror(errno));
  return CP_EXIT_OK;
}

/* Shard k's final name and a temporary file beside it, open for writing. No shard may
 * replace an input. */
static int open_shard(cp_cli_run *x, split_state *s, size_t k) {
  size_t n = strlen(s->out_dir) + 64;
  if (!(s->path[k] = malloc(n)) || !(s->tmp[k] = malloc(n)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  snprintf(s->path[k], n, "%s/part-%zu.csv", s->out_dir, k);
  snprintf(s->tmp[k], n, "%s/.part-%zu.csv.XXXXXX", s->out_dir, k);
  for (size_t i = 0; i < s->n_inputs; i++) {
    const char *input[] = {s->inputs[i], NULL};
    int code = cp_cli_refuse_inputs(&x->c, s->path[k], input);
    if (code)
      return code;
  }
  int fd = mkstemp(s->tmp[k]);
  if (fd < 0 || !(s->shard[k] = fdopen(fd, "wb"))) {
    int why = errno;
    if (fd >= 0)
      close(fd);
    free(s->tmp[k]);
    s->tmp[k] = NULL; /* nothing of ours to remove */
    return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "%s: cannot write: %s", s->path[k], strerror(why));
  }
  return CP_EXIT_OK;
}

/* Every shard whole and on disk, with ordinary permissions, then all renamed. */
static int commit_shards(cp_cli_run *x, split_state *s) {
  mode_t mask = umask(0);
  umask(mask);
  for (size_t k = 0; k < s->parts; k++) {
    FILE *f = s->shard[k];
    s->shard[k] = NULL;
    bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0 && fchmod(fileno(f), 0666 & ~mask) == 0;
    if (fclose(f) != 0 || !ok)
      return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "%s: cannot write: %s", s->path[k],
                         strerror(errno));
  }
  for (size_t k = 0; k < s->parts; k++) {
    if (rename(s->tmp[k], s->path[k]) != 0)
      return cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "%s: cannot rename into place: %s", s->path[k],
                         strerror(errno));
    free(s->tmp[k]);
    s->tmp[k] = NULL;
  }
  return CP_EXIT_OK;
}

static int split_inputs(cp_cli_run *x, split_state *s) {
  cp_error e = {0};
  cp_status st = cp_mobility_splitter_new(s->parts, s->shard, s->columns, &s->sp, &e);
  for (size_t i = 0; i < s->n_inputs && !st; i++) {
    FILE *in = fopen(s->inputs[i], "rb");
    if (!in)
      return cp_cli_fail(&x->c, CP_EXIT_INPUT, "%s: cannot open: %s", s->inputs[i],
                         strerror(errno));
    st = cp_mobility_splitter_add(s->sp, s->inputs[i], in, &e);
    fclose(in);
  }
  if (!st)
    st = cp_mobility_splitter_finish(s->sp, &e);
  return cp_cli_status(&x->c, st, &e);
}

static void split_report(cp_cli_run *x, const split_state *s) {
  cp_mobility_split_counts n = cp_mobility_splitter_counts(s->sp);
  size_t lo = SIZE_MAX, hi = 0;
  for (size_t k = 0; k < s->parts; k++) {
    lo = n.shard[k] < lo ? n.shard[k] : lo;
    hi = n.shard[k] > hi ? n.shard[k] : hi;
  }
  fprintf(x->c.err,
          "careerpath mobility split: %zu rows from %zu file%s into %zu shards in %s (%zu to "
          "%zu rows each); %zu bad row%s kept for the build to report at their line\n",
          n.rows, s->n_inputs, s->n_inputs == 1 ? "" : "s", s->parts, s->out_dir, lo, hi,
          n.bad_rows, n.bad_rows == 1 ? "" : "s");
}

static int split_compute(cp_cli_run *x, void *state) {
  split_state *s = state;
  int code = cp_cli_column_map(x, "--columns", x->args.columns, &s->columns);
  if (code)
    return code;
  s->path = calloc(s->parts, sizeof *s->path);
  s->tmp = calloc(s->parts, sizeof *s->tmp);
  s->shard = calloc(s->parts, sizeof *s->shard);
  if (!s->path || !s->tmp || !s->shard)
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  for (size_t k = 0; k < s->parts && !code; k++)
    code = open_shard(x, s, k);
  if (!code)
    code = split_inputs(x, s);
  if (!code)
    code = commit_shards(x, s);
  if (!code)
    split_report(x, s);
  x->no_output = true; /* the shards are its output */
  return code;
}

/* Said as it went: the shards are files of their own. */
static int present_nothing(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)x, (void)state, (void)f, (void)out;
  return CP_EXIT_OK;
}

/* A failed split leaves no shard behind, whole or not. */
static void split_release(void *state) {
  split_state *s = state;
  for (size_t k = 0; k < s->parts && s->path; k++) {
    if (s->shard && s->shard[k])
      fclose(s->shard[k]);
    if (s->tmp && s->tmp[k])
      unlink(s->tmp[k]);
    free(s->tmp ? s->tmp[k] : NULL);
    free(s->path[k]);
  }
  free(s->path);
  free(s->tmp);
  free(s->shard);
  cp_mobility_splitter_free(s->sp);
  cp_column_map_free((cp_column_map *)s->columns);
}

const cp_cli_command cp_cmd_mobility_split = {
    .parent = "mobility",
    .name = "split",
    .summary = "career histories split into shards by person, for partial builds",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "HISTORIES... --out-dir DIR [--parts N] [--columns MAP]",
    .description =
        "Reads career histories (CSV or tab-separated, as 'mobility build' reads them) and\n"
        "writes N shards, DIR/part-0.csv to DIR/part-(N-1).csv, so that every row of a person\n"
        "is in one shard: the shard of a person is XXH3-64 (seed 0) of the person id, trimmed\n"
        "of spaces and tabs, modulo N, the same on every machine. Each shard is CSV: the\n"
        "column cp_origin (each row's FILE:LINE in the input) and then the input's columns.\n"
        "'mobility build --partial --origin-column cp_origin' on a shard reports its bad rows at\n"
        "their original file and line, and 'mobility merge' of the shards' partials gives byte\n"
        "for byte the graph of one build (scripts/careerpath-dask runs it so; see\n"
        "docs/distributed.md).\n"
        "\n"
        "Several inputs must share one header; their rows go to the same N shards. An input\n"
        "that is itself a shard keeps its rows' cp_origin. Rows a build would skip as bad are\n"
        "kept and counted, so that the build reports them. Shards are written to temporary\n"
        "files and renamed into place once all are whole: a failure leaves none.",
    .options = options,
    .operand = "HISTORIES.csv...",
    .notes = "A summary (rows, shards, the smallest and largest shard, bad rows) goes to\n"
             "standard error.",
    .exit_codes = "0 split, 2 usage error, 3 bad input (unreadable file, bad header, headers "
                  "that differ, malformed quoting), 4 a shard could not be written, 5 internal "
                  "error.",
    .what = "the shards",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_nothing},
    .state_size = sizeof(split_state),
    .init = split_init,
    .operands = split_operands,
    .check = split_check,
    .compute = split_compute,
    .release = split_release,
};
