/* render_map.c: the career map's grid: levels as columns, domains as lanes, roles in cells. */
#include "render_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sizes in points. A role is a box of fixed width, its name wrapped to fit; roles of one
 * cell are stacked; the gap between two columns grows with the moves that cross it, so
 * their lines and labels have room. */
enum {
  NODE_W = 128,
  LINE_H = 13,
  NODE_PAD = 10,
  CELL_GAP = 10,
  LANE_PAD = 7,
  LANE_GAP = 6,
  GUTTER = 60,
  GUTTER_PER_MOVE = 3,
  GUTTER_MAX = 150,
  HEADER_H = 30,
  TITLE_CHARS = 16, /* a lane title's line, at 12 pt */
  TITLE_CHAR_W = 7,
  TITLE_LINE_H = 15,
  /* Lanes are reordered when there are at most this many: the search is O(L^4). */
  MAX_ORDERED_LANES = 48,
};

static const char *const level_names[] = {
    "Level not given", "Entry", "Early career", "Specialist", "Senior / manager", "Executive"};

const char *cp_render_level_name(int level) {
  return level >= 1 && level <= CP_MAX_LEVEL ? level_names[level] : level_names[0];
}

static int role_level(const cp_role *r) {
  return r->level >= 1 && r->level <= CP_MAX_LEVEL ? r->level : 0;
}

/* ---- lanes ---- */

/* The lanes in a first order: domains as the graph first names them, no domain last. */
static cp_status make_lanes(cp_drawing *d, size_t *lane_of_domain) {
  cp_map *m = &d->map;
  size_t none = SIZE_MAX;
  for (size_t i = 0; i < d->n_domains; i++)
    lane_of_domain[i] = SIZE_MAX;
  m->n_lanes = 0;
  for (size_t i = 0; i < d->g->n_roles; i++) {
    if (!cp_render_drawn(d, i))
      continue;
    size_t di = cp_render_domain_index(d, d->g->roles[i].domain);
    if (lane_of_domain[di] != SIZE_MAX)
      continue;
    if (!*d->g->roles[i].domain)
      none = di;
    else
      m->lane_domain[m->n_lanes++] = di;
    lane_of_domain[di] = 0;
  }
  if (none != SIZE_MAX)
    m->lane_domain[m->n_lanes++] = none;
  for (size_t l = 0; l < m->n_lanes; l++)
    lane_of_domain[m->lane_domain[l]] = l;
  return CP_OK;
}

static double lanes_cost(const size_t *weight, const size_t *order, size_t n) {
  double cost = 0;
  for (size_t a = 0; a < n; a++)
    for (size_t b = a + 1; b < n; b++)
      cost += (double)weight[order[a] * n + order[b]] * (double)(b - a);
  return cost;
}

/* Moves lane `from` of `order` to position `to`. */
static void move_lane(size_t *order, size_t from, size_t to) {
  size_t lane = order[from];
  if (from < to)
    memmove(order + from, order + from + 1, (to - from) * sizeof *order);
  else
    memmove(order + to + 1, order + to, (from - to) * sizeof *order);
  order[to] = lane;
}

/* Orders lanes so that moves between them cross as few others as can be found: moving one
 * lane at a time wherever that lowers the sum over moves of the lanes between their ends,
 * until none does. Deterministic: the first improvement in a fixed order is taken. */
static cp_status order_lanes(cp_drawing *d, const size_t *lane_of_domain) {
  cp_map *m = &d->map;
  size_t n = m->n_lanes;
  if (n < 3 || n > MAX_ORDERED_LANES || d->o->route_only)
    return CP_OK;
  size_t *weight = calloc(n * n, sizeof *weight), *order = malloc(n * sizeof *order);
  if (!weight || !order) {
    free(weight);
    free(order);
    return CP_ENOMEM;
  }
  for (size_t t = 0; t < d->g->n_transitions; t++) {
    if (!cp_render_move_drawn(d, t))
      continue;
    const cp_transition *tr = cp_tr(d->g, t);
    size_t a = lane_of_domain[cp_render_domain_index(d, d->g->roles[tr->from].domain)];
    size_t b = lane_of_domain[cp_render_domain_index(d, d->g->roles[tr->to].domain)];
    weight[a * n + b]++, weight[b * n + a]++;
  }
  for (size_t l = 0; l < n; l++)
    order[l] = l;
  double best = lanes_cost(weight, order, n);
  for (bool improved = true; improved;) {
    improved = false;
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < n; j++) {
        if (i == j)
          continue;
        move_lane(order, i, j);
        double c = lanes_cost(weight, order, n);
        if (c < best) {
          best = c, improved = true;
        } else {
          move_lane(order, j, i);
        }
      }
  }
  size_t *domains = malloc(n * sizeof *domains);
  if (domains) {
    for (size_t l = 0; l < n; l++)
      domains[l] = m->lane_domain[order[l]];
    memcpy(m->lane_domain, domains, n * sizeof *domains);
  }
  free(domains);
  free(weight);
  free(order);
  return domains ? CP_OK : CP_ENOMEM;
}

/* ---- cells ---- */

typedef struct cell_role {
  size_t role;
  double key; /* where its neighbours are, on average */
} cell_role;

static int cmp_cell_role(const void *a, const void *b) {
  const cell_role *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->role < y->role ? -1 : x->role > y->role;
}

/* Each role's neighbours' mean height (its own when it has none). */
static void neighbour_keys(const cp_drawing *d, double *key) {
  const cp_map *m = &d->map;
  double *sum = key;
  size_t *count = calloc(d->g->n_roles ? d->g->n_roles : 1, sizeof *count);
  for (size_t i = 0; i < d->g->n_roles; i++)
    sum[i] = 0;
  for (size_t t = 0; count && t < d->g->n_transitions; t++) {
    if (!cp_render_move_drawn(d, t))
      continue;
    const cp_transition *tr = cp_tr(d->g, t);
    if (tr->from == tr->to)
      continue;
    sum[tr->from] += m->y[tr->to], count[tr->from]++;
    sum[tr->to] += m->y[tr->from], count[tr->to]++;
  }
  for (size_t i = 0; i < d->g->n_roles; i++)
    key[i] = count && count[i] ? sum[i] / (double)count[i] : m->y[i];
  free(count);
}

/* Lane heights and each role's height within its cell, from the order in `cells`: the
 * roles of lane l and column c are cells[start[l * C + c] .. start[l * C + c + 1]). */
static void place_rows(cp_drawing *d, const cell_role *cells, const size_t *start, double title_h) {
  cp_map *m = &d->map;
  size_t C = m->n_columns;
  double top = HEADER_H;
  for (size_t l = 0; l < m->n_lanes; l++) {
    double tallest = title_h;
    for (size_t c = 0; c < C; c++) {
      double h = 0;
      for (size_t k = start[l * C + c]; k < start[l * C + c + 1]; k++)
        h += m->h[cells[k].role] + (k > start[l * C + c] ? CELL_GAP : 0);
      tallest = h > tallest ? h : tallest;
    }
    m->lane_top[l] = top;
    m->lane_bottom[l] = top + tallest + 2 * LANE_PAD;
    double mid = (m->lane_top[l] + m->lane_bottom[l]) / 2;
    for (size_t c = 0; c < C; c++) {
      double h = 0;
      for (size_t k = start[l * C + c]; k < start[l * C + c + 1]; k++)
        h += m->h[cells[k].role] + (k > start[l * C + c] ? CELL_GAP : 0);
      double y = mid - h / 2;
      for (size_t k = start[l * C + c]; k < start[l * C + c + 1]; k++) {
        m->y[cells[k].role] = y + m->h[cells[k].role] / 2;
        y += m->h[cells[k].role] + CELL_GAP;
      }
    }
    top = m->lane_bottom[l] + LANE_GAP;
  }
  m->height = top - LANE_GAP;
}

/* Roles into cells (lane, column), then ordered in each cell by where their neighbours are
 * (four rounds of the barycentre heuristic; ties in graph order). */
static cp_status place_cells(cp_drawing *d, double title_h) {
  cp_map *m = &d->map;
  size_t C = m->n_columns, n_cells = m->n_lanes * C, n = 0;
  size_t *start = calloc(n_cells + 1, sizeof *start);
  cell_role *cells = malloc((d->g->n_roles ? d->g->n_roles : 1) * sizeof *cells);
  double *key = malloc((d->g->n_roles ? d->g->n_roles : 1) * sizeof *key);
  if (!start || !cells || !key) {
    free(start), free(cells), free(key);
    return CP_ENOMEM;
  }
  for (size_t i = 0; i < d->g->n_roles; i++)
    if (cp_render_drawn(d, i))
      start[m->lane_of[i] * C + m->column_of[i] + 1]++;
  for (size_t c = 0; c < n_cells; c++)
    start[c + 1] += start[c];
  size_t *fill = calloc(n_cells ? n_cells : 1, sizeof *fill);
  for (size_t i = 0; fill && i < d->g->n_roles; i++)
    if (cp_render_drawn(d, i)) {
      size_t c = m->lane_of[i] * C + m->column_of[i];
      cells[start[c] + fill[c]++] = (cell_role){i, (double)i};
      n++;
    }
  for (int round = 0; fill && round <= 4; round++) {
    place_rows(d, cells, start, title_h);
    if (round == 4)
      break;
    neighbour_keys(d, key);
    for (size_t k = 0; k < n; k++)
      cells[k].key = key[cells[k].role];
    for (size_t c = 0; c < n_cells; c++)
      qsort(cells + start[c], start[c + 1] - start[c], sizeof *cells, cmp_cell_role);
  }
  cp_status st = fill ? CP_OK : CP_ENOMEM;
  free(fill), free(start), free(cells), free(key);
  return st;
}

/* ---- columns ---- */

/* Columns for the levels present, entry first; roles without a level last. The gap before
 * each column widens with the moves crossing it. */
static void place_columns(cp_drawing *d, double title_w) {
  cp_map *m = &d->map;
  bool used[CP_MAX_LEVEL + 1] = {false};
  int column_of_level[CP_MAX_LEVEL + 1];
  for (size_t i = 0; i < d->g->n_roles; i++)
    if (cp_render_drawn(d, i))
      used[role_level(&d->g->roles[i])] = true;
  m->n_columns = 0;
  for (int l = 1; l <= CP_MAX_LEVEL + 1; l++) {
    int level = l > CP_MAX_LEVEL ? 0 : l;
    column_of_level[level] = used[level] ? (int)m->n_columns : -1;
    if (used[level])
      m->column_level[m->n_columns++] = level;
  }
  for (size_t i = 0; i < d->g->n_roles; i++)
    m->column_of[i] = (size_t)column_of_level[role_level(&d->g->roles[i])];
  size_t crossing[CP_MAX_LEVEL + 2] = {0}; /* moves crossing the gap before each column */
  for (size_t t = 0; t < d->g->n_transitions; t++) {
    if (!cp_render_move_drawn(d, t))
      continue;
    size_t a = m->column_of[cp_tr(d->g, t)->from], b = m->column_of[cp_tr(d->g, t)->to];
    for (size_t c = (a < b ? a : b) + 1; c <= (a < b ? b : a); c++)
      crossing[c]++;
  }
  double x = title_w + GUTTER / 2.0;
  for (size_t c = 0; c < m->n_columns; c++) {
    double gap = c ? GUTTER + GUTTER_PER_MOVE * (double)crossing[c] : 0;
    x += gap > GUTTER_MAX ? GUTTER_MAX : gap;
    m->column_x[c] = x + NODE_W / 2.0;
    x += NODE_W;
  }
  m->width = x + GUTTER / 2.0;
}

/* ---- the map ---- */

static cp_status map_alloc(cp_drawing *d) {
  cp_map *m = &d->map;
  size_t roles = d->g->n_roles ? d->g->n_roles : 1, lanes = d->n_domains ? d->n_domains : 1;
  m->lane_of = calloc(roles, sizeof *m->lane_of);
  m->column_of = calloc(roles, sizeof *m->column_of);
  m->x = calloc(roles, sizeof *m->x);
  m->y = calloc(roles, sizeof *m->y);
  m->w = calloc(roles, sizeof *m->w);
  m->h = calloc(roles, sizeof *m->h);
  m->lane_domain = calloc(lanes, sizeof *m->lane_domain);
  m->lane_top = calloc(lanes, sizeof *m->lane_top);
  m->lane_bottom = calloc(lanes, sizeof *m->lane_bottom);
  return m->lane_of && m->column_of && m->x && m->y && m->w && m->h && m->lane_domain &&
                 m->lane_top && m->lane_bottom
             ? CP_OK
             : CP_ENOMEM;
}

/* The lane titles' column: as wide as the longest line of a title, and the height of the
 * tallest title. */
static cp_status titles_size(cp_drawing *d, double *w, double *h) {
  cp_buf label = {0}, text = {0};
  cp_status st = CP_OK;
  *w = 80, *h = 0;
  for (size_t l = 0; l < d->map.n_lanes && !st; l++) {
    size_t lines = 0, longest = 0;
    if (!(st = cp_render_domain_label(d, d->domains[d->map.lane_domain[l]], &label)))
      st = cp_render_wrapped_text(label.data, TITLE_CHARS, "\n", &text, &lines);
    for (char *line = text.data; !st && line && *line;) {
      size_t len = strcspn(line, "\n"), cps = 0;
      for (size_t k = 0; k < len; k++)
        cps += ((unsigned char)line[k] & 0xC0) != 0x80;
      longest = cps > longest ? cps : longest;
      line += len + (line[len] == '\n');
    }
    double tw = (double)longest * TITLE_CHAR_W + 20, th = (double)lines * TITLE_LINE_H;
    *w = tw > *w ? tw : *w;
    *h = th > *h ? th : *h;
  }
  cp_buf_free(&label);
  cp_buf_free(&text);
  return st;
}

cp_status cp_render_map_place(cp_drawing *d) {
  cp_map *m = &d->map;
  cp_status st = map_alloc(d);
  size_t *lane_of_domain = malloc((d->n_domains ? d->n_domains : 1) * sizeof *lane_of_domain);
  cp_buf text = {0};
  double title_w = 0, title_h = 0;
  if (!st && !lane_of_domain)
    st = CP_ENOMEM;
  if (!st && !(st = make_lanes(d, lane_of_domain)) && !(st = order_lanes(d, lane_of_domain))) {
    for (size_t l = 0; l < m->n_lanes; l++)
      lane_of_domain[m->lane_domain[l]] = l;
    for (size_t i = 0; i < d->g->n_roles; i++)
      m->lane_of[i] = lane_of_domain[cp_render_domain_index(d, d->g->roles[i].domain)];
    st = titles_size(d, &title_w, &title_h);
  }
  for (size_t i = 0; !st && i < d->g->n_roles; i++) {
    size_t lines = 1;
    if (cp_render_drawn(d, i))
      st = cp_render_wrapped_text(d->g->roles[i].label, CP_RENDER_NODE_CHARS, "\\n", &text, &lines);
    m->w[i] = NODE_W;
    m->h[i] = (double)lines * LINE_H + NODE_PAD;
  }
  if (!st) {
    m->title_w = title_w;
    place_columns(d, title_w);
    /* A role not drawn may have a level no column shows. */
    for (size_t i = 0; i < d->g->n_roles; i++)
      if (cp_render_drawn(d, i))
        m->x[i] = m->column_x[m->column_of[i]];
    st = place_cells(d, title_h);
  }
  cp_buf_free(&text);
  free(lane_of_domain);
  return st;
}

/* ---- domain names ---- */

/* The label the graph's domain_label attribute gives `domain`, or NULL. */
static const char *listed_label(const char *list, const char *domain, size_t *len) {
  size_t dl = strlen(domain);
  for (const char *p = list; p && *p;) {
    while (*p == ' ' || *p == ';')
      p++;
    const char *eq = strchr(p, '='), *end = strchr(p, ';');
    if (!end)
      end = p + strlen(p);
    if (eq && eq < end && (size_t)(eq - p) >= dl && !strncmp(p, domain, dl)) {
      const char *k = p + dl;
      while (k < eq && *k == ' ')
        k++;
      if (k == eq) {
        const char *v = eq + 1;
        while (v < end && *v == ' ')
          v++;
        *len = (size_t)(end - v);
        while (*len && v[*len - 1] == ' ')
          (*len)--;
        return *len ? v : NULL;
      }
    }
    p = end;
  }
  return NULL;
}

/* Title case: words split at '-', '_' and spaces, each capitalised; a two-letter word is an
 * abbreviation (IT, HR, QA) unless it is a short word of English (of, in, to ...). */
static cp_status title_case(const char *domain, cp_buf *out) {
  static const char *const small[] = {"of", "in", "to", "on", "at", "by", "or", "an", "as", "and"};
  cp_status st = CP_OK;
  for (const char *p = domain; *p && !st;) {
    size_t len = strcspn(p, "-_ ");
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), p);
    bool is_small = false;
    for (size_t k = 0; k < sizeof small / sizeof small[0]; k++)
      is_small |= !cp_strcasecmp_ascii(word, small[k]);
    for (size_t k = 0; word[k]; k++) {
      unsigned char ch = (unsigned char)word[k];
      if (len == 2 && !is_small && isalpha(ch))
        word[k] = (char)toupper(ch);
      else if (k == 0 && !(is_small && p != domain) && ch < 128)
        word[k] = (char)toupper(ch);
    }
    st = cp_buf_puts(out, word);
    p += len;
    if (*p && !st)
      st = cp_buf_puts(out, " ");
    while (*p == '-' || *p == '_' || *p == ' ')
      p++;
  }
  return st;
}

cp_status cp_render_domain_label(const cp_drawing *d, const char *domain, cp_buf *out) {
  out->len = 0;
  cp_status st = cp_buf_append(out, "", 0);
  if (!*domain)
    return st ? st : cp_buf_puts(out, "No domain");
  size_t len = 0;
  const char *listed = listed_label(cp_graph_attr(d->g, "domain_label"), domain, &len);
  if (listed)
    return st ? st : cp_buf_append(out, listed, len);
  return st ? st : title_case(domain, out);
}

/* ---- pinning ---- */

/* A lane: a band across the map with its name at the left, in Graphviz's coordinates. */
static cp_status draw_lane(cp_drawing *d, size_t l, cp_buf *tmp) {
  const cp_map *m = &d->map;
  char name[64];
  snprintf(name, sizeof name, "cluster_lane_%zu", l);
  Agraph_t *c = agsubg(d->ag, name, 1);
  size_t lines;
  cp_buf label = {0};
  cp_status st = cp_render_domain_label(d, d->domains[m->lane_domain[l]], &label);
  if (!st)
    st = cp_render_wrapped_text(label.data, TITLE_CHARS, "\\n", tmp, &lines);
  cp_buf_free(&label);
  if (st)
    return st;
  cp_render_set(c, "label", tmp->data);
  cp_render_setf(c, "bb", "%g,%g,%g,%g", 0.0, -m->lane_bottom[l], m->width, -m->lane_top[l]);
  cp_render_setf(c, "lp", "%g,%g", m->title_w / 2, -(m->lane_top[l] + m->lane_bottom[l]) / 2);
  cp_render_set(c, "fontsize", "12");
  cp_render_set(c, "fillcolor", l % 2 ? "#F7F7F7" : "#EDEDED");
  cp_render_setf(c, "id", "lane_%zu", l);
  return CP_OK;
}

/* The level headers across the top. */
static void draw_headers(cp_drawing *d) {
  const cp_map *m = &d->map;
  char name[32];
  for (size_t c = 0; c < m->n_columns; c++) {
    snprintf(name, sizeof name, "level_%d", m->column_level[c]);
    Agnode_t *n = cp_render_helper_node(d->ag, name);
    char label[64];
    snprintf(label, sizeof label, "<B>%s</B>", cp_render_level_name(m->column_level[c]));
    cp_render_set_html(n, "label", label);
    cp_render_set(n, "shape", "plaintext");
    cp_render_set(n, "style", "");
    cp_render_set(n, "fontsize", "12");
    cp_render_setf(n, "width", "%g", NODE_W / 72.0);
    cp_render_setf(n, "height", "%g", (HEADER_H - 8) / 72.0);
    cp_render_setf(n, "pos", "%g,%g!", m->column_x[c], -HEADER_H / 2.0);
  }
}

cp_status cp_render_map_draw(cp_drawing *d, cp_buf *tmp) {
  const cp_map *m = &d->map;
  for (size_t l = 0; l < m->n_lanes; l++) {
    cp_status st = draw_lane(d, l, tmp);
    if (st)
      return st;
  }
  draw_headers(d);
  for (size_t i = 0; i < d->g->n_roles; i++) {
    if (!d->nodes[i])
      continue;
    cp_render_setf(d->nodes[i], "pos", "%g,%g!", m->x[i], -m->y[i]);
    cp_render_setf(d->nodes[i], "width", "%g", m->w[i] / 72.0);
    cp_render_setf(d->nodes[i], "height", "%g", m->h[i] / 72.0);
    cp_render_set(d->nodes[i], "fixedsize", "true");
  }
  d->legend_top = m->height + 14;
  return CP_OK;
}
