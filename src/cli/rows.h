/* rows.h: the questions of a batch file (route --batch, render --batch), a row each. */
#ifndef CP_CLI_ROWS_H
#define CP_CLI_ROWS_H

#include "careerpath.h"
#include "request.h"

/* The columns of a batch file: name, from, to, by, k, pareto, budget, max_months, max_steps,
 * max_effort, avoid, via, have. */
#define CP_CLI_COLUMNS 13
typedef struct cp_cli_rows {
  long col[CP_CLI_COLUMNS]; /* field of each column, -1 when absent */
  size_t width;             /* fields in the header */
  char lists[3][4096];      /* the row's ';' lists, split in place */
} cp_cli_rows;

/* Reads the header row; an unknown column or no from/to is CP_EPARSE naming file:line. */
cp_status cp_cli_rows_header(cp_cli_rows *rows, const char *file, const char *const *fields,
                             size_t n, size_t line, cp_error *err);
/* The question in one row, empty cells taking `defaults`; `name` (may be NULL) gets the
 * name column. False with a reason when the row is bad. Borrows from `fields` and `rows`
 * until the next row. */
bool cp_cli_rows_request(cp_cli_rows *rows, const char *const *fields, size_t n_fields,
                         const cp_cli_request *defaults, cp_cli_request *rq, const char **name,
                         char *why, size_t n);

#endif /* CP_CLI_ROWS_H */
