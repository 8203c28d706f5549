/* report.c: one-line messages and the exit code of each library status. */
#include "report.h"

#include <stdarg.h>

int cp_cli_fail(const cp_cli *c, int code, const char *fmt, ...) {
  char raw[CP_ERROR_MESSAGE_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(raw, sizeof raw, fmt, ap);
  va_end(ap);
  char line[CP_ERROR_MESSAGE_MAX];
  cp_visible_line(line, sizeof line, raw); /* a name's terminal escapes, its line breaks */
  fprintf(c->err, "careerpath %s: %s\n", c->command ? c->command : "", line);
  return code;
}

void cp_cli_note(const cp_cli *c, const char *where, const char *message) {
  fprintf(c->err, "careerpath %s: %snote: %s\n", c->command ? c->command : "", where, message);
}

int cp_cli_exit_code(cp_status st) {
  switch (st) {
  case CP_OK: return CP_EXIT_OK;
  case CP_EIO:
  case CP_EPARSE:
  case CP_EINVAL:
  case CP_ENOTFOUND:
  case CP_EAMBIGUOUS:
  case CP_ENOCRIT:
  case CP_ELIMIT: return CP_EXIT_INPUT;
  default: return CP_EXIT_INTERNAL;
  }
}

int cp_cli_status(const cp_cli *c, cp_status st, const cp_error *e) {
  if (st == CP_OK)
    return CP_EXIT_OK;
  return cp_cli_fail(c, cp_cli_exit_code(st), "%s",
                     e && e->message[0] ? e->message : cp_strerror(st));
}

int cp_cli_search_status(const cp_cli *c, cp_status st, const cp_error *e, const char *where) {
  if (st == CP_ENOCRIT)
    return cp_cli_fail(c, CP_EXIT_INPUT, "%s%s; try --by steps", where, e->message);
  if (st)
    return cp_cli_fail(c, cp_cli_exit_code(st), "%s%s", where, e->message);
  return CP_EXIT_OK;
}
