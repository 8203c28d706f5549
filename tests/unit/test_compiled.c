/* test_compiled.c: a compiled graph image reads back as the graph compiled, field by field;
 * a damaged image is an error naming what is wrong, never a crash. */
#include "cp_test.h"

#include "compiled_format.h"

#include <math.h>
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

/* Sets the checksum right, so that a change reaches the checks behind it. */
static void reseal(char *img, size_t len) {
  uint64_t sum = XXH3_64bits(img + CPG_CHECKED_FROM, len - CPG_CHECKED_FROM);
  memcpy(img + offsetof(cpg_header, checksum), &sum, sizeof sum);
}

static void expect_error(const char *img, size_t len, const char *what) {
  cp_graph *g = NULL;
  cp_error e = {0};
  assert_int_equal(cp_read_compiled_buffer("bad.cpg", img, len, &g, &e), CP_EPARSE);
  assert_null(g);
  assert_contains(e.message, "bad.cpg: ");
  assert_contains(e.message, what);
}

static void damaged_images_are_errors(void **state) {
  (void)state;
  cp_graph *g = full_graph();
  size_t len;
  char *img = compile(g, &len), *bad = malloc(len);
  for (size_t cut = 0; cut < len; cut++)
    expect_error(img, cut, cut < CPG_MAGIC_BYTES ? "bad magic" : "truncated");
  for (size_t i = 0; i < len; i++) {
    memcpy(bad, img, len);
    bad[i] ^= 0x40;
    expect_error(bad, len,
                 i < 8    ? "bad magic"
                 : i < 12 ? "version"
                 : i < 16 ? "byte order"
                 : i < 24 ? "bytes"
                          : "checksum");
  }
  memcpy(bad, img, len);
  bad[offsetof(cpg_header, version)] = 2;
  reseal(bad, len);
  expect_error(bad, len, "version 2; this careerpath reads version 1");
  free(img);
  free(bad);
  cp_graph_free(g);
}

/* With the checksum made right, every offset and count is still checked. */
static void resealed_lies_are_errors(void **state) {
  (void)state;
  cp_graph *g = full_graph();
  size_t len;
  char *img = compile(g, &len), *bad = malloc(len);
  cpg_header h;
  uint32_t id0;
  memcpy(&h, img, sizeof h);
  memcpy(&id0, img + h.offset[CPG_ROLES] + offsetof(cpg_role, id), sizeof id0);
  const struct {
    size_t at;
    uint64_t value;
    size_t bytes;
    const char *what;
  } lies[] = {
      {offsetof(cpg_header, offset) + 8 * CPG_ROLES, 4, 8, "roles section"},
      {offsetof(cpg_header, count) + 8 * CPG_TRANSITIONS, 1u << 30, 8, "transitions section"},
      {offsetof(cpg_header, offset) + 8 * CPG_STRINGS, len, 8, "strings section"},
      {offsetof(cpg_header, name), 1u << 30, 4, "string offset"},
      {offsetof(cpg_header, graph_attrs), 1000, 4, "graph's attributes"},
      {h.offset[CPG_TRANSITIONS] + offsetof(cpg_transition, to), 3, 4, "names role 3"},
      {h.offset[CPG_TRANSITIONS] + offsetof(cpg_transition, n_req), 99, 4, "requirements"},
      {h.offset[CPG_TRANSITIONS] + offsetof(cpg_transition, has), 0x10, 4, "bad weights"},
      {h.offset[CPG_ROLES] + sizeof(cpg_role) + offsetof(cpg_role, id), id0, 4, "duplicate role"},
      {h.offset[CPG_ROLES] + offsetof(cpg_role, n_attrs), 77, 4, "attributes"},
      {h.offset[CPG_STRINGS] + h.count[CPG_STRINGS] - 1, 'x', 1, "NUL-terminated"},
      {h.offset[CPG_OUT_HEAD], 3, 4, "router's arrays"},
      {h.offset[CPG_IN_TR] + 8, 4, 8, "router's arrays"},
      {h.offset[CPG_OUT_START] + 8, 9, 8, "router's arrays"},
      {h.offset[CPG_W_COST], 0xbff0000000000000u, 8, "router's arrays"}, /* -1 */
      {h.offset[CPG_REQ_CRED], 2, 8, "router's arrays"},
      {offsetof(cpg_header, carried), 0, 4, "router's arrays"},
      {offsetof(cpg_header, count) + 8 * CPG_W_EFFORT, 3, 8, "router section"},
  };
  for (size_t i = 0; i < sizeof lies / sizeof lies[0]; i++) {
    memcpy(bad, img, len);
    memcpy(bad + lies[i].at, &lies[i].value, lies[i].bytes);
    reseal(bad, len);
    expect_error(bad, len, lies[i].what);
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_field_reads_back),   cmocka_unit_test(loaded_graph_is_editable),
      cmocka_unit_test(file_is_told_by_magic),    cmocka_unit_test(damaged_images_are_errors),
      cmocka_unit_test(resealed_lies_are_errors), cmocka_unit_test(router_arrays_read_in_place),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
