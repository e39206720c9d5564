/* SPDX-License-Identifier: MIT */
/*
 * top_sink.h - telemetry_top: where finished lines go.  Views and
 * pictures write lines to a sink; the batch printer and the terminal
 * module are the sinks.  Its own header so that what draws lines need not
 * know the views.
 */
#ifndef READERS_TOP_SINK_H
#define READERS_TOP_SINK_H

#include "top_sample.h"

enum top_lk {
	TOP_L_TITLE, TOP_L_TEXT, TOP_L_HEAD, TOP_L_ROW,
	TOP_L_SEL,			/* the selected row (interactive) */
	TOP_L_FOOT,			/* the key reminder on the last line (interactive) */
};

/* Where a row is and what state it shows. */
struct top_mark {
	long row;			/* index in the list; -1 if not a row */
	enum top_state state;
	int state_x, state_w;		/* columns of the state cell; state_x -1 if none */
};

struct top_sink {
	void (*line)(struct top_sink *k, enum top_lk kind, const char *text, const struct top_mark *m);
	int width;			/* 0: no limit */
};

#endif
