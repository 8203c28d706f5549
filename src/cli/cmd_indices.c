/* cmd_indices.c: `careerpath indices`: mobility indices of a table, with bootstrap intervals. */
#include "boot.h"
#include "groups.h"
#include "json_out.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ODDS = 16 };

/* The scalar indices, in the order they are printed and resampled. */
enum {
  I_IMMOBILITY,
  I_MOBILITY,
  I_SHORROCKS,
  I_PRAIS,
  I_BARTHOLOMEW,
  I_UP,
  I_DOWN,
  I_LATERAL,
  I_IMMOBILE,
  I_SCALARS
};
static const struct {
  const char *key, *name, *formula;
} scalar[I_SCALARS] = {
    {"immobility", "immobility ratio", "people in their origin role / all people"},
    {"mobility", "total mobility", "1 - immobility"},
    {"shorrocks", "Shorrocks M", "(n - trace P) / (n - 1)"},
    {"prais", "Prais (mean of roles)", "(n - trace P) / n"},
    {"bartholomew", "Bartholomew", "sum pi_i P_ij |r_i - r_j|"},
    {"upward", "upward", "share of people moving up a level"},
    {"downward", "downward", "share moving down a level"},
    {"lateral", "lateral", "share moving to another role of their level"},
    {"immobile", "immobile", "share staying"},
};

typedef struct indices_state {
  const char *odds_text[MAX_ODDS];
  cp_odds odds[MAX_ODDS];
  size_t n_odds;
  cp_indices *x;
  cp_cli_boot boot;
} indices_state;

static int add_odds(cp_cli_run *x, const cp_cli_option *o, void *dst, const char *value) {
  (void)o;
  indices_state *s = dst;
  if (s->n_odds == MAX_ODDS)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "more than %d --odds", MAX_ODDS);
  s->odds_text[s->n_odds++] = value;
  return CP_EXIT_OK;
}

static const cp_cli_option opt_odds = {
    .name = "odds",
    .value = "A,B[:C,D]",
    .help = "the log odds ratio of origins A and B against destinations A and B (or C and D): "
            "log(n_AA n_BB / (n_AB n_BA)); repeatable",
    .heading = CP_HEAD_OPTIONS,
    .set = add_odds,
    .flags = CP_OPT_REPEAT,
};
static const cp_cli_option *const options[] = {&opt_odds, NULL};

/* "A,B" into two roles. */
static int two_roles(cp_cli_run *x, const char *text, size_t len, size_t out[2]) {
  char buf[2 * CP_MAX_NAME_BYTES + 2];
  const char *comma = memchr(text, ',', len);
  if (!comma || len >= sizeof buf)
    return cp_cli_fail(&x->c, CP_EXIT_USAGE, "--odds wants two roles A,B; got '%.*s'", (int)len,
                       text);
  memcpy(buf, text, len);
  buf[len] = '\0';
  buf[comma - text] = '\0';
  cp_error e = {0};
  cp_status st = cp_graph_find_role(x->g, buf, &out[0], &e);
  if (!st)
    st = cp_graph_find_role(x->g, buf + (comma - text) + 1, &out[1], &e);
  return cp_cli_status(&x->c, st, &e);
}

static int resolve_odds(cp_cli_run *x, indices_state *s) {
  int code = CP_EXIT_OK;
  for (size_t k = 0; k < s->n_odds && !code; k++) {
    const char *t = s->odds_text[k], *colon = strchr(t, ':');
    size_t first = colon ? (size_t)(colon - t) : strlen(t);
    code = two_roles(x, t, first, s->odds[k].from);
    if (!code && colon)
      code = two_roles(x, colon + 1, strlen(colon + 1), s->odds[k].to);
    else if (!code)
      memcpy(s->odds[k].to, s->odds[k].from, sizeof s->odds[k].to);
  }
  return code;
}

static int table_indices(cp_cli_run *x, const indices_state *s, const double *flow,
                         cp_indices **out) {
  cp_matrix *m = NULL;
  cp_error e = {0};
  cp_status st = cp_graph_matrix(x->g, flow, &m, &e);
  if (!st)
    st = cp_matrix_indices(m, x->g, s->odds, s->n_odds, out, &e);
  cp_matrix_free(m);
  return cp_cli_status(&x->c, st, &e);
}

static void scalars(const cp_indices *ix, double out[I_SCALARS]) {
  const double v[I_SCALARS] = {ix->immobility, ix->mobility,    ix->shorrocks,
                               ix->prais,      ix->bartholomew, ix->upward,
                               ix->downward,   ix->lateral,     ix->immobile};
  memcpy(out, v, sizeof v);
}

/* Every figure of `ix` in resampling order: the scalars, each role's Prais, each odds ratio. */
static void figures(const cp_indices *ix, double *out) {
  scalars(ix, out);
  for (size_t i = 0; i < ix->n; i++)
    out[I_SCALARS + i] = ix->prais_state[i];
  for (size_t k = 0; k < ix->n_odds; k++)
    out[I_SCALARS + ix->n + k] = ix->odds[k].log_odds;
}

static int replicate(cp_cli_run *x, void *state, const double *counts, double *out) {
  cp_indices *ix = NULL;
  int code = table_indices(x, state, counts, &ix);
  if (!code)
    figures(ix, out);
  cp_indices_free(ix);
  return code;
}

static int indices_compute(cp_cli_run *x, void *state) {
  indices_state *s = state;
  int code = resolve_odds(x, s);
  if (!code)
    code = table_indices(x, s, NULL, &s->x);
  if (code)
    return code;
  cp_cli_warnings(&x->c, s->x->warnings);
  return cp_cli_bootstrap(x, s, I_SCALARS + s->x->n + s->n_odds, replicate, &s->boot);
}

/* ---- text ---- */

static void text_value(FILE *out, const indices_state *s, size_t f, double v) {
  if (isnan(v))
    fprintf(out, " %9s", "-");
  else
    fprintf(out, " %9.3f", v);
  if (cp_cli_boot_on(&s->boot) && !isnan(s->boot.lo[f]))
    fprintf(out, "  [%.3f, %.3f]", s->boot.lo[f], s->boot.hi[f]);
  else if (cp_cli_boot_on(&s->boot))
    fprintf(out, "  %-16s", "[-]");
}

static void text_header(FILE *out, const cp_cli_run *x, const indices_state *s) {
  const cp_indices *ix = s->x;
  fprintf(out, "%s: %zu roles; cells are %s", cp_graph_name(x->g), ix->n,
          isnan(ix->people) ? "probabilities" : "counts");
  if (!isnan(ix->people))
    fprintf(out, ", %.12g in all", ix->people);
  fputc('\n', out);
  if (cp_cli_boot_on(&s->boot))
    fprintf(out, "%-28s %9s  %d%% interval (%zu replicates resampling people, seed %llu)\n",
            "index", "value", CP_CLI_BOOT_LEVEL_PERCENT, s->boot.replicates, x->args.hist.seed);
  else
    fprintf(out, "%-28s %9s\n", "index", "value");
}

static void text_roles(FILE *out, const cp_cli_run *x, const indices_state *s) {
  const cp_indices *ix = s->x;
  fprintf(out, "\n%-28s %9s\n", "role", "Prais");
  for (size_t i = 0; i < ix->n; i++) {
    fprintf(out, "  %-26.26s", cp_graph_role(x->g, i)->label);
    text_value(out, s, I_SCALARS + i, ix->prais_state[i]);
    fputc('\n', out);
  }
}

static void text_odds(FILE *out, const cp_cli_run *x, const indices_state *s) {
  const cp_indices *ix = s->x;
  if (!ix->n_odds)
    return;
  fprintf(out, "\nlog odds ratios (origins against destinations)\n");
  for (size_t k = 0; k < ix->n_odds; k++) {
    const cp_odds *o = &ix->odds[k];
    char pair[128];
    snprintf(pair, sizeof pair, "%s,%s : %s,%s", cp_graph_role(x->g, o->from[0])->label,
             cp_graph_role(x->g, o->from[1])->label, cp_graph_role(x->g, o->to[0])->label,
             cp_graph_role(x->g, o->to[1])->label);
    fprintf(out, "  %-26s", pair);
    if (strlen(pair) > 26)
      fprintf(out, "\n  %-26s", "");
    text_value(out, s, I_SCALARS + ix->n + k, o->log_odds);
    if (!isnan(o->se))
      fprintf(out, "  (se %.3f)", o->se);
    fputc('\n', out);
  }
}

static int present_text(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const indices_state *s = state;
  const cp_indices *ix = s->x;
  double v[I_SCALARS];
  scalars(ix, v);
  text_header(out, x, s);
  for (size_t i = 0; i < I_SCALARS; i++) {
    if (i >= I_UP && !ix->levels)
      break;
    fprintf(out, "  %-26s", scalar[i].name);
    text_value(out, s, i, v[i]);
    fputc('\n', out);
  }
  if (!ix->levels)
    fprintf(out, "  (upward, downward, lateral: the roles carry no levels; give --roles)\n");
  fprintf(out, "  Bartholomew's distances: %s\n",
          ix->levels ? "between levels" : "between places in the graph's order of roles");
  text_roles(out, x, s);
  text_odds(out, x, s);
  return CP_EXIT_OK;
}

/* ---- JSON and CSV ---- */

static json_t *interval_json(const indices_state *s, size_t f) {
  return cp_cli_boot_interval_json(&s->boot, f);
}

static json_t *roles_json(const cp_cli_run *x, const indices_state *s) {
  json_t *a = json_array();
  for (size_t i = 0; i < s->x->n; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "role", json_string(cp_graph_role(x->g, i)->id));
    json_object_set_new(o, "prais", cp_cli_json_number(s->x->prais_state[i]));
    if (cp_cli_boot_on(&s->boot))
      json_object_set_new(o, "prais_interval", interval_json(s, I_SCALARS + i));
    json_array_append_new(a, o);
  }
  return a;
}

static json_t *odds_json(const cp_cli_run *x, const indices_state *s) {
  json_t *a = json_array();
  for (size_t k = 0; k < s->x->n_odds; k++) {
    const cp_odds *d = &s->x->odds[k];
    const char *from[2] = {cp_graph_role(x->g, d->from[0])->id,
                           cp_graph_role(x->g, d->from[1])->id};
    const char *to[2] = {cp_graph_role(x->g, d->to[0])->id, cp_graph_role(x->g, d->to[1])->id};
    json_t *o = json_object();
    json_object_set_new(o, "from", cp_cli_names_json(from, 2));
    json_object_set_new(o, "to", cp_cli_names_json(to, 2));
    json_object_set_new(o, "log_odds", cp_cli_json_number(d->log_odds));
    json_object_set_new(o, "se", cp_cli_json_number(d->se));
    if (cp_cli_boot_on(&s->boot))
      json_object_set_new(o, "log_odds_interval", interval_json(s, I_SCALARS + s->x->n + k));
    json_array_append_new(a, o);
  }
  return a;
}

static json_t *bootstrap_json(const cp_cli_run *x, const indices_state *s) {
  json_t *o = cp_cli_boot_json(x, &s->boot), *iv = json_object();
  for (size_t i = 0; i < I_SCALARS; i++)
    json_object_set_new(iv, scalar[i].key, interval_json(s, i));
  json_object_set_new(o, "intervals", iv);
  return o;
}

static int present_json(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const indices_state *s = state;
  double v[I_SCALARS];
  scalars(s->x, v);
  json_t *o = json_object();
  json_object_set_new(o, "graph", json_string(cp_graph_name(x->g)));
  json_object_set_new(o, "roles", json_integer((json_int_t)s->x->n));
  json_object_set_new(o, "total", cp_cli_json_number(s->x->people));
  for (size_t i = 0; i < I_SCALARS; i++)
    json_object_set_new(o, scalar[i].key, cp_cli_json_number(v[i]));
  json_object_set_new(o, "distance", json_string(s->x->levels ? "level" : "order"));
  json_object_set_new(o, "states", roles_json(x, s));
  json_object_set_new(o, "odds", odds_json(x, s));
  json_object_set_new(o, "bootstrap",
                      cp_cli_boot_on(&s->boot) ? bootstrap_json(x, s) : json_null());
  return cp_cli_json_write(&x->c, out, o, 15, "the indices");
}

static void csv_row(FILE *out, const indices_state *s, const char *index, const char *detail,
                    size_t f, double v) {
  fprintf(out, "%s,", index);
  cp_csv_write_field(out, detail);
  fputc(',', out);
  if (!isnan(v))
    fprintf(out, "%.15g", v);
  if (cp_cli_boot_on(&s->boot)) {
    fputc(',', out);
    if (!isnan(s->boot.lo[f]))
      fprintf(out, "%.15g,%.15g", s->boot.lo[f], s->boot.hi[f]);
    else
      fputc(',', out);
  }
  fputc('\n', out);
}

static int present_csv(cp_cli_run *x, const void *state, cp_out_format f, FILE *out) {
  (void)f;
  const indices_state *s = state;
  double v[I_SCALARS];
  char pair[4 * CP_MAX_NAME_BYTES + 8];
  scalars(s->x, v);
  fputs(cp_cli_boot_on(&s->boot) ? "index,detail,value,lower,upper\n" : "index,detail,value\n",
        out);
  for (size_t i = 0; i < I_SCALARS; i++)
    csv_row(out, s, scalar[i].key, "", i, v[i]);
  for (size_t i = 0; i < s->x->n; i++)
    csv_row(out, s, "prais", cp_graph_role(x->g, i)->id, I_SCALARS + i, s->x->prais_state[i]);
  for (size_t k = 0; k < s->x->n_odds; k++) {
    const cp_odds *d = &s->x->odds[k];
    snprintf(pair, sizeof pair, "%s,%s:%s,%s", cp_graph_role(x->g, d->from[0])->id,
             cp_graph_role(x->g, d->from[1])->id, cp_graph_role(x->g, d->to[0])->id,
             cp_graph_role(x->g, d->to[1])->id);
    csv_row(out, s, "log_odds", pair, I_SCALARS + s->x->n + k, d->log_odds);
  }
  return CP_EXIT_OK;
}

static void indices_release(void *state) {
  indices_state *s = state;
  cp_indices_free(s->x);
  cp_cli_boot_free(&s->boot);
}

const cp_cli_command cp_cmd_indices = {
    .name = "indices",
    .summary = "mobility indices: immobility, Shorrocks, Prais, Bartholomew, up/down, odds ratios",
    .section = CP_SECTION_RESEARCH,
    .synopsis = "[GRAPH | --histories FILE] [--odds A,B] [--bootstrap N --seed S] [OPTIONS]",
    .description =
        "Mobility indices of the graph read as a mobility table (cell i,j: the count of people\n"
        "from role i to role j, the diagonal those who stayed; P: each row over its total):\n"
        "\n"
        "  immobility ratio  people in their origin role / all people (Glass 1954)\n"
        "  total mobility    1 - immobility\n"
        "  Shorrocks M       (n - trace P) / (n - 1) (Shorrocks 1978): 0 immobile, 1 and over\n"
        "                    mobile\n"
        "  Prais             per role 1 - P_ii (Prais 1955), and their mean (n - trace P) / n\n"
        "  Bartholomew       sum_i pi_i sum_j P_ij |r_i - r_j| (Bartholomew 1982): the levels\n"
        "                    (or places) crossed per step in the long run, pi stationary\n"
        "  up/down/lateral   shares of people moving to a higher level, a lower one, another\n"
        "                    role of their level (roles with levels only)\n"
        "  log odds ratio    log(n_AA n_BB / (n_AB n_BA)) for --odds A,B, with its standard\n"
        "                    error sqrt(sum 1/n)\n"
        "\n"
        "docs/indices.md gives each formula with its reference. With --histories FILE the table\n"
        "is built from career histories in memory, and --bootstrap N resamples their people: each\n"
        "figure gets a 95% percentile interval, the same for the same --seed.",
    .groups = CP_GROUP_OUTPUT | CP_GROUP_GRAPH | CP_GROUP_HISTORIES,
    .options = options,
    .format_note = "csv is index,detail,value (and lower,upper with --bootstrap)",
    .notes = "A degenerate figure (no stays, no counts, a zero cell) is still given, with one "
             "warning line on standard error.",
    .exit_codes = "0 done, 2 usage error, 3 bad input (no counts or probabilities, unknown role), "
                  "4 output error, 5 internal error.",
    .what = "the indices",
    .default_format = CP_OUT_TEXT,
    .present =
        {[CP_OUT_TEXT] = present_text, [CP_OUT_CSV] = present_csv, [CP_OUT_JSON] = present_json},
    .state_size = sizeof(indices_state),
    .compute = indices_compute,
    .release = indices_release,
};
