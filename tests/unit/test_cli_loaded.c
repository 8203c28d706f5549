/* test_cli_loaded.c: cp_cli_run_loaded, the entry point a server uses: a command on a graph
 * loaded once, options as name/value pairs, the same bytes as the command line, from several
 * threads at once. */
#include "cli_test.h"

#include <pthread.h>

/* What cp_cli_run_loaded writes, and its exit code. */
typedef struct loaded_result {
  int code;
  char *out, *err;
  size_t out_len;
} loaded_result;

static loaded_result run_loaded(const char *command, const cp_graph *g, const cp_router *router,
                                const cp_cli_pair *pairs, size_t n) {
  loaded_result r;
  FILE *out = tmpfile(), *err = tmpfile();
  assert_non_null(out);
  assert_non_null(err);
  r.code = cp_cli_run_loaded(command, g, router, pairs, n, out, err);
  r.out = cli_test_slurp(out, &r.out_len);
  r.err = cli_test_slurp(err, NULL);
  return r;
}

static void loaded_free(loaded_result *r) {
  free(r->out);
  free(r->err);
}

/* One question asked both ways: the command line on small.gv, and the loaded graph. */
typedef struct question {
  const char *command;
  cp_cli_pair pairs[6];
  size_t n;
} question;

static const question questions[] = {
    {"route", {{"from", "a"}, {"to", "e"}, {"format", "json"}}, 3},
    {"route", {{"from", "a"}, {"to", "d"}, {"by", "cost"}, {"k", "3"}, {"format", "json"}}, 5},
    {"route", {{"from", "a"}, {"to", "d"}, {"pareto", "months,cost"}, {"format", "json"}}, 4},
    {"route", {{"from", "e"}, {"to", "a"}, {"format", "json"}}, 3},
    {"route", {{"from", "a"}, {"to", "e"}, {"format", "svg"}}, 3},
    {"reach", {{"from", "a"}, {"max-months", "15"}, {"format", "json"}}, 3},
    {"into", {{"to", "d"}, {"by", "cost"}, {"avoid", "b"}, {"format", "json"}}, 4},
    {"roles", {{"domain", "d2"}, {"format", "json"}}, 2},
    {"validate", {{"format", "json"}}, 1},
    {"stats", {{"format", "json"}}, 1},
    {"centrality", {{"measure", "degree"}, {"format", "json"}}, 2},
    {"markov", {{"normalize", NULL}, {"format", "json"}}, 2},
};

/* The command line for `q` on small.gv. */
static run_result *run_question(const question *q) {
  char opts[6][64];
  const char *args[24] = {q->command, SMALL};
  size_t n = 2;
  for (size_t i = 0; i < q->n; i++) {
    snprintf(opts[i], sizeof opts[i], "--%s", q->pairs[i].name);
    args[n++] = opts[i];
    if (q->pairs[i].value)
      args[n++] = q->pairs[i].value;
  }
  args[n] = NULL;
  return cli_run_list(args);
}

static void loaded_runs_give_the_command_lines_bytes(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_router *router = NULL;
  assert_int_equal(cp_router_new(g, &router, NULL), CP_OK);
  for (size_t i = 0; i < sizeof questions / sizeof *questions; i++) {
    const question *q = &questions[i];
    run_result *want = run_question(q);
    for (int with_router = 0; with_router < 2; with_router++) {
      loaded_result got = run_loaded(q->command, g, with_router ? router : NULL, q->pairs, q->n);
      if (got.code != want->code || got.out_len != want->out_len ||
          memcmp(got.out, want->out, got.out_len) || strcmp(got.err, want->err))
        fail_msg("question %zu (%s): loaded exit %d, %zu bytes; command line exit %d, %zu bytes", i,
                 q->command, got.code, got.out_len, want->code, want->out_len);
      loaded_free(&got);
    }
  }
  cp_router_free(router);
  cp_graph_free(g);
}

/* Nothing that names a file or edits the graph; commands that read no graph; exact names. */
static void loaded_runs_touch_no_file(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  static const struct {
    const char *command;
    cp_cli_pair pair;
    const char *err;
  } refused[] = {
      {"route", {"output", "/tmp/x"}, "--output is not available on a shared graph"},
      {"route", {"roles", "r.csv"}, "--roles is not available"},
      {"route", {"batch", "q.csv"}, "--batch is not available"},
      {"route", {"have-file", "h.txt"}, "--have-file is not available"},
      {"render", {"out-dir", "d"}, "--out-dir is not available"},
      {"render", {"communities", "leiden"}, "--communities is not available"},
      {"route", {"fro", "a"}, "unknown option '--fro'"},
      {"route", {"from", NULL}, "option '--from' needs a value"},
      {"markov", {"normalize", "yes"}, "option '--normalize' takes no value"},
      {"mobility build", {"strict", NULL}, "'mobility build' is not a command that answers"},
      {"frob", {"from", "a"}, "'frob' is not a command"},
  };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    loaded_result r = run_loaded(refused[i].command, g, NULL, &refused[i].pair, 1);
    if (r.code != CP_EXIT_USAGE)
      fail_msg("case %zu: exit %d: %s", i, r.code, r.err);
    assert_contains(r.err, refused[i].err);
    assert_int_equal(r.out_len, 0);
    loaded_free(&r);
  }
  cp_graph_free(g);
}

typedef struct worker {
  const cp_graph *g;
  char *want[sizeof questions / sizeof *questions];
  size_t want_len[sizeof questions / sizeof *questions];
  int failures;
} worker;

/* What a server may ask from several threads at once: not drawings (Graphviz) nor what goes
 * through igraph (validate, stats, centrality, communities), which Debian builds without
 * thread safety (IGRAPH_THREAD_SAFE 0: one global "finally" stack). */
static bool for_threads(const question *q) {
  static const char *const single[] = {"validate", "stats", "centrality", "communities"};
  for (size_t i = 0; i < sizeof single / sizeof *single; i++)
    if (!strcmp(q->command, single[i]))
      return false;
  for (size_t i = 0; i < q->n; i++)
    if (!strcmp(q->pairs[i].name, "format") && strcmp(q->pairs[i].value, "json"))
      return false;
  return true;
}

/* A router serves one thread at a time: each worker makes its own over the shared graph. */
static void *ask_all(void *arg) {
  worker *w = arg;
  cp_router *router = NULL;
  if (cp_router_new(w->g, &router, NULL) != CP_OK) {
    w->failures++;
    return NULL;
  }
  for (int round = 0; round < 5; round++)
    for (size_t i = 0; i < sizeof questions / sizeof *questions; i++) {
      const question *q = &questions[i];
      if (!for_threads(q))
        continue;
      FILE *out = tmpfile(), *err = tmpfile();
      cp_cli_run_loaded(q->command, w->g, round % 2 ? router : NULL, q->pairs, q->n, out, err);
      size_t len;
      char *got = cli_test_slurp(out, &len);
      free(cli_test_slurp(err, NULL));
      w->failures += len != w->want_len[i] || memcmp(got, w->want[i], len) != 0;
      free(got);
    }
  cp_router_free(router);
  return NULL;
}

/* Four threads asking every question a server may ask at once (for_threads) over one graph
 * get the bytes one thread gets. */
static void loaded_runs_in_threads(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  worker w[4] = {{.g = g}};
  for (size_t i = 0; i < sizeof questions / sizeof *questions; i++) {
    loaded_result r = run_loaded(questions[i].command, g, NULL, questions[i].pairs, questions[i].n);
    w[0].want[i] = r.out;
    w[0].want_len[i] = r.out_len;
    free(r.err);
  }
  for (int t = 1; t < 4; t++)
    w[t] = w[0];
  pthread_t threads[4];
  for (int t = 0; t < 4; t++)
    assert_int_equal(pthread_create(&threads[t], NULL, ask_all, &w[t]), 0);
  for (int t = 0; t < 4; t++) {
    pthread_join(threads[t], NULL);
    assert_int_equal(w[t].failures, 0);
  }
  for (size_t i = 0; i < sizeof questions / sizeof *questions; i++)
    free(w[0].want[i]);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loaded_runs_give_the_command_lines_bytes),
      cmocka_unit_test(loaded_runs_touch_no_file),
      cmocka_unit_test(loaded_runs_in_threads),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
