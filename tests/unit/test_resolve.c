/* test_resolve.c: role names as people type them: ids, labels, aliases, codes, plurals,
 * close spellings, and the candidates when a name is several roles. */
#include "cp_test.h"

static cp_graph *roles(void) {
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("t", &g), CP_OK);
  struct {
    const char *id, *label, *domain, *aliases, *onet;
  } r[] = {
      {"sa", "Systems Analyst", "systems", NULL, "15-1211.00"},
      {"ci", "Clinical Informaticist", "clinical", NULL, "15-1211.01"},
      {"ni", "Nurse Informaticist", "clinical", NULL, "15-1211.01"},
      {"registered-nurse", "Registered Nurse", "practice", "RN", "29-1141.00"},
      {"nurse-manager", "Nurse Manager", "leadership", NULL, NULL},
      {"cmio", "Chief Medical Information Officer (CMIO)", "leadership", "chief medical officer",
       NULL},
      {"general-data-analyst", "Data or Business Analyst", "data", "data analyst; business analyst",
       NULL},
      {"health-data-analyst", "Health Data Analyst", "data", NULL, NULL},
      {"project-manager", "Health Informatics Project Manager", "leadership", "PM", NULL},
      {"ms-student", "Health Informatics Master's Student", "education", NULL, NULL},
  };
  for (size_t i = 0; i < sizeof r / sizeof *r; i++) {
    size_t at;
    assert_int_equal(cp_graph_add_role(g, r[i].id, r[i].label, r[i].domain, 2, 0, &at, NULL),
                     CP_OK);
    if (r[i].aliases)
      assert_int_equal(cp_graph_set_role_attr(g, at, "aliases", r[i].aliases, NULL), CP_OK);
    if (r[i].onet)
      assert_int_equal(cp_graph_set_role_attr(g, at, "onet", r[i].onet, NULL), CP_OK);
  }
  return g;
}

/* The id `name` resolves to, and how; fails the test when it does not resolve. */
static const char *resolved(const cp_graph *g, const char *name, cp_match_how *how, char *note,
                            size_t n) {
  cp_role_match m;
  cp_error e = {0};
  cp_status st = cp_graph_match_role(g, name, &m, &e);
  if (st != CP_OK)
    fail_msg("'%s': %s", name, e.message);
  if (how)
    *how = m.how;
  if (note)
    snprintf(note, n, "%s", m.note);
  cp_role_match_clear(&m);
  return cp_graph_role(g, m.role)->id;
}

static void ids_and_labels_resolve_in_any_case(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_match_how how;
  char note[CP_MATCH_NOTE_MAX];
  assert_string_equal(resolved(g, "ci", &how, note, sizeof note), "ci");
  assert_int_equal(how, CP_MATCH_EXACT);
  assert_string_equal(note, "");
  assert_string_equal(resolved(g, "CLINICAL INFORMATICIST", NULL, NULL, 0), "ci");
  assert_string_equal(resolved(g, "nurse informaticist", NULL, NULL, 0), "ni");
  assert_string_equal(resolved(g, "SA", NULL, NULL, 0), "sa");
  cp_graph_free(g);
}

static void hyphens_spaces_plurals_and_apostrophes_are_alike(void **state) {
  (void)state;
  cp_graph *g = roles();
  assert_string_equal(resolved(g, "Registered Nurses", NULL, NULL, 0), "registered-nurse");
  assert_string_equal(resolved(g, "registered_nurse", NULL, NULL, 0), "registered-nurse");
  assert_string_equal(resolved(g, "REGISTERED  NURSE.", NULL, NULL, 0), "registered-nurse");
  assert_string_equal(resolved(g, "project manager", NULL, NULL, 0), "project-manager");
  assert_string_equal(resolved(g, "health informatics masters student", NULL, NULL, 0),
                      "ms-student");
  assert_string_equal(resolved(g, "Health Informatics Master\xe2\x80\x99s Students", NULL, NULL, 0),
                      "ms-student");
  assert_string_equal(resolved(g, "clinical informaticists", NULL, NULL, 0), "ci");
  cp_graph_free(g);
}

static void labels_match_without_their_parenthetical_and_by_it(void **state) {
  (void)state;
  cp_graph *g = roles();
  assert_string_equal(resolved(g, "chief medical information officer", NULL, NULL, 0), "cmio");
  assert_string_equal(resolved(g, "CMIO", NULL, NULL, 0), "cmio");
  assert_string_equal(resolved(g, "Chief Medical Information Officer (CMIO)", NULL, NULL, 0),
                      "cmio");
  cp_graph_free(g);
}

static void aliases_name_roles(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_match_how how;
  /* "data analyst" is an alias of one role, though another's label contains the words. */
  assert_string_equal(resolved(g, "data analyst", &how, NULL, 0), "general-data-analyst");
  assert_int_equal(how, CP_MATCH_EXACT);
  assert_string_equal(resolved(g, "Business Analysts", NULL, NULL, 0), "general-data-analyst");
  assert_string_equal(resolved(g, "rn", NULL, NULL, 0), "registered-nurse");
  assert_string_equal(resolved(g, "PM", NULL, NULL, 0), "project-manager");
  assert_string_equal(resolved(g, "chief medical officer", NULL, NULL, 0), "cmio");
  cp_graph_free(g);
}

static void the_words_of_one_role_are_taken_with_a_note(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_match_how how;
  char note[CP_MATCH_NOTE_MAX];
  assert_string_equal(resolved(g, "masters student", &how, note, sizeof note), "ms-student");
  assert_int_equal(how, CP_MATCH_WORDS);
  assert_string_equal(note, "taking 'masters student' as Health Informatics Master's Student "
                            "(ms-student)");
  /* The last word may be the start of one, as a person types. */
  assert_string_equal(resolved(g, "chief med", NULL, NULL, 0), "cmio");
  /* Of several roles holding the words, the one holding them as a phrase. */
  assert_int_equal(cp_graph_add_role(g, "43-6013.00",
                                     "Medical Secretaries and Administrative "
                                     "Assistants",
                                     "43", 2, 0, NULL, NULL),
                   CP_OK);
  assert_int_equal(cp_graph_add_role(g, "43-6014.00",
                                     "Secretaries and Administrative "
                                     "Assistants, Except Legal, Medical, and Executive",
                                     "43", 2, 0, NULL, NULL),
                   CP_OK);
  assert_string_equal(resolved(g, "medical secretary", &how, NULL, 0), "43-6013.00");
  assert_int_equal(how, CP_MATCH_WORDS);
  cp_graph_free(g);
}

static void a_unique_close_spelling_is_taken_with_a_note(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_match_how how;
  char note[CP_MATCH_NOTE_MAX];
  assert_string_equal(resolved(g, "Registred Nurse", &how, note, sizeof note), "registered-nurse");
  assert_int_equal(how, CP_MATCH_CLOSE);
  assert_contains(note, "taking 'Registred Nurse' as Registered Nurse (registered-nurse)");
  assert_string_equal(resolved(g, "Clinical Informatisist", NULL, NULL, 0), "ci");
  /* Short names are not guessed: "PMP" is not "PM". */
  cp_role_match m;
  cp_error e = {0};
  assert_int_equal(cp_graph_match_role(g, "PMP", &m, &e), CP_ENOTFOUND);
  cp_role_match_clear(&m);
  cp_graph_free(g);
}

static void a_name_of_several_roles_lists_every_one_with_its_domain(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_role_match m;
  cp_error e = {0};
  assert_int_equal(cp_graph_match_role(g, "nurse", &m, &e), CP_EAMBIGUOUS);
  assert_int_equal(m.n_candidates, 3);
  assert_string_equal(cp_graph_role(g, m.candidates[0])->id, "ni");
  assert_string_equal(cp_graph_role(g, m.candidates[1])->id, "registered-nurse");
  assert_string_equal(cp_graph_role(g, m.candidates[2])->id, "nurse-manager");
  assert_contains(e.message, "'nurse' matches 3 roles in t: 'Nurse Informaticist' (ni, clinical), "
                             "'Registered Nurse' (registered-nurse, practice), 'Nurse Manager' "
                             "(nurse-manager, leadership)");
  cp_role_match_clear(&m);
  assert_int_equal(cp_graph_match_role(g, "informaticist", &m, &e), CP_EAMBIGUOUS);
  assert_int_equal(m.n_candidates, 2);
  cp_role_match_clear(&m);
  assert_int_equal(cp_graph_match_role(g, "analyst", &m, &e), CP_EAMBIGUOUS);
  assert_int_equal(m.n_candidates, 3);
  cp_role_match_clear(&m);
  /* The same label on two roles. */
  assert_int_equal(cp_graph_add_role(g, "sa2", "systems analyst", "it", 2, 0, NULL, NULL), CP_OK);
  assert_int_equal(cp_graph_match_role(g, "Systems Analyst", &m, &e), CP_EAMBIGUOUS);
  assert_contains(e.message, "'Systems Analyst' (sa, systems), 'systems analyst' (sa2, it)");
  cp_role_match_clear(&m);
  cp_graph_free(g);
}

static void a_long_list_of_candidates_is_counted_not_cut(void **state) {
  (void)state;
  cp_graph *g = NULL;
  assert_int_equal(cp_graph_new("many", &g), CP_OK);
  for (int i = 0; i < 60; i++) {
    char id[32], label[64];
    snprintf(id, sizeof id, "n%02d", i);
    snprintf(label, sizeof label, "Nurse Specialist Number %02d", i);
    assert_int_equal(cp_graph_add_role(g, id, label, "nursing", 2, 0, NULL, NULL), CP_OK);
  }
  cp_role_match m;
  cp_error e = {0};
  assert_int_equal(cp_graph_match_role(g, "nurse specialist", &m, &e), CP_EAMBIGUOUS);
  assert_int_equal(m.n_candidates, 60); /* every one for a program to list */
  assert_contains(e.message, "'nurse specialist' matches 60 roles");
  assert_contains(e.message, "more; give an id or more of the name");
  assert_true(strlen(e.message) < CP_ERROR_MESSAGE_MAX - 1);
  cp_role_match_clear(&m);
  cp_graph_free(g);
}

static void occupation_codes_name_roles(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_match_how how;
  assert_string_equal(resolved(g, "29-1141.00", &how, NULL, 0), "registered-nurse");
  assert_int_equal(how, CP_MATCH_CODE);
  assert_string_equal(resolved(g, "29-1141", NULL, NULL, 0), "registered-nurse");
  cp_role_match m;
  cp_error e = {0};
  assert_int_equal(cp_graph_match_role(g, "15-1211.01", &m, &e), CP_EAMBIGUOUS);
  assert_int_equal(m.n_candidates, 2);
  cp_role_match_clear(&m);
  /* 15-1211 is its .00 occupation, the systems analyst. */
  assert_string_equal(resolved(g, "15-1211", NULL, NULL, 0), "sa");
  assert_int_equal(cp_graph_match_role(g, "15-9999", &m, &e), CP_ENOTFOUND);
  cp_role_match_clear(&m);
  cp_graph_free(g);

  /* O*NET roles whose ids are codes: a SOC code without ".00" lists what is under it. */
  assert_int_equal(cp_graph_new("onet", &g), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "29-1229.01", "Allergists", "29", 5, 0, NULL, NULL), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "29-1229.02", "Hospitalists", "29", 5, 0, NULL, NULL),
                   CP_OK);
  assert_string_equal(resolved(g, " 29-1229.02 ", NULL, NULL, 0), "29-1229.02");
  assert_int_equal(cp_graph_match_role(g, "29-1229", &m, &e), CP_EAMBIGUOUS);
  assert_int_equal(m.n_candidates, 2);
  cp_role_match_clear(&m);
  cp_graph_free(g);
}

static void unknown_names_get_suggestions(void **state) {
  (void)state;
  cp_graph *g = roles();
  cp_role_match m;
  cp_error e = {0};
  assert_int_equal(cp_graph_match_role(g, "Clinical Infomaticst team", &m, &e), CP_ENOTFOUND);
  assert_contains(e.message, "no role named 'Clinical Infomaticst team' in t");
  assert_contains(e.message, "did you mean 'Clinical Informaticist' (ci)");
  assert_true(m.n_candidates >= 1);
  assert_string_equal(cp_graph_role(g, m.candidates[0])->id, "ci");
  cp_role_match_clear(&m);
  assert_int_equal(cp_graph_match_role(g, "zzzzzzzzzzzz", &m, &e), CP_ENOTFOUND);
  assert_null(strstr(e.message, "did you mean"));
  assert_int_equal(m.n_candidates, 0);
  cp_role_match_clear(&m);
  assert_int_equal(cp_graph_match_role(g, "", &m, &e), CP_ENOTFOUND);
  cp_role_match_clear(&m);
  assert_int_equal(cp_graph_match_role(g, "(((", &m, &e), CP_ENOTFOUND);
  cp_role_match_clear(&m);
  size_t i = 99;
  assert_int_equal(cp_graph_find_role(g, "RN", &i, NULL), CP_OK);
  assert_string_equal(cp_graph_role(g, i)->id, "registered-nurse");
  cp_graph_free(g);
}

static void folding_is_one_spelling(void **state) {
  (void)state;
  char b[64];
  const char *cases[][2] = {
      {"Registered Nurses", "registered nurse"},
      {"  Health-Systems_Analyst  ", "health system analyst"},
      {"Master's", "master"},
      {"Specialties & Classes", "specialty class"},
      {"analysis status MS", "analysis status ms"},
      {"CompTIA Security+", "comptia security+"},
      {"Médecins", "médecin"},
      {"RN License; Visualization, organizations", "rn licence visualisation organisation"},
      {"", ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    assert_true(cp_name_fold(cases[i][0], strlen(cases[i][0]), b, sizeof b));
    assert_string_equal(b, cases[i][1]);
  }
  assert_false(cp_name_fold("a very long name indeed", 23, b, 8));
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(ids_and_labels_resolve_in_any_case),
      cmocka_unit_test(hyphens_spaces_plurals_and_apostrophes_are_alike),
      cmocka_unit_test(labels_match_without_their_parenthetical_and_by_it),
      cmocka_unit_test(aliases_name_roles),
      cmocka_unit_test(the_words_of_one_role_are_taken_with_a_note),
      cmocka_unit_test(a_unique_close_spelling_is_taken_with_a_note),
      cmocka_unit_test(a_name_of_several_roles_lists_every_one_with_its_domain),
      cmocka_unit_test(a_long_list_of_candidates_is_counted_not_cut),
      cmocka_unit_test(occupation_codes_name_roles),
      cmocka_unit_test(unknown_names_get_suggestions),
      cmocka_unit_test(folding_is_one_spelling),
  };
  return CP_RUN(tests, argc, argv);
}
