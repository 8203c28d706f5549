/* pending.c: the CLI's copies of rules moving into the library (see pending.h). */
#include "pending.h"
#include "write.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool cp_cli_held(const char *const *have, size_t n_have, const char *name) {
  for (size_t i = 0; i < n_have; i++)
    if (strcasecmp(have[i], name) == 0)
      return true;
  return false;
}

/* Whether `name` was required, and so earned, on a step of `r` before step `s`. */
static bool earned_before(const cp_graph *g, const cp_route *r, size_t s, const char *name) {
  for (size_t i = 0; i < s; i++) {
    const cp_transition *t = cp_graph_transition(g, r->transitions[i]);
    for (size_t j = 0; j < t->n_requires; j++)
      if (strcasecmp(t->requires[j], name) == 0)
        return true;
  }
  return false;
}

cp_cli_need cp_cli_need_of(const cp_graph *g, const char *const *have, size_t n_have,
                           const cp_route *r, size_t s, const char *name) {
  size_t c;
  if (cp_cli_held(have, n_have, name) || earned_before(g, r, s, name))
    return CP_NEED_HELD;
  return cp_graph_find_credential(g, name, &c, NULL) == CP_OK ? CP_NEED_EARN : CP_NEED_OTHER;
}

bool cp_cli_required_anywhere(const cp_graph *g, const char *name) {
  for (size_t t = 0; t < cp_graph_transition_count(g); t++) {
    const cp_transition *tr = cp_graph_transition(g, t);
    for (size_t j = 0; j < tr->n_requires; j++)
      if (strcasecmp(tr->requires[j], name) == 0)
        return true;
  }
  return false;
}

double cp_cli_route_objective(const cp_query *q, const cp_route *r) {
  double f = 0;
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    if (q->weights[c] > 0) /* criteria the graph lacks are NaN, and 0 x NaN is NaN */
      f += q->weights[c] * cp_route_total(r, (cp_criterion)c);
  return f;
}

cp_status cp_cli_k_best(const cp_graph *g, size_t from, size_t to, cp_criterion by, size_t k,
                        cp_route_list **out, cp_error *err) {
  cp_router *router = NULL;
  cp_query q;
  cp_status st = cp_router_new(g, &router, err);
  if (!st) {
    cp_query_init(&q, from, to, by);
    q.k = k;
    st = cp_route_search(router, &q, out, err);
  }
  cp_router_free(router);
  return st;
}

void cp_cli_csv_text(FILE *f, const char *s) {
  if (!*s || strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[strlen(s) - 1] == ' ') {
    fputc('"', f);
    for (; *s; s++) {
      if (*s == '"')
        fputc('"', f);
      fputc(*s, f);
    }
    fputc('"', f);
    return;
  }
  fputs(s, f);
}

bool cp_cli_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcmp(s + n - k, suffix);
}

void cp_cli_graph_companions(const char *path, const char *roles, char **roles_beside,
                             char **credentials) {
  size_t n = strlen(path);
  bool csv = n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
  *roles_beside = csv && !roles ? cp_cli_beside(path, "roles.csv") : NULL;
  *credentials = csv ? cp_cli_beside(path, "credentials.csv") : NULL;
}
