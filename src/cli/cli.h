/* cli.h: the careerpath command line as a library, so tests can run commands in-process. */
#ifndef CP_CLI_H
#define CP_CLI_H

#include "careerpath.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit codes, documented in README.md. */
enum cp_exit {
  CP_EXIT_OK = 0,
  CP_EXIT_NO_ROUTE = 1, /* the question was fine, but no route exists */
  CP_EXIT_USAGE = 2,    /* bad command line */
  CP_EXIT_INPUT = 3,    /* bad or unreadable input: graph file, role name, criterion */
  CP_EXIT_OUTPUT = 4,   /* the output could not be written */
  CP_EXIT_INTERNAL = 5, /* out of memory, or a library failure */
};

/* Runs one careerpath command line; writes results to `out` and messages to `err`.
 * Returns an exit code. */
int cp_cli_main(int argc, char **argv, FILE *out, FILE *err);

/* ---- shared by the commands (args.c, output.c) ---- */

typedef struct cp_cli {
  FILE *out, *err;
  const char *command;
} cp_cli;

/* Prints "careerpath COMMAND: message" on err and returns `code`. */
int cp_cli_fail(const cp_cli *c, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The exit code for a library status. */
int cp_cli_exit_code(cp_status st);
/* Maps a library status (with its message) to an exit code, printing the message. */
int cp_cli_status(const cp_cli *c, cp_status st, const cp_error *e);

/* Loads GRAPH (NULL: the built-in graph) with an optional roles file. */
int cp_cli_load_graph(const cp_cli *c, const char *path, const char *roles, cp_graph **out);

/* Output formats a command may accept. */
typedef enum cp_out_format {
  CP_OUT_TEXT,
  CP_OUT_JSON,
  CP_OUT_CSV,
  CP_OUT_DOT,
  CP_OUT_SVG,
  CP_OUT_HTML,
  CP_OUT_PNG,
  CP_OUT_PDF
} cp_out_format;
/* The bits of the drawing formats every drawing command takes besides its own. */
#define CP_OUT_IMAGES (CP_OUT_BIT(CP_OUT_PNG) | CP_OUT_BIT(CP_OUT_PDF))
/* Parses `name` among the formats allowed by `allowed` (a bit per format). */
int cp_cli_parse_format(const cp_cli *c, const char *name, unsigned allowed, cp_out_format *out);
#define CP_OUT_BIT(f) (1u << (f))

/* Writes `len` bytes to `path` through a temporary file in the same directory renamed over
 * it, so a failed run never leaves a half-written file; NULL or "-" means `c->out`. Refuses
 * a path that is one of `inputs` (NULL-terminated). */
/* cp_cli_write for `n` files that belong together (mobility build's transitions and roles):
 * every regular file is written to its temporary file before any is renamed into place, so
 * a failure (a full disk) leaves all the earlier files as they were. Renamed in order. */
int cp_cli_write_files(const cp_cli *c, size_t n, const char *const *paths, const char *const *data,
                       const size_t *lens, const char *const *inputs);
/* CP_EXIT_USAGE, with the message cp_cli_write gives, when `path` is one of `inputs`; for a
 * command writing two files, which checks both before writing either. */
int cp_cli_refuse_inputs(const cp_cli *c, const char *path, const char *const *inputs);
int cp_cli_write(const cp_cli *c, const char *path, const char *data, size_t len,
                 const char *const *inputs);

/* Closes a stream from open_memstream. False when memory ran out writing to it or closing it
 * (glibc's fclose then returns 0 but leaves the buffer NULL); *buf is then freed and NULL. */
bool cp_cli_memstream_close(FILE *f, char **buf);

/* "%g" with NaN as "-". */
void cp_cli_number(double v, char *buf, size_t n);

/* Starts option parsing for a command (getopt_long from the beginning, quietly). */
void cp_cli_getopt_reset(void);
/* getopt_long that reports unknown options and missing arguments on c->err itself:
 * returns -1 at the end, '?' after printing an error, or the option's value. `shortopts`
 * must start with ':'. */
struct option;
int cp_cli_getopt(const cp_cli *c, int argc, char **argv, const char *shortopts,
                  const struct option *longopts);
/* Parses a whole positive number for option `name`; prints an error and returns false for
 * anything else. */
bool cp_cli_parse_count(const cp_cli *c, const char *name, const char *text, size_t *out);

/* Takes the optional GRAPH operand left after the options; more operands are a usage
 * error (returns its exit code). */
int cp_cli_graph_operand(const cp_cli *c, int argc, char **argv, const char **graph_path);
/* Parses --by's value; a usage error names the choices. */
int cp_cli_parse_criterion(const cp_cli *c, const char *text, cp_criterion *out);
/* Resolves two role names and finds the k best routes between them; on failure prints the
 * error and returns its exit code. The caller frees *out. */
int cp_cli_find_routes(const cp_cli *c, const cp_graph *g, const char *from_name,
                       const char *to_name, cp_criterion by, size_t k, size_t *from, size_t *to,
                       cp_route_list **out);

/* ---- questions to the route engine (query.c) ---- */

enum { NC = CP_CRITERION_COUNT, MAX_LIST = 64 };

/* One question, as given on the command line or in a batch row. Names stay names until
 * they are resolved against the graph. */
typedef struct cp_cli_request {
  const char *from, *to;
  double weights[NC];
  bool weighted; /* more than one weight, or a weight other than 1 */
  cp_criterion by;
  double limits[NC];
  cp_criterion pareto[NC];
  size_t n_pareto;
  const char *avoid[MAX_LIST], *via[MAX_LIST], *have[MAX_LIST], *avoid_domain[MAX_LIST];
  size_t n_avoid, n_via, n_have, n_avoid_domain;
  size_t k;
  size_t reuse_source; /* batches: questions from this role still to come, this one included
                          (cp_query.reuse_source) */
} cp_cli_request;

/* A question resolved against a graph, and its routes once asked. */
typedef struct cp_cli_answer {
  size_t from, to;
  size_t *avoid; /* the roles named with --avoid, then those of each --avoid-domain */
  size_t n_avoid;
  size_t via[MAX_LIST];
  cp_query q;
  cp_route_list *routes;
} cp_cli_answer;

/* The long options every question command takes, handled by cp_cli_question_option. */
enum cp_cli_question_opt {
  CP_OPT_BY = 0x100,
  CP_OPT_WITHIN,
  CP_OPT_BUDGET,
  CP_OPT_MAX_MONTHS,
  CP_OPT_MAX_STEPS,
  CP_OPT_MAX_EFFORT,
  CP_OPT_AVOID,
  CP_OPT_AVOID_DOMAIN,
  CP_OPT_HAVE,
  CP_OPT_HAVE_FILE,
};
#define CP_CLI_QUESTION_OPTIONS                                                                    \
  {"by", required_argument, NULL, CP_OPT_BY}, {"within", required_argument, NULL, CP_OPT_WITHIN},  \
      {"budget", required_argument, NULL, CP_OPT_BUDGET},                                          \
      {"max-months", required_argument, NULL, CP_OPT_MAX_MONTHS},                                  \
      {"max-steps", required_argument, NULL, CP_OPT_MAX_STEPS},                                    \
      {"max-effort", required_argument, NULL, CP_OPT_MAX_EFFORT},                                  \
      {"avoid", required_argument, NULL, CP_OPT_AVOID},                                            \
      {"avoid-domain", required_argument, NULL, CP_OPT_AVOID_DOMAIN},                              \
      {"have", required_argument, NULL, CP_OPT_HAVE}, {                                            \
    "have-file", required_argument, NULL, CP_OPT_HAVE_FILE                                         \
  }
/* Whether `opt` is one of CP_CLI_QUESTION_OPTIONS; when it is, applies `arg` to `rq` (or
 * `*have_file`) and sets *ok, with a reason in `why` when false. */
bool cp_cli_question_option(int opt, const char *arg, cp_cli_request *rq, const char **have_file,
                            bool *ok, char *why, size_t n);
/* Routes jansson's allocations through a check that remembers a failure (cp_cli_main calls
 * it): jansson drops a member whose value could not be made, so a tree built while memory
 * ran out would otherwise print as a valid but incomplete document. */
void cp_cli_json_init(void);
/* The JSON text of `root` (indented, newline-terminated), which it consumes; NULL when memory
 * runs out, here or while the tree was built. The caller frees the text. */
char *cp_cli_json_text(json_t *root, size_t *len);
/* The same on one line (a batch answer). */
char *cp_cli_json_line(json_t *root, size_t *len);
/* Prints `root` (which it consumes) indented on c->out, numbers to `precision` digits; the
 * exit code, with a one-line message when memory ran out or the output failed. */
int cp_cli_json_print(const cp_cli *c, json_t *root, int precision);

/* The columns of a batch file (route --batch, render --batch): name, from, to, by, k,
 * pareto, budget, max_months, max_steps, max_effort, avoid, via, have. */
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

/* Defaults: by months, k = 1, no limits. */
void cp_cli_request_init(cp_cli_request *rq);
/* Option and column values; false with a reason in `why` (n bytes) when malformed. */
bool cp_cli_parse_by(const char *text, cp_cli_request *rq, char *why, size_t n);
bool cp_cli_parse_pareto(const char *text, cp_cli_request *rq, char *why, size_t n);
bool cp_cli_parse_limit(const char *name, const char *text, double *out, char *why, size_t n);
/* "months=36,cost=20000": limits on several criteria at once. */
bool cp_cli_parse_within(const char *text, cp_cli_request *rq, char *why, size_t n);
bool cp_cli_add_name(const char **list, size_t *n, const char *name, const char *what, char *why,
                     size_t wn);
/* Reads credentials held, one per line ('#' comments), into rq->have; *keep holds the text. */
int cp_cli_read_have_file(const cp_cli *c, const char *path, cp_cli_request *rq, char **keep);
bool cp_cli_held(const cp_cli_request *rq, const char *name);
/* Resolves names (from and to are optional) and builds a->q; prints any error prefixed by
 * `where` and returns its exit code. Free with cp_cli_answer_free either way. */
int cp_cli_prepare(const cp_cli *c, const cp_graph *g, const cp_cli_request *rq, cp_cli_answer *a,
                   const char *where);
/* Prepares and asks (routes, or the Pareto set). */
int cp_cli_ask(const cp_cli *c, const cp_router *router, const cp_cli_request *rq, cp_cli_answer *a,
               const char *where);
/* Prints a search failure the way every command does; returns the exit code. */
int cp_cli_search_status(const cp_cli *c, cp_status st, const cp_error *e, const char *where);
void cp_cli_answer_free(cp_cli_answer *a);
/* "months", "months=1, cost=0.0005" or "Pareto on months, cost". */
void cp_cli_describe(const cp_cli_request *rq, char *buf, size_t n);
/* NaN as null, whole numbers without a decimal point. */
json_t *cp_cli_json_number(double v);
json_t *cp_cli_names_json(const char *const *names, size_t n);
/* One route with its steps (figures for what the person holds; requirements held, to earn
 * and other). */
json_t *cp_cli_route_json(const cp_router *router, const cp_cli_answer *a, const cp_cli_request *rq,
                          const cp_route *r);
void cp_cli_route_text(FILE *f, const cp_router *router, const cp_cli_answer *a,
                       const cp_cli_request *rq, const cp_route *r);
/* Draws the answer's best route alone, each step a card with what this person pays: as DOT
 * or SVG, or an HTML page with the drawing and a step table. `title` NULL: "A to B, by ...".
 * Prints any error; returns the exit code. *text is malloc'd. */
int cp_cli_draw_route(const cp_cli *c, const cp_router *router, const cp_cli_request *rq,
                      const cp_cli_answer *a, cp_out_format format, const char *title, char **text,
                      size_t *len);
/* "2 steps, 96 months, $695". */
void cp_cli_route_summary(const cp_route *r, char *buf, size_t n);
/* The route's steps as an HTML table (a row a step, a totals row), text escaped. */
void cp_cli_route_table_html(FILE *f, const cp_router *router, const cp_cli_answer *a,
                             const cp_cli_request *rq, const cp_route *r);
/* "Within $15,000, 36 months; avoiding ...; holding PMP." when anything beyond from/to. */
void cp_cli_conditions_text(FILE *f, const cp_graph *g, const cp_cli_request *rq,
                            const cp_cli_answer *a);

/* Renders `ro` as DOT or SVG into *text; edges are labelled with ro->label_by, or left
 * unlabelled when the graph does not carry it. Prints any error; returns the exit code. */
int cp_cli_draw(const cp_cli *c, const cp_graph *g, cp_render_options *ro, cp_out_format format,
                char **text, size_t *len);

/* Writes `s` with &, <, >, " and ' as HTML entities: text, never markup. */
void cp_cli_html_text(FILE *f, const char *s);
/* One self-contained page: the title, the drawing inline (`svg`, may be NULL) and `body`
 * (HTML already escaped). *out is malloc'd; prints any error and returns the exit code. */
int cp_cli_html_page(const cp_cli *c, const char *title, const char *svg, const char *body,
                     char **out, size_t *len);

/* The commands. argv[0] is the command name. */
int cp_cmd_route(const cp_cli *c, int argc, char **argv);
int cp_cmd_reach(const cp_cli *c, int argc, char **argv);
int cp_cmd_into(const cp_cli *c, int argc, char **argv);
int cp_cmd_whatif(const cp_cli *c, int argc, char **argv);
int cp_cmd_render(const cp_cli *c, int argc, char **argv);
int cp_cmd_roles(const cp_cli *c, int argc, char **argv);
int cp_cmd_validate(const cp_cli *c, int argc, char **argv);
int cp_cmd_mobility(const cp_cli *c, int argc, char **argv);
int cp_cmd_stats(const cp_cli *c, int argc, char **argv);
int cp_cmd_centrality(const cp_cli *c, int argc, char **argv);
int cp_cmd_communities(const cp_cli *c, int argc, char **argv);
int cp_cmd_markov(const cp_cli *c, int argc, char **argv);

/* Writes `s` as one CSV field, quoted when it must be. */
void cp_cli_csv_text(FILE *f, const char *s);
/* Parses a community method name (leiden, louvain); a usage error otherwise. */
int cp_cli_parse_method(const cp_cli *c, const char *text, cp_community_method *out);

#endif /* CP_CLI_H */
