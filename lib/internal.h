/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what lib/ files share.  Never installed.
 */
#ifndef LIB_INTERNAL_H
#define LIB_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
/*
 * Inline RCU read side: no call into liburcu per emit.  liburcu-bp's
 * inline read side loads through reader records that are less aligned
 * than its code declares, which UBSan's alignment check reports.  These
 * declarations, seen before liburcu's definitions, switch off that one
 * check in those four functions only; every other check stays on in them
 * and everywhere else, so the sanitized build runs the emit path that
 * ships.
 */
#define _LGPL_SOURCE
#define URCU_BP_UNALIGNED __attribute__((no_sanitize("alignment")))
static inline void _urcu_bp_read_lock_update(unsigned long tmp) URCU_BP_UNALIGNED;
static inline void _urcu_bp_read_lock(void) URCU_BP_UNALIGNED;
static inline void _urcu_bp_read_unlock(void) URCU_BP_UNALIGNED;
static inline int _urcu_bp_read_ongoing(void) URCU_BP_UNALIGNED;
#include <urcu-bp.h>
#include <urcu/rculfhash.h>
#include "shm/registry.h"
#include "shm/ring_write.h"
#include "shmtel.h"

/*
 * ThreadSanitizer cannot see the ordering liburcu provides (the library is
 * not instrumented and its readers rely on sys_membarrier), so it would
 * report every emit that overlaps a close.  In TSan builds the read-side
 * section releases, and the end of close's grace period acquires, one
 * address per agent: exactly the happens-before that RCU guarantees.
 */
#if defined(__SANITIZE_THREAD__)
#define SHMTEL_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SHMTEL_TSAN 1
#endif
#endif
#ifdef SHMTEL_TSAN
#include <sanitizer/tsan_interface.h>
#define tsan_rcu_release(p) __tsan_release(p)
#define tsan_rcu_acquire(p) __tsan_acquire(p)
#else
#define tsan_rcu_release(p) ((void)(p))
#define tsan_rcu_acquire(p) ((void)(p))
#endif

struct shmtel_agent {
	struct ring_w *w;
	uint64_t uid;			/* unique per open: keys the thread's lane cache */
	_Atomic int live;		/* cleared by close before the grace period; see agent.c */
	struct cds_lfht *table;		/* series by name + labels, RCU */
	pthread_mutex_t create_lock;	/* serializes creation, not lookup or emit */
	char *enabled;			/* copy of the enabled-metrics globs, or NULL */
	struct shmtel_series *all;	/* every handle, kept after close (see agent.c) */
	struct shmtel_agent *next_closed;
};

struct shmtel_series {
	struct cds_lfht_node node;
	struct shmtel_series *next_all;
	struct shmtel_agent *agent;
	uint64_t hash;
	int filtered;			/* by-name cache entry for a disabled name */
	uint8_t emit_case;		/* SERIES_*: which inline emit fits (emit.c) */
	char *key;			/* name, 0xff, encoded labels */
	size_t keylen;
	struct ring_sinfo info;
};

/* shmtel_series.emit_case, from its info (series.c). */
enum {
	SERIES_PLAIN,			/* unsigned counter or gauge */
	SERIES_LOG2,			/* unsigned histogram over powers of two */
	SERIES_ANY,			/* the rest: signed or floating, other bounds */
};

/* labels.c: `k="v",...` to the sorted, NUL-separated file encoding. */
int labels_encode(const char *in, char *out, size_t max, size_t *len);

/* series.c */
int series_table_init(struct shmtel_agent *a);
void series_table_fini(struct shmtel_agent *a);
struct shmtel_series *series_lookup(struct shmtel_agent *a, const char *key, size_t keylen,
				    uint64_t hash);

/* emit.c: install the fork handlers (once per process). */
void emit_init_once(void);

/* abi.c: are the @n words of a must-be-zero reserved field all 0? */
int abi_reserved_zero(const uint64_t *w, size_t n);

/*
 * debug.c: debug_fail - describe a failure (@fmt, then strerror(-@err)) on
 * stderr if SHMTEL_DEBUG is set; returns @err, for `return debug_fail(...)`.
 */
int debug_fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* debug.c: debug_note - one line (@fmt) on stderr if SHMTEL_DEBUG is set: no failure, a fact. */
void debug_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * env.c: env_why_no_dir - what in the environment leaves an agent without
 * a directory (NIXL_TELEMETRY_ENABLE unset, false or invalid, or
 * NIXL_TELEMETRY_DIR unset), into @buf; "" if the environment would give
 * one (the program's configuration left it out).
 */
void env_why_no_dir(char *buf, size_t len);

#endif
