/* manpage.c: careerpath(1), generated from the command table at build time. */
#include "help.h"

#include <string.h>

/* Writes `s` as man(7) text: backslashes and hyphens escaped, a line that would start with
 * '.' or '\'' protected. */
static void man_text(FILE *f, const char *s) {
  bool line_start = true;
  for (; *s; s++) {
    if (line_start && (*s == '.' || *s == '\''))
      fputs("\\&", f);
    if (*s == '\\')
      fputs("\\e", f);
    else if (*s == '-')
      fputs("\\-", f);
    else
      fputc(*s, f);
    line_start = *s == '\n';
  }
}

/* Paragraphs of help text: a blank line starts a new one; indented lines (tables such as
 * stats' measures) are kept as they are, unfilled. */
static void man_paragraphs(FILE *f, const char *text) {
  bool table = false;
  fputs(".PP\n", f);
  for (const char *p = text; *p;) {
    size_t len = strcspn(p, "\n");
    bool indented = p[0] == ' ';
    if (indented != table)
      fputs(indented ? ".nf\n" : ".fi\n", f);
    table = indented;
    if (len == 0) {
      fputs(".PP\n", f);
    } else {
      char line[512];
      snprintf(line, sizeof line, "%.*s", (int)len, p);
      man_text(f, line);
      fputc('\n', f);
    }
    p += len + (p[len] == '\n');
  }
  if (table)
    fputs(".fi\n", f);
}

/* ".TP" with the option in bold and its value in italics, then its help. */
static void man_option(FILE *f, const cp_cli_command *cmd, const cp_cli_option *o) {
  fputs(".TP\n", f);
  fputs(o->value ? ".BI \"" : ".B \"", f);
  if (o->letter)
    fprintf(f, "\\-%c, ", o->letter);
  fputs("\\-\\-", f);
  man_text(f, o->name);
  fputs(o->value ? " \" " : "\"", f);
  if (o->value)
    man_text(f, o->value);
  fputc('\n', f);
  if (o == &cp_opt_format) {
    char list[160];
    cp_cli_format_list(cp_cli_formats(cmd), true, list, sizeof list);
    fprintf(f, "%s (default %s)%s", list, cp_cli_format_name(cmd->default_format),
            cmd->format_note ? "; " : "");
    man_text(f, cmd->format_note ? cmd->format_note : "");
  } else {
    man_text(f, o->help);
  }
  fputc('\n', f);
}

/* The command's options in the order its help lists them, --help last. */
static void man_options(FILE *f, const cp_cli_command *cmd) {
  cp_cli_optset set;
  cp_cli_options_of(cmd, &set);
  for (int h = 0; h < CP_HEAD_COUNT; h++)
    for (size_t i = 0; i < set.n; i++)
      if (set.opt[i]->heading == (cp_cli_heading)h && set.opt[i] != &cp_opt_help)
        man_option(f, cmd, set.opt[i]);
  man_option(f, cmd, &cp_opt_help);
}

static void man_command(FILE *f, const cp_cli_command *cmd) {
  char name[64];
  cp_cli_full_name(cmd, name, sizeof name);
  fprintf(f, ".SS \"careerpath %s\"\n.nf\n", name);
  for (const char *line = cmd->synopsis; *line;) {
    size_t len = strcspn(line, "\n");
    char buf[256];
    snprintf(buf, sizeof buf, "careerpath %s %.*s", name, (int)len, line);
    fputs(".B ", f);
    man_text(f, buf);
    fputc('\n', f);
    line += len + (line[len] == '\n');
  }
  fputs(".fi\n", f);
  man_paragraphs(f, cmd->description);
  man_options(f, cmd);
  if (cmd->notes)
    man_paragraphs(f, cmd->notes);
  fputs(".PP\nExit codes: ", f);
  man_text(f, cmd->exit_codes);
  fputc('\n', f);
}

static const char header[] =
    ".TH CAREERPATH 1 \"\" \"careerpath " CP_VERSION "\" \"User Commands\"\n"
    ".SH NAME\n"
    "careerpath \\- career path graph analyzer: routes, reach, what\\-if, diagrams and mobility "
    "research\n"
    ".SH SYNOPSIS\n"
    ".B careerpath\n.I COMMAND\n.RI [ GRAPH ]\n.RI [ OPTIONS ]\n.br\n"
    ".B careerpath\n.BR \\-\\-help \" | \" \\-\\-version\n"
    ".SH DESCRIPTION\n"
    "Career path graphs: roles are nodes, transitions between them are edges weighted by "
    "months, cost and effort, and the credentials they require.\n"
    "Without a\n.I GRAPH\nargument, commands use the built\\-in health\\-informatics graph "
    "(@health\\-informatics).\n";

/* After the paragraph on GRAPH, which names the built-in graphs. */
static const char header_rest[] =
    ".PP\n"
    "Every command takes \\-\\-help and \\-o FILE. Results written with \\-o go to a temporary "
    "file beside FILE, renamed over it once complete, so that a failed run leaves an earlier "
    "FILE as it was; an output that is one of the command's inputs (the graph, its roles.csv "
    "or credentials.csv, a batch or credentials file) is refused.\n"
    ".SH COMMANDS\n";

static const char footer[] =
    ".SH EXIT STATUS\n"
    ".TP\n.B 0\nsuccess\n"
    ".TP\n.B 1\nno route exists between the roles asked, or none within the limits\n"
    ".TP\n.B 2\nusage error (unknown option, missing \\-\\-from, bad \\-\\-k, ...)\n"
    ".TP\n.B 3\nbad input: unreadable or invalid graph file, unknown or ambiguous role, a "
    "criterion the graph does not carry; \\-\\-batch: a row was bad\n"
    ".TP\n.B 4\nthe output could not be written\n"
    ".TP\n.B 5\ninternal error (out of memory, a library failure)\n"
    ".SH EXAMPLES\n"
    ".nf\n"
    "careerpath route \\-\\-from \"Registered Nurse\" \\-\\-to CNIO\n"
    "careerpath route \\-\\-from physician \\-\\-to cmio \\-\\-by cost \\-\\-k 3\n"
    "careerpath reach \\-\\-from \"Registered Nurse\" \\-\\-within months=36,cost=20000\n"
    "careerpath render \\-\\-from \"Registered Nurse\" \\-\\-to CNIO \\-o graph.svg\n"
    "careerpath mobility build histories.csv \\-o out/transitions.csv\n"
    "careerpath stats out/transitions.csv \\-\\-format json \\-o stats.json\n"
    ".fi\n"
    ".SH SEE ALSO\n"
    ".BR dot (1)\n"
    ".PP\n"
    "README.md and docs/formats.md in the careerpath sources.\n";

void cp_cli_print_man(FILE *f) {
  fputs(header, f);
  char graph_help[1024];
  cp_cli_graph_help(graph_help, sizeof graph_help);
  fputs(".PP\nGRAPH is ", f);
  man_text(f, graph_help);
  fputs(".\nRoles are named by id or label, in any case.\n", f);
  fputs(header_rest, f);
  for (size_t i = 0; i < cp_cli_n_commands; i++)
    man_command(f, cp_cli_commands[i]);
  fputs(footer, f);
}
