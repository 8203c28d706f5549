/* test_tables.c: tables as they come: tab-separated files and column maps. */
#include "cp_test.h"

static cp_column_map *map(const char *text) {
  cp_column_map *m = NULL;
  cp_error e = {0};
  if (cp_column_map_parse(text, &m, &e) != CP_OK)
    fail_msg("column map '%s': %s", text, e.message);
  return m;
}

static cp_status read(const char *name, const char *t, const char *roles_name, const char *r,
                      const char *columns, const char *role_columns, cp_graph **g, cp_error *e) {
  cp_read_options o = {columns ? map(columns) : NULL, role_columns ? map(role_columns) : NULL};
  cp_status st =
      cp_read_table_buffers(name, t, strlen(t), roles_name, r, r ? strlen(r) : 0, &o, g, e);
  cp_column_map_free((cp_column_map *)o.columns);
  cp_column_map_free((cp_column_map *)o.role_columns);
  return st;
}

static const char *attr(const cp_attr *a, size_t n, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(a[i].key, key))
      return a[i].value;
  return NULL;
}

static void tsv_by_name_or_by_header(void **state) {
  (void)state;
  /* Tabs split, quotes are text, spaces around fields go, CRLF and a last line without its
   * end are read; commas are text too. */
  const char *t = "from\tto\tmonths\tnote\r\n a \tb\t3\tsays \"hi\", twice\r\n\r\nb\tc\t\t\n"
                  "c\ta\t1\t";
  for (int by_header = 0; by_header < 2; by_header++) {
    cp_graph *g = NULL;
    cp_error e = {0};
    assert_int_equal(read(by_header ? "t.csv" : "t.txt", t, NULL, NULL, NULL, NULL, &g, &e), CP_OK);
    assert_int_equal(cp_graph_transition_count(g), 3);
    const cp_transition *ab = cp_graph_transition(g, 0);
    assert_string_equal(cp_graph_role(g, ab->from)->id, "a");
    assert_string_equal(ab->note, "says \"hi\", twice");
    assert_true(ab->months == 3);
    assert_int_equal(cp_graph_transition(g, 1)->line, 4);
    assert_int_equal(cp_graph_transition(g, 1)->has, 0);
    assert_int_equal(cp_graph_transition(g, 2)->line, 5);
    cp_graph_free(g);
  }
  /* A CSV header with a tab in a field stays CSV when commas outnumber tabs. */
  cp_graph *g = NULL;
  assert_int_equal(read("t.csv", "from,to,a\tb\nx,y,1\n", NULL, NULL, NULL, NULL, &g, NULL), CP_OK);
  assert_string_equal(cp_graph_transition(g, 0)->attrs[0].key, "a\tb");
  cp_graph_free(g);
}

static void tsv_errors_name_file_and_line(void **state) {
  (void)state;
  static const struct {
    const char *text, *message;
  } cases[] = {
      {"from\tto\na\tb\tc\n", "t.tsv:2: 3 fields, but the header has 2"},
      {"from\tto\na\tb\xff\n", "t.tsv:2: field 2 is not valid UTF-8"},
      {"from\tto\na\t\n", "t.tsv:2: empty 'to'"},
      {"from\tmonths\na\t1\n", "t.tsv:1: header lacks the required column 'to'; its columns "
                               "are: from, months"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_graph *g = NULL;
    cp_error e = {0};
    assert_int_not_equal(read("t.tsv", cases[i].text, NULL, NULL, NULL, NULL, &g, &e), CP_OK);
    assert_contains(e.message, cases[i].message);
    assert_null(g);
  }
  /* A line longer than the longest accepted, split across the pending buffer or not. */
  cp_limits l = *cp_limits_get();
  l.line = 16;
  cp_limits_set(&l);
  cp_error e = {0};
  cp_graph *g = NULL;
  assert_int_equal(read("t.tsv", "from\tto\nabcdefgh\tijklmnopq\n", NULL, NULL, NULL, NULL, &g, &e),
                   CP_ELIMIT);
  assert_contains(e.message, "t.tsv:2: line is 18 bytes; the longest line accepted is 16");
  cp_limits_set(NULL);
}

/* The CPS edge list's header, mapped onto careerpath's names. */
static void column_maps_rename_columns(void **state) {
  (void)state;
  const char *t = "OCC_source,OCC_target,transition_prob_corr,OCC_TITLE_OCC\n"
                  "29-1140,29-1140,0.9,Registered Nurses\n29-1140,11-9110,0.1,x\n";
  const char *r = ",OCC_CODE,OCC_TITLE\n0,29-1140,Registered Nurses\n1,11-9110,Managers\n";
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(read("cps.csv", t, "names.csv", r,
                        " from = OCC_source,to=occ_target,probability=transition_prob_corr",
                        "id=OCC_CODE,label=OCC_TITLE", &g, &e),
                   CP_OK);
  assert_int_equal(cp_graph_role_count(g), 2);
  assert_string_equal(cp_graph_role(g, 1)->label, "Managers");
  /* The unnamed index column is no attribute. */
  assert_int_equal(cp_graph_role(g, 0)->n_attrs, 0);
  const cp_transition *t1 = cp_graph_transition(g, 1);
  assert_string_equal(attr(t1->attrs, t1->n_attrs, "probability"), "0.1");
  assert_string_equal(attr(t1->attrs, t1->n_attrs, "OCC_TITLE_OCC"), "x");
  assert_string_equal(cp_graph_flow_weight(g), "probability");
  cp_graph_free(g);
}

static void column_map_mistakes_are_clear(void **state) {
  (void)state;
  static const struct {
    const char *text, *message;
  } parse[] = {
      {"from", "column map item 'from' has no '='; write NAME=COLUMN"},
      {"from=", "column map item 'from=' needs a name before '=' and a column after"},
      {"=a", "needs a name"},
      {"from=a,,to=b", "column map item '' has no '='"},
      {"from=a,FROM=b", "column map gives 'FROM' twice"},
      {"from=a,to=A", "column map reads column 'A' twice (as 'from' and 'to')"},
  };
  for (size_t i = 0; i < sizeof parse / sizeof *parse; i++) {
    cp_column_map *m = NULL;
    cp_error e = {0};
    assert_int_equal(cp_column_map_parse(parse[i].text, &m, &e), CP_EINVAL);
    assert_contains(e.message, parse[i].message);
    assert_null(m);
  }
  static const struct {
    const char *columns, *message;
  } apply[] = {
      {"from=src,to=dst", "t.csv:1: the column map reads 'to' from column 'dst', which the "
                          "header lacks; its columns are: src, target, from"},
      {"to=target", "t.csv:1: the column map reads column 'target' as 'to'"},
      {"months=src", "t.csv:1: the column map reads column 'src' as 'months'"},
      {"from=src", "reads column 'src' as 'from', but the header has a column 'from' too"},
  };
  for (size_t i = 0; i < sizeof apply / sizeof *apply; i++) {
    cp_graph *g = NULL;
    cp_error e = {0};
    const char *t = i == 1 ? "src,target,to\na,b,c\n" : "src,target,from\na,b,c\n";
    if (i == 2)
      t = "src,months,from,to\na,1,b,c\n";
    if (i == 3)
      t = "from,src\na,b\n";
    assert_int_equal(read("t.csv", t, NULL, NULL, apply[i].columns, NULL, &g, &e), CP_EPARSE);
    assert_contains(e.message, apply[i].message);
  }
}

static void maps_go_with_tables_only(void **state) {
  (void)state;
  cp_read_options o = {map("from=a"), NULL};
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_read_graph_with(CP_BUILTIN_GV, NULL, &o, &g, &e), CP_EINVAL);
  assert_contains(e.message, "column maps apply to CSV and TSV tables, not DOT");
  cp_column_map_free((cp_column_map *)o.columns);
  cp_read_options r = {NULL, map("id=code")};
  assert_int_equal(cp_read_graph_with(CP_TEST_DATA "/bad/empty.csv", NULL, &r, &g, &e), CP_EINVAL);
  assert_contains(e.message, "a roles column map needs a roles file");
  cp_column_map_free((cp_column_map *)r.role_columns);
}

static cp_mobility *histories(const char *name, const char *text, const char *columns,
                              cp_status want, cp_error *e) {
  FILE *f = fmemopen((void *)text, strlen(text), "r");
  assert_non_null(f);
  cp_mobility_options o = {.min_people = 1, .columns = columns ? map(columns) : NULL};
  cp_mobility *m = NULL;
  cp_status st = cp_mobility_build_stream(name, f, &o, &m, e);
  fclose(f);
  cp_column_map_free((cp_column_map *)o.columns);
  if (st != want)
    fail_msg("status %d, want %d: %s", st, want, e->message);
  return m;
}

static void histories_take_tsv_and_maps(void **state) {
  (void)state;
  cp_error e = {0};
  const char *text = "pid\tocc\tdate\n1\ta\t2020-01\n1\tb\t2021-07\n2\ta\t2019-01\n2\tb\t2020-07\n";
  cp_mobility *m = histories("h.tsv", text, "person=pid,role=occ,start=date", CP_OK, &e);
  assert_int_equal(m->moves, 2);
  assert_int_equal(m->n_transitions, 1);
  assert_true(m->transitions[0].median_months == 18);
  cp_mobility_free(m);
  histories("h.tsv", text, "person=pid,role=job", CP_EPARSE, &e);
  assert_contains(e.message, "h.tsv:1: the column map reads 'role' from column 'job', which the "
                             "header lacks; its columns are: pid, occ, date");
  histories("h.tsv", text, NULL, CP_EPARSE, &e);
  assert_contains(e.message, "h.tsv:1: header lacks the required column 'person'; its columns "
                             "are: pid, occ, date");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tsv_by_name_or_by_header),
      cmocka_unit_test_teardown(tsv_errors_name_file_and_line, cp_test_restore_limits),
      cmocka_unit_test(column_maps_rename_columns),
      cmocka_unit_test(column_map_mistakes_are_clear),
      cmocka_unit_test(maps_go_with_tables_only),
      cmocka_unit_test(histories_take_tsv_and_maps),
  };
  return CP_RUN(tests, argc, argv);
}
