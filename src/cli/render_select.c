/* render_select.c: which roles `render` draws: a neighbourhood, the central roles, some
 * domains; and roles grouped by community. */
#include "cmd_render.h"

#include <stdlib.h>
#include <string.h>

int cp_cli_render_communities(cp_cli_run *x, const render_state *s) {
  cp_graph *g = cp_cli_graph_to_edit(x);
  size_t *member = NULL, k = 0;
  double q = 0;
  cp_error e = {0};
  cp_status st = cp_graph_communities(g, s->method, &member, &k, &q, &e);
  for (size_t i = 0; !st && i < cp_graph_role_count(g); i++) {
    char name[64];
    snprintf(name, sizeof name, "community %zu", member[i] + 1);
    st = cp_graph_set_role_domain(g, i, name, &e);
  }
  free(member);
  return cp_cli_status(&x->c, st, &e);
}

/* Keeps in `shown` only the roles within s->radius moves of the focus. */
static int near_focus(cp_cli_run *x, const render_state *s, unsigned char *shown) {
  size_t n = cp_graph_role_count(x->g), at;
  unsigned char *near = calloc(n ? n : 1, 1);
  cp_error e = {0};
  cp_status st;
  if (!near)
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  if (!(st = cp_graph_find_role(x->g, s->focus, &at, &e)) &&
      !(st = cp_graph_neighbourhood(x->g, at, s->radius, near, &e)))
    for (size_t i = 0; i < n; i++)
      shown[i] &= near[i];
  free(near);
  return cp_cli_status(&x->c, st, &e);
}

/* Keeps in `shown` only the roles of the domains asked for; each must have a role. */
static int in_domains(cp_cli_run *x, const render_state *s, unsigned char *shown) {
  size_t n = cp_graph_role_count(x->g);
  for (size_t d = 0; d < s->n_domains; d++) {
    bool any = false;
    for (size_t i = 0; i < n; i++)
      any |= cp_strcasecmp_ascii(cp_graph_role(x->g, i)->domain, s->domains[d]) == 0;
    if (!any)
      return cp_cli_fail(&x->c, CP_EXIT_INPUT, "no role has domain '%s'; see 'careerpath roles'",
                         s->domains[d]);
  }
  for (size_t i = 0; i < n && s->n_domains; i++) {
    bool in = false;
    for (size_t d = 0; d < s->n_domains; d++)
      in |= cp_strcasecmp_ascii(cp_graph_role(x->g, i)->domain, s->domains[d]) == 0;
    shown[i] &= in;
  }
  return CP_EXIT_OK;
}

/* A large map is read a piece at a time: a role's neighbourhood, some domains, the central
 * roles (and with --top and --focus both, the central roles near the focus). */
int cp_cli_render_select(cp_cli_run *x, render_state *s) {
  size_t n = cp_graph_role_count(x->g);
  cp_error e = {0};
  cp_status st;
  int code;
  if (!s->focus && !s->n_domains && !s->top)
    return CP_EXIT_OK;
  if (!(s->shown = calloc(n ? n : 1, 1)))
    return cp_cli_fail(&x->c, CP_EXIT_INTERNAL, "out of memory");
  if (s->top && (st = cp_graph_top_roles(x->g, s->top, s->shown, &e)))
    return cp_cli_status(&x->c, st, &e);
  if (!s->top)
    memset(s->shown, 1, n);
  if ((s->focus && (code = near_focus(x, s, s->shown))) || (code = in_domains(x, s, s->shown)))
    return code;
  s->ro.shown = s->shown;
  return CP_EXIT_OK;
}
