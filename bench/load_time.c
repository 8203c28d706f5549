/* load_time.c: times loading a graph (cp_read_graph) and making its router, in one process,
 * RUNS times, for docs/compiled-graph.md. Not built by CMake; against a build directory B:
 *   cc -O2 -Iinclude bench/load_time.c B/libcareerpath_core.a \
 *      $(pkg-config --libs igraph libgvc libxxhash) -lcsv -lm -lpthread -o /tmp/load_time
 *   /tmp/load_time GRAPH [RUNS]
 * Prints per run the milliseconds to load, to make the router and to free the graph, each as
 * CPU time of the process (user + system: what a busy machine does not inflate much) and
 * as wall time. */
#include "careerpath.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct stamp {
  double cpu, wall;
} stamp;

static stamp now(void) {
  struct timespec c, w;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
  clock_gettime(CLOCK_MONOTONIC, &w);
  return (stamp){c.tv_sec * 1e3 + c.tv_nsec / 1e6, w.tv_sec * 1e3 + w.tv_nsec / 1e6};
}

int main(int argc, char **argv) {
  if (argc < 2)
    return fprintf(stderr, "usage: load_time GRAPH [RUNS]\n"), 2;
  int runs = argc > 2 ? atoi(argv[2]) : 5;
  for (int i = 0; i < runs; i++) {
    cp_graph *g = NULL;
    cp_router *r = NULL;
    cp_error e = {0};
    stamp t0 = now();
    if (cp_read_graph(argv[1], NULL, &g, &e))
      return fprintf(stderr, "%s\n", e.message), 3;
    stamp t1 = now();
    if (cp_router_new(g, &r, &e))
      return fprintf(stderr, "%s\n", e.message), 3;
    stamp t2 = now();
    cp_router_free(r);
    cp_graph_free(g);
    stamp t3 = now();
    printf("cpu ms: load %.1f router %.1f free %.1f   wall ms: load %.1f router %.1f free %.1f\n",
           t1.cpu - t0.cpu, t2.cpu - t1.cpu, t3.cpu - t2.cpu, t1.wall - t0.wall, t2.wall - t1.wall,
           t3.wall - t2.wall);
  }
  return 0;
}
