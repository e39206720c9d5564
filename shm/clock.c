/* SPDX-License-Identifier: MIT */
/*
 * clock.c - tick source detection, calibration and tick-to-wall-clock
 * conversion.
 *
 * The TSC is used only when CPUID says it is invariant (constant rate in
 * every P- and C-state), so ticks from different cores and times are
 * comparable.  Its rate is first measured over ~5 ms against
 * CLOCK_MONOTONIC_RAW (once per process), then refined by writers over the
 * process' whole life, which brings the error from ~1e-5 down to ~1e-9
 * within a minute.  ARMv8's virtual counter has one rate on every core by
 * architecture, stated in CNTFRQ_EL0: that is the first rate, refined the
 * same way (where firmware states it wrongly, the refinement's 1 % sanity
 * check keeps the stated one, as for a wild TSC measurement).
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#include "clock.h"
#include "memorder.h"

static uint64_t raw_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * The tick source of this machine, and its rate if the hardware states it
 * (0: to be measured).  x86: the TSC only when CPUID says it is invariant.
 * aarch64: the generic timer's virtual counter, at CNTFRQ_EL0, which
 * firmware sets to the counter's real frequency.
 */
static uint32_t tick_source(uint64_t *hz)
{
	*hz = 0;
#if defined(__x86_64__) || defined(__i386__)
	unsigned int a, b, c, d;

	if (!__get_cpuid(0x80000000, &a, &b, &c, &d) || a < 0x80000007)
		return SHM_CLOCK_REALTIME;
	__get_cpuid(0x80000007, &a, &b, &c, &d);
	return (d >> 8) & 1 ? SHM_CLOCK_TSC : SHM_CLOCK_REALTIME;
#elif defined(__aarch64__)
	uint64_t f;

	__asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(f));
	*hz = f;
	return SHM_CLOCK_CNTVCT;
#else
	return SHM_CLOCK_REALTIME;
#endif
}

/*
 * A (ticks, ns) pair read as close together as possible: the ns reading is
 * bracketed by two tick readings and the tightest of a few tries wins.
 */
static void pair(uint32_t kind, uint64_t *ticks, uint64_t *ns, int realtime)
{
	uint64_t best = UINT64_MAX;

	*ticks = *ns = 0;

	for (int i = 0; i < 7; i++) {
		uint64_t t0 = clock_ticks_ordered(kind);
		uint64_t n = realtime ? clock_realtime_ns() : raw_ns();
		uint64_t t1 = clock_ticks_ordered(kind);

		if (t1 - t0 < best) {
			best = t1 - t0;
			*ticks = t0 + (t1 - t0) / 2;
			*ns = n;
		}
	}
}

/*
 * The tick rate is the machine's, not an agent's: it is measured once per
 * process (the 5 ms wait would otherwise be the cost of every open), and
 * later opens start from the process' first pair with the rate refined
 * over the whole time since, as clock_refine() does.
 */
static pthread_mutex_t proc_lock = PTHREAD_MUTEX_INITIALIZER;
static struct clock_cal proc_cal;	/* kind 0 until the first tick calibration */

/* The rate over the time since @c's first pair, if a second has passed and it is sane. */
static void rerate(struct clock_cal *c)
{
	uint64_t t = 0, n = 0, hz;

	pair(c->kind, &t, &n, 0);
	if (n <= c->base_raw_ns + 1000000000ull)
		return;
	hz = (uint64_t)((unsigned __int128)(t - c->base_ticks) * 1000000000u / (n - c->base_raw_ns));
	/* A wild result means a migrated or suspended VM; keep the old rate. */
	if (hz > c->hz + c->hz / 100 || hz < c->hz - c->hz / 100)
		return;
	c->hz = hz;
}

void clock_init(struct clock_cal *c, int force_realtime)
{
	struct timespec pause = { 0, 5 * 1000 * 1000 };
	uint64_t t1, n1, stated_hz;

	c->kind = force_realtime ? SHM_CLOCK_REALTIME : tick_source(&stated_hz);
	if (c->kind == SHM_CLOCK_REALTIME) {
		c->hz = 1000000000ull;
		c->base_ticks = c->base_raw_ns = c->ref_ticks = c->ref_ns = 0;
		return;
	}
	pthread_mutex_lock(&proc_lock);
	if (proc_cal.kind != c->kind) {
		proc_cal.kind = c->kind;
		pair(proc_cal.kind, &proc_cal.base_ticks, &proc_cal.base_raw_ns, 0);
		if (stated_hz) {
			proc_cal.hz = stated_hz;	/* no need to measure what the hardware states */
		} else {
			while (nanosleep(&pause, &pause) && errno == EINTR)
				;
			pair(proc_cal.kind, &t1, &n1, 0);
			proc_cal.hz = (uint64_t)((unsigned __int128)(t1 - proc_cal.base_ticks) *
						 1000000000u / (n1 - proc_cal.base_raw_ns ?
								 n1 - proc_cal.base_raw_ns : 1));
		}
	} else {
		rerate(&proc_cal);
	}
	c->hz = proc_cal.hz;
	c->base_ticks = proc_cal.base_ticks;
	c->base_raw_ns = proc_cal.base_raw_ns;
	pthread_mutex_unlock(&proc_lock);
	pair(c->kind, &c->ref_ticks, &c->ref_ns, 1);
}

/*
 * The seqlock, as the ring's slots (ring_write.h): seq is odd while a
 * publisher writes; the data stores are release and the reader's data loads
 * acquire, so a reader that reads any value of a newer publication also
 * sees that publication's odd seq in its re-check, and retries.  Publishers
 * may be threads of several processes: the CAS lets one in at a time.
 */
void clock_publish(const struct clock_cal *c, struct shm_header *h)
{
	/* Relaxed: a pre-check only; the CAS below re-reads the value. */
	uint64_t seq = atomic_load_explicit(&h->clock_seq, RLX);

	if (seq & 1)
		return;
	/*
	 * Odd while writing.  acquire: pairs with the previous publisher's
	 * release of the even seq, so its data stores come before ours in
	 * every field.  Relaxed on failure: someone else publishes; give up.
	 */
	if (!atomic_compare_exchange_strong_explicit(&h->clock_seq, &seq, seq + 1, ACQ, RLX))
		return;
	/*
	 * release: the odd seq before each data store; pairs with the acquire
	 * data loads in clock_to_ns(), whose seq re-check then sees it.
	 */
	atomic_store_explicit(&h->clock_hz, c->hz, REL);
	atomic_store_explicit(&h->clock_ref_ticks, c->ref_ticks, REL);
	atomic_store_explicit(&h->clock_ref_ns, c->ref_ns, REL);
	/*
	 * Data before even seq: pairs with clock_to_ns()'s acquire load of the
	 * first seq (a reader that sees this value sees the data), and with
	 * the next publisher's acquire CAS.
	 */
	atomic_store_explicit(&h->clock_seq, seq + 2, REL);
}

void clock_refine(struct clock_cal *c, struct shm_header *h)
{
	uint64_t hz = c->hz;

	if (c->kind == SHM_CLOCK_REALTIME)
		return;
	rerate(c);
	if (c->hz == hz)
		return;
	pair(c->kind, &c->ref_ticks, &c->ref_ns, 1);
	clock_publish(c, h);
}

uint64_t clock_convert(uint64_t ticks, uint64_t hz, uint64_t ref_ticks, uint64_t ref_ns)
{
	__int128 d = (__int128)ticks - (__int128)ref_ticks;

	if (!hz)
		return 0;
	d = d * 1000000000 / (__int128)hz + (__int128)ref_ns;
	return d < 0 ? 0 : (uint64_t)d;
}

uint64_t clock_to_ns(const struct shm_header *h, uint64_t ticks)
{
	struct shm_header *m = (struct shm_header *)h;	/* loads only */
	uint64_t s0, s1, hz, rt, rn;
	int tries = 0;

	do {
		/* acquire: pairs with clock_publish()'s release of the even seq. */
		s0 = atomic_load_explicit(&m->clock_seq, ACQ);
		/*
		 * acquire: pairs with clock_publish()'s release data stores; one
		 * that reads a newer publication's value makes its odd seq
		 * visible to the re-check below.
		 */
		hz = atomic_load_explicit(&m->clock_hz, ACQ);
		rt = atomic_load_explicit(&m->clock_ref_ticks, ACQ);
		rn = atomic_load_explicit(&m->clock_ref_ns, ACQ);
		/* Relaxed: the acquire loads above keep it after them. */
		s1 = atomic_load_explicit(&m->clock_seq, RLX);
		/* A writer stuck mid-update must not hang us: use what we have. */
	} while ((s0 != s1 || (s0 & 1)) && ++tries < 100);
	return clock_convert(ticks, hz, rt, rn);
}
