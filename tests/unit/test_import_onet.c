/* test_import_onet.c: the O*NET importer: the shipped release, its model (monotone) and bad
 * tables. */
#include "cp_test.h"

#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#define ONET_DIR CP_SOURCE_DIR "/data/onet-29.3"

static const char *attr(const cp_attr *a, size_t n, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(a[i].key, key))
      return a[i].value;
  return NULL;
}

static cp_graph *import(cp_onet_report *r) {
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_onet_import(ONET_DIR, &g, r, &e) != CP_OK)
    fail_msg("import: %s", e.message);
  return g;
}

static void imports_every_occupation_and_move(void **state) {
  (void)state;
  cp_onet_report r;
  cp_graph *g = import(&r);
  assert_int_equal(cp_graph_role_count(g), 923);
  assert_int_equal(cp_graph_transition_count(g), 18460);
  assert_int_equal(r.occupations, 923);
  assert_int_equal(r.moves, 18460);
  assert_int_equal(r.zone_averaged, 65); /* SOURCE.md: 858 of 923 have the table's data */
  assert_string_equal(r.release, "29.3");
  for (size_t i = 0; i < cp_graph_role_count(g); i++) {
    const cp_role *o = cp_graph_role(g, i);
    assert_true(o->level >= 1 && o->level <= 5);
    assert_true(strlen(o->domain) > 8 && !strncmp(o->domain, o->id, 2));
    assert_non_null(attr(o->attrs, o->n_attrs, "description"));
    assert_non_null(attr(o->attrs, o->n_attrs, "education_months"));
    assert_contains(attr(o->attrs, o->n_attrs, "source"), "O*NET 29.3 Database by the U.S.");
  }
  for (size_t i = 0; i < cp_graph_transition_count(g); i++) {
    const cp_transition *t = cp_graph_transition(g, i);
    assert_int_equal(t->has, CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT);
    assert_true(t->months >= 1 && t->effort >= 1 && t->effort <= 5);
    assert_contains(t->note, "education +");
    assert_contains(t->source, "O*NET 29.3 Related Occupations");
    assert_non_null(attr(t->attrs, t->n_attrs, "tier"));
    assert_non_null(attr(t->attrs, t->n_attrs, "index"));
  }
  size_t rn = cp_test_role(g, "29-1141.00");
  assert_string_equal(cp_graph_role(g, rn)->label, "Registered Nurses");
  assert_string_equal(cp_graph_role(g, rn)->domain,
                      "29-0000 Healthcare Practitioners and Technical Occupations");
  assert_contains(cp_graph_attr(g, "source"), "Used under the CC BY 4.0 license");
  cp_graph_free(g);
}

/* ---- the model is monotone ---- */

static double uniform(unsigned *seed) {
  *seed = *seed * 1103515245u + 12345u;
  return (double)((*seed >> 8) & 0xFFFF) / 65536.0;
}

static const int categories[4] = {12, 11, 9, 9};

/* Moves a random part of the mass of each scale up one or more categories: the result needs
 * at least as much preparation in every sense (first-order stochastic dominance). */
static void shift_up(double shares[4][13], unsigned *seed) {
  for (int s = 0; s < 4; s++)
    for (int c = categories[s] - 1; c >= 1; c--) {
      double moved = shares[s][c] * uniform(seed);
      int to = c + 1 + (int)(uniform(seed) * (categories[s] - c));
      if (to > categories[s])
        to = categories[s];
      shares[s][c] -= moved;
      shares[s][to] += moved;
    }
}

static void random_shares(double shares[4][13], unsigned *seed) {
  memset(shares, 0, 4 * 13 * sizeof(double));
  for (int s = 0; s < 4; s++)
    for (int c = 1; c <= categories[s]; c++)
      shares[s][c] = uniform(seed) < 0.4 ? 0 : 100 * uniform(seed);
}

static void assert_no_less(const cp_onet_figures *more, const cp_onet_figures *less) {
  if (more->months < less->months || more->cost < less->cost || more->effort < less->effort)
    fail_msg("more preparation, less asked: %g months $%g effort %g < %g months $%g effort %g",
             more->months, more->cost, more->effort, less->months, less->cost, less->effort);
}

/* A move to an occupation needing more preparation never costs less, other things (the
 * source, the tier) equal; a less related tier never costs less either. */
static void more_preparation_never_costs_less(void **state) {
  (void)state;
  unsigned seed = 12;
  for (int trial = 0; trial < 20000; trial++) {
    double from[4][13], less[4][13], more[4][13];
    random_shares(from, &seed);
    random_shares(less, &seed);
    memcpy(more, less, sizeof more);
    shift_up(more, &seed);
    cp_onet_prep pf, pl, pm;
    cp_onet_preparation((const double(*)[13])from, &pf);
    cp_onet_preparation((const double(*)[13])less, &pl);
    cp_onet_preparation((const double(*)[13])more, &pm);
    cp_onet_figures prev[2];
    for (int tier = 0; tier < CP_ONET_TIERS; tier++) {
      cp_onet_figures fl, fm;
      cp_onet_move(&pf, &pl, (cp_onet_tier)tier, &fl);
      cp_onet_move(&pf, &pm, (cp_onet_tier)tier, &fm);
      assert_no_less(&fm, &fl);
      if (tier) {
        assert_no_less(&fl, &prev[0]);
        assert_no_less(&fm, &prev[1]);
      }
      prev[0] = fl;
      prev[1] = fm;
    }
  }
}

static double number(const cp_role *r, const char *key) {
  const char *v = attr(r->attrs, r->n_attrs, key);
  assert_non_null(v);
  return strtod(v, NULL);
}

/* The same on the imported graph: from one occupation, within one tier, a target that needs
 * more of every kind of preparation (by more than the rounding of the figures shown) is no
 * cheaper, no shorter and no easier to reach. */
static void the_imported_moves_are_monotone(void **state) {
  (void)state;
  cp_graph *g = import(NULL);
  static const char *const keys[4] = {"education_months", "education_cost", "experience_months",
                                      "training_months"};
  static const double slack[4] = {0.1, 1, 0.1, 0.1};
  size_t compared = 0;
  for (size_t i = 0; i < g->n_transitions; i++) {
    for (size_t j = i + 1; j < g->n_transitions && g->transitions[j].from == g->transitions[i].from;
         j++) {
      const cp_transition *a = &g->transitions[i], *b = &g->transitions[j];
      if (strcmp(attr(a->attrs, a->n_attrs, "tier"), attr(b->attrs, b->n_attrs, "tier")))
        continue;
      const cp_role *ta = &g->roles[a->to], *tb = &g->roles[b->to];
      int a_more = 1, b_more = 1;
      for (int k = 0; k < 4; k++) {
        double x = number(ta, keys[k]), y = number(tb, keys[k]);
        a_more &= x >= y + slack[k];
        b_more &= y >= x + slack[k];
      }
      const cp_transition *more = a_more ? a : b_more ? b : NULL, *less = more == a ? b : a;
      if (!more)
        continue;
      compared++;
      if (more->months < less->months || more->cost < less->cost || more->effort < less->effort)
        fail_msg("%s -> %s asks less than -> %s", g->roles[a->from].id, g->roles[more->to].id,
                 g->roles[less->to].id);
    }
  }
  assert_true(compared > 1000);
  cp_graph_free(g);
}

/* ---- bad tables ---- */

typedef struct tables {
  char *text[CP_ONET_TABLES];
  cp_onet_table t[CP_ONET_TABLES];
} tables;

static const char *const good[CP_ONET_TABLES] = {
    "O*NET-SOC Code\tTitle\tRelated O*NET-SOC Code\tRelated Title\tRelatedness Tier\tIndex\n"
    "29-1141.00\tRN\t15-1211.01\tHIS\tPrimary-Short\t1\n"
    "29-1141.00\tRN\t11-9111.00\tMHSM\tSupplemental\t2\n"
    "15-1211.01\tHIS\t29-1141.00\tRN\tPrimary-Long\t1\n",
    "O*NET-SOC Code\tTitle\tDescription\n29-1141.00\tRegistered Nurses\tCare.\n"
    "15-1211.01\tHealth Informatics Specialists\tData.\n11-9111.00\tManagers\tRun.\n",
    "O*NET-SOC Code\tTitle\tJob Zone\tDate\tDomain Source\n29-1141.00\tRN\t3\t08/2023\tAnalyst\n"
    "15-1211.01\tHIS\t4\t08/2023\tAnalyst\n11-9111.00\tMHSM\t4\t08/2023\tAnalyst\n",
    "Job Zone\tName\n1\tOne\n2\tTwo\n3\tThree\n4\tFour\n5\tFive\n",
    NULL, /* made by ete() */
    NULL, /* made by categories_table() */
    "O*NET 29.3 Database\n",
};

static char *categories_table(void) {
  cp_buf b = {0};
  cp_buf_puts(&b, "Scale ID\tCategory\n");
  static const char *const ids[4] = {"RL", "RW", "PT", "OJ"};
  for (int s = 0; s < 4; s++)
    for (int c = 1; c <= categories[s]; c++)
      cp_buf_printf(&b, "%s\t%d\n", ids[s], c);
  cp_buf_puts(&b, "IM\t1\n");
  return b.data;
}

/* RN: all in category 5 (associate's, 24 months), HIS: all in 8 (master's); the manager has
 * none, so it takes zone 4's average: the HIS figures. */
static char *ete(void) {
  cp_buf b = {0};
  cp_buf_puts(&b, "O*NET-SOC Code\tScale ID\tCategory\tData Value\n");
  static const char *const ids[4] = {"RL", "RW", "PT", "OJ"};
  for (int s = 0; s < 4; s++)
    for (int c = 1; c <= categories[s]; c++) {
      cp_buf_printf(&b, "29-1141.00\t%s\t%d\t%s\n", ids[s], c, c == (s ? 1 : 5) ? "100" : "0");
      cp_buf_printf(&b, "15-1211.01\t%s\t%d\t%s\n", ids[s], c, c == (s ? 3 : 8) ? "100" : "0");
    }
  return b.data;
}

static void tables_init(tables *t) {
  for (int i = 0; i < CP_ONET_TABLES; i++) {
    t->text[i] = i == CP_ONET_ETE          ? ete()
                 : i == CP_ONET_CATEGORIES ? categories_table()
                                           : cp_strdup(good[i]);
    t->t[i] = (cp_onet_table){cp_onet_table_file(i), t->text[i], strlen(t->text[i])};
  }
}

/* Replaces the first `old` in table `i` with `new`. */
static void edit(tables *t, int i, const char *old, const char *new) {
  char *p = strstr(t->text[i], old);
  assert_non_null(p);
  size_t a = (size_t)(p - t->text[i]), n = strlen(t->text[i]) - a - strlen(old);
  char *s = malloc(a + strlen(new) + n + 1);
  sprintf(s, "%.*s%s%s", (int)a, t->text[i], new, p + strlen(old));
  free(t->text[i]);
  t->text[i] = s;
  t->t[i].data = s;
  t->t[i].len = strlen(s);
}

static void tables_free(tables *t) {
  for (int i = 0; i < CP_ONET_TABLES; i++)
    free(t->text[i]);
}

static void a_small_release_imports_with_zone_averages(void **state) {
  (void)state;
  tables t;
  tables_init(&t);
  cp_graph *g = NULL;
  cp_onet_report r;
  cp_error e = {0};
  assert_int_equal(cp_onet_import_tables(t.t, &g, &r, &e), CP_OK);
  assert_int_equal(r.zone_averaged, 1);
  /* Roles by code. */
  assert_string_equal(cp_graph_role(g, 0)->id, "11-9111.00");
  const cp_role *m = cp_graph_role(g, 0);
  assert_string_equal(attr(m->attrs, m->n_attrs, "education_months"), "72");
  assert_contains(attr(m->attrs, m->n_attrs, "preparation"), "Job Zone 4 averages for education");
  assert_string_equal(m->domain, "11-0000 Management Occupations");
  assert_string_equal(attr(m->attrs, m->n_attrs, "job_zone"), "Four");
  /* RN -> HIS: 48 months of schooling (72 - 24) and $71,040 of tuition ($78,760 - $7,720),
   * experience 2 - 0, on-site and on-the-job training 2 x (2 - 0), a Primary-Short relation
   * 1: 55 months; 54 months to make up is effort 1 + 3 bands. */
  const cp_transition *rh = cp_graph_transition(g, 0);
  assert_true(fabs(rh->months - 55) < 1e-9);
  assert_true(rh->cost == 71040);
  assert_true(rh->effort == 4);
  assert_contains(rh->note, "education +48 mo ($71,040), experience +2 mo, training +4 mo, "
                            "Primary-Short +1 mo; Job Zone 3 to 4");
  /* The way back is free but for the relation itself. */
  const cp_transition *hr = cp_graph_transition(g, 2);
  assert_true(hr->months == 2 && hr->cost == 0 && hr->effort == 1);
  cp_graph_free(g);
  tables_free(&t);
}

static void bad_tables_name_file_and_line(void **state) {
  (void)state;
  static const struct {
    int table;
    const char *old, *new, *message;
  } cases[] = {
      {CP_ONET_ZONES, "\tJob Zone\t", "\tZone\t",
       "Job Zones.txt:1: header lacks the required column 'Job Zone'; its columns are: "
       "O*NET-SOC Code, Title, Zone, Date, Domain Source"},
      {CP_ONET_ZONES, "11-9111.00\tMHSM\t4", "11-9111.01\tMHSM\t4",
       "Related Occupations.txt:3: occupation 11-9111.00 has no Job Zone in Job Zones.txt"},
      {CP_ONET_OCCUPATIONS, "15-1211.01\t", "15-1211.02\t",
       "Related Occupations.txt:2: occupation 15-1211.01 is not in Occupation Data.txt"},
      {CP_ONET_ZONES, "\t3\t", "\t6\t",
       "Job Zones.txt:2: Job Zone '6' of 29-1141.00 is not 1 to 5"},
      {CP_ONET_RELATED, "Supplemental", "Tertiary",
       "Related Occupations.txt:3: Relatedness Tier 'Tertiary' is none of"},
      {CP_ONET_RELATED, "\t2\n", "\tsecond\n", "Related Occupations.txt:3: Index 'second'"},
      {CP_ONET_CATEGORIES, "RL\t12\n", "RL\t13\n",
       "Categories.txt:13: scale RL has category '13'; careerpath's O*NET model knows "
       "categories 1 to 12"},
      {CP_ONET_CATEGORIES, "OJ\t9\n", "",
       "Categories.txt: scale OJ lacks category 9, which careerpath's O*NET model maps"},
      {CP_ONET_ETE, "29-1141.00\tRL\t5\t100", "29-1141.00\tRL\t5\t1e9",
       "Experience.txt:10: Data Value '1e9' is not a percentage"},
      {CP_ONET_OCCUPATIONS, "Data.\n", "Data.\t\n",
       "Occupation Data.txt:3: 4 fields, but the "
       "header has 3"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    tables t;
    tables_init(&t);
    edit(&t, cases[i].table, cases[i].old, cases[i].new);
    cp_graph *g = NULL;
    cp_error e = {0};
    assert_int_not_equal(cp_onet_import_tables(t.t, &g, NULL, &e), CP_OK);
    assert_null(g);
    assert_contains(e.message, cases[i].message);
    tables_free(&t);
  }
}

/* A directory without one of the tables: an I/O error naming the file. */
static void a_missing_table_is_named(void **state) {
  (void)state;
  char dir[] = "/tmp/cp-onet-XXXXXX";
  assert_non_null(mkdtemp(dir));
  for (int i = 0; i < CP_ONET_TABLES; i++) {
    if (i == CP_ONET_ZONES || i == CP_ONET_README)
      continue;
    char from[512], to[512];
    snprintf(from, sizeof from, "%s/%s", ONET_DIR, cp_onet_table_file(i));
    snprintf(to, sizeof to, "%s/%s", dir, cp_onet_table_file(i));
    assert_int_equal(symlink(from, to), 0);
  }
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_onet_import(dir, &g, NULL, &e), CP_EIO);
  assert_contains(e.message, "/Job Zones.txt: cannot open");
  /* With it (and still no Read Me.txt) the release is unnamed but imports. */
  char from[512], to[512];
  snprintf(from, sizeof from, "%s/Job Zones.txt", ONET_DIR);
  snprintf(to, sizeof to, "%s/Job Zones.txt", dir);
  assert_int_equal(symlink(from, to), 0);
  cp_onet_report r;
  assert_int_equal(cp_onet_import(dir, &g, &r, &e), CP_OK);
  assert_string_equal(r.release, "");
  assert_contains(cp_graph_attr(g, "source"), "information from the O*NET Database by");
  cp_graph_free(g);
  for (int i = 0; i < CP_ONET_TABLES; i++) {
    snprintf(to, sizeof to, "%s/%s", dir, cp_onet_table_file(i));
    unlink(to);
  }
  rmdir(dir);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(imports_every_occupation_and_move),
      cmocka_unit_test(more_preparation_never_costs_less),
      cmocka_unit_test(the_imported_moves_are_monotone),
      cmocka_unit_test(a_small_release_imports_with_zone_averages),
      cmocka_unit_test(bad_tables_name_file_and_line),
      cmocka_unit_test(a_missing_table_is_named),
  };
  return CP_RUN(tests, argc, argv);
}
