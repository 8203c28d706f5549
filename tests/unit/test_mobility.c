/* test_mobility.c: building transition graphs from career histories, and the privacy threshold. */
#include "cp_test.h"

#include <math.h>

static cp_mobility *build_text(const char *text, const cp_mobility_options *o, cp_status want,
                               cp_error *e) {
  FILE *f = fmemopen((void *)text, strlen(text), "r");
  assert_non_null(f);
  cp_mobility *m = NULL;
  cp_status st = cp_mobility_build_stream("h.csv", f, o, &m, e);
  fclose(f);
  if (st != want)
    fail_msg("status %d, want %d: %s", st, want, e->message);
  return m;
}

static const cp_mobility_transition *find(const cp_mobility *m, const char *from, const char *to) {
  for (size_t i = 0; i < m->n_transitions; i++)
    if (!strcmp(m->roles[m->transitions[i].from].id, from) &&
        !strcmp(m->roles[m->transitions[i].to].id, to))
      return &m->transitions[i];
  return NULL;
}

static const cp_mobility_role *role(const cp_mobility *m, const char *id) {
  for (size_t i = 0; i < m->n_roles; i++)
    if (!strcmp(m->roles[i].id, id))
      return &m->roles[i];
  return NULL;
}

/* Rows out of order, spells to merge, an explicit end, a bad date and a missing role. */
static const char histories[] = "person,role,start,end\n"
                                "p2,B,2011-06,\n"
                                "p1,A,2011-01,\n"
                                "p1,B,2012-01,2014-01\n"
                                "p3,B,2000-01,\n"
                                "p1,A,2010-01,\n"
                                "p1,C,2015-01,\n"
                                "p2,A,2010-06,\n"
                                "p4,A,2020-13,\n"
                                "p3,C,2001-01,\n"
                                "p5,,2020-01,\n"
                                "p2,C,2013-06-16,\n"
                                "p6,C,2019-05-01,2019-04-30\n";

static void stays_moves_and_medians(void **state) {
  (void)state;
  cp_mobility_options o = {.min_people = 1};
  cp_error e = {0};
  cp_mobility *m = build_text(histories, &o, CP_OK, &e);
  assert_int_equal(m->rows, 12);
  assert_int_equal(m->bad_rows, 3);
  assert_int_equal(m->n_bad_listed, 3);
  assert_contains(m->bad_listed[0], "h.csv:9: start '2020-13' is not a date");
  assert_contains(m->bad_listed[1], "h.csv:11: missing role");
  assert_contains(m->bad_listed[2], "h.csv:13: end 2019-04-30 is before start 2019-05-01");
  assert_int_equal(m->people, 3);
  assert_int_equal(m->moves, 5); /* p1 A->B->C, p2 A->B->C, p3 B->C */
  assert_int_equal(m->stays, 8);
  assert_int_equal(m->n_roles, 3);
  const cp_mobility_transition *ab = find(m, "A", "B"), *bc = find(m, "B", "C");
  assert_non_null(ab);
  assert_non_null(bc);
  assert_int_equal(ab->count, 2);
  assert_int_equal(ab->people, 2);
  assert_true(fabs(ab->probability - 1) < 1e-12);
  /* p1 stayed in A from 2010-01 (two spells) to B in 2012-01: 24 months; p2 12. */
  assert_true(fabs(ab->median_months - 18) < 1e-9);
  assert_int_equal(bc->count, 3);
  /* B: p1 2012-01..2014-01 (its end) 24, p2 2011-06..2013-06-16 24.5, p3 12. */
  assert_true(fabs(bc->median_months - 24) < 1e-9);
  assert_int_equal(role(m, "A")->people, 2);
  assert_int_equal(role(m, "B")->people, 3);
  assert_true(fabs(role(m, "B")->median_tenure_months - 24) < 1e-9);
  assert_true(isnan(role(m, "C")->median_tenure_months)); /* every stay in C is ongoing */
  cp_mobility_free(m);

  o.strict = 1;
  m = build_text(histories, &o, CP_EINVAL, &e);
  assert_null(m);
  assert_contains(e.message, "h.csv:9: start '2020-13' is not a date");
}

/* Whether rows are held in memory or spilled to temporary files, the result is the same. */
static void spilling_changes_nothing(void **state) {
  (void)state;
  cp_mobility_options o = {.min_people = 1};
  cp_error e = {0};
  cp_mobility *a = build_text(histories, &o, CP_OK, &e);
  o.memory_rows = 2;
  cp_mobility *b = build_text(histories, &o, CP_OK, &e);
  char *ta, *ra, *tb, *rb;
  size_t lta, lra, ltb, lrb;
  assert_int_equal(cp_mobility_write_csv(a, &ta, &lta, &ra, &lra, NULL), CP_OK);
  assert_int_equal(cp_mobility_write_csv(b, &tb, &ltb, &rb, &lrb, NULL), CP_OK);
  assert_string_equal(ta, tb);
  assert_string_equal(ra, rb);
  assert_contains(ta, "from,to,count,people,probability,median_months\nA,B,2,2,1,18\n");
  free(ta), free(ra), free(tb), free(rb);
  cp_mobility_free(a);
  cp_mobility_free(b);
}

/* K people generate X -> Y (k in 1..8) and each of them also Y -> Z; with --min-people 5
 * no published transition or role has fewer than 5 people, and the counts add up. */
static void suppression_threshold(void **state) {
  (void)state;
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  fputs("person,role,seq\n", f);
  size_t person = 0;
  for (int k = 1; k <= 8; k++)
    for (int i = 0; i < k; i++, person++)
      fprintf(f, "p%zu,X%d,1\np%zu,Y,2\np%zu,Z,3\n", person, k, person, person);
  fclose(f);
  for (size_t K = 1; K <= 9; K++) {
    cp_mobility_options o = {.min_people = K};
    cp_error e = {0};
    cp_mobility *m = build_text(text, &o, CP_OK, &e);
    for (size_t i = 0; i < m->n_transitions; i++)
      assert_true(m->transitions[i].people >= K);
    for (size_t i = 0; i < m->n_roles; i++)
      assert_true(m->roles[i].people >= K);
    /* Roles X1..X8 have 1..8 people; Y and Z 36; transitions Xk -> Y k, Y -> Z 36. */
    size_t roles_below = K - 1 > 8 ? 8 : K - 1;
    assert_int_equal(m->suppressed_roles, roles_below);
    assert_int_equal(m->suppressed_transitions, roles_below);
    assert_int_equal(m->suppressed_moves, roles_below * (roles_below + 1) / 2);
    assert_int_equal(m->n_transitions + m->suppressed_transitions, 9);
    assert_false(m->dated);
    cp_mobility_free(m);
  }
  free(text);
}

/* Person ids appear in no output. */
static void person_ids_never_appear(void **state) {
  (void)state;
  cp_mobility_options o = {.min_people = 1};
  cp_error e = {0};
  cp_mobility *m = build_text(histories, &o, CP_OK, &e);
  char *t, *r, *d;
  size_t lt, lr, ld;
  assert_int_equal(cp_mobility_write_csv(m, &t, &lt, &r, &lr, NULL), CP_OK);
  assert_int_equal(cp_mobility_write_dot(m, &d, &ld, NULL), CP_OK);
  for (const char *p = "p1\0p2\0p3\0"; *p; p += strlen(p) + 1) {
    assert_null(strstr(t, p));
    assert_null(strstr(r, p));
    assert_null(strstr(d, p));
    for (size_t i = 0; i < m->n_bad_listed; i++)
      assert_null(strstr(m->bad_listed[i], p));
  }
  free(t), free(r), free(d);
  cp_mobility_free(m);
}

static void bad_headers(void **state) {
  (void)state;
  cp_error e = {0};
  build_text("person,job,start\n", NULL, CP_EPARSE, &e);
  assert_contains(e.message, "h.csv:1: header lacks the required column 'role'");
  build_text("person,role\np,a\n", NULL, CP_EPARSE, &e);
  assert_contains(e.message, "needs a 'start' or a 'seq' column");
  build_text("", NULL, CP_EPARSE, &e);
  assert_contains(e.message, "empty file");
}

/* Regression (libFuzzer, fuzz_histories): a file whose every row is bad built nothing but
 * sorted a NULL array. It is now an error (exit 3 in the CLI), the bad rows counted. */
static void every_row_bad(void **state) {
  (void)state;
  cp_mobility_options o = {.min_people = 1};
  cp_error e = {0};
  /* Nothing to publish is an error naming the first bad row, not an empty graph. */
  cp_mobility *m =
      build_text("person,role,start,end\np,a,2020-020-03,\nq,a,2038-13,\n", &o, CP_EINVAL, &e);
  assert_null(m);
  assert_contains(e.message, "no valid row: all 2 rows are bad");
  assert_contains(e.message, "h.csv:2: start '2020-020-03' is not a date");
  m = build_text("person,role,start\n", &o, CP_EINVAL, &e);
  assert_null(m);
  assert_contains(e.message, "no rows after the header");
}

/* The DOT output reads back as a graph the measures run on. */
static void dot_output_reads_back(void **state) {
  (void)state;
  cp_mobility_options o = {.min_people = 1};
  cp_error e = {0};
  cp_mobility *m = build_text(histories, &o, CP_OK, &e);
  char *d;
  size_t ld;
  assert_int_equal(cp_mobility_write_dot(m, &d, &ld, NULL), CP_OK);
  cp_graph *g = NULL;
  assert_int_equal(cp_read_dot_buffer("m.gv", d, ld, &g, &e), CP_OK);
  assert_int_equal(cp_graph_role_count(g), 3);
  cp_markov_options mo = {.has_target = 1, .target = cp_test_role(g, "C")};
  cp_markov *mk = NULL;
  assert_int_equal(cp_markov_analyze(g, &mo, &mk, &e), CP_OK);
  assert_non_null(mk->expected_months);
  /* A -> B (median 18 months) -> C (median 24). */
  assert_true(fabs(mk->expected_months[cp_test_role(g, "A")] - 42) < 1e-9);
  cp_markov_free(mk);
  cp_graph_free(g);
  free(d);
  cp_mobility_free(m);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(stays_moves_and_medians),
      cmocka_unit_test(spilling_changes_nothing),
      cmocka_unit_test(suppression_threshold),
      cmocka_unit_test(person_ids_never_appear),
      cmocka_unit_test(bad_headers),
      cmocka_unit_test(every_row_bad),
      cmocka_unit_test(dot_output_reads_back),
  };
  return CP_RUN(tests, argc, argv);
}
