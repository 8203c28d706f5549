/* cli_test.h: running careerpath in-process for the CLI suites (test_cli_*.c), and checking
 * what it writes with -o. */
#ifndef CP_CLI_TEST_H
#define CP_CLI_TEST_H

#include "cli.h"
#include "cp_test.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct run_result {
  int code;
  char *out; /* all of stdout, NUL-terminated (binary formats may hold NULs: out_len) */
  size_t out_len;
  char *err;
} run_result;

#define SMALL CP_TEST_DATA "/small.gv"

/* The whole of `f`, malloc'd and NUL-terminated; closes it. */
static inline char *cli_test_slurp(FILE *f, size_t *len) {
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  long n = ftell(f);
  rewind(f);
  char *buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  if (len)
    *len = (size_t)n;
  return buf;
}

/* Runs `careerpath ARGS...` (args NULL-terminated); the result lives until the next run. */
static inline run_result *cli_run_list(const char *const *args) {
  static run_result r;
  char *argv[128] = {(char *)"careerpath"};
  int argc = 1;
  for (; args[argc - 1] && argc < 127; argc++)
    argv[argc] = (char *)args[argc - 1];
  /* Memory streams, not temporary files: a test that limits the size of files a run may
   * write (RLIMIT_FSIZE, as a full disk) must not cut what the test reads back. */
  free(r.out);
  free(r.err);
  r.out = r.err = NULL;
  size_t err_len = 0;
  FILE *out = open_memstream(&r.out, &r.out_len), *err = open_memstream(&r.err, &err_len);
  assert_non_null(out);
  assert_non_null(err);
  r.code = cp_cli_main(argc, argv, out, err);
  assert_int_equal(fclose(out), 0);
  assert_int_equal(fclose(err), 0);
  return &r;
}
#define run(...) cli_run_list((const char *const[]){__VA_ARGS__, NULL})

/* Command lines and what each must give: its exit code and a text its stderr holds. */
typedef struct cli_case {
  const char *args[16];
  int code;
  const char *err;
} cli_case;

static inline void cli_test_cases(const cli_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    run_result *r = cli_run_list(cases[i].args);
    if (r->code != cases[i].code)
      fail_msg("case %zu (%s): exit %d, wanted %d; stderr: %s", i, cases[i].args[0], r->code,
               cases[i].code, r->err);
    assert_contains(r->err, cases[i].err);
  }
}
#define check_cases(cases) cli_test_cases(cases, sizeof cases / sizeof *cases)

/* The text of every node matching `expr` in `doc` (prefixes h: XHTML, s: SVG), joined by
 * '|'. */
static inline void cli_test_xpath(xmlDocPtr doc, const char *expr, char *out, size_t n) {
  xmlXPathContextPtr xp = xmlXPathNewContext(doc);
  xmlXPathRegisterNs(xp, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
  xmlXPathRegisterNs(xp, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
  xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, xp);
  out[0] = '\0';
  for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
    xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
    if (i)
      strncat(out, "|", n - strlen(out) - 1);
    strncat(out, (const char *)t, n - strlen(out) - 1);
    xmlFree(t);
  }
  xmlXPathFreeObject(o);
  xmlXPathFreeContext(xp);
}

/* Frees what the last run kept (call at the end of main, for the leak checkers). */
static inline void cli_test_done(void) {
  run_result *r = cli_run_list((const char *const[]){"--version", NULL});
  free(r->out);
  free(r->err);
  r->out = r->err = NULL;
}

/* A fresh directory under /tmp; the caller removes it with cli_test_rmdir. */
static inline char *cli_test_dir(char *buf, size_t n) {
  snprintf(buf, n, "/tmp/cp-cli-test-XXXXXX");
  assert_non_null(mkdtemp(buf));
  return buf;
}

/* Removes `dir` and the files in it. */
static inline void cli_test_rmdir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *ent;
  char path[4096];
  while (d && (ent = readdir(d)))
    if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..")) {
      snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
      unlink(path);
    }
  if (d)
    closedir(d);
  rmdir(dir);
}

/* How many entries `dir` holds besides . and .. */
static inline size_t cli_test_count(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *ent;
  size_t n = 0;
  assert_non_null(d);
  while ((ent = readdir(d)))
    n += strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..");
  closedir(d);
  return n;
}

static inline char *cli_test_read(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    fail_msg("cannot open %s", path);
  return cli_test_slurp(f, len);
}

static inline void cli_test_write(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

/* Whether `path` holds exactly `len` bytes of `data`. */
static inline bool cli_test_holds(const char *path, const char *data, size_t len) {
  size_t n;
  char *got = cli_test_read(path, &n);
  bool same = n == len && memcmp(got, data, len) == 0;
  free(got);
  return same;
}

/* args + extra (both NULL-terminated) into `all`. */
static inline void cli_test_join(const char **all, size_t cap, const char *const *args,
                                 const char *const *extra) {
  size_t n = 0;
  for (size_t i = 0; args[i] && n + 1 < cap; i++)
    all[n++] = args[i];
  for (size_t i = 0; extra[i] && n + 1 < cap; i++)
    all[n++] = extra[i];
  all[n] = NULL;
}

/* -o for one command line (`args`, NULL-terminated, no -o; it exits `want`):
 * - with -o FILE nothing goes to stdout and FILE holds exactly what stdout would have, with
 *   ordinary permissions and no temporary file beside it;
 * - a later run that fails (a bad option, an output directory that does not exist, a write
 *   cut short by a file-size limit) exits 2 or 4 and leaves that FILE byte for byte. */
static inline void cli_test_output_option(int want, const char *const *args, const char *ext) {
  char dir[64], path[128], missing[160];
  const char *all[64];
  run_result *r = cli_run_list(args);
  if (r->code != want)
    fail_msg("%s: exit %d, wanted %d: %s", args[0], r->code, want, r->err);
  size_t len = r->out_len;
  char *expect = malloc(len + 1);
  assert_non_null(expect);
  memcpy(expect, r->out, len);
  cli_test_dir(dir, sizeof dir);
  snprintf(path, sizeof path, "%s/out.%s", dir, ext);
  cli_test_join(all, 64, args, (const char *const[]){"-o", path, NULL});
  r = cli_run_list(all);
  assert_int_equal(r->code, want);
  assert_int_equal(r->out_len, 0);
  if (!cli_test_holds(path, expect, len))
    fail_msg("%s -o: the file differs from stdout", args[0]);
  assert_int_equal(cli_test_count(dir), 1);
  struct stat sb;
  mode_t mask = umask(0);
  umask(mask);
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0666 & ~mask);
  /* A failed run: a bad option after the good ones. */
  cli_test_join(all, 64, args, (const char *const[]){"-o", path, "--no-such-option", NULL});
  r = cli_run_list(all);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_true(cli_test_holds(path, expect, len));
  /* A directory that does not exist. */
  snprintf(missing, sizeof missing, "%s/missing/out.%s", dir, ext);
  cli_test_join(all, 64, args, (const char *const[]){"-o", missing, NULL});
  r = cli_run_list(all);
  assert_int_equal(r->code, CP_EXIT_OUTPUT);
  assert_contains(r->err, "cannot write");
  /* A write cut short (as by a full disk): EFBIG past half the file's size. */
  if (len >= 512) {
    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small.rlim_cur = len / 2;
    small.rlim_max = old.rlim_max;
    void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
    cli_test_join(all, 64, args, (const char *const[]){"-o", path, NULL});
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    r = cli_run_list(all);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, previous);
    assert_int_equal(r->code, CP_EXIT_OUTPUT);
  }
  assert_true(cli_test_holds(path, expect, len));
  assert_int_equal(cli_test_count(dir), 1);
  free(expect);
  cli_test_rmdir(dir);
}
#define check_output_option(want, ext, ...)                                                        \
  cli_test_output_option(want, (const char *const[]){__VA_ARGS__, NULL}, ext)

#endif /* CP_CLI_TEST_H */
