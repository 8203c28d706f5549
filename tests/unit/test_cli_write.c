/* test_cli_write.c: how outputs are written (write.c) and which files no output may replace
 * (the driver's registry of inputs): devices in place, full disks, inputs found beside a
 * graph. */
#include "cli_test.h"
#include "write.h"

#include <unistd.h>

/* Devices are written in place, never replaced by a rename; a full disk is exit 4 with the
 * earlier file left byte for byte and no temporary file behind. */
static void full_disks_and_devices_leave_outputs_intact(void **state) {
  (void)state;
  struct stat sb;
  run_result *r = run("route", SMALL, "--from", "a", "--to", "d", "-o", "/dev/null");
  assert_int_equal(r->code, 0);
  assert_int_equal(stat("/dev/null", &sb), 0);
  assert_true(S_ISCHR(sb.st_mode));
  if (stat("/dev/full", &sb) == 0) {
    r = run("route", SMALL, "--from", "a", "--to", "d", "-o", "/dev/full");
    assert_int_equal(r->code, CP_EXIT_OUTPUT);
    assert_contains(r->err, "cannot write '/dev/full'");
    assert_int_equal(stat("/dev/full", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
  }
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  r = run("route", SMALL, "--from", "a", "--to", "d", "-o", dir);
  assert_int_equal(r->code, CP_EXIT_OUTPUT);
  assert_contains(r->err, "it is a directory");
  /* A file-size limit makes write() fail part way, as a full disk does. */
  snprintf(path, sizeof path, "%s/map.svg", dir);
  cli_test_write(path, "earlier good drawing\n");
  struct rlimit old, small = {0};
  assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
  small.rlim_cur = 4096;
  small.rlim_max = old.rlim_max;
  void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
  assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
  r = run("render", "-o", path); /* the built-in map: far over 4 KiB */
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, previous);
  assert_int_equal(r->code, CP_EXIT_OUTPUT);
  assert_contains(r->err, "cannot write");
  assert_true(cli_test_holds(path, "earlier good drawing\n", 21));
  assert_int_equal(cli_test_count(dir), 1);
  cli_test_rmdir(dir);
}

/* A directory holding a CSV graph with roles.csv and credentials.csv beside it, a batch file
 * and a credentials-held file. */
static void inputs_fixture(char *dir, size_t n) {
  char path[256];
  cli_test_dir(dir, n);
  static const char *const files[][2] = {
      {"t.csv", "from,to,months,requires\nsa,da,6,SQL\nda,ci,18,MS\n"},
      {"roles.csv", "id,label\nsa,Systems Analyst\nda,Data Analyst\nci,Informaticist\n"},
      {"credentials.csv", "name,months,cost\nSQL,2,500\nMS,24,35000\n"},
      {"q.csv", "from,to\nsa,ci\n"},
      {"have.txt", "SQL\n"},
      {"other-roles.csv", "id,label\nsa,SA\nda,DA\nci,CI\n"},
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
    cli_test_write(path, files[i][1]);
  }
}

/* Every file a command reads, given or found beside the graph, is refused as an output
 * (exit 2, before any work) and stays byte for byte. */
static void no_output_replaces_an_input(void **state) {
  (void)state;
  char dir[64], t[128], q[128], have[128], other[128], target[160];
  inputs_fixture(dir, sizeof dir);
  snprintf(t, sizeof t, "%s/t.csv", dir);
  snprintf(q, sizeof q, "%s/q.csv", dir);
  snprintf(have, sizeof have, "%s/have.txt", dir);
  snprintf(other, sizeof other, "%s/other-roles.csv", dir);
  static const char *const targets[] = {"t.csv", "roles.csv", "credentials.csv", "q.csv",
                                        "have.txt"};
  for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
    snprintf(target, sizeof target, "%s/%s", dir, targets[i]);
    size_t len;
    char *before = cli_test_read(target, &len);
    const char *const lines[][14] = {
        {"route", t, "--from", "sa", "--to", "ci", "--have-file", have, "-o", target, NULL},
        {"route", t, "--batch", q, "--have-file", have, "-o", target, NULL},
        {"render", t, "--format", "dot", "-o", target, NULL},
        {"stats", t, "-o", target, NULL},
    };
    for (size_t j = 0; j < sizeof lines / sizeof *lines; j++) {
      bool reads = strcmp(targets[i], "q.csv") || j == 1;
      reads &= strcmp(targets[i], "have.txt") || j < 2;
      if (!reads)
        continue;
      run_result *r = cli_run_list(lines[j]);
      if (r->code != CP_EXIT_USAGE)
        fail_msg("%s -o %s: exit %d", lines[j][0], targets[i], r->code);
      /* A .csv name a command cannot write is refused for that first (exit 2 alike). */
      if (!strstr(r->err, "names a csv file"))
        assert_contains(r->err, "is the input file; refusing to overwrite it");
      assert_true(cli_test_holds(target, before, len));
    }
    free(before);
  }
  /* With --roles given, roles.csv beside the graph is not read: it may be written. */
  snprintf(target, sizeof target, "%s/roles.csv", dir);
  run_result *r = run("stats", t, "--roles", other, "-o", target);
  assert_int_equal(r->code, 0);
  r = run("stats", t, "--roles", other, "-o", other);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  /* A DOT graph reads nothing beside it. */
  snprintf(target, sizeof target, "%s/credentials.csv", dir);
  r = run("stats", SMALL, "-o", target);
  assert_int_equal(r->code, 0);
  cli_test_rmdir(dir);
}

/* -o's extension picks the format when --format is not given; a --format it contradicts,
 * or an extension the command cannot write, is a usage error and nothing is written. */
static void the_file_name_picks_the_format(void **state) {
  (void)state;
  char dir[64], path[128];
  cli_test_dir(dir, sizeof dir);
  static const struct {
    const char *cmd, *name, *starts;
  } named[] = {
      {"route", "plan.html", "<!DOCTYPE html>"}, {"route", "plan.JSON", "{"},
      {"route", "plan.txt", "Fastest route"},    {"route", "plan.svg", "<?xml"},
      {"route", "plan.gv", "digraph"},           {"render", "map.pdf", "%PDF-"},
      {"render", "map.png", "\x89PNG"},          {"stats", "stats.csv", "measure"},
  };
  for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, named[i].name);
    run_result *r = strcmp(named[i].cmd, "route")
                        ? run(named[i].cmd, SMALL, "-o", path)
                        : run("route", SMALL, "--from", "a", "--to", "e", "-o", path);
    if (r->code)
      fail_msg("%s -o %s: exit %d: %s", named[i].cmd, named[i].name, r->code, r->err);
    size_t len;
    char *got = cli_test_read(path, &len);
    if (len < strlen(named[i].starts) || memcmp(got, named[i].starts, strlen(named[i].starts)))
      fail_msg("%s -o %s wrote %.20s...", named[i].cmd, named[i].name, got);
    free(got);
  }
  snprintf(path, sizeof path, "%s/x.pdf", dir);
  run_result *r = run("route", SMALL, "--from", "a", "--to", "e", "--format", "svg", "-o", path);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "--format svg, but -o");
  assert_contains(r->err, "names a pdf file");
  assert_int_equal(access(path, F_OK), -1);
  snprintf(path, sizeof path, "%s/x.csv", dir);
  r = run("route", SMALL, "--from", "a", "--to", "e", "-o", path);
  assert_int_equal(r->code, CP_EXIT_USAGE);
  assert_contains(r->err, "names a csv file, which this command does not write");
  /* The same format named twice, or a name with no known extension: as asked. */
  snprintf(path, sizeof path, "%s/x.svg", dir);
  assert_int_equal(run("render", SMALL, "--format", "svg", "-o", path)->code, 0);
  snprintf(path, sizeof path, "%s/answer.out", dir);
  assert_int_equal(run("route", SMALL, "--from", "a", "--to", "e", "-o", path)->code, 0);
  size_t len;
  char *got = cli_test_read(path, &len);
  assert_true(len > 0 && got[0] != '{' && got[0] != '<');
  free(got);
  cli_test_rmdir(dir);
}

/* What is written to a buffer stream is what it holds once closed, however it was cut into
 * writes and however often the buffer grew; nothing written is an empty string. */
static void a_buffer_stream_holds_every_byte_written(void **state) {
  (void)state;
  char *buf = (char *)1;
  size_t len = 7;
  FILE *f = cp_cli_buffer_open(&buf, &len);
  assert_non_null(f);
  assert_true(cp_cli_memstream_close(f, &buf));
  assert_int_equal(len, 0);
  assert_string_equal(buf, "");
  free(buf);
  enum { BYTES = 3 << 20 };
  char *want = malloc(BYTES);
  assert_non_null(want);
  for (size_t i = 0; i < BYTES; i++)
    want[i] = (char)('a' + (i * 7 + i / 4099) % 26);
  assert_non_null(f = cp_cli_buffer_open(&buf, &len));
  for (size_t at = 0, step = 1; at < BYTES; at += step, step = step * 3 % 10007 + 1)
    fwrite(want + at, 1, at + step <= BYTES ? step : BYTES - at, f);
  fprintf(f, "%s", "end");
  assert_true(cp_cli_memstream_close(f, &buf));
  assert_int_equal(len, BYTES + 3);
  assert_memory_equal(buf, want, BYTES);
  assert_string_equal(buf + BYTES, "end");
  free(buf);
  free(want);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(full_disks_and_devices_leave_outputs_intact),
      cmocka_unit_test(a_buffer_stream_holds_every_byte_written),
      cmocka_unit_test(no_output_replaces_an_input),
      cmocka_unit_test(the_file_name_picks_the_format),
  };
  int rc = CP_RUN(tests, argc, argv);
  cli_test_done();
  return rc;
}
