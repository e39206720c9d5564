/* SPDX-License-Identifier: MIT */
/*
 * emit.c - the emit fast path.
 *
 * Per call: one NULL test, an RCU read-side lock (urcu-bp: a thread-local
 * counter store, no fence, with sys_membarrier; its thread-local record
 * reached through the initial-exec model, see lib.mk), the agent's live
 * flag, a check of the thread's lane cache, then ring_emit()
 * (ring_write.h): an rdtsc, plain stores into this thread's lane, and the
 * aggregates.
 *
 * The lane cache is keyed by the agent's uid and the process' fork
 * generation, so a child after fork() claims lanes of its own instead of
 * writing into its parent's (two writers on one owned lane would break the
 * single-writer protocol).  It holds a few agents, so a thread that
 * switches between agents does not claim its lane again at every switch.
 */
#include <errno.h>
#include <math.h>
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
	uint64_t uid;
	uint64_t gen;
	uint32_t lane;
	uint32_t tid;
	struct ring_wlane wl;		/* a copy of the agent's lanes[lane]: see ring_emit() */
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
static _Atomic uint64_t fork_gen = 1;

static void before_fork(void)
{
	urcu_bp_before_fork();
}

static void after_fork_parent(void)
{
	urcu_bp_after_fork_parent();
}

static void after_fork_child(void)
{
	/* Relaxed: the child has one thread now; later ones start after it. */
	atomic_fetch_add_explicit(&fork_gen, 1, memory_order_relaxed);
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
 * check again).  Returns the entry.
 */
static __attribute__((noinline)) struct tls_lane *lane_slow(struct shmtel_agent *a)
{
	/* Relaxed, as in emit_bits(): see after_fork_child(). */
	uint64_t gen = atomic_load_explicit(&fork_gen, memory_order_relaxed);
	struct tls_lane *e;
	uint32_t tid;

	for (int i = 1; i < LANE_CACHE; i++) {
		e = &tls.lane[i];
		if (e->uid == a->uid && e->gen == gen)
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
	e->uid = a->uid;
	e->gen = gen;
	return e;
}

static inline void emit_bits(struct shmtel_series *s, uint64_t bits)
{
	struct shmtel_agent *a = s->agent;
	struct tls_lane *e = &tls.lane[0];

	urcu_bp_read_lock();
	/*
	 * Relaxed is enough: close's grace period orders it against the
	 * store of 0 (this section either is waited for or sees 0), and the
	 * hand-off of the agent to this thread ordered the store of 1 (see
	 * agent.c).  fork_gen is relaxed too: see after_fork_child().
	 */
	if (__builtin_expect(atomic_load_explicit(&a->live, memory_order_relaxed), 1)) {
		if (__builtin_expect(e->uid != a->uid ||
				     e->gen != atomic_load_explicit(&fork_gen, memory_order_relaxed), 0))
			e = lane_slow(a);
		ring_emit(a->w, &e->wl, e->lane, &s->info, bits, e->tid);
	}
	tsan_rcu_release(a);	/* pairs with tsan_rcu_acquire() in close */
	urcu_bp_read_unlock();
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
