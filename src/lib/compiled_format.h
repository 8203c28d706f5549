/* compiled_format.h: the compiled graph image's header and records (docs/compiled-graph.md),
 * shared by its writer (compile.c) and its reader (compiled.c). */
#ifndef CP_COMPILED_FORMAT_H
#define CP_COMPILED_FORMAT_H

#include "internal.h"

#include <stdint.h>

/* Every number is in the byte order of the machine that wrote the image; `order` says which
 * (CPG_ORDER as written there), so a reader of the other order refuses the image rather
 * than misread it. Sections start at multiples of 8 bytes; string fields are offsets into the
 * string table, whose last byte is a NUL. */
#define CPG_MAGIC "CPGRAPH\n"
enum { CPG_MAGIC_BYTES = 8, CPG_ORDER = 0x01020304u, CPG_CHECKED_FROM = 32 };

enum cpg_section {
  CPG_ROLES,
  CPG_TRANSITIONS,
  CPG_CREDENTIALS,
  CPG_ATTRS,
  CPG_REQUIRES,
  CPG_STRINGS,
  /* The router's arrays (struct cp_router), read in place: its compressed rows by source and
   * by target, the other end of each entry, the weights per criterion and
   * the catalogue credentials each transition requires. */
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
  CPG_SECTIONS
};

typedef struct cpg_header {
  char magic[CPG_MAGIC_BYTES];
  uint32_t version, order;
  uint64_t file_bytes;
  uint64_t checksum;            /* XXH3-64 of bytes CPG_CHECKED_FROM .. file_bytes */
  uint64_t count[CPG_SECTIONS]; /* records per section; bytes for the strings */
  uint64_t offset[CPG_SECTIONS];
  uint32_t name, graph_attr_first, graph_attrs, carried; /* carried: cp_router's */
} cpg_header;

typedef struct cpg_role {
  uint32_t id, label, domain;
  int32_t level;
  uint32_t attr_first, n_attrs;
  uint64_t line;
} cpg_role;

typedef struct cpg_transition {
  uint32_t from, to;
  double months, cost, effort; /* NaN where `has` lacks the bit */
  uint32_t has, note, source, req_first, n_req, attr_first, n_attrs, reserved;
  uint64_t line;
} cpg_transition;

typedef struct cpg_credential {
  uint32_t name, source;
  double months, cost;
} cpg_credential;

typedef struct cpg_attr {
  uint32_t key, value;
} cpg_attr;

_Static_assert(sizeof(cpg_header) == 336, "the header is 336 bytes");
_Static_assert(sizeof(size_t) == 8, "router arrays are stored as they are in memory");
_Static_assert(sizeof(cpg_role) == 32, "a role record is 32 bytes");
_Static_assert(sizeof(cpg_transition) == 72, "a transition record is 72 bytes");
_Static_assert(sizeof(cpg_credential) == 24, "a credential record is 24 bytes");
_Static_assert(sizeof(cpg_attr) == 8, "an attribute record is 8 bytes");

/* Record size per section (strings: 1 byte). */
static const size_t cpg_record_bytes[CPG_SECTIONS] = {sizeof(cpg_role),
                                                      sizeof(cpg_transition),
                                                      sizeof(cpg_credential),
                                                      sizeof(cpg_attr),
                                                      sizeof(uint32_t),
                                                      1,
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

#endif /* CP_COMPILED_FORMAT_H */
