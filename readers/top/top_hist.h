/* SPDX-License-Identifier: MIT */
/*
 * top_hist.h - telemetry_top: the last few minutes of every ring, for the
 * history graph of the selected row.
 *
 * Each refresh that samples the rings is one tick of a struct top_clock
 * and one sample in the history of every ring, in the same slot (tick
 * modulo TOP_HIST), so the one clock dates the samples of all of them.  A
 * ring that appeared later has fewer samples; a series that appeared later
 * has no value (NaN) before its first.  Like struct top_agent_state, the
 * histories belong to the thread that refreshes.
 *
 * What a sample of a series is depends on its kind: a gauge's last value,
 * a counter's sum per second (bytes/s for a byte counter), a histogram's
 * mean over the refresh (no value when nothing was observed).  An agent's
 * own history is its events per second.
 */
#ifndef READERS_TOP_HIST_H
#define READERS_TOP_HIST_H

#include <stddef.h>
#include <stdint.h>
#include "top_sample.h"

/* Samples kept: four minutes at the default refresh, a plot 120 columns wide. */
#define TOP_HIST 240

struct top_clock {
	uint64_t ticks;			/* refreshes so far */
	uint64_t mono[TOP_HIST];	/* CLOCK_MONOTONIC ns of each, by tick % TOP_HIST */
};

struct top_hist {
	uint64_t first, next;		/* ticks of the first sample and after the newest; 0, 0: none */
	/*
	 * TOP_HIST rows of 1 + nser samples, by tick % TOP_HIST: the agent's
	 * events per second, then each series by registry slot.  A refresh
	 * writes one row: a cache line, not one per series.
	 */
	float *v;
	uint32_t nser;
};

/* One row's history, copied out for drawing. */
struct top_trace {
	size_t n;			/* samples, oldest first */
	float v[TOP_HIST];		/* NaN: no value then */
	uint64_t mono[TOP_HIST];	/* when each was taken (CLOCK_MONOTONIC ns) */
};

/* top_clock_tick: a refresh at @mono begins; push every ring's sample after it. */
void top_clock_tick(struct top_clock *c, uint64_t mono);

/* top_hist_push: @st as just refreshed, as this tick's sample.  0 or -ENOMEM. */
int top_hist_push(struct top_hist *h, const struct top_clock *c, const struct top_agent_state *st);
void top_hist_free(struct top_hist *h);

/*
 * top_hist_trace: the samples of series slot @id (-1: the agent's events
 * per second) into @t.  0, or -ENOENT if there are none.
 */
int top_hist_trace(const struct top_hist *h, const struct top_clock *c, long id, struct top_trace *t);

#endif
