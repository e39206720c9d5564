/* SPDX-License-Identifier: MIT */
/*
 * ring_write.c - the writer's slow paths: lane ownership, the doorbell,
 * closing.  The emit fast path is inline in ring_write.h.
 */
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "ring_write.h"

void ring_destroy(struct ring_w *w, int clean)
{
	if (!w)
		return;
	if (clean)
		ring_set_flag(w, SHM_F_CLOSED, 1);
	munmap(w->base, w->size);
	close(w->fd);	/* drops the liveness lock unless a forked child holds it */
	free(w->lanes);
	free(w);
}

void ring_set_flag(struct ring_w *w, uint32_t flag, int on)
{
	if (on)
		atomic_fetch_or_explicit(&w->h->flags, flag, memory_order_release);
	else
		atomic_fetch_and_explicit(&w->h->flags, ~flag, memory_order_release);
}

/* A thread is gone when tgkill(pid, tid, 0) says there is no such thread. */
static int owner_dead(uint64_t owner)
{
	pid_t pid = (pid_t)(owner >> 32), tid = (pid_t)(owner & 0xffffffffu);

	return syscall(SYS_tgkill, pid, tid, 0) < 0 && errno == ESRCH;
}

uint32_t ring_lane_claim(struct ring_w *w, uint64_t me)
{
	/* Pass 0: a lane we own already; 1: a free one; 2: one of a dead thread. */
	for (int pass = 0; pass < 3; pass++) {
		for (uint32_t i = 1; i < w->g.lanes; i++) {
			struct shm_lane *l = w->lanes[i].hdr;
			uint64_t cur = atomic_load_explicit(&l->owner, memory_order_relaxed);

			if (pass == 0) {
				if (cur == me)
					return i;
				continue;
			}
			if (pass == 1 ? cur != 0 : !owner_dead(cur))
				continue;
			/*
			 * acquire: the previous owner's stores to this lane (head,
			 * aggregates) happen before ours; it released the lane or died.
			 */
			if (atomic_compare_exchange_strong_explicit(&l->owner, &cur, me,
								    memory_order_acquire,
								    memory_order_relaxed)) {
				atomic_store_explicit(&l->used, 1, memory_order_relaxed);
				return i;
			}
		}
	}
	atomic_store_explicit(&w->lanes[0].hdr->used, 1, memory_order_relaxed);
	return 0;
}

void ring_lane_release(struct ring_w *w, uint32_t lane, uint64_t me)
{
	uint64_t cur = me;

	if (!lane || lane >= w->g.lanes)
		return;
	/* release: our lane stores happen before the next owner's (its acquire CAS). */
	atomic_compare_exchange_strong_explicit(&w->lanes[lane].hdr->owner, &cur, 0,
						memory_order_release, memory_order_relaxed);
}

void ring_doorbell_ring(struct ring_w *w, uint64_t ts)
{
	struct shm_header *h = w->h;
	uint64_t due = atomic_load_explicit(&w->next_refine, memory_order_relaxed);

	atomic_store_explicit(&h->doorbell_ticks, ts, memory_order_relaxed);
	/* release: the event that rang is visible to whoever wakes on this value. */
	atomic_fetch_add_explicit(&h->doorbell, 1, memory_order_release);
	syscall(SYS_futex, &h->doorbell, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
	if (ts >= due && atomic_compare_exchange_strong_explicit(&w->next_refine, &due,
								 ts + 60 * w->cal.hz,
								 memory_order_relaxed,
								 memory_order_relaxed))
		clock_refine(&w->cal, h);
}

void ring_agg_reset(struct ring_w *w, uint32_t id, uint8_t vtype)
{
	uint64_t lo, hi;
	double inf = __builtin_inf(), ninf = -__builtin_inf();

	switch (vtype) {
	case SHM_I64:
		lo = (uint64_t)INT64_MAX;
		hi = (uint64_t)INT64_MIN;
		break;
	case SHM_F64:
		memcpy(&lo, &inf, 8);
		memcpy(&hi, &ninf, 8);
		break;
	default:
		lo = UINT64_MAX;
		hi = 0;
	}
	for (uint32_t i = 0; i < w->g.lanes; i++) {
		atomic_store_explicit(&w->lanes[i].agg[id].min, lo, memory_order_relaxed);
		atomic_store_explicit(&w->lanes[i].agg[id].max, hi, memory_order_relaxed);
	}
}
