/* SPDX-License-Identifier: MIT */
/*
 * top_sample.h - telemetry_top: what one refresh measures on one ring.
 *
 * A struct top_agent_state lives beside each tracked ring and is touched
 * only by the thread that refreshes (the main thread).  Rates are
 * differences between two refreshes: events/s from ring_totals().written,
 * a series' rate from its aggregate count.  The first refresh of a ring
 * has nothing to difference against, so it reports the average since the
 * ring was created.  Events are also followed with a cursor, only to count
 * the ones overwritten before this monitor's next look ("missed").
 */
#ifndef READERS_TOP_SAMPLE_H
#define READERS_TOP_SAMPLE_H

#include <stdint.h>
#include "shm/ring_read.h"

#define TOP_SPARK	8	/* refreshes of history in a sparkline */
#define TOP_MAX_SERIES	4096	/* series followed per ring; a hostile file may claim 65536 */

enum top_state { TOP_LIVE, TOP_GONE, TOP_EXITED, TOP_DEAD, TOP_ERROR, TOP_NSTATES };
extern const char *const top_state_names[TOP_NSTATES];	/* "live", "gone", ... */

/* One series as of the last refresh; raw values are bits of the series' vtype. */
struct top_stat {
	uint64_t count, sum, min, max, last;
	uint64_t last_ns;		/* wall clock of the last value, 0 if none */
	double p50, p99;		/* NaN unless a histogram with samples */
};

/* What every refresh touches comes first: one cache line of a series that was not written. */
struct top_series_state {
	int ok;				/* rs is valid (else: not ready yet, or corrupt) */
	uint64_t until;			/* re-read up to this refresh: see poll_events() */
	double rate;			/* values per second */
	double vrate;			/* sum of the values per second (a byte counter: bytes/s) */
	float spark[TOP_SPARK];		/* recent rates, oldest first */
	struct top_stat now;
	struct ring_series rs;		/* validated copy */
};

struct top_agent_state {
	int started;
	struct ring_cursor cur;
	uint64_t missed;		/* overwritten before we looked, since start */
	struct ring_totals tot;
	uint64_t prev_mono;		/* CLOCK_MONOTONIC ns of the previous refresh */
	uint64_t created_ns;		/* the ring's, kept here: read at every refresh */
	uint64_t looks;			/* refreshes so far */
	int unmarked;			/* the last refresh re-read every series */
	double rate;			/* events per second */
	struct top_series_state *ser;
	uint32_t nser;			/* registry slots followed */
	uint32_t nready;		/* of which valid */
	enum top_state state;
	uint64_t dead_since;		/* wall ns since when not up; 0 while up */
	uint64_t last_ns;		/* newest value of any series */
	char why[96];			/* state TOP_ERROR: what went wrong */
};

/* top_up: the cross-tool definition of an agent that is up. */
static inline int top_up(int alive, uint32_t flags)
{
	return alive == 1 && !(flags & SHM_F_GONE);
}

/*
 * top_sample: refresh @st from @r.  @mono and @wall are now on
 * CLOCK_MONOTONIC and CLOCK_REALTIME.  Never fails: a ring that shrank or
 * cannot be read ends in state TOP_ERROR with the reason in st->why.
 */
void top_sample(const struct ring *r, struct top_agent_state *st, uint64_t mono, uint64_t wall);
/*
 * top_sample_prefetch: start loading what top_sample() will read of @r
 * and @st, so that a walk over many rings overlaps their cache misses.
 * Stage 2 fetches what stage 1 reads to find its addresses (the ring's
 * handle, the cursor); stage 1, one ring later, the rest (the mapping's
 * header, lane heads, next slots and aggregates, and the series states).
 */
void top_sample_prefetch(const struct ring *r, const struct top_agent_state *st, int stage);
void top_sample_free(struct top_agent_state *st);

#endif
