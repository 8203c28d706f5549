/* serve_http.c: the HTTP side of careerpath serve: libmicrohttpd's daemon and handler, the
 * embedded page, security headers, the router pool and the lock for what must run alone. */
#include "serve_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The page, embedded from src/cli/web by cp_embed (CMakeLists.txt). */
extern const char cp_web_index_html[], cp_web_app_js[], cp_web_app_css[], cp_web_icon_svg[];
extern const uint64_t cp_web_index_html_len, cp_web_app_js_len, cp_web_app_css_len,
    cp_web_icon_svg_len;

struct cp_server {
  struct MHD_Daemon *daemon;
  const cp_graph *g;
  cp_serve_runner run;
  unsigned threads;
  bool loopback;     /* only Host names of this machine are answered (DNS rebinding) */
  char url[96];      /* http://HOST:PORT/ */
  char hosts[3][96]; /* the Host headers a loopback server answers */
  /* A router per thread: a pool checked out per request (a router serves one thread). */
  pthread_mutex_t pool_lock;
  pthread_cond_t pool_free;
  cp_router **pool;
  size_t n_pool, n_free;
  pthread_mutex_t alone; /* drawings (Graphviz) and igraph run one at a time */
  atomic_ulong requests;
};

/* ---- where to listen ---- */

bool cp_server_address(const char *host, unsigned port, cp_server_options *o) {
  struct sockaddr_in *v4 = (struct sockaddr_in *)&o->addr;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&o->addr;
  memset(&o->addr, 0, sizeof o->addr);
  if (port > 65535)
    return false;
  if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    o->addr_len = sizeof *v4;
    return true;
  }
  if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    o->addr_len = sizeof *v6;
    return true;
  }
  return false;
}

static bool is_loopback(const struct sockaddr_storage *a) {
  if (a->ss_family == AF_INET)
    return (ntohl(((const struct sockaddr_in *)a)->sin_addr.s_addr) >> 24) == 127;
  return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)a)->sin6_addr);
}

/* "127.0.0.1:8080" or "[::1]:8080" for `a` with `port`. */
static void host_port(const struct sockaddr_storage *a, unsigned port, char *buf, size_t n) {
  char ip[INET6_ADDRSTRLEN] = "";
  bool v6 = a->ss_family == AF_INET6;
  const void *raw = v6 ? (const void *)&((const struct sockaddr_in6 *)a)->sin6_addr
                       : (const void *)&((const struct sockaddr_in *)a)->sin_addr;
  inet_ntop(a->ss_family, raw, ip, sizeof ip);
  snprintf(buf, n, v6 ? "[%s]:%u" : "%s:%u", ip, port);
}

/* ---- the router pool ---- */

static cp_router *router_take(cp_server *s) {
  pthread_mutex_lock(&s->pool_lock);
  while (s->n_free == 0)
    pthread_cond_wait(&s->pool_free, &s->pool_lock);
  cp_router *r = s->pool[--s->n_free];
  pthread_mutex_unlock(&s->pool_lock);
  return r;
}

static void router_give(cp_server *s, cp_router *r) {
  pthread_mutex_lock(&s->pool_lock);
  s->pool[s->n_free++] = r;
  pthread_cond_signal(&s->pool_free);
  pthread_mutex_unlock(&s->pool_lock);
}

/* ---- answers ---- */

/* The page's policy: its own script and style only, nothing inline, nothing from elsewhere. */
static const char page_csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";
/* The handout (the CLI's html): its inline style, no script at all, printable from the page's
 * frame (same origin, modals for print()). */
static const char handout_csp[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                  "frame-ancestors 'self'; sandbox allow-same-origin allow-modals";
/* Anything else the API answers (JSON, text, SVG opened on its own): inert. */
static const char data_csp[] =
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";

static void add_headers(struct MHD_Response *resp, const char *type, const char *csp, bool cache) {
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  MHD_add_response_header(resp, "Content-Security-Policy", csp);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache ? "no-cache" : "no-store");
}

/* Queues `r` (its body handed to libmicrohttpd), with the command's exit code when one ran. */
static enum MHD_Result send_reply(struct MHD_Connection *c, cp_serve_reply *r) {
  struct MHD_Response *resp =
      r->body ? MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE)
              : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
  if (!resp) {
    free(r->body);
    return MHD_NO; /* out of memory: libmicrohttpd closes the connection */
  }
  const char *csp = r->status == 200 && r->f == CP_OUT_HTML ? handout_csp : data_csp;
  add_headers(resp, cp_serve_content_type(r->f), csp, false);
  if (r->exit_code >= 0) {
    char code[16];
    snprintf(code, sizeof code, "%d", r->exit_code);
    MHD_add_response_header(resp, "X-Careerpath-Exit", code);
  }
  if (r->status == 405)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
  enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, int status, const char *why) {
  cp_serve_reply r;
  cp_serve_error(status, -1, why, &r);
  return send_reply(c, &r);
}

/* The page's files, from memory. */
static const struct {
  const char *path, *type;
  const char *data;
  const uint64_t *len;
} files[] = {
    {"/", "text/html; charset=utf-8", cp_web_index_html, &cp_web_index_html_len},
    {"/app.js", "text/javascript; charset=utf-8", cp_web_app_js, &cp_web_app_js_len},
    {"/app.css", "text/css; charset=utf-8", cp_web_app_css, &cp_web_app_css_len},
    {"/icon.svg", "image/svg+xml", cp_web_icon_svg, &cp_web_icon_svg_len},
};

/* A file of the page: MHD_YES/MHD_NO when `path` is one, -1 when not. */
static int send_file(struct MHD_Connection *c, const char *path) {
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    if (strcmp(path, files[i].path))
      continue;
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        *files[i].len, (void *)files[i].data, MHD_RESPMEM_PERSISTENT);
    if (!resp)
      return MHD_NO;
    add_headers(resp, files[i].type, page_csp, true);
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ok;
  }
  return -1;
}

/* An API question, run with a router of its own and, when it must, alone. */
static enum MHD_Result send_api(cp_server *s, struct MHD_Connection *c, const char *path,
                                const cp_serve_query *q) {
  cp_serve_question qn;
  cp_serve_reply r;
  char why[256];
  int st = cp_serve_api_question(path, q, &qn, why, sizeof why);
  if (st)
    return send_error(c, st, why);
  cp_router *router = router_take(s);
  if (qn.alone)
    pthread_mutex_lock(&s->alone);
  cp_serve_api_answer(&qn, s->g, router, s->run, &r);
  if (qn.alone)
    pthread_mutex_unlock(&s->alone);
  router_give(s, router);
  return send_reply(c, &r);
}

/* ---- the handler ---- */

/* What a request needs between libmicrohttpd's callbacks: its target as sent. */
typedef struct request {
  char *target;
} request;

/* libmicrohttpd may call this with no URI for a request line it could not read (a port scan,
 * TLS on the plain port): an empty target, which the parser refuses with 400. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c) {
  (void)cls, (void)c;
  request *rq = calloc(1, sizeof *rq);
  if (rq && !(rq->target = strdup(uri ? uri : ""))) {
    free(rq);
    rq = NULL;
  }
  return rq;
}

static void on_done(void *cls, struct MHD_Connection *c, void **state,
                    enum MHD_RequestTerminationCode toe) {
  (void)cls, (void)c, (void)toe;
  request *rq = *state;
  if (rq)
    free(rq->target);
  free(rq);
  *state = NULL;
}

/* A loopback server answers only its own names, so a page elsewhere cannot reach it through a
 * DNS name rebound to 127.0.0.1. No Host (HTTP/1.0) is fine. */
static bool host_allowed(const cp_server *s, struct MHD_Connection *c) {
  const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
  if (!s->loopback || !host)
    return true;
  for (size_t i = 0; i < sizeof s->hosts / sizeof *s->hosts; i++)
    if (!strcmp(host, s->hosts[i]))
      return true;
  return false;
}

/* GET or HEAD, no body, a Host of this server, a good target: then the page or the API. */
static enum MHD_Result respond(cp_server *s, struct MHD_Connection *c, const char *method,
                               const char *target) {
  cp_serve_query q;
  char why[256];
  if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
    return send_error(c, 405, "only GET and HEAD are answered");
  const char *length =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if ((length && strcmp(length, "0")) ||
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
    return send_error(c, 413, "a request here carries no body");
  if (!host_allowed(s, c))
    return send_error(c, 421, "this server answers only for its own address");
  int st = cp_serve_parse_target(target, strlen(target), &q, why, sizeof why);
  if (st)
    return send_error(c, st, why);
  int sent = send_file(c, q.path);
  enum MHD_Result ok = sent >= 0 ? (enum MHD_Result)sent : send_api(s, c, q.path, &q);
  cp_serve_query_free(&q);
  return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **state) {
  (void)url, (void)version, (void)upload_data, (void)upload_size;
  cp_server *s = cls;
  request *rq = *state;
  /* Answered at the first call, once the headers are in: libmicrohttpd then drops any body
   * and closes the connection after the answer, and calls no more. */
  atomic_fetch_add(&s->requests, 1);
  if (!rq)
    return send_error(c, 503, "out of memory");
  return respond(s, c, method, rq->target);
}

/* ---- start and stop ---- */

static int make_pool(cp_server *s, char *why, size_t n) {
  if (!(s->pool = calloc(s->threads, sizeof *s->pool)))
    goto oom;
  for (; s->n_pool < s->threads; s->n_pool++, s->n_free++)
    if (cp_router_new(s->g, &s->pool[s->n_pool], NULL) != CP_OK)
      goto oom;
  return CP_EXIT_OK;
oom:
  snprintf(why, n, "out of memory");
  return CP_EXIT_INTERNAL;
}

/* Names the address in the URL and the Host headers a loopback server answers. */
static void name_server(cp_server *s, const cp_server_options *o, unsigned port) {
  char hp[80];
  host_port(&o->addr, port, hp, sizeof hp);
  snprintf(s->url, sizeof s->url, "http://%s/", hp);
  s->loopback = is_loopback(&o->addr);
  snprintf(s->hosts[0], sizeof s->hosts[0], "%s", hp);
  snprintf(s->hosts[1], sizeof s->hosts[1], "localhost:%u", port);
  snprintf(s->hosts[2], sizeof s->hosts[2],
           o->addr.ss_family == AF_INET6 ? "[::1]:%u" : "127.0.0.1:%u", port);
}

/* Why the address cannot be listened on: libmicrohttpd does not say, so try it here. */
static void why_not_listening(const cp_server_options *o, char *why, size_t n) {
  char hp[80];
  host_port(&o->addr, ntohs(((const struct sockaddr_in *)&o->addr)->sin_port), hp, sizeof hp);
  int fd = socket(o->addr.ss_family, SOCK_STREAM, 0), one = 1;
  const char *reason = "the HTTP server did not start";
  if (fd < 0)
    reason = strerror(errno);
  else if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
           bind(fd, (const struct sockaddr *)&o->addr, o->addr_len) || listen(fd, 1))
    reason = strerror(errno);
  if (fd >= 0)
    close(fd);
  snprintf(why, n, "cannot listen on %s: %s", hp, reason);
}

static unsigned online_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}

static struct MHD_Daemon *start_daemon(cp_server *s, const cp_server_options *o) {
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
  if (o->addr.ss_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  return MHD_start_daemon(
      flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&o->addr,
      MHD_OPTION_THREAD_POOL_SIZE, s->threads, MHD_OPTION_CONNECTION_TIMEOUT,
      o->idle ? o->idle : (unsigned)CP_SERVE_IDLE_SECONDS, MHD_OPTION_CONNECTION_LIMIT,
      (unsigned)CP_SERVE_MAX_CONNECTIONS, MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
      MHD_OPTION_NOTIFY_COMPLETED, on_done, s, MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_END);
}

int cp_server_start(const cp_graph *g, const cp_server_options *o, cp_server **out, char *why,
                    size_t n) {
  cp_server *s = calloc(1, sizeof *s);
  int code = CP_EXIT_INTERNAL;
  *out = NULL;
  if (!s) {
    snprintf(why, n, "out of memory");
    return code;
  }
  *s = (cp_server){.g = g, .run = o->run, .threads = o->threads ? o->threads : online_cores()};
  pthread_mutex_init(&s->pool_lock, NULL);
  pthread_cond_init(&s->pool_free, NULL);
  pthread_mutex_init(&s->alone, NULL);
  if ((code = make_pool(s, why, n)))
    goto fail;
  if (!(s->daemon = start_daemon(s, o))) {
    why_not_listening(o, why, n);
    code = CP_EXIT_OUTPUT;
    goto fail;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  name_server(s, o, info ? info->port : 0);
  *out = s;
  return CP_EXIT_OK;
fail:
  cp_server_stop(s);
  return code;
}

const char *cp_server_url(const cp_server *s) { return s->url; }
unsigned cp_server_threads(const cp_server *s) { return s->threads; }
unsigned long cp_server_requests(const cp_server *s) { return atomic_load(&s->requests); }

void cp_server_stop(cp_server *s) {
  if (!s)
    return;
  if (s->daemon)
    MHD_stop_daemon(s->daemon);
  for (size_t i = 0; i < s->n_pool; i++)
    cp_router_free(s->pool[i]);
  free(s->pool);
  pthread_mutex_destroy(&s->pool_lock);
  pthread_cond_destroy(&s->pool_free);
  pthread_mutex_destroy(&s->alone);
  free(s);
}
