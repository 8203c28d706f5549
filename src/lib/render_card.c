/* render_card.c: route-only drawings' cards: a role, the step into it, what it requires. */
#include "render_internal.h"

#include <math.h>

/* The requirements of step `k`, grouped by the library's cp_requirement_status (held, to
 * earn, other), each group under its heading in the order the move lists them. */
static cp_status card_requirements(const cp_drawing *d, size_t k, cp_buf *out) {
  static const char *const heading[] = {"\\nalready held: ", "\\nto earn: ", "\\nrequires: "};
  const cp_transition *t = &d->g->transitions[d->o->route->transitions[k]];
  cp_status st = CP_OK;
  for (cp_requirement kind = CP_REQ_HELD; kind <= CP_REQ_OTHER && !st; kind++) {
    size_t shown = 0;
    for (size_t j = 0; j < t->n_requires && !st; j++) {
      const char *name = t->requires[j];
      if (cp_requirement_status(d->g, d->o->route, k, name, d->o->have, d->o->n_have) != kind)
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
