/* SPDX-License-Identifier: MIT */
/*
 * top_table.h - telemetry_top: lay columns out in a given width.
 *
 * A table never wraps.  When it is too wide, text columns shrink to their
 * minimum first (cut with an ellipsis), then the least important columns
 * are dropped, then text columns shrink further (to TOP_COL_FLOOR), and
 * what still does not fit is cut at the edge.
 */
#ifndef READERS_TOP_TABLE_H
#define READERS_TOP_TABLE_H

#include <stddef.h>

struct top_col {
	const char *title;
	int min, max;			/* display columns */
	int right;			/* right-aligned (numbers) */
	int prio;			/* 0: always kept; higher: dropped sooner */
};

/* Narrowest a text column gets when nothing else can give. */
#define TOP_COL_FLOOR 4

/* Largest line a table produces, in bytes (columns can be 4-byte characters). */
#define TOP_LINE_MAX 16384

/*
 * top_layout: widths @w of @n columns whose content needs @need columns
 * each, fitted in @width (0: no limit).  A dropped column gets width 0.
 */
void top_layout(const struct top_col *c, int n, const int *need, int width, int *w);

/*
 * top_join: the cells (already escaped) fitted to @w and separated by one
 * space, into @out (TOP_LINE_MAX bytes), cut at @width if it is not 0.
 * The cell at @span (or none if -1) runs to the end of the line.  The
 * display column where cell @mark starts goes to *@mark_x (-1 if dropped).
 */
void top_join(char *out, const struct top_col *c, int n, const int *w, const char *const *cells,
	      int span, int width, int mark, int *mark_x);

#endif
