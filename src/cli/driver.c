/* driver.c: runs one command of the table: parse its options, check them, protect its
 * inputs, load the graph, compute, present in the chosen format and write atomically. */
#include "boot.h"
#include "cli.h"
#include "command.h"
#include "groups.h"
#include "help.h"
#include "json_out.h"
#include "table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- the run's resources ---- */

static int run_start(cp_cli_run *x, const cp_cli_command *cmd, FILE *out, FILE *err, void **state) {
  *x = (cp_cli_run){.c = {.out = out, .err = err, .command = cmd->parent ? cmd->parent : cmd->name},
                    .cmd = cmd,
                    .run_loaded = cp_cli_run_loaded};
  x->args.format = cmd->default_format;
  cp_cli_request_init(&x->args.rq);
  x->inputs.path[0] = NULL;
  if (!(*state = calloc(1, cmd->state_size ? cmd->state_size : 1)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  if (cmd->init)
    cmd->init(x, *state);
  return CP_EXIT_OK;
}

static void run_end(cp_cli_run *x, void *state) {
  if (state && x->cmd->release)
    x->cmd->release(state);
  free(state);
  for (size_t i = 0; i < x->n_companions; i++)
    free(x->companion[i].data);
  cp_cli_inputs_free(&x->inputs);
  cp_mobility_free(x->args.hist.m);
  cp_router_free(x->own_router);
  cp_graph_free(x->own_graph);
  free(x->have_text);
}

/* ---- parsing ---- */

typedef struct applying {
  cp_cli_run *x;
  void *state;
} applying;

/* Applies one option to the shared arguments or the command's state. */
static int apply(void *ctx, const cp_cli_option *o, const char *value) {
  applying *a = ctx;
  cp_cli_run *x = a->x;
  if (x->loaded && (o->flags & (CP_OPT_READS | CP_OPT_WRITES | CP_OPT_EDITS | CP_OPT_LOADS)))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--%s is not available on a shared graph", o->name);
  char *base = o->flags & CP_OPT_SHARED ? (char *)&x->args : a->state;
  return o->set(x, o, base + o->offset, value);
}

/* The GRAPH operand: at most one. */
static int graph_operand(cp_cli_run *x, char **operands, size_t n) {
  if (n > 1)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "unexpected argument '%s'", operands[1]);
  x->args.graph_path = n ? operands[0] : NULL;
  return CP_EXIT_OK;
}

static int take_operands(cp_cli_run *x, void *state, char **operands, size_t n) {
  if (x->cmd->operands)
    return x->cmd->operands(x, state, operands, n);
  if (x->cmd->groups & CP_GROUP_GRAPH)
    return graph_operand(x, operands, n);
  return n ? cp_cli_fail(&x->c, CP_EXIT_USAGE, "unexpected argument '%s'", operands[0])
           : CP_EXIT_OK;
}

/* ---- before computing ---- */

/* The format a file name's extension names (".svg", ".gv"; any case), or -1. */
static int format_of_name(const char *path) {
  static const struct {
    const char *ext;
    cp_out_format format;
  } by_ext[] = {{"txt", CP_OUT_TEXT}, {"text", CP_OUT_TEXT}, {"json", CP_OUT_JSON},
                {"csv", CP_OUT_CSV},  {"dot", CP_OUT_DOT},   {"gv", CP_OUT_DOT},
                {"svg", CP_OUT_SVG},  {"html", CP_OUT_HTML}, {"htm", CP_OUT_HTML},
                {"png", CP_OUT_PNG},  {"pdf", CP_OUT_PDF},   {"cpg", CP_OUT_CPG}};
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
  if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1))
    return -1;
  for (size_t i = 0; i < sizeof by_ext / sizeof by_ext[0]; i++)
    if (!cp_strcasecmp_ascii(dot + 1, by_ext[i].ext))
      return (int)by_ext[i].format;
  return -1;
}

/* -o's name picks the format when --format is not given ("-o plan.html" writes HTML); a
 * --format the name contradicts, or a name the command cannot write, is a usage error.
 * Names with no known extension change nothing. */
static int format_from_name(cp_cli_run *x) {
  const char *out = x->args.output;
  int named = out && strcmp(out, "-") ? format_of_name(out) : -1;
  if (named < 0 || (cp_out_format)named == x->args.format)
    return CP_EXIT_OK;
  const char *name = cp_cli_format_name((cp_out_format)named);
  if (x->args.format_given)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "--format %s, but -o %s names a %s file; drop --format or rename the file",
                       cp_cli_format_name(x->args.format), out, name);
  if (!(cp_cli_formats(x->cmd) & CP_OUT_BIT(named))) {
    char list[128];
    cp_cli_format_list(cp_cli_formats(x->cmd), true, list, sizeof list);
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "-o %s names a %s file, which this command does not "
                       "write (it writes %s)",
                       out, name, list);
  }
  x->args.format = (cp_out_format)named;
  return CP_EXIT_OK;
}

/* Registers every file the run reads: the last value of each option that names one (a
 * string at its offset), the graph, and the tables the library reads beside a table graph
 * (cp_read_graph_companions; out of memory: registering them is moot, the load fails the
 * same way). */
static void register_inputs(cp_cli_run *x, void *state) {
  cp_cli_optset set;
  char *roles_beside, *credentials;
  cp_cli_options_of(x->cmd, &set);
  for (size_t i = 0; i < set.n; i++) {
    const cp_cli_option *o = set.opt[i];
    const char *base = o->flags & CP_OPT_SHARED ? (const char *)&x->args : state;
    if (o->flags & CP_OPT_READS)
      cp_cli_inputs_add(&x->inputs, *(const char *const *)(base + o->offset));
  }
  if (!(x->cmd->groups & CP_GROUP_GRAPH) || !x->args.graph_path)
    return;
  cp_cli_inputs_add(&x->inputs, x->args.graph_path);
  if (cp_read_graph_companions(x->args.graph_path, x->args.roles, &roles_beside, &credentials))
    return;
  cp_cli_inputs_own(&x->inputs, roles_beside);
  cp_cli_inputs_own(&x->inputs, credentials);
}

static int read_have_file(cp_cli_run *x) {
  if (!x->args.have_file)
    return CP_EXIT_OK;
  return cp_cli_read_have_file(&x->c, x->args.have_file, &x->args.rq, &x->have_text);
}

/* Before any work: no output may be an input (compared by device and inode), nor another
 * output. */
static int protect_inputs(cp_cli_run *x) {
  int code = CP_EXIT_OK;
  for (size_t i = 0; i < x->n_companions && !code; i++)
    if (!(code = cp_cli_refuse_inputs(&x->c, x->companion[i].path, x->inputs.path)))
      code = cp_cli_refuse_clash(&x->c, x->companion[i].path, x->args.output);
  return code ? code : cp_cli_refuse_inputs(&x->c, x->args.output, x->inputs.path);
}

static int load_graph(cp_cli_run *x) {
  cp_error e = {0};
  const char *path = x->args.graph_path, *roles = x->args.roles;
  if (!(x->cmd->groups & CP_GROUP_GRAPH) || x->g)
    return CP_EXIT_OK;
  if (x->args.hist.path)
    return cp_cli_histories_load(x);
  if (!path && (roles || x->args.columns || x->args.role_columns))
    return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                       "%s goes with a table graph (CSV or TSV) given as GRAPH",
                       roles             ? "--roles"
                       : x->args.columns ? "--columns"
                                         : "--role-columns");
  cp_read_options o = {0};
  int code;
  if ((code = cp_cli_column_map(x, "--columns", x->args.columns, &o.columns)) ||
      (code = cp_cli_column_map(x, "--role-columns", x->args.role_columns, &o.role_columns)))
    goto done;
  cp_status st = path ? cp_read_graph_with(path, roles, &o, &x->own_graph, &e)
                      : cp_builtin_graph(&x->own_graph, &e);
  x->g = x->own_graph;
  code = cp_cli_status(&x->c, st, &e);
done:
  cp_column_map_free((cp_column_map *)o.columns);
  cp_column_map_free((cp_column_map *)o.role_columns);
  return code;
}

/* ---- after computing ---- */

/* The companions, then the main output, through one safe write. */
static int write_outputs(cp_cli_run *x, const char *buf, size_t len) {
  const char *paths[CP_CLI_MAX_COMPANIONS + 1], *data[CP_CLI_MAX_COMPANIONS + 1];
  size_t lens[CP_CLI_MAX_COMPANIONS + 1], n = 0;
  for (size_t i = 0; i < x->n_companions; i++, n++) {
    paths[n] = x->companion[i].path;
    data[n] = x->companion[i].data ? x->companion[i].data : "";
    lens[n] = x->companion[i].len;
  }
  paths[n] = x->args.output;
  data[n] = buf;
  lens[n++] = len;
  return cp_cli_write_files(&x->c, n, paths, data, lens, x->inputs.path);
}

/* A batch to stdout is printed as it is answered. */
static int present_streaming(cp_cli_run *x, void *state, cp_cli_present_fn present) {
  int code = present(x, state, x->args.format, x->c.out);
  if (!code && fflush(x->c.out) != 0)
    code = cp_cli_fail(&x->c, CP_EXIT_OUTPUT, "cannot write the output: %s", strerror(errno));
  return code;
}

static int present_and_write(cp_cli_run *x, void *state) {
  cp_cli_present_fn present = x->cmd->present[x->args.format];
  const char *out = x->args.output;
  if (x->cmd->streams && x->args.batch && (!out || !strcmp(out, "-")))
    return present_streaming(x, state, present);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = cp_cli_buffer_open(&buf, &len);
  if (!f)
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  int code = present(x, state, x->args.format, f);
  bool closed = cp_cli_memstream_close(f, &buf);
  if (!code && !closed)
    code = cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory formatting %s", x->cmd->what);
  if (!code && !x->no_output)
    code = write_outputs(x, buf, len);
  free(buf);
  return code;
}

/* Everything after parsing. */
static int execute(cp_cli_run *x, void *state) {
  int code;
  if ((code = format_from_name(x)) || (x->cmd->check && (code = x->cmd->check(x, state))) ||
      ((x->cmd->groups & CP_GROUP_HISTORIES) && (code = cp_cli_histories_check(x))) ||
      (code = read_have_file(x)))
    return code;
  register_inputs(x, state);
  if ((code = protect_inputs(x)) || (code = load_graph(x)) || (code = x->cmd->compute(x, state)) ||
      (code = present_and_write(x, state)))
    return code;
  if (x->cmd->written)
    x->cmd->written(x, state);
  return x->code;
}

/* ---- entry points ---- */

static int run_argv(const cp_cli_command *cmd, FILE *out, FILE *err, int argc, char **argv) {
  cp_cli_run x;
  void *state = NULL;
  cp_cli_optset set;
  cp_cli_parsed p = {0};
  int code = run_start(&x, cmd, out, err, &state);
  cp_cli_options_of(cmd, &set);
  applying a = {&x, state};
  if (!code)
    code = cp_cli_parse_argv(&x.c, &set, argc, argv, apply, &a, &p);
  if (!code && p.help)
    cp_cli_print_help(out, cmd);
  else if (!code && !(code = take_operands(&x, state, p.operands, p.n_operands)))
    code = execute(&x, state);
  free(p.operands);
  run_end(&x, state);
  return code;
}

/* The commands under `parent` (mobility: build), for its messages. */
static void subcommands(const char *parent, bool operand, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < cp_cli_n_commands && used < n; i++) {
    const cp_cli_command *cmd = cp_cli_commands[i];
    if (cmd->parent && !strcmp(cmd->parent, parent))
      used += (size_t)snprintf(buf + used, n - used, "%s'careerpath %s %s%s%s'", used ? " or " : "",
                               parent, cmd->name, operand ? " " : "",
                               operand && cmd->operand ? cmd->operand : "");
  }
}

static bool is_help(const char *arg) { return !strcmp(arg, "-h") || !strcmp(arg, "--help"); }

/* `careerpath PARENT [SUB]`: SUB's command; with -h, the help of every SUB; else an error. */
static int find_subcommand(cp_cli *c, const char *parent, int argc, char **argv,
                           const cp_cli_command **out) {
  char list[512];
  c->command = parent;
  for (size_t i = 0; argc >= 2 && i < cp_cli_n_commands; i++) {
    const cp_cli_command *cmd = cp_cli_commands[i];
    bool child = cmd->parent && !strcmp(cmd->parent, parent);
    if (child && is_help(argv[1]))
      cp_cli_print_help(c->out, cmd);
    else if (child && !strcmp(cmd->name, argv[1]))
      *out = cmd;
  }
  if (*out || (argc >= 2 && is_help(argv[1])))
    return CP_EXIT_OK;
  subcommands(parent, argc < 2, list, sizeof list);
  if (argc < 2)
    return cp_cli_fail(c, CP_EXIT_USAGE, "which subcommand? %s", list);
  return cp_cli_fail(c, CP_EXIT_USAGE, "unknown subcommand '%s'; try %s", argv[1], list);
}

/* The command argv[0] names (with argv[1] for a subcommand); *used: words it took. */
static int find_command(cp_cli *c, int argc, char **argv, const cp_cli_command **out, int *used) {
  *out = NULL;
  for (size_t i = 0; i < cp_cli_n_commands; i++) {
    const cp_cli_command *cmd = cp_cli_commands[i];
    if (!cmd->parent && !strcmp(cmd->name, argv[0])) {
      *out = cmd;
      *used = 1;
      return CP_EXIT_OK;
    }
    if (cmd->parent && !strcmp(cmd->parent, argv[0])) {
      *used = 2;
      return find_subcommand(c, cmd->parent, argc, argv, out);
    }
  }
  fprintf(c->err, "careerpath: unknown command '%s'; try 'careerpath --help'\n", argv[0]);
  return CP_EXIT_USAGE;
}

/* `careerpath help`, with the hidden generators the build uses. */
static int help_command(cp_cli *c, int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[2], "--man"))
    cp_cli_print_man(c->out);
  else if (argc > 2 && !strcmp(argv[2], "--bash-completion"))
    cp_cli_print_bash_completion(c->out);
  else
    cp_cli_print_usage(c->out);
  return CP_EXIT_OK;
}

int cp_cli_main(int argc, char **argv, FILE *out, FILE *err) {
  cp_cli c = {.out = out, .err = err, .command = NULL};
  const cp_cli_command *cmd;
  int used = 0;
  cp_init();
  cp_cli_json_init();
  if (argc < 2) {
    cp_cli_print_usage(err);
    return CP_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (is_help(name) || !strcmp(name, "help"))
    return help_command(&c, argc, argv);
  if (!strcmp(name, "--version")) {
    fprintf(out, "careerpath %s\n", CP_VERSION);
    return CP_EXIT_OK;
  }
  int code = find_command(&c, argc - 1, argv + 1, &cmd, &used);
  if (code || !cmd)
    return code;
  return run_argv(cmd, out, err, argc - 1 - used, argv + 1 + used);
}

/* Applies `options` by exact name, as a URL query gives them. */
static int apply_pairs(cp_cli_run *x, void *state, const cp_cli_pair *options, size_t n,
                       bool *help) {
  cp_cli_optset set;
  applying a = {x, state};
  int code = CP_EXIT_OK;
  cp_cli_options_of(x->cmd, &set);
  for (size_t i = 0; i < n && !code && !*help; i++) {
    const char *name = options[i].name, *value = options[i].value;
    const cp_cli_option *o = cp_cli_find_option(&set, name, strlen(name));
    if (!o || strcmp(o->name, name))
      code = cp_cli_fail(&x->c, CP_EXIT_USAGE, "unknown option '--%s'", name);
    else if (o->value && !value)
      code = cp_cli_fail(&x->c, CP_EXIT_USAGE, "option '--%s' needs a value", name);
    else if (!o->value && value && *value)
      code = cp_cli_fail(&x->c, CP_EXIT_USAGE, "option '--%s' takes no value", name);
    else if (o->flags & CP_OPT_HELP)
      *help = true;
    else
      code = apply(&a, o, value);
  }
  return code;
}

int cp_cli_run_loaded(const char *command, const cp_graph *g, const cp_router *router,
                      const cp_cli_pair *options, size_t n_options, FILE *out, FILE *err) {
  const cp_cli_command *cmd = NULL;
  char name[64];
  cp_init();
  cp_cli_json_init();
  for (size_t i = 0; i < cp_cli_n_commands && !cmd; i++) {
    cp_cli_full_name(cp_cli_commands[i], name, sizeof name);
    cmd = !strcmp(name, command) ? cp_cli_commands[i] : NULL;
  }
  if (!cmd || !(cmd->groups & CP_GROUP_GRAPH)) {
    fprintf(err, "careerpath: '%s' is not a command that answers on a graph\n", command);
    return CP_EXIT_USAGE;
  }
  cp_cli_run x;
  void *state = NULL;
  bool help = false;
  int code = run_start(&x, cmd, out, err, &state);
  x.loaded = true;
  x.g = g;
  x.router = router;
  if (!code && !(code = apply_pairs(&x, state, options, n_options, &help)) && help)
    cp_cli_print_help(out, cmd);
  else if (!code)
    code = execute(&x, state);
  run_end(&x, state);
  return code;
}
