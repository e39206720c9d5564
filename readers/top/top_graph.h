/* SPDX-License-Identifier: MIT */
/*
 * top_graph.h - telemetry_top's pictures: the sparkline of a table cell
 * and the history graph of the selected row.
 *
 * Both are scaled to what they show, not to zero: a steady value is a flat
 * line at the bottom, not a row of full bars, and a change stands out.  In
 * a UTF-8 locale the graph is drawn in braille (2 x 4 dots a cell, as btop
 * draws), the sparkline in eighth blocks; otherwise both in ASCII.
 */
#ifndef READERS_TOP_GRAPH_H
#define READERS_TOP_GRAPH_H

#include <stddef.h>
#include "top_hist.h"
#include "top_sink.h"

/*
 * top_spark: @n values as @n columns.  Zero (idle) is blank; the rest go
 * from the window's smallest to its largest, over a range of at least a
 * tenth of the largest, so noise on a steady rate stays near the bottom.
 */
void top_spark(char *out, size_t len, const float *v, int n);

struct top_plot {
	const char *title;		/* what is plotted, escaped */
	const char *unit;		/* the values' unit, as fmt_human() takes it */
	int per_second;			/* the values are rates: "/s" after the unit */
};

/*
 * top_graph: @t as @rows lines of the sink's width: a title with the
 * newest, smallest and largest value, the plot between its smallest and
 * largest value (labelled on the left), and a time axis.  The newest
 * sample is on the right; what does not fit is the oldest.
 */
void top_graph(struct top_sink *k, const struct top_plot *p, const struct top_trace *t, int rows);

#endif
