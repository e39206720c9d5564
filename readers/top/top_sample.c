/* SPDX-License-Identifier: MIT */
/*
 * top_sample.c - refresh one ring's numbers (see top_sample.h).
 *
 * Cost matters: the monitor refreshes every ring in the directory each
 * tick.  An idle ring costs a few loads.  A ring that moved has its new
 * events read (to count what was overwritten), and those say which series
 * were written: only theirs are re-read.  An event of an owned lane was
 * counted in the aggregates before the lane's head moved past it, so this
 * refresh sees it counted; on the shared lane the aggregates are updated
 * after the event is committed, so its series is read in the next refresh
 * too, which catches that.  Every series is re-read when the events cannot
 * tell (some were overwritten or dropped before we read them, a slot of
 * the shared lane is still being written, a series is new), every tenth
 * refresh as a safety net, and once when the agent is seen going down.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_sample.h"

#define POLL_BATCH 1024
#define QUIET_RECHECK 10

const char *const top_state_names[TOP_NSTATES] = { "live", "gone", "exited", "dead", "error" };

static void fail(struct top_agent_state *st, const char *why)
{
	st->state = TOP_ERROR;
	snprintf(st->why, sizeof(st->why), "%s", why);
}

/*
 * @r's state.  Asking whether the writer still holds its lock is the one
 * part of a refresh that costs system calls (one on the ring's descriptor,
 * four where the open-file limit left it none), so it is skipped for a ring
 * that was live and has written since the last refresh (@moved): its
 * writer was alive a moment ago, and a writer that dies is seen at the
 * first refresh in which it wrote nothing, one interval later at most.  A
 * clean close or a bridge's "gone" is in the flags, read every time.
 */
static enum top_state state_of(const struct ring *r, enum top_state was, int moved)
{
	uint32_t flags = ring_flags(r);
	int alive = was == TOP_LIVE && moved && !(flags & (SHM_F_CLOSED | SHM_F_GONE)) ? 1 :
		    ring_alive(r);

	if (top_up(alive, flags))
		return TOP_LIVE;
	if (flags & SHM_F_GONE)
		return TOP_GONE;
	return flags & SHM_F_CLOSED ? TOP_EXITED : TOP_DEAD;
}

/*
 * The @q quantile (0..1) of a histogram, interpolated linearly inside its
 * bucket; the first bucket starts at the smallest value seen and the +Inf
 * bucket ends at the largest.  NaN if empty.
 */
static double quantile(const struct ring_series *s, const uint64_t *buckets, double q,
		       double min, double max)
{
	double total = 0, target, cum = 0;

	for (uint32_t i = 0; i <= s->nbounds; i++)
		total += (double)buckets[i];
	if (!(total > 0))
		return NAN;
	target = q * total;
	for (uint32_t i = 0; i <= s->nbounds; i++) {
		double n = (double)buckets[i], lo, hi;

		if (n == 0 || cum + n < target) {
			cum += n;
			continue;
		}
		/* The bucket holds (bounds[i - 1], bounds[i]]; narrow it by what was seen. */
		lo = i ? s->bounds[i - 1] : min;
		hi = i < s->nbounds ? s->bounds[i] : max;
		lo = fmax(lo, min);
		hi = fmin(hi, max);
		if (isnan(lo) || isnan(hi))
			return isnan(lo) ? hi : lo;
		if (hi < lo)
			hi = lo;
		return lo + (hi - lo) * (target - cum) / n;
	}
	return max;
}

/*
 * Follow the events to count what was overwritten before we got to it,
 * and to mark the series written since the last poll: to be re-read now,
 * and, for an event of the shared lane (0), at the next refresh as well
 * (see the top of the file).  1 if the marks are
 * all there is to re-read (every event was read, none is still being
 * written, each names a series we follow), 0 if not, or -EIO.
 */
static int poll_events(const struct ring *r, struct top_agent_state *st)
{
	static struct ring_event buf[POLL_BATCH];
	uint64_t missed = st->missed;
	int complete = 1;
	long n;

	do {
		n = ring_poll(r, &st->cur, buf, POLL_BATCH, &st->missed);
		if (n < 0)
			return (int)n;
		for (long i = 0; i < n; i++) {
			if (buf[i].series < st->nser) {
				uint64_t *until = &st->ser[buf[i].series].until;
				uint64_t to = st->looks + (buf[i].lane == 0);

				if (*until < to)
					*until = to;
			} else {
				complete = 0;
			}
		}
	} while (n == POLL_BATCH);
	return complete && st->missed == missed && !ring_cursor_stalled(&st->cur);
}

static int grow(struct top_agent_state *st, uint32_t n)
{
	struct top_series_state *ns;

	if (n > TOP_MAX_SERIES)
		n = TOP_MAX_SERIES;
	if (n <= st->nser)
		return 0;
	ns = realloc(st->ser, n * sizeof(*ns));
	if (!ns)
		return -ENOMEM;
	memset(ns + st->nser, 0, (n - st->nser) * sizeof(*ns));
	st->ser = ns;
	st->nser = n;
	return 0;
}

static void push_spark(struct top_series_state *s)
{
	memmove(s->spark, s->spark + 1, sizeof(s->spark) - sizeof(s->spark[0]));
	s->spark[TOP_SPARK - 1] = (float)s->rate;
}

/*
 * Aggregate series @s.  @dt is the time since the previous refresh, or
 * -@life (the ring's age) on the first one, when the rate is the average.
 */
static int aggregate(const struct ring *r, struct top_agent_state *st, struct top_series_state *s,
		     double dt)
{
	struct ring_agg a;
	struct top_stat *t = &s->now;
	uint64_t before = t->count;
	double sum0 = ring_value_double(s->rs.vtype, t->sum), sum1;

	if (ring_aggregate(r, &s->rs, &a))
		return -EIO;
	if (dt < 0)
		s->rate = -dt > 0 ? (double)a.count / -dt : 0;
	else
		s->rate = dt > 0 && a.count >= before ? (double)(a.count - before) / dt : 0;
	sum1 = ring_value_double(s->rs.vtype, a.sum);
	/* A sum that went back means the series was recreated: no rate rather than a negative one. */
	if (dt < 0)
		s->vrate = -dt > 0 && a.count ? sum1 / -dt : 0;
	else
		s->vrate = dt > 0 && a.count >= before && sum1 >= sum0 ? (sum1 - sum0) / dt : 0;
	t->count = a.count;
	t->sum = a.sum;
	t->min = a.min;
	t->max = a.max;
	t->last = a.last;
	t->last_ns = a.last_ns;
	t->p50 = t->p99 = NAN;
	if (s->rs.kind == SHM_KIND_HISTOGRAM && a.count) {
		double lo = ring_value_double(s->rs.vtype, a.min), hi = ring_value_double(s->rs.vtype, a.max);

		t->p50 = quantile(&s->rs, a.buckets, 0.50, lo, hi);
		t->p99 = quantile(&s->rs, a.buckets, 0.99, lo, hi);
	}
	if (a.last_ns > st->last_ns)
		st->last_ns = a.last_ns;
	return 0;
}

static int refresh_series(const struct ring *r, struct top_agent_state *st, double dt, int all)
{
	if (grow(st, ring_series_count(r)))
		return -ENOMEM;
	for (uint32_t i = 0; i < st->nser; i++) {
		struct top_series_state *s = &st->ser[i];
		/* Written since the last poll (or on lane 0 the one before): see poll_events(). */
		int fresh = s->until >= st->looks;

		if (!s->ok) {
			/* Not ready yet, a lost creation race, or corrupt: look again next time. */
			if (ring_series_get(r, i, &s->rs))
				continue;
			s->ok = fresh = 1;
			st->nready++;
		}
		if (all || fresh) {
			if (aggregate(r, st, s, dt))
				return -EIO;
		} else {
			s->rate = s->vrate = 0;
		}
		push_spark(s);
	}
	return 0;
}

void top_sample(const struct ring *r, struct top_agent_state *st, uint64_t mono, uint64_t wall)
{
	enum top_state was = st->state, now;
	struct ring_totals t;
	double dt, life;
	int first = !st->started, moved, marked, all;

	if (st->state == TOP_ERROR)
		return;		/* sticky: the directory watcher reopens a replaced file */
	if (first) {
		int err = ring_cursor_init(r, &st->cur, 1);

		if (err) {
			fail(st, err == -ENOMEM ? "out of memory" : "file shrank underneath (truncated)");
			return;
		}
		st->started = 1;
		st->created_ns = ring_meta(r)->created_ns;
	}
	if (ring_totals(r, &t)) {
		fail(st, "file shrank underneath (truncated)");
		return;
	}
	moved = first || t.written != st->tot.written || t.dropped != st->tot.dropped;
	now = state_of(r, was, !first && moved);
	life = wall > st->created_ns ? (double)(wall - st->created_ns) / 1e9 : 0;
	st->looks++;
	if (first) {
		/* Nothing to difference against yet: the average since creation. */
		dt = now == TOP_LIVE ? -life : 0;
		st->rate = now == TOP_LIVE && life > 0 ? (double)t.written / life : 0;
	} else {
		dt = (double)(mono - st->prev_mono) / 1e9;
		st->rate = dt > 0 && t.written >= st->tot.written ?
			   (double)(t.written - st->tot.written) / dt : 0;
	}
	marked = moved ? poll_events(r, st) : 1;
	if (marked < 0) {
		fail(st, "file shrank underneath (truncated)");
		return;
	}
	/*
	 * What the marks cannot vouch for, in this refresh and the next:
	 * dropped events count in the aggregates too.
	 */
	marked = marked && t.dropped == st->tot.dropped;
	all = first || !marked || st->unmarked || st->looks % QUIET_RECHECK == 0 ||
	      (was == TOP_LIVE && now != TOP_LIVE);
	st->unmarked = !marked;
	if (refresh_series(r, st, dt, all)) {
		fail(st, "file shrank underneath (truncated)");
		return;
	}
	st->state = now;
	if (now == TOP_LIVE)
		st->dead_since = 0;
	else if (!st->dead_since)
		/* Seen going down: now.  Already down when first seen: its last sign of life. */
		st->dead_since = first ? (st->last_ns > st->created_ns ? st->last_ns : st->created_ns) : wall;
	st->tot = t;
	st->prev_mono = mono;
}

void top_sample_prefetch(const struct ring *r, const struct top_agent_state *st, int stage)
{
	uint32_t ns = st->nser < 8 ? st->nser : 8;

	if (stage == 2) {
		ring_prefetch_handle(r);
		if (st->started)
			__builtin_prefetch(st->cur.next);
		return;
	}
	ring_prefetch(r, st->started ? &st->cur : NULL, ns);
	/*
	 * What a refresh touches of each series: up to its validated copy, and
	 * the copy's first line (what ring_aggregate checks).
	 */
	for (uint32_t s = 0; s < ns; s++)
		for (size_t o = 0; o < offsetof(struct top_series_state, rs) + 64; o += 64)
			__builtin_prefetch((const char *)&st->ser[s] + o);
}

void top_sample_free(struct top_agent_state *st)
{
	if (st->started)
		ring_cursor_free(&st->cur);
	free(st->ser);
	memset(st, 0, sizeof(*st));
}
