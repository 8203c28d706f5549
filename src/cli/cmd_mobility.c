/* cmd_mobility.c: `careerpath mobility build`: a transition graph from career histories. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: careerpath mobility build HISTORIES.csv [-o FILE] [OPTIONS]\n"
    "\n"
    "Builds the mobility network from career histories: a CSV with a header row and columns\n"
    "person, role, and start (YYYY-MM or YYYY-MM-DD) or seq (a number), optional end; rows\n"
    "in any order. A person's consecutive spells in one role are one stay; each change of\n"
    "role is a move. Per transition: count (moves), people (distinct), probability (share of\n"
    "the source role's published moves) and median_months (time in the source role before\n"
    "the move); per role: people (head-count), stays and median_tenure_months.\n"
    "Person ids never appear in any output.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE    write the graph here (default: standard output); FILE.gv or\n"
    "                       FILE.dot writes DOT, anything else CSV transitions with the\n"
    "                       roles in roles.csv beside it\n"
    "  --format csv|dot     the output format, whatever FILE is called\n"
    "  --roles-out FILE     where the roles CSV goes (default: roles.csv beside -o)\n"
    "  --min-people K       suppress transitions and roles seen in fewer than K distinct\n"
    "                       people (default 5; 1 keeps everything)\n"
    "  --strict             the first bad row is an error (default: count and skip)\n"
    "  --memory-rows N      rows held in memory before spilling to temporary files\n"
    "                       (default 1048576, about 32 MiB)\n"
    "  -h, --help           this help\n"
    "\n"
    "A summary (rows, people, moves, bad rows with their lines, what was suppressed) goes to\n"
    "standard error.\n"
    "\n"
    "Exit codes: 0 built, 2 usage error, 3 bad input (unreadable file, bad header, a bad\n"
    "row with --strict), 4 output could not be written, 5 internal error.\n";

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

/* roles.csv in the directory of `path`. */
static char *roles_beside(const char *path) {
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  char *out = malloc(dir + sizeof "roles.csv");
  if (out) {
    memcpy(out, path, dir);
    memcpy(out + dir, "roles.csv", sizeof "roles.csv");
  }
  return out;
}

static void report(const cp_cli *c, const cp_mobility *m) {
  fprintf(c->err,
          "careerpath mobility: %zu rows: %zu people, %zu stays, %zu moves between %zu roles; "
          "%zu bad row%s skipped\n",
          m->rows, m->people, m->stays, m->moves, m->n_roles + m->suppressed_roles, m->bad_rows,
          m->bad_rows == 1 ? "" : "s");
  for (size_t i = 0; i < m->n_bad_listed; i++)
    fprintf(c->err, "  %s\n", m->bad_listed[i]);
  if (m->bad_rows > m->n_bad_listed)
    fprintf(c->err, "  ... and %zu more\n", m->bad_rows - m->n_bad_listed);
  fprintf(c->err,
          "careerpath mobility: published %zu roles and %zu transitions; suppressed %zu role%s "
          "and %zu transition%s (%zu moves) seen in fewer than %zu people\n",
          m->n_roles, m->n_transitions, m->suppressed_roles, m->suppressed_roles == 1 ? "" : "s",
          m->suppressed_transitions, m->suppressed_transitions == 1 ? "" : "s", m->suppressed_moves,
          m->min_people);
}

static int build(const cp_cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                           {"format", required_argument, NULL, 'F'},
                                           {"roles-out", required_argument, NULL, 'R'},
                                           {"min-people", required_argument, NULL, 'k'},
                                           {"strict", no_argument, NULL, 's'},
                                           {"memory-rows", required_argument, NULL, 'M'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  const char *output = NULL, *roles_out = NULL, *format_name = NULL;
  cp_mobility_options o = {.min_people = 5};
  int code = CP_EXIT_OK, opt;
  cp_mobility *m = NULL;
  char *text = NULL, *roles = NULL, *roles_path = NULL;
  size_t text_len = 0, roles_len = 0;
  cp_error e = {0};

  cp_cli_getopt_reset();
  while ((opt = cp_cli_getopt(c, argc, argv, ":ho:", longopts)) != -1) {
    switch (opt) {
    case 'o': output = optarg; break;
    case 'F': format_name = optarg; break;
    case 'R': roles_out = optarg; break;
    case 'k':
      if (!cp_cli_parse_count(c, "--min-people", optarg, &o.min_people))
        return CP_EXIT_USAGE;
      break;
    case 's': o.strict = 1; break;
    case 'M':
      if (!cp_cli_parse_count(c, "--memory-rows", optarg, &o.memory_rows))
        return CP_EXIT_USAGE;
      break;
    case 'h': fputs(help, c->out); return CP_EXIT_OK;
    default: return CP_EXIT_USAGE;
    }
  }
  if (optind + 1 != argc)
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       optind == argc ? "which histories file? try 'careerpath mobility --help'"
                                      : "one histories file, please");
  const char *input = argv[optind];
  bool dot = output && (ends_with(output, ".gv") || ends_with(output, ".dot"));
  if (format_name) {
    if (strcmp(format_name, "csv") && strcmp(format_name, "dot"))
      return cp_cli_fail(c, CP_EXIT_USAGE, "unknown format '%s'; choose csv or dot", format_name);
    dot = !strcmp(format_name, "dot");
  }
  if (roles_out && dot)
    return cp_cli_fail(c, CP_EXIT_USAGE, "--roles-out goes with CSV output; DOT holds the roles");

  if (!dot && !roles_out && output && strcmp(output, "-")) {
    if (!(roles_path = roles_beside(output))) {
      code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
      goto cleanup;
    }
    roles_out = roles_path;
    if (ends_with(output, "/roles.csv") || !strcmp(output, "roles.csv")) {
      code = cp_cli_fail(c, CP_EXIT_USAGE,
                         "'%s' is where the roles go; name the transitions file otherwise or "
                         "give --roles-out",
                         output);
      goto cleanup;
    }
  }
  const char *inputs[] = {input, NULL};
  /* Before any work, and before either file is written: refusing the second after writing the
   * first would leave half an output. */
  if ((code = cp_cli_refuse_inputs(c, roles_out, inputs)) ||
      (code = cp_cli_refuse_inputs(c, output, inputs)))
    goto cleanup;

  cp_status st = cp_mobility_build(input, &o, &m, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  report(c, m);
  st = dot ? cp_mobility_write_dot(m, &text, &text_len, &e)
           : cp_mobility_write_csv(m, &text, &text_len, &roles, &roles_len, &e);
  if (st) {
    code = cp_cli_status(c, st, &e);
    goto cleanup;
  }
  /* Roles renamed into place first: transitions never name a role the roles file lacks. */
  const char *paths[] = {roles_out, output}, *data[] = {roles, text};
  const size_t lens[] = {roles_len, text_len};
  code = roles_out ? cp_cli_write_files(c, 2, paths, data, lens, inputs)
                   : cp_cli_write(c, output, text, text_len, inputs);
cleanup:
  free(text);
  free(roles);
  free(roles_path);
  cp_mobility_free(m);
  return code;
}

int cp_cmd_mobility(const cp_cli *c, int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "build"))
    return build(c, argc - 1, argv + 1);
  if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
    fputs(help, c->out);
    return CP_EXIT_OK;
  }
  if (argc < 2)
    return cp_cli_fail(c, CP_EXIT_USAGE,
                       "which subcommand? 'careerpath mobility build HISTORIES.csv'");
  return cp_cli_fail(c, CP_EXIT_USAGE, "unknown subcommand '%s'; try 'careerpath mobility build'",
                     argv[1]);
}
