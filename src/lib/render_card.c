/* render_card.c: route-only drawings' cards: a role, the step into it, what it requires. */
#include "render_internal.h"

#include <math.h>

/* ---- Requirement status: to become cp_requirement_status (issue 11, i11-lib) ---------
 * Held: given in `have` or required by an earlier step of the route (so earned there);
 * to earn: a credential of the graph's catalogue; other: anything else. Names compare with
 * ASCII case folding. This is the one place render decides it: swapping in the library's
 * function is a one-line change in cp_render_card_text. */
typedef enum card_requirement { CARD_HELD = 0, CARD_TO_EARN, CARD_OTHER } card_requirement;

static card_requirement card_requirement_status(const cp_graph *g, const cp_route *r, size_t step,
                                                const char *name, const char *const *have,
                                                size_t n_have) {
  for (size_t h = 0; h < n_have; h++)
    if (cp_strcasecmp_ascii(have[h], name) == 0)
      return CARD_HELD;
  for (size_t i = 0; i < step; i++) {
    const cp_transition *t = &g->transitions[r->transitions[i]];
    for (size_t j = 0; j < t->n_requires; j++)
      if (cp_strcasecmp_ascii(t->requires[j], name) == 0)
        return CARD_HELD;
  }
  size_t c;
  return cp_graph_find_credential(g, name, &c, NULL) == CP_OK ? CARD_TO_EARN : CARD_OTHER;
}
/* ---- end of requirement status ---- */

/* The requirements of step `k`, grouped: held, then to earn, then other, each group under
 * its heading in the order the move lists them. */
static cp_status card_requirements(const cp_drawing *d, size_t k, cp_buf *out) {
  static const char *const heading[] = {"\\nalready held: ", "\\nto earn: ", "\\nrequires: "};
  const cp_transition *t = &d->g->transitions[d->o->route->transitions[k]];
  cp_status st = CP_OK;
  for (int kind = CARD_HELD; kind <= CARD_OTHER && !st; kind++) {
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires && !st; j++) {
      const char *name = t->requires[j];
      if ((int)card_requirement_status(d->g, d->o->route, k, name, d->o->have, d->o->n_have) !=
          kind)
        continue;
      st = cp_buf_puts(out, shown++ ? ", " : heading[kind]);
      if (!st)
        st = cp_render_append_label_text(out, name);
    }
  }
  return st;
}

/* A route-only drawing's card for the role at position `pos`: its label, then the step into
 * it (months, cost, what it requires). Graphviz line breaks are "\n" in the label text. */
cp_status cp_render_card_text(const cp_drawing *d, long pos, const cp_role *role, cp_buf *out) {
  out->len = 0;
  cp_status st = cp_render_append_label_text(out, role->label);
  if (st || pos == 0)
    return st ? st : cp_buf_puts(out, "\\nstart");
  size_t k = (size_t)pos - 1;
  const cp_transition *t = &d->g->transitions[d->o->route->transitions[k]];
  double months = d->o->step_months ? d->o->step_months[k] : t->months;
  double cost = d->o->step_cost ? d->o->step_cost[k] : t->cost;
  char money[48];
  cp_format_money(cost, money, sizeof money);
  if (!isnan(months))
    st = cp_buf_printf(out, "\\n%g months \u00b7 %s", months, money);
  return st ? st : card_requirements(d, k, out);
}
