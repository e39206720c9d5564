/* SPDX-License-Identifier: MIT */
/*
 * ring_write.h - write side of a shmtel ring: the emit algorithm.
 *
 * The ring is split into lanes.  Lane 0 is shared; lanes 1..N-1 are each
 * owned by one thread at a time (claimed with a CAS on the lane's owner
 * word).  An owned lane has a single writer, so its events and its copy of
 * every series' aggregates are written with plain (relaxed) stores: no
 * read-modify-write, no shared cache line with other writers.  Threads
 * beyond the lane count use lane 0 with atomic read-modify-writes.
 *
 * Event protocol, per slot (seq is the commit word):
 *   writer: seq = BUSY; payload stores (release); seq = pos + 1 (release);
 *           head = pos + 1 (release)
 *   reader: s1 = seq (acquire); payload loads (acquire); s2 = seq;
 *           accept iff s1 == s2 == pos + 1
 * If a reader's acquire load of a payload field reads a newer writer's
 * release store, the BUSY store before it happens-before the reader's
 * re-check, so s2 != pos + 1 and the copy is discarded.  (Release stores
 * and acquire loads instead of standalone fences: the same instructions on
 * x86, and ThreadSanitizer understands them.)  seq values of a slot only grow
 * (pos + 1, pos + 1 + capacity, ...), so there is no ABA.  A writer killed
 * mid-event leaves BUSY behind, which no reader accepts.
 *
 * Lane 0 (shared): head is a ticket counter (fetch_add).  The writer may
 * take the slot only if it holds an older commit (CAS from that value to
 * BUSY, one attempt); if a stalled writer still holds it, or a newer
 * position already committed, the event is dropped and lane->dropped
 * counted.  Aggregates are updated either way, so they stay exact.
 *
 * Aggregates: count is stored last with release, so a reader that loads
 * count with acquire sees sum/min/max/last at least as new.  min and max
 * start at the type's extremes (set when the series is created).
 */
#ifndef SHM_RING_WRITE_H
#define SHM_RING_WRITE_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include "clock.h"
#include "geom.h"
#include "layout.h"

#define RLX memory_order_relaxed
#define REL memory_order_release

struct ring_wlane {
	struct shm_lane *hdr;
	struct shm_event *ev;
	struct shm_agg *agg;
	uint64_t *buckets;		/* [max_hist][SHM_BUCKETS] */
	uint64_t mask;
};

struct ring_w {
	int fd;
	void *base;
	size_t size;
	struct shm_header *h;
	struct geom g;
	struct shm_series *series;
	uint32_t *index;
	double *bounds;
	struct ring_wlane *lanes;
	struct clock_cal cal;
	uint64_t doorbell_gap;		/* ticks in 1 ms */
	_Atomic uint64_t next_refine;	/* ticks */
};

struct ring_params {
	uint32_t capacity, lanes, max_series, max_hist, run_interval_ms;
	int32_t source_pid;
	int force_realtime;
	int gone;			/* publish with SHM_F_GONE already set */
};

/* What emit needs to know about a series, kept in-process. */
struct ring_sinfo {
	uint32_t id;
	uint8_t vtype, kind, log2;
	uint32_t hist;
	uint32_t nbounds;
	double bounds[SHM_MAX_BOUNDS];
};

/*
 * ring_create: lay out a new ring file for agent @name in @dir and publish
 * it (see ring_create.c).  0 or -errno.
 */
int ring_create(const char *dir, const char *name, const struct ring_params *p,
		struct ring_w **out);
/* ring_destroy: unmap and close; @clean marks the file SHM_F_CLOSED first. */
void ring_destroy(struct ring_w *w, int clean);
/* ring_set_flag: set or clear SHM_F_* bits in the header. */
void ring_set_flag(struct ring_w *w, uint32_t flag, int on);
/*
 * ring_lane_claim: a lane for writer @me (pid << 32 | tid): a free one, else
 * one whose owner thread is dead, else 0 (the shared lane).
 */
uint32_t ring_lane_claim(struct ring_w *w, uint64_t me);
void ring_lane_release(struct ring_w *w, uint32_t lane, uint64_t me);
/* ring_doorbell_ring: the slow half of the doorbell check in ring_emit. */
void ring_doorbell_ring(struct ring_w *w, uint64_t ts);
/* ring_agg_reset: min/max sentinels of series @id in every lane. */
void ring_agg_reset(struct ring_w *w, uint32_t id, uint8_t vtype);

static inline int ring_less(uint8_t vtype, uint64_t a, uint64_t b)
{
	double x, y;

	switch (vtype) {
	case SHM_I64:
		return (int64_t)a < (int64_t)b;
	case SHM_F64:
		memcpy(&x, &a, 8);
		memcpy(&y, &b, 8);
		return x < y;
	default:
		return a < b;
	}
}

static inline uint64_t ring_add(uint8_t vtype, uint64_t sum, uint64_t v)
{
	double x, y;

	if (vtype != SHM_F64)
		return sum + v;	/* two's complement: right for i64 too */
	memcpy(&x, &sum, 8);
	memcpy(&y, &v, 8);
	x += y;
	memcpy(&sum, &x, 8);
	return sum;
}

/* Histogram bucket of @v: the first bound >= v, or nbounds for +Inf. */
static inline uint32_t ring_bucket(const struct ring_sinfo *s, uint64_t v)
{
	uint32_t lo = 0, hi = s->nbounds;
	double x;

	if (s->log2 && s->vtype == SHM_U64) {
		uint32_t i = v <= 1 ? 0 : 64 - (uint32_t)__builtin_clzll(v - 1);
		return i < s->nbounds ? i : s->nbounds;
	}
	if (s->vtype == SHM_U64)
		x = (double)v;
	else if (s->vtype == SHM_I64)
		x = (double)(int64_t)v;
	else
		memcpy(&x, &v, 8);
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;

		if (s->bounds[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static inline void ring_agg_owned(struct ring_wlane *l, const struct ring_sinfo *s,
				  uint64_t v, uint64_t ts)
{
	struct shm_agg *a = &l->agg[s->id];
	uint64_t c = atomic_load_explicit(&a->count, RLX);

	atomic_store_explicit(&a->sum, ring_add(s->vtype, atomic_load_explicit(&a->sum, RLX), v), RLX);
	if (ring_less(s->vtype, v, atomic_load_explicit(&a->min, RLX)))
		atomic_store_explicit(&a->min, v, RLX);
	if (ring_less(s->vtype, atomic_load_explicit(&a->max, RLX), v))
		atomic_store_explicit(&a->max, v, RLX);
	atomic_store_explicit(&a->last, v, RLX);
	atomic_store_explicit(&a->last_ts, ts, RLX);
	if (s->kind == SHM_KIND_HISTOGRAM) {
		_Atomic uint64_t *b = (_Atomic uint64_t *)&l->buckets[(uint64_t)s->hist * SHM_BUCKETS +
								       ring_bucket(s, v)];
		atomic_store_explicit(b, atomic_load_explicit(b, RLX) + 1, RLX);
	}
	/* Everything above before count: pairs with the reader's acquire load. */
	atomic_store_explicit(&a->count, c + 1, REL);
}

/* Lane 0: the same with read-modify-writes, as several threads share it. */
static inline void ring_agg_shared(struct ring_wlane *l, const struct ring_sinfo *s,
				   uint64_t v, uint64_t ts)
{
	struct shm_agg *a = &l->agg[s->id];
	uint64_t cur;

	if (s->vtype == SHM_F64) {
		/* No fetch_add for doubles: lock-free CAS, retried only on contention. */
		cur = atomic_load_explicit(&a->sum, RLX);
		while (!atomic_compare_exchange_weak_explicit(&a->sum, &cur, ring_add(SHM_F64, cur, v),
							      RLX, RLX))
			;
	} else {
		atomic_fetch_add_explicit(&a->sum, v, RLX);
	}
	cur = atomic_load_explicit(&a->min, RLX);
	while (ring_less(s->vtype, v, cur) &&
	       !atomic_compare_exchange_weak_explicit(&a->min, &cur, v, RLX, RLX))
		;
	cur = atomic_load_explicit(&a->max, RLX);
	while (ring_less(s->vtype, cur, v) &&
	       !atomic_compare_exchange_weak_explicit(&a->max, &cur, v, RLX, RLX))
		;
	atomic_store_explicit(&a->last, v, RLX);
	atomic_store_explicit(&a->last_ts, ts, RLX);
	if (s->kind == SHM_KIND_HISTOGRAM) {
		_Atomic uint64_t *b = (_Atomic uint64_t *)&l->buckets[(uint64_t)s->hist * SHM_BUCKETS +
								       ring_bucket(s, v)];
		atomic_fetch_add_explicit(b, 1, RLX);
	}
	/* Pairs with the reader's acquire load of count, as in the owned case. */
	atomic_fetch_add_explicit(&a->count, 1, REL);
}

/* Release: each payload store is ordered after the slot's BUSY mark. */
static inline void ring_event_fill(struct shm_event *e, uint64_t ts, uint32_t id, uint32_t tid,
				   uint64_t v)
{
	atomic_store_explicit(&e->ts, ts, REL);
	atomic_store_explicit(&e->series, id, REL);
	atomic_store_explicit(&e->tid, tid, REL);
	atomic_store_explicit(&e->value, v, REL);
}

/*
 * ring_emit: append one event of series @s with value bits @v from lane
 * @lane (which the calling thread owns, or 0), and update the aggregates.
 * Wait-free on an owned lane.
 */
static inline void ring_emit(struct ring_w *w, uint32_t lane, const struct ring_sinfo *s,
			     uint64_t v, uint32_t tid)
{
	struct ring_wlane *l = &w->lanes[lane];
	uint64_t ts = clock_ticks(w->cal.kind);
	struct shm_event *e;
	uint64_t pos;

	if (lane) {
		/* Only this thread stores head, so a relaxed load is exact. */
		pos = atomic_load_explicit(&l->hdr->head, RLX);
		e = &l->ev[pos & l->mask];
		atomic_store_explicit(&e->seq, SHM_SEQ_BUSY, RLX);
		ring_event_fill(e, ts, s->id, tid, v);
		/* Payload before commit: pairs with the reader's acquire of seq. */
		atomic_store_explicit(&e->seq, pos + 1, REL);
		ring_agg_owned(l, s, v, ts);
		/* Commit before head: pairs with the reader's acquire of head. */
		atomic_store_explicit(&l->hdr->head, pos + 1, REL);
	} else {
		uint64_t old;

		pos = atomic_fetch_add_explicit(&l->hdr->head, 1, RLX);
		e = &l->ev[pos & l->mask];
		old = atomic_load_explicit(&e->seq, RLX);
		if (old != SHM_SEQ_BUSY && old < pos + 1 &&
		    /* acquire: the previous holder's commit happens before our payload */
		    atomic_compare_exchange_strong_explicit(&e->seq, &old, SHM_SEQ_BUSY,
							    memory_order_acquire, RLX)) {
			ring_event_fill(e, ts, s->id, tid, v);
			atomic_store_explicit(&e->seq, pos + 1, REL);
		} else {
			atomic_fetch_add_explicit(&l->hdr->dropped, 1, RLX);
		}
		ring_agg_shared(l, s, v, ts);
	}
	if (__builtin_expect(ts - atomic_load_explicit(&w->h->doorbell_ticks, RLX) >= w->doorbell_gap, 0))
		ring_doorbell_ring(w, ts);
}

#endif
