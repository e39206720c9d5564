/* SPDX-License-Identifier: MIT */
/*
 * ring_write.c - the writer's slow paths: lane ownership, the doorbell,
 * closing.  The emit fast path, and the slot protocol it follows, are
 * inline in ring_write.h.
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
	/*
	 * release: pairs with ring_flags()'s acquire load: a reader that sees
	 * SHM_F_CLOSED or SHM_F_GONE sees everything emitted before.
	 */
	if (on)
		atomic_fetch_or_explicit(&w->h->flags, flag, REL);
	else
		atomic_fetch_and_explicit(&w->h->flags, ~flag, REL);
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
			/* Relaxed: our own id reads back exact; else the CAS re-checks. */
			uint64_t cur = atomic_load_explicit(&l->owner, RLX);

			if (pass == 0) {
				if (cur == me)
					return i;
				continue;
			}
			if (pass == 1 ? cur != 0 : !owner_dead(cur))
				continue;
			/*
			 * acquire: our lane loads (head, aggregates) stay after
			 * the claim.  No release pairs with it: a lane is never
			 * handed back, so the previous owner is a dead thread, and
			 * its last stores were visible by the time tgkill() told us
			 * it is gone (the kernel tore the thread down first).  A
			 * free lane was never written.  Relaxed on failure: we
			 * leave the lane alone.
			 *
			 * That visibility is the kernel's, not C11's, and on ARM
			 * it stands on two things Linux does: an exiting thread
			 * passes a full barrier after its last user-space access
			 * (exit_mm()'s smp_mb__after_spinlock(), there for
			 * membarrier) before it is unhashed, and the ESRCH that
			 * tgkill() returns depends on the lookup of that hash and
			 * comes back through an exception return, which Linux
			 * keeps context-synchronizing (SCTLR_EL1.EOS), so, as a
			 * branch and an isb would, it keeps our later loads of
			 * head and the aggregates from being satisfied before the
			 * lookup.  Our relaxed loads of them (ring_emit) then read
			 * the dead owner's last values, which keeps seq growing
			 * and the aggregates exact.  The acquire adds nothing to
			 * that; it stays because a claim is rare (once per thread
			 * and agent) and it is what a release would pair with if
			 * a lane were ever handed back.
			 */
			if (atomic_compare_exchange_strong_explicit(&l->owner, &cur, me, ACQ, RLX)) {
				/*
				 * Relaxed: a hint that lets readers skip unused
				 * lanes; one that misses it reads the lane on its
				 * next poll, its cursor there not having moved.
				 */
				atomic_store_explicit(&l->used, 1, RLX);
				return i;
			}
		}
	}
	/* Relaxed: the same skip hint as above. */
	atomic_store_explicit(&w->lanes[0].hdr->used, 1, RLX);
	return 0;
}

/*
 * The clock is refined by one thread at a time: the one whose CAS moves
 * next_refine from a due time to RING_REFINING, which no ts reaches, so
 * every other caller skips until the holder stores the next due time.
 * That makes w->cal (all but kind, fixed since creation) the holder's own:
 * plain loads and stores.
 */
void ring_doorbell_ring(struct ring_w *w, uint64_t ts)
{
	struct shm_header *h = w->h;
	/* Relaxed: a pre-check only; the CAS below re-reads the value. */
	uint64_t due = atomic_load_explicit(&w->next_refine, RLX);

	/* Relaxed: a rate limit (ring_emit); nothing is read through it. */
	atomic_store_explicit(&h->doorbell_ticks, ts, RLX);
	/*
	 * release: pairs with ring_doorbell()'s acquire load: a reader that
	 * sees the new value sees the event that rang (and all before it).
	 */
	atomic_fetch_add_explicit(&h->doorbell, 1, REL);
	syscall(SYS_futex, &h->doorbell, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
	/*
	 * acquire: pairs with the previous holder's release store below, so
	 * its stores to w->cal happen before ours.  Relaxed on failure:
	 * another thread refines, or it is not due; we touch nothing.
	 */
	if (ts < due || !atomic_compare_exchange_strong_explicit(&w->next_refine, &due,
								 RING_REFINING, ACQ, RLX))
		return;
	clock_refine(&w->cal, h);
	/* release: our stores to w->cal before the next holder's acquire CAS. */
	atomic_store_explicit(&w->next_refine, ts + w->refine_gap, REL);
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
		/* Relaxed: ordered by the entry's publication (ring_write.h). */
		atomic_store_explicit(&w->lanes[i].agg[id].min, lo, RLX);
		atomic_store_explicit(&w->lanes[i].agg[id].max, hi, RLX);
	}
}
