/* cmd_serve.c: `careerpath serve`: one graph, loaded once, served as a page and a JSON API
 * until Ctrl-C. */
#include "groups.h"
#include "serve_http.h"

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct serve_state {
  const char *bind;
  unsigned port;
  cp_server_options o;
} serve_state;

static int set_port(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  char *end;
  unsigned long port = strtoul(value, &end, 10);
  bool ok = value[0] >= '0' && value[0] <= '9' && !*end && port <= 65535;
  if (ok)
    *(unsigned *)dst = (unsigned)port;
  return cp_cli_verdict(x, ok, "--port takes a whole number from 0 to 65535 (0: any free port)");
}

static const cp_cli_option opt_port = {
    .name = "port",
    .value = "N",
    .help = "the TCP port to listen on (default 8080; 0: any free port, printed with the URL)",
    .heading = CP_HEAD_OPTIONS,
    .set = set_port,
    .offset = offsetof(serve_state, port),
};
static const cp_cli_option opt_bind = {
    .name = "bind",
    .value = "ADDR",
    .help = "the address to listen on, IPv4 or IPv6 (default 127.0.0.1: this machine only; "
            "0.0.0.0 lets others on the network in)",
    .heading = CP_HEAD_OPTIONS,
    .set = cp_cli_set_string,
    .offset = offsetof(serve_state, bind),
};
static const cp_cli_option *const options[] = {&opt_port, &opt_bind, NULL};

static void serve_init(cp_cli_run *x, void *state) {
  (void)x;
  serve_state *s = state;
  s->bind = "127.0.0.1";
  s->port = 8080;
}

static int serve_check(cp_cli_run *x, void *state) {
  serve_state *s = state;
  if (x->loaded)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "serve runs from the command line only");
  if (!cp_server_address(s->bind, s->port, &s->o))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--bind takes a numeric IPv4 or IPv6 address (127.0.0.1, ::1, 0.0.0.0), "
                       "not '%s'",
                       s->bind);
  return CP_EXIT_OK;
}

/* Serves until SIGINT or SIGTERM, which every thread blocks: the server's threads inherit the
 * mask, so the signal is taken here, by sigwait, and the stop is an ordinary one. */
static int serve_compute(cp_cli_run *x, void *state) {
  serve_state *s = state;
  sigset_t stop, old;
  cp_server *server;
  char why[256];
  int sig = 0;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, &old);
  s->o.run = x->run_loaded;
  int code = cp_server_start(x->g, &s->o, &server, why, sizeof why);
  if (code) {
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return cp_cli_fail(&x->c, code, "%s", why);
  }
  fprintf(x->c.out, "Serving %s (%zu roles, %zu transitions) on %u threads.\n", cp_graph_name(x->g),
          cp_graph_role_count(x->g), cp_graph_transition_count(x->g), cp_server_threads(server));
  fprintf(x->c.out, "Open %s in a browser; Ctrl-C stops the server.\n", cp_server_url(server));
  fflush(x->c.out);
  sigwait(&stop, &sig);
  unsigned long answered = cp_server_requests(server);
  cp_server_stop(server);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  fprintf(x->c.out, "Stopped (%s) after %lu requests.\n", sig == SIGINT ? "Ctrl-C" : "SIGTERM",
          answered);
  x->no_output = true;
  return CP_EXIT_OK;
}

/* Everything was said while serving. */
static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)x, (void)state, (void)f, (void)out;
  return CP_EXIT_OK;
}

const cp_cli_command cp_cmd_serve = {
    .name = "serve",
    .summary = "a page for advisors and students, and a JSON API, in the browser",
    .section = CP_SECTION_COMMANDS,
    .synopsis = "[GRAPH] [--port N] [--bind ADDR]",
    .description =
        "Serves a graph, loaded once, as a web page: pick where you are and where you want to\n"
        "be, see the fastest, cheapest and least-effort routes drawn, their steps, the\n"
        "alternatives, where the limits let you go and every way into a role, and print a\n"
        "one-page handout. The page's address holds the question, so it can be bookmarked\n"
        "or sent. Prints the address to open; Ctrl-C (or SIGTERM) stops the server.",
    .groups = CP_GROUP_GRAPH,
    .options = options,
    .notes =
        "The page asks a JSON API that anyone can ask too: /api/route, /api/reach, /api/into,\n"
        "/api/whatif, /api/roles, /api/render and /api/validate take the command's options as\n"
        "query parameters (/api/route?from=registered-nurse&to=cnio&by=cost) and answer\n"
        "exactly what `careerpath COMMAND --format json` prints for the same question\n"
        "(format=svg, html, text, csv or dot for the others). Errors are JSON too: 400 a bad\n"
        "parameter, 422 an unknown role or a bad value, 404 no such page.\n\n"
        "Only GET and HEAD are answered; request targets are at most 4096 bytes; nothing a\n"
        "request says reads or writes a file. Requests run on one thread per core; drawings\n"
        "run one at a time. An idle connection is closed after 10 seconds.",
    .exit_codes = "0 stopped by Ctrl-C or SIGTERM, 2 usage error, 3 bad graph, 4 cannot listen "
                  "on the address (in use, not this machine's, a port below 1024), 5 internal "
                  "error.",
    .what = "the server",
    .default_format = CP_OUT_TEXT,
    .present = {[CP_OUT_TEXT] = present_text},
    .state_size = sizeof(serve_state),
    .init = serve_init,
    .check = serve_check,
    .compute = serve_compute,
};
