/* internal.h: declarations shared by the library's files, not part of the public API. */
#ifndef CP_INTERNAL_H
#define CP_INTERNAL_H

#include "careerpath.h"

#include <float.h>
#include <igraph.h>
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Sets err (when not NULL) to status and a formatted one-line message; returns status so
 * callers can write `return cp_fail(err, CP_EINVAL, "...")`. */
cp_status cp_fail(cp_error *err, cp_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Maps an igraph return code to a status, with the reason igraph's handler kept. */
cp_status cp_from_igraph(igraph_error_t rc, cp_error *err, const char *what);

/* Returns and clears what cgraph reported since the last call (status.c). */
const char *cp_cgraph_take_message(void);

/* The limits in force: careerpath.h's CP_MAX_* values, unless a test lowered them to reach
 * the graph-size limits with small inputs (graph.c). */
typedef struct cp_limits {
  size_t line, field, name, roles, transitions;
} cp_limits;
const cp_limits *cp_limits_get(void);
/* For tests only, and not thread-safe: `l` in force from now on; NULL restores the defaults. */
void cp_limits_set(const cp_limits *l);
/* CP_ELIMIT, with a message naming `what` (a "role id", a "label") and the start of `s`, when
 * `s` is longer than the longest name accepted. */
cp_status cp_check_name(const char *what, const char *s, size_t len, cp_error *err);

/* ---- hashmap.c: open addressing over XXH3 hashes ---- */
typedef struct cp_hashmap {
  struct cp_hash_slot *slots;
  size_t cap, count; /* cap: 0 or a power of two */
} cp_hashmap;

/* string -> size_t index. Keys are borrowed: the owner keeps the strings alive. */
typedef struct cp_strmap {
  cp_hashmap h;
} cp_strmap;
void cp_strmap_init(cp_strmap *m);
void cp_strmap_destroy(cp_strmap *m);
/* CP_OK, or CP_ENOMEM. `*existing` is set true (and the map left unchanged) when the key is
 * already present, with its value in *old_value (when not NULL). */
cp_status cp_strmap_put(cp_strmap *m, const char *key, size_t value, bool *existing,
                        size_t *old_value);
bool cp_strmap_get(const cp_strmap *m, const char *key, size_t *value);
/* The hash the map keeps for key[0..len), for a caller that has the length at hand and looks
 * the key up by it (cp_strmap_get_hashed), sparing a strlen and a second hash. */
uint64_t cp_strmap_hash(const char *key, size_t len);
bool cp_strmap_get_hashed(const cp_strmap *m, const char *key, uint64_t hash, size_t *value);
/* Room for `n` more keys without growing again: CP_ENOMEM. */
cp_status cp_strmap_reserve(cp_strmap *m, size_t n);

/* uint64_t -> uint64_t, for any key but UINT64_MAX. */
typedef struct cp_u64map {
  cp_hashmap h;
} cp_u64map;
void cp_u64map_init(cp_u64map *m);
void cp_u64map_destroy(cp_u64map *m);
/* The value for `key`, made (0) when absent (*made says so); NULL when memory runs out. The
 * pointer holds until the next call that makes a key. */
uint64_t *cp_u64map_at(cp_u64map *m, uint64_t key, bool *made);
/* Slot `slot` (0 .. m->h.cap - 1) of the map: false when empty, else its key and value. */
bool cp_u64map_entry(const cp_u64map *m, size_t slot, uint64_t *key, uint64_t *value);

/* ---- text.c ---- */
char *cp_strdup(const char *s);
bool cp_utf8_valid(const char *s, size_t len);
/* Parses a non-negative finite number filling the whole string (surrounding blanks
 * allowed). Returns false for anything else. */
bool cp_parse_weight(const char *s, double *out);
/* Parses a whole integer (surrounding blanks allowed). */
bool cp_parse_int(const char *s, long *out);
/* A name folded for comparison (resolve.c): ASCII lower case, words split at anything but
 * letters, digits, '+', '#' and non-ASCII bytes, apostrophes dropped, each word in the
 * singular and in British spelling (-isation, licence), one space between words. False
 * when it does not fit in `cap` bytes. */
bool cp_name_fold(const char *s, size_t len, char *out, size_t cap);
/* A set of borrowed names, distinct ignoring ASCII case, in the order first added (held.c).
 * Linear lookups: for the few dozen requirements a question touches. Free `items`. */
typedef struct cp_name_set {
  const char **items;
  size_t n, cap;
} cp_name_set;
cp_status cp_name_set_add(cp_name_set *s, const char *name);
/* Edit distance, case-insensitive on ASCII, capped for speed. */
size_t cp_edit_distance(const char *a, const char *b);

/* A growing byte buffer. */
typedef struct cp_buf {
  char *data;
  size_t len, cap;
} cp_buf;
/* Room for `n` more bytes and a NUL; CP_ENOMEM leaves the buffer as it was. */
cp_status cp_buf_reserve(cp_buf *b, size_t n);
cp_status cp_buf_append(cp_buf *b, const char *s, size_t n);
cp_status cp_buf_puts(cp_buf *b, const char *s);
cp_status cp_buf_printf(cp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cp_buf_free(cp_buf *b);

/* Returns `items` grown (doubling, from `first` elements) to hold at least `need` elements
 * of `size` bytes and updates *cap; NULL when memory runs out, leaving `items` and *cap as
 * they were. */
void *cp_grow(void *items, size_t *cap, size_t need, size_t size, size_t first);

/* Whether `bytes` could be allocated now (they are allocated and freed at once). Graphviz
 * 2.42 does not survive a failed allocation (cgraph uses the NULL, gvc's gmalloc aborts), so
 * work is handed to it only after this says there is room for it: a shortage is then
 * CP_ENOMEM, not a crash. */
bool cp_memory_available(size_t bytes);
/* The same for igraph 0.10.2, which crashes when memory runs out inside its lazy incidence
 * lists (igraph_i_lazy_inclist_get_real goes on using a list its error handler has just freed):
 * room for its work on `g` (graph, weights, Dijkstra's arrays, doubled), or CP_ENOMEM. */
cp_status cp_igraph_room(const cp_graph *g, cp_error *err, const char *what);
/* The same for igraph's PageRank (PRPACK), which runs under OpenMP: libgomp exits the process
 * with status 1 when it cannot make its threads, so their stacks are asked for first. */
cp_status cp_openmp_room(const cp_graph *g, cp_error *err, const char *what);

/* malloc for large arrays: from 1 MiB up, whole 2 MiB pages, advised huge (a page fault costs
 * about 10 us on these machines: one for 2 MiB instead of 512). Free with free(). */
void *cp_big_alloc(size_t bytes);
/* The same, zeroed: calloc for working arrays read at random by every search (a router's
 * per-role keys), so a thread's first searches do not fault in their pages one by one. */
void *cp_big_zalloc(size_t bytes);

/* ---- csv_text.c ---- */
/* Appends `s` as a CSV field (cp_csv_quote). */
cp_status cp_buf_csv_field(cp_buf *b, const char *s);

/* ---- read_csv.c ---- */
/* Whether a table is tab-separated: by its name (.tsv, .txt, .tab), else by its header line
 * (more tabs than commas). */
bool cp_table_is_tsv(const char *name, const char *data, size_t len);
/* cp_csv_parse for a table that may be CSV or TSV (cp_table_is_tsv). */
cp_status cp_table_parse(const char *name, const char *data, size_t len, cp_csv_row_fn fn,
                         void *ctx, cp_error *err);
/* cp_table_parse over a stream read in 1 MiB blocks: memory stays that of one record,
 * however long the file. A read error is CP_EIO naming the line reached. */
cp_status cp_table_parse_stream(const char *name, FILE *f, cp_csv_row_fn fn, void *ctx,
                                cp_error *err);
/* A row as cp_table_fields gives it: each field NUL-terminated, its length in lens[i], the
 * bytes the callee's to change (trim) until it returns. */
typedef cp_status (*cp_table_fields_fn)(void *ctx, char *const *fields, const size_t *lens,
                                        size_t n_fields, size_t line, cp_error *err);
/* cp_table_parse with the fields' lengths, for a reader that would otherwise measure each. */
cp_status cp_table_fields(const char *name, const char *data, size_t len, cp_table_fields_fn fn,
                          void *ctx, cp_error *err);
/* The same over a stream, as cp_table_parse_stream reads it; `tsv` -1 tells CSV from TSV by
 * the name or the first line (after a byte order mark), while 0 or 1 reads a slice of a table
 * whose header was read already, from a record's start, its lines numbered from `first_line`
 * (so messages name the table's lines). */
cp_status cp_table_fields_stream(const char *name, FILE *f, int tsv, size_t first_line,
                                 cp_table_fields_fn fn, void *ctx, cp_error *err);

/* ---- columns.c: a table's header as the readers see it ---- */
/* A malloc'd copy of s[0..n) without the spaces and tabs around it; NULL: out of memory. */
char *cp_trim_copy(const char *s, size_t n);
typedef struct cp_header {
  size_t n;
  char **written; /* each column's name as written, trimmed ("" for an unnamed column) */
  char **names;   /* the name it is read as: the column map's name for it, else as written */
} cp_header;
/* Reads a header row, applying `map` (may be NULL). CP_EPARSE naming file:line for a column
 * named twice, a mapped column the header lacks, or a mapped name the header also has. On
 * any failure *h holds nothing (freed and zeroed); on success free it with cp_header_free. */
cp_status cp_header_read(cp_header *h, const char *file, size_t line, const char *const *fields,
                         size_t n, const cp_column_map *map, cp_error *err);
void cp_header_free(cp_header *h);
/* The column read as `name` (any case), or -1. */
long cp_header_find(const cp_header *h, const char *name);
/* CP_EPARSE: "FILE:LINE: header lacks the required column 'NAME'; its columns are: ...". */
cp_status cp_header_missing(const cp_header *h, const char *file, size_t line, const char *name,
                            cp_error *err);

/* ---- compiled.c: a graph read from a compiled image ---- */
/* What a graph loaded from an image borrows: the image (mapped, or a malloc'd copy) holds
 * every string, and two blocks hold every attribute list and requirement list. Such strings
 * and lists are never freed one by one; cp_graph_free frees the image last. */
typedef struct cp_image {
  char *path; /* as the image was read, for the messages about it */
  const char *base;
  size_t len;
  bool mapped; /* munmap, else free */
  cp_attr *attrs;
  size_t n_attrs;
  char **requires;
  size_t n_requires;
  const char *strings;
  size_t n_strings;
  /* The bulk, where it lies (checked at load only for what would read out of bounds):
   * per transition its ends, `has` and line; the extras (compiled_format.h's cpg_extra). */
  const uint32_t *t_from, *t_to;
  const uint8_t *t_has;
  const uint64_t *t_line;
  const void *extras;
  size_t n_extras;
  const uint32_t *id_slots; /* NULL once the graph keeps its own id map (a role added) */
  size_t id_mask;
  unsigned has_all, has_any, carried;
  /* The router's arrays as the image holds them, checked when a router borrows them. */
  size_t n, m, n_credentials; /* the graph as read: an edited graph makes its own router */
  const size_t *out_start, *out_tr, *in_start, *in_tr, *req_start, *req_cred;
  const uint32_t *out_head, *in_tail;
  const double *w[CP_CRITERION_COUNT];
  size_t n_req_cred;
  size_t bulk_from;  /* where the bulk starts, for cp_graph_verify_image */
  uint64_t bulk_sum; /* its checksum as the header states it */
} cp_image;
/* Whether `p` lies in what `im` (may be NULL) holds: free() must not see it. */
bool cp_image_holds(const cp_image *im, const void *p);
void cp_image_free(cp_image *im);
/* Sets r's arrays to those g's image holds, when it has them and g is as read (*used true),
 * after checking them: CP_EPARSE naming the image when they do not fit the graph. O(n + m). */
cp_status cp_image_router_arrays(const cp_graph *g, cp_router *r, bool *used, cp_error *err);
/* Transition i of a graph read from an image, made from the image on its first read (safe
 * for threads reading one graph). Never fails: what it reads was checked at load. */
const cp_transition *cp_image_transition(const cp_graph *g, size_t i);
/* The role with id `id`, by the image's hash table: CP_ENOTFOUND. O(1) expected. */
cp_status cp_image_role_index(const cp_graph *g, const char *id, size_t *out);
/* Makes every transition not made yet, so that the graph owns an ordinary array. */
void cp_graph_settle(cp_graph *g);

/* ---- graph.c ---- */
struct cp_graph {
  char *name;
  cp_role *roles;
  size_t n_roles, cap_roles;
  /* Read through cp_tr: a graph read from an image makes each transition on its first read
   * (`made`, per transition: 0 not yet, 1 being made, 2 made; NULL when all are). */
  cp_transition *moves;
  _Atomic unsigned char *made;
  size_t n_transitions, cap_transitions;
  cp_strmap ids;
  cp_credential *credentials;
  size_t n_credentials;
  cp_attr *attrs; /* graph-level attributes */
  size_t n_attrs;
  cp_image *image; /* NULL unless read from a compiled image: what the strings live in */
};

/* Transition i of g (i < g->n_transitions). O(1). */
static inline const cp_transition *cp_tr(const cp_graph *g, size_t i) {
  if (g->made && atomic_load_explicit(&g->made[i], memory_order_acquire) != 2)
    return cp_image_transition(g, i);
  return &g->moves[i];
}

/* ---- igraph_view.c: the graph as igraph sees it ---- */
/* One directed edge per transition, edge i for transition i, so parallel moves stay distinct
 * and a path names the transitions it takes. `what` names the work in messages. */
cp_status cp_igraph_transitions(const cp_graph *g, igraph_t *out, cp_error *err, const char *what);
/* Per transition, its weight on `by` (cp_transition_weight), as igraph edge weights. */
cp_status cp_igraph_weights(const cp_graph *g, cp_criterion by, igraph_vector_t *out, cp_error *err,
                            const char *what);
/* The moves network measures count: a simple graph of the transitions between two different
 * roles with a positive flow (count or probability, when every transition carries one),
 * parallel ones merged with their flows added; `undirected` merges the two directions too. */
typedef struct cp_moves {
  igraph_t ig;
  igraph_vector_t weight; /* flow per move (count or probability), 1 without either */
  bool made, weight_made;
  size_t self_loops, zero; /* transitions left out */
} cp_moves;
cp_status cp_moves_make(const cp_graph *g, bool undirected, cp_moves *m, cp_error *err);
void cp_moves_free(cp_moves *m);

/* ---- route.c: building routes, and ordering them ---- */
/* Rule 1 of the tie rule (cp_objective_compare), inline for the searches' inner loops. */
static inline int cp_objective_order(double a, double b) {
  if (a == b)
    return 0;
  /* No fmax: without -ffast-math it is a libm call, and this runs in every heap step. */
  double ma = fabs(a), mb = fabs(b), scale = ma > mb ? ma : mb;
  scale = scale > 1 ? scale : 1;
  /* Infinities (an unreached role) compare as they are; 1e-9 x infinity would equal all. */
  if (scale <= DBL_MAX && fabs(a - b) <= 1e-9 * scale)
    return 0;
  return a < b ? -1 : 1;
}
/* Zeroes `r` and allocates its arrays for `n_steps`; CP_ENOMEM leaves it empty. The caller
 * fills r->transitions, then calls cp_route_finish. */
cp_status cp_route_alloc(cp_route *r, size_t n_steps);
/* Fills the roles and totals from r->transitions: roles from the graph's transitions (`start`
 * for a route of no steps), months, cost and effort from `w` (per transition, indexed by
 * criterion, e.g. with credentials held taken off) or, when NULL, the graph's figures. */
void cp_route_finish(cp_route *r, const cp_graph *g, size_t start,
                     const double *const w[CP_CRITERION_COUNT]);
/* Frees a route's arrays and zeroes it. */
void cp_route_clear(cp_route *r);
/* Appends `r` (taking its arrays) to `list`, whose capacity is *cap. CP_ENOMEM leaves both. */
cp_status cp_route_list_push(cp_route_list *list, size_t *cap, const cp_route *r);
/* The tie rule with Pareto objectives compared one after another in place of rule 1. */
int cp_route_compare_vector(const cp_route *a, const cp_route *b, const cp_criterion *objectives,
                            size_t n_objectives);
/* An order for cp_route_sort: the objective `weights`, or, when n_objectives > 0, those
 * objectives one after another. */
typedef struct cp_route_order {
  double weights[CP_CRITERION_COUNT];
  cp_criterion objectives[CP_CRITERION_COUNT];
  size_t n_objectives;
} cp_route_order;
void cp_route_sort(cp_route *routes, size_t n, const cp_route_order *order);

/* ---- search.c / dijkstra.c: the router ---- */
typedef struct cp_scratch cp_scratch; /* per-query working memory, reused (dijkstra.c) */

struct cp_router {
  const cp_graph *g;
  size_t n, m;
  size_t *out_start, *out_tr;           /* transitions by source, compressed rows */
  size_t *in_start, *in_tr;             /* transitions by target */
  uint32_t *out_head, *in_tail;         /* the other end of each entry, beside it: searches read
                                          these rows, not the transitions */
  double *w[CP_CRITERION_COUNT];        /* per transition: 1, months, cost, effort (NaN: absent) */
  size_t *req_start, *req_cred;         /* per transition: catalogue credentials it requires */
  unsigned carried;                     /* criteria every transition carries (bit per criterion) */
  cp_scratch *scratch;                  /* lazily made; a router serves one thread at a time */
  struct cp_scc_index *index;           /* strong components (scc.c), shared with the routers
                                           sharing this one; made when it pays, or never */
  size_t asked;                         /* point-to-point questions asked so far */
  struct cp_landmarks *landmarks;       /* ALT tables (landmarks.c), made on request, or NULL */
  double *row_w[CP_CRITERION_COUNT][2]; /* a criterion's weight at each entry of the out [0]
                                           and in [1] rows, made for batches, or NULL */
  bool shared;                          /* the arrays are another router's (cp_router_share) */
  bool borrowed;                        /* the arrays are the compiled image's (compiled.c) */
};

/* Per role, its strongly connected component, numbered in the order Tarjan's algorithm closes
 * them: a component closes after every one it reaches, so a route from u to v implies
 * comp[u] >= comp[v]. O(n + m). CP_ENOMEM; *out is malloc'd. */
cp_status cp_scc_order(const cp_router *r, uint32_t **out);
/* A router's component index, shared (read only once made) by the routers sharing it: made
 * at most once, by whichever thread first needs it. cp_scc_index_new fails only with
 * CP_ENOMEM; the router that made it frees it (cp_scc_index_free). */
typedef struct cp_scc_index cp_scc_index;
cp_status cp_scc_index_new(cp_scc_index **out);
void cp_scc_index_free(cp_scc_index *x);
/* Makes the component index now, if no thread has (out of memory: there stays none).
 * Thread-safe; a thread asking while another makes it goes on without it. */
void cp_router_index(const cp_router *r);
/* Whether the component index is made. */
bool cp_router_indexed(const cp_router *r);
/* What a search that found no route cost (moves scanned and roles settled): once such
 * searches together have cost what the index does, O(n + m), it is made, so "no route"
 * costs at most twice what the best choice made in hindsight would. Thread-safe. */
void cp_router_note_unreached(const cp_router *r, uint64_t work);
/* Whether the component index proves that q has no route: some stretch between its ends and
 * waypoints goes from a component to one closed later. False without an index. O(1 + via). */
bool cp_router_proves_unreachable(const cp_router *r, const cp_query *q);

/* ---- landmarks.c: ALT (A* with landmarks and the triangle inequality) ---- */
typedef struct cp_landmarks cp_landmarks;
void cp_landmarks_free(cp_landmarks *lm);
/* Whether the router's landmarks give bounds for every criterion q weighs. */
bool cp_landmarks_cover(const cp_router *r, const cp_query *q);
/* One anchor's rows of the tables (the goal, or the start), for the criteria a query weighs:
 * made per question. */
typedef struct cp_landmark_goal {
  const cp_landmarks *lm;
  bool to_anchor; /* bounds from a role to the anchor; else from the anchor to a role */
  int n, c[CP_CRITERION_COUNT];
  double weight[CP_CRITERION_COUNT];
  const double *t_to[CP_CRITERION_COUNT], *t_from[CP_CRITERION_COUNT];
} cp_landmark_goal;
void cp_landmarks_goal(const cp_landmarks *lm, cp_landmark_goal *g, const double *weights,
                       uint32_t anchor, bool to_anchor);
/* A lower bound on the objective (sum of weights x criterion) of any route from v to the
 * anchor (or from the anchor to v), 0 at the anchor; INFINITY when a landmark proves there is
 * none. O(landmarks x criteria). */
double cp_landmarks_bound(const cp_landmark_goal *g, uint32_t v);
/* The plain question (cp_fast_route_applies) answered by bidirectional A* directed by the
 * landmarks' bounds (cp_landmarks_cover must hold); the same route as cp_fast_route. */
cp_status cp_alt_route(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err);

/* Whether the query is one the bidirectional search answers exactly: k = 1, no limits,
 * waypoints, avoided roles or credentials held, valid weights the graph carries. */
bool cp_fast_route_applies(const cp_router *r, const cp_query *q);
cp_status cp_fast_route(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err);
/* Roles the router's cp_fast_route calls have settled so far, both sides added: what the
 * search costs, for tests of its balance. */
uint64_t cp_fast_route_settled(const cp_router *r);
/* The same question answered from a one-directional search from q->from kept in the router
 * between calls and resumed until q->to is settled (q->reuse_source). */
/* Whether cp_source_route is expected to answer q->reuse_source questions from q->from for
 * less than as many cp_fast_route calls: always when a search from there is kept already. */
bool cp_source_reuse_pays(const cp_router *r, const cp_query *q);
cp_status cp_source_route(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err);
/* A step's months or cost (c) for a person holding the catalogue credentials for which
 * held(ctx, index) is true: less each held credential the step requires, never below 0;
 * NaN when the graph lacks the figure. The one rule for what holding a credential saves. */
typedef bool (*cp_held_fn)(const void *ctx, size_t credential);
double cp_held_figure(const cp_router *r, size_t t, cp_criterion c, cp_held_fn held,
                      const void *ctx);
/* Whether catalogue credential `c` of `g` is held by a person holding `have`: the one rule
 * (held.c), cp_requirement_held's CP_HOLD_ALL on the credential's name. */
bool cp_credential_held(const cp_graph *g, size_t c, const char *const *have, size_t n_have);
/* The k best routes by the label-setting search (search.c), Yen's algorithm for k > 1: any
 * question cp_route_search takes. */
cp_status cp_label_k_best(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err);
void cp_scratch_free(cp_scratch *s);

/* A transition's weight on `by`: 1 for steps, else its months, cost or effort (NaN when
 * the source gave none). */
double cp_transition_weight(const cp_transition *t, cp_criterion by);

/* ---- resample.c: each person's steps, for the bootstrap ---- */
/* Built person by person while histories are read (mobility.c), then finished into the
 * published transitions' terms. */
typedef struct cp_panel_person {
  uint64_t hash; /* of the person's id (people are ordered by it) */
  size_t start;  /* the person's first step */
} cp_panel_person;
typedef struct cp_panel_step {
  uint32_t edge;  /* the builder's transition */
  uint32_t count; /* how many times */
} cp_panel_step;
typedef struct cp_panel_builder {
  cp_panel_person *people;
  cp_panel_step *steps;
  size_t n_people, cap_people, n_steps, cap_steps;
} cp_panel_builder;
/* CP_ENOMEM, else CP_OK. */
cp_status cp_panel_add_person(cp_panel_builder *pb, uint64_t hash);
cp_status cp_panel_add_step(cp_panel_builder *pb, uint32_t edge, uint32_t count);
/* People ordered by hash (so the panel does not depend on the rows' order), each person's
 * steps along `published[edge]` (SIZE_MAX: suppressed, dropped). CP_ENOMEM. */
cp_status cp_panel_finish(cp_panel_builder *pb, const size_t *published,
                          struct cp_mobility_panel **out);
void cp_panel_builder_free(cp_panel_builder *pb);
void cp_mobility_panel_free(struct cp_mobility_panel *p);

/* ---- markov.c ---- */
/* The stationary distribution of the chain P (n x n, rows summing to 1; a role no move leaves
 * keeps the walker, P_ii = 1) into pi when it is unique (one closed class: *unique), by LU.
 * O(n^3). CP_ENOMEM, CP_EGRAPH when singular. */
cp_status cp_chain_stationary(size_t n, const double *P, double *pi, bool *unique, cp_error *err);
/* The analysis of cp_markov_analyze on a chain already made: P (as above), D (months per
 * move, NaN: none) and how many roles were made absorbing. */
cp_status cp_markov_solve(size_t n, const double *P, const double *D, size_t n_absorbing,
                          const cp_markov_options *opt, cp_markov **out, cp_error *err);

/* Makes room for `n` transitions at once (readers that know how many are coming). */
cp_status cp_graph_reserve_transitions(cp_graph *g, size_t n);

/* ---- import_onet.c: the O*NET model, for tests ---- */
typedef enum cp_onet_tier {
  CP_ONET_PRIMARY_SHORT,
  CP_ONET_PRIMARY_LONG,
  CP_ONET_SUPPLEMENTAL,
  CP_ONET_TIERS
} cp_onet_tier;
/* What an occupation typically requires, from the shares of its incumbents by category. */
typedef struct cp_onet_prep {
  double education_months, education_cost, experience_months, training_months;
} cp_onet_prep;
/* A move's figures, and the gaps they come from (rounded as written). */
typedef struct cp_onet_figures {
  double months, cost, effort;
  double education_months, education_cost, experience_months, training_months;
} cp_onet_figures;
/* shares[scale][category]: scales RL, RW, PT, OJ; categories from 1. A scale with no shares
 * gives NaN. */
void cp_onet_preparation(const double shares[4][13], cp_onet_prep *out);
/* Non-decreasing in every figure of `to` and in the tier; non-increasing in `from`'s. */
void cp_onet_move(const cp_onet_prep *from, const cp_onet_prep *to, cp_onet_tier tier,
                  cp_onet_figures *out);

#endif /* CP_INTERNAL_H */
