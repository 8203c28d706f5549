/* brute_force.h: every route of a small graph by enumeration, ordered by the tie rule as
 * written out here, apart from the library: the tests' reference for every route engine. */
#ifndef CP_BRUTE_FORCE_H
#define CP_BRUTE_FORCE_H

#include "careerpath.h"

#include <stdbool.h>

enum { BF_MAX_ROLES = 8, BF_MAX_STEPS = 16 };

typedef struct bf_route {
  size_t start;
  size_t tr[BF_MAX_STEPS];      /* transitions, in order */
  size_t n;                     /* steps */
  double v[CP_CRITERION_COUNT]; /* totals, credentials held taken off */
} bf_route;

/* A small random graph (n <= BF_MAX_ROLES roles, m transitions) full of ties: months and
 * cost 0, 1 or 2, effort 1 or 2, parallel moves and moves from a role to itself, and a
 * catalogue of two credentials ("Alpha", "Beta") some moves require. `*rng` advances. */
cp_graph *bf_graph(unsigned long long *rng, size_t n, size_t m);
unsigned bf_rnd(unsigned long long *rng, unsigned n);
/* bf_graph with 2 to BF_MAX_ROLES roles (*n) and n to (density + 1) x n transitions. */
cp_graph *bf_random_graph(unsigned long long *rng, unsigned density, size_t *n);

/* Every route for `q` (its from, to, limits, avoided roles, waypoints and credentials held;
 * not k): walks that never pass a role twice between waypoints. Sorted by the rule for q's
 * weights. The array is static: valid until the next call. */
size_t bf_routes(const cp_graph *g, const cp_query *q, const bf_route **out);
/* The same with the rule's first place taken by `objectives` compared one after another. */
size_t bf_routes_by(const cp_graph *g, const cp_query *q, const cp_criterion *objectives,
                    size_t n_objectives, const bf_route **out);

/* The tie rule, exactly (the test graphs' figures are whole numbers): the objective (or the
 * objectives in turn), fewer steps, role indices from the start, transition indices. */
int bf_compare(const cp_graph *g, const double *weights, const cp_criterion *objectives,
               size_t n_objectives, const bf_route *a, const bf_route *b);

/* Whether an engine's route is the brute-force one (start, transitions, totals); prints both
 * when not. */
bool bf_same(const cp_graph *g, const cp_route *r, const bf_route *b);

/* A library route as a brute-force one (for comparing two engines' routes). */
bf_route bf_of(const cp_route *r);

#endif
