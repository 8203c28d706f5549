/* render_page.c: a drawing fitted to paper (letter, A4 ... A1), and the PNG's resolution. */
#include "render_internal.h"

#include <graphviz/types.h>

/* A third of an inch of margin on every side: inside what printers need. */
#define MARGIN 24.0

bool cp_render_paper_size(cp_paper paper, double *w, double *h) {
  static const double sizes[][2] = {
      [CP_PAPER_LETTER] = {612, 792},     [CP_PAPER_A4] = {595.28, 841.89},
      [CP_PAPER_A3] = {841.89, 1190.55},  [CP_PAPER_A2] = {1190.55, 1683.78},
      [CP_PAPER_A1] = {1683.78, 2383.94},
  };
  if (paper < CP_PAPER_LETTER || paper > CP_PAPER_A1)
    return false;
  *w = sizes[paper][0];
  *h = sizes[paper][1];
  return true;
}

/* The scale that fits a w x h drawing on the paper, turned whichever way holds it larger
 * (the page turns, the drawing does not); *pw and *ph become the page, turned. */
static double fit_scale(double w, double h, double *pw, double *ph) {
  double aw = *pw - 2 * MARGIN, ah = *ph - 2 * MARGIN;
  double portrait = aw / w < ah / h ? aw / w : ah / h;
  double landscape = ah / w < aw / h ? ah / w : aw / h;
  if (landscape > portrait) {
    double t = *pw;
    *pw = *ph, *ph = t;
    return landscape;
  }
  return portrait;
}

/* The drawing is scaled to fill the paper, but never so far that its smallest text falls
 * below CP_RENDER_MIN_TEXT. A PDF is one page of the paper, the drawing centred on it (its
 * bounding box widened to the page's shape); a drawing too large for that at the smallest
 * text gets a page as large as it needs (Graphviz 2.42's cairo PDF cannot split pages). Set
 * after layout, since the scale depends on the drawing's size; the renderer reads these
 * fields when it starts the job. */
void cp_render_fit_page(const cp_drawing *d, Agraph_t *ag) {
  layout_t *page = GD_drawing(ag);
  if (d->format == CP_FORMAT_PNG)
    page->dpi = d->o->dpi > 0 ? d->o->dpi : CP_RENDER_DEFAULT_DPI;
  double pw, ph;
  if (!cp_render_paper_size(d->o->paper, &pw, &ph))
    return;
  boxf bb = GD_bb(ag);
  double w = bb.UR.x - bb.LL.x, h = bb.UR.y - bb.LL.y;
  if (w <= 0 || h <= 0)
    return;
  double scale = fit_scale(w, h, &pw, &ph);
  double floor = CP_RENDER_MIN_TEXT / CP_RENDER_SMALLEST_FONT;
  if (scale < floor)
    scale = floor;
  double aw = pw - 2 * MARGIN, ah = ph - 2 * MARGIN;
  if (d->format == CP_FORMAT_PDF) {
    cp_render_setf(ag, "margin", "%g", MARGIN / 72);
    cp_render_set(ag, "pad", "0"); /* the margin is the page's only border */
    if (w * scale <= aw + 0.01 && h * scale <= ah + 0.01) {
      double dx = (aw / scale - w) / 2, dy = (ah / scale - h) / 2;
      bb.LL.x -= dx, bb.UR.x += dx, bb.LL.y -= dy, bb.UR.y += dy;
      GD_bb(ag) = bb;
      w = aw / scale, h = ah / scale;
    }
  }
  page->size.x = w * scale;
  page->size.y = h * scale;
  page->filled = TRUE; /* scale up as well as down */
  page->centered = TRUE;
  page->landscape = FALSE;
}
