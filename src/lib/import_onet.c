/* import_onet.c: a career graph from an O*NET database directory, with estimated figures. */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the model (docs/onet-model.md gives each figure's source) ---- */

/* What each category of a scale takes: months, and dollars of tuition and fees. Each table
 * is non-decreasing down the categories, so an occupation whose shares sit in higher
 * categories never needs less: that is what makes the figures monotone. */

/* Required Level of Education (RL), categories 1-12, counted from a high-school start.
 * Tuition and fees a year: $3,860 sub-baccalaureate (public 2-year), $10,940 bachelor's
 * (public 4-year), $17,500 graduate (estimate), $35,218 first professional (public medical
 * school); a doctorate is charged as a first professional degree. */
#define SUB 3860.0
#define BA (4 * 10940.0)
#define GRAD 17500.0
#define PROF (4 * 35218.0)
static const double rl_months[13] = {0, 0, 3, 12, 12, 24, 48, 60, 72, 84, 96, 108, 132};
static const double rl_dollars[13] = {0,         0,         150,       SUB,           SUB,
                                      2 * SUB,   BA,        BA + GRAD, BA + 2 * GRAD, BA + 3 * GRAD,
                                      BA + PROF, BA + PROF, BA + PROF};
/* Related Work Experience (RW) 1-11, and On-Site or In-Plant (PT) and On-the-Job (OJ)
 * Training 1-9: the middle of each category's range, in months; paid work, no dollars. */
static const double rw_months[12] = {0, 0, 0.5, 2, 4.5, 9, 18, 36, 60, 84, 108, 132};
static const double training_months[10] = {0, 0, 0.5, 2, 4.5, 9, 18, 36, 84, 132};

enum { RL, RW, PT, OJ, N_SCALES };
static const char *const scale_ids[N_SCALES] = {"RL", "RW", "PT", "OJ"};
static const int scale_categories[N_SCALES] = {12, 11, 9, 9};

/* Months a move takes on top of the gaps: finding and settling into the new job, longer the
 * less related the occupations (an estimate). */
static const double tier_months[CP_ONET_TIERS] = {1, 2, 3};
static const char *const tier_names[CP_ONET_TIERS] = {"Primary-Short", "Primary-Long",
                                                      "Supplemental"};

/* The mean of `value` over categories 1..n weighted by the shares; NaN without shares. */
static double expect(const double *share, int n, const double *value) {
  double total = 0, sum = 0;
  for (int c = 1; c <= n; c++) {
    total += share[c];
    sum += share[c] * value[c];
  }
  return total > 0 ? sum / total : NAN;
}

void cp_onet_preparation(const double shares[4][13], cp_onet_prep *out) {
  out->education_months = expect(shares[RL], 12, rl_months);
  out->education_cost = expect(shares[RL], 12, rl_dollars);
  out->experience_months = expect(shares[RW], 11, rw_months);
  out->training_months =
      expect(shares[PT], 9, training_months) + expect(shares[OJ], 9, training_months);
}

static double gap(double from, double to) { return to > from ? to - from : 0; }
static double tenths(double v) { return round(v * 10) / 10; }

void cp_onet_move(const cp_onet_prep *from, const cp_onet_prep *to, cp_onet_tier tier,
                  cp_onet_figures *out) {
  out->education_months = tenths(gap(from->education_months, to->education_months));
  out->education_cost = round(gap(from->education_cost, to->education_cost));
  out->experience_months = tenths(gap(from->experience_months, to->experience_months));
  out->training_months = tenths(gap(from->training_months, to->training_months));
  double prep = out->education_months + out->experience_months + out->training_months;
  out->months = tenths(prep + tier_months[tier]);
  out->cost = out->education_cost;
  /* Effort 1-5 by the preparation to make up; a supplemental relation adds one. */
  static const double bands[] = {6, 24, 48, 96};
  int effort = 1;
  for (size_t i = 0; i < sizeof bands / sizeof *bands; i++)
    effort += prep >= bands[i];
  effort += tier == CP_ONET_SUPPLEMENTAL;
  out->effort = effort > 5 ? 5 : effort;
}

/* ---- SOC 2018 major groups: the domains ---- */

static const struct {
  const char *code, *name;
} soc_groups[] = {
    {"11", "Management"},
    {"13", "Business and Financial Operations"},
    {"15", "Computer and Mathematical"},
    {"17", "Architecture and Engineering"},
    {"19", "Life, Physical, and Social Science"},
    {"21", "Community and Social Service"},
    {"23", "Legal"},
    {"25", "Educational Instruction and Library"},
    {"27", "Arts, Design, Entertainment, Sports, and Media"},
    {"29", "Healthcare Practitioners and Technical"},
    {"31", "Healthcare Support"},
    {"33", "Protective Service"},
    {"35", "Food Preparation and Serving Related"},
    {"37", "Building and Grounds Cleaning and Maintenance"},
    {"39", "Personal Care and Service"},
    {"41", "Sales and Related"},
    {"43", "Office and Administrative Support"},
    {"45", "Farming, Fishing, and Forestry"},
    {"47", "Construction and Extraction"},
    {"49", "Installation, Maintenance, and Repair"},
    {"51", "Production"},
    {"53", "Transportation and Material Moving"},
    {"55", "Military Specific"},
};

/* "29-0000 Healthcare Practitioners and Technical Occupations", or false. */
static bool soc_domain(const char *code, char *buf, size_t n) {
  for (size_t i = 0; i < sizeof soc_groups / sizeof *soc_groups; i++)
    if (!strncmp(code, soc_groups[i].code, 2) && code[2] == '-') {
      snprintf(buf, n, "%s-0000 %s Occupations", soc_groups[i].code, soc_groups[i].name);
      return true;
    }
  return false;
}

/* ---- the tables ---- */

static const char *const table_files[CP_ONET_TABLES] = {
    "Related Occupations.txt",
    "Occupation Data.txt",
    "Job Zones.txt",
    "Job Zone Reference.txt",
    "Education, Training, and Experience.txt",
    "Education, Training, and Experience Categories.txt",
    "Read Me.txt",
};

const char *cp_onet_table_file(int which) {
  return which >= 0 && which < CP_ONET_TABLES ? table_files[which] : NULL;
}

typedef struct occupation {
  char *code, *title, *description;
  int zone;             /* 0: none given */
  double shares[4][13]; /* per scale and category: percent of incumbents */
  bool has[N_SCALES];   /* rows seen for the scale */
  size_t role;          /* index in the graph; SIZE_MAX: not in it */
  cp_onet_prep prep;
  bool zone_average[N_SCALES]; /* the scale's figures are the Job Zone's average */
} occupation;

typedef struct related {
  size_t from, to; /* occupations */
  cp_onet_tier tier;
  long index;
  size_t line;
} related;

typedef struct importer {
  const cp_onet_table *tables;
  occupation *occ;
  size_t n_occ, cap_occ;
  cp_strmap codes;
  char *zone_names[6];
  bool category_seen[N_SCALES][13];
  related *rel;
  size_t n_rel, cap_rel;
  char release[32];
  cp_error *err;
} importer;

/* One table being read: the columns wanted (by name) and what each row does with them. */
typedef struct reader {
  importer *im;
  const char *file;
  const char *const *want;
  size_t n_want;
  long col[6];
  size_t width;
  bool have_header;
  cp_status (*row)(importer *im, const char *file, const char *const *f, size_t line);
} reader;

static cp_status on_table_row(void *ctx, const char *const *fields, size_t n, size_t line,
                              cp_error *err) {
  reader *r = ctx;
  if (!r->have_header) {
    cp_header h;
    cp_status st = cp_header_read(&h, r->file, line, fields, n, NULL, err);
    for (size_t k = 0; k < r->n_want && !st; k++)
      if ((r->col[k] = cp_header_find(&h, r->want[k])) < 0)
        st = cp_header_missing(&h, r->file, line, r->want[k], err);
    if (!st)
      cp_header_free(&h);
    else if (h.names)
      cp_header_free(&h);
    r->width = n;
    r->have_header = true;
    return st;
  }
  if (n != r->width)
    return cp_fail(err, CP_EPARSE, "%s:%zu: %zu fields, but the header has %zu", r->file, line, n,
                   r->width);
  const char *f[6];
  for (size_t k = 0; k < r->n_want; k++)
    f[k] = fields[r->col[k]];
  return r->row(r->im, r->file, f, line);
}

static cp_status read_table(importer *im, int which, const char *const *want, size_t n_want,
                            cp_status (*row)(importer *, const char *, const char *const *,
                                             size_t)) {
  const cp_onet_table *t = &im->tables[which];
  reader r = {.im = im, .file = t->name, .want = want, .n_want = n_want, .row = row};
  cp_status st = cp_table_parse(t->name, t->data, t->len, on_table_row, &r, im->err);
  if (!st && !r.have_header)
    st = cp_fail(im->err, CP_EPARSE, "%s: empty file; expected O*NET's header", t->name);
  return st;
}

static occupation *find(const importer *im, const char *code) {
  size_t i;
  return cp_strmap_get(&im->codes, code, &i) ? &im->occ[i] : NULL;
}

static cp_status on_occupation(importer *im, const char *file, const char *const *f, size_t line) {
  if (!*f[0])
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: empty O*NET-SOC Code", file, line);
  if (find(im, f[0]))
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: occupation %s is listed twice", file, line, f[0]);
  occupation *o = cp_grow(im->occ, &im->cap_occ, im->n_occ + 1, sizeof *o, 1024);
  if (!o)
    return cp_fail(im->err, CP_ENOMEM, "out of memory");
  im->occ = o;
  o = &im->occ[im->n_occ];
  *o = (occupation){.code = cp_strdup(f[0]),
                    .title = cp_strdup(f[1]),
                    .description = cp_strdup(f[2]),
                    .role = SIZE_MAX};
  bool existing;
  size_t old;
  if (!o->code || !o->title || !o->description ||
      cp_strmap_put(&im->codes, o->code, im->n_occ, &existing, &old)) {
    free(o->code);
    free(o->title);
    free(o->description);
    return cp_fail(im->err, CP_ENOMEM, "out of memory");
  }
  im->n_occ++;
  return CP_OK;
}

/* A whole number from `lo` to `hi`, or false. */
static bool whole(const char *s, long lo, long hi, long *out) {
  return cp_parse_int(s, out) && *out >= lo && *out <= hi;
}

static cp_status on_zone(importer *im, const char *file, const char *const *f, size_t line) {
  long zone;
  if (!whole(f[1], 1, 5, &zone))
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: Job Zone '%s' of %s is not 1 to 5", file, line,
                   f[1], f[0]);
  occupation *o = find(im, f[0]);
  if (o)
    o->zone = (int)zone; /* a zone for an occupation with no data is of no use */
  return CP_OK;
}

static cp_status on_zone_name(importer *im, const char *file, const char *const *f, size_t line) {
  long zone;
  if (!whole(f[0], 1, 5, &zone))
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: Job Zone '%s' is not 1 to 5", file, line, f[0]);
  free(im->zone_names[zone]);
  if (!(im->zone_names[zone] = cp_strdup(f[1])))
    return cp_fail(im->err, CP_ENOMEM, "out of memory");
  return CP_OK;
}

static int scale_of(const char *id) {
  for (int s = 0; s < N_SCALES; s++)
    if (!strcmp(id, scale_ids[s]))
      return s;
  return -1;
}

static cp_status on_category(importer *im, const char *file, const char *const *f, size_t line) {
  int s = scale_of(f[0]);
  long c;
  if (s < 0)
    return CP_OK; /* scales the model does not use */
  if (!whole(f[1], 1, scale_categories[s], &c))
    return cp_fail(im->err, CP_EINVAL,
                   "%s:%zu: scale %s has category '%s'; careerpath's O*NET model knows "
                   "categories 1 to %d (docs/onet-model.md)",
                   file, line, f[0], f[1], scale_categories[s]);
  im->category_seen[s][c] = true;
  return CP_OK;
}

static cp_status on_ete(importer *im, const char *file, const char *const *f, size_t line) {
  int s = scale_of(f[1]);
  long c;
  double v;
  if (s < 0)
    return CP_OK;
  if (!whole(f[2], 1, scale_categories[s], &c))
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: scale %s has no category '%s' (1 to %d)", file,
                   line, f[1], f[2], scale_categories[s]);
  if (!cp_parse_weight(f[3], &v) || v > 100.5)
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: Data Value '%s' is not a percentage", file, line,
                   f[3]);
  occupation *o = find(im, f[0]);
  if (!o)
    return CP_OK;
  o->shares[s][c] += v;
  o->has[s] = true;
  return CP_OK;
}

static cp_status parse_tier(const char *text, cp_onet_tier *out) {
  for (int t = 0; t < CP_ONET_TIERS; t++)
    if (!strcmp(text, tier_names[t])) {
      *out = (cp_onet_tier)t;
      return CP_OK;
    }
  return CP_EINVAL;
}

/* An occupation a move names must have a title and a Job Zone. */
static cp_status endpoint(importer *im, const char *file, const char *code, size_t line,
                          size_t *out) {
  occupation *o = find(im, code);
  if (!o)
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: occupation %s is not in %s", file, line, code,
                   im->tables[CP_ONET_OCCUPATIONS].name);
  if (!o->zone)
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: occupation %s has no Job Zone in %s", file, line,
                   code, im->tables[CP_ONET_ZONES].name);
  *out = (size_t)(o - im->occ);
  return CP_OK;
}

static cp_status on_related(importer *im, const char *file, const char *const *f, size_t line) {
  related r = {.line = line};
  cp_status st;
  if ((st = endpoint(im, file, f[0], line, &r.from)) ||
      (st = endpoint(im, file, f[1], line, &r.to)))
    return st;
  if (parse_tier(f[2], &r.tier))
    return cp_fail(im->err, CP_EINVAL,
                   "%s:%zu: Relatedness Tier '%s' is none of Primary-Short, Primary-Long, "
                   "Supplemental",
                   file, line, f[2]);
  if (!whole(f[3], 1, 1000000, &r.index))
    return cp_fail(im->err, CP_EINVAL, "%s:%zu: Index '%s' is not a whole number from 1", file,
                   line, f[3]);
  related *rel = cp_grow(im->rel, &im->cap_rel, im->n_rel + 1, sizeof *rel, 1024);
  if (!rel)
    return cp_fail(im->err, CP_ENOMEM, "out of memory");
  im->rel = rel;
  im->rel[im->n_rel++] = r;
  return CP_OK;
}

/* Every category the model maps must be in the categories table, and no other: a release
 * that renumbers them needs the model revised, not a quiet misreading. */
static cp_status check_categories(importer *im) {
  for (int s = 0; s < N_SCALES; s++)
    for (int c = 1; c <= scale_categories[s]; c++)
      if (!im->category_seen[s][c])
        return cp_fail(im->err, CP_EINVAL,
                       "%s: scale %s lacks category %d, which careerpath's O*NET model maps "
                       "(docs/onet-model.md)",
                       im->tables[CP_ONET_CATEGORIES].name, scale_ids[s], c);
  return CP_OK;
}

static cp_status read_tables(importer *im) {
  static const char *const occ_cols[] = {"O*NET-SOC Code", "Title", "Description"};
  static const char *const zone_cols[] = {"O*NET-SOC Code", "Job Zone"};
  static const char *const ref_cols[] = {"Job Zone", "Name"};
  static const char *const cat_cols[] = {"Scale ID", "Category"};
  static const char *const ete_cols[] = {"O*NET-SOC Code", "Scale ID", "Category", "Data Value"};
  static const char *const rel_cols[] = {"O*NET-SOC Code", "Related O*NET-SOC Code",
                                         "Relatedness Tier", "Index"};
  cp_status st;
  if ((st = read_table(im, CP_ONET_OCCUPATIONS, occ_cols, 3, on_occupation)) ||
      (st = read_table(im, CP_ONET_ZONES, zone_cols, 2, on_zone)) ||
      (st = read_table(im, CP_ONET_ZONE_REFERENCE, ref_cols, 2, on_zone_name)) ||
      (st = read_table(im, CP_ONET_CATEGORIES, cat_cols, 2, on_category)) ||
      (st = check_categories(im)) || (st = read_table(im, CP_ONET_ETE, ete_cols, 4, on_ete)) ||
      (st = read_table(im, CP_ONET_RELATED, rel_cols, 4, on_related)))
    return st;
  if (!im->n_rel)
    return cp_fail(im->err, CP_EINVAL, "%s: no related occupations",
                   im->tables[CP_ONET_RELATED].name);
  return CP_OK;
}

/* ---- building the graph ---- */

static int by_code(const void *a, const void *b) {
  const occupation *const *x = a, *const *y = b;
  return strcmp((*x)->code, (*y)->code);
}

static double *prep_field(cp_onet_prep *p, int k) {
  double *f[4] = {&p->education_months, &p->education_cost, &p->experience_months,
                  &p->training_months};
  return f[k];
}

/* Which scale each figure of cp_onet_prep comes from. */
static const int figure_scale[4] = {RL, RL, RW, PT};

static bool scale_known(const occupation *o, int s) {
  return s == PT ? o->has[PT] && o->has[OJ] : o->has[s];
}

/* Each occupation's preparation; where O*NET has no shares for a scale, the average of the
 * occupations of its Job Zone that have them, made non-decreasing across zones so that a
 * higher zone never needs less. */
static cp_status preparation(importer *im, occupation **roles, size_t n) {
  double sum[6][4] = {{0}}, count[6][4] = {{0}};
  for (size_t i = 0; i < n; i++) {
    occupation *o = roles[i];
    cp_onet_preparation((const double(*)[13])o->shares, &o->prep);
    for (int k = 0; k < 4; k++)
      if (scale_known(o, figure_scale[k]) && !isnan(*prep_field(&o->prep, k))) {
        sum[o->zone][k] += *prep_field(&o->prep, k);
        count[o->zone][k]++;
      }
  }
  double average[6][4];
  for (int k = 0; k < 4; k++)
    for (int z = 1; z <= 5; z++) {
      double a = count[z][k] ? sum[z][k] / count[z][k] : NAN;
      double below = z > 1 ? average[z - 1][k] : NAN;
      average[z][k] = isnan(a) ? below : isnan(below) || a > below ? a : below;
    }
  for (size_t i = 0; i < n; i++) {
    occupation *o = roles[i];
    for (int k = 0; k < 4; k++) {
      double *v = prep_field(&o->prep, k);
      if (scale_known(o, figure_scale[k]) && !isnan(*v))
        continue;
      if (isnan(average[o->zone][k]))
        return cp_fail(im->err, CP_EINVAL,
                       "%s: occupation %s has no %s shares, and no occupation of Job Zone %d "
                       "or below has them to estimate from",
                       im->tables[CP_ONET_ETE].name, o->code, scale_ids[figure_scale[k]], o->zone);
      *v = average[o->zone][k];
      o->zone_average[figure_scale[k]] = true;
    }
  }
  return CP_OK;
}

/* "35.2", "12": months to a tenth, without a trailing ".0". */
static void tenths_text(double v, char *buf, size_t n) {
  snprintf(buf, n, "%.1f", v);
  size_t len = strlen(buf);
  if (len > 2 && !strcmp(buf + len - 2, ".0"))
    buf[len - 2] = '\0';
}

static const char *const figure_keys[4] = {"education_months", "education_cost",
                                           "experience_months", "training_months"};

static cp_status role_attrs(importer *im, cp_graph *g, const occupation *o) {
  char text[4][32], prep[256];
  tenths_text(o->prep.education_months, text[0], sizeof text[0]);
  snprintf(text[1], sizeof text[1], "%.0f", round(o->prep.education_cost));
  tenths_text(o->prep.experience_months, text[2], sizeof text[2]);
  tenths_text(o->prep.training_months, text[3], sizeof text[3]);
  bool any = o->zone_average[RL] || o->zone_average[RW] || o->zone_average[PT];
  if (any)
    snprintf(prep, sizeof prep,
             "Job Zone %d averages for%s%s%s: O*NET %s Education, Training, and Experience has "
             "no data for this occupation",
             o->zone, o->zone_average[RL] ? " education" : "",
             o->zone_average[RW] ? " experience" : "", o->zone_average[PT] ? " training" : "",
             im->release);
  else
    snprintf(prep, sizeof prep, "O*NET %s Education, Training, and Experience", im->release);
  char attribution[512];
  cp_onet_attribution(im->release, attribution, sizeof attribution);
  const char *keys[] = {"description",  "job_zone",     figure_keys[0], figure_keys[1],
                        figure_keys[2], figure_keys[3], "preparation",  "source"};
  const char *vals[] = {o->description, im->zone_names[o->zone] ? im->zone_names[o->zone] : "",
                        text[0],        text[1],
                        text[2],        text[3],
                        prep,           attribution};
  cp_error inner;
  for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
    if (*vals[k] && cp_graph_set_role_attr(g, o->role, keys[k], vals[k], &inner))
      return cp_fail(im->err, inner.status, "%s", inner.message);
  return CP_OK;
}

static cp_status add_roles(importer *im, cp_graph *g, occupation **roles, size_t n) {
  for (size_t i = 0; i < n; i++) {
    occupation *o = roles[i];
    char domain[128];
    if (!soc_domain(o->code, domain, sizeof domain))
      return cp_fail(im->err, CP_EINVAL, "%s: occupation %s is in no SOC 2018 major group",
                     im->tables[CP_ONET_OCCUPATIONS].name, o->code);
    cp_error inner;
    cp_status st;
    if ((st = cp_graph_add_role(g, o->code, o->title, domain, o->zone, 0, &o->role, &inner)))
      return cp_fail(im->err, st, "%s: %s", im->tables[CP_ONET_OCCUPATIONS].name, inner.message);
    if ((st = role_attrs(im, g, o)))
      return st;
  }
  return CP_OK;
}

/* What a move's figures come from, in a line a person can check against docs/onet-model.md. */
static void move_note(const importer *im, const related *r, const cp_onet_figures *f, char *buf,
                      size_t n) {
  const occupation *a = &im->occ[r->from], *b = &im->occ[r->to];
  char money[32], t[4][32];
  cp_format_money(f->education_cost, money, sizeof money);
  tenths_text(f->education_months, t[0], sizeof t[0]);
  tenths_text(f->experience_months, t[1], sizeof t[1]);
  tenths_text(f->training_months, t[2], sizeof t[2]);
  tenths_text(tier_months[r->tier], t[3], sizeof t[3]);
  int used = snprintf(buf, n,
                      "education +%s mo (%s), experience +%s mo, training +%s mo, %s +%s mo; "
                      "Job Zone %d to %d",
                      t[0], money, t[1], t[2], tier_names[r->tier], t[3], a->zone, b->zone);
  for (int end = 0; end < 2 && used > 0 && (size_t)used < n; end++) {
    const occupation *o = end ? b : a;
    if (o->zone_average[RL] || o->zone_average[RW] || o->zone_average[PT])
      used += snprintf(buf + used, n - (size_t)used, "; %s: Job Zone %d averages (no O*NET data)",
                       o->code, o->zone);
  }
}

static cp_status add_moves(importer *im, cp_graph *g) {
  char note[512], source[256], index[32];
  snprintf(source, sizeof source,
           "O*NET %s Related Occupations; months, cost, effort: estimates (docs/onet-model.md)",
           im->release);
  for (size_t i = 0; i < im->n_rel; i++) {
    const related *r = &im->rel[i];
    const occupation *a = &im->occ[r->from], *b = &im->occ[r->to];
    cp_onet_figures f;
    cp_onet_move(&a->prep, &b->prep, r->tier, &f);
    move_note(im, r, &f, note, sizeof note);
    snprintf(index, sizeof index, "%ld", r->index);
    cp_attr attrs[2] = {{"tier", (char *)tier_names[r->tier]}, {"index", index}};
    cp_transition_spec spec = {.months = f.months,
                               .cost = f.cost,
                               .effort = f.effort,
                               .has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT,
                               .note = note,
                               .source = source,
                               .attrs = attrs,
                               .n_attrs = 2,
                               .line = r->line};
    cp_error inner;
    cp_status st = cp_graph_add_transition(g, a->role, b->role, &spec, &inner);
    if (st)
      return cp_fail(im->err, st, "%s:%zu: %s", im->tables[CP_ONET_RELATED].name, r->line,
                     inner.message);
  }
  return CP_OK;
}

void cp_onet_attribution(const char *release, char *buf, size_t n) {
  snprintf(buf, n,
           "This product includes information from the O*NET %s%sDatabase by the U.S. Department "
           "of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY "
           "4.0 license. O*NET\xC2\xAE is a trademark of USDOL/ETA.",
           release, *release ? " " : "");
}

/* "29.3" from the release's "Read Me.txt" ("O*NET 29.3 Database"), or "". */
static void read_release(importer *im) {
  const cp_onet_table *t = &im->tables[CP_ONET_README];
  im->release[0] = '\0';
  if (!t->data)
    return;
  const char *p = t->data, *end = t->data + t->len;
  const char *hit = NULL;
  for (; p + 6 < end && !hit; p++)
    if (!memcmp(p, "O*NET ", 6))
      hit = p + 6;
  size_t n = 0;
  while (hit && hit + n < end && n + 1 < sizeof im->release &&
         ((hit[n] >= '0' && hit[n] <= '9') || hit[n] == '.'))
    n++;
  if (n && hit[0] != '.') {
    memcpy(im->release, hit, n);
    im->release[n] = '\0';
  }
}

static void importer_free(importer *im) {
  for (size_t i = 0; i < im->n_occ; i++) {
    free(im->occ[i].code);
    free(im->occ[i].title);
    free(im->occ[i].description);
  }
  free(im->occ);
  for (int z = 0; z < 6; z++)
    free(im->zone_names[z]);
  free(im->rel);
  cp_strmap_destroy(&im->codes);
}

/* The occupations that moves name, by code: the roles. */
static cp_status collect_roles(importer *im, occupation ***out, size_t *n) {
  bool *used = calloc(im->n_occ ? im->n_occ : 1, sizeof *used);
  occupation **roles = malloc((im->n_occ ? im->n_occ : 1) * sizeof *roles);
  if (!used || !roles) {
    free(used);
    free(roles);
    return cp_fail(im->err, CP_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < im->n_rel; i++)
    used[im->rel[i].from] = used[im->rel[i].to] = true;
  *n = 0;
  for (size_t i = 0; i < im->n_occ; i++)
    if (used[i])
      roles[(*n)++] = &im->occ[i];
  free(used);
  qsort(roles, *n, sizeof *roles, by_code);
  *out = roles;
  return CP_OK;
}

cp_status cp_onet_import_tables(const cp_onet_table *tables, cp_graph **out, cp_onet_report *report,
                                cp_error *err) {
  importer im = {.tables = tables, .err = err};
  occupation **roles = NULL;
  size_t n_roles = 0;
  cp_graph *g = NULL;
  char label[128], source[1024], attribution[512];
  cp_status st;
  cp_strmap_init(&im.codes);
  read_release(&im);
  if ((st = read_tables(&im)) || (st = collect_roles(&im, &roles, &n_roles)) ||
      (st = preparation(&im, roles, n_roles)))
    goto cleanup;
  if ((st = cp_graph_new("onet", &g))) {
    st = cp_fail(err, st, "out of memory");
    goto cleanup;
  }
  cp_onet_attribution(im.release, attribution, sizeof attribution);
  snprintf(label, sizeof label, "O*NET %s occupations and related occupations", im.release);
  snprintf(source, sizeof source,
           "%s Months, cost and effort: estimates by careerpath's O*NET model "
           "(docs/onet-model.md).",
           attribution);
  if (cp_graph_set_attr(g, "label", label) || cp_graph_set_attr(g, "source", source)) {
    st = cp_fail(err, CP_ENOMEM, "out of memory");
    goto cleanup;
  }
  if ((st = add_roles(&im, g, roles, n_roles)) || (st = add_moves(&im, g)))
    goto cleanup;
  if (report) {
    *report = (cp_onet_report){.occupations = n_roles, .moves = im.n_rel};
    for (size_t i = 0; i < n_roles; i++)
      report->zone_averaged +=
          roles[i]->zone_average[RL] || roles[i]->zone_average[RW] || roles[i]->zone_average[PT];
    snprintf(report->release, sizeof report->release, "%s", im.release);
  }
  *out = g;
  g = NULL;
cleanup:
  cp_graph_free(g);
  free(roles);
  importer_free(&im);
  return st;
}

cp_status cp_onet_import(const char *dir, cp_graph **out, cp_onet_report *report, cp_error *err) {
  cp_onet_table t[CP_ONET_TABLES] = {{0}};
  char *data[CP_ONET_TABLES] = {0}, *path[CP_ONET_TABLES] = {0};
  cp_status st = CP_OK;
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/')
    dl--;
  for (int i = 0; i < CP_ONET_TABLES && !st; i++) {
    size_t n = dl + strlen(table_files[i]) + 2;
    if (!(path[i] = malloc(n))) {
      st = cp_fail(err, CP_ENOMEM, "out of memory");
      break;
    }
    snprintf(path[i], n, "%.*s/%s", (int)dl, dir, table_files[i]);
    t[i].name = path[i];
    /* Read Me.txt only names the release: a directory without it still imports. */
    if (i == CP_ONET_README && access(path[i], F_OK) != 0)
      continue;
    st = cp_read_file(path[i], &data[i], &t[i].len, err);
    t[i].data = data[i];
  }
  if (!st)
    st = cp_onet_import_tables(t, out, report, err);
  for (int i = 0; i < CP_ONET_TABLES; i++) {
    free(data[i]);
    free(path[i]);
  }
  return st;
}
