/* yen_oracle.h: igraph's k shortest paths (Yen's algorithm), the tests' reference for routes. */
#ifndef CP_YEN_ORACLE_H
#define CP_YEN_ORACLE_H

#include "careerpath.h"

/* The k best loopless routes from `from` to `to` by `by` as igraph finds them (one edge per
 * transition; unweighted for steps), in non-decreasing total. Among routes of equal total
 * the choice and order are igraph's: compare totals, not routes. */
cp_status cp_test_yen(const cp_graph *g, size_t from, size_t to, cp_criterion by, size_t k,
                      cp_route_list **out, cp_error *err);

#endif
