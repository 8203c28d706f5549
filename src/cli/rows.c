/* rows.c: a batch file's header and each row read as a question. */
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  B_NAME,
  B_FROM,
  B_TO,
  B_BY,
  B_K,
  B_PARETO,
  B_BUDGET,
  B_MONTHS,
  B_STEPS,
  B_EFFORT,
  B_AVOID,
  B_VIA,
  B_HAVE,
  B_COLUMNS
};
static const char *const batch_columns[B_COLUMNS] = {
    "name",       "from",      "to",         "by",    "k",   "pareto", "budget",
    "max_months", "max_steps", "max_effort", "avoid", "via", "have"};
_Static_assert(B_COLUMNS == CP_CLI_COLUMNS, "batch columns");

cp_status cp_cli_rows_header(cp_cli_rows *rows, const char *file, const char *const *fields,
                             size_t n, size_t line, cp_error *err) {
  err->status = CP_EPARSE;
  rows->width = n;
  for (int i = 0; i < B_COLUMNS; i++)
    rows->col[i] = -1;
  for (size_t j = 0; j < n; j++) {
    bool known = false;
    for (int i = 0; i < B_COLUMNS; i++)
      if (cp_strcasecmp_ascii(fields[j], batch_columns[i]) == 0) {
        rows->col[i] = (long)j;
        known = true;
      }
    if (!known) {
      snprintf(err->message, sizeof err->message,
               "%s:%zu: unknown column '%s' (known: name, from, to, by, k, pareto, budget, "
               "max_months, max_steps, max_effort, avoid, via, have)",
               file, line, fields[j]);
      return CP_EPARSE;
    }
  }
  if (rows->col[B_FROM] < 0 || rows->col[B_TO] < 0) {
    snprintf(err->message, sizeof err->message, "%s:%zu: the header needs 'from' and 'to' columns",
             file, line);
    return CP_EPARSE;
  }
  err->status = CP_OK;
  return CP_OK;
}

/* Splits `text` at ';' into `list`, trimming blanks. */
static bool split_list(char *buf, size_t cap, const char *text, cp_cli_names *list,
                       const char *what, char *why, size_t wn) {
  if (!cp_cli_copy_value(buf, cap, text, what, why, wn))
    return false;
  for (char *save = NULL, *item = strtok_r(buf, ";", &save); item;
       item = strtok_r(NULL, ";", &save)) {
    while (*item == ' ')
      item++;
    size_t len = strlen(item);
    while (len && item[len - 1] == ' ')
      item[--len] = '\0';
    if (len && !cp_cli_add_name(list, item, what, why, wn))
      return false;
  }
  return true;
}

/* The k column: 1 to CP_CLI_MAX_K. */
static bool parse_k(const char *text, cp_cli_request *rq, char *why, size_t n) {
  char *end;
  unsigned long long k = strtoull(text, &end, 10);
  if (*end || k == 0 || k > CP_CLI_MAX_K || text[0] == '-') {
    snprintf(why, n, "k must be a whole number from 1 to %d, not '%s'", CP_CLI_MAX_K, text);
    return false;
  }
  rq->k = (size_t)k;
  return true;
}

/* The limit and list columns of a row, each replacing the default when not empty. */
static bool limits_and_lists(cp_cli_rows *rows, const char *const *cell, cp_cli_request *rq,
                             char *why, size_t n) {
  static const int limit_col[NC] = {B_STEPS, B_MONTHS, B_BUDGET, B_EFFORT};
  for (int c = 0; c < NC; c++)
    if (*cell[limit_col[c]] && !cp_cli_parse_limit(batch_columns[limit_col[c]], cell[limit_col[c]],
                                                   &rq->limits[c], why, n))
      return false;
  static const int list_col[3] = {B_AVOID, B_VIA, B_HAVE};
  static const char *const what[3] = {"roles to avoid", "waypoints", "credentials"};
  cp_cli_names *lists[3] = {&rq->avoid, &rq->via, &rq->have};
  for (int i = 0; i < 3; i++) {
    if (!*cell[list_col[i]])
      continue;
    lists[i]->n = 0;
    if (!split_list(rows->lists[i], sizeof rows->lists[i], cell[list_col[i]], lists[i], what[i],
                    why, n))
      return false;
  }
  return true;
}

bool cp_cli_rows_request(cp_cli_rows *rows, const char *const *f, size_t n_fields,
                         const cp_cli_request *defaults, cp_cli_request *rq, const char **name,
                         char *why, size_t n) {
  if (n_fields != rows->width) {
    snprintf(why, n, "%zu fields, but the header has %zu", n_fields, rows->width);
    return false;
  }
  *rq = *defaults;
  const char *cell[B_COLUMNS];
  for (int i = 0; i < B_COLUMNS; i++)
    cell[i] = rows->col[i] >= 0 ? f[rows->col[i]] : "";
  if (name)
    *name = cell[B_NAME];
  rq->from = cell[B_FROM];
  rq->to = cell[B_TO];
  if (!*rq->from || !*rq->to) {
    snprintf(why, n, "'from' and 'to' must not be empty");
    return false;
  }
  return (!*cell[B_BY] || cp_cli_parse_by(cell[B_BY], rq, why, n)) &&
         (!*cell[B_PARETO] || cp_cli_parse_pareto(cell[B_PARETO], rq, why, n)) &&
         (!*cell[B_K] || parse_k(cell[B_K], rq, why, n)) &&
         limits_and_lists(rows, cell, rq, why, n);
}
