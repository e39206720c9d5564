/* SPDX-License-Identifier: MIT */
/*
 * top_view.h - telemetry_top: the four views as lines of text.
 *
 * Views know nothing about curses.  They hand finished lines (escaped,
 * fitted to the sink's width) to a sink: the batch printer writes them to
 * stdout, the terminal module draws them with attributes.  Each line says
 * what it is (title, column header, row) and where a row's state cell is,
 * so the terminal can colour it; the state is always written as a word,
 * never shown by colour alone.
 */
#ifndef READERS_TOP_VIEW_H
#define READERS_TOP_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include "top_hailo.h"
#include "top_sink.h"
#include "top_table.h"
#include "top_snap.h"

enum top_view { TOP_V_AGENTS, TOP_V_SERIES, TOP_V_HAILO, TOP_V_POWER, TOP_NVIEWS };
/* "agents", "series", "hailo", "power" */
extern const char *const top_view_names[TOP_NVIEWS];

/* How to pick and order rows. */
struct top_query {
	int sort;			/* column */
	int desc;
	const char *filter;		/* glob matched anywhere, any case; "" or NULL: all */
	const char *scope;		/* series view: only this agent's file; "" or NULL: all */
};

/* The columns a user chose; top_cols.h works on them, tables note what fitted. */
struct top_cols {
	uint32_t hidden;		/* bit i: the user hid column i */
	uint32_t shown;			/* bit i: column i was drawn last time; 0: not drawn yet */
	int cursor;			/* the setup screen's column */
};

/* What the interactive screen adds to a table. */
struct top_show {
	struct top_cols *cols;		/* hidden columns left out, shown ones noted; NULL: all */
	long sel;			/* the selected row, for its detail line; -1: none */
};

struct top_list {
	uint32_t *idx;			/* into snap->agents or snap->series */
	size_t n, cap;
};

int top_view_ncols(enum top_view v);
/* top_view_numeric: 1 if column @col of @v holds numbers (sorts biggest first). */
int top_view_numeric(enum top_view v, int col);
const char *top_view_title(enum top_view v, int col);
/* top_view_col: column @col of @v (its title, width and prio), or NULL. */
const struct top_col *top_view_col(enum top_view v, int col);
/* top_view_name_col: the column that names a row (AGENT, NAME): it is never hidden. */
int top_view_name_col(enum top_view v);

/* top_view_list: the rows of @v (agents or series) that @q selects, in order. */
int top_view_list(const struct top_snap *s, enum top_view v, const struct top_query *q,
		  struct top_list *l);
void top_list_free(struct top_list *l);

/*
 * top_view_table: column header, then rows @first .. @first + @count - 1
 * of @l.  The sorted column is always shown.
 */
void top_view_table(const struct top_snap *s, enum top_view v, const struct top_list *l,
		    const struct top_query *q, size_t first, size_t count, struct top_sink *k);
/*
 * top_view_table_show: the same for the screen: the columns @w->cols hid
 * are left out and those drawn noted in it; and when a row drawn lost text
 * to a cut (or its agent is not shown), one more line under the table,
 * the detail line: "Selected: " and row @w->sel's agent, name and labels
 * in full (cut in the middle only if wider than the sink).  The caller
 * keeps a line free for it when top_view_cuts() says so.
 */
void top_view_table_show(const struct top_snap *s, enum top_view v, const struct top_list *l,
			 const struct top_query *q, size_t first, size_t count,
			 const struct top_show *w, struct top_sink *k);
/* top_view_cuts: 1 if top_view_table_show() with these arguments would draw the detail line. */
int top_view_cuts(const struct top_snap *s, enum top_view v, const struct top_list *l,
		  const struct top_query *q, size_t first, size_t count, const struct top_show *w,
		  int width);

/* top_view_key: a name for row @i of @l that survives refreshes, for the selection. */
void top_view_key(const struct top_snap *s, enum top_view v, const struct top_list *l, size_t i,
		  char *out, size_t len);

/* top_view_header: the summary lines above every view. */
void top_view_header(const struct top_snap *s, const char *dir, const char *dir_err,
		     double interval, int paused, struct top_sink *k);

/* top_view_hailo: Devices, Networks and Frames, or why there is nothing. */
void top_view_hailo(const struct top_hailo *h, struct top_sink *k);

/* top_view_power: power per source, host total, temperatures, energy per work (top_power.h). */
void top_view_power(const struct top_snap *s, struct top_sink *k);

/* Tables of at most TOP_TBL_COLS columns of escaped cells, for the Hailo and Power views. */
#define TOP_TBL_COLS 7
#define TOP_CELL 1040		/* an escaped label value: 4 x 256, and room */

struct top_tbl {
	const struct top_col *c;
	int n;
	size_t rows;
	char (*cell)[TOP_TBL_COLS][TOP_CELL];
};

/* top_tbl_print: lay out and print @t under @title, then a blank line. */
void top_tbl_print(struct top_sink *k, const char *title, const struct top_tbl *t);
/* top_message: @msg word-wrapped to the sink's width. */
void top_message(struct top_sink *k, const char *msg);

#endif
