/* opt.c: the option parser: getopt_long's rules, no global state. */
#include "opt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *cp_cli_heading_title(cp_cli_heading h) {
  static const char *const titles[CP_HEAD_COUNT] = {
      [CP_HEAD_QUESTION] = "The question:",
      [CP_HEAD_BEST] = "What is best:",
      [CP_HEAD_LIMITS] = "Limits (routes beyond them are not returned; the best within them is):",
      [CP_HEAD_HELD] = "What the person already holds:",
      [CP_HEAD_BATCH] = "Many questions:",
      [CP_HEAD_OPTIONS] = "Options:",
      [CP_HEAD_OUTPUT] = "Output:",
      [CP_HEAD_INPUT] = "Input:"};
  return titles[h];
}

const cp_cli_option *cp_cli_find_option(const cp_cli_optset *set, const char *name, size_t len) {
  const cp_cli_option *prefix = NULL;
  size_t matches = 0;
  for (size_t i = 0; i < set->n; i++) {
    const char *o = set->opt[i]->name;
    if (strncmp(o, name, len) != 0)
      continue;
    if (o[len] == '\0')
      return set->opt[i];
    prefix = set->opt[i];
    matches++;
  }
  return matches == 1 ? prefix : NULL;
}

const cp_cli_option *cp_cli_find_letter(const cp_cli_optset *set, char letter) {
  for (size_t i = 0; letter && i < set->n; i++)
    if (set->opt[i]->letter == letter)
      return set->opt[i];
  return NULL;
}

/* The state of one parse: where it is in argv. */
typedef struct parser {
  const cp_cli *c;
  const cp_cli_optset *set;
  int argc, i;
  char **argv;
  cp_cli_apply apply;
  void *ctx;
  cp_cli_parsed *p;
} parser;

static int unknown(const parser *ps, const char *what) {
  return cp_cli_fail(ps->c, CP_EXIT_USAGE, "unknown option '%s'; see 'careerpath %s --help'", what,
                     ps->c->command);
}

/* Applies `o`; a help option ends the parse (p->help). */
static int take(parser *ps, const cp_cli_option *o, const char *value) {
  if (o->flags & CP_OPT_HELP) {
    ps->p->help = true;
    return CP_EXIT_OK;
  }
  return ps->apply(ps->ctx, o, value);
}

/* The value of an option that takes one: `attached` (after '=' or the letter) or the next
 * word, whatever it looks like (getopt's rule). */
static int value_of(parser *ps, const char *arg, const char *attached, const char **value) {
  if (attached) {
    *value = attached;
    return CP_EXIT_OK;
  }
  if (ps->i + 1 >= ps->argc)
    return cp_cli_fail(ps->c, CP_EXIT_USAGE, "option '%s' needs a value", arg);
  *value = ps->argv[++ps->i];
  return CP_EXIT_OK;
}

/* "--name", "--name=value", "--name value". */
static int long_option(parser *ps, const char *arg) {
  const char *name = arg + 2, *eq = strchr(name, '=');
  const cp_cli_option *o =
      cp_cli_find_option(ps->set, name, eq ? (size_t)(eq - name) : strlen(name));
  const char *value = NULL;
  int code;
  if (!o || (eq && !o->value))
    return unknown(ps, arg);
  if (o->value && (code = value_of(ps, arg, eq ? eq + 1 : NULL, &value)))
    return code;
  return take(ps, o, value);
}

/* "-h", "-o FILE", "-oFILE", "-ho FILE". */
static int short_options(parser *ps, const char *arg) {
  for (const char *ch = arg + 1; *ch; ch++) {
    const cp_cli_option *o = cp_cli_find_letter(ps->set, *ch);
    const char *value = NULL;
    int code;
    if (!o) {
      char what[3] = {'-', *ch, '\0'};
      return unknown(ps, what);
    }
    if (o->value && (code = value_of(ps, arg, ch[1] ? ch + 1 : NULL, &value)))
      return code;
    if ((code = take(ps, o, value)) || ps->p->help || o->value)
      return code;
  }
  return CP_EXIT_OK;
}

int cp_cli_parse_argv(const cp_cli *c, const cp_cli_optset *set, int argc, char **argv,
                      cp_cli_apply apply, void *ctx, cp_cli_parsed *p) {
  parser ps = {.c = c, .set = set, .argc = argc, .argv = argv, .apply = apply, .ctx = ctx, .p = p};
  bool options = true;
  int code = CP_EXIT_OK;
  *p = (cp_cli_parsed){.operands = malloc((argc > 0 ? (size_t)argc : 1) * sizeof(char *))};
  if (!p->operands)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  for (ps.i = 0; ps.i < argc && !code && !p->help; ps.i++) {
    const char *arg = argv[ps.i];
    if (options && !strcmp(arg, "--"))
      options = false;
    else if (options && !strncmp(arg, "--", 2))
      code = long_option(&ps, arg);
    else if (options && arg[0] == '-' && arg[1])
      code = short_options(&ps, arg);
    else
      p->operands[p->n_operands++] = argv[ps.i];
  }
  return code;
}

bool cp_cli_parse_count_max(const cp_cli *c, const char *name, const char *text, size_t max,
                            size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (!*text || *end || errno || v == 0 || text[0] == '-' || v > max) {
    cp_cli_fail(c, CP_EXIT_USAGE, "%s needs a whole number from 1 to %zu, not '%s'", name, max,
                text);
    return false;
  }
  *out = (size_t)v;
  return true;
}

bool cp_cli_parse_count(const cp_cli *c, const char *name, const char *text, size_t *out) {
  return cp_cli_parse_count_max(c, name, text, 1000000, out);
}
