/* json_out.h: JSON text through jansson, with out-of-memory caught, and shared values. */
#ifndef CP_CLI_JSON_OUT_H
#define CP_CLI_JSON_OUT_H

#include "careerpath.h"
#include "report.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* Routes jansson's allocations through a check that remembers a failure (per thread; set once
 * per process, whatever thread calls it first): jansson drops a member whose value could not
 * be made, so a tree built while memory ran out would otherwise print as a valid but
 * incomplete document. */
void cp_cli_json_init(void);
/* The JSON text of `root` (which it consumes), indented by 2, reals to `precision` digits,
 * newline-terminated; NULL when memory runs out, here or while the tree was built. The caller
 * frees the text. */
char *cp_cli_json_text(json_t *root, int precision, size_t *len);
/* The same on one line, 12 digits (a batch answer). */
char *cp_cli_json_line(json_t *root, size_t *len);

/* Writes the text of `root` (consumed) to `f`; out of memory is exit 5 with "out of memory
 * formatting WHAT". */
int cp_cli_json_write(const cp_cli *c, FILE *f, json_t *root, int precision, const char *what);

/* NaN as null, whole numbers without a decimal point. */
json_t *cp_cli_json_number(double v);
json_t *cp_cli_names_json(const char *const *names, size_t n);
/* {"months": 36, "cost": 20000}: the finite limits, by criterion name. */
json_t *cp_cli_limits_json(const double *limits);

#endif /* CP_CLI_JSON_OUT_H */
