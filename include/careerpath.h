/* careerpath.h: the one public header of the careerpath library (career path graphs). */
#ifndef CAREERPATH_H
#define CAREERPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Rules that hold for every call below:
 * - Functions return a cp_status; CP_OK is 0. Results come back through out-parameters,
 *   which are left untouched on failure.
 * - An optional `cp_error *err` receives a one-line message naming the file, line (or
 *   role/edge) and what is wrong; pass NULL when the code alone is enough.
 * - Whatever a call allocates into an out-parameter belongs to the caller and is released
 *   with the matching _free function; every _free accepts NULL.
 * - Strings returned by accessors are borrowed: they live as long as the object they came
 *   from.
 * - The library never prints and never exits.
 */

typedef enum cp_status {
  CP_OK = 0,
  CP_ENOMEM,     /* out of memory */
  CP_EIO,        /* a file could not be opened, read or written */
  CP_EPARSE,     /* a file's syntax is wrong (quoting, DOT grammar, encoding) */
  CP_EINVAL,     /* a value is wrong (negative weight, duplicate id, bad argument) */
  CP_ENOTFOUND,  /* a role name matches no role */
  CP_EAMBIGUOUS, /* a role name matches several roles */
  CP_ENOCRIT,    /* the graph does not carry the criterion asked for */
  CP_EGRAPH,     /* igraph reported an error */
  CP_ERENDER,    /* Graphviz could not lay out or render */
  CP_ELIMIT,     /* a size limit was reached (documented where it applies) */
  CP_STATUS_COUNT
} cp_status;

/* The largest input the readers accept (docs/formats.md). Past one, a reader fails with
 * CP_ELIMIT and a message naming the file, the line (DOT: the role or edge, and the line
 * where it can be found) and the limit. Research-scale graphs fit with room to spare: the
 * benchmarks load 200,000 roles and 2,000,000 transitions. */
enum {
  CP_MAX_LINE_BYTES = 1 << 20,    /* one line of a CSV or DOT file, without its line end */
  CP_MAX_FIELD_BYTES = 1 << 16,   /* one CSV field, or one DOT attribute value */
  CP_MAX_NAME_BYTES = 1024,       /* a role id or label */
  CP_MAX_ROLES = 10000000,        /* roles in a graph (router indices are 32-bit) */
  CP_MAX_TRANSITIONS = 100000000, /* transitions in a graph (about 20 GB of memory) */
};

/* A short, static description of a status code; never NULL. */
const char *cp_strerror(cp_status status);

enum { CP_ERROR_MESSAGE_MAX = 1024 };

typedef struct cp_error {
  cp_status status;
  char message[CP_ERROR_MESSAGE_MAX]; /* one line, no trailing newline */
} cp_error;

/* Installs igraph's and Graphviz's error handlers so that their failures come back as
 * statuses instead of aborting. Idempotent; every entry point calls it, so applications
 * need not. */
void cp_init(void);

/* ---- The model -------------------------------------------------------------------- */

typedef enum cp_criterion {
  CP_BY_STEPS = 0, /* fewest transitions */
  CP_BY_MONTHS,
  CP_BY_COST,
  CP_BY_EFFORT,
  CP_CRITERION_COUNT
} cp_criterion;

/* "steps", "months", "cost", "effort". */
const char *cp_criterion_name(cp_criterion c);
/* Writes money as a person reads it: "$12,500" (whole units, grouped by thousands); from
 * 10^18 on "$1.23e+20"; NaN, a missing figure, as "-"; an infinite total as "infinite". Every
 * figure fits CP_MONEY_BYTES: a buffer that size never cuts one (a smaller one truncates). */
enum { CP_MONEY_BYTES = 32 };
void cp_format_money(double v, char *buf, size_t n);
/* The one rule for counts in words: `one` when n is 1, else `many` ("1 step", "2 steps",
 * "0 rows"). Every count the program writes goes through it. */
const char *cp_plural(double n, const char *one, const char *many);

/* ---- Text: bounded copies that never cut a UTF-8 character ------------------------- */

/* The bytes of the longest prefix of `s` (NUL-terminated) that is at most `max` bytes and does
 * not end inside a UTF-8 sequence. O(min(max, strlen(s))). */
size_t cp_utf8_fit(const char *s, size_t max);
/* Copies into `dst` (`cap` bytes, NUL-terminated when cap > 0) as much of `src` as fits
 * without cutting a character; returns the bytes copied. `dst` may be `src`. */
size_t cp_utf8_copy(char *dst, size_t cap, const char *src);
/* snprintf, but a result cut to fit `cap` is cut back to a whole character. Returns what
 * snprintf returns (the untruncated length). */
int cp_format_bounded(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether `c` is a C0 control character or DEL (never valid in XML 1.0 but for tab, line
 * feed and carriage return, and a terminal escape when printed raw). */
int cp_is_control(unsigned char c);
/* The first control character in `s` (tab, LF and CR allowed when `allow_lines`), or NULL. */
const char *cp_find_control(const char *s, int allow_lines);
/* Copies `msg` into `out` (`cap` bytes) as one line a terminal shows as it is: line breaks
 * and tabs become spaces, other control characters (a terminal escape's ESC) a visible \xHH,
 * and a message too long is cut at a whole UTF-8 character. Every message careerpath prints
 * goes through it (cp_error's, the CLI's). */
void cp_visible_line(char *out, size_t cap, const char *msg);

/* The one case-folding rule for names careerpath matches without regard to case
 * (credentials, criteria, column headers): ASCII letters only, whatever the locale; other
 * bytes compare as they are. strcmp-like result. */
int cp_strcasecmp_ascii(const char *a, const char *b);
/* Whether `s` ends with `suffix` under that rule (file extensions: ".csv", ".GV"). */
int cp_has_suffix(const char *s, const char *suffix);

/* Parses a criterion name; CP_EINVAL for an unknown one. */
cp_status cp_criterion_parse(const char *name, cp_criterion *out);

typedef struct cp_attr {
  char *key;
  char *value;
} cp_attr;

typedef struct cp_role {
  char *id;       /* unique, as written in the source */
  char *label;    /* display name; the id when the source gives none */
  char *domain;   /* "" when the source gives none */
  int level;      /* 0 when the source gives none; otherwise 1 (entry) .. 5 (executive) */
  cp_attr *attrs; /* further attributes, in source order */
  size_t n_attrs;
  size_t line; /* line in the source file, 0 when unknown (DOT) */
} cp_role;

/* Bits of cp_transition.has: which weights the source gave. A transition that gives no months
 * but a `median_months` attribute (a graph built from career histories) takes that as its
 * months, with CP_MONTHS_MEDIAN set: routes, rankings and validation then use it, and say the
 * figures are medians. */
enum {
  CP_HAS_MONTHS = 1u << 0,
  CP_HAS_COST = 1u << 1,
  CP_HAS_EFFORT = 1u << 2,
  CP_MONTHS_MEDIAN = 1u << 3
};

typedef struct cp_transition {
  size_t from, to; /* role indices */
  double months;   /* >= 0 */
  double cost;     /* >= 0, money */
  double effort;   /* 1..5 */
  unsigned has;    /* CP_HAS_* bits */
  char **requires; /* credentials or skills the move needs */
  size_t n_requires;
  char *note;   /* "" when absent */
  char *source; /* "" when absent: where the figures come from */
  cp_attr *attrs;
  size_t n_attrs;
  size_t line; /* line in the source file, 0 when unknown (DOT) */
} cp_transition;

typedef struct cp_graph cp_graph;

/* An empty graph named `name` (a file name, used in messages). Fails only with
 * CP_ENOMEM. Free with cp_graph_free. */
cp_status cp_graph_new(const char *name, cp_graph **out);
void cp_graph_free(cp_graph *g);

/* Adds a role; `label` NULL or "" means the id, `domain` NULL means "". Fails with
 * CP_EINVAL (message names the role) for an empty or duplicate id or invalid UTF-8.
 * `out_index` may be NULL. */
cp_status cp_graph_add_role(cp_graph *g, const char *id, const char *label, const char *domain,
                            int level, size_t line, size_t *out_index, cp_error *err);
/* Adds or replaces a further attribute of role `role`. */
cp_status cp_graph_set_role_attr(cp_graph *g, size_t role, const char *key, const char *value,
                                 cp_error *err);

/* What a transition carries before it is added; the graph copies every string. */
typedef struct cp_transition_spec {
  double months, cost, effort;
  unsigned has;         /* CP_HAS_* bits for the weights that are set */
  const char *requires; /* ';'-separated list, or NULL */
  const char *note;     /* or NULL */
  const char *source;   /* or NULL */
  const cp_attr *attrs; /* further attributes, or NULL */
  size_t n_attrs;
  size_t line;
} cp_transition_spec;

/* Adds a transition between two existing roles. Fails with CP_EINVAL, the message naming
 * the edge, for an out-of-range role, a negative, NaN or infinite weight, or an effort
 * outside 1..5. */
cp_status cp_graph_add_transition(cp_graph *g, size_t from, size_t to,
                                  const cp_transition_spec *spec, cp_error *err);

const char *cp_graph_name(const cp_graph *g);
/* Whether some transition's months are the median_months observed in career histories (see
 * CP_MONTHS_MEDIAN): what reports months should then say they are medians. */
int cp_graph_months_are_medians(const cp_graph *g);
/* Graph-level attributes (DOT `graph [label=..., source=...]`): the value, borrowed, or NULL
 * when absent. Setting copies; fails only with CP_ENOMEM. */
const char *cp_graph_attr(const cp_graph *g, const char *key);
cp_status cp_graph_set_attr(cp_graph *g, const char *key, const char *value);
size_t cp_graph_role_count(const cp_graph *g);
size_t cp_graph_transition_count(const cp_graph *g);
/* Borrowed; NULL when out of range. */
const cp_role *cp_graph_role(const cp_graph *g, size_t index);
const cp_transition *cp_graph_transition(const cp_graph *g, size_t index);
/* Exact, case-sensitive id lookup: CP_ENOTFOUND when absent (no message). */
cp_status cp_graph_role_index(const cp_graph *g, const char *id, size_t *out);

/* A credential of the graph's catalogue: what earning it takes. A transition that requires
 * a credential the person already holds costs that much less (see cp_query.have). */
typedef struct cp_credential {
  char *name;    /* as written in transitions' `requires` */
  double months; /* >= 0 */
  double cost;   /* >= 0 */
  char *source;  /* "" when absent */
} cp_credential;

/* Adds a catalogue entry; CP_EINVAL for a duplicate name (any case) or a bad figure. */
cp_status cp_graph_add_credential(cp_graph *g, const char *name, double months, double cost,
                                  const char *source, cp_error *err);
size_t cp_graph_credential_count(const cp_graph *g);
/* Borrowed; NULL when out of range. */
const cp_credential *cp_graph_credential(const cp_graph *g, size_t index);
/* Case-insensitive lookup; CP_ENOTFOUND with the known names in the message. */
cp_status cp_graph_find_credential(const cp_graph *g, const char *name, size_t *out, cp_error *err);

/* Whether every transition carries the criterion (steps always is). When one does not,
 * CP_ENOCRIT and a message naming the first transition without it. */
cp_status cp_graph_check_criterion(const cp_graph *g, cp_criterion c, cp_error *err);

/* A role's further attribute `key` (borrowed), or NULL when it has none. */
const char *cp_role_attr(const cp_role *r, const char *key);

/* How cp_graph_match_role took a name. */
typedef enum cp_match_how {
  CP_MATCH_EXACT = 0, /* an id, a label (with or without its parenthetical), the
                         parenthetical ("CMIO") or an alias, ignoring case, punctuation,
                         apostrophes and regular plurals */
  CP_MATCH_CODE,      /* an occupation code: a role's id or `onet` attribute ("29-1141.00";
                         "29-1141" is its ".00" occupation, else every one under it) */
  CP_MATCH_WORDS,     /* the words typed are words of this role's names and no other's */
  CP_MATCH_CLOSE      /* spelled within a few edits of this role's name, nearer than any other */
} cp_match_how;

enum { CP_MATCH_NOTE_MAX = 512 };

typedef struct cp_role_match {
  size_t role;                  /* the role, on CP_OK */
  cp_match_how how;             /* on CP_OK */
  char note[CP_MATCH_NOTE_MAX]; /* CP_MATCH_WORDS or CP_MATCH_CLOSE: one line saying what the
                                   name was taken as, for the person to see; "" otherwise */
  size_t *candidates; /* CP_EAMBIGUOUS: every role matched, in graph order; CP_ENOTFOUND: the
                         roles suggested, nearest first (maybe none). malloc'd */
  size_t n_candidates;
} cp_role_match;

/* The k-th (from 0) of role r's other names, its `aliases` attribute (';'-separated; the one
 * place that reads it): false when there are not k+1, else *start and *len give it (not
 * NUL-terminated; it points into the attribute). O(length of the attribute). */
bool cp_role_alias(const cp_role *r, size_t k, const char **start, size_t *len);

/* Resolves what a person typed into a role. Names are the id, the label, the label without
 * its "(...)", what is inside it, and the role's `aliases` attribute (';'-separated). In
 * turn: the exact id; an id or label in any case; an occupation code; any name ignoring
 * case, punctuation, apostrophes and plurals; the words of one role's names (the last
 * word may be a beginning: "clinical inf"); one role spelled close to it. The first of
 * these that matches anything decides: one role is CP_OK; several are CP_EAMBIGUOUS, every
 * one in `candidates` and as many as fit in the message (label, id, domain); none is
 * CP_ENOTFOUND with "did you mean" suggestions. Unlike other calls, `out` is filled on
 * CP_EAMBIGUOUS and CP_ENOTFOUND too: release it with cp_role_match_clear in every case.
 * Linear in the roles after the id lookup; the close-spelling pass costs an edit distance per
 * name. */
cp_status cp_graph_match_role(const cp_graph *g, const char *name, cp_role_match *out,
                              cp_error *err);
void cp_role_match_clear(cp_role_match *m);

/* cp_graph_match_role without the details: the role, or the status and message. */
cp_status cp_graph_find_role(const cp_graph *g, const char *name, size_t *out, cp_error *err);

/* ---- Readers ---------------------------------------------------------------------- */

/* Reads a DOT graph: nodes are roles (attributes label, domain, level), edges transitions
 * (months, cost, effort, requires, note, source); other attributes are kept. Syntax errors
 * name the file and line; semantic ones the role or edge. `name` is used in messages. */
cp_status cp_read_dot_buffer(const char *name, const char *data, size_t len, cp_graph **out,
                             cp_error *err);
cp_status cp_read_dot_file(const char *path, cp_graph **out, cp_error *err);

/* Reads transitions from CSV (header with at least `from` and `to`; months, cost, effort,
 * requires, note, source recognised; other columns kept) and, when `roles_path` is not
 * NULL, roles from CSV (header with `id`; label, domain, level recognised). Without a roles
 * file, roles are the ids the transitions name. RFC 4180 quoting, UTF-8 with or without
 * BOM, LF or CRLF. Every error names file and line. */
cp_status cp_read_csv(const char *transitions_path, const char *roles_path, cp_graph **out,
                      cp_error *err);
/* The same from memory; names are used in messages. `roles` may be NULL. */
cp_status cp_read_csv_buffers(const char *transitions_name, const char *transitions,
                              size_t transitions_len, const char *roles_name, const char *roles,
                              size_t roles_len, cp_graph **out, cp_error *err);

/* Reads a whole text file into a NUL-terminated buffer the caller frees with free(). CP_EIO
 * (with the file and the system's reason), CP_ENOMEM, or CP_EPARSE when the file holds a NUL
 * byte (not text: found at once, so /dev/zero fails instead of filling memory). */
cp_status cp_read_file(const char *path, char **out, size_t *out_len, cp_error *err);
/* The same for a binary file: any bytes. */
cp_status cp_read_binary_file(const char *path, char **out, size_t *out_len, cp_error *err);

/* Calls `fn` for every record of an RFC 4180 CSV text (UTF-8, BOM, LF or CRLF, blank lines
 * skipped), with the fields (borrowed for the call) and the line the record starts on;
 * stops at the first status `fn` returns other than CP_OK. Syntax errors name file:line. */
typedef cp_status (*cp_csv_row_fn)(void *ctx, const char *const *fields, size_t n_fields,
                                   size_t line, cp_error *err);
cp_status cp_csv_parse(const char *name, const char *data, size_t len, cp_csv_row_fn fn, void *ctx,
                       cp_error *err);

/* The one rule for every CSV field careerpath writes, so that it reads back (cp_csv_parse,
 * spreadsheets) as itself: a field is quoted when it is empty, holds a comma, a double quote,
 * a CR or an LF, or begins or ends with a space or a tab (readers trim those); a quote inside
 * is doubled. Writes the field and a NUL into `out` (when not NULL; it needs the returned
 * length + 1 bytes, at most 2 x strlen(s) + 3) and returns the field's length. */
size_t cp_csv_quote(const char *s, char *out);
/* Writes `s` to `f` as a CSV field (cp_csv_quote): 0, or EOF when writing fails. */
int cp_csv_write_field(FILE *f, const char *s);

/* Reads a credentials catalogue (header with `name`, `months`, `cost`; `source` optional)
 * into `g`. Errors name file and line. */
cp_status cp_read_credentials_csv_buffer(cp_graph *g, const char *name, const char *data,
                                         size_t len, cp_error *err);

/* Reads a graph file: a compiled image (by its magic bytes, or a .cpg name) by
 * cp_read_compiled_file; otherwise by its extension: .gv or .dot as DOT; .csv, .tsv, .txt or .tab
 * as a transitions table with `roles_path` or, when that is NULL, a roles.csv (or roles.tsv) in the
 * same directory if there is one; a credentials.csv (or .tsv) there becomes the catalogue. A path
 * starting with '@' names a built-in graph (cp_builtin_load). */
cp_status cp_read_graph(const char *path, const char *roles_path, cp_graph **out, cp_error *err);
/* The files cp_read_graph(path, roles_path) reads besides those two: the roles table beside a
 * transitions table when no roles file is given (roles.csv, else roles.tsv), and the
 * credentials table beside it (credentials.csv, else credentials.tsv); each malloc'd, NULL
 * when there is none (always for DOT and built-in graphs). CP_ENOMEM (both NULL) when the
 * paths cannot be made. */
cp_status cp_read_graph_companions(const char *path, const char *roles_path, char **roles,
                                   char **credentials);

/* ---- Compiled graphs (compile.c, compiled.c; docs/compiled-graph.md) ------------- */

/* The image format's version: a reader reads only its own. Bump it on any change to the
 * header or the records. */
enum { CP_COMPILED_VERSION = 2 };
/* The graph as a compiled image: a header (magic, version, byte order, size, XXH3 checksums
 * of the head and of the bulk), records, columns, one string table, a hash table of role ids
 * and the router's arrays (docs/compiled-graph.md), for cp_read_compiled_file to map. The
 * image is malloc'd (free with free()). CP_ENOMEM; CP_ELIMIT past 4 GiB of text. O(size). */
cp_status cp_graph_compile(const cp_graph *g, char **out, size_t *out_len, cp_error *err);
/* Loads a compiled image by mmap: the graph's strings stay in the mapping until cp_graph_free.
 * The graph equals the one compiled (name, roles, transitions, credentials, attributes); each
 * transition is made from the image when first read. CP_EIO for a file that cannot be opened
 * or mapped; CP_EPARSE naming the file and what is wrong (bad magic, version, byte order,
 * size, the head's checksum, an offset, count or index out of range). The bulk's checksum is
 * cp_graph_verify_image's. O(roles + transitions), reading 10 bytes a transition. */
cp_status cp_read_compiled_file(const char *path, cp_graph **out, cp_error *err);
/* The same from memory (copied: `data` is the caller's), `name` naming it in messages. */
cp_status cp_read_compiled_buffer(const char *name, const void *data, size_t len, cp_graph **out,
                                  cp_error *err);
/* For a graph read from a compiled image, checks what loading it leaves unread: the
 * checksum of the image's bulk (the transitions' columns and the router's arrays) and the
 * router's arrays against the graph. CP_EPARSE naming the image; CP_OK for any other graph.
 * O(image size). */
cp_status cp_graph_verify_image(const cp_graph *g, cp_error *err);
/* Whether `path` is a regular file starting with the compiled image's magic bytes. */
bool cp_is_compiled_file(const char *path);

/* ---- Tables as they come: tab-separated files and column maps (columns.c) ---------- */

/* Tables (transitions, roles, credentials, career histories) are CSV (RFC 4180) or
 * tab-separated: TSV when the file name ends in .tsv, .txt or .tab, or when the header line
 * holds more tabs than commas. TSV fields are split at tabs, never quoted, and trimmed of
 * spaces. A header column with no name (a spreadsheet's index column) is ignored. */

/* A column map says which header column holds each name a reader looks for:
 * "from=OCC_source,to=OCC_target,probability=transition_prob" reads column OCC_source as
 * `from`, and so on; names and columns match in any case. A mapped column the header lacks
 * is CP_EPARSE naming file, line and the header's columns; so is a mapped name the header
 * also has as a column of its own. */
typedef struct cp_column_map cp_column_map;
/* Parses NAME=COLUMN pairs separated by commas. CP_EINVAL with the reason for an item with
 * no '=', an empty name or column, or a name or column given twice. Free with
 * cp_column_map_free. */
cp_status cp_column_map_parse(const char *text, cp_column_map **out, cp_error *err);
void cp_column_map_free(cp_column_map *m);

typedef struct cp_read_options {
  const cp_column_map *columns;      /* the transitions table's map, or NULL */
  const cp_column_map *role_columns; /* the roles table's map, or NULL */
} cp_read_options;

/* cp_read_graph with column maps (`opt` may be NULL). A map given for a DOT or built-in
 * graph, or a roles map without a roles file, is CP_EINVAL. */
cp_status cp_read_graph_with(const char *path, const char *roles_path, const cp_read_options *opt,
                             cp_graph **out, cp_error *err);
/* cp_read_csv_buffers for CSV or TSV tables (told apart by name and header, as above) with
 * column maps (`opt` may be NULL). */
cp_status cp_read_table_buffers(const char *transitions_name, const char *transitions,
                                size_t transitions_len, const char *roles_name, const char *roles,
                                size_t roles_len, const cp_read_options *opt, cp_graph **out,
                                cp_error *err);

/* ---- Built-in graphs (builtin.c) -------------------------------------------------- */

/* Graphs compiled into the library, named on the command line as @NAME. The first is the
 * default graph of every command. */
typedef struct cp_builtin_info {
  const char *name;        /* "health-informatics", "onet" */
  const char *description; /* one line: what it holds */
  const char *attribution; /* the licence text its source requires be shown, or "" */
} cp_builtin_info;
size_t cp_builtin_count(void);
/* Borrowed, static; NULL when out of range. */
const cp_builtin_info *cp_builtin_at(size_t index);
/* Loads the built-in graph `name` (any case; "" is the default). CP_ENOTFOUND listing the
 * names for an unknown one. */
cp_status cp_builtin_load(const char *name, cp_graph **out, cp_error *err);

/* The built-in health-informatics graph (graphs/health-informatics.gv, compiled in). */
cp_status cp_builtin_graph(cp_graph **out, cp_error *err);
/* Its DOT text, borrowed. */
const char *cp_builtin_dot_text(size_t *len);

/* ---- Writing graphs (write_graph.c) ---------------------------------------------- */

typedef enum cp_table_format { CP_TABLE_CSV = 0, CP_TABLE_TSV } cp_table_format;

/* A graph as careerpath's tables, malloc'd and NUL-terminated; free with
 * cp_graph_tables_free. */
typedef struct cp_graph_tables {
  char *transitions; /* from, to, months, cost, effort, requires, note, source (those some
                        transition fills), then every further attribute */
  size_t transitions_len;
  char *roles; /* id, label, domain, level (when used), then every further attribute */
  size_t roles_len;
  char *credentials; /* name, months, cost, source; NULL when the graph has no catalogue */
  size_t credentials_len;
} cp_graph_tables;

/* Writes `g` as tables the readers take back to the same roles, transitions and catalogue
 * (numbers exactly; attributes in the order first seen; months a move took from its
 * median_months stay in that attribute, in every format here). TSV cannot carry a tab, a line
 * end or blanks at either end of a value: CP_EINVAL naming the role or transition. */
cp_status cp_write_graph_tables(const cp_graph *g, cp_table_format format, cp_graph_tables *out,
                                cp_error *err);
void cp_graph_tables_free(cp_graph_tables *t);
/* Writes `g` as DOT (graph attributes, catalogue entries as kind="credential" nodes, roles,
 * transitions), which cp_read_dot_buffer reads back to the same graph. A value ending a line
 * with a backslash is CP_EINVAL. The text is malloc'd. */
cp_status cp_write_graph_dot(const cp_graph *g, char **out, size_t *out_len, cp_error *err);
/* `g` as GraphML (NetworkX, igraph, Gephi, yEd) or GEXF 1.2 (Gephi): roles as nodes (label,
 * domain, level and every attribute), transitions as edges (months, cost, effort, requires,
 * note, source and every attribute; a GEXF edge's weight is its count, else its probability,
 * else 1), graph attributes. An attribute every value of which is a number is typed as one.
 * The credentials catalogue is not written (DOT and the tables carry it). Text XML 1.0 cannot hold
 * (control characters) is CP_EINVAL naming the role or transition. malloc'd. */
cp_status cp_write_graph_graphml(const cp_graph *g, char **out, size_t *out_len, cp_error *err);
cp_status cp_write_graph_gexf(const cp_graph *g, char **out, size_t *out_len, cp_error *err);

/* ---- O*NET import (import_onet.c) -------------------------------------------------- */

/* The tables of an O*NET database release the importer reads (tab-separated, as O*NET
 * publishes them), by their file names in the release directory (cp_onet_table_file). */
enum {
  CP_ONET_RELATED,        /* Related Occupations.txt: the moves */
  CP_ONET_OCCUPATIONS,    /* Occupation Data.txt: titles, descriptions */
  CP_ONET_ZONES,          /* Job Zones.txt: the levels */
  CP_ONET_ZONE_REFERENCE, /* Job Zone Reference.txt: what each zone is called */
  CP_ONET_ETE,            /* Education, Training, and Experience.txt: the model's input */
  CP_ONET_CATEGORIES,     /* Education, Training, and Experience Categories.txt */
  CP_ONET_README,         /* Read Me.txt: the release number (optional) */
  CP_ONET_TABLES
};
const char *cp_onet_table_file(int which);

typedef struct cp_onet_table {
  const char *name; /* used in messages */
  const char *data; /* NULL only for CP_ONET_README */
  size_t len;
} cp_onet_table;

typedef struct cp_onet_report {
  size_t occupations;   /* roles */
  size_t moves;         /* transitions */
  size_t zone_averaged; /* occupations O*NET gives no education, experience or training data
                           for, which take their Job Zone's average (docs/onet-model.md) */
  char release[32];     /* "29.3", from Read Me.txt; "" when not known */
} cp_onet_report;

/* Builds a career graph from an O*NET database directory: roles are the occupations Related
 * Occupations names (id the O*NET-SOC code, label the title, level the Job Zone, domain the
 * SOC 2018 major group, description and preparation figures as attributes); transitions are
 * the related occupations (attributes tier and index) with months, cost and effort estimated
 * from the gaps in education, experience and training between the two occupations and from
 * the tier (docs/onet-model.md); every role, transition and the graph say where they come
 * from and carry the O*NET attribution. A missing table, a header without a column the
 * importer reads, or a bad value is an error naming the file and line (CP_EIO, CP_EPARSE,
 * CP_EINVAL); so is an occupation a move names with no title or no Job Zone. `report` may be
 * NULL. O(rows). */
cp_status cp_onet_import(const char *dir, cp_graph **out, cp_onet_report *report, cp_error *err);
/* The same from tables in memory, indexed by the enum above. */
cp_status cp_onet_import_tables(const cp_onet_table *tables, cp_graph **out, cp_onet_report *report,
                                cp_error *err);
/* The attribution O*NET's licence (CC BY 4.0) requires, for release `release` ("" if not
 * known), into buf (truncated to n). */
void cp_onet_attribution(const char *release, char *buf, size_t n);

/* ---- Routes ----------------------------------------------------------------------- */

typedef struct cp_route {
  size_t *roles;       /* n_steps + 1 role indices, from .. to */
  size_t *transitions; /* n_steps transition indices */
  size_t n_steps;
  double months, cost, effort; /* totals; NaN when some step lacks that weight */
} cp_route;

typedef struct cp_route_list {
  cp_route *routes;
  size_t n; /* 0 when no route exists */
} cp_route_list;

void cp_route_list_free(cp_route_list *list);

/* The value of a route on a criterion (steps, or a total). */
double cp_route_total(const cp_route *r, cp_criterion c);

/*
 * The tie rule. Two routes between the same roles are ordered by, in turn:
 *   1. the objective (the weighted sum being minimised; for one criterion, its total),
 *      equal when within a relative 1e-9 (cp_objective_compare), so that sums of the same
 *      decimal figures in another order are equal;
 *   2. fewer steps;
 *   3. the role indices along the route from its start (graph order: the order roles
 *      appear in the graph file), compared lexicographically;
 *   4. the transition indices along the route likewise (parallel moves between two roles).
 * Every route engine returns the least route under this order (cp_route_search alone or in
 * any batch, its k best, the route shown for each Pareto trade-off, each role's route in
 * cp_route_reach and cp_route_into), and every list of routes is sorted by it. Pareto sets
 * compare their objectives one after another in place of rule 1.
 */

/* 0 when `a` and `b` are equal objectives (within a relative 1e-9, and 1e-9 below 1), else
 * -1 when a is less, 1 when it is more. */
int cp_objective_compare(double a, double b);
/* The objective of a route: the sum, over criteria with a positive weight, of the weight x
 * the route's total (criteria weighted 0 are left out, so a total the graph lacks does not
 * make it NaN). */
double cp_route_objective(const cp_route *r, const double weights[CP_CRITERION_COUNT]);
/* Orders two routes by the tie rule for the objective `weights`: negative when `a` comes
 * first, positive when `b` does, 0 only for the same route. */
int cp_route_compare(const cp_route *a, const cp_route *b,
                     const double weights[CP_CRITERION_COUNT]);
/* Rules 2 to 4 alone: for routes already known to be equal on what comes first. */
int cp_route_compare_ties(const cp_route *a, const cp_route *b);
/* Sorts a list by cp_route_compare. */
void cp_route_list_sort(cp_route_list *list, const double weights[CP_CRITERION_COUNT]);

/* How a requirement of a route's step stands for a person. */
typedef enum cp_requirement {
  CP_REQ_HELD = 0, /* held already (given), or earned on an earlier step of the route */
  CP_REQ_TO_EARN,  /* a credential of the graph's catalogue, still to earn */
  CP_REQ_OTHER     /* anything else a move requires (a licence, experience, a skill) */
} cp_requirement;

/* Whether requirement `name` of step `step` (0-based) of `r` is held by a person holding
 * `have` (in full, as cp_requirement_held says: any case or spelling, an alternative, every
 * part), or earned on one of the steps before it, else a catalogued credential to earn, else
 * another requirement. O(have + requirements of the earlier steps + catalogue). */
cp_requirement cp_requirement_status(const cp_graph *g, const cp_route *r, size_t step,
                                     const char *name, const char *const *have, size_t n_have);

/* ---- Decisions: trade-offs, limits, waypoints, credentials held (search.c) -------- */

/* A compact read-only snapshot of a graph for repeated searches: adjacency in both
 * directions and weights as arrays, and working memory reused from question to question.
 * The graph must outlive it and stay unchanged; a router serves one thread at a time. Fails
 * only with CP_ENOMEM. Free with cp_router_free. */
typedef struct cp_router cp_router;
cp_status cp_router_new(const cp_graph *g, cp_router **out, cp_error *err);
void cp_router_free(cp_router *r);
/* A router for another thread: it shares r's snapshot (read only) and has working memory of
 * its own, so each thread asks its own router at once. r must outlive it and not be asked
 * while this call runs. Fails only with CP_ENOMEM. Free with cp_router_free. */
cp_status cp_router_share(const cp_router *r, cp_router **out, cp_error *err);
const cp_graph *cp_router_graph(const cp_router *r);
/* Lays out the weights of each criterion `weights` weighs (> 0) and the graph carries beside
 * the router's rows, so a search reads a move's weight next to its other end instead of
 * through the move's number: one cache miss less per move scanned on graphs too big for the
 * cache. Costs 16 bytes per move and criterion and one pass over the moves, O(m); pays over a
 * batch (docs/performance.md). The answers are the same. Call it before sharing the router
 * (cp_router_share), never while another thread uses it. Fails only with CP_ENOMEM (the router
 * then answers as without). */
cp_status cp_router_row_weights(const cp_router *r, const double weights[CP_CRITERION_COUNT],
                                cp_error *err);
/* Preprocessing for many plain questions (ALT: A* with landmarks and the triangle inequality,
 * Goldberg & Harrelson 2005): `count` landmark roles per criterion that `weights` weighs
 * (> 0) and the graph carries, chosen farthest-first, and each one's distances to and from
 * every role. From then on, a plain question (k = 1, an objective and nothing else) on those
 * criteria is answered by A* from its start, directed by the bounds the landmarks give: the
 * same route as without them (the tie rule), found settling fewer roles. Costs 2 x count
 * full searches per criterion, O(count (m + n) log n), and 16 x count bytes per role per
 * criterion; it pays only over many questions (docs/performance.md, "Landmarks"). A router
 * already holding tables for another count drops them. Call it before sharing the router
 * (cp_router_share), never while another thread uses it. count 0 does nothing. CP_ENOMEM
 * (the router then answers as it would without landmarks). */
cp_status cp_router_landmarks(const cp_router *r, size_t count,
                              const double weights[CP_CRITERION_COUNT], cp_error *err);

/* One question. Routes minimise the sum over criteria of weights[c] x the route's total on c
 * (`--by months` is weights[months] = 1; `--by months=1,cost=0.0005` a trade-off), among
 * routes whose totals stay within every limit. */
typedef struct cp_query {
  size_t from, to;
  double weights[CP_CRITERION_COUNT]; /* >= 0; at least one > 0 (Pareto: ignored) */
  double limits[CP_CRITERION_COUNT];  /* INFINITY: no limit */
  const size_t *avoid;                /* roles never passed through */
  size_t n_avoid;
  const size_t *via; /* roles the route passes through, in this order */
  size_t n_via;
  const char *const *have; /* credentials held, by name: a transition requiring one costs
                              its catalogue months and cost less (never below 0) */
  size_t n_have;
  size_t k; /* routes wanted, best first */
  /* In a batch: how many questions from q->from with these weights are still to be asked,
   * this one included (0: not known). The router may then keep one search from q->from and
   * resume it for each, so that a source's questions together cost one search: it resumes
   * a search it keeps from there, and starts one when that is expected to settle fewer roles
   * than this many bidirectional searches would (measured on the questions it has answered).
   * Plain questions only (k = 1, no limits, waypoints, avoided roles or credentials). Every
   * answer is the one the question gets asked alone (the tie rule). */
  size_t reuse_source;
} cp_query;

/* A query from `from` to `to` by one criterion: no limits, nothing avoided, k = 1. */
void cp_query_init(cp_query *q, size_t from, size_t to, cp_criterion by);

/* The k best routes for the query, best first: the one call for "the k best routes between two
 * roles", whoever asks (route, render, whatif, batches). Exact: the k least loopless routes within
 * the limits under the tie rule (above); with waypoints, a route is a walk whose stretches
 * between waypoints are each loopless (it may come back to a role of an earlier stretch),
 * whichever engine answers: a bidirectional Dijkstra for the plain question (k = 1, an objective
 * and nothing else: O((m + n) log n) at worst, in practice the roles near both ends), a kept search
 * from the source in a batch (reuse_source), or a resource-constrained label-setting search (Yen's
 * algorithm over it for k > 1; exponential in the worst case, bounded by a label limit), not a
 * filter over unconstrained routes. Totals in the routes are what the person pays (credentials held
 * taken off). No route is CP_OK with n == 0. CP_ENOCRIT when a transition lacks a criterion the
 * query uses; CP_EINVAL for a bad query (k = 0, a bad index, avoiding the start, a negative
 * weight...); CP_ELIMIT when the search outgrows its label limit; CP_ENOMEM. The routes belong to
 * the caller (cp_route_list_free) and name the graph's roles and transitions, not the router's.
 * A question the router's strong components prove to have no route (an end, or a waypoint, in a
 * component that cannot reach the next one's) is answered without a search once the router has
 * that index: it costs O(m + n) once, and is made when plain searches that found no route have
 * together cost as much, or from the second question on for any other question. Routers that
 * share this one (cp_router_share) share the index. */
cp_status cp_route_search(const cp_router *r, const cp_query *q, cp_route_list **out,
                          cp_error *err);

/* Every Pareto-optimal route on `objectives` (2 or more criteria) within the query's limits
 * (one label-setting search keeping every non-dominated label: exponential in the worst case,
 * bounded by the label limit):
 * no other route is at least as good on all of them and better on one. One route per
 * distinct vector of totals (equal within the rule's tolerance): the least under the rest of
 * the tie rule (fewer steps, then roles, then transitions). Sorted by the first objective,
 * then the next, then the tie rule. The query's weights and k are not used. Fails as
 * cp_route_search. */
cp_status cp_route_pareto(const cp_router *r, const cp_query *q, const cp_criterion *objectives,
                          size_t n_objectives, cp_route_list **out, cp_error *err);

/* Every role reachable from q->from within the query's limits, each with its best route by
 * the query's objective (an isochrone; the least under the tie rule), the list sorted by the
 * rule; q->to, k and via are not used (via is CP_EINVAL). One label-setting search: O(L (d +
 * log L)) for L labels of degree d, L growing from the roles with the limits and with routes
 * that trade objective for steps. Fails as cp_route_search. */
cp_status cp_route_reach(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err);

/* Every role that can reach q->to within the limits, each with its best route into it (the
 * least under the tie rule, read from that role), sorted by the rule; q->from, k and via are
 * not used. Fails as cp_route_search. */
cp_status cp_route_into(const cp_router *r, const cp_query *q, cp_route_list **out, cp_error *err);

/* What one step costs a person holding q->have: its months and cost less each held
 * credential it requires (never below 0; NaN when the graph lacks the figure). */
void cp_step_figures(const cp_router *r, const cp_query *q, size_t transition, double *months,
                     double *cost);

/* ---- Analysis --------------------------------------------------------------------- */

/* What `validate` reports about a graph. Index arrays hold role indices in graph order. */
typedef struct cp_summary {
  size_t n_roles, n_transitions;
  char **domains;       /* distinct domains, sorted; borrowed from the graph */
  size_t *domain_roles; /* roles per domain */
  size_t n_domains;
  size_t missing[CP_CRITERION_COUNT]; /* transitions lacking each weight (steps: 0) */
  size_t unsourced;                   /* transitions with an empty source */
  size_t *entries, n_entries;         /* no transition leads in */
  size_t *dead_ends, n_dead_ends;     /* no transition leads out */
  size_t *isolated, n_isolated;       /* neither */
  size_t *unreachable, n_unreachable; /* reached from no entry role (empty when no entries) */
} cp_summary;

/* Marks in `mask` (one byte per role, set to 1) every role within `radius` moves of `role`,
 * in either direction, the role itself included. CP_EINVAL for a bad role; CP_ENOMEM. */
cp_status cp_graph_neighbourhood(const cp_graph *g, size_t role, size_t radius, unsigned char *mask,
                                 cp_error *err);

/* Marks in `mask` (one byte per role, set to 1) the `n` roles with the highest betweenness
 * (the share of shortest routes, counted in moves, that pass through them: gateway roles),
 * ties by graph order. O(roles x transitions) through igraph. CP_EGRAPH/CP_ENOMEM. */
cp_status cp_graph_top_roles(const cp_graph *g, size_t n, unsigned char *mask, cp_error *err);

/* Summarises `g`. Fails only with CP_ENOMEM. Free with cp_summary_free. */
cp_status cp_graph_summarize(const cp_graph *g, cp_summary **out, cp_error *err);
void cp_summary_free(cp_summary *s);

/* ---- Network measures (measures.c) ------------------------------------------------- */

/* Measures count moves: transitions between two different roles whose flow (count or
 * probability, when every transition carries one) is positive, parallel ones merged. A
 * transition from a role to itself is a stay, not a move. */

/* A transition's attribute `key` as a finite number; false when absent or not a number. */
int cp_transition_number(const cp_transition *t, const char *key, double *out);
/* "count" when every transition carries a count, else "probability" when every one carries
 * that, else NULL: the flow that strength, pagerank and communities weigh moves by. */
const char *cp_graph_flow_weight(const cp_graph *g);
/* Per transition, its probability: the `probability` attribute when every transition has
 * one (rescaled so each role's outgoing ones sum to 1 when `normalize`), else `count`
 * divided by the source role's total count. CP_ENOCRIT when neither is on every
 * transition, CP_EINVAL (naming the edge) for a value out of range. malloc'd. */
cp_status cp_graph_probabilities(const cp_graph *g, int normalize, double **out, cp_error *err);

typedef struct cp_distribution {
  double min, max, mean, median; /* NaN for no roles */
} cp_distribution;

typedef struct cp_stats {
  size_t roles, transitions;    /* transitions: moves (see above) */
  size_t self_loops, zero_flow; /* transitions in the file that are not moves */
  const char *flow_weight;      /* "count", "probability" or NULL (static) */
  double density;               /* moves / (roles x (roles - 1)) */
  double reciprocity;           /* share of moves whose reverse is a move too */
  size_t weak_components, strong_components;
  cp_distribution in_degree, out_degree;
  size_t *in_degree_counts, *out_degree_counts; /* [k]: roles with degree k */
  size_t n_in_degree_counts, n_out_degree_counts;
  cp_distribution in_strength, out_strength; /* by flow; NaN without one */
  double diameter;                           /* longest shortest route in moves, over pairs
                                                connected; NaN without moves */
  double mean_path_length;                   /* mean over connected ordered pairs */
  double clustering;                         /* global transitivity, direction ignored */
  double assortativity_level;                /* NaN unless every role has a level */
  double assortativity_domain;               /* NaN unless roles have 2+ domains */
} cp_stats;

/* The measures above, through igraph. CP_EGRAPH/CP_ENOMEM. Free with cp_stats_free. */
cp_status cp_graph_stats(const cp_graph *g, cp_stats **out, cp_error *err);
void cp_stats_free(cp_stats *s);

typedef enum cp_centrality {
  CP_CENTRALITY_BETWEENNESS = 0, /* shortest routes through a role (by steps or a criterion) */
  CP_CENTRALITY_PAGERANK,        /* random walk weighted by flow, damping 0.85 */
  CP_CENTRALITY_CLOSENESS,       /* 1 / mean distance to the roles it reaches */
  CP_CENTRALITY_DEGREE,          /* moves in + out */
  CP_CENTRALITY_STRENGTH,        /* flow in + out */
  CP_CENTRALITY_COUNT
} cp_centrality;
const char *cp_centrality_name(cp_centrality c);
cp_status cp_centrality_parse(const char *name, cp_centrality *out);
/* Per role, its score on `measure`; betweenness and closeness measure distance by `by`
 * (steps, or a criterion every transition carries: CP_ENOCRIT otherwise, as for strength
 * without a flow). malloc'd, one per role. */
cp_status cp_graph_centrality(const cp_graph *g, cp_centrality measure, cp_criterion by,
                              double **out, cp_error *err);

typedef enum cp_community_method {
  CP_COMMUNITY_LEIDEN = 0,
  CP_COMMUNITY_LOUVAIN
} cp_community_method;
/* Clusters of roles maximising modularity over moves with direction ignored, weighted by
 * flow (Leiden or Louvain, seeded: the same graph gives the same clusters). Per role its
 * community, numbered from 0 by size (largest first); the modularity of the partition.
 * `*membership` is malloc'd. */
cp_status cp_graph_communities(const cp_graph *g, cp_community_method method, size_t **membership,
                               size_t *n_communities, double *modularity, cp_error *err);

/* ---- Markov chains (markov.c) ------------------------------------------------------ */

typedef struct cp_markov_options {
  int normalize;  /* rescale each role's outgoing probabilities to sum to 1 */
  int has_target; /* compute hitting figures into `target` */
  size_t target;
} cp_markov_options;

typedef struct cp_markov {
  size_t n;                  /* roles (states) */
  size_t n_absorbing;        /* roles with no way out: they keep the walker for ever */
  size_t n_classes;          /* communicating classes (strong components) */
  size_t n_closed;           /* classes nothing leaves */
  int irreducible;           /* one class holding every role */
  double *stationary;        /* per role; NULL when not unique (two or more closed classes) */
  size_t *closed_class;      /* per role: its closed class, numbered 0.. in the order of their
                                first roles; SIZE_MAX for a role in no closed class */
  double *class_stationary;  /* per role: the stationary distribution of its closed class (it
                                sums to 1 over each class); NaN for a role in none. With one
                                closed class, the stationary distribution where it is not 0 */
  double *reach_probability; /* with a target: per role, the chance of ever reaching it */
  double *expected_steps;    /* ... steps to reach it, given that it is reached; NaN: never */
  double *expected_months;   /* ... months, from each move's median_months (or months);
                                NULL when some move on the way lacks both */
} cp_markov;

/* The graph as a Markov chain (probabilities as cp_graph_probabilities; a transition from a
 * role to itself is the chance of staying). A role's outgoing probabilities must sum to 1
 * within 1e-6 unless opt->normalize: CP_EINVAL names the roles that do not. Solved densely:
 * CP_ELIMIT above CP_MARKOV_MAX_ROLES roles. Free with cp_markov_free. */
enum { CP_MARKOV_MAX_ROLES = 4000 };
cp_status cp_markov_analyze(const cp_graph *g, const cp_markov_options *opt, cp_markov **out,
                            cp_error *err);
/* The same analysis with the chain made from `flow` (one count per transition, >= 0: each
 * role's moves divided by its total; a role with none is absorbing), as the bootstrap's
 * replicates need. opt->normalize is not used. */
cp_status cp_markov_analyze_flow(const cp_graph *g, const double *flow,
                                 const cp_markov_options *opt, cp_markov **out, cp_error *err);
void cp_markov_free(cp_markov *m);

/* Sets a role's domain (communities drawn as clusters use it). CP_EINVAL for a bad index. */
cp_status cp_graph_set_role_domain(cp_graph *g, size_t role, const char *domain, cp_error *err);

/* ---- Mobility: transition graphs from career histories (mobility.c) ---------------- */

/* The chain mobility build makes: the jump chain (each change of role is a move; no stays),
 * or a chain per period, with stays: a person's role in each year (or month) they are
 * observed, one step from each period to the next. */
typedef enum cp_period { CP_PERIOD_NONE = 0, CP_PERIOD_YEAR, CP_PERIOD_MONTH } cp_period;

typedef struct cp_mobility_options {
  size_t min_people;  /* roles and transitions seen in fewer distinct people are suppressed
                         (privacy); 0 or 1 keeps everything */
  int strict;         /* non-zero: the first bad row is the error, not a count */
  size_t memory_rows; /* rows held in memory before spilling to temporary files, by person
                         (0: 1,048,576, 32 MiB) */
  cp_period period;   /* CP_PERIOD_NONE: the jump chain */
  int keep_people;    /* keep what resampling people needs (cp_mobility_resample) */
  const cp_column_map *columns; /* which columns hold person, role, start, seq, end; NULL:
                                   as named */
  const char *origin_column;    /* a column naming each row's place in the original input as
                                   "FILE:LINE" (a shard written by scripts/careerpath-dask): bad
                                   rows are reported there; NULL: none */
  size_t jobs; /* threads reading a regular file, each a slice of it; 0 or 1: one. The
                  result is the same for any number. */
} cp_mobility_options;

typedef struct cp_mobility_role {
  char *id;
  size_t people;               /* distinct people who held it (head-count) */
  size_t stays;                /* stays in it: runs of one person's spells in the role */
  double median_tenure_months; /* of stays whose length is known; NaN: none (or seq data) */
  char *label, *domain;        /* joined from a roles source (cp_mobility_join_roles); NULL */
  int level;                   /* ... 0 when none */
} cp_mobility_role;

typedef struct cp_mobility_transition {
  size_t from, to;      /* indices into roles */
  size_t count, people; /* moves, and distinct people who made them */
  double probability;   /* count / the source role's published outgoing moves */
  double median_months; /* months in the source role before the move; NaN: unknown */
} cp_mobility_transition;

enum { CP_MOBILITY_BAD_LISTED = 10 };

typedef struct cp_mobility {
  size_t rows;                              /* data rows read */
  size_t bad_rows;                          /* rows skipped */
  char *bad_listed[CP_MOBILITY_BAD_LISTED]; /* "file:line: why" of the first few */
  size_t n_bad_listed;
  size_t people, stays, moves; /* over every row read, before suppression */
  int dated;                   /* start dates (else seq: no months) */
  size_t min_people;
  cp_mobility_role *roles; /* published roles, sorted by id */
  size_t n_roles;
  cp_mobility_transition *transitions; /* published, sorted by from then to */
  size_t n_transitions;
  size_t suppressed_roles, suppressed_transitions, suppressed_moves;
  cp_period period;                  /* the chain's steps (CP_PERIOD_NONE: moves) */
  size_t period_stays, period_moves; /* with a period: steps in one role, and between two */
  struct cp_mobility_panel *panel;   /* with opt->keep_people: each person's steps */
} cp_mobility;

/* Reads career histories (CSV or TSV: header with person, role, and start (YYYY, YYYY-MM or
 * YYYY-MM-DD; a year alone is its January) or seq (a number); optional end) in any row order
 * and aggregates them: consecutive spells of a person in one role are one stay; each change
 * of role is a move. With opt->period (dated histories only, else CP_EINVAL), transitions are
 * instead the steps from each period a person is observed in to the next (docs/mobility.md):
 * a new spell ends the one before it, a spell with no end and none after it lasts its first
 * period, and a period with no spell breaks the chain. Memory grows with roles and
 * transitions, not rows (rows beyond opt->memory_rows go to temporary files). Bad rows are
 * counted (the first few listed) unless opt->strict, when the first is CP_EINVAL; a file
 * with no valid row is CP_EINVAL. Person ids are hashed on reading and appear nowhere in the
 * result. Free with cp_mobility_free. */
cp_status cp_mobility_build(const char *path, const cp_mobility_options *opt, cp_mobility **out,
                            cp_error *err);
cp_status cp_mobility_build_stream(const char *name, FILE *f, const cp_mobility_options *opt,
                                   cp_mobility **out, cp_error *err);
void cp_mobility_free(cp_mobility *m);
/* ---- Partial mobility builds, merged exactly (mobility_partial.c) ------------------ */

/* A partial build holds what a build has added up before suppression, for histories split
 * by person (every row of a person in one shard): counts and distinct people per move and
 * per role, duration histograms in hundredths of a month (medians merge exactly), row and
 * bad-row counts and the first bad rows with their file and line. The file is versioned
 * and checksummed ("CPMOBPT\n", format 1, little-endian). */
enum { CP_MOBILITY_PARTIAL_VERSION = 1 };

/* Reads histories as cp_mobility_build does (opt->min_people is not applied) and hands back
 * the partial file's bytes (malloc'd; the caller frees them). Fails as cp_mobility_build. */
cp_status cp_mobility_build_partial(const char *path, const cp_mobility_options *opt, char **out,
                                    size_t *out_len, cp_error *err);
cp_status cp_mobility_build_partial_stream(const char *name, FILE *f,
                                           const cp_mobility_options *opt, char **out,
                                           size_t *out_len, cp_error *err);

/* A merge of partials, in any number and order: _new, _add each, _finish, _free. */
typedef struct cp_mobility_merge cp_mobility_merge;
cp_status cp_mobility_merge_new(cp_mobility_merge **out, cp_error *err);
/* Checks and adds one partial file's bytes, read whole: CP_EPARSE naming `name` for a file
 * that is not a partial, of another version, truncated or corrupted, or from histories that
 * disagree with the partials already added (dates against seq). The merge is unchanged on
 * failure only as far as the counts go: after a failure, free it. Time O(size). */
cp_status cp_mobility_merge_add(cp_mobility_merge *mg, const char *name, const void *data,
                                size_t len, cp_error *err);
cp_status cp_mobility_merge_add_file(cp_mobility_merge *mg, const char *path, cp_error *err);
/* The result of one build over all the partials' histories, with `min_people` applied now
 * (never per partial: a move seen by 3 people in each of two shards is seen by 6).
 * CP_EINVAL when nothing was added. The merge may only be freed afterwards. */
cp_status cp_mobility_merge_finish(cp_mobility_merge *mg, size_t min_people, cp_mobility **out,
                                   cp_error *err);
/* CP_EINVAL naming `name` when `m` read no rows, or only bad ones (the first named): a build
 * applies it itself; a merge's caller applies it to the finished whole (a shard with no valid
 * row is no fault). */
cp_status cp_mobility_check_rows(const cp_mobility *m, const char *name, cp_error *err);
/* The partials added so far combined into one partial file's bytes (malloc'd), nothing
 * suppressed: merges can form a tree. The merge stays open. CP_EINVAL when nothing was
 * added. */
cp_status cp_mobility_merge_write_partial(cp_mobility_merge *mg, char **out, size_t *out_len,
                                          cp_error *err);
void cp_mobility_merge_free(cp_mobility_merge *mg);

/* ---- Histories split by person, for partial builds (mobility_split.c) ---------------- */

/* The column a shard names each row's place in the original input with ("FILE:LINE"):
 * cp_mobility_options.origin_column for a build of a shard. */
#define CP_MOBILITY_ORIGIN_COLUMN "cp_origin"

/* The shard of a person id: XXH3-64 (seed 0) of the id's UTF-8 bytes with the spaces and
 * tabs around it trimmed (as a build reads it), modulo `parts` (0 is taken as 1). Stable
 * across runs, machines and versions. O(length). */
size_t cp_mobility_shard_of(const char *person, size_t parts);

/* Splits histories (CSV or TSV, read as a build reads them) into shards by person, for
 * `mobility build --partial` on each: _new, _add each input, _finish, _free. Each shard is a
 * CSV table: a header of CP_MOBILITY_ORIGIN_COLUMN then the input's columns as written, and
 * per row its origin "NAME:LINE" then its fields, quoted so that they read back as read. A
 * row of an input that already has the origin column (a shard split again) keeps its
 * origin. Every row goes to exactly one shard, so a build of the shards counts (and lists
 * at their origin) the same bad rows as one build; a row with no person, or with another
 * number of fields than the header, goes to its person's shard when it has one, else to
 * shard 0, and is counted as bad here. */
typedef struct cp_mobility_splitter cp_mobility_splitter;
typedef struct cp_mobility_split_counts {
  size_t rows;         /* data rows read */
  size_t bad_rows;     /* of them, with no person or another number of fields */
  const size_t *shard; /* rows written to each shard (parts entries) */
} cp_mobility_split_counts;

/* `shards`: `parts` streams the splitter writes to (borrowed: the caller opens, closes and
 * checks them); `columns`: the histories' column map, or NULL. */
cp_status cp_mobility_splitter_new(size_t parts, FILE *const *shards, const cp_column_map *columns,
                                   cp_mobility_splitter **out, cp_error *err);
/* Reads one input to its end. CP_EPARSE naming `name`:line for what a build rejects too (a
 * header without the person column, malformed quoting, a NUL byte, bad UTF-8), for a header
 * unlike the first input's, or a column name holding a line break; CP_EIO when a shard cannot
 * be written. Time O(size of the input). */
cp_status cp_mobility_splitter_add(cp_mobility_splitter *s, const char *name, FILE *in,
                                   cp_error *err);
/* Writes what is buffered; CP_EINVAL when no input had a header. */
cp_status cp_mobility_splitter_finish(cp_mobility_splitter *s, cp_error *err);
cp_mobility_split_counts cp_mobility_splitter_counts(const cp_mobility_splitter *s);
void cp_mobility_splitter_free(cp_mobility_splitter *s);

/* The result as CSV: transitions (from,to,count,people,probability,median_months) and roles
 * (id,people,stays,median_tenure_months), both malloc'd for the caller to free. */
cp_status cp_mobility_write_csv(const cp_mobility *m, char **transitions, size_t *transitions_len,
                                char **roles, size_t *roles_len, cp_error *err);
/* The result as a DOT graph with the same figures as attributes; malloc'd. */
cp_status cp_mobility_write_dot(const cp_mobility *m, char **out, size_t *out_len, cp_error *err);
/* Joins label, domain and level onto the roles built, from the roles of `ref` (a roles file
 * read as a graph, or the built-in graph): by exact id, else by cp_graph_find_role's
 * forgiving match when it is unique. *joined: how many roles took them. CP_ENOMEM. */
cp_status cp_mobility_join_roles(cp_mobility *m, const cp_graph *ref, size_t *joined,
                                 cp_error *err);
/* The result as a graph, the same one reading its CSV back gives: roles (label, domain and
 * level when joined; people, stays, median_tenure_months as attributes) and transition i for
 * published transition i (count, people, probability, median_months). `name` names it. */
cp_status cp_mobility_graph(const cp_mobility *m, const char *name, cp_graph **out, cp_error *err);
/* Resampling people (the bootstrap): replicate `replicate` of `seed` draws as many people as
 * were read, with replacement, and writes into counts[i] the steps they made along published
 * transition i. The same seed and replicate give the same counts on any machine, whatever
 * the rows' order; replicates are independent of one another. Needs opt->keep_people:
 * CP_EINVAL without. O(people drawn + their steps). */
cp_status cp_mobility_resample(const cp_mobility *m, unsigned long long seed, size_t replicate,
                               double *counts, cp_error *err);
/* The percentile interval of `v` (n values; NaN ones are left out, and v is sorted in place):
 * the (1 - level)/2 and (1 + level)/2 quantiles, interpolated between order statistics as
 * numpy's default. Returns how many values were not NaN; lo and hi are NaN when none. */
size_t cp_percentile_interval(double *v, size_t n, double level, double *lo, double *hi);

/* ---- Mobility tables: the transition matrix and mobility indices (matrix.c) --------- */

/* The graph as a square table: cell (i, j) is the flow from role i to role j, over every
 * transition between them (parallel ones summed), roles in graph order; a transition from a
 * role to itself is the diagonal (people who stayed). */
typedef struct cp_matrix {
  size_t n;     /* roles */
  double *cell; /* n x n, row-major */
  int counts;   /* the cells are counts ('count' on every transition); else probabilities */
} cp_matrix;

/* The table of `g`, from `flow` (one value per transition) when not NULL, else each
 * transition's count, else its probability. CP_ENOCRIT when the transitions carry neither on
 * every one, CP_EINVAL (naming the edge) for a negative or non-finite value. Free with
 * cp_matrix_free. O(roles^2 + transitions). */
cp_status cp_graph_matrix(const cp_graph *g, const double *flow, cp_matrix **out, cp_error *err);
void cp_matrix_free(cp_matrix *m);

typedef enum cp_cells {
  CP_CELLS_COUNT = 0, /* the cells as they are */
  CP_CELLS_ROW,       /* share of the row: outflow, where the people of a role went */
  CP_CELLS_COLUMN,    /* share of the column: inflow, where the people in a role came from */
  CP_CELLS_TOTAL      /* share of the whole table */
} cp_cells;
/* The cells as `kind` into out (n x n). Without `diagonal` the stays are left out: their
 * cells are NaN and shares are among movers. A row (column, table) with no flow gives NaN. */
void cp_matrix_view(const cp_matrix *m, cp_cells kind, int diagonal, double *out);

/* A 2 x 2 table of origins from[0], from[1] and destinations to[0], to[1] (role indices):
 * log(n00 n11 / (n01 n10)), the log odds of staying against exchanging when the origins are
 * the destinations. */
typedef struct cp_odds {
  size_t from[2], to[2];
  double log_odds; /* NaN when a cell is 0 */
  double se;       /* sqrt(sum of 1 / n): with counts only; NaN otherwise */
} cp_odds;

/* Degenerate figures: each is still given, with one of these bits set (docs/indices.md). */
enum {
  CP_WARN_NO_STAYS = 1u << 0,       /* no diagonal at all (a jump chain): immobility is 0 */
  CP_WARN_EMPTY_ROWS = 1u << 1,     /* roles no flow leaves, taken as absorbing */
  CP_WARN_NOT_UNIQUE = 1u << 2,     /* the stationary distribution is not unique */
  CP_WARN_ZERO_CELL = 1u << 3,      /* an odds ratio has a zero cell */
  CP_WARN_NO_COUNTS = 1u << 4,      /* probabilities only: no shares of people */
  CP_WARN_COMPLETE = 1u << 5,       /* every role moves to every other (density 1) */
  CP_WARN_WEAK_MODULARITY = 1u << 6 /* modularity below CP_WEAK_MODULARITY */
};
/* Below this, a partition's modularity says the communities are no better than chance. */
#define CP_WEAK_MODULARITY 0.05

/* Mobility indices of a table (docs/indices.md gives each formula and its reference). P is
 * the table with each row divided by its total (a row with no flow: the role keeps whoever
 * reaches it, P_ii = 1). */
typedef struct cp_indices {
  size_t n;
  double people;       /* the table's total; NaN when the cells are probabilities */
  double immobility;   /* trace / total (Glass 1954: 0.417); NaN without counts */
  double mobility;     /* 1 - immobility */
  double shorrocks;    /* (n - trace P) / (n - 1) (Shorrocks 1978) */
  double prais;        /* (n - trace P) / n: the mean of prais_state */
  double *prais_state; /* per role, 1 - P_ii (Prais 1955) */
  double bartholomew;  /* sum_i pi_i sum_j P_ij |r_i - r_j|, pi the stationary distribution,
                          r the role's level (levels) or its place in the graph */
  int levels;          /* every role has a level: up/down/lateral below, r by level */
  double upward, downward, lateral, immobile; /* shares of people moving to a higher level, a
                                                 lower one, another role of the same level,
                                                 or staying; NaN without levels or counts */
  cp_odds *odds;
  size_t n_odds;
  unsigned warnings; /* CP_WARN_* */
} cp_indices;

/* The indices of `m` (roles and levels from `g`, which it was made from), with the log odds
 * ratios of `odds` (n_odds requests: from and to set; the rest is filled). CP_EINVAL for a
 * table of fewer than 2 roles or a role index out of range. Free with cp_indices_free.
 * O(n^3) for the stationary distribution. */
cp_status cp_matrix_indices(const cp_matrix *m, const cp_graph *g, const cp_odds *odds,
                            size_t n_odds, cp_indices **out, cp_error *err);
void cp_indices_free(cp_indices *x);

/* Whether every ordered pair of two different roles is a move (density 1): density,
 * reciprocity and clustering are then 1 and betweenness 0 by construction. */
int cp_graph_is_complete(const cp_graph *g);

/* ---- Rendering -------------------------------------------------------------------- */

typedef enum cp_format {
  CP_FORMAT_DOT = 0,
  CP_FORMAT_SVG,
  CP_FORMAT_PNG, /* through Graphviz's cairo renderer (pango text): binary, not NUL-safe */
  CP_FORMAT_PDF
} cp_format;

/* Paper a drawing is fitted to (--paper). */
typedef enum cp_paper {
  CP_PAPER_NONE = 0, /* the drawing's own size */
  CP_PAPER_LETTER,   /* US Letter, 8.5 x 11 in */
  CP_PAPER_A4,
  CP_PAPER_A3,
  CP_PAPER_A2,
  CP_PAPER_A1
} cp_paper;
/* "letter", "a4", "a3", "a2", "a1" (any case); CP_EINVAL otherwise. */
cp_status cp_paper_parse(const char *name, cp_paper *out);
/* The smallest text, in points, of a drawing fitted to paper. */
#define CP_RENDER_MIN_TEXT 7.0
/* The resolution of PNG drawings when none is asked for, in dots per inch. */
#define CP_RENDER_DEFAULT_DPI 150.0

typedef struct cp_render_options {
  cp_criterion label_by;        /* the figure printed on each move (steps: none) */
  const cp_route *route;        /* highlighted route, or NULL */
  int route_only;               /* draw only the routes: each a column of cards */
  const cp_route_list *region;  /* or NULL: draw only the roles and steps of these routes
                                   (a reachable area, an in-tree), with domains and levels */
  const char *title;            /* or NULL: the graph's label attribute, else its name */
  int untitled;                 /* no title at all (a drawing inside a page that has one) */
  const cp_route *alternatives; /* further routes, each drawn in its own colour and line
                                   style with a key in the legend */
  size_t n_alternatives;
  const char *const *route_labels; /* what each route is called in the key and above its
                                      cards (route, then alternatives), e.g. "Fastest: 3
                                      steps, 60 months, $60,695"; NULL: "Route 1: ..." */
  /* Cards show each step's months and cost as the person pays them: these per transition,
   * when given (credentials held taken off), else the graph's figures; and its
   * requirements split into held (`have`, or earned on an earlier step), to earn
   * (catalogued credentials) and other. */
  const double *paid_months, *paid_cost; /* per transition of the graph, or NULL */
  const char *const *have;
  size_t n_have;
  int brief_cards;            /* cards show the role and the step's months and cost only (a
                                 handout's table gives the rest) */
  const unsigned char *shown; /* per role: non-zero to draw it (a neighbourhood, a domain);
                                 NULL: every role. The routes' roles are always drawn. */
  const char *layout;         /* "map", "neato" or "sfdp"; NULL: the map when roles drawn have
                                 levels and there are at most 300, else neato up to 300 roles,
                                 sfdp above */
  cp_paper paper;             /* fit the drawing to this paper (PDF: pages of its size) */
  double dpi;                 /* PNG resolution; 0: CP_RENDER_DEFAULT_DPI */
} cp_render_options;

/* Lays out and renders the graph in-process with Graphviz. The career map (the default):
 * levels as columns under headers, domains as lanes with their names, each role in its
 * cell, one line per move with its figure on it (`label_by`), the routes in their colours and
 * line styles, and a key. neato and sfdp place roles by force instead (no lanes; domains by
 * colour in the key). A route-only drawing shows each route as a column of cards. With a
 * paper, the drawing is scaled to fit it (a PDF: one page of that paper, the drawing centred),
 * but never so far that text falls below CP_RENDER_MIN_TEXT points: the drawing (and a PDF's
 * page) is then larger than the paper. Labels are text, never markup. The same input gives the same
 * bytes. The buffer is malloc'd and NUL-terminated; the caller frees it with free(). Fails with
 * CP_EINVAL (a route-only drawing without a route, alternatives without a route, a route
 * naming something outside the graph, an unknown layout), CP_ENOMEM (no room for Graphviz to
 * work in), CP_ERENDER when Graphviz fails. Not thread-safe (Graphviz is not). */
cp_status cp_render(const cp_graph *g, const cp_render_options *opts, cp_format format, char **out,
                    size_t *out_len, cp_error *err);

/* ---- Answers a student can act on (held.c, explain.c, nearmiss.c, whatif.c, pay.c,
 * words.c, goals.c) ------------------------------------------------------------------ */

/* How far what a person holds covers a requirement. */
typedef enum cp_hold {
  CP_HOLD_NONE = 0, /* none of it */
  CP_HOLD_PART,     /* some of its parts ("SQL" of "SQL and visualisation") */
  CP_HOLD_ALL       /* the requirement itself, one of its alternatives ("fellowship" of
                       "executive degree or fellowship") or every part of one */
} cp_hold;

/* Whether `have` covers requirement `req`. Names compare folded (case, punctuation,
 * plurals, British or American spelling); a requirement's alternatives are separated by
 * "or", the parts of each by "and", and what is in parentheses is not a part. On
 * CP_HOLD_PART, `missing` (when not NULL) receives the parts still to get, ", "-separated, of
 * the alternative held most of. O(have x length of req). */
cp_hold cp_requirement_held(const char *req, const char *const *have, size_t n_have, char *missing,
                            size_t n);

/* What a person says they hold, as the graph names it. */
typedef struct cp_held cp_held;

/* Matches each typed name to what the graph knows (its catalogue and every requirement a
 * move lists): a name in any case or spelling is that name; a part of a requirement ("SQL")
 * is held as that part; a few words of exactly one name ("MS") are that name. The names
 * to hold (cp_held_names, for cp_query.have) are the graph's spelling of whole names and the
 * typed part otherwise; a note says what was taken as what. CP_ENOTFOUND names every typed
 * name that matches nothing, and lists what the graph knows; CP_EAMBIGUOUS names those whose
 * words fit several names. Free with cp_held_free. */
cp_status cp_held_resolve(const cp_graph *g, const char *const *typed, size_t n, cp_held **out,
                          cp_error *err);
void cp_held_free(cp_held *h);
/* Borrowed, as many as were typed. */
const char *const *cp_held_names(const cp_held *h, size_t *n);
size_t cp_held_note_count(const cp_held *h);
const char *cp_held_note(const cp_held *h, size_t i);

/* Whether a move exists only to earn what the person holds (q->have): every requirement is
 * held in full, one at least is a catalogued credential, and it costs them no months and no
 * money. Such a step is shown as already held, not as a step to take. */
bool cp_step_already_held(const cp_router *r, const cp_query *q, size_t transition);

/* Why a question has no route. */
typedef enum cp_no_route_reason {
  CP_NO_ROUTE_NONE = 0,  /* there is a route: nothing to explain */
  CP_NO_ROUTE_LIMITS,    /* routes exist, none within the limits (cp_near_misses says how far) */
  CP_NO_ROUTE_AVOIDED,   /* every route passes through a role avoided */
  CP_NO_ROUTE_WAYPOINTS, /* routes exist, none through the waypoints in their order */
  CP_NO_ROUTE_CLOSED     /* no route from the start at all, whatever the limits */
} cp_no_route_reason;

typedef struct cp_no_route {
  cp_no_route_reason reason;
  /* CP_NO_ROUTE_CLOSED: */
  size_t *into; /* roles a move leads from into the target, in graph order */
  size_t n_into;
  size_t *starts; /* roles no move leads into where every route into the target begins,
                     none reachable from the start, in graph order */
  size_t n_starts;
  const char **start_requires; /* per start: its role attribute `requires` (what holding the
                                  role takes, e.g. a licence), or NULL; borrowed */
  const char **gates; /* requirements a move on every route from those starts lists, which no
                         move the person can reach lists and they do not hold ("clinical
                         experience"); borrowed from the graph */
  size_t n_gates;
  /* CP_NO_ROUTE_AVOIDED: the avoided roles routes would pass through. */
  size_t *avoided;
  size_t n_avoided;
} cp_no_route;

/* Explains why q (q->from to q->to, its limits, avoided roles, waypoints and holdings) has no
 * route: lifting the limits gives one (LIMITS); without avoiding, one exists (AVOIDED); the
 * target is reachable but not through the waypoints (WAYPOINTS); or the start cannot reach it
 * at all (CLOSED: which roles lead in, where every way in starts, and the requirement that
 * bars it). O(requirements x (roles + moves)) for CLOSED, one route search for the others.
 * Free with cp_no_route_free. */
cp_status cp_explain_no_route(const cp_router *r, const cp_query *q, cp_no_route **out,
                              cp_error *err);
void cp_no_route_free(cp_no_route *x);

/* The best route by one limited criterion when limits cut every route. */
typedef struct cp_near_miss {
  cp_criterion by; /* the limited criterion it is best on ("the fastest", "the cheapest") */
  unsigned also;   /* bits (1 << criterion) of further limited criteria it is best on too */
  cp_route route;  /* with no limit; ties go to the least on the other limited criteria */
  double excess[CP_CRITERION_COUNT]; /* how far each total passes its limit (0: within it;
                                        NaN: no limit on that criterion) */
} cp_near_miss;

typedef struct cp_near_misses {
  cp_near_miss *items; /* the query's own criterion first when it is limited, then the other
                          limited ones in criterion order; one entry per distinct route */
  size_t n;
} cp_near_misses;

/* For each criterion the query limits, the route best on it with the limits lifted
 * (avoided roles, waypoints and holdings kept), and by how much it passes each limit:
 * "the fastest is 84 months, 48 over; the cheapest $695, within budget". One route search
 * (or Pareto search, with two limits or more) per limited criterion. Free with
 * cp_near_misses_free. Fails as cp_route_search. */
cp_status cp_near_misses_find(const cp_router *r, const cp_query *q, cp_near_misses **out,
                              cp_error *err);
void cp_near_misses_free(cp_near_misses *m);

/* Why a list of q->k routes came out short: of the q->k best routes with the limits lifted,
 * how many there are, how many are within every limit, and how many pass each limit (a
 * route passing two limits counts under both). */
typedef struct cp_k_shortfall {
  size_t unlimited; /* routes without limits, at most q->k: fewer means that is all there is */
  size_t within;
  size_t over[CP_CRITERION_COUNT];
} cp_k_shortfall;
cp_status cp_k_shortfall_count(const cp_router *r, const cp_query *q, cp_k_shortfall *out,
                               cp_error *err);

/* What holding one more credential of the catalogue would do. */
typedef struct cp_whatif_option {
  size_t credential; /* catalogue index */
  bool changes;      /* the best route's figures change (with a target), or more roles come
                        within the limits (without) */
  bool opens;        /* with a target: no route now, one holding it */
  cp_route route;    /* with a target: the best route holding it, figures as that person pays
                        them (roles NULL: none) */
  double saved[CP_CRITERION_COUNT]; /* now less holding it, per criterion (NaN: no route
                                       now or then) */
  double earn_months, earn_cost;    /* what earning it takes (the catalogue's figures) */
  double net_months, net_cost;      /* saved less earning it (NaN: no route now or then) */
  double net;        /* the same on the query's objective (earning weighs its months and cost); when
                        it opens a route, minus the whole: the route's objective and earning it */
  size_t *new_roles; /* without a target: roles within the limits holding it, not now */
  size_t n_new_roles;
  size_t reachable; /* without a target: roles within the limits holding it */
} cp_whatif_option;

typedef struct cp_whatif {
  cp_route_list *now;        /* the best route now (n == 0: none); without a target, every
                                role within the limits now */
  cp_whatif_option *options; /* each catalogue credential not already held, ranked: those that
                                change something first (opening a route before the rest, then
                                by net gain, or by roles brought in), then the rest in
                                catalogue order */
  size_t n, n_changing;      /* options[0 .. n_changing) change something */
} cp_whatif;

/* Ranks the catalogue for the question q (q->to == (size_t)-1: no target, and the question is
 * which roles come within q's limits). One route search (or reach) per credential. A net
 * loss never ranks above a net gain. Free with cp_whatif_free. Fails as cp_route_search. */
cp_status cp_whatif_rank(const cp_router *r, const cp_query *q, cp_whatif **out, cp_error *err);
void cp_whatif_free(cp_whatif *w);

/* A role's mean annual wage: its attribute `wage`, a finite number above 0 (where it comes
 * from: attribute `wage_source`). False when it has none. */
bool cp_role_wage(const cp_role *r, double *wage);
/* Months after reaching the end of route `r` until the yearly wage gain (the end role's wage
 * less the start role's) has repaid what the route costs: cost / (gain / 12). Lost
 * earnings on the way are not counted (as in cost). 0 when the route costs nothing; INFINITY
 * when the wage does not rise; NaN when either wage or the cost is unknown. Between two
 * given roles the gain is fixed, so the cheapest route pays back soonest. */
double cp_route_payback(const cp_graph *g, const cp_route *r);
/* Sorts routes by payback, soonest first, unknown last; stable, so routes that pay back
 * alike keep their order. O(n^2): for lists a person reads. */
void cp_route_list_sort_by_payback(const cp_graph *g, cp_route_list *l);

/* Months as a person reads them: "6 months", "1 month", and over 11 months the years beside
 * them: "84 months (7 years)", "30 months (2.5 years)"; "never" for INFINITY, "-" for NaN. */
void cp_format_months(double months, char *buf, size_t n);
/* A step's effort (1..5) in words: light, moderate, substantial, demanding, very demanding;
 * "-" outside the scale. */
const char *cp_effort_words(double effort);
/* "fewest steps", "fastest", "cheapest", "least effort". */
const char *cp_criterion_superlative(cp_criterion c);

/* The k best routes (q->k) from q->from to any of `targets` (q->to is not used), by the query
 * (its limits, avoided roles, holdings): each target asked in turn, the routes merged and
 * sorted by the objective, then by the order of the targets. Each route ends at the target it
 * reaches. O(targets) route searches. Fails as cp_route_search; CP_EINVAL for no targets. */
cp_status cp_route_search_any(const cp_router *r, const cp_query *q, const size_t *targets,
                              size_t n_targets, cp_route_list **out, cp_error *err);

#endif /* CAREERPATH_H */
