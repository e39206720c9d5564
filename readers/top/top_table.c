/* SPDX-License-Identifier: MIT */
/*
 * top_table.c - column layout, cuts that keep rows apart, and line
 * assembly (see top_table.h).
 */
#include <string.h>
#include "top_table.h"
#include "top_text.h"

/* Rows a cut is compared with: enough for any screen, and bounded for a batch of thousands. */
#define APART_WINDOW 256

static int total_width(const int *w, int n)
{
	int t = 0, shown = 0;

	for (int i = 0; i < n; i++)
		if (w[i]) {
			t += w[i];
			shown++;
		}
	return shown ? t + shown - 1 : 0;
}

static int is_text(const struct top_col *c)
{
	return !c->right && c->max > c->min;
}

/* Take one column from the text column with the most above @floor, so they even out. */
static int shrink_one(const struct top_col *c, int n, int *w, int use_min)
{
	int best = -1, spare = 0;

	for (int i = 0; i < n; i++) {
		int floor = use_min ? c[i].min : TOP_COL_FLOOR;

		if (is_text(&c[i]) && w[i] > floor && w[i] - floor > spare) {
			best = i;
			spare = w[i] - floor;
		}
	}
	if (best < 0)
		return 0;
	w[best]--;
	return 1;
}

/* Give one column back to the text column furthest below what it needs (@want). */
static int grow_one(const struct top_col *c, int n, int *w, const int *want)
{
	int best = -1, short_by = 0;

	for (int i = 0; i < n; i++)
		if (w[i] && is_text(&c[i]) && want[i] - w[i] > short_by) {
			best = i;
			short_by = want[i] - w[i];
		}
	if (best < 0)
		return 0;
	w[best]++;
	return 1;
}

void top_layout(const struct top_col *c, int n, const int *need, int width, int *w)
{
	int want[TOP_COLS_MAX], dropped = 0;

	for (int i = TOP_COLS_MAX; i < n; i++)
		w[i] = 0;
	if (n > TOP_COLS_MAX)
		n = TOP_COLS_MAX;
	for (int i = 0; i < n; i++)
		w[i] = want[i] = need[i] < 0 ? 0 : need[i] < c[i].min ? c[i].min :
				 need[i] > c[i].max ? c[i].max : need[i];
	if (width <= 0)
		return;
	/* Text columns give way down to their minimum... */
	while (total_width(w, n) > width && shrink_one(c, n, w, 1))
		;
	/* ...then the least important columns go... */
	while (total_width(w, n) > width) {
		int drop = -1;

		for (int i = 0; i < n; i++)
			if (w[i] && c[i].prio && (drop < 0 || c[i].prio > c[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		w[drop] = 0;
		dropped = 1;
	}
	/* ...and the names take back what a dropped column left over. */
	while (dropped && total_width(w, n) < width && grow_one(c, n, w, want))
		;
	/* ...then text columns give way again; what still does not fit is cut by top_join. */
	while (total_width(w, n) > width && shrink_one(c, n, w, 0))
		;
}

/*
 * Cell @r cut to @width with @head columns of its start reads "H…T": is
 * there another cell, among the rows around it, that starts with H and
 * ends with T, so that the cut cannot tell them apart?
 */
static int apart(const char *const *cells, size_t rows, size_t r, int width, int head)
{
	size_t lo = r - r % APART_WINDOW, hi = lo + APART_WINDOW < rows ? lo + APART_WINDOW : rows;
	const char *s = cells[r];
	size_t hb, tb, sl = strlen(s);
	int hc;

	hb = txt_prefix(s, head, &hc);
	tb = sl - txt_suffix(s, width - 1 - hc);
	for (size_t i = lo; i < hi; i++) {
		const char *t = cells[i];
		size_t tl;

		if (i == r || strncmp(s, t, hb) || !strcmp(s, t))
			continue;
		tl = strlen(t);
		if (tl >= hb + tb && !memcmp(s + sl - tb, t + tl - tb, tb))
			return 0;
	}
	return 1;
}

/* Does a cut keeping @head columns of the start keep every cut cell apart from the others? */
static int all_apart(const char *const *cells, size_t rows, int width, int head)
{
	for (size_t r = 0; r < rows; r++)
		if (txt_width(cells[r]) > width && !apart(cells, rows, r, width, head))
			return 0;
	return 1;
}

/* From @pref outwards, the first head in 0..@room that @ok accepts; -1 if none. */
static int search(int pref, int room, int (*ok)(const char *const *, size_t, size_t, int, int),
		  const char *const *cells, size_t rows, size_t r, int width)
{
	for (int d = 0; d <= room; d++) {
		if (pref + d <= room && ok(cells, rows, r, width, pref + d))
			return pref + d;
		if (d && pref - d >= 0 && ok(cells, rows, r, width, pref - d))
			return pref - d;
	}
	return -1;
}

/* search()'s test for one place that serves the whole column (@r unused). */
static int column_ok(const char *const *cells, size_t rows, size_t r, int width, int head)
{
	return all_apart(cells, rows, width, head);
}

void top_heads(const struct top_col *c, const char *const *cells, size_t rows, int width, int *head)
{
	int room = width - 1, pref = room / 2, all, cut = 0;

	for (size_t r = 0; r < rows; r++) {
		head[r] = -1;
		if (is_text(c) && width >= 2 && txt_width(cells[r]) > width)
			cut = 1;
	}
	if (!cut)
		return;
	/*
	 * One place for the whole column reads best; if no single place keeps
	 * every row apart, each cut cell finds its own.
	 */
	all = search(pref, room, column_ok, cells, rows, 0, width);
	for (size_t r = 0; r < rows; r++) {
		if (txt_width(cells[r]) <= width)
			continue;
		head[r] = all >= 0 ? all : search(pref, room, apart, cells, rows, r, width);
		if (head[r] < 0)
			head[r] = pref;
	}
}

void top_join(char *out, const struct top_col *c, int n, const int *w, const char *const *cells,
	      const int *head, int span, int width, int mark, int *mark_x)
{
	char cell[TOP_LINE_MAX];
	size_t o = 0;
	int x = 0;

	if (mark_x)
		*mark_x = -1;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		int cw = w[i], h;
		size_t len;

		if (!cw)
			continue;
		if (i == span) {
			/* The rest of the line: every later column's room, and their gaps. */
			for (int j = i + 1; j < n; j++)
				if (w[j])
					cw += w[j] + 1;
		}
		if (x) {
			out[o++] = ' ';
			x++;
		}
		if (i == mark && mark_x)
			*mark_x = x;
		h = head ? head[i] : is_text(&c[i]) ? (cw - 1) / 2 : -1;
		len = txt_fit_cut(cell, sizeof(cell), cells[i], cw, c[i].right, h);
		if (o + len + 2 > TOP_LINE_MAX)
			break;
		memcpy(out + o, cell, len + 1);
		o += len;
		x += cw;
		if (i == span)
			break;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = 0;
	if (width > 0 && x > width) {
		txt_fit(cell, sizeof(cell), out, width, 0);
		memcpy(out, cell, strlen(cell) + 1);
	}
}
