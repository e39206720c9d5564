/* SPDX-License-Identifier: MIT */
/*
 * clock.h - event timestamps.
 *
 * Writers stamp events with the cheapest monotonic tick source there is:
 * the x86 invariant TSC (one rdtsc, no syscall, no vDSO page), ARMv8's
 * generic timer (CNTVCT_EL0, which Linux lets user space read; the same
 * rate on every core, given by CNTFRQ_EL0), or CLOCK_REALTIME nanoseconds
 * where there is neither.  The header
 * carries what a reader needs to turn ticks into wall-clock time: a
 * reference pair (ticks, ns) and the tick rate, kept under a seqlock
 * because writers refine the rate as the baseline grows.
 */
#ifndef SHM_CLOCK_H
#define SHM_CLOCK_H

#include <stdint.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif
#include "layout.h"

/* clock_ns: the time of clock @id in ns; the one helper every part uses. */
static inline uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline uint64_t clock_realtime_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

/*
 * clock_ticks: the writer's timestamp.  No barrier before the read: an
 * event's time may be taken a few instructions early, which nothing
 * depends on (rdtsc is not ordered either).  clock.c's calibration pairs
 * use clock_ticks_ordered().
 */
static inline uint64_t clock_ticks(uint32_t kind)
{
#if defined(__x86_64__) || defined(__i386__)
	if (kind == SHM_CLOCK_TSC)
		return __rdtsc();
#elif defined(__aarch64__)
	if (kind == SHM_CLOCK_CNTVCT) {
		uint64_t t;

		__asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(t));
		return t;
	}
#endif
	(void)kind;
	return clock_realtime_ns();
}

/*
 * CLOCK_INLINE: the kind whose ticks clock_ticks() reads with one
 * instruction on this architecture (0, no kind, where there is none).
 */
#if defined(__x86_64__) || defined(__i386__)
#define CLOCK_INLINE SHM_CLOCK_TSC
#elif defined(__aarch64__)
#define CLOCK_INLINE SHM_CLOCK_CNTVCT
#else
#define CLOCK_INLINE 0u
#endif

/*
 * clock_ticks_ordered: the same, not read before the instructions ahead
 * of it: on aarch64 an isb first, as the kernel's vDSO does (the counter
 * read may otherwise be speculated early); x86's lfence for rdtsc.
 */
static inline uint64_t clock_ticks_ordered(uint32_t kind)
{
#if defined(__x86_64__) || defined(__i386__)
	if (kind == SHM_CLOCK_TSC)
		_mm_lfence();
#elif defined(__aarch64__)
	if (kind == SHM_CLOCK_CNTVCT)
		__asm__ __volatile__("isb" ::: "memory");
#endif
	return clock_ticks(kind);
}

/*
 * In-process calibration state of a writer.  Not atomic: after clock_init
 * only one thread at a time may call clock_refine on it (the writer
 * arranges that, see ring_doorbell_ring), and kind never changes.
 */
struct clock_cal {
	uint32_t kind;
	uint64_t hz;
	uint64_t base_ticks, base_raw_ns;	/* first pair, for refinement */
	uint64_t ref_ticks, ref_ns;
};

/*
 * clock_init: pick the tick source and calibrate it: a few ms for the
 * process' first TSC calibration, later ones start from it (clock.c).
 */
void clock_init(struct clock_cal *c, int force_realtime);
/*
 * clock_publish: store the calibration into the header (under clock_seq).
 * If another publisher holds the seqlock, this one gives up: the header
 * keeps the other's values until the next refinement.
 */
void clock_publish(const struct clock_cal *c, struct shm_header *h);
/*
 * clock_refine: re-measure the TSC rate over the whole time since
 * clock_init and publish it.  Called now and then from the doorbell path.
 * Not thread-safe on @c: the caller excludes concurrent calls (in the
 * writer, a CAS on next_refine in ring_doorbell_ring lets one thread in
 * and the others skip rather than wait).
 */
void clock_refine(struct clock_cal *c, struct shm_header *h);
/*
 * clock_to_ns: reader side; ticks to wall-clock ns using @h's seqlock.
 * Never waits for long: after 100 torn reads it uses the last one.
 */
uint64_t clock_to_ns(const struct shm_header *h, uint64_t ticks);
/* The same with the three values already read. */
uint64_t clock_convert(uint64_t ticks, uint64_t hz, uint64_t ref_ticks, uint64_t ref_ns);

#endif
