/* test_render_card.c: render_card.c, a route-only drawing's cards: the step's months and
 * cost, and its requirements held (given or earned on an earlier step), to earn, other. */
#include "test_render.h"

#include <math.h>

typedef struct fixture {
  cp_graph *g;
  size_t roles[4], moves[3];
  cp_route route;
} fixture;

/* s > a > b > c; a>b requires "PMP" (catalogued) and "SQL"; b>c requires "pmp" again,
 * "Licence" and "sql". */
static void make(fixture *fp) {
  fixture f = {.g = rt_graph("cards")};
  const char *ids[] = {"s", "a", "b", "c"};
  for (size_t i = 0; i < 4; i++)
    f.roles[i] = rt_role(f.g, ids[i], "d", (int)i + 1);
  assert_int_equal(cp_graph_add_credential(f.g, "PMP", 3, 500, "", NULL), CP_OK);
  f.moves[0] = rt_move(f.g, 0, 1, 6, NULL);
  f.moves[1] = rt_move(f.g, 1, 2, 12, "PMP;SQL");
  f.moves[2] = rt_move(f.g, 2, 3, 24, "pmp;Licence;sql");
  *fp = f;
  fp->route = rt_route(fp->g, fp->roles, fp->moves, 3); /* over fp's arrays */
}

static char *card(const fixture *f, const cp_render_options *o, long pos) {
  cp_drawing d = {.g = f->g, .o = o};
  cp_buf b = {0};
  assert_int_equal(cp_render_card_text(&d, pos, cp_graph_role(f->g, f->roles[pos]), &b), CP_OK);
  return b.data;
}

static void assert_card(const fixture *f, const cp_render_options *o, long pos, const char *want) {
  char *c = card(f, o, pos);
  assert_string_equal(c, want);
  free(c);
}

static void cards_say_what_each_step_takes(void **state) {
  (void)state;
  fixture f;
  make(&f);
  cp_render_options o = {.route = &f.route, .route_only = 1};
  assert_card(&f, &o, 0, "s\\nstart");
  assert_card(&f, &o, 1, "a\\n6 months \u00b7 $600");
  /* Catalogued: to earn; anything else: requires. */
  assert_card(&f, &o, 2, "b\\n12 months \u00b7 $1,200\\nto earn: PMP\\nrequires: SQL");
  /* Required by an earlier step, in any case: held by now. */
  assert_card(&f, &o, 3,
              "c\\n24 months \u00b7 $2,400\\nalready held: pmp, sql\\nrequires: Licence");
  cp_graph_free(f.g);
}

/* What the person holds already (any case), and what they pay: the figures
 * given per step, not the graph's; no months, no figures line. */
static void held_and_paid_as_given(void **state) {
  (void)state;
  fixture f;
  make(&f);
  const char *have[] = {"Pmp", "licence"};
  double months[] = {1, NAN, 2}, cost[] = {0, 0, 7};
  cp_render_options o = {.route = &f.route,
                         .route_only = 1,
                         .have = have,
                         .n_have = 2,
                         .step_months = months,
                         .step_cost = cost};
  assert_card(&f, &o, 2, "b\\nalready held: PMP\\nrequires: SQL");
  assert_card(&f, &o, 3, "c\\n2 months \u00b7 $7\\nalready held: pmp, Licence, sql");
  /* Held is the library's one rule (cp_requirement_status, cp_requirement_held): a name in
   * any case or spacing holds it ("PMP " does), but a part of a word does not ("PM", "MP"). */
  const char *spaced[] = {"PMP "};
  o = (cp_render_options){.route = &f.route, .route_only = 1, .have = spaced, .n_have = 1};
  char *held = card(&f, &o, 2);
  assert_contains(held, "already held: PMP");
  free(held);
  const char *near[] = {"PM", "MP"};
  o = (cp_render_options){.route = &f.route, .route_only = 1, .have = near, .n_have = 2};
  char *c = card(&f, &o, 2);
  assert_contains(c, "to earn: PMP");
  free(c);
  cp_graph_free(f.g);
}

/* Names are label text on a card too. */
static void card_text_is_literal(void **state) {
  (void)state;
  cp_graph *g = rt_graph("odd");
  size_t roles[] = {rt_role(g, "x", "", 1), 0};
  assert_int_equal(cp_graph_add_role(g, "y", "R&D \\N", "", 2, 0, &roles[1], NULL), CP_OK);
  size_t moves[] = {rt_move(g, 0, 1, 1, "a\\b & c")};
  cp_route r = rt_route(g, roles, moves, 1);
  cp_render_options o = {.route = &r, .route_only = 1};
  cp_drawing d = {.g = g, .o = &o};
  cp_buf b = {0};
  assert_int_equal(cp_render_card_text(&d, 1, cp_graph_role(g, 1), &b), CP_OK);
  assert_string_equal(b.data, "R&amp;D \\\\N\\n1 months \u00b7 $100\\nrequires: a\\\\b &amp; c");
  cp_buf_free(&b);
  cp_graph_free(g);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cards_say_what_each_step_takes),
      cmocka_unit_test(held_and_paid_as_given),
      cmocka_unit_test(card_text_is_literal),
  };
  return CP_RUN(tests, argc, argv);
}
