/* output.c: writing results safely (temporary file + rename) and formatting numbers. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int cp_cli_refuse_inputs(const cp_cli *c, const char *path, const char *const *inputs) {
  for (size_t i = 0; path && strcmp(path, "-") && inputs && inputs[i]; i++)
    if (same_file(path, inputs[i]))
      return cp_cli_fail(c, CP_EXIT_USAGE,
                         "output '%s' is the input file; refusing to overwrite it", path);
  return CP_EXIT_OK;
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
  size_t plen = strlen(path);
  char *t = malloc(plen + sizeof ".tmp.XXXXXX");
  if (!t)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  memcpy(t, path, plen);
  memcpy(t + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
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

int cp_cli_write_files(const cp_cli *c, size_t n, const char *const *paths, const char *const *data,
                       const size_t *lens, const char *const *inputs) {
  int code = CP_EXIT_OK;
  char **tmp = calloc(n ? n : 1, sizeof *tmp);
  bool *device = calloc(n ? n : 1, sizeof *device);
  if (!tmp || !device) {
    code = cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
    goto cleanup;
  }
  for (size_t i = 0; i < n && !code; i++) {
    if (!paths[i] || !strcmp(paths[i], "-"))
      continue;
    if ((code = cp_cli_refuse_inputs(c, paths[i], inputs)))
      break;
    struct stat sb;
    if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode))
      code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': it is a directory", paths[i]);
    else if (stat(paths[i], &sb) == 0 && !S_ISREG(sb.st_mode))
      device[i] = true;
  }
  /* Every regular file is written in full before any replaces its earlier self: a disk that
   * fills up on the second file leaves the first as it was too. */
  for (size_t i = 0; i < n && !code; i++)
    if (paths[i] && strcmp(paths[i], "-") && !device[i])
      code = stage(c, paths[i], data[i], lens[i], &tmp[i]);
  for (size_t i = 0; i < n && !code; i++) {
    if (tmp[i]) {
      if (rename(tmp[i], paths[i]) != 0)
        code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write '%s': %s", paths[i], strerror(errno));
      else {
        free(tmp[i]);
        tmp[i] = NULL;
      }
    } else if (device[i]) {
      code = write_in_place(c, paths[i], data[i], lens[i]);
    } else if (fwrite(data[i], 1, lens[i], c->out) != lens[i] || fflush(c->out) != 0) {
      code = cp_cli_fail(c, CP_EXIT_OUTPUT, "cannot write the output: %s", strerror(errno));
    }
  }
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

bool cp_cli_memstream_close(FILE *f, char **buf) {
  if (fclose(f) == 0 && *buf)
    return true;
  free(*buf);
  *buf = NULL;
  return false;
}

void cp_cli_number(double v, char *buf, size_t n) {
  if (isnan(v))
    snprintf(buf, n, "-");
  else
    snprintf(buf, n, "%g", v);
}

int cp_cli_draw(const cp_cli *c, const cp_graph *g, cp_render_options *ro, cp_out_format format,
                char **text, size_t *len) {
  cp_error e = {0};
  if (cp_graph_check_criterion(g, ro->label_by, NULL) != CP_OK)
    ro->label_by = CP_BY_STEPS;
  cp_format f = format == CP_OUT_SVG   ? CP_FORMAT_SVG
                : format == CP_OUT_PNG ? CP_FORMAT_PNG
                : format == CP_OUT_PDF ? CP_FORMAT_PDF
                                       : CP_FORMAT_DOT;
  cp_status st = cp_render(g, ro, f, text, len, &e);
  return cp_cli_status(c, st, &e);
}

void cp_cli_html_text(FILE *f, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&#39;", f); break;
    default: fputc(*s, f);
    }
  }
}

int cp_cli_html_page(const cp_cli *c, const char *title, const char *svg, const char *body,
                     char **out, size_t *len) {
  FILE *f = open_memstream(out, len);
  if (!f)
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  /* Graphviz's SVG opens with an XML declaration and a DOCTYPE that have no place inside
   * HTML: the page takes the <svg> element on. */
  const char *start = svg ? strstr(svg, "<svg") : NULL;
  /* Polyglot: HTML5 that is also well-formed XML, so that tools can parse it strictly. */
  fputs("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
        "<meta charset=\"utf-8\" />\n<title>",
        f);
  cp_cli_html_text(f, title);
  fputs("</title>\n<style>\n"
        "body{font-family:Helvetica,Arial,'Liberation Sans',Arimo,sans-serif;margin:2em}\n"
        "figure{margin:0;overflow-x:auto}\n"
        "table{border-collapse:collapse;margin-top:1.5em}\n"
        "th,td{border:1px solid #bbb;padding:.35em .6em;text-align:left;vertical-align:top}\n"
        "td.n{text-align:right}\n"
        "</style>\n</head>\n<body>\n<h1>",
        f);
  cp_cli_html_text(f, title);
  fputs("</h1>\n", f);
  if (start)
    fprintf(f, "<figure>\n%s</figure>\n", start);
  fputs(body ? body : "", f);
  fputs("</body>\n</html>\n", f);
  if (!cp_cli_memstream_close(f, out))
    return cp_cli_fail(c, CP_EXIT_INTERNAL, "out of memory");
  return CP_EXIT_OK;
}
