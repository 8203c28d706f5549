/* help.c: `careerpath --help` and `careerpath COMMAND --help`, generated from the table. */
#include "help.h"

#include <string.h>

enum { WIDTH = 90 };

/* Writes `text` from column `col`, breaking at spaces before WIDTH, continuation lines
 * indented by `indent`; '\n' in the text breaks the line there. Ends with a newline. */
static void wrap(FILE *f, const char *text, size_t col, size_t indent) {
  const char *p = text;
  while (*p) {
    size_t word = strcspn(p, " \n");
    if (col > indent && col + 1 + word > WIDTH) {
      fprintf(f, "\n%*s", (int)indent, "");
      col = indent;
    } else if (col > indent) {
      fputc(' ', f);
      col++;
    }
    fwrite(p, 1, word, f);
    col += word;
    p += word;
    if (*p == '\n' && p[1]) {
      fprintf(f, "\n%*s", (int)indent, "");
      col = indent;
    }
    p += strspn(p, " \n");
  }
  fputc('\n', f);
}

/* The formats of `cmd`: "text (default), json or csv". */
static void formats_text(const cp_cli_command *cmd, char *buf, size_t n) {
  char list[160];
  const char *def = cp_cli_format_name(cmd->default_format);
  cp_cli_format_list(cp_cli_formats(cmd), true, list, sizeof list);
  char *at = strstr(list, def);
  size_t len = strlen(def);
  if (at)
    snprintf(buf, n, "%.*s (default)%s", (int)(at - list + len), list, at + len);
  else
    snprintf(buf, n, "%s", list);
}

/* "  -o, --output FILE" */
static void signature(const cp_cli_option *o, char *buf, size_t n) {
  const char *space = o->value ? " " : "", *value = o->value ? o->value : "";
  if (o->letter)
    snprintf(buf, n, "  -%c, --%s%s%s", o->letter, o->name, space, value);
  else
    snprintf(buf, n, "  --%s%s%s", o->name, space, value);
}

static void option_help(FILE *f, const cp_cli_command *cmd, const cp_cli_option *o, size_t col) {
  char sig[96], text[512];
  const char *help = o->help;
  signature(o, sig, sizeof sig);
  if (o == &cp_opt_format) {
    char list[256];
    formats_text(cmd, list, sizeof list);
    snprintf(text, sizeof text, "%s%s%s", list, cmd->format_note ? "; " : "",
             cmd->format_note ? cmd->format_note : "");
    help = text;
  }
  fputs(sig, f);
  if (strlen(sig) + 2 > col) {
    fprintf(f, "\n%*s", (int)col, "");
    wrap(f, help, col, col);
  } else {
    fprintf(f, "%*s", (int)(col - strlen(sig)), "");
    wrap(f, help, col, col);
  }
}

/* The column option help starts at: past the longest signature that is not too long. */
static size_t help_column(const cp_cli_optset *set) {
  size_t col = 23;
  char sig[96];
  for (size_t i = 0; i < set->n; i++) {
    signature(set->opt[i], sig, sizeof sig);
    if (strlen(sig) + 2 > col && strlen(sig) + 2 <= 27)
      col = strlen(sig) + 2;
  }
  return col;
}

void cp_cli_graph_help(char *buf, size_t n) {
  size_t used = (size_t)snprintf(
      buf, n,
      "a DOT file (.gv, .dot), a transitions table, CSV or tab-separated (.csv, .tsv, .txt; "
      "roles from --roles or roles.csv beside it, credentials from credentials.csv beside "
      "it), or a built-in graph:");
  for (size_t i = 0; i < cp_builtin_count() && used < n; i++)
    used +=
        (size_t)snprintf(buf + used, n - used, "%s @%s%s: %s", i ? ";" : "", cp_builtin_at(i)->name,
                         i ? "" : ", the default", cp_builtin_at(i)->description);
}

static void options_help(FILE *f, const cp_cli_command *cmd) {
  cp_cli_optset set;
  cp_cli_options_of(cmd, &set);
  size_t col = help_column(&set);
  for (int h = 0; h < CP_HEAD_COUNT; h++) {
    bool titled = false;
    for (size_t i = 0; i < set.n; i++) {
      if (set.opt[i]->heading != (cp_cli_heading)h || set.opt[i] == &cp_opt_help)
        continue;
      if (!titled) {
        fprintf(f, "%s\n", cp_cli_heading_title((cp_cli_heading)h));
        if (h == CP_HEAD_INPUT && (cmd->groups & CP_GROUP_GRAPH)) {
          char graph_help[1024];
          cp_cli_graph_help(graph_help, sizeof graph_help);
          fprintf(f, "  GRAPH%*s", (int)(col - 7), "");
          wrap(f, graph_help, col, col);
        }
      }
      titled = true;
      option_help(f, cmd, set.opt[i], col);
    }
  }
  option_help(f, cmd, &cp_opt_help, col); /* last, in the last section */
}

void cp_cli_print_help(FILE *f, const cp_cli_command *cmd) {
  char name[64];
  cp_cli_full_name(cmd, name, sizeof name);
  const char *line = cmd->synopsis;
  fputs("Usage: ", f);
  for (bool first = true; *line; first = false) {
    size_t len = strcspn(line, "\n");
    fprintf(f, "%scareerpath %s %.*s\n", first ? "" : "       ", name, (int)len, line);
    line += len + (line[len] == '\n');
  }
  fprintf(f, "\n%s\n\n", cmd->description);
  options_help(f, cmd);
  if (cmd->notes)
    fprintf(f, "\n%s\n", cmd->notes);
  fputc('\n', f);
  fputs("Exit codes:", f);
  wrap(f, cmd->exit_codes, 11, 0);
}

void cp_cli_print_usage(FILE *f) {
  static const char *const sections[] = {"Commands:", "Research:"};
  fputs("Usage: careerpath COMMAND [GRAPH] [OPTIONS]\n\n"
        "Career path graphs: roles are nodes, transitions between them are edges weighted by\n"
        "months, cost and effort. GRAPH is a DOT file, a CSV or tab-separated table, or a\n"
        "built-in graph named @NAME; without one, commands use @health-informatics.\n"
        "\nBuilt-in graphs:\n",
        f);
  for (size_t i = 0; i < cp_builtin_count(); i++) {
    char name[64];
    snprintf(name, sizeof name, "@%s", cp_builtin_at(i)->name);
    fprintf(f, "  %-20s", name);
    wrap(f, cp_builtin_at(i)->description, 22, 22);
  }
  size_t width = 0;
  for (size_t i = 0; i < cp_cli_n_commands; i++) {
    char name[64];
    cp_cli_full_name(cp_cli_commands[i], name, sizeof name);
    width = strlen(name) > width ? strlen(name) : width;
  }
  for (int s = CP_SECTION_COMMANDS; s <= CP_SECTION_RESEARCH; s++) {
    fprintf(f, "\n%s\n", sections[s]);
    for (size_t i = 0; i < cp_cli_n_commands; i++) {
      const cp_cli_command *cmd = cp_cli_commands[i];
      char name[64], text[512], formats[160];
      if (cmd->section != (cp_cli_section)s)
        continue;
      cp_cli_full_name(cmd, name, sizeof name);
      cp_cli_format_list(cp_cli_formats(cmd), false, formats, sizeof formats);
      /* A command that prints only what it is doing (serve) has no formats to choose. */
      if (cp_cli_formats(cmd) == CP_OUT_BIT(CP_OUT_TEXT) && !(cmd->groups & CP_GROUP_OUTPUT))
        snprintf(text, sizeof text, "%s", cmd->summary);
      else
        snprintf(text, sizeof text, "%s (%s)", cmd->summary, formats);
      fprintf(f, "  %-*s", (int)width + 2, name);
      wrap(f, text, width + 4, width + 4);
    }
  }
  fputs("\nOptions:\n"
        "  -h, --help       this help; `careerpath COMMAND --help` for a command's\n"
        "  --version        print the version\n"
        "\n"
        "Exit codes: 0 success, 1 no route exists, 2 usage error, 3 bad input (graph file,\n"
        "role name, criterion), 4 output could not be written, 5 internal error.\n",
        f);
}
