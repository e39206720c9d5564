/* SPDX-License-Identifier: MIT */
/*
 * ring_write.h - write side of a shmtel ring: the emit algorithm.
 *
 * The ring is split into lanes.  Lane 0 is shared; lanes 1..N-1 are each
 * owned by one thread (claimed with a CAS on the lane's owner word; never
 * handed back, only taken over once the owner thread is dead, see
 * ring_lane_claim).  An owned lane has a single writer, so its events and
 * its copy of every series' aggregates are written with plain (relaxed)
 * stores: no read-modify-write, no shared cache line with other writers.
 * Threads beyond the lane count use lane 0 with atomic read-modify-writes.
 *
 * Event protocol, per slot (seq is the commit word):
 *   writer: seq = BUSY; payload stores (release); seq = pos + 1 (release);
 *           head = pos + 1 (release; owned lanes only)
 *   reader: head (acquire); s1 = seq (acquire); payload loads (acquire);
 *           s2 = seq (relaxed); accept iff s1 == s2 == pos + 1
 * The reader's acquire of seq reads the commit and so sees the payload
 * stored before it; on an owned lane its acquire of head reads the last
 * commit's head store, so every slot below head is committed.
 * If a reader's acquire load of a payload field reads a newer writer's
 * release store, the BUSY store before it happens-before the reader's
 * re-check, so s2 != pos + 1 and the copy is discarded.  (Release stores
 * and acquire loads instead of standalone fences: the same instructions on
 * x86, and ThreadSanitizer understands them.)  seq values of a slot only grow
 * (pos + 1, pos + 1 + capacity, ...), so there is no ABA.  A writer killed
 * mid-event leaves BUSY behind, which no reader accepts.
 *
 * Lane 0 (shared): head is a ticket counter (relaxed fetch_add), so a
 * position below head may not be committed yet.  The writer may take the
 * slot only if it holds an older commit (CAS from that value to BUSY, one
 * attempt); if a stalled writer still holds it, or a newer position already
 * committed, the event is dropped and lane->dropped counted.  Aggregates
 * are updated either way, so they stay exact.  A reader that finds a slot
 * of lane 0 not yet committed waits for it, up to a second (ring_read.c).
 *
 * Aggregates: count is stored last with release, so a reader that loads
 * count with acquire sees sum/min/max/last at least as new.  On lane 0 every
 * count update is a read-modify-write, which continues the release sequence
 * of each earlier one: the acquire sees every counted value's other fields.
 * min and max start at the type's extremes (set when the series is created).
 *
 * Doorbell: an emit more than doorbell_gap ticks after the last ring bumps
 * the header's futex word (release) and wakes sleeping readers.
 *
 * Every release/acquire pair in shm/, argued in the C11 model alone (no x86
 * store order assumed), which is also what ARMv8 runs: release stores are
 * stlr, acquire loads ldar (ldapr where the target has RCpc), RMWs
 * ldadd/cas with the order's suffix or an LL/SC loop (gcc's outline
 * atomics, __aarch64_ldadd8_rel and so on, choose at run time), and ARMv8
 * is other-multi-copy-atomic, so release sequences and transitive
 * happens-before hold as C11 states them:
 *   event payload (release each) -> reader's payload loads (acquire)
 *   slot commit seq (release)    -> reader's first seq load (acquire), and
 *                                   on lane 0 the next holder's CAS (acquire)
 *   owned head (release)         -> poll_lane(), ring_totals() (acquire)
 *   aggregate count (release; lane 0 a release RMW) -> agg_lanes() (acquire)
 *   series state READY (release) -> ring_series_get() (acquire)
 *   index slot CAS (release)     -> lookup() and losing CASes (acquire)
 *   flags RMW (release)          -> ring_flags() (acquire)
 *   doorbell RMW (release)       -> ring_doorbell() (acquire)
 *   clock words, even clock_seq (release) -> clock_to_ns() (acquire)
 *   even clock_seq (release)     -> the next publisher's CAS (acquire)
 *   next_refine store (release)  -> the next refiner's CAS (acquire)
 * Two edges are the kernel's, not C11's: the header's plain stores, made
 * before the file gets its name, which readers copy with pread() after
 * finding the name (ring_create.c), and a dead thread's lane stores
 * before its lane is taken over (ring_lane_claim).  A seq re-check needs
 * no fence here: the data loads are acquire, so the re-read cannot move
 * above them (where the data loads are plain, as in NIXL's rings, an
 * acquire fence does that job: nixl_ring.c).
 */
#ifndef SHM_RING_WRITE_H
#define SHM_RING_WRITE_H

#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include "clock.h"
#include "geom.h"
#include "layout.h"
#include "memorder.h"

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
	/*
	 * Calibration: cal.kind is fixed at creation and read by every emit;
	 * the rest belongs to whichever thread holds next_refine (see
	 * ring_doorbell_ring), so it needs no atomics.
	 */
	struct clock_cal cal;
	/* Fixed at creation from the first calibration: rate hints only. */
	uint64_t doorbell_gap;		/* ticks in 1 ms */
	uint64_t refine_gap;		/* ticks in 60 s */
	_Atomic uint64_t next_refine;	/* ticks; RING_REFINING while held */
};

/* next_refine while a thread refines the clock: no ts reaches it. */
#define RING_REFINING UINT64_MAX

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
/*
 * ring_set_flag: set or clear SHM_F_* bits in the header.  Release: a
 * reader that sees the new flags (ring_flags) sees every event and
 * aggregate stored before.  Any thread.
 */
void ring_set_flag(struct ring_w *w, uint32_t flag, int on);
/*
 * ring_lane_claim: a lane for writer @me (pid << 32 | tid): one it owns
 * already, else a free one, else one whose owner thread is dead, else 0
 * (the shared lane).  The lane stays @me's; there is no release.
 */
uint32_t ring_lane_claim(struct ring_w *w, uint64_t me);
/*
 * ring_doorbell_ring: the slow half of the doorbell check in ring_emit;
 * now and then also refines the clock.  Any thread, concurrently.
 */
void ring_doorbell_ring(struct ring_w *w, uint64_t ts);
/*
 * ring_agg_reset: min/max sentinels of series @id in every lane.  Relaxed
 * stores: the creator's release of the entry (state READY, index slot)
 * orders them before any emit to or read of @id.
 */
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

/* Bucket of @v in a histogram of powers of two: bound i is 2^i. */
static inline uint32_t ring_bucket_log2(const struct ring_sinfo *s, uint64_t v)
{
	uint32_t i = v <= 1 ? 0 : 64 - (uint32_t)__builtin_clzll(v - 1);

	return i < s->nbounds ? i : s->nbounds;
}

/* Histogram bucket of @v: the first bound >= v, or nbounds for +Inf. */
static inline uint32_t ring_bucket(const struct ring_sinfo *s, uint64_t v)
{
	uint32_t lo = 0, hi = s->nbounds;
	double x;

	if (s->log2 && s->vtype == SHM_U64)
		return ring_bucket_log2(s, v);
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

/*
 * The fields of an owned lane's aggregate but count, for one value type:
 * called with a constant @vtype for u64 counters and gauges (the common
 * case, whose min and max then are plain compares), else with the
 * series' own.  Relaxed loads and stores: this thread is the lane's only
 * writer, so its loads are exact, and readers get these fields ordered by
 * the release store of count (ring_agg_owned).
 */
static inline __attribute__((always_inline)) void ring_agg_fields(struct shm_agg *a, uint8_t vtype,
								   uint64_t v, uint64_t ts)
{
	atomic_store_explicit(&a->sum, ring_add(vtype, atomic_load_explicit(&a->sum, RLX), v), RLX);
	if (ring_less(vtype, v, atomic_load_explicit(&a->min, RLX)))
		atomic_store_explicit(&a->min, v, RLX);
	if (ring_less(vtype, atomic_load_explicit(&a->max, RLX), v))
		atomic_store_explicit(&a->max, v, RLX);
	atomic_store_explicit(&a->last, v, RLX);
	atomic_store_explicit(&a->last_ts, ts, RLX);
}

/* What ring_emit_owned() is told of a series' histogram. */
enum {
	RING_HIST_NONE,		/* not a histogram */
	RING_HIST_ANY,		/* a histogram: ring_bucket() */
	RING_HIST_LOG2,		/* an unsigned one over powers of two: ring_bucket_log2() */
};

/* ring_hist: the RING_HIST_* of series @s. */
static inline int ring_hist(const struct ring_sinfo *s)
{
	if (s->kind != SHM_KIND_HISTOGRAM)
		return RING_HIST_NONE;
	return s->log2 && s->vtype == SHM_U64 ? RING_HIST_LOG2 : RING_HIST_ANY;
}

static inline __attribute__((always_inline)) void ring_agg_owned(const struct ring_wlane *l,
								  const struct ring_sinfo *s,
								  uint32_t id, uint8_t vtype,
								  int hist, uint64_t v, uint64_t ts)
{
	struct shm_agg *a = &l->agg[id];
	/* Relaxed: this thread is the lane's only writer (see ring_agg_fields). */
	uint64_t c = atomic_load_explicit(&a->count, RLX);

	if (__builtin_expect(vtype == SHM_U64, 1))
		ring_agg_fields(a, SHM_U64, v, ts);
	else
		ring_agg_fields(a, vtype, v, ts);
	if (hist) {
		uint32_t i = hist == RING_HIST_LOG2 ? ring_bucket_log2(s, v) : ring_bucket(s, v);
		_Atomic uint64_t *b = (_Atomic uint64_t *)&l->buckets[(uint64_t)s->hist * SHM_BUCKETS + i];
		atomic_store_explicit(b, atomic_load_explicit(b, RLX) + 1, RLX);
	}
	/* Everything above before count: pairs with the reader's acquire load. */
	atomic_store_explicit(&a->count, c + 1, REL);
}

/* Lane 0: the same with read-modify-writes, as several threads share it. */
static inline void ring_agg_shared(const struct ring_wlane *l, const struct ring_sinfo *s,
				   uint64_t v, uint64_t ts)
{
	struct shm_agg *a = &l->agg[s->id];
	uint64_t cur;

	/*
	 * Relaxed read-modify-writes: atomicity is all writers need of each
	 * other; readers get the fields ordered by the count update below.
	 */
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
	/*
	 * Everything above before count: pairs with the reader's acquire load,
	 * which through the release sequence of these RMWs also sees the
	 * fields of every other thread's earlier increment.
	 */
	atomic_fetch_add_explicit(&a->count, 1, REL);
}

/*
 * Release: each payload store is ordered after the slot's BUSY mark.  Pairs
 * with the reader's acquire payload loads: a reader that reads one of these
 * values from a newer lap sees BUSY (or later) in its seq re-check.
 * Stronger than needed on ARM: what the protocol needs is BUSY before every
 * payload store, which one release fence after BUSY and relaxed payload
 * stores would give (one dmb and four str instead of four stlr; the reader
 * likewise could take relaxed loads and one acquire fence).  On x86 both
 * spellings are the same plain movs.  Kept as the top of this file says:
 * ThreadSanitizer models release stores and acquire loads, not standalone
 * fences, so only this spelling lets the TSan run check the protocol.
 */
static inline void ring_event_fill(struct shm_event *e, uint64_t ts, uint32_t id, uint32_t tid,
				   uint64_t v)
{
	atomic_store_explicit(&e->ts, ts, REL);
	atomic_store_explicit(&e->series, id, REL);
	atomic_store_explicit(&e->tid, tid, REL);
	atomic_store_explicit(&e->value, v, REL);
}

/*
 * ring_emit_owned: append one event of series @s with value bits @v and
 * time @ts (clock_ticks() of the ring's w->cal.kind) from an owned lane,
 * the calling thread's, and update its aggregates.  @vtype is s->vtype,
 * @hist ring_hist(s) (or RING_HIST_ANY for any histogram): a caller that
 * has tested them passes constants and gets the aggregates of that case
 * alone.  @l is w->lanes[lane] or a copy of it (its fields never change
 * after creation): a caller that keeps the copy beside its lane number
 * saves the loads from the ring on the way to the event's address.
 * Wait-free.  The doorbell is the caller's: ring_doorbell_due().
 */
static inline __attribute__((always_inline)) void ring_emit_owned(const struct ring_wlane *l,
								   const struct ring_sinfo *s,
								   uint8_t vtype, int hist,
								   uint64_t v, uint32_t tid,
								   uint64_t ts)
{
	/*
	 * Only this thread stores head (a dead previous owner's stores came
	 * before our claim, by the kernel's ordering argued in
	 * ring_lane_claim), so a relaxed load is exact.
	 */
	uint64_t pos = atomic_load_explicit(&l->hdr->head, RLX);
	struct shm_event *e = &l->ev[pos & l->mask];
	uint32_t id = s->id;	/* once: the compiler cannot tell *s from the stores below */

	/* Relaxed: the payload's release stores order it before them. */
	atomic_store_explicit(&e->seq, SHM_SEQ_BUSY, RLX);
	ring_event_fill(e, ts, id, tid, v);
	/* Payload before commit: pairs with the reader's acquire of seq. */
	atomic_store_explicit(&e->seq, pos + 1, REL);
	ring_agg_owned(l, s, id, vtype, hist, v, ts);
	/* Commit before head: pairs with the reader's acquire of head. */
	atomic_store_explicit(&l->hdr->head, pos + 1, REL);
}

/* ring_emit_shared: the same from lane 0, which any thread may share. */
static inline void ring_emit_shared(const struct ring_wlane *l, const struct ring_sinfo *s,
				    uint64_t v, uint32_t tid, uint64_t ts)
{
	/*
	 * Relaxed: a ticket, only atomicity matters; readers of lane 0 go by
	 * each slot's seq, not by head.
	 */
	uint64_t pos = atomic_fetch_add_explicit(&l->hdr->head, 1, RLX);
	struct shm_event *e = &l->ev[pos & l->mask];
	/* Relaxed: a pre-check only; the CAS below re-reads the value. */
	uint64_t old = atomic_load_explicit(&e->seq, RLX);

	if (old != SHM_SEQ_BUSY && old < pos + 1 &&
	    /*
	     * acquire: pairs with the previous holder's release commit, so its
	     * payload stores happen before ours.  Relaxed on failure: we drop
	     * the event and read nothing of the slot.
	     */
	    atomic_compare_exchange_strong_explicit(&e->seq, &old, SHM_SEQ_BUSY, ACQ, RLX)) {
		ring_event_fill(e, ts, s->id, tid, v);
		/* Payload before commit: pairs with the reader's acquire of seq. */
		atomic_store_explicit(&e->seq, pos + 1, REL);
	} else {
		/* Relaxed: a statistic; nothing is read through it. */
		atomic_fetch_add_explicit(&l->hdr->dropped, 1, RLX);
	}
	ring_agg_shared(l, s, v, ts);
}

/*
 * ring_doorbell_due: should an emit at @ts ring the doorbell
 * (ring_doorbell_ring)?  Relaxed: a rate limit; a stale value at worst
 * rings once too many.
 */
static inline int ring_doorbell_due(struct ring_w *w, uint64_t ts)
{
	return ts - atomic_load_explicit(&w->h->doorbell_ticks, RLX) >= w->doorbell_gap;
}

/*
 * ring_doorbell_next: the tick before which no emit's ring_doorbell_due()
 * holds, as far as this thread has seen.  Relaxed, as there.
 */
static inline uint64_t ring_doorbell_next(struct ring_w *w)
{
	return atomic_load_explicit(&w->h->doorbell_ticks, RLX) + w->doorbell_gap;
}

/*
 * ring_emit: one event from lane @lane (the calling thread's own, or 0),
 * its aggregates and the doorbell.  @l and @ts as for ring_emit_owned().
 */
static inline void ring_emit(struct ring_w *w, const struct ring_wlane *l, uint32_t lane,
			     const struct ring_sinfo *s, uint64_t v, uint32_t tid, uint64_t ts)
{
	if (lane)
		ring_emit_owned(l, s, s->vtype, ring_hist(s), v, tid, ts);
	else
		ring_emit_shared(l, s, v, tid, ts);
	if (__builtin_expect(ring_doorbell_due(w, ts), 0))
		ring_doorbell_ring(w, ts);
}

#endif
