/* SPDX-License-Identifier: MIT */
/*
 * top_table.h - telemetry_top: lay columns out in a given width.
 *
 * A table never wraps.  When it is too wide, text columns shrink to their
 * minimum first, then the least important columns are dropped (each view
 * ranks its columns with prio), then text columns shrink further (to
 * TOP_COL_FLOOR), and what still does not fit is cut at the edge.
 * Numbers are never cut: their columns grow to their widest cell (a unit
 * included), up to max, and never shrink.
 *
 * Text too long for its column is cut so that rows stay apart: names keep
 * their start and their end with an ellipsis between (what tells
 * "worker-gpu0" from "worker-gpu1" is at the end), and the cut moves when a
 * row would still read like another (top_heads).
 */
#ifndef READERS_TOP_TABLE_H
#define READERS_TOP_TABLE_H

#include <stddef.h>

/*
 * A left-aligned column whose max is above its min is text: it shrinks,
 * and what does not fit is cut in the middle.  A right-aligned column is
 * numbers: it grows to its widest cell (up to max) and never shrinks.
 */
struct top_col {
	const char *title;
	int min, max;			/* display columns */
	int right;			/* right-aligned (numbers) */
	int prio;			/* 0: always kept; higher: dropped sooner */
};

/* Most columns a table has. */
#define TOP_COLS_MAX 16

/* Narrowest a text column gets when nothing else can give. */
#define TOP_COL_FLOOR 4

/* Largest line a table produces, in bytes (columns can be 4-byte characters). */
#define TOP_LINE_MAX 16384

/*
 * top_layout: widths @w of @n columns whose content needs @need columns
 * each (@n at most TOP_COLS_MAX), fitted in @width (0: no limit).  A
 * column whose need is negative is left out, and a dropped column gets
 * width 0 too.  When columns were dropped, text columns take back the
 * room left over.
 */
void top_layout(const struct top_col *c, int n, const int *need, int width, int *w);

/*
 * top_heads: for the @rows cells (escaped) of a column @c fitted in @width
 * columns, the head txt_fit_cut() keeps in each: -1 for a cell that fits,
 * or of a number column (cut at its end, if ever).  A middle cut keeps as
 * much of the end as of the start (or one column more), and moves when
 * the cell would read as the start and the end of another cell (compared
 * with the 256 rows around it).
 */
void top_heads(const struct top_col *c, const char *const *cells, size_t rows, int width, int *head);

/*
 * top_join: the cells (already escaped) fitted to @w and separated by one
 * space, into @out (TOP_LINE_MAX bytes), cut at @width if it is not 0.
 * @head (NULL: each column's default) is what top_heads() chose for each
 * cell.  The cell at @span (or none if -1) runs to the end of the line.
 * The display column where cell @mark starts goes to *@mark_x (-1 if
 * dropped).
 */
void top_join(char *out, const struct top_col *c, int n, const int *w, const char *const *cells,
	      const int *head, int span, int width, int mark, int *mark_x);

#endif
