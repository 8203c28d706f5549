/* groups.c: the shared option groups (output, graph input, question, limits, credentials
 * held, batch, help), each option declared once, and the setters options use. */
#include "groups.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define SHARED(field) offsetof(cp_cli_args, field)

/* ---- setters ---- */

int cp_cli_set_string(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)x, (void)o;
  *(const char **)dst = value;
  return CP_EXIT_OK;
}

int cp_cli_set_flag(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)x, (void)o, (void)value;
  *(int *)dst = 1;
  return CP_EXIT_OK;
}

int cp_cli_set_count(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  char name[64];
  snprintf(name, sizeof name, "--%s", o->name);
  return cp_cli_parse_count(&x->c, name, value, dst) ? CP_EXIT_OK : CP_EXIT_USAGE;
}

int cp_cli_set_k(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  return cp_cli_parse_count_max(&x->c, "--k", value, CP_CLI_MAX_K, dst) ? CP_EXIT_OK
                                                                        : CP_EXIT_USAGE;
}

int cp_cli_set_criterion(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  cp_cli_criterion_choice *choice = dst;
  choice->given = true;
  if (cp_criterion_parse(value, &choice->value) == CP_OK)
    return CP_EXIT_OK;
  return cp_cli_fail(&x->c, CP_EXIT_USAGE,
                     "unknown criterion '%s' (choose from steps, months, cost, effort)", value);
}

int cp_cli_parse_method(const cp_cli *c, const char *text, cp_community_method *out) {
  if (!strcmp(text, "leiden"))
    *out = CP_COMMUNITY_LEIDEN;
  else if (!strcmp(text, "louvain"))
    *out = CP_COMMUNITY_LOUVAIN;
  else
    return cp_cli_fail(c, CP_EXIT_USAGE, "unknown method '%s' (choose leiden or louvain)", text);
  return CP_EXIT_OK;
}

int cp_cli_parse_period(const cp_cli *c, const char *text, cp_period *out) {
  if (!strcmp(text, "year"))
    *out = CP_PERIOD_YEAR;
  else if (!strcmp(text, "month"))
    *out = CP_PERIOD_MONTH;
  else
    return cp_cli_fail(c, CP_EXIT_USAGE, "unknown period '%s' (choose year or month)", text);
  return CP_EXIT_OK;
}

static int set_period(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  return cp_cli_parse_period(&x->c, value, dst);
}

/* A seed: any whole number from 0 to 2^64 - 1. */
static int set_seed(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o, (void)dst;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(value, &end, 10);
  if (!*value || *end || errno || *value == '-')
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--seed '%s' is not a whole number from 0", value);
  x->args.hist.seed = v;
  x->args.hist.seed_given = true;
  return CP_EXIT_OK;
}

int cp_cli_verdict(cp_cli_run *x, bool ok, const char *why) {
  return ok ? CP_EXIT_OK : cp_cli_fail(&x->c, CP_EXIT_USAGE, "%s", why);
}

static int set_by(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o, (void)dst;
  char why[512];
  return cp_cli_verdict(x, cp_cli_parse_by(value, &x->args.rq, why, sizeof why), why);
}

static int set_within(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o, (void)dst;
  char why[512];
  return cp_cli_verdict(x, cp_cli_parse_within(value, &x->args.rq, why, sizeof why), why);
}

/* --budget and --max-*: `dst` is the limit. */
static int set_limit(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  char why[512], name[64];
  snprintf(name, sizeof name, "--%s", o->name);
  return cp_cli_verdict(x, cp_cli_parse_limit(name, value, dst, why, sizeof why), why);
}

/* Repeatable names: `dst` is the list. */
int cp_cli_add_to_list(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  char why[512], what[64];
  snprintf(what, sizeof what, "--%s", o->name);
  return cp_cli_verdict(x, cp_cli_add_name(dst, value, what, why, sizeof why), why);
}

static int set_format(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o, (void)dst;
  int code = cp_cli_parse_format(&x->c, value, cp_cli_formats(x->cmd), &x->args.format);
  x->args.format_given = code == CP_EXIT_OK;
  return code;
}

/* ---- the options ---- */

#define CRITERIA "steps months cost effort payback"

const cp_cli_option cp_opt_from = {
    .name = "from",
    .value = "ROLE",
    .help = "the role to start from: its id, its label (with or without what is in "
            "parentheses), an alias (RN, data analyst) or an occupation code, in any case; a "
            "close spelling is taken with a note, and a name several roles share lists them",
    .heading = CP_HEAD_QUESTION,
    .set = cp_cli_set_string,
    .offset = SHARED(rq.from),
    .flags = CP_OPT_SHARED,
    .complete = "@role",
};
/* --to: the first is the target; route takes several (the best route to any). */
static int set_to(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)dst;
  if (!x->args.rq.to)
    x->args.rq.to = value;
  return cp_cli_add_to_list(x, o, &x->args.rq.targets, value);
}

const cp_cli_option cp_opt_to = {
    .name = "to",
    .value = "ROLE",
    .help = "the role to reach, named as for --from; route takes it more than once for the best "
            "route to any of them",
    .heading = CP_HEAD_QUESTION,
    .set = set_to,
    .flags = CP_OPT_SHARED | CP_OPT_REPEAT,
    .complete = "@role",
};
static const cp_cli_option opt_by = {
    .name = "by",
    .value = "CRITERION",
    .help =
        "steps (fewest moves), months (default: fastest), cost (cheapest), effort, or payback "
        "(cheapest, and lists ordered by how soon the wage rise repays the route); or a "
        "trade-off C=W,C=W...: the sum of each weight times the route's total, e.g. --by "
        "months=1,cost=0.0005 (a month is worth $2,000)",
    .heading = CP_HEAD_BEST,
    .set = set_by,
    .flags = CP_OPT_SHARED,
    .complete = CRITERIA};
const cp_cli_option cp_opt_k = {
    .name = "k",
    .value = "N",
    .help = "the N best routes, best first (default 1); routes of equal total are ordered by fewer "
            "steps, then their roles in graph order, then their moves",
    .heading = CP_HEAD_BEST,
    .set = cp_cli_set_k,
    .offset = SHARED(rq.k),
    .flags = CP_OPT_SHARED};

const cp_cli_option cp_opt_sources = {
    .name = "sources",
    .help = "say where each figure comes from (moves, wages, roles) in text too; JSON always "
            "carries them",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_flag,
    .offset = SHARED(rq.sources),
    .flags = CP_OPT_SHARED};

static const cp_cli_option opt_within = {
    .name = "within",
    .value = "C=L,...",
    .help = "limits on several totals at once, e.g. months=36,cost=20000",
    .heading = CP_HEAD_LIMITS,
    .set = set_within,
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_budget = {
    .name = "budget",
    .value = "COST",
    .help = "at most this money in total",
    .heading = CP_HEAD_LIMITS,
    .set = set_limit,
    .offset = SHARED(rq.limits[CP_BY_COST]),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_max_months = {
    .name = "max-months",
    .value = "M",
    .help = "at most this many months in total",
    .heading = CP_HEAD_LIMITS,
    .set = set_limit,
    .offset = SHARED(rq.limits[CP_BY_MONTHS]),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_max_steps = {
    .name = "max-steps",
    .value = "N",
    .help = "at most this many moves",
    .heading = CP_HEAD_LIMITS,
    .set = set_limit,
    .offset = SHARED(rq.limits[CP_BY_STEPS]),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_max_effort = {
    .name = "max-effort",
    .value = "E",
    .help = "at most this much effort in total",
    .heading = CP_HEAD_LIMITS,
    .set = set_limit,
    .offset = SHARED(rq.limits[CP_BY_EFFORT]),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_avoid = {
    .name = "avoid",
    .value = "ROLE",
    .help = "never pass through ROLE (repeatable)",
    .heading = CP_HEAD_LIMITS,
    .set = cp_cli_add_to_list,
    .offset = SHARED(rq.avoid),
    .flags = CP_OPT_SHARED | CP_OPT_REPEAT,
    .complete = "@role",
};
static const cp_cli_option opt_avoid_domain = {
    .name = "avoid-domain",
    .value = "D",
    .help =
        "never pass through a role of domain D (repeatable; the start and the goal stay allowed)",
    .heading = CP_HEAD_LIMITS,
    .set = cp_cli_add_to_list,
    .offset = SHARED(rq.avoid_domain),
    .flags = CP_OPT_SHARED | CP_OPT_REPEAT};

static const cp_cli_option opt_have = {
    .name = "have",
    .value = "CRED",
    .help = "a credential or skill already held (repeatable): moves that require a catalogued "
            "credential cost its months and cost less",
    .heading = CP_HEAD_HELD,
    .set = cp_cli_add_to_list,
    .offset = SHARED(rq.have),
    .flags = CP_OPT_SHARED | CP_OPT_REPEAT,
};
static const cp_cli_option opt_have_file = {
    .name = "have-file",
    .value = "FILE",
    .help = "credentials held, one per line ('#' starts a comment)",
    .heading = CP_HEAD_HELD,
    .set = cp_cli_set_string,
    .offset = SHARED(have_file),
    .flags = CP_OPT_SHARED | CP_OPT_READS,
    .complete = "@file",
};

static const cp_cli_option opt_batch = {
    .name = "batch",
    .value = "FILE",
    .help =
        "a CSV with columns from,to and optionally by, k, pareto, budget, max_months, max_steps, "
        "max_effort, avoid, via, have (lists separated by ';'); each row is answered in order, one "
        "line each; options given here apply to every row that leaves the column empty. A bad row "
        "is reported with its line and the rest go on.",
    .heading = CP_HEAD_BATCH,
    .set = cp_cli_set_string,
    .offset = SHARED(batch),
    .flags = CP_OPT_SHARED | CP_OPT_READS,
    .complete = "@file"};

/* Its help is the command's formats (help.c). */
const cp_cli_option cp_opt_format = {
    .name = "format",
    .value = "FORMAT",
    .heading = CP_HEAD_OUTPUT,
    .set = set_format,
    .flags = CP_OPT_SHARED,
    .complete = "@formats",
};
const cp_cli_option cp_opt_output = {
    .name = "output",
    .letter = 'o',
    .value = "FILE",
    .help = "write there (through a temporary file) instead of stdout",
    .heading = CP_HEAD_OUTPUT,
    .set = cp_cli_set_string,
    .offset = SHARED(output),
    .flags = CP_OPT_SHARED | CP_OPT_WRITES,
    .complete = "@file",
};

const cp_cli_option cp_opt_columns = {
    .name = "columns",
    .value = "NAME=COLUMN,...",
    .help = "read the input table's header through a column map: each COLUMN of the file is "
            "read as NAME (from, to, months, cost, effort, requires, note, source, or any "
            "attribute such as probability or count; for career histories person, role, start, "
            "seq, end), e.g. from=OCC_source,to=OCC_target,probability=transition_prob",
    .heading = CP_HEAD_INPUT,
    .set = cp_cli_set_string,
    .offset = SHARED(columns),
    .flags = CP_OPT_SHARED | CP_OPT_LOADS,
};
static const cp_cli_option opt_role_columns = {
    .name = "role-columns",
    .value = "NAME=COLUMN,...",
    .help = "the same for the roles table (id, label, domain, level, or any attribute), e.g. "
            "id=OCC_CODE,label=OCC_TITLE",
    .heading = CP_HEAD_INPUT,
    .set = cp_cli_set_string,
    .offset = SHARED(role_columns),
    .flags = CP_OPT_SHARED | CP_OPT_LOADS,
};
static const cp_cli_option opt_roles = {
    .name = "roles",
    .value = "FILE",
    .help = "roles table (CSV or TSV) for a table graph (default: roles.csv, or roles.tsv, "
            "beside it)",
    .heading = CP_HEAD_INPUT,
    .set = cp_cli_set_string,
    .offset = SHARED(roles),
    .flags = CP_OPT_SHARED | CP_OPT_READS,
    .complete = "@file",
};
const cp_cli_option cp_opt_help = {
    .name = "help",
    .letter = 'h',
    .help = "this help",
    .heading = CP_HEAD_INPUT,
    .flags = CP_OPT_HELP,
};

static const cp_cli_option opt_histories = {
    .name = "histories",
    .value = "FILE",
    .help = "career histories (as 'careerpath mobility build' reads them) to build the graph "
            "from, in place of GRAPH; needed by --bootstrap",
    .heading = CP_HEAD_INPUT,
    .set = cp_cli_set_string,
    .offset = SHARED(hist.path),
    .flags = CP_OPT_SHARED | CP_OPT_READS,
    .complete = "@file",
};
static const cp_cli_option opt_period = {
    .name = "period",
    .value = "year|month",
    .help = "with --histories: a chain per year or month, with stays (default: moves only, as "
            "mobility build)",
    .heading = CP_HEAD_INPUT,
    .set = set_period,
    .offset = SHARED(hist.period),
    .flags = CP_OPT_SHARED,
    .complete = "year month",
};
static const cp_cli_option opt_min_people = {
    .name = "min-people",
    .value = "K",
    .help = "with --histories: leave out roles and moves seen in fewer than K people (default "
            "5, as mobility build)",
    .heading = CP_HEAD_INPUT,
    .set = cp_cli_set_count,
    .offset = SHARED(hist.min_people),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_bootstrap = {
    .name = "bootstrap",
    .value = "N",
    .help = "with --histories: N replicates resampling people with replacement; each figure "
            "gets its 95% percentile interval",
    .heading = CP_HEAD_INPUT,
    .set = cp_cli_set_count,
    .offset = SHARED(hist.replicates),
    .flags = CP_OPT_SHARED,
};
static const cp_cli_option opt_seed = {
    .name = "seed",
    .value = "S",
    .help = "the bootstrap's seed (default 1): the same seed gives the same intervals",
    .heading = CP_HEAD_INPUT,
    .set = set_seed,
    .flags = CP_OPT_SHARED,
};

/* ---- the groups ---- */

static const cp_cli_option *const output_group[] = {&cp_opt_format, &cp_opt_output, NULL};
static const cp_cli_option *const graph_group[] = {&opt_roles, &cp_opt_columns, &opt_role_columns,
                                                   NULL};
static const cp_cli_option *const question_group[] = {&cp_opt_from, &cp_opt_to, &opt_by, NULL};
static const cp_cli_option *const limits_group[] = {
    &opt_within,     &opt_budget, &opt_max_months,   &opt_max_steps,
    &opt_max_effort, &opt_avoid,  &opt_avoid_domain, NULL};
static const cp_cli_option *const held_group[] = {&opt_have, &opt_have_file, NULL};
static const cp_cli_option *const batch_group[] = {&opt_batch, NULL};
static const cp_cli_option *const help_group[] = {&cp_opt_help, NULL};
static const cp_cli_option *const histories_group[] = {&opt_histories, &opt_period, &opt_min_people,
                                                       &opt_bootstrap, &opt_seed,   NULL};

const cp_cli_option *const *cp_cli_group_options(unsigned group) {
  switch (group) {
  case CP_GROUP_OUTPUT: return output_group;
  case CP_GROUP_GRAPH: return graph_group;
  case CP_GROUP_QUESTION: return question_group;
  case CP_GROUP_LIMITS: return limits_group;
  case CP_GROUP_HELD: return held_group;
  case CP_GROUP_BATCH: return batch_group;
  case CP_GROUP_HELP: return help_group;
  case CP_GROUP_HISTORIES: return histories_group;
  default: return NULL;
  }
}

static void add_all(cp_cli_optset *set, const cp_cli_option *const *opts) {
  for (size_t i = 0; opts && opts[i] && set->n < CP_CLI_MAX_OPTIONS; i++)
    set->opt[set->n++] = opts[i];
}

void cp_cli_options_of(const cp_cli_command *cmd, cp_cli_optset *set) {
  static const unsigned order[] = {CP_GROUP_QUESTION, CP_GROUP_LIMITS, CP_GROUP_HELD,
                                   CP_GROUP_BATCH,    CP_GROUP_OUTPUT, CP_GROUP_GRAPH,
                                   CP_GROUP_HISTORIES};
  set->n = 0;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
    if (cmd->groups & order[i])
      add_all(set, cp_cli_group_options(order[i]));
  add_all(set, cmd->options);
  add_all(set, cp_cli_group_options(CP_GROUP_HELP));
}
