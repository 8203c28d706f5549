/* route_batch.h: `route --batch`: a file of questions, each answered in turn. */
#ifndef CP_CLI_ROUTE_BATCH_H
#define CP_CLI_ROUTE_BATCH_H

#include "groups.h"

/* Answers every row of x->args.batch (the run's options as defaults) and writes an answer
 * per row, in file order, to `out` as it goes: a line of text, or a line of JSON. A bad row
 * is reported with its line and skipped, and the run then ends with exit 3 (x->code) after
 * the answers are written; out of memory stops it (CP_EXIT_INTERNAL, nothing written). A
 * batch is a stream of questions: each row is computed and then presented before the rows
 * after it, so that answers reach stdout as soon as they are known. */
int cp_cli_route_batch(cp_cli_run *x, cp_out_format f, FILE *out);

#endif /* CP_CLI_ROUTE_BATCH_H */
