/* cmd_matrix.c: `careerpath matrix`: the transition matrix as counts or shares. */
#include "boot.h"
#include "groups.h"
#include "json_out.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct matrix_state {
  cp_cells cells;
  int no_diagonal;
  cp_matrix *m;
  double *view; /* n x n, the cells as asked */
  cp_cli_boot boot;
} matrix_state;

#define OWN(field) offsetof(matrix_state, field)

static const char *const cells_names[] = {"count", "row", "column", "total"};

static int set_cells(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  for (int k = 0; k < 4; k++)
    if (!strcmp(value, cells_names[k])) {
      *(cp_cells *)dst = (cp_cells)k;
      return CP_EXIT_OK;
    }
  return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                     "unknown cells '%s' (choose count, row, column or total)", value);
}

static const cp_cli_option opt_cells = {
    .name = "cells",
    .value = "KIND",
    .help = "count (default); row: each row's shares (outflow: where a role's people went); "
            "column: each column's shares (inflow: where a role's people came from); total: "
            "shares of the whole table",
    .heading = CP_HEAD_OPTIONS,
    .set = set_cells,
    .offset = OWN(cells),
    .complete = "count row column total",
};
static const cp_cli_option opt_no_diagonal = {
    .name = "no-diagonal",
    .help = "leave the stays out: shares are among people who moved",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_flag,
    .offset = OWN(no_diagonal),
};
static const cp_cli_option *const options[] = {&opt_cells, &opt_no_diagonal, NULL};

/* The cells of the table made from `flow` (NULL: the graph's), as the options ask. */
static int cells_of(cp_cli_run *x, const matrix_state *s, const double *flow, double *out,
                    cp_matrix **keep) {
  cp_matrix *m = NULL;
  cp_error e = {0};
  cp_status st = cp_graph_matrix(x->g, flow, &m, &e);
  if (st)
    return cp_cli_status(&x->c, st, &e);
  cp_matrix_view(m, s->cells, !s->no_diagonal, out);
  if (keep)
    *keep = m;
  else
    cp_matrix_free(m);
  return CP_EXIT_OK;
}

static int replicate(cp_cli_run *x, void *state, const double *counts, double *out) {
  return cells_of(x, state, counts, out, NULL);
}

static int matrix_compute(cp_cli_run *x, void *state) {
  matrix_state *s = state;
  size_t n = cp_graph_role_count(x->g);
  if (!(s->view = malloc((n * n + 1) * sizeof *s->view)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  int code = cells_of(x, s, NULL, s->view, &s->m);
  if (!code && !s->m->counts && s->cells != CP_CELLS_ROW)
    cp_cli_warnings(&x->c, CP_WARN_NO_COUNTS);
  return code ? code : cp_cli_bootstrap(x, s, n * n, replicate, &s->boot);
}

/* ---- text ---- */

enum { COL = 12 };

static void text_cell(FILE *out, const matrix_state *s, double v) {
  if (isnan(v))
    fprintf(out, " %*s", COL, "-");
  else if (s->cells == CP_CELLS_COUNT)
    fprintf(out, " %*.12g", COL, v);
  else
    fprintf(out, " %*.1f", COL, 100 * v);
}

/* A row of intervals under a row of cells: "[lo, hi]" in each column. */
static void text_intervals(FILE *out, const matrix_state *s, size_t row, size_t n) {
  double k = s->cells == CP_CELLS_COUNT ? 1 : 100;
  char buf[64];
  fprintf(out, "  %-*s", COL, "");
  for (size_t j = 0; j < n; j++) {
    size_t at = row * n + j;
    if (isnan(s->boot.lo[at])) {
      fprintf(out, " %*s", COL, "");
      continue;
    }
    snprintf(buf, sizeof buf, "[%.*f,%.*f]", s->cells == CP_CELLS_COUNT ? 0 : 1, k * s->boot.lo[at],
             s->cells == CP_CELLS_COUNT ? 0 : 1, k * s->boot.hi[at]);
    fprintf(out, " %*s", COL, buf);
  }
  fputc('\n', out);
}

static const char *what_cells(const matrix_state *s) {
  static const char *const what[] = {"counts", "row percentages (outflow)",
                                     "column percentages (inflow)", "percentages of the table"};
  return what[s->cells];
}

static void text_head(FILE *out, const cp_cli_run *x, const matrix_state *s, size_t n) {
  fprintf(out, "%s: %s%s%s, rows from, columns to\n", cp_graph_name(x->g), what_cells(s),
          s->m->counts || s->cells == CP_CELLS_ROW ? "" : " of probabilities",
          s->no_diagonal ? ", stays left out" : "");
  if (cp_cli_boot_on(&s->boot))
    fprintf(out, "under each row: %d%% intervals, %zu replicates resampling people, seed %llu\n",
            CP_CLI_BOOT_LEVEL_PERCENT, s->boot.replicates, x->args.hist.seed);
  fprintf(out, "  %-*s", COL, "from \\ to");
  for (size_t j = 0; j < n; j++)
    fprintf(out, " %*.*s", COL, COL, cp_graph_role(x->g, j)->label);
  if (s->cells == CP_CELLS_COUNT)
    fprintf(out, " %*s", COL, "total");
  fputc('\n', out);
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const matrix_state *s = state;
  size_t n = s->m->n;
  double grand = 0;
  text_head(out, x, s, n);
  for (size_t i = 0; i < n; i++) {
    double sum = 0;
    fprintf(out, "  %-*.*s", COL, COL, cp_graph_role(x->g, i)->label);
    for (size_t j = 0; j < n; j++) {
      text_cell(out, s, s->view[i * n + j]);
      sum += isnan(s->view[i * n + j]) ? 0 : s->view[i * n + j];
    }
    if (s->cells == CP_CELLS_COUNT)
      text_cell(out, s, sum);
    grand += sum;
    fputc('\n', out);
    if (cp_cli_boot_on(&s->boot))
      text_intervals(out, s, i, n);
  }
  if (s->cells != CP_CELLS_COUNT)
    return CP_EXIT_OK;
  fprintf(out, "  %-*s", COL, "total");
  for (size_t j = 0; j < n; j++) {
    double sum = 0;
    for (size_t i = 0; i < n; i++)
      sum += isnan(s->view[i * n + j]) ? 0 : s->view[i * n + j];
    text_cell(out, s, sum);
  }
  text_cell(out, s, grand);
  fputc('\n', out);
  return CP_EXIT_OK;
}

/* ---- CSV: wide, a row per origin ---- */

static void csv_number(FILE *out, double v) {
  if (!isnan(v))
    fprintf(out, "%.15g", v);
}

/* The header: from (and the block's name), then a column per role. */
static void csv_head(FILE *out, const cp_cli_run *x, size_t n, bool blocks) {
  fputs(blocks ? "from,bound" : "from", out);
  for (size_t j = 0; j < n; j++) {
    fputc(',', out);
    cp_csv_write_field(out, cp_graph_role(x->g, j)->id);
  }
  fputc('\n', out);
}

static void csv_rows(FILE *out, const cp_cli_run *x, const double *v, size_t n, const char *block) {
  for (size_t i = 0; i < n; i++) {
    cp_csv_write_field(out, cp_graph_role(x->g, i)->id);
    if (block)
      fprintf(out, ",%s", block);
    for (size_t j = 0; j < n; j++) {
      fputc(',', out);
      csv_number(out, v[i * n + j]);
    }
    fputc('\n', out);
  }
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const matrix_state *s = state;
  size_t n = s->m->n;
  bool boot = cp_cli_boot_on(&s->boot);
  csv_head(out, x, n, boot);
  if (!boot) {
    csv_rows(out, x, s->view, n, NULL);
    return CP_EXIT_OK;
  }
  /* With intervals: the value, lower and upper blocks, one after another, told apart by the
   * 'bound' column. */
  csv_rows(out, x, s->view, n, "value");
  csv_rows(out, x, s->boot.lo, n, "lower");
  csv_rows(out, x, s->boot.hi, n, "upper");
  return CP_EXIT_OK;
}

/* ---- JSON ---- */

static json_t *rows_json(const double *v, size_t n) {
  json_t *rows = json_array();
  for (size_t i = 0; i < n; i++) {
    json_t *r = json_array();
    for (size_t j = 0; j < n; j++)
      json_array_append_new(r, cp_cli_json_number(v[i * n + j]));
    json_array_append_new(rows, r);
  }
  return rows;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const matrix_state *s = state;
  size_t n = s->m->n;
  json_t *o = json_object(), *ids = json_array(), *labels = json_array();
  for (size_t i = 0; i < n; i++) {
    json_array_append_new(ids, json_string(cp_graph_role(x->g, i)->id));
    json_array_append_new(labels, json_string(cp_graph_role(x->g, i)->label));
  }
  json_object_set_new(o, "graph", json_string(cp_graph_name(x->g)));
  json_object_set_new(o, "cells", json_string(cells_names[s->cells]));
  json_object_set_new(o, "counts", json_boolean(s->m->counts));
  json_object_set_new(o, "diagonal", json_boolean(!s->no_diagonal));
  json_object_set_new(o, "roles", ids);
  json_object_set_new(o, "labels", labels);
  json_object_set_new(o, "matrix", rows_json(s->view, n));
  if (cp_cli_boot_on(&s->boot)) {
    json_t *b = json_object();
    json_object_set_new(b, "replicates", json_integer((json_int_t)s->boot.replicates));
    json_object_set_new(b, "seed", json_integer((json_int_t)x->args.hist.seed));
    json_object_set_new(b, "level", json_real(CP_CLI_BOOT_LEVEL_PERCENT / 100.0));
    json_object_set_new(b, "lower", rows_json(s->boot.lo, n));
    json_object_set_new(b, "upper", rows_json(s->boot.hi, n));
    json_object_set_new(o, "bootstrap", b);
  }
  return cp_cli_json_write(&x->c, out, o, 15, "the matrix");
}

static void matrix_release(void *state) {
  matrix_state *s = state;
  cp_matrix_free(s->m);
  free(s->view);
  cp_cli_boot_free(&s->boot);
}

const cp_cli_command cp_cmd_matrix = {
    .name = "matrix",
    .summary = "the transition matrix: counts, row or column percentages, with or without stays",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH | --histories FILE] [--cells count|row|column|total] [--no-diagonal] "
                "[OPTIONS]",
    .description =
        "Prints the graph as a mobility table: a row per role people came from, a column per\n"
        "role they went to, each cell the count of people (summed over parallel transitions),\n"
        "the diagonal those who stayed. --cells row gives each row's percentages (outflow, the\n"
        "transition probabilities), column each column's (inflow), total the whole table's;\n"
        "--no-diagonal leaves the stays out, so shares are among people who moved. A graph with\n"
        "probabilities and no counts gives its probabilities.\n"
        "\n"
        "Text shows percentages; CSV (one row per origin, a column per destination) and JSON\n"
        "give shares from 0 to 1. With --histories and --bootstrap N each cell gets its 95%\n"
        "percentile interval from resampling people.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH | CP_GROUP_HISTORIES,
    .options = options,
    .format_note = "csv is wide: from, then a column per role (with --bootstrap a 'bound' column "
                   "and three blocks: value, lower, upper)",
    .exit_codes = "0 done, 2 usage error, 3 bad input (no counts or probabilities), 4 output "
                  "error, 5 internal error.",
    .what = "the matrix",
    .default_format = CP_OUT_TEXT,
    .present =
        {[CP_OUT_TEXT] = present_text, [CP_OUT_CSV] = present_csv, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(matrix_state),
    .compute = matrix_compute,
    .release = matrix_release,
};
