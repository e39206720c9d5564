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
#include "top_view.h"

/* Keys: printable ASCII stands for itself. */
enum {
	TOP_K_UP = 0x100, TOP_K_DOWN, TOP_K_PGUP, TOP_K_PGDN, TOP_K_HOME, TOP_K_END,
	TOP_K_ENTER, TOP_K_ESC, TOP_K_BACKSPACE, TOP_K_TAB, TOP_K_BTAB,
	TOP_K_F1, TOP_K_F6, TOP_K_F10, TOP_K_REDRAW,
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
	char key[TOP_FILE_MAX + 16];	/* the selected row's identity */
};

struct top_ui {
	enum top_view view;
	struct top_ui_view v[TOP_NVIEWS];
	char filter[TOP_FILTER_MAX];
	char scope[TOP_FILE_MAX];	/* series of this agent only (Enter on an agent) */
	int prompt;			/* '/' or '\\' while a filter is typed, else 0 */
	char edit[TOP_FILTER_MAX];
	int paused, help;
	double interval;
	size_t page;			/* rows shown at the last draw */
	struct top_list list;		/* the rows of the last draw, for Enter */
};

void top_ui_init(struct top_ui *u, enum top_view view, double interval, const char *filter);
void top_ui_free(struct top_ui *u);
/* top_ui_key: apply @key; returns TOP_A_* bits. */
int top_ui_key(struct top_ui *u, const struct top_snap *s, int key);
/* top_ui_want: which rows a refresh must copy for the current view. */
enum top_want top_ui_want(const struct top_ui *u);

/*
 * top_ui_frame: compose a @rows x @cols screen into @k: header, status
 * line, the view (or the help), and a key reminder as the TOP_L_FOOT line.
 */
void top_ui_frame(struct top_ui *u, const struct top_snap *s, const struct top_hailo *h,
		  const char *dir, const char *dir_err, int rows, int cols, struct top_sink *k);

#endif
