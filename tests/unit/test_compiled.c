/* test_compiled.c: a compiled graph image reads back as the graph compiled, field by field;
 * a damaged image is an error naming what is wrong, never a crash. */
#include "cp_test.h"

#include "compiled_format.h"

#include <math.h>
#include <pthread.h>
#include <unistd.h>
#include <xxhash.h>

/* A graph with every field set, and each kind of empty or absent value. */
static cp_graph *full_graph(void) {
  cp_graph *g = NULL;
  cp_error e = {0};
  size_t a, b, c;
  assert_int_equal(cp_graph_new("every-field.csv", &g), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "a", "Analyst é", "Clinical", 2, 3, &a, &e), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "b", NULL, NULL, 0, 0, &b, &e), CP_OK);
  assert_int_equal(cp_graph_add_role(g, "c", "C", "", 5, 9, &c, &e), CP_OK);
  assert_int_equal(cp_graph_set_role_attr(g, a, "soc", "15-1211", &e), CP_OK);
  assert_int_equal(cp_graph_set_role_attr(g, a, "empty", "", &e), CP_OK);
  cp_attr ta[] = {{"count", "12"}, {"blank", ""}};
  cp_transition_spec full = {.has = CP_HAS_MONTHS | CP_HAS_COST | CP_HAS_EFFORT,
                             .months = 6,
                             .cost = 1500.5,
                             .effort = 3,
                             .requires = "CPHIMS; Epic",
                             .note = "a note\twith a tab",
                             .source = "estimate",
                             .attrs = ta,
                             .n_attrs = 2,
                             .line = 7};
  cp_transition_spec bare = {.line = 0};
  cp_transition_spec cost_only = {.has = CP_HAS_COST, .cost = 0, .line = 12};
  assert_int_equal(cp_graph_add_transition(g, a, b, &full, &e), CP_OK);
  assert_int_equal(cp_graph_add_transition(g, b, c, &bare, &e), CP_OK);
  assert_int_equal(cp_graph_add_transition(g, c, a, &cost_only, &e), CP_OK);
  assert_int_equal(cp_graph_add_transition(g, a, b, &bare, &e), CP_OK); /* parallel */
  assert_int_equal(cp_graph_add_credential(g, "CPHIMS", 3, 400, "HIMSS", &e), CP_OK);
  assert_int_equal(cp_graph_add_credential(g, "Epic", 2, 0, NULL, &e), CP_OK);
  assert_int_equal(cp_graph_set_attr(g, "label", "Every field"), CP_OK);
  assert_int_equal(cp_graph_set_attr(g, "rankdir", ""), CP_OK);
  return g;
}

static void assert_attrs_equal(const cp_attr *x, size_t nx, const cp_attr *y, size_t ny) {
  assert_int_equal(nx, ny);
  for (size_t i = 0; i < nx; i++) {
    assert_string_equal(x[i].key, y[i].key);
    assert_string_equal(x[i].value, y[i].value);
  }
}

static void assert_weight_equal(double x, double y) {
  assert_int_equal(isnan(x), isnan(y));
  if (!isnan(x))
    assert_true(x == y);
}

static void assert_transition_equal(const cp_transition *x, const cp_transition *y) {
  assert_int_equal(x->from, y->from);
  assert_int_equal(x->to, y->to);
  assert_int_equal(x->has, y->has);
  assert_weight_equal(x->months, y->months);
  assert_weight_equal(x->cost, y->cost);
  assert_weight_equal(x->effort, y->effort);
  assert_int_equal(x->n_requires, y->n_requires);
  for (size_t j = 0; j < x->n_requires; j++)
    assert_string_equal(x->requires[j], y -> requires[j]);
  assert_string_equal(x->note, y->note);
  assert_string_equal(x->source, y->source);
  assert_attrs_equal(x->attrs, x->n_attrs, y->attrs, y->n_attrs);
  assert_int_equal(x->line, y->line);
}

static void assert_graphs_equal(const cp_graph *x, const cp_graph *y) {
  assert_string_equal(cp_graph_name(x), cp_graph_name(y));
  assert_int_equal(cp_graph_role_count(x), cp_graph_role_count(y));
  for (size_t i = 0; i < cp_graph_role_count(x); i++) {
    const cp_role *p = cp_graph_role(x, i), *q = cp_graph_role(y, i);
    size_t at;
    assert_string_equal(p->id, q->id);
    assert_string_equal(p->label, q->label);
    assert_string_equal(p->domain, q->domain);
    assert_int_equal(p->level, q->level);
    assert_int_equal(p->line, q->line);
    assert_attrs_equal(p->attrs, p->n_attrs, q->attrs, q->n_attrs);
    assert_int_equal(cp_graph_role_index(y, p->id, &at), CP_OK);
    assert_int_equal(at, i);
  }
  assert_int_equal(cp_graph_transition_count(x), cp_graph_transition_count(y));
  for (size_t i = 0; i < cp_graph_transition_count(x); i++)
    assert_transition_equal(cp_graph_transition(x, i), cp_graph_transition(y, i));
  assert_int_equal(cp_graph_credential_count(x), cp_graph_credential_count(y));
  for (size_t i = 0; i < cp_graph_credential_count(x); i++) {
    const cp_credential *p = cp_graph_credential(x, i), *q = cp_graph_credential(y, i);
    assert_string_equal(p->name, q->name);
    assert_string_equal(p->source, q->source);
    assert_true(p->months == q->months && p->cost == q->cost);
  }
  assert_attrs_equal(x->attrs, x->n_attrs, y->attrs, y->n_attrs);
}

static char *compile(const cp_graph *g, size_t *len) {
  char *img = NULL;
  cp_error e = {0};
  assert_int_equal(cp_graph_compile(g, &img, len, &e), CP_OK);
  return img;
}

static void every_field_reads_back(void **state) {
  (void)state;
  cp_graph *g = full_graph(), *back = NULL;
  size_t len, len2;
  char *img = compile(g, &len);
  cp_error e = {0};
  assert_int_equal(cp_read_compiled_buffer("g.cpg", img, len, &back, &e), CP_OK);
  assert_graphs_equal(g, back);
  /* Compiled again, the graph read back gives the same bytes. */
  char *img2 = compile(back, &len2);
  assert_int_equal(len, len2);
  assert_memory_equal(img, img2, len);
  free(img);
  free(img2);
  cp_graph_free(g);
  cp_graph_free(back);
}

/* A graph read from an image can still be edited (its lists are copied when they grow) and
 * freed: ASan and memcheck see any free of what the image holds. */
static void loaded_graph_is_editable(void **state) {
  (void)state;
  cp_graph *g = full_graph(), *back = NULL;
  size_t len, at;
  char *img = compile(g, &len);
  cp_error e = {0};
  assert_int_equal(cp_read_compiled_buffer("g.cpg", img, len, &back, &e), CP_OK);
  assert_int_equal(cp_graph_set_role_attr(back, 0, "soc", "29-9021", &e), CP_OK);
  assert_int_equal(cp_graph_set_role_attr(back, 0, "new", "x", &e), CP_OK);
  assert_int_equal(cp_graph_set_role_domain(back, 1, "Informatics", &e), CP_OK);
  assert_int_equal(cp_graph_set_attr(back, "label", "Edited"), CP_OK);
  assert_int_equal(cp_graph_add_role(back, "d", NULL, NULL, 1, 0, &at, &e), CP_OK);
  cp_transition_spec s = {.has = CP_HAS_MONTHS, .months = 1, .note = "n"};
  assert_int_equal(cp_graph_add_transition(back, at, 0, &s, &e), CP_OK);
  assert_string_equal(cp_role_attr(cp_graph_role(back, 0), "soc"), "29-9021");
  assert_string_equal(cp_role_attr(cp_graph_role(back, 0), "empty"), "");
  assert_string_equal(cp_graph_attr(back, "label"), "Edited");
  free(img);
  cp_graph_free(g);
  cp_graph_free(back);
}

/* On disk: told by its magic bytes whatever its name, mapped, equal. */
static void file_is_told_by_magic(void **state) {
  (void)state;
  char path[] = "/tmp/cp-compiled-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  cp_graph *g = full_graph(), *back = NULL;
  size_t len;
  char *img = compile(g, &len);
  assert_int_equal(write(fd, img, len), (ssize_t)len);
  close(fd);
  cp_error e = {0};
  assert_true(cp_is_compiled_file(path));
  assert_int_equal(cp_read_graph(path, NULL, &back, &e), CP_OK);
  assert_graphs_equal(g, back);
  assert_int_equal(cp_read_graph_with(path, "roles.csv", NULL, &back, &e), CP_EINVAL);
  unlink(path);
  free(img);
  cp_graph_free(g);
  cp_graph_free(back);
}

/* Sets both checksums right, so that a change reaches the checks behind them. */
static void reseal(char *img, size_t len) {
  cpg_header h;
  memcpy(&h, img, sizeof h);
  h.bulk_checksum = XXH3_64bits(img + h.offset[CPG_BULK], len - h.offset[CPG_BULK]);
  memcpy(img, &h, sizeof h);
  h.checksum = XXH3_64bits(img + CPG_CHECKED_FROM, h.offset[CPG_BULK] - CPG_CHECKED_FROM);
  memcpy(img, &h, sizeof h);
}

/* Where an image is refused: 0 by the load, 1 by the router borrowing its arrays, 2 by
 * cp_graph_verify_image, 3 not at all; `e` says why. */
static int refusal(const char *img, size_t len, cp_error *e) {
  cp_graph *g = NULL;
  cp_router *r = NULL;
  int stage = 0;
  cp_status st = cp_read_compiled_buffer("bad.cpg", img, len, &g, e);
  if (st)
    assert_null(g);
  if (!st && ++stage && !(st = cp_router_new(g, &r, e)))
    cp_router_free(r);
  if (!st && ++stage)
    st = cp_graph_verify_image(g, e);
  cp_graph_free(g);
  if (st) {
    assert_int_equal(st, CP_EPARSE);
    assert_contains(e->message, "bad.cpg: ");
  }
  return st ? stage : 3;
}

static void expect_error(const char *img, size_t len, const char *what) {
  cp_error e = {0};
  assert_int_equal(refusal(img, len, &e), 0);
  assert_contains(e.message, what);
}

/* Every byte of the head is checked by the load; every byte of the bulk by the router or by
 * cp_graph_verify_image (docs/compiled-graph.md: what is verified when). */
static void damaged_images_are_errors(void **state) {
  (void)state;
  cp_graph *g = full_graph();
  size_t len;
  char *img = compile(g, &len), *bad = malloc(len);
  cpg_header h;
  memcpy(&h, img, sizeof h);
  for (size_t cut = 0; cut < len; cut++)
    expect_error(img, cut, cut < CPG_MAGIC_BYTES ? "bad magic" : "truncated");
  for (size_t i = 0; i < len; i++) {
    memcpy(bad, img, len);
    bad[i] ^= 0x40;
    if (i >= offsetof(cpg_header, bulk_checksum) && i < CPG_CHECKED_FROM) {
      cp_error e = {0};
      assert_int_equal(refusal(bad, len, &e), 2);
      assert_contains(e.message, "checksum mismatch");
    } else if (i >= h.offset[CPG_BULK]) {
      cp_error e = {0};
      assert_int_not_equal(refusal(bad, len, &e), 3);
    } else {
      expect_error(bad, len,
                   i < 8    ? "bad magic"
                   : i < 12 ? "version"
                   : i < 16 ? "byte order"
                   : i < 24 ? "bytes"
                            : "checksum");
    }
  }
  memcpy(bad, img, len);
  bad[offsetof(cpg_header, version)] = 1;
  reseal(bad, len);
  expect_error(bad, len, "version 1; this careerpath reads version 2");
  free(img);
  free(bad);
  cp_graph_free(g);
}

/* With the checksums made right, every offset, count and index is still checked, by the
 * load or, for the router's arrays, when a router borrows them. */
static void resealed_lies_are_errors(void **state) {
  (void)state;
  cp_graph *g = full_graph();
  size_t len;
  char *img = compile(g, &len), *bad = malloc(len);
  cpg_header h;
  uint32_t id0;
  memcpy(&h, img, sizeof h);
  memcpy(&id0, img + h.offset[CPG_ROLES] + offsetof(cpg_role, id), sizeof id0);
  size_t slot = h.offset[CPG_ID_SLOTS]; /* the first slot holding a role */
  while (!img[slot])
    slot += 4;
  const struct {
    size_t at;
    uint64_t value;
    size_t bytes;
    int stage;
    const char *what;
  } lies[] = {
      {offsetof(cpg_header, offset) + 8 * CPG_ROLES, 4, 8, 0, "roles section"},
      {offsetof(cpg_header, count) + 8 * CPG_T_LINE, 1u << 30, 8, 0, "line section"},
      {offsetof(cpg_header, offset) + 8 * CPG_STRINGS, len, 8, 0, "strings section"},
      {offsetof(cpg_header, name), 1u << 30, 4, 0, "string offset"},
      {offsetof(cpg_header, graph_attrs), 1000, 4, 0, "graph's attributes"},
      {offsetof(cpg_header, count) + 8 * CPG_T_TO, 3, 8, 0, "do not fit"},
      {offsetof(cpg_header, has_any), 0, 4, 0, "do not fit"},
      {offsetof(cpg_header, count) + 8 * CPG_ID_SLOTS, 3, 8, 0, "not a power of two"},
      {h.offset[CPG_T_TO] + 4, 3, 4, 0, "do not fit"},
      {h.offset[CPG_T_HAS], 0x10, 1, 0, "do not fit"},
      {h.offset[CPG_EXTRAS] + offsetof(cpg_extra, n_req), 99, 4, 0, "requirements"},
      {h.offset[CPG_EXTRAS] + offsetof(cpg_extra, transition), 9, 4, 0, "extra 0"},
      {h.offset[CPG_EXTRAS] + offsetof(cpg_extra, note), 1u << 30, 4, 0, "string offset"},
      {slot, 0, 4, 0, "id table"},
      {h.offset[CPG_ROLES] + sizeof(cpg_role) + offsetof(cpg_role, id), id0, 4, 0,
       "duplicate role"},
      {h.offset[CPG_ROLES] + offsetof(cpg_role, n_attrs), 77, 4, 0, "attributes"},
      {h.offset[CPG_STRINGS] + h.count[CPG_STRINGS] - 1, 'x', 1, 0, "NUL-terminated"},
      {h.offset[CPG_OUT_HEAD], 3, 4, 1, "router's arrays"},
      {h.offset[CPG_IN_TR] + 8, 4, 8, 1, "router's arrays"},
      {h.offset[CPG_OUT_START] + 8, 9, 8, 1, "router's arrays"},
      {h.offset[CPG_W_COST], 0xbff0000000000000u, 8, 1, "router's arrays"}, /* -1 */
      {h.offset[CPG_W_EFFORT] + 8, 0, 8, 1, "router's arrays"}, /* absent: must be NaN */
      {h.offset[CPG_REQ_CRED], 2, 8, 1, "router's arrays"},
      {offsetof(cpg_header, carried), 0, 4, 1, "router's arrays"},
      {offsetof(cpg_header, count) + 8 * CPG_W_EFFORT, 3, 8, 0, "router section"},
  };
  for (size_t i = 0; i < sizeof lies / sizeof lies[0]; i++) {
    cp_error e = {0};
    memcpy(bad, img, len);
    memcpy(bad + lies[i].at, &lies[i].value, lies[i].bytes);
    reseal(bad, len);
    assert_int_equal(refusal(bad, len, &e), lies[i].stage);
    assert_contains(e.message, lies[i].what);
  }
  free(img);
  free(bad);
  cp_graph_free(g);
}

/* The router of a graph read from an image borrows the image's arrays, which equal those a
 * router makes from the source; once the graph is edited, it makes its own. */
static void router_arrays_read_in_place(void **state) {
  (void)state;
  cp_graph *g = full_graph(), *back = NULL;
  size_t len, at;
  char *img = compile(g, &len);
  cp_error e = {0};
  cp_router *r = NULL, *s = NULL;
  assert_int_equal(cp_read_compiled_buffer("g.cpg", img, len, &back, &e), CP_OK);
  assert_int_equal(cp_router_new(g, &r, &e), CP_OK);
  assert_int_equal(cp_router_new(back, &s, &e), CP_OK);
  assert_true(s->borrowed && !r->borrowed && r->carried == s->carried);
  assert_memory_equal(r->out_start, s->out_start, (r->n + 1) * sizeof(size_t));
  assert_memory_equal(r->in_tr, s->in_tr, r->m * sizeof(size_t));
  assert_memory_equal(r->in_tail, s->in_tail, r->m * sizeof(uint32_t));
  assert_memory_equal(r->req_cred, s->req_cred, r->req_start[r->m] * sizeof(size_t));
  for (int c = 0; c < CP_CRITERION_COUNT; c++)
    for (size_t t = 0; t < r->m; t++)
      assert_weight_equal(r->w[c][t], s->w[c][t]);
  cp_router_free(s);
  assert_int_equal(cp_graph_add_role(back, "d", NULL, NULL, 1, 0, &at, &e), CP_OK);
  assert_int_equal(cp_router_new(back, &s, &e), CP_OK);
  assert_false(s->borrowed);
  assert_int_equal(s->n, 4);
  cp_router_free(s);
  cp_router_free(r);
  free(img);
  cp_graph_free(g);
  cp_graph_free(back);
}

/* Transitions are made on their first read; two threads reading them at once see each made
 * once and whole. */
typedef struct reading {
  const cp_graph *g;
  size_t sum;
} reading;

static void *read_all(void *arg) {
  reading *r = arg;
  for (size_t i = cp_graph_transition_count(r->g); i-- > 0;)
    r->sum += cp_graph_transition(r->g, i)->to * 7 + cp_graph_transition(r->g, i)->n_requires;
  return NULL;
}

static void transitions_made_on_first_read(void **state) {
  (void)state;
  cp_graph *g = full_graph(), *back = NULL;
  size_t len;
  char *img = compile(g, &len);
  cp_error e = {0};
  assert_int_equal(cp_read_compiled_buffer("g.cpg", img, len, &back, &e), CP_OK);
  reading a = {back, 0}, b = {back, 0}, want = {g, 0};
  pthread_t t;
  assert_int_equal(pthread_create(&t, NULL, read_all, &a), 0);
  read_all(&b);
  assert_int_equal(pthread_join(t, NULL), 0);
  read_all(&want);
  assert_int_equal(a.sum, want.sum);
  assert_int_equal(b.sum, want.sum);
  assert_graphs_equal(g, back);
  free(img);
  cp_graph_free(g);
  cp_graph_free(back);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_field_reads_back),
      cmocka_unit_test(loaded_graph_is_editable),
      cmocka_unit_test(file_is_told_by_magic),
      cmocka_unit_test(damaged_images_are_errors),
      cmocka_unit_test(resealed_lies_are_errors),
      cmocka_unit_test(router_arrays_read_in_place),
      cmocka_unit_test(transitions_made_on_first_read),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
