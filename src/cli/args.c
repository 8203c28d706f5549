/* args.c: option parsing, graph loading and error reporting shared by the commands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cp_cli_fail(const cp_cli *c, int code, const char *fmt, ...) {
  va_list ap;
  fprintf(c->err, "careerpath %s: ", c->command ? c->command : "");
  va_start(ap, fmt);
  vfprintf(c->err, fmt, ap);
  va_end(ap);
  fputc('\n', c->err);
  return code;
}

int cp_cli_exit_code(cp_status st) {
  int code;
  switch (st) {
  case CP_OK: return CP_EXIT_OK;
  case CP_EIO:
  case CP_EPARSE:
  case CP_EINVAL:
  case CP_ENOTFOUND:
  case CP_EAMBIGUOUS:
  case CP_ENOCRIT:
  case CP_ELIMIT: code = CP_EXIT_INPUT; break;
  default: code = CP_EXIT_INTERNAL; break;
  }
  return code;
}

int cp_cli_status(const cp_cli *c, cp_status st, const cp_error *e) {
  if (st == CP_OK)
    return CP_EXIT_OK;
  return cp_cli_fail(c, cp_cli_exit_code(st), "%s",
                     e && e->message[0] ? e->message : cp_strerror(st));
}

int cp_cli_load_graph(const cp_cli *c, const char *path, const char *roles, cp_graph **out) {
  cp_error e = {0};
  cp_status st;
  if (!path && roles)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--roles needs a CSV graph file");
  st = path ? cp_read_graph(path, roles, out, &e) : cp_builtin_graph(out, &e);
  return cp_cli_status(c, st, &e);
}

static const char *const format_names[] = {"text", "json", "csv", "dot",
                                           "svg",  "html", "png", "pdf"};

int cp_cli_parse_format(const cp_cli *c, const char *name, unsigned allowed, cp_out_format *out) {
  char list[64] = "";
  for (int f = CP_OUT_TEXT; f <= CP_OUT_PDF; f++) {
    if (!(allowed & CP_OUT_BIT(f)))
      continue;
    if (!strcmp(name, format_names[f])) {
      *out = (cp_out_format)f;
      return CP_EXIT_OK;
    }
    strcat(list, *list ? ", " : "");
    strcat(list, format_names[f]);
  }
  return cp_cli_fail(c, CP_EXIT_USAGE, "unknown format '%s' (choose from %s)", name, list);
}

void cp_cli_getopt_reset(void) {
  optind = 0; /* glibc: 0 also resets its internal state between command lines */
  opterr = 0;
}

int cp_cli_getopt(const cp_cli *c, int argc, char **argv, const char *shortopts,
                  const struct option *longopts) {
  int prev = optind ? optind : 1;
  int opt = getopt_long(argc, argv, shortopts, longopts, NULL);
  if (opt == '?') {
    const char *arg = prev < argc ? argv[prev] : "";
    if (optopt && !(strncmp(arg, "--", 2) == 0))
      cp_cli_fail(c, CP_EXIT_USAGE, "unknown option '-%c'; see 'careerpath %s --help'", optopt,
                  c->command);
    else
      cp_cli_fail(c, CP_EXIT_USAGE, "unknown option '%s'; see 'careerpath %s --help'", arg,
                  c->command);
    return '?';
  }
  if (opt == ':') {
    cp_cli_fail(c, CP_EXIT_USAGE, "option '%s' needs a value", prev < argc ? argv[prev] : "?");
    return '?';
  }
  return opt;
}

bool cp_cli_parse_count(const cp_cli *c, const char *name, const char *text, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (!*text || *end || errno || v == 0 || text[0] == '-' || v > 1000000) {
    cp_cli_fail(c, CP_EXIT_USAGE, "%s needs a whole number from 1 to 1000000, not '%s'", name,
                text);
    return false;
  }
  *out = (size_t)v;
  return true;
}

int cp_cli_graph_operand(const cp_cli *c, int argc, char **argv, const char **graph_path) {
  *graph_path = optind < argc ? argv[optind++] : NULL;
  if (optind < argc)
    return cp_cli_fail(c, CP_EXIT_USAGE, "unexpected argument '%s'", argv[optind]);
  return CP_EXIT_OK;
}

int cp_cli_parse_criterion(const cp_cli *c, const char *text, cp_criterion *out) {
  if (cp_criterion_parse(text, out) == CP_OK)
    return CP_EXIT_OK;
  return cp_cli_fail(c, CP_EXIT_USAGE,
                     "unknown criterion '%s' (choose from steps, months, cost, effort)", text);
}

int cp_cli_find_routes(const cp_cli *c, const cp_graph *g, const char *from_name,
                       const char *to_name, cp_criterion by, size_t k, size_t *from, size_t *to,
                       cp_route_list **out) {
  cp_error e = {0};
  cp_status st;
  cp_router *router = NULL;
  cp_query q;
  if ((st = cp_graph_find_role(g, from_name, from, &e)) ||
      (st = cp_graph_find_role(g, to_name, to, &e)) || (st = cp_router_new(g, &router, &e)))
    goto done;
  cp_query_init(&q, *from, *to, by);
  q.k = k;
  st = cp_route_search(router, &q, out, &e);
done:
  cp_router_free(router);
  /* A graph with no weights at all can still answer by steps: say so. */
  if (st == CP_ENOCRIT)
    return cp_cli_fail(c, CP_EXIT_INPUT, "%s; try --by steps", e.message);
  return st ? cp_cli_status(c, st, &e) : CP_EXIT_OK;
}
