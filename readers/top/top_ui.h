/* SPDX-License-Identifier: MIT */
/*
 * top_ui.h - telemetry_top's interactive state: which view, sort, filter,
 * selection, pause and refresh interval, what each key does to them, and
 * how a screen is composed from a snapshot.  No curses here: the terminal
 * module (top_tty.c) turns keys into TOP_K_* codes and draws the lines.
 */
#ifndef READERS_TOP_UI_H
#define READERS_TOP_UI_H

#include <stddef.h>
#include "top_cols.h"
#include "top_hist.h"
#include "top_view.h"

/* Keys: printable ASCII stands for itself. */
enum {
	TOP_K_UP = 0x100, TOP_K_DOWN, TOP_K_PGUP, TOP_K_PGDN, TOP_K_HOME, TOP_K_END,
	TOP_K_ENTER, TOP_K_ESC, TOP_K_BACKSPACE, TOP_K_TAB, TOP_K_BTAB,
	TOP_K_F1, TOP_K_F2, TOP_K_F3, TOP_K_F4, TOP_K_F6, TOP_K_F10, TOP_K_REDRAW,
	TOP_K_OTHER,			/* a key with no meaning here (an unknown sequence) */
};

/* What a key asks of the main loop (bits). */
enum {
	TOP_A_DRAW = 1,			/* draw again from the same snapshot */
	TOP_A_RESHAPE = 2,		/* the view needs other rows: copy them, no new sample */
	TOP_A_REFRESH = 4,		/* take a new sample now */
	TOP_A_CLEAR = 8,		/* repaint the whole terminal */
	TOP_A_QUIT = 16,
	TOP_A_INTERVAL = 32,		/* the refresh interval changed */
};

#define TOP_FILTER_MAX 128

struct top_ui_view {
	int sort, desc;
	size_t sel, top;		/* selected row, first row shown */
	/*
	 * Pinned: the user moved the selection (a key, a search, the graph),
	 * and it stays on that row (key) whatever the order.  Not pinned, it
	 * is the first row, and a new order shows the top of the list.
	 */
	int pinned;
	char key[TOP_FILE_MAX + 16];	/* the selected row's identity */
	struct top_cols cols;		/* columns hidden, and shown at the last draw */
};

/* What a prompt is typed for. */
enum top_prompt {
	TOP_P_NONE,
	TOP_P_FILTER,			/* / or F4: the filter follows each key */
	TOP_P_FILTER_ENTER,		/* \: the filter changes on Enter */
	TOP_P_SEARCH,			/* F3: the selection jumps to a match */
};

struct top_ui {
	enum top_view view;
	struct top_ui_view v[TOP_NVIEWS];
	char filter[TOP_FILTER_MAX];
	char scope[TOP_FILE_MAX];	/* series of this agent only (Enter on an agent) */
	enum top_prompt prompt;
	char edit[TOP_FILTER_MAX];
	char search[TOP_FILTER_MAX];	/* the last search, for the next F3 */
	int miss;			/* the search matches no row */
	int paused, help, graph;
	int setup;			/* the column setup screen is up (F2, C) */
	size_t help_top;		/* first line of the help shown */
	double interval;
	size_t page;			/* rows shown at the last draw */
	struct top_list list;		/* the rows of the last draw, for Enter and the search */
	/* Set by the main loop: what a frame shows besides the snapshot. */
	unsigned skipped;		/* files of the directory that are not rings */
	/* The history of @file's series slot @id (-1: its events/s): 0, or -ENOENT. */
	int (*trace)(void *arg, const char *file, long id, struct top_trace *t);
	void *trace_arg;
	struct top_trace tr;		/* the graph's copy */
};

void top_ui_init(struct top_ui *u, enum top_view view, double interval, const char *filter);
void top_ui_free(struct top_ui *u);
/* top_ui_key: apply @key; returns TOP_A_* bits. */
int top_ui_key(struct top_ui *u, const struct top_snap *s, int key);
/* top_ui_want: which rows a refresh must copy for the current view. */
enum top_want top_ui_want(const struct top_ui *u);

/*
 * top_ui_frame: compose a @rows x @cols screen into @k: header, status
 * line (or the prompt), the view and the history graph (or the help), and
 * a key reminder as the TOP_L_FOOT line.
 */
void top_ui_frame(struct top_ui *u, const struct top_snap *s, const struct top_hailo *h,
		  const char *dir, const char *dir_err, int rows, int cols, struct top_sink *k);

#endif
