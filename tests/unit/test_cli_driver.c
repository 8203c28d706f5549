/* test_cli_driver.c: the command table and its driver (driver.c, table.c, help.c, opt.c):
 * dispatch, generated help, the option parser's rules, the man page and completion. */
#include "cli_test.h"
#include "groups.h"
#include "table.h"

/* Every command in the table has help generated from it: its usage line, each of its
 * options, and its exit codes; on stdout, exit 0, nothing on stderr. */
static void every_command_has_help(void **state) {
  (void)state;
  run_result *r = run("--help");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Exit codes");
  for (size_t i = 0; i < cp_cli_n_commands; i++) {
    const cp_cli_command *cmd = cp_cli_commands[i];
    char name[64], want[96];
    cp_cli_full_name(cmd, name, sizeof name);
    snprintf(want, sizeof want, "\n  %s ", name);
    assert_contains(r->out, want);
  }
  for (size_t i = 0; i < cp_cli_n_commands; i++) {
    const cp_cli_command *cmd = cp_cli_commands[i];
    char name[64], want[96];
    cp_cli_optset set;
    cp_cli_full_name(cmd, name, sizeof name);
    const char *args[4] = {cmd->parent ? cmd->parent : cmd->name,
                           cmd->parent ? cmd->name : "--help", cmd->parent ? "--help" : NULL, NULL};
    r = cli_run_list(args);
    assert_int_equal(r->code, 0);
    assert_string_equal(r->err, "");
    snprintf(want, sizeof want, "Usage: careerpath %s ", name);
    assert_contains(r->out, want);
    assert_contains(r->out, "Exit codes: 0 ");
    cp_cli_options_of(cmd, &set);
    for (size_t j = 0; j < set.n; j++) {
      snprintf(want, sizeof want, "--%s", set.opt[j]->name);
      assert_contains(r->out, want);
    }
  }
  r = run("route", "-h");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Usage: careerpath route");
  r = run("--version");
  assert_contains(r->out, "careerpath ");
}

static void top_level_dispatch(void **state) {
  (void)state;
  run_result *r = cli_run_list((const char *const[]){NULL});
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "Usage: careerpath COMMAND");
  r = run("frobnicate");
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_string_equal(r->err,
                      "careerpath: unknown command 'frobnicate'; try 'careerpath --help'\n");
  r = run("help");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "Commands:");
}

/* getopt_long's rules, kept by the driver's own parser. */
static void options_parse_as_getopt_did(void **state) {
  (void)state;
  struct {
    const char *args[10];
    int code;
    const char *err;
  } cases[] = {
      /* unknown options and missing values name what was typed */
      {{"route", "--frm", "a"},
       2,
       "careerpath route: unknown option '--frm'; see 'careerpath route --help'\n"},
      {{"route", "-x"},
       2,
       "careerpath route: unknown option '-x'; see 'careerpath route --help'\n"},
      {{"route", "--from"}, 2, "careerpath route: option '--from' needs a value\n"},
      {{"route", "--from", "a", "--to", "b", "-o"},
       2,
       "careerpath route: option '-o' needs a value\n"},
      {{"route", "--help=x"},
       2,
       "careerpath route: unknown option '--help=x'; see 'careerpath route --help'\n"},
      /* an ambiguous prefix is unknown; a unique one is the option */
      {{"route", SMALL, "--from", "a", "--to", "d", "--max", "3"}, 2, "unknown option '--max'"},
      {{"route", SMALL, "--fro", "a", "--to", "d"}, 0, ""},
      /* --name=value, operands anywhere, "--" ends the options */
      {{"route", "--from=a", "--to=d", SMALL}, 0, ""},
      {{"route", "--from", "a", "--to", "d", "--", SMALL}, 0, ""},
      {{"route", "--", "--from", "a"}, 2, "unexpected argument 'a'"},
      /* a value may start with '-' */
      {{"route", SMALL, "--from", "a", "--to", "d", "--budget", "-5"},
       2,
       "--budget needs a number >= 0, not '-5'"},
      /* help ends the parse: later errors are not reached, earlier ones are */
      {{"route", "--from", "a", "-h", "--frob"}, 0, ""},
      {{"route", "--k", "0", "--help"}, 2, "--k needs a whole number"},
      {{"roles", "x.gv", "y.gv"}, 2, "unexpected argument 'y.gv'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    run_result *r = cli_run_list(cases[i].args);
    if (r->code != cases[i].code)
      fail_msg("case %zu: exit %d, wanted %d; stderr: %s", i, r->code, cases[i].code, r->err);
    if (*cases[i].err)
      assert_contains(r->err, cases[i].err);
    else
      assert_string_equal(r->err, "");
  }
  /* -oFILE is -o FILE. */
  char dir[64], opt[128];
  cli_test_dir(dir, sizeof dir);
  snprintf(opt, sizeof opt, "-o%s/r.txt", dir);
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", opt);
  assert_int_equal(r->code, 0);
  assert_int_equal(r->out_len, 0);
  assert_int_equal(cli_test_count(dir), 1);
  cli_test_rmdir(dir);
}

/* careerpath(1) and the completion script are generated from the same table. */
static void man_page_and_completion_cover_every_command(void **state) {
  (void)state;
  run_result *r = run("help", "--man");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, ".TH CAREERPATH 1");
  char *man = strdup(r->out);
  r = run("help", "--bash-completion");
  assert_int_equal(r->code, 0);
  assert_contains(r->out, "complete -F _careerpath careerpath");
  for (size_t i = 0; i < cp_cli_n_commands; i++) {
    const cp_cli_command *cmd = cp_cli_commands[i];
    char name[64], want[96];
    cp_cli_optset set;
    cp_cli_full_name(cmd, name, sizeof name);
    snprintf(want, sizeof want, ".SS \"careerpath %s\"", name);
    assert_contains(man, want);
    snprintf(want, sizeof want, "  \"%s\")", name);
    assert_contains(r->out, want);
    cp_cli_options_of(cmd, &set);
    for (size_t j = 0; j < set.n; j++) { /* "--max-months" as \-\-max\-months */
      char *w = want;
      for (const char *p = "--"; *p; p++)
        w += sprintf(w, "\\-");
      for (const char *p = set.opt[j]->name; *p; p++)
        w += *p == '-' ? sprintf(w, "\\-") : sprintf(w, "%c", *p);
      assert_contains(man, want);
    }
  }
  free(man);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_command_has_help),
      cmocka_unit_test(top_level_dispatch),
      cmocka_unit_test(options_parse_as_getopt_did),
      cmocka_unit_test(man_page_and_completion_cover_every_command),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
