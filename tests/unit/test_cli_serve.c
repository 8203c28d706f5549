/* test_cli_serve.c: careerpath serve's modules: request targets (serve_query), the API's
 * questions and statuses (serve_api), and a live server in this process (serve_http) asked
 * over real sockets, from several threads at once. */
#include "cli_test.h"
#include "serve_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

/* ---- request targets ---- */

static void targets_are_read_strictly(void **state) {
  (void)state;
  static const struct {
    const char *target;
    int status;
    const char *want; /* path|name=value|name... or the reason's words */
  } cases[] = {
      {"/api/route?from=a&to=b", 0, "/api/route|from=a|to=b"},
      {"/", 0, "/"},
      {"/api/route?", 0, "/api/route"},
      {"/api/route?&&from=a&&", 0, "/api/route|from=a"},
      {"/api/x?avoid=a&avoid=b&flag", 0, "/api/x|avoid=a|avoid=b|flag"},
      {"/api/x?from=Registered+Nurse&to=C%2FMIO%20x", 0, "/api/x|from=Registered Nurse|to=C/MIO x"},
      {"/api/x?q=%C3%A9t%C3%A9", 0, "/api/x|q=\xc3\xa9t\xc3\xa9"},
      {"/api/x?empty=", 0, "/api/x|empty="},
      {"/api/x?a=1=2", 0, "/api/x|a=1=2"},
      {"/a%2Fb", 0, "/a/b"},
      {"/a+b", 0, "/a+b"}, /* '+' is a space in the query only */
      {"/api/x?from=a%zz", 400, "byte 14 of the request target"},
      {"/api/x?from=a%", 400, "two hex digits"},
      {"/api/x?from=a%4", 400, "two hex digits"},
      {"/api/x?from=%00", 400, "the value of 'from' holds a NUL byte"},
      {"/api/x?fr%00om=a", 400, "a parameter's name holds a NUL"},
      {"/api/x?from=%ff", 400, "the value of 'from' is not UTF-8"},
      {"/api/x?from=%C0%AF", 400, "not UTF-8"}, /* an overlong '/' */
      {"/%ff", 400, "the path is not UTF-8"},
      {"/api/x?=a", 400, "a parameter without a name at byte 8"},
      {"api/x", 400, "must start with '/'"},
      {"", 400, "must start with '/'"},
      {"/a b", 400, "byte 3 of the request target is a control character or space"},
      {"/a\tb", 400, "control character"},
      {"/a\x7f", 400, "control character"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_serve_query q;
    char why[256] = "", got[512];
    int st = cp_serve_parse_target(cases[i].target, strlen(cases[i].target), &q, why, sizeof why);
    if (st != cases[i].status)
      fail_msg("case %zu (%s): status %d (%s), wanted %d", i, cases[i].target, st, why,
               cases[i].status);
    if (st) {
      assert_contains(why, cases[i].want);
      assert_null(q.buf);
      continue;
    }
    size_t used = (size_t)snprintf(got, sizeof got, "%s", q.path);
    for (size_t j = 0; j < q.n; j++)
      used +=
          (size_t)snprintf(got + used, sizeof got - used, "|%s%s%s", q.param[j].name,
                           q.param[j].value ? "=" : "", q.param[j].value ? q.param[j].value : "");
    if (strcmp(got, cases[i].want))
      fail_msg("case %zu (%s): %s, wanted %s", i, cases[i].target, got, cases[i].want);
    cp_serve_query_free(&q);
  }
}

static void targets_are_bounded(void **state) {
  (void)state;
  char target[CP_SERVE_MAX_TARGET + 2], why[256];
  cp_serve_query q;
  memset(target, 'a', sizeof target);
  target[0] = '/';
  assert_int_equal(cp_serve_parse_target(target, CP_SERVE_MAX_TARGET, &q, why, sizeof why), 0);
  cp_serve_query_free(&q);
  assert_int_equal(cp_serve_parse_target(target, CP_SERVE_MAX_TARGET + 1, &q, why, sizeof why),
                   414);
  assert_contains(why, "over 4096 bytes");
  /* 64 pairs are fine, 65 are not. */
  size_t used = (size_t)snprintf(target, sizeof target, "/api/x?");
  for (int i = 0; i < CP_SERVE_MAX_PARAMS; i++)
    used += (size_t)snprintf(target + used, sizeof target - used, "a%d=%d&", i, i);
  assert_int_equal(cp_serve_parse_target(target, used, &q, why, sizeof why), 0);
  assert_int_equal(q.n, CP_SERVE_MAX_PARAMS);
  assert_string_equal(cp_serve_query_get(&q, "a63"), "63");
  cp_serve_query_free(&q);
  used += (size_t)snprintf(target + used, sizeof target - used, "one=more");
  assert_int_equal(cp_serve_parse_target(target, used, &q, why, sizeof why), 400);
  assert_contains(why, "more than 64 parameters");
}

static void the_last_value_wins(void **state) {
  (void)state;
  cp_serve_query q;
  char why[64];
  const char *t = "/x?by=cost&k=2&by=months&flag";
  assert_int_equal(cp_serve_parse_target(t, strlen(t), &q, why, sizeof why), 0);
  assert_string_equal(cp_serve_query_get(&q, "by"), "months");
  assert_null(cp_serve_query_get(&q, "flag"));
  assert_null(cp_serve_query_get(&q, "nothing"));
  cp_serve_query_free(&q);
}

/* ---- the API's questions ---- */

static int ask(const char *target, cp_serve_question *qn, cp_serve_query *q, char *why) {
  char w[256];
  assert_int_equal(cp_serve_parse_target(target, strlen(target), q, w, sizeof w), 0);
  const char *mark = strchr(target, '?');
  char path[64];
  snprintf(path, sizeof path, "%.*s", mark ? (int)(mark - target) : (int)strlen(target), target);
  return cp_serve_api_question(path, q, qn, why, 256);
}

static void questions_name_a_command_and_a_format(void **state) {
  (void)state;
  cp_serve_query q;
  cp_serve_question qn;
  char why[256];
  assert_int_equal(ask("/api/route?from=a&to=b", &qn, &q, why), 0);
  assert_string_equal(qn.command, "route");
  assert_int_equal(qn.f, CP_OUT_JSON);
  assert_false(qn.alone);
  assert_int_equal(qn.n, 3); /* format=json added */
  assert_string_equal(qn.pair[2].name, "format");
  assert_string_equal(qn.pair[2].value, "json");
  cp_serve_query_free(&q);

  assert_int_equal(ask("/api/route?from=a&to=b&format=svg", &qn, &q, why), 0);
  assert_int_equal(qn.f, CP_OUT_SVG);
  assert_true(qn.alone); /* Graphviz */
  assert_int_equal(qn.n, 3);
  cp_serve_query_free(&q);

  assert_int_equal(ask("/api/route?format=html&from=a", &qn, &q, why), 0);
  assert_true(qn.alone);
  cp_serve_query_free(&q);
  assert_int_equal(ask("/api/validate", &qn, &q, why), 0);
  assert_true(qn.alone); /* igraph */
  cp_serve_query_free(&q);
  assert_int_equal(ask("/api/reach?from=a&format=text", &qn, &q, why), 0);
  assert_false(qn.alone);
  cp_serve_query_free(&q);

  static const struct {
    const char *target, *why;
    int status;
  } refused[] = {
      {"/api/frob", "no such page", 404},
      {"/api/", "no such page", 404},
      {"/api/mobility", "no such page", 404},
      {"/api/stats", "no such page", 404},
      {"/nothing", "no such page", 404},
      {"/api/route?format=png", "format 'png' is not served", 400},
      {"/api/route?format=pdf", "format 'pdf' is not served", 400},
      {"/api/route?help", "'help' is not a question", 400},
  };
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    assert_int_equal(ask(refused[i].target, &qn, &q, why), refused[i].status);
    assert_contains(why, refused[i].why);
    cp_serve_query_free(&q);
  }
}

/* An answer through cp_cli_run_loaded on small.gv. */
static cp_serve_reply answer(const cp_graph *g, const char *target) {
  cp_serve_query q;
  cp_serve_question qn;
  cp_serve_reply r;
  char why[256];
  assert_int_equal(ask(target, &qn, &q, why), 0);
  cp_serve_api_answer(&qn, g, NULL, cp_cli_run_loaded, &r);
  cp_serve_query_free(&q);
  return r;
}

static void answers_are_the_command_lines_bytes(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_serve_reply r = answer(g, "/api/route?from=a&to=e&by=cost&k=2");
  run_result *want = run("route", SMALL, "--from", "a", "--to", "e", "--by", "cost", "--k", "2",
                         "--format", "json");
  assert_int_equal(r.status, 200);
  assert_int_equal(r.exit_code, 0);
  assert_int_equal(r.len, want->out_len);
  assert_memory_equal(r.body, want->out, r.len);
  free(r.body);

  /* No route: the JSON says so, and the exit code travels with it. */
  r = answer(g, "/api/route?from=e&to=a");
  want = run("route", SMALL, "--from", "e", "--to", "a", "--format", "json");
  assert_int_equal(want->code, CP_EXIT_NO_ROUTE);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.exit_code, CP_EXIT_NO_ROUTE);
  assert_int_equal(r.len, want->out_len);
  assert_memory_equal(r.body, want->out, r.len);
  free(r.body);
  cp_graph_free(g);
}

static void failures_are_json_naming_the_problem(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  static const struct {
    const char *target;
    int status, exit_code;
    const char *error;
  } cases[] = {
      {"/api/route?from=nobody&to=e", 422, 3, "\"error\": \"no role named 'nobody'"},
      {"/api/route?from=a&to=e&budget=lots", 400, 2, "--budget needs a number >= 0, not 'lots'"},
      {"/api/route?from=a&to=e&k=0", 400, 2, "--k"},
      {"/api/route?from=a", 400, 2, "--from and --to are required"},
      {"/api/route?from=a&to=e&output=/tmp/x", 400, 2, "--output is not available"},
      {"/api/route?from=a&to=e&have-file=/etc/passwd", 400, 2, "--have-file is not available"},
      {"/api/route?from=a&to=e&frob=1", 400, 2, "unknown option '--frob'"},
      {"/api/route?from=e&to=a&format=svg", 404, 1, "no route from 'Epsilon' to 'Alpha Role'"},
      {"/api/render", 400, 2, "json"}, /* render draws: it offers no JSON */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_serve_reply r = answer(g, cases[i].target);
    if (r.status != cases[i].status || r.exit_code != cases[i].exit_code)
      fail_msg("case %zu (%s): status %d exit %d: %.*s", i, cases[i].target, r.status, r.exit_code,
               (int)r.len, r.body);
    assert_int_equal(r.f, CP_OUT_JSON);
    assert_contains(r.body, cases[i].error);
    assert_null(strstr(r.body, "careerpath route:")); /* the prefix is the CLI's, not the API's */
    free(r.body);
  }
  cp_graph_free(g);
}

/* ---- a live server ---- */

typedef struct http_result {
  int status;
  char head[2048];
  char *body;
  size_t len;
} http_result;

/* Sends `request` (raw bytes) to 127.0.0.1:port and reads the answer to the end. */
static http_result http(unsigned port, const char *request, size_t n) {
  http_result r = {0};
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
  for (size_t sent = 0; sent < n;) {
    ssize_t k = send(fd, request + sent, n - sent, MSG_NOSIGNAL);
    if (k <= 0)
      break; /* the server may answer and close before reading it all */
    sent += (size_t)k;
  }
  char *all = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len + 4096 + 1 > cap)
      assert_non_null(all = realloc(all, cap = 2 * cap + 8192));
    ssize_t k = recv(fd, all + len, 4096, 0);
    if (k <= 0)
      break;
    len += (size_t)k;
  }
  close(fd);
  all[len] = '\0';
  char *end = strstr(all, "\r\n\r\n");
  assert_non_null(end);
  snprintf(r.head, sizeof r.head, "%.*s", (int)(end - all), all);
  assert_int_equal(sscanf(all, "HTTP/1.1 %d", &r.status), 1);
  r.len = len - (size_t)(end + 4 - all);
  r.body = malloc(r.len + 1);
  memcpy(r.body, end + 4, r.len + 1);
  free(all);
  return r;
}

static http_result get(unsigned port, const char *target) {
  char req[8192];
  int n =
      snprintf(req, sizeof req,
               "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n\r\n", target, port);
  return http(port, req, (size_t)n);
}

static unsigned port_of(const cp_server *s) {
  unsigned port = 0;
  assert_int_equal(sscanf(cp_server_url(s), "http://127.0.0.1:%u/", &port), 1);
  return port;
}

static cp_server *serve(const cp_graph *g) {
  cp_server_options o = {.run = cp_cli_run_loaded, .threads = 2};
  cp_server *s = NULL;
  char why[256];
  assert_true(cp_server_address("127.0.0.1", 0, &o));
  if (cp_server_start(g, &o, &s, why, sizeof why))
    fail_msg("%s", why);
  return s;
}

static void the_server_answers_the_page_and_the_api(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_server *s = serve(g);
  unsigned port = port_of(s);
  http_result r = get(port, "/");
  assert_int_equal(r.status, 200);
  assert_contains(r.head, "Content-Type: text/html; charset=utf-8");
  assert_contains(r.head, "Content-Security-Policy: default-src 'none'; script-src 'self';");
  assert_contains(r.head, "X-Content-Type-Options: nosniff");
  assert_contains(r.body, "<script src=\"/app.js\" defer></script>");
  assert_null(strstr(r.body, "<script>")); /* no inline script */
  free(r.body);
  r = get(port, "/app.js");
  assert_int_equal(r.status, 200);
  assert_contains(r.head, "Content-Type: text/javascript");
  free(r.body);

  r = get(port, "/api/route?from=a&to=e&avoid=c");
  run_result *want =
      run("route", SMALL, "--from", "a", "--to", "e", "--avoid", "c", "--format", "json");
  assert_int_equal(r.status, 200);
  assert_contains(r.head, "Content-Type: application/json");
  assert_contains(r.head, "X-Careerpath-Exit: 0");
  assert_int_equal(r.len, want->out_len);
  assert_memory_equal(r.body, want->out, r.len);
  free(r.body);

  r = get(port, "/api/route?from=a&to=e&format=html");
  assert_int_equal(r.status, 200);
  assert_contains(r.head, "sandbox allow-same-origin allow-modals"); /* the handout: no script */
  free(r.body);
  cp_server_stop(s);
  cp_graph_free(g);
}

/* `pattern` with H replaced by this server's Host and L by a target over the bound. */
static size_t fill_request(const char *pattern, unsigned port, char *req, size_t cap) {
  size_t n = 0;
  for (const char *p = pattern; *p && n + 8 < cap; p++) {
    if (*p == 'H' && p[1] == '\r')
      n += (size_t)snprintf(req + n, cap - n, "127.0.0.1:%u", port);
    else if (*p == 'L' && p[1] == ' ')
      for (req[n++] = '/'; n < CP_SERVE_MAX_TARGET + 100 && n + 8 < cap;)
        req[n++] = 'a';
    else
      req[n++] = *p;
  }
  return n;
}

static void the_server_refuses_what_it_does_not_answer(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_server *s = serve(g);
  unsigned port = port_of(s);
  char req[16384];
  static const struct {
    const char *request;
    int status;
    const char *body;
  } cases[] = {
      {"POST /api/route HTTP/1.1\r\nHost: H\r\nContent-Length: 5\r\n\r\nabcde", 405,
       "only GET and HEAD"},
      {"DELETE / HTTP/1.1\r\nHost: H\r\nConnection: close\r\n\r\n", 405, "only GET and HEAD"},
      {"GET /api/roles HTTP/1.1\r\nHost: H\r\nContent-Length: 3\r\n\r\nabc", 413, "no body"},
      {"GET /api/roles HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n", 421,
       "its own address"},
      {"GET /api/route?from=%zz HTTP/1.1\r\nHost: H\r\nConnection: close\r\n\r\n", 400,
       "bad percent-encoding"},
      {"GET /api/nothing HTTP/1.1\r\nHost: H\r\nConnection: close\r\n\r\n", 404, "no such page"},
      {"GET /api/route?from=nobody&to=e HTTP/1.1\r\nHost: H\r\nConnection: close\r\n\r\n", 422,
       "no role named"},
      {"GET L HTTP/1.1\r\nHost: H\r\nConnection: close\r\n\r\n", 414, "over 4096 bytes"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    size_t n = fill_request(cases[i].request, port, req, sizeof req);
    http_result r = http(port, req, n);
    if (r.status != cases[i].status)
      fail_msg("case %zu: status %d, wanted %d: %s", i, r.status, cases[i].status, r.body);
    assert_contains(r.body, cases[i].body);
    free(r.body);
  }
  /* HEAD: the headers of a GET, no body. */
  int n = snprintf(req, sizeof req,
                   "HEAD /api/roles HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                   "Connection: close\r\n\r\n",
                   port);
  http_result r = http(port, req, (size_t)n);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.len, 0);
  assert_contains(r.head, "Content-Length: ");
  free(r.body);
  /* Still serving. */
  r = get(port, "/api/roles");
  assert_int_equal(r.status, 200);
  free(r.body);
  assert_true(cp_server_requests(s) >= 10);
  cp_server_stop(s);
  cp_graph_free(g);
}

/* Four clients at once, each checking every answer against the one expected: questions that
 * share routers, and drawings that must take turns. */
typedef struct client {
  unsigned port;
  const char *target;
  const char *want;
  size_t want_len;
  int failures;
} client;

static void *client_main(void *arg) {
  client *c = arg;
  for (int i = 0; i < 25; i++) {
    http_result r = get(c->port, c->target);
    c->failures += r.status != 200 || r.len != c->want_len || memcmp(r.body, c->want, r.len);
    free(r.body);
  }
  return NULL;
}

static void the_server_answers_threads_at_once(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_server *s = serve(g);
  const char *targets[] = {"/api/route?from=a&to=e&k=3", "/api/reach?from=a&by=cost",
                           "/api/route?from=a&to=d&format=svg", "/api/render?format=svg"};
  client clients[4];
  pthread_t threads[4];
  for (int i = 0; i < 4; i++) {
    http_result want = get(port_of(s), targets[i]);
    assert_int_equal(want.status, 200);
    clients[i] = (client){port_of(s), targets[i], want.body, want.len, 0};
  }
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&threads[i], NULL, client_main, &clients[i]), 0);
  for (int i = 0; i < 4; i++) {
    pthread_join(threads[i], NULL);
    if (clients[i].failures)
      fail_msg("%s: %d wrong answers", clients[i].target, clients[i].failures);
    free((char *)clients[i].want);
  }
  cp_server_stop(s);
  cp_graph_free(g);
}

static void a_busy_address_is_refused_with_a_reason(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("small.gv");
  cp_server *s = serve(g), *second = NULL;
  cp_server_options o = {.run = cp_cli_run_loaded};
  char why[256];
  assert_true(cp_server_address("127.0.0.1", port_of(s), &o));
  assert_int_equal(cp_server_start(g, &o, &second, why, sizeof why), CP_EXIT_OUTPUT);
  assert_null(second);
  assert_contains(why, "cannot listen on 127.0.0.1:");
  assert_contains(why, "Address already in use");
  assert_false(cp_server_address("localhost", 80, &o)); /* numeric only */
  assert_false(cp_server_address("127.0.0.1", 65536, &o));
  assert_true(cp_server_address("::1", 80, &o));
  cp_server_stop(s);
  cp_graph_free(g);
}

/* ---- the command ---- */

static void serve_checks_its_options(void **state) {
  (void)state;
  static const cli_case cases[] = {
      {{"serve", "--port", "65536"}, CP_EXIT_USAGE, "--port takes a whole number from 0 to 65535"},
      {{"serve", "--port", "-1"}, CP_EXIT_USAGE, "--port takes a whole number"},
      {{"serve", "--port", "80x"}, CP_EXIT_USAGE, "--port takes a whole number"},
      {{"serve", "--bind", "localhost"}, CP_EXIT_USAGE, "numeric IPv4 or IPv6 address"},
      {{"serve", "--format", "json"}, CP_EXIT_USAGE, "--format"},
      {{"serve", "/nonexistent.gv"}, CP_EXIT_INPUT, "/nonexistent.gv"},
  };
  check_cases(cases);
  /* Not a question a server answers itself. */
  FILE *out = tmpfile(), *err = tmpfile();
  cp_graph *g = cp_test_load("small.gv");
  assert_int_equal(cp_cli_run_loaded("serve", g, NULL, NULL, 0, out, err), CP_EXIT_USAGE);
  char *text = cli_test_slurp(err, NULL);
  assert_contains(text, "serve runs from the command line only");
  free(text);
  fclose(out);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(targets_are_read_strictly),
      cmocka_unit_test(targets_are_bounded),
      cmocka_unit_test(the_last_value_wins),
      cmocka_unit_test(questions_name_a_command_and_a_format),
      cmocka_unit_test(answers_are_the_command_lines_bytes),
      cmocka_unit_test(failures_are_json_naming_the_problem),
      cmocka_unit_test(the_server_answers_the_page_and_the_api),
      cmocka_unit_test(the_server_refuses_what_it_does_not_answer),
      cmocka_unit_test(the_server_answers_threads_at_once),
      cmocka_unit_test(a_busy_address_is_refused_with_a_reason),
      cmocka_unit_test(serve_checks_its_options),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
