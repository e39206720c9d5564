/* SPDX-License-Identifier: MIT */
/*
 * emit.c - the emit fast path.
 *
 * An emit from a thread's own lane, the common case, runs inline in
 * shmtel_emit_impl() without a call: one check of the thread's lane cache,
 * an RCU read-side section (urcu-bp's, entered inline: a thread-local
 * counter store, no fence, with sys_membarrier), the agent's live flag,
 * then ring_emit_owned() (ring_write.h): an rdtsc, plain stores into this
 * thread's lane, and the aggregates.  Everything else, a thread's first
 * emit to an agent among them, goes through emit_slow().
 *
 * The lane cache is keyed by the agent's uid.  A child after fork() starts
 * with it empty (after_fork_child), so it claims lanes of its own instead
 * of writing into its parent's (two writers on one owned lane would break
 * the single-writer protocol).  It holds a few agents, so a thread that
 * switches between agents does not claim its lane again at every switch.
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

/*
 * The lanes this thread writes, by agent: a thread that alternates between
 * agents finds each one's lane here instead of claiming it again (which,
 * with every lane owned, probes each owner with tgkill and ends in the
 * shared lane).  Entry 0 is looked at inline; the others on a miss.
 */
#define LANE_CACHE 4

struct tls_lane {
	uint64_t uid;			/* the agent's; 0: no entry */
	/*
	 * uid again where emit_bits() finishes this agent's emits inline (an
	 * owned lane, the clock read inline, urcu-bp with sys_membarrier),
	 * else 0: the fast path's one test.
	 */
	uint64_t fast;
	uint64_t bell;			/* ticks: the doorbell is not due before (emit_ring) */
	uint32_t lane;
	uint32_t tid;
	struct ring_wlane wl;		/* a copy of the agent's lanes[lane]: see ring_emit_owned() */
};

/*
 * shmtel_emit_name's names seen before, by the name's address: the series
 * it found, checked against the name's text on every hit (the caller may
 * reuse the buffer for another name).
 */
#define NAME_CACHE 8

struct tls_name {
	uint64_t uid;
	const char *name;
	struct shmtel_series *s;
};

struct tls_state {
	struct tls_lane lane[LANE_CACHE];
	uint32_t victim;		/* the entry a claim replaces next: 1..LANE_CACHE-1 */
	struct tls_name name[NAME_CACHE];
};

static __thread struct tls_state tls __attribute__((tls_model("initial-exec")));

static void before_fork(void)
{
	urcu_bp_before_fork();
}

static void after_fork_parent(void)
{
	urcu_bp_after_fork_parent();
}

/*
 * The child's one thread is the one that forked: emptying its lane cache
 * empties every cache in the child.  Its by-name cache stays: the series
 * it holds are the child's too.
 */
static void after_fork_child(void)
{
	memset(tls.lane, 0, sizeof(tls.lane));
	tls.victim = 0;
	urcu_bp_after_fork_child();
}

static void init(void)
{
	pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}

void emit_init_once(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, init);
}

/*
 * Entry 0 does not hold @a's lane: find it among the others (where it
 * stays: a thread alternating between agents would otherwise copy entries
 * at every switch), or claim it into entry 0, whose agent moves to the
 * entry whose turn it is (a thread that moves on to one agent pays one
 * check again).  Returns the entry.  In a read-side section: the thread
 * is registered with urcu-bp, so urcu_bp_has_sys_membarrier is set for
 * good (liburcu sets it once, at its initialization).
 */
static __attribute__((noinline)) struct tls_lane *lane_slow(struct shmtel_agent *a)
{
	struct tls_lane *e;
	uint32_t tid;

	for (int i = 1; i < LANE_CACHE; i++) {
		e = &tls.lane[i];
		if (e->uid == a->uid)
			return e;
	}
	/* Entry 0 goes to the entry whose turn it is; the claim takes entry 0. */
	if (!tls.victim)
		tls.victim = 1;
	tls.lane[tls.victim] = tls.lane[0];
	tls.victim = tls.victim + 1 < LANE_CACHE ? tls.victim + 1 : 1;
	tid = (uint32_t)gettid();
	e = &tls.lane[0];
	e->lane = ring_lane_claim(a->w, (uint64_t)getpid() << 32 | tid);
	e->wl = a->w->lanes[e->lane];
	e->tid = tid;
	e->bell = 0;
	e->uid = a->uid;
	e->fast = e->lane && a->w->cal.kind == CLOCK_INLINE && urcu_bp_has_sys_membarrier ? a->uid : 0;
	return e;
}

/*
 * Every emit emit_bits() does not finish inline: a thread's first to an
 * agent, entry 0 holding another agent's lane, the shared lane, a clock
 * not read inline, a thread not yet registered with urcu-bp.
 */
static __attribute__((noinline)) void emit_slow(struct shmtel_series *s, uint64_t bits)
{
	struct shmtel_agent *a = s->agent;
	struct tls_lane *e = &tls.lane[0];

	urcu_bp_read_lock();
	/* Relaxed, as in emit_bits(). */
	if (atomic_load_explicit(&a->live, memory_order_relaxed)) {
		if (e->uid != a->uid)
			e = lane_slow(a);
		ring_emit(a->w, &e->wl, e->lane, &s->info, bits, e->tid, clock_ticks(a->w->cal.kind));
	}
	tsan_rcu_release(a);	/* pairs with tsan_rcu_acquire() in close */
	urcu_bp_read_unlock();
}

/*
 * urcu-bp's read side for a registered thread on a system with
 * sys_membarrier (which its lock and unlock test at every call): the
 * reader record is loaded once, and unlocking stores back the counter's
 * value from before the lock.  That differs from urcu_bp_read_unlock()'s
 * store only in the phase bit of an outermost section's counter, which a
 * grace period does not look at once the nesting count is 0
 * (urcu_bp_reader_state()).  The record's counter is its first field; a
 * compiler barrier on each side, as in urcu-bp, keeps the section's loads
 * and stores inside it, and sys_membarrier orders them for the grace
 * period.
 */
struct rcu_section {
	volatile unsigned long *ctr;
	unsigned long old;
};

_Static_assert(offsetof(struct urcu_bp_reader, ctr) == 0, "urcu-bp's reader counter comes first");

static inline __attribute__((always_inline)) void rcu_enter(struct rcu_section *r,
							     struct urcu_bp_reader *rec)
{
	r->ctr = (volatile unsigned long *)(void *)rec;
	r->old = *r->ctr;
	*r->ctr = __builtin_expect(r->old & URCU_BP_GP_CTR_NEST_MASK, 0)
			  ? r->old + URCU_BP_GP_COUNT : CMM_LOAD_SHARED(urcu_bp_gp.ctr);
	cmm_barrier();
}

static inline __attribute__((always_inline)) void rcu_leave(const struct rcu_section *r)
{
	cmm_barrier();
	*r->ctr = r->old;
}

/*
 * The end of an inline emit at or after the entry's doorbell time: ring
 * it if the ring's last ring is older than the gap, and keep the next
 * time to look.  The same emits ring as when each looked at the shared
 * word (ring_emit), which another thread's ring only moves later.
 */
static __attribute__((noinline)) void emit_ring(struct shmtel_agent *a, struct tls_lane *e,
						uint64_t ts, struct rcu_section r)
{
	if (ring_doorbell_due(a->w, ts))
		ring_doorbell_ring(a->w, ts);
	e->bell = ring_doorbell_next(a->w);
	tsan_rcu_release(a);	/* pairs with tsan_rcu_acquire() in close */
	rcu_leave(&r);
}

/*
 * The inline emit once in the read-side section: ring_emit_owned() and
 * the doorbell, then leave the section.  @vtype and @hist as for
 * ring_emit_owned().
 */
static inline __attribute__((always_inline)) void emit_owned(struct shmtel_agent *a,
							      struct tls_lane *e,
							      struct shmtel_series *s,
							      uint8_t vtype, int hist,
							      uint64_t bits, struct rcu_section r)
{
	uint64_t ts = clock_ticks(CLOCK_INLINE);

	ring_emit_owned(&e->wl, &s->info, vtype, hist, bits, e->tid, ts);
	/* Signed: tick counts do not wrap, but e->bell may be ahead of ts. */
	if (__builtin_expect((int64_t)(ts - e->bell) >= 0, 0)) {
		emit_ring(a, e, ts, r);
		return;
	}
	tsan_rcu_release(a);	/* pairs with tsan_rcu_acquire() in close */
	rcu_leave(&r);
}

/* emit_owned() for SERIES_ANY. */
static __attribute__((noinline)) void emit_owned_any(struct shmtel_agent *a, struct tls_lane *e,
						     struct shmtel_series *s, uint64_t bits,
						     struct rcu_section r)
{
	emit_owned(a, e, s, s->info.vtype, ring_hist(&s->info), bits, r);
}

/*
 * An emit of an unsigned counter, gauge or power-of-two histogram from
 * this thread's owned lane, with the clock read inline, makes no call:
 * everything else is emit_slow()'s, emit_owned_any()'s or emit_ring()'s,
 * reached as the last thing this function does.  The lane cache is
 * checked before the read-side section: it is this thread's, and an
 * agent's uid never changes (the agent outlives its close, agent.c).
 */
static inline __attribute__((always_inline)) void emit_bits(struct shmtel_series *s, uint64_t bits)
{
	struct shmtel_agent *a = s->agent;
	struct tls_lane *e = &tls.lane[0];
	struct urcu_bp_reader *rec = URCU_TLS(urcu_bp_reader);
	uint8_t c = s->emit_case;	/* read before the section's barrier, kept */
	struct rcu_section r;

	if (__builtin_expect(e->fast != a->uid || !rec, 0)) {
		emit_slow(s, bits);
		return;
	}
	rcu_enter(&r, rec);
	/*
	 * Relaxed is enough: close's grace period orders it against the
	 * store of 0 (this section either is waited for or sees 0), and the
	 * hand-off of the agent to this thread ordered the store of 1 (see
	 * agent.c).
	 */
	if (__builtin_expect(!atomic_load_explicit(&a->live, memory_order_relaxed), 0)) {
		tsan_rcu_release(a);	/* pairs with tsan_rcu_acquire() in close */
		rcu_leave(&r);
		return;
	}
	if (__builtin_expect(c == SERIES_PLAIN, 1))
		emit_owned(a, e, s, SHM_U64, RING_HIST_NONE, bits, r);
	else if (c == SERIES_LOG2)
		emit_owned(a, e, s, SHM_U64, RING_HIST_LOG2, bits, r);
	else
		emit_owned_any(a, e, s, bits, r);
}

static uint64_t from_f64(uint8_t vtype, double v)
{
	uint64_t b;

	switch (vtype) {
	case SHM_U64:
		return !(v > 0) ? 0 : v >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)v;
	case SHM_I64:
		if (v != v)
			return 0;
		return v >= 9223372036854775807.0 ? (uint64_t)INT64_MAX :
		       v <= -9223372036854775808.0 ? (uint64_t)INT64_MIN : (uint64_t)(int64_t)v;
	default:
		memcpy(&b, &v, 8);
		return b;
	}
}

void shmtel_emit_impl(struct shmtel_series *s, uint64_t v)
{
	if (__builtin_expect(s->info.vtype != SHM_U64, 0))
		v = s->info.vtype == SHM_I64 ? (v > INT64_MAX ? (uint64_t)INT64_MAX : v)
					     : from_f64(SHM_F64, (double)v);
	emit_bits(s, v);
}

void shmtel_emit_i64_impl(struct shmtel_series *s, int64_t v)
{
	emit_bits(s, s->info.vtype == SHM_I64 ? (uint64_t)v :
		     s->info.vtype == SHM_U64 ? (v < 0 ? 0 : (uint64_t)v) : from_f64(SHM_F64, (double)v));
}

void shmtel_emit_f64_impl(struct shmtel_series *s, double v)
{
	emit_bits(s, from_f64(s->info.vtype, v));
}

/* Is @s the series of @name with no labels (key: name, 0xff, "\0")? */
static int same_name(const struct shmtel_series *s, const char *name)
{
	const char *k = s->key;

	while (*name && *k == *name)
		k++, name++;
	return !*name && (unsigned char)k[0] == 0xff && !k[1] && (size_t)(k + 2 - s->key) == s->keylen;
}

/* A name not in this thread's cache: the RCU table, or a new series. */
static __attribute__((noinline)) int emit_name_slow(struct shmtel_agent *a, const char *name,
						    uint64_t v)
{
	struct shmtel_series_desc d = {
		.category = SHMTEL_CUSTOM, .name = name, .kind = SHMTEL_GAUGE, .type = SHMTEL_U64,
	};
	char key[SHM_NAME_MAX + 2];
	struct shmtel_series *s = NULL;
	size_t n;
	int found = 0, ret;

	n = name ? strlen(name) : 0;
	if (!n || n >= SHM_NAME_MAX)
		return -EINVAL;
	/* The key of `name` with no labels: name, 0xff, the empty encoding "\0". */
	memcpy(key, name, n);
	key[n] = (char)0xff;
	key[n + 1] = 0;
	urcu_bp_read_lock();
	/* Relaxed, ordered by close's grace period as in emit_bits(). */
	if (atomic_load_explicit(&a->live, memory_order_relaxed)) {
		s = series_lookup(a, key, n + 2, reg_hash(name, "", 1));
		if (s) {
			found = 1;
			if (!s->filtered)
				shmtel_emit(s, v);
		}
	}
	tsan_rcu_release(a);	/* pairs with tsan_rcu_acquire() in close */
	urcu_bp_read_unlock();
	if (!found) {
		ret = shmtel_series_get(a, &d, &s);
		if (ret)
			return ret == -EBADF ? 0 : ret;
		shmtel_emit(s, v);
	}
	/* Handles outlive their agent's close (agent.c): keeping one is safe. */
	tls.name[((uintptr_t)name >> 3) % NAME_CACHE] = (struct tls_name){ a->uid, name, s };
	return 0;
}

int shmtel_emit_name(struct shmtel_agent *a, const char *name, uint64_t v)
{
	struct tls_name *c;

	if (!a)
		return 0;
	if (!name)
		return -EINVAL;
	c = &tls.name[((uintptr_t)name >> 3) % NAME_CACHE];
	if (c->uid != a->uid || c->name != name || !same_name(c->s, name))
		return emit_name_slow(a, name, v);
	if (!c->s->filtered)
		shmtel_emit(c->s, v);
	return 0;
}
