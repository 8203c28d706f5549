/* route_batch.h: `route --batch`: a file of questions, each answered in turn. */
#ifndef CP_CLI_ROUTE_BATCH_H
#define CP_CLI_ROUTE_BATCH_H

#include "groups.h"

/* Answers every row of x->args.batch (the run's options as defaults) and writes an answer
 * per row, in file order, to `out` as it goes: a line of text, or a line of JSON. A bad row
 * is reported with its line and skipped, and the run then ends with exit 3 (x->code) after
 * the answers are written; out of memory stops it (CP_EXIT_INTERNAL, nothing written). A
 * batch is a stream of questions: answers reach stdout as soon as they and every row before
 * them are known. The rows of each source are answered together, from one kept search, by
 * one of `jobs` threads (0: one per online core, at most CP_CLI_BATCH_MAX_JOBS), each with a
 * router sharing x->router's snapshot; the output is the same bytes for any number. */
enum { CP_CLI_BATCH_MAX_JOBS = 64 };
/* `landmarks` (--landmarks): N > 0 makes N landmarks (cp_router_landmarks) first; 0 (auto)
 * and -1 (off) make none, as measured best on every batch (docs/performance.md). Either way
 * the output is the same bytes. */
enum { CP_CLI_MAX_LANDMARKS = 64 };
int cp_cli_route_batch(cp_cli_run *x, cp_out_format f, FILE *out, size_t jobs, long landmarks);

#endif /* CP_CLI_ROUTE_BATCH_H */
