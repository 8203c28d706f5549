/* cmd_render.h: `careerpath render`'s state, shared by its files (cmd_render.c: options and
 * the drawing; render_select.c: which roles are drawn; render_batch.c: a diagram per row). */
#ifndef CP_CLI_CMD_RENDER_H
#define CP_CLI_CMD_RENDER_H

#include "groups.h"

enum { RENDER_MAX_DOMAINS = 64 };

typedef struct render_state {
  /* options */
  const char *title, *focus, *layout, *out_dir;
  const char *domains[RENDER_MAX_DOMAINS];
  size_t n_domains, radius, top;
  cp_cli_criterion_choice by;
  int communities; /* --communities given: roles grouped by community, not domain */
  cp_community_method method;
  /* the drawing, once computed */
  unsigned char *shown; /* per role, when only some are drawn */
  cp_route_list *routes;
  char question[1024];
  char (*route_names)[256]; /* each route's heading in the key */
  const char **route_labels;
  cp_render_options ro;
} render_state;

/* Groups roles by community instead of domain (each role's domain becomes "community N"). */
int cp_cli_render_communities(cp_cli_run *x, const render_state *s);
/* Which roles are drawn (--focus, --radius, --top, --domain) into s->shown and s->ro.shown;
 * nothing when every role is. */
int cp_cli_render_select(cp_cli_run *x, render_state *s);
/* render --batch: a diagram per row into s->out_dir and an index.html linking them. */
int cp_cli_render_batch(cp_cli_run *x, const render_state *s, cp_out_format f);

#endif /* CP_CLI_CMD_RENDER_H */
