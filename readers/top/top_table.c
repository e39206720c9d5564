/* SPDX-License-Identifier: MIT */
/*
 * top_table.c - column layout and line assembly (see top_table.h).
 */
#include <string.h>
#include "top_table.h"
#include "top_text.h"

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

/* Take one column from the text column with the most above @floor, so they even out. */
static int shrink_one(const struct top_col *c, int n, int *w, int use_min)
{
	int best = -1, spare = 0;

	for (int i = 0; i < n; i++) {
		int floor = use_min ? c[i].min : TOP_COL_FLOOR;

		/* Fixed-width columns are numbers: never cut those. */
		if (c[i].max > c[i].min && w[i] > floor && w[i] - floor > spare) {
			best = i;
			spare = w[i] - floor;
		}
	}
	if (best < 0)
		return 0;
	w[best]--;
	return 1;
}

void top_layout(const struct top_col *c, int n, const int *need, int width, int *w)
{
	for (int i = 0; i < n; i++)
		w[i] = need[i] < c[i].min ? c[i].min : need[i] > c[i].max ? c[i].max : need[i];
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
	}
	/* ...then text columns give way again; what still does not fit is cut by top_join. */
	while (total_width(w, n) > width && shrink_one(c, n, w, 0))
		;
}

void top_join(char *out, const struct top_col *c, int n, const int *w, const char *const *cells,
	      int span, int width, int mark, int *mark_x)
{
	char cell[TOP_LINE_MAX];
	size_t o = 0;
	int x = 0;

	if (mark_x)
		*mark_x = -1;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		int cw = w[i];
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
		txt_fit(cell, sizeof(cell), cells[i], cw, c[i].right);
		len = strlen(cell);
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
