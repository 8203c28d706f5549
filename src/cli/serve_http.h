/* serve_http.h: careerpath serve's HTTP server on libmicrohttpd: the page compiled into the
 * binary, the API (serve_api.h), bounds and timeouts, a thread pool with a router per thread. */
#ifndef CP_CLI_SERVE_HTTP_H
#define CP_CLI_SERVE_HTTP_H

#include "serve_api.h"

#include <stdbool.h>
#include <sys/socket.h>

enum {
  CP_SERVE_IDLE_SECONDS = 10, /* a connection idle this long is closed */
  CP_SERVE_MAX_CONNECTIONS = 256,
};

typedef struct cp_server cp_server;

typedef struct cp_server_options {
  struct sockaddr_storage addr; /* where to listen (cp_server_address) */
  socklen_t addr_len;
  unsigned threads;    /* 0: one per online core */
  unsigned idle;       /* seconds; 0: CP_SERVE_IDLE_SECONDS */
  cp_serve_runner run; /* cp_cli_run_loaded */
} cp_server_options;

/* A numeric IPv4 or IPv6 address ("127.0.0.1", "::1") and a port into o->addr; false when
 * `host` is not one. */
bool cp_server_address(const char *host, unsigned port, cp_server_options *o);

/* Starts serving `g`, which must outlive the server and is only read. Returns 0 and *out (stop
 * it with cp_server_stop), or an exit code with the reason in why[n]: CP_EXIT_OUTPUT when the
 * address cannot be listened on ("cannot listen on 127.0.0.1:80: Permission denied"),
 * CP_EXIT_INTERNAL out of memory. */
int cp_server_start(const cp_graph *g, const cp_server_options *o, cp_server **out, char *why,
                    size_t n);
/* "http://127.0.0.1:8080/": the page to open (the port the system chose for port 0). */
const char *cp_server_url(const cp_server *s);
unsigned cp_server_threads(const cp_server *s);
/* Requests answered so far, good or bad. */
unsigned long cp_server_requests(const cp_server *s);
/* Stops accepting, finishes the requests in progress, closes every connection and frees
 * everything. NULL is fine. */
void cp_server_stop(cp_server *s);

#endif /* CP_CLI_SERVE_HTTP_H */
