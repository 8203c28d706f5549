/* serve_api.c: the API's questions as command runs, and their exit codes as HTTP statuses. */
#include "serve_api.h"

#include "json_out.h"
#include "write.h"

#include <stdlib.h>
#include <string.h>

/* The commands the API answers; `alone`: every run of it must be alone (igraph, Graphviz). */
static const struct {
  const char *name;
  bool alone;
} served[] = {
    {"roles", false},  {"route", false}, {"reach", false},   {"into", false},
    {"whatif", false}, {"render", true}, {"validate", true},
};

/* Formats served: text, never a binary drawing (PNG and PDF are for files). */
static const cp_out_format formats[] = {CP_OUT_TEXT, CP_OUT_JSON, CP_OUT_CSV,
                                        CP_OUT_DOT,  CP_OUT_SVG,  CP_OUT_HTML};

const char *cp_serve_content_type(cp_out_format f) {
  switch (f) {
  case CP_OUT_JSON: return "application/json";
  case CP_OUT_CSV: return "text/csv; charset=utf-8";
  case CP_OUT_DOT: return "text/vnd.graphviz; charset=utf-8";
  case CP_OUT_SVG: return "image/svg+xml";
  case CP_OUT_HTML: return "text/html; charset=utf-8";
  default: return "text/plain; charset=utf-8";
  }
}

static bool served_format(const char *name, cp_out_format *f) {
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
    if (!strcmp(name, cp_cli_format_name(formats[i]))) {
      *f = formats[i];
      return true;
    }
  return false;
}

/* The command named after "/api/", NULL when the API does not serve it. */
static int served_command(const char *path, cp_serve_question *out) {
  static const char prefix[] = "/api/";
  if (strncmp(path, prefix, sizeof prefix - 1))
    return 404;
  for (size_t i = 0; i < sizeof served / sizeof *served; i++)
    if (!strcmp(path + sizeof prefix - 1, served[i].name)) {
      out->command = served[i].name;
      out->alone = served[i].alone;
      return 0;
    }
  return 404;
}

int cp_serve_api_question(const char *path, const cp_serve_query *q, cp_serve_question *out,
                          char *why, size_t n) {
  *out = (cp_serve_question){.f = CP_OUT_JSON};
  if (served_command(path, out)) {
    snprintf(why, n,
             "no such page: the API answers /api/roles, route, reach, into, whatif, render "
             "and validate");
    return 404;
  }
  bool format_given = false;
  for (size_t i = 0; i < q->n; i++) {
    const cp_cli_pair *p = &q->param[i];
    if (!strcmp(p->name, "help")) {
      snprintf(why, n, "'help' is not a question; `careerpath %s --help` lists the parameters",
               out->command);
      return 400;
    }
    if (!strcmp(p->name, "format") && p->value && !served_format(p->value, &out->f)) {
      snprintf(why, n, "format '%.64s' is not served; ask for json, text, csv, dot, svg or html",
               p->value);
      return 400;
    }
    format_given |= !strcmp(p->name, "format");
    out->pair[out->n++] = *p;
  }
  if (!format_given)
    out->pair[out->n++] = (cp_cli_pair){"format", "json"};
  out->alone |= cp_cli_is_drawing(out->f) || out->f == CP_OUT_HTML;
  return 0;
}

static int status_of(int exit_code, size_t printed) {
  switch (exit_code) {
  case CP_EXIT_OK: return 200;
  case CP_EXIT_NO_ROUTE: return printed ? 200 : 404;
  case CP_EXIT_USAGE: return 400;
  case CP_EXIT_INPUT: return 422;
  default: return 500;
  }
}

/* The command's messages without their "careerpath COMMAND: " prefixes, in place. */
static void strip_prefixes(char *msg, const char *command) {
  char prefix[64];
  size_t plen = (size_t)snprintf(prefix, sizeof prefix, "careerpath %s: ", command), w = 0;
  for (char *line = msg; *line;) {
    char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    size_t skip = len >= plen && !strncmp(line, prefix, plen) ? plen : 0;
    if (w)
      msg[w++] = '\n';
    memmove(msg + w, line + skip, len - skip);
    w += len - skip;
    line += len + (nl != NULL);
  }
  msg[w] = '\0';
}

void cp_serve_api_answer(const cp_serve_question *qn, const cp_graph *g, const cp_router *router,
                         cp_serve_runner run, cp_serve_reply *r) {
  char *out = NULL, *err = NULL;
  size_t out_len = 0, err_len = 0;
  FILE *fo = open_memstream(&out, &out_len), *fe = open_memstream(&err, &err_len);
  bool ok = fo && fe;
  *r = (cp_serve_reply){.status = 503, .f = CP_OUT_JSON, .exit_code = -1};
  if (ok)
    r->exit_code = run(qn->command, g, router, qn->pair, qn->n, fo, fe);
  if (fo && !cp_cli_memstream_close(fo, &out))
    ok = false;
  if (fe && !cp_cli_memstream_close(fe, &err))
    ok = false;
  if (!ok) {
    cp_serve_error(503, -1, "out of memory", r);
  } else if ((r->status = status_of(r->exit_code, out_len)) == 200) {
    r->f = qn->f;
    r->body = out;
    r->len = out_len;
    out = NULL;
  } else {
    strip_prefixes(err, qn->command);
    cp_serve_error(r->status, r->exit_code, err[0] ? err : "the command failed", r);
  }
  free(out);
  free(err);
}

void cp_serve_error(int status, int exit_code, const char *why, cp_serve_reply *r) {
  json_t *o = json_object();
  json_t *text = json_string(why);
  json_object_set_new(o, "error", text ? text : json_string("(a message that is not UTF-8)"));
  json_object_set_new(o, "status", json_integer(status));
  if (exit_code >= 0)
    json_object_set_new(o, "exit", json_integer(exit_code));
  *r = (cp_serve_reply){.status = status, .f = CP_OUT_JSON, .exit_code = exit_code};
  if (!(r->body = cp_cli_json_text(o, 12, &r->len)))
    r->status = 503;
}
