/* test_tables.c: tables as they come: tab-separated files, column maps, and the graph writer
 * whose tables and DOT read back to the same graph. */
#include "cp_test.h"

#include <math.h>

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
  /* A CSV header with a tab in a field stays CSV when commas outnumber tabs, and tabs in
   * quotes do not count. */
  cp_graph *g = NULL;
  assert_int_equal(read("t.csv", "from,to,a\tb\nx,y,1\n", NULL, NULL, NULL, NULL, &g, NULL), CP_OK);
  assert_string_equal(cp_graph_transition(g, 0)->attrs[0].key, "a\tb");
  cp_graph_free(g);
  assert_int_equal(read("t.csv", "from,to,\"a\tb\tc\"\nx,y,1\n", NULL, NULL, NULL, NULL, &g, NULL),
                   CP_OK);
  assert_string_equal(cp_graph_transition(g, 0)->attrs[0].key, "a\tb\tc");
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
      {"from=a,prob\xbaility=p", "column map is not valid UTF-8"},
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
  assert_int_equal(cp_read_graph_with("@onet", NULL, &o, &g, &e), CP_EINVAL);
  assert_contains(e.message, "goes with a table, not a built-in graph");
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

static cp_graph *reread(const cp_graph_tables *t, cp_table_format f) {
  cp_graph *g = NULL;
  cp_error e = {0};
  const char *tn = f == CP_TABLE_TSV ? "t.tsv" : "t.csv";
  if (cp_read_table_buffers(tn, t->transitions, t->transitions_len,
                            f == CP_TABLE_TSV ? "r.tsv" : "r.csv", t->roles, t->roles_len, NULL, &g,
                            &e))
    fail_msg("reading back: %s", e.message);
  if (t->credentials &&
      cp_read_credentials_csv_buffer(g, "c", t->credentials, t->credentials_len, &e))
    fail_msg("reading the catalogue back: %s", e.message);
  return g;
}

static bool same_number(double a, double b) { return (isnan(a) && isnan(b)) || a == b; }

/* Two graphs hold the same roles, transitions and catalogue, figures to the bit; `order[i]`
 * is the transition of `a` that is b's i-th (NULL: the same order). */
static void assert_same_graph(const cp_graph *a, const cp_graph *b, const size_t *order) {
  assert_int_equal(a->n_roles, b->n_roles);
  assert_int_equal(a->n_transitions, b->n_transitions);
  assert_int_equal(a->n_credentials, b->n_credentials);
  for (size_t i = 0; i < a->n_roles; i++) {
    const cp_role *x = &a->roles[i], *y = &b->roles[i];
    assert_string_equal(x->id, y->id);
    assert_string_equal(x->label, y->label);
    assert_string_equal(x->domain, y->domain);
    assert_int_equal(x->level, y->level);
    assert_int_equal(x->n_attrs, y->n_attrs);
    for (size_t k = 0; k < x->n_attrs; k++)
      assert_string_equal(x->attrs[k].value, attr(y->attrs, y->n_attrs, x->attrs[k].key));
  }
  for (size_t i = 0; i < a->n_transitions; i++) {
    const cp_transition *x = cp_tr(a, order ? order[i] : i), *y = cp_tr(b, i);
    assert_int_equal(x->from, y->from);
    assert_int_equal(x->to, y->to);
    assert_int_equal(x->has, y->has);
    assert_true(same_number(x->months, y->months) && same_number(x->cost, y->cost) &&
                same_number(x->effort, y->effort));
    assert_string_equal(x->note, y->note);
    assert_string_equal(x->source, y->source);
    assert_int_equal(x->n_requires, y->n_requires);
    for (size_t k = 0; k < x->n_requires; k++)
      assert_string_equal(x->requires[k], y -> requires[k]);
    assert_int_equal(x->n_attrs, y->n_attrs);
    for (size_t k = 0; k < x->n_attrs; k++)
      assert_string_equal(x->attrs[k].value, attr(y->attrs, y->n_attrs, x->attrs[k].key));
  }
  for (size_t i = 0; i < a->n_credentials; i++) {
    assert_string_equal(a->credentials[i].name, b->credentials[i].name);
    assert_true(a->credentials[i].months == b->credentials[i].months &&
                a->credentials[i].cost == b->credentials[i].cost);
  }
}

static void written_graphs_read_back_the_same(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_builtin_graph(&g, &e), CP_OK);
  /* A figure that %.15g would round, and quotes, commas and semicolons in text. */
  cp_transition_spec s = {.months = 0.1 + 0.2,
                          .cost = 1e-7,
                          .has = CP_HAS_MONTHS | CP_HAS_COST,
                          .note = "a \"quoted\", listed; note",
                          .requires = "A;B"};
  assert_int_equal(cp_graph_add_transition(g, 0, 1, &s, &e), CP_OK);
  for (int f = CP_TABLE_CSV; f <= CP_TABLE_TSV; f++) {
    cp_graph_tables t;
    assert_int_equal(cp_write_graph_tables(g, (cp_table_format)f, &t, &e), CP_OK);
    cp_graph *back = reread(&t, (cp_table_format)f);
    assert_same_graph(g, back, NULL);
    cp_graph_free(back);
    cp_graph_tables_free(&t);
  }
  char *dot;
  size_t len;
  assert_int_equal(cp_write_graph_dot(g, &dot, &len, &e), CP_OK);
  cp_graph *back = NULL;
  if (cp_read_dot_buffer("back.gv", dot, len, &back, &e))
    fail_msg("%s", e.message);
  /* cgraph lists edges by tail, then head, then as written. */
  size_t n = cp_graph_transition_count(g), k = 0, *order = malloc(n * sizeof *order);
  for (size_t r = 0; r < cp_graph_role_count(g); r++)
    for (size_t h = 0; h < cp_graph_role_count(g); h++)
      for (size_t i = 0; i < n; i++)
        if (cp_graph_transition(g, i)->from == r && cp_graph_transition(g, i)->to == h)
          order[k++] = i;
  assert_same_graph(g, back, order);
  free(order);
  assert_string_equal(cp_graph_attr(back, "label"), cp_graph_attr(g, "label"));
  cp_graph_free(back);
  free(dot);
  cp_graph_free(g);
}

/* Months a move took from its median_months (a graph built from histories) stay in that
 * attribute in every format: written as months too, they would read back as the move's own
 * and the output would no longer say they are medians. */
static void median_months_stay_medians(void **state) {
  (void)state;
  static const char csv[] = "from,to,count,median_months\na,b,3,12.5\nb,a,2,7\n";
  cp_graph *g = NULL;
  cp_error e = {0};
  if (cp_read_csv_buffers("m.csv", csv, sizeof csv - 1, NULL, NULL, 0, &g, &e))
    fail_msg("%s", e.message);
  assert_true(cp_graph_months_are_medians(g));
  cp_graph_tables t;
  assert_int_equal(cp_write_graph_tables(g, CP_TABLE_CSV, &t, &e), CP_OK);
  assert_true(!strncmp(t.transitions, "from,to,count,median_months\n", 28));
  cp_graph *back = reread(&t, CP_TABLE_CSV);
  assert_true(cp_graph_months_are_medians(back));
  assert_true(cp_graph_transition(back, 0)->months == 12.5);
  cp_graph_free(back);
  cp_graph_tables_free(&t);
  char *text;
  size_t len;
  assert_int_equal(cp_write_graph_dot(g, &text, &len, &e), CP_OK);
  assert_null(strstr(text, "[months="));
  assert_null(strstr(text, ", months="));
  if (cp_read_dot_buffer("back.gv", text, len, &back, &e))
    fail_msg("%s", e.message);
  assert_true(cp_graph_months_are_medians(back));
  cp_graph_free(back);
  free(text);
  assert_int_equal(cp_write_graph_graphml(g, &text, &len, &e), CP_OK);
  assert_null(strstr(text, "attr.name=\"months\""));
  free(text);
  cp_graph_free(g);
}

static void what_a_format_cannot_carry_is_an_error(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_graph_new("g", &g), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "a", "A B ", NULL, 0, 0, NULL, &e), CP_OK);
  cp_graph_tables t;
  assert_int_equal(cp_write_graph_tables(g, CP_TABLE_TSV, &t, &e), CP_EINVAL);
  assert_contains(e.message, "a: 'A B ' holds a tab");
  assert_int_equal(cp_write_graph_tables(g, CP_TABLE_CSV, &t, &e), CP_OK);
  cp_graph_tables_free(&t);
  assert_int_equal(cp_graph_set_role_attr(g, 0, "path", "C:\\", &e), CP_OK);
  char *dot;
  size_t len;
  assert_int_equal(cp_write_graph_dot(g, &dot, &len, &e), CP_EINVAL);
  assert_contains(e.message, "ends a line with a backslash");
  cp_graph_free(g);
}

static void builtin_graphs_by_name(void **state) {
  (void)state;
  assert_int_equal(cp_builtin_count(), 2);
  assert_string_equal(cp_builtin_at(0)->name, "health-informatics");
  assert_string_equal(cp_builtin_at(1)->name, "onet");
  assert_null(cp_builtin_at(2));
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_read_graph("@Health-Informatics", NULL, &g, &e), CP_OK);
  assert_int_equal(cp_graph_role_count(g),
                   29); /* the curated graph: 29 roles (docs/graph-sources.md) */
  cp_graph_free(g);
  assert_int_equal(cp_read_graph("@nope", NULL, &g, &e), CP_ENOTFOUND);
  assert_contains(e.message, "no built-in graph named '@nope'; the built-in graphs are "
                             "@health-informatics, @onet");
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(tsv_by_name_or_by_header),
      cmocka_unit_test_teardown(tsv_errors_name_file_and_line, cp_test_restore_limits),
      cmocka_unit_test(column_maps_rename_columns),
      cmocka_unit_test(column_map_mistakes_are_clear),
      cmocka_unit_test(maps_go_with_tables_only),
      cmocka_unit_test(histories_take_tsv_and_maps),
      cmocka_unit_test(written_graphs_read_back_the_same),
      cmocka_unit_test(median_months_stay_medians),
      cmocka_unit_test(what_a_format_cannot_carry_is_an_error),
      cmocka_unit_test(builtin_graphs_by_name),
  };
  return CP_RUN(tests, argc, argv);
}
