/* SPDX-License-Identifier: MIT */
/*
 * emit.c - the emit fast path.
 *
 * Per call: one NULL test, an RCU read-side lock (urcu-bp: a thread-local
 * counter store, no fence, with sys_membarrier), the agent's live flag, a
 * thread-local lane cache check, then ring_emit() (ring_write.h): an rdtsc,
 * plain stores into this thread's lane, and the aggregates.
 *
 * The lane cache is keyed by the agent's uid and the process' fork
 * generation, so a child after fork() claims lanes of its own instead of
 * writing into its parent's (two writers on one owned lane would break the
 * single-writer protocol).
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

struct tls_lane {
	uint64_t uid;
	uint64_t gen;
	uint32_t lane;
	uint32_t tid;
};

static __thread struct tls_lane tls __attribute__((tls_model("initial-exec")));
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

static __attribute__((noinline)) void lane_slow(struct shmtel_agent *a)
{
	uint32_t tid = (uint32_t)gettid();

	tls.lane = ring_lane_claim(a->w, (uint64_t)getpid() << 32 | tid);
	tls.tid = tid;
	tls.uid = a->uid;
	/* Relaxed, as in emit_bits(): see after_fork_child(). */
	tls.gen = atomic_load_explicit(&fork_gen, memory_order_relaxed);
}

static inline void emit_bits(struct shmtel_series *s, uint64_t bits)
{
	struct shmtel_agent *a = s->agent;

	urcu_bp_read_lock();
	/*
	 * Relaxed is enough: close's grace period orders it against the
	 * store of 0 (this section either is waited for or sees 0), and the
	 * hand-off of the agent to this thread ordered the store of 1 (see
	 * agent.c).  fork_gen is relaxed too: see after_fork_child().
	 */
	if (__builtin_expect(atomic_load_explicit(&a->live, memory_order_relaxed), 1)) {
		if (__builtin_expect(tls.uid != a->uid ||
				     tls.gen != atomic_load_explicit(&fork_gen, memory_order_relaxed), 0))
			lane_slow(a);
		ring_emit(a->w, tls.lane, &s->info, bits, tls.tid);
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

int shmtel_emit_name(struct shmtel_agent *a, const char *name, uint64_t v)
{
	struct shmtel_series_desc d = {
		.category = SHMTEL_CUSTOM, .name = name, .kind = SHMTEL_GAUGE, .type = SHMTEL_U64,
	};
	char key[SHM_NAME_MAX + 2];
	struct shmtel_series *s = NULL;
	size_t n;
	int found = 0, ret;

	if (!a)
		return 0;
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
	if (found)
		return 0;
	ret = shmtel_series_get(a, &d, &s);
	if (ret)
		return ret == -EBADF ? 0 : ret;
	shmtel_emit(s, v);
	return 0;
}
