/* cmd_compile.c: `careerpath compile`: any graph careerpath reads, written as a compiled image
 * that every command loads by mmap (docs/compiled-graph.md). */
#include "groups.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct compile_state {
  char *image;
  size_t len;
} compile_state;

/* An image is binary and written whole: to a file named by -o, staged and renamed. */
static int compile_check(cp_cli_run *x, void *state) {
  (void)state;
  const char *out = x->args.output;
  if (!out || !strcmp(out, "-"))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "a compiled graph is binary: give -o FILE.cpg");
  return CP_EXIT_OK;
}

static int compile_compute(cp_cli_run *x, void *state) {
  compile_state *s = state;
  cp_error e = {0};
  cp_status st = cp_graph_compile(x->g, &s->image, &s->len, &e);
  return cp_cli_status(&x->c, st, &e);
}

static int present_image(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  const compile_state *s = state;
  (void)x;
  (void)f;
  fwrite(s->image, 1, s->len, out);
  return CP_EXIT_OK;
}

static void compile_release(void *state) {
  compile_state *s = state;
  free(s->image);
}

static void compile_written(cp_cli_run *x, const void *state) {
  (void)state;
  fprintf(x->c.err, "careerpath compile: wrote %s (%zu roles, %zu transitions)\n", x->args.output,
          cp_graph_role_count(x->g), cp_graph_transition_count(x->g));
}

const cp_cli_command cp_cmd_compile = {
    .name = "compile",
    .summary = "write a graph as a binary image that every command maps instead of parsing",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH] -o FILE.cpg [OPTIONS]",
    .description =
        "Writes any graph careerpath reads (DOT, CSV or TSV tables, O*NET imports, the\n"
        "built-in graphs) as a compiled image: fixed-size records and one string table behind a\n"
        "checked header (version, byte order, size, XXH3 checksum). Every command takes the\n"
        "image as GRAPH, told by its first bytes, and maps it instead of parsing: the same\n"
        "graph, the same answers, loaded in a fraction of the time. An image is read only by\n"
        "the careerpath version that wrote its format, on a machine of the same byte order;\n"
        "compile again from the source otherwise. Format: docs/compiled-graph.md.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH,
    .notes = "The file written is named on standard error.",
    .exit_codes = "0 written, 2 usage error, 3 bad input, 4 output error, 5 internal error.",
    .what = "the compiled graph",
    .default_format = CP_OUT_CPG,
    .present = {[CP_OUT_CPG] = present_image},
    .state_size = sizeof(compile_state),
    .check = compile_check,
    .compute = compile_compute,
    .release = compile_release,
    .written = compile_written,
};
