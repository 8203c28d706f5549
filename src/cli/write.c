/* write.c: writing results safely: stage to a temporary file, then rename; inputs never
 * overwritten. */
#define _GNU_SOURCE /* fopencookie */
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cp_cli_inputs_add(cp_cli_inputs *in, const char *path) {
  if (path && in->n < CP_CLI_MAX_INPUTS)
    in->path[in->n++] = path;
  in->path[in->n] = NULL;
}

void cp_cli_inputs_own(cp_cli_inputs *in, char *path) {
  if (!path || in->n_own == CP_CLI_MAX_INPUTS) {
    free(path);
    return;
  }
  in->own[in->n_own++] = path;
  cp_cli_inputs_add(in, path);
}

void cp_cli_inputs_free(cp_cli_inputs *in) {
  for (size_t i = 0; i < in->n_own; i++)
    free(in->own[i]);
  in->n = in->n_own = 0;
  in->path[0] = NULL;
}

/* Writes all of `data` to `fd`; false with errno set when it cannot. */
static bool write_all(int fd, const char *data, size_t len) {
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = EIO;
      return false;
    }
    done += (size_t)n;
  }
  return true;
}

static bool same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool is_stdout(const char *path) { return !path || !strcmp(path, "-"); }

/* The directory part of `path` ("." when it has none) and its last component. */
static bool stat_parent(const char *path, struct stat *sb, const char **base) {
  const char *slash = strrchr(path, '/');
  *base = slash ? slash + 1 : path;
  if (!slash)
    return stat(".", sb) == 0;
  char *dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
  bool ok = dir && stat(dir, sb) == 0;
  free(dir);
  return ok;
}

/* Whether two outputs name one file: the same inode, or, for files not made yet, the same
 * name in the same directory. */
static bool same_target(const char *a, const char *b) {
  struct stat da, db;
  const char *ba, *bb;
  if (same_file(a, b))
    return true;
  return stat_parent(a, &da, &ba) && stat_parent(b, &db, &bb) && da.st_dev == db.st_dev &&
         da.st_ino == db.st_ino && !strcmp(ba, bb);
}

int cp_cli_refuse_inputs(const cp_cli *c, const char *path, const char *const *inputs) {
  for (size_t i = 0; path && strcmp(path, "-") && inputs && inputs[i]; i++)
    if (same_file(path, inputs[i]))
      return cp_cli_fail(c, CP_EXIT_USAGE,
                         "output '%s' is the input file; refusing to overwrite it", path);
  return CP_EXIT_OK;
}

int cp_cli_refuse_clash(const cp_cli *c, const char *a, const char *b) {
  if (is_stdout(a) || is_stdout(b) || !same_target(a, b))
    return CP_EXIT_OK;
  return cp_cli_fail(c, CP_EXIT_USAGE,
                     "outputs '%s' and '%s' are the same file; refusing to "
                     "write one over the other",
                     a, b);
}

/* Writes a device or pipe in place: renaming over /dev/null would put a plain file where the
 * device was. */
static int write_in_place(const cp_cli *c, const char *path, const char *data, size_t len) {
  int fd = open(path, O_WRONLY | O_TRUNC);
  if (fd < 0)
    return cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
  bool ok = write_all(fd, data, len);
  int saved = errno;
  if (close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok)
    return cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(saved));
  return CP_EXIT_OK;
}

/* Writes `data` to a new temporary file beside `path` (so that rename() is atomic) and sets
 * *tmp to its name; on failure no temporary file is left. */
static int stage(const cp_cli *c, const char *path, const char *data, size_t len, char **tmp) {
  int code = CP_EXIT_OK;
  /* A name of its own, not PATH + a suffix: a PATH of the longest name a directory allows must
   * work too. */
  char *t = cp_cli_beside(path, ".careerpath.XXXXXX");
  if (!t)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  int fd = mkstemp(t);
  if (fd < 0) {
    code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
    free(t);
    return code;
  }
  if (!write_all(fd, data, len))
    code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
  /* fsync so that a crash after rename cannot leave an empty file in place of a good one. */
  if (code == CP_EXIT_OK && fsync(fd) != 0)
    code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
  if (close(fd) != 0 && code == CP_EXIT_OK)
    code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
  if (code == CP_EXIT_OK) {
    /* mkstemp makes the file 0600; an output is an ordinary file. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(t, 0666 & ~mask);
    *tmp = t;
  } else {
    unlink(t);
    free(t);
  }
  return code;
}

/* Before anything is written: no path is an input or a directory; devices and pipes are
 * marked, to be written in place. */
static int check_targets(const cp_cli *c, size_t n, const char *const *paths,
                         const char *const *inputs, bool *device) {
  for (size_t i = 0; i < n; i++) {
    struct stat sb;
    int code;
    if (is_stdout(paths[i]))
      continue;
    if ((code = cp_cli_refuse_inputs(c, paths[i], inputs)))
      return code;
    for (size_t j = 0; j < i; j++)
      if ((code = cp_cli_refuse_clash(c, paths[j], paths[i])))
        return code;
    if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode))
      return cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': it is a directory", paths[i]);
    device[i] = stat(paths[i], &sb) == 0 && !S_ISREG(sb.st_mode);
  }
  return CP_EXIT_OK;
}

/* Renames each staged file into place, in order; writes devices in place and stdout. */
static int commit(const cp_cli *c, size_t n, const char *const *paths, const char *const *data,
                  const size_t *lens, const bool *device, char **tmp) {
  for (size_t i = 0; i < n; i++) {
    if (tmp[i]) {
      if (rename(tmp[i], paths[i]) != 0)
        return cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", paths[i], strerror(errno));
      free(tmp[i]);
      tmp[i] = NULL;
    } else if (device[i]) {
      int code = write_in_place(c, paths[i], data[i], lens[i]);
      if (code)
        return code;
    } else if (fwrite(data[i], 1, lens[i], c->out) != lens[i] || fflush(c->out) != 0) {
      return cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output: %s", strerror(errno));
    }
  }
  return CP_EXIT_OK;
}

int cp_cli_write_files(const cp_cli *c, size_t n, const char *const *paths, const char *const *data,
                       const size_t *lens, const char *const *inputs) {
  int code = CP_EXIT_OK;
  char **tmp = calloc(n ? n : 1, sizeof *tmp);
  bool *device = calloc(n ? n : 1, sizeof *device);
  if (!tmp || !device) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
    goto cleanup;
  }
  code = check_targets(c, n, paths, inputs, device);
  /* Every regular file is written in full before any replaces its earlier self: a disk that
   * fills up on the second file leaves the first as it was too. */
  for (size_t i = 0; i < n && !code; i++)
    if (!is_stdout(paths[i]) && !device[i])
      code = stage(c, paths[i], data[i], lens[i], &tmp[i]);
  if (!code)
    code = commit(c, n, paths, data, lens, device, tmp);
cleanup:
  for (size_t i = 0; tmp && i < n; i++)
    if (tmp[i]) {
      unlink(tmp[i]);
      free(tmp[i]);
    }
  free(tmp);
  free(device);
  return code;
}

int cp_cli_write(const cp_cli *c, const char *path, const char *data, size_t len,
                 const char *const *inputs) {
  return cp_cli_write_files(c, 1, &path, &data, &len, inputs);
}

/* The buffer behind cp_cli_buffer_open: grown by realloc, which moves a big block by
 * remapping its pages, where glibc's memstream copies it and zero-fills the new half. */
typedef struct buffer {
  char **buf;
  size_t *len, cap;
  bool failed;
} buffer;

static ssize_t buffer_write(void *cookie, const char *data, size_t size) {
  buffer *b = cookie;
  if (*b->len + size + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < *b->len + size + 1)
      cap *= 2;
    char *grown = realloc(*b->buf, cap);
    if (!grown) {
      b->failed = true;
      return -1;
    }
    *b->buf = grown;
    b->cap = cap;
  }
  memcpy(*b->buf + *b->len, data, size);
  *b->len += size;
  return (ssize_t)size;
}

static int buffer_close(void *cookie) {
  buffer *b = cookie;
  if (!b->failed && !*b->buf)
    b->failed = !(*b->buf = malloc(1));
  if (b->failed) {
    free(*b->buf);
    *b->buf = NULL;
  } else {
    (*b->buf)[*b->len] = '\0';
  }
  free(b);
  return 0;
}

FILE *cp_cli_buffer_open(char **buf, size_t *len) {
  buffer *b = malloc(sizeof *b);
  if (!b)
    return NULL;
  *buf = NULL;
  *len = 0;
  *b = (buffer){buf, len, 0, false};
  FILE *f =
      fopencookie(b, "w", (cookie_io_functions_t){.write = buffer_write, .close = buffer_close});
  if (!f)
    free(b);
  return f;
}

bool cp_cli_memstream_close(FILE *f, char **buf) {
  if (fclose(f) == 0 && *buf)
    return true;
  free(*buf);
  *buf = NULL;
  return false;
}

char *cp_cli_beside(const char *path, const char *file) {
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(file);
  char *p = malloc(dir + n + 1);
  if (p) {
    memcpy(p, path, dir);
    memcpy(p + dir, file, n + 1);
  }
  return p;
}
