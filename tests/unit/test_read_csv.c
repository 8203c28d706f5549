/* test_read_csv.c: the CSV reader: RFC 4180 details, columns, roles files, bad input. */
#include "cp_test.h"

static cp_status csv(const char *t, const char *r, cp_graph **g, cp_error *e) {
  return cp_read_csv_buffers("t.csv", t, strlen(t), "roles.csv", r, r ? strlen(r) : 0, g, e);
}

static void reads_columns_in_any_order_and_keeps_unknown_ones(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  const char *t = "cost,to,wage,from,months\n100,b,50k,a,3\n0,c,,b,\n";
  assert_int_equal(csv(t, NULL, &g, &e), CP_OK);
  assert_int_equal(cp_graph_role_count(g), 3);
  const cp_transition *ab = cp_graph_transition(g, 0);
  assert_true(ab->cost == 100 && ab->months == 3);
  assert_int_equal(ab->has, CP_HAS_COST | CP_HAS_MONTHS);
  assert_int_equal(ab->line, 2);
  assert_int_equal(ab->n_attrs, 1);
  assert_string_equal(ab->attrs[0].key, "wage");
  assert_string_equal(ab->attrs[0].value, "50k");
  const cp_transition *bc = cp_graph_transition(g, 1);
  assert_int_equal(bc->has, CP_HAS_COST);
  assert_int_equal(bc->n_attrs, 0);
  /* Only from and to are required; a criterion the graph lacks is an error at route time. */
  assert_int_equal(cp_graph_check_criterion(g, CP_BY_MONTHS, &e), CP_ENOCRIT);
  assert_contains(e.message, "t.csv:3: transition b -> c has no 'months'");
  assert_int_equal(cp_graph_check_criterion(g, CP_BY_EFFORT, &e), CP_ENOCRIT);
  assert_contains(e.message, "carries no 'effort'");
  cp_graph_free(g);
}

static void quoting_bom_and_crlf_follow_rfc4180(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  const char *t = "\xEF\xBB\xBF"
                  "from,to,note,requires\r\n"
                  "\"a, the first\",b,\"says \"\"hi\"\"\r\nover two lines\",\"PMP;CISSP\"\r\n"
                  "b,c,,\r\n";
  assert_int_equal(csv(t, NULL, &g, &e), CP_OK);
  assert_string_equal(cp_graph_role(g, 0)->id, "a, the first");
  const cp_transition *t0 = cp_graph_transition(g, 0);
  assert_string_equal(t0->note, "says \"hi\"\r\nover two lines");
  assert_int_equal(t0->n_requires, 2);
  assert_int_equal(t0->line, 2);
  /* The record after a two-line field starts on line 4. */
  assert_int_equal(cp_graph_transition(g, 1)->line, 4);
  cp_graph_free(g);
}

static void blank_lines_are_skipped_and_lines_still_counted(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(csv("from,to,months\n\na,b,1\n\n\nb,c,x\n", NULL, &g, &e), CP_EINVAL);
  assert_contains(e.message, "t.csv:6: months 'x'");
  assert_int_equal(csv("from,to\r\n\r\na,b\r\n", NULL, &g, &e), CP_OK);
  assert_int_equal(cp_graph_transition(g, 0)->line, 3);
  cp_graph_free(g);
}

static void roles_file_defines_roles_and_their_fields(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  const char *r = "id,label,domain,level,salary\nsa,Systems Analyst,systems,2,90k\n"
                  "ci,Clinical Informaticist,clinical,3,\n";
  assert_int_equal(csv("from,to\nsa,ci\n", r, &g, &e), CP_OK);
  const cp_role *sa = cp_graph_role(g, 0);
  assert_string_equal(sa->label, "Systems Analyst");
  assert_int_equal(sa->level, 2);
  assert_int_equal(sa->line, 2);
  assert_int_equal(sa->n_attrs, 1);
  assert_string_equal(sa->attrs[0].value, "90k");
  assert_int_equal(cp_graph_role(g, 1)->n_attrs, 0);
  cp_graph_free(g);
}

static void errors_name_file_line_and_reason(void **state) {
  (void)state;
  static const struct {
    const char *transitions, *roles, *message;
    cp_status status;
  } cases[] = {
      {"from,to\na,\"b\n", NULL, "t.csv:2: unterminated quoted field", CP_EPARSE},
      {"from,to\na,b\"x\",c\n", NULL, "t.csv:2: malformed quoting", CP_EPARSE},
      {"from,to\na,\"b\"x\n", NULL, "t.csv:2: malformed quoting", CP_EPARSE},
      {"from,months\na,3\n", NULL, "t.csv:1: header lacks the required column 'to'", CP_EPARSE},
      {"from,to,months\na,b,3\nb,c,abc\n", NULL, "t.csv:3: months 'abc' is not", CP_EINVAL},
      {"from,to,cost\na,b,-5\n", NULL, "t.csv:2: cost '-5'", CP_EINVAL},
      {"from,to,cost\na,b,NaN\n", NULL, "t.csv:2: cost 'NaN'", CP_EINVAL},
      {"from,to,cost\na,b,inf\n", NULL, "t.csv:2: cost 'inf'", CP_EINVAL},
      {"from,to,effort\na,b,0\n", NULL, "t.csv:2: transition a -> b: effort 0 is outside 1-5",
       CP_EINVAL},
      {"from,to\na,b\nc\n", NULL, "t.csv:3: 1 fields, but the header has 2", CP_EPARSE},
      {"from,to\na,\n", NULL, "t.csv:2: empty 'to'", CP_EPARSE},
      {"from,to,From\na,b,c\n", NULL, "t.csv:1: header names column 'From' twice", CP_EPARSE},
      {"from,to\na,b\xfe\n", NULL, "t.csv:2: field 2 is not valid UTF-8", CP_EPARSE},
      {"", NULL, "t.csv: empty file", CP_EPARSE},
      {"from,to\nsa,xx\n", "id\nsa\n", "t.csv:2: role 'xx' is not defined in roles.csv", CP_EINVAL},
      {"from,to\n", "id,label\nsa,A\nci,B\nsa,C\n",
       "roles.csv:4: duplicate role id 'sa' (first defined on line 2)", CP_EINVAL},
      {"from,to\n", "label\nA\n", "roles.csv:1: header lacks the required column 'id'", CP_EPARSE},
      {"from,to\n", "id,level\nsa,two\n", "roles.csv:2: level 'two'", CP_EINVAL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cp_graph *g = NULL;
    cp_error e = {0};
    cp_status st = csv(cases[i].transitions, cases[i].roles, &g, &e);
    if (st != cases[i].status)
      fail_msg("case %zu: status %d (%s), wanted %d", i, st, e.message, cases[i].status);
    assert_contains(e.message, cases[i].message);
    assert_null(g);
  }
}

static void credentials_csv_is_a_catalogue(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("t", &g), CP_OK);
  const char *good = "name,cost,months,source\nPMP,1055,3,PMI\n\"CIPP/US\",550,2,\n";
  assert_int_equal(cp_read_credentials_csv_buffer(g, "c.csv", good, strlen(good), NULL), CP_OK);
  assert_int_equal(cp_graph_credential_count(g), 2);
  size_t i;
  assert_int_equal(cp_graph_find_credential(g, "cipp/us", &i, NULL), CP_OK);
  assert_true(cp_graph_credential(g, i)->cost == 550 && cp_graph_credential(g, i)->months == 2);
  static const struct {
    const char *text, *message;
  } bad[] = {
      {"name,months\nPMP,3\n", "c.csv:1: header lacks the required column 'cost'"},
      {"name,months,cost\nX,three,100\n", "c.csv:2: months 'three' is not"},
      {"name,months,cost\nX,1,-5\n", "c.csv:2: cost '-5' is not"},
      {"name,months,cost\npmp,1,5\n", "c.csv:2: duplicate credential 'pmp'"},
      {"", "c.csv: empty file"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
    cp_error e = {0};
    assert_int_not_equal(
        cp_read_credentials_csv_buffer(g, "c.csv", bad[k].text, strlen(bad[k].text), &e), CP_OK);
    assert_contains(e.message, bad[k].message);
  }
  cp_graph_free(g);
}

static void roles_csv_beside_the_transitions_is_found(void **state) {
  (void)state;
  cp_graph *g = cp_test_load("csv/transitions.csv");
  /* credentials.csv beside it is the catalogue. */
  assert_int_equal(cp_graph_credential_count(g), 2);
  size_t i = cp_test_role(g, "sa");
  assert_string_equal(cp_graph_role(g, i)->label, "Systems Analyst");
  assert_int_equal(cp_graph_check_criterion(g, CP_BY_COST, NULL), CP_OK);
  cp_graph_free(g);
}

/* Reads transitions made of `before`, `n` copies of `c` and a line end; frees what it read. */
static cp_status csv_padded(const char *before, char c, size_t n, cp_error *e) {
  size_t b = strlen(before);
  char *t = malloc(b + n + 2);
  assert_non_null(t);
  memcpy(t, before, b);
  memset(t + b, c, n);
  memcpy(t + b + n, "\n", 2);
  cp_graph *g = NULL;
  cp_status st = csv(t, NULL, &g, e);
  cp_graph_free(g);
  free(t);
  return st;
}

/* The limits of careerpath.h at their real values: the longest field and name are accepted,
 * one byte more is CP_ELIMIT naming file, line and limit. */
static void fields_and_names_up_to_their_limits(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(csv_padded("from,to,note\na,b,", 'x', CP_MAX_FIELD_BYTES, &e), CP_OK);
  assert_int_equal(csv_padded("from,to,note\na,b,", 'x', CP_MAX_FIELD_BYTES + 1, &e), CP_ELIMIT);
  assert_contains(e.message,
                  "t.csv:2: field 3 is 65537 bytes; the longest field accepted is 65536");
  assert_int_equal(csv_padded("from,to\nb,", 'r', CP_MAX_NAME_BYTES, &e), CP_OK);
  assert_int_equal(csv_padded("from,to\nb,", 'r', CP_MAX_NAME_BYTES + 1, &e), CP_ELIMIT);
  assert_contains(e.message, "t.csv:2: role id 'rrr");
  assert_contains(e.message, "...' is 1025 bytes; the longest role id accepted is 1024");
  char r[CP_MAX_NAME_BYTES + 32] = "id,label\na,";
  memset(r + strlen(r), 'L', CP_MAX_NAME_BYTES + 1);
  strcat(r, "\nb,B\n");
  assert_int_equal(csv("from,to\na,b\n", r, &g, &e), CP_ELIMIT);
  assert_contains(e.message, "roles.csv:2: role 'a': label 'LLL");
  assert_contains(e.message, "is 1025 bytes; the longest label accepted is 1024");
  assert_null(g);
}

/* Lines, roles and transitions, with the limits lowered so that small inputs reach them (the
 * same checks run at careerpath.h's values; tests/data/bad has a line of a megabyte). */
static void lines_roles_and_transitions_up_to_their_limits(void **state) {
  (void)state;
  cp_graph *g = NULL;
  cp_error e = {0};
  cp_limits_set(&(cp_limits){.line = 12, .field = 64, .name = 64, .roles = 3, .transitions = 4});
  /* Line ends do not count: "a,b,12345678" is 12 bytes. */
  assert_int_equal(csv("from,to,note\r\na,b,12345678\r\n", NULL, &g, &e), CP_OK);
  cp_graph_free(g);
  g = NULL;
  assert_int_equal(csv("from,to,note\na,b,123456789\n", NULL, &g, &e), CP_ELIMIT);
  assert_contains(e.message, "t.csv:2: line is 13 bytes; the longest line accepted is 12");
  assert_int_equal(csv("from,to\na,b\nb,c\nc,a\na,c\n", NULL, &g, &e), CP_OK);
  cp_graph_free(g);
  g = NULL;
  assert_int_equal(csv("from,to\na,b\nb,c\nc,d\n", NULL, &g, &e), CP_ELIMIT);
  assert_contains(e.message, "t.csv:4: role 'd' is role number 4; the most roles accepted is 3");
  assert_int_equal(csv("from,to\na,b\n", "id\na\nb\nc\nd\n", &g, &e), CP_ELIMIT);
  assert_contains(e.message, "roles.csv:5: role 'd' is role number 4");
  assert_int_equal(csv("from,to\na,b\nb,c\nc,a\na,c\nb,a\n", NULL, &g, &e), CP_ELIMIT);
  assert_contains(e.message, "t.csv:6: transition b -> a is transition number 5; the most "
                             "transitions accepted is 4");
  assert_null(g);
}

/* Rows seen by a cp_csv_parse callback, joined as "line:field|field|...\n". */
static cp_status collect_row(void *ctx, const char *const *f, size_t n, size_t line, cp_error *e) {
  (void)e;
  char *out = ctx;
  size_t at = strlen(out);
  at += (size_t)sprintf(out + at, "%zu:", line);
  for (size_t i = 0; i < n; i++)
    at += (size_t)sprintf(out + at, "%s%s", i ? "|" : "", f[i]);
  strcpy(out + at, "\n");
  return CP_OK;
}

/* The rule for a quote-free line, written plainly: split at commas, each field trimmed of
 * spaces and tabs; a line of blanks alone is no row. */
static void reference_row(const char *line, size_t n, size_t number, char *out) {
  size_t at = strlen(out), blanks = 0, commas = 0;
  for (size_t i = 0; i < n; i++) {
    blanks += line[i] == ' ' || line[i] == '\t';
    commas += line[i] == ',';
  }
  if (!commas && blanks == n)
    return;
  at += (size_t)sprintf(out + at, "%zu:", number);
  for (size_t f = 0;;) {
    size_t e = f;
    while (e < n && line[e] != ',')
      e++;
    size_t a = f, b = e;
    while (a < b && (line[a] == ' ' || line[a] == '\t'))
      a++;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
      b--;
    memcpy(out + at, line + a, b - a);
    at += b - a;
    if (e == n)
      break;
    out[at++] = '|';
    f = e + 1;
  }
  strcpy(out + at, "\n");
}

/* The reader splits quote-free lines eight bytes at a time: at every length and alignment
 * (fields and separators across word edges, UTF-8, CRLF) it gives the rows the plain rule
 * gives. */
static void quote_free_lines_split_as_the_plain_rule_does(void **state) {
  (void)state;
  static const char *const atoms[] = {"a", "bc", " ", "\t", ",", "\xc3\xa9", "!", "#", "x-1"};
  enum { LINES = 2000 };
  char *text = malloc(LINES * 128), *got = malloc(LINES * 128), *want = malloc(LINES * 128);
  assert_non_null(text);
  assert_non_null(got);
  assert_non_null(want);
  size_t len = 0;
  got[0] = want[0] = '\0';
  uint64_t seed = 7;
  for (size_t l = 1; l <= LINES; l++) {
    size_t start = len, parts = (l * 7) % 23;
    for (size_t k = 0; k < parts; k++) {
      seed = seed * 6364136223846793005u + 1442695040888963407u;
      const char *atom = atoms[(seed >> 33) % (sizeof atoms / sizeof *atoms)];
      memcpy(text + len, atom, strlen(atom));
      len += strlen(atom);
    }
    reference_row(text + start, len - start, l, want);
    if (l % 5 == 0)
      text[len++] = '\r';
    text[len++] = '\n';
  }
  cp_error e = {0};
  assert_int_equal(cp_csv_parse("t.csv", text, len, collect_row, got, &e), CP_OK);
  assert_string_equal(got, want);
  free(text);
  free(got);
  free(want);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_columns_in_any_order_and_keeps_unknown_ones),
      cmocka_unit_test(quoting_bom_and_crlf_follow_rfc4180),
      cmocka_unit_test(blank_lines_are_skipped_and_lines_still_counted),
      cmocka_unit_test(roles_file_defines_roles_and_their_fields),
      cmocka_unit_test(errors_name_file_line_and_reason),
      cmocka_unit_test(credentials_csv_is_a_catalogue),
      cmocka_unit_test(roles_csv_beside_the_transitions_is_found),
      cmocka_unit_test(fields_and_names_up_to_their_limits),
      cmocka_unit_test(quote_free_lines_split_as_the_plain_rule_does),
      cmocka_unit_test_teardown(lines_roles_and_transitions_up_to_their_limits,
                                cp_test_restore_limits),
  };
  return CP_RUN(tests, argc, argv);
}
