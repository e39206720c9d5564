/* SPDX-License-Identifier: MIT */
/*
 * top_cols.h - telemetry_top: which columns of the agents and series
 * tables are shown, chosen on a small setup screen as in htop's F2 Setup.
 *
 * The user hides and shows columns; each draw notes which columns fitted
 * (a narrow screen leaves out the least important first, in the order the
 * setup screen lists), and the sort keys step only through those, so the
 * sorted column is always on the screen with its arrow.  No curses and no
 * key codes here: the interactive module maps its keys to these calls.
 */
#ifndef READERS_TOP_COLS_H
#define READERS_TOP_COLS_H

#include <stdint.h>
#include "top_view.h"

/* struct top_cols is in top_view.h: the tables fill in what they showed. */

/*
 * top_cols_sort_step: the column after (@delta 1) or before (-1) @sort
 * among those drawn last time and not hidden since, wrapping around; @sort
 * if there is no other.
 */
int top_cols_sort_step(enum top_view v, const struct top_cols *c, int sort, int delta);

/* top_cols_move: move the setup screen's cursor by @delta columns. */
void top_cols_move(enum top_view v, struct top_cols *c, int delta);

/*
 * top_cols_toggle: hide or show the column under the cursor (not the one
 * that names rows).  Hiding the sorted column sorts by the next column
 * shown instead (*@sort, and *@desc as for a new sort column).
 */
void top_cols_toggle(enum top_view v, struct top_cols *c, int *sort, int *desc);

/*
 * top_cols_screen: the setup screen of view @v (sorted by @sort) as lines
 * in @k: one per column with its mark, the cursor's as TOP_L_SEL, and the
 * order in which a narrow screen leaves columns out.
 */
void top_cols_screen(enum top_view v, const struct top_cols *c, int sort, struct top_sink *k);

#endif
