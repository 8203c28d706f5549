/* write.h: writing results safely (a temporary file renamed into place), never over an
 * input. */
#ifndef CP_CLI_WRITE_H
#define CP_CLI_WRITE_H

#include "report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The files a command reads: what no output of it may replace. Paths are borrowed, or owned
 * when added with cp_cli_inputs_own. */
enum { CP_CLI_MAX_INPUTS = 12 };
typedef struct cp_cli_inputs {
  const char *path[CP_CLI_MAX_INPUTS + 1]; /* NULL-terminated */
  char *own[CP_CLI_MAX_INPUTS];
  size_t n, n_own;
} cp_cli_inputs;

/* Registers `path` (NULL is ignored). */
void cp_cli_inputs_add(cp_cli_inputs *in, const char *path);
/* Registers a malloc'd path, freed by cp_cli_inputs_free. */
void cp_cli_inputs_own(cp_cli_inputs *in, char *path);
void cp_cli_inputs_free(cp_cli_inputs *in);

/* CP_EXIT_USAGE, with the message the writers give, when `path` is the same file (device and
 * inode) as one of `inputs` (NULL-terminated); NULL or "-" is stdout and never refused. */
int cp_cli_refuse_inputs(const cp_cli *c, const char *path, const char *const *inputs);

/* CP_EXIT_USAGE when outputs `a` and `b` are one file: the same device and inode, or, for
 * files not made yet, the same name in the same directory. Stdout is never refused. */
int cp_cli_refuse_clash(const cp_cli *c, const char *a, const char *b);

/* Writes `n` files that belong together (mobility build's roles and transitions): each
 * regular file is written to a temporary file beside it (fsync'd, ordinary permissions)
 * before any is renamed into place, in order, so a failure (a full disk) leaves every earlier
 * file as it was. NULL or "-" is c->out; a device or pipe (/dev/null) is written in place,
 * never replaced. Refuses any path that is one of `inputs`. */
int cp_cli_write_files(const cp_cli *c, size_t n, const char *const *paths, const char *const *data,
                       const size_t *lens, const char *const *inputs);
/* The same for one file. */
int cp_cli_write(const cp_cli *c, const char *path, const char *data, size_t len,
                 const char *const *inputs);

/* `file` in the directory of `path` ("out/roles.csv" for "out/t.csv"), malloc'd; NULL when
 * memory runs out. */
char *cp_cli_beside(const char *path, const char *file);

/* A stream writing into a malloc'd buffer, as open_memstream does, for output that may be
 * large: *buf and *len are set when it is closed (cp_cli_memstream_close; *buf is then
 * NUL-terminated and the caller's to free). NULL when memory runs out. */
FILE *cp_cli_buffer_open(char **buf, size_t *len);

/* Closes a stream from open_memstream or cp_cli_buffer_open. False when memory ran out writing to
 * it or closing it (glibc's fclose then returns 0 but leaves the buffer NULL); *buf is then freed
 * and NULL. */
bool cp_cli_memstream_close(FILE *f, char **buf);

#endif /* CP_CLI_WRITE_H */
