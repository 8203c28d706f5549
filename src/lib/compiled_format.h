/* compiled_format.h: the compiled graph image's header and records (docs/compiled-graph.md),
 * shared by its writer (compile.c) and its reader (compiled.c). */
#ifndef CP_COMPILED_FORMAT_H
#define CP_COMPILED_FORMAT_H

#include "internal.h"

#include <stdint.h>
#include <xxhash.h>

/* Every number is in the byte order of the machine that wrote the image; `order` says which
 * (CPG_ORDER as written there), so a reader of the other order refuses the image rather
 * than misread it. Sections start at multiples of 8 bytes; string fields are offsets into the
 * string table, whose last byte is a NUL. */
#define CPG_MAGIC "CPGRAPH\n"
enum { CPG_MAGIC_BYTES = 8, CPG_ORDER = 0x01020304u, CPG_CHECKED_FROM = 40 };

/* The sections in file order. The head (up to CPG_T_FROM) is what a load reads and checks
 * whole; the bulk (the transitions' columns and the router's arrays: nearly all of a large
 * image) is read where it lies, each part when first used (docs/compiled-graph.md). */
enum cpg_section {
  CPG_ROLES,
  CPG_CREDENTIALS,
  CPG_ATTRS,
  CPG_REQUIRES,
  CPG_STRINGS,
  CPG_ID_SLOTS, /* the role ids' hash table: role number + 1 per slot, 0 empty */
  CPG_EXTRAS,   /* the transitions that have a note, source, requirement or attribute */
  /* The bulk: per transition its ends, `has` bits and line; then struct cp_router's arrays:
   * its compressed rows by source and by target, the other end of each entry, the weights
   * per criterion (the transitions' own) and the catalogue credentials each requires. */
  CPG_T_FROM,
  CPG_T_TO,
  CPG_T_HAS,
  CPG_T_LINE,
  CPG_OUT_START,
  CPG_OUT_TR,
  CPG_IN_START,
  CPG_IN_TR,
  CPG_OUT_HEAD,
  CPG_IN_TAIL,
  CPG_W_STEPS, /* then months, cost, effort: cp_router's w[] in criterion order */
  CPG_W_MONTHS,
  CPG_W_COST,
  CPG_W_EFFORT,
  CPG_REQ_START,
  CPG_REQ_CRED,
  CPG_SECTIONS,
  CPG_BULK = CPG_T_FROM
};

typedef struct cpg_header {
  char magic[CPG_MAGIC_BYTES];
  uint32_t version, order;
  uint64_t file_bytes;
  uint64_t checksum;            /* XXH3-64 of bytes CPG_CHECKED_FROM .. offset[CPG_BULK] */
  uint64_t bulk_checksum;       /* XXH3-64 of bytes offset[CPG_BULK] .. file_bytes */
  uint64_t count[CPG_SECTIONS]; /* records per section; bytes for the strings */
  uint64_t offset[CPG_SECTIONS];
  uint32_t name, graph_attr_first, graph_attrs, carried; /* carried: cp_router's */
  uint32_t has_all, has_any; /* the transitions' `has` bits ANDed and ORed */
} cpg_header;

typedef struct cpg_role {
  uint32_t id, label, domain;
  int32_t level;
  uint32_t attr_first, n_attrs;
  uint64_t line;
} cpg_role;

/* What a transition carries besides its ends, weights, `has` and line; only transitions with
 * any of it have a record, in increasing transition order. */
typedef struct cpg_extra {
  uint32_t transition, note, source, req_first, n_req, attr_first, n_attrs, reserved;
} cpg_extra;

typedef struct cpg_credential {
  uint32_t name, source;
  double months, cost;
} cpg_credential;

typedef struct cpg_attr {
  uint32_t key, value;
} cpg_attr;

_Static_assert(sizeof(cpg_header) == 432, "the header is 432 bytes");
_Static_assert(sizeof(size_t) == 8, "router arrays are stored as they are in memory");
_Static_assert(sizeof(cpg_role) == 32, "a role record is 32 bytes");
_Static_assert(sizeof(cpg_extra) == 32, "an extra record is 32 bytes");
_Static_assert(sizeof(cpg_credential) == 24, "a credential record is 24 bytes");
_Static_assert(sizeof(cpg_attr) == 8, "an attribute record is 8 bytes");

/* Record size per section (strings and `has`: 1 byte). */
static const size_t cpg_record_bytes[CPG_SECTIONS] = {sizeof(cpg_role),
                                                      sizeof(cpg_credential),
                                                      sizeof(cpg_attr),
                                                      4,
                                                      1,
                                                      4,
                                                      sizeof(cpg_extra),
                                                      4,
                                                      4,
                                                      1,
                                                      8, /* t_from, t_to, t_has, t_line */
                                                      8,
                                                      8,
                                                      8,
                                                      8,
                                                      4,
                                                      4,
                                                      8,
                                                      8,
                                                      8,
                                                      8,
                                                      8,
                                                      8};

/* The slot of a role id in a table of `mask` + 1 slots (a power of two): XXH3-64 of its
 * bytes, then the next slot while a slot holds another id. */
static inline uint64_t cpg_id_hash(const char *id, size_t len) { return XXH3_64bits(id, len); }

#endif /* CP_COMPILED_FORMAT_H */
