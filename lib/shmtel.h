/* SPDX-License-Identifier: MIT */
/*
 * shmtel.h - publish telemetry through shared memory.
 *
 * An agent is one ring file, $NIXL_TELEMETRY_DIR/<name>.  A series is a
 * named, labelled stream of values inside it.  Emitting a value appends a
 * timestamped event to the ring and updates the series' cumulative
 * aggregates; separate reader processes map the file read-only.
 *
 * Conventions: functions that can fail return 0 (or a count) on success
 * and a negative errno value on failure; they never print and never exit.
 * Handles are opaque.  Set SHMTEL_DEBUG=1 to have the library describe its
 * failures on stderr.  The section-3 man pages give each function's errors
 * and thread safety in full; the summaries below are the contract.
 */
#ifndef SHMTEL_H
#define SHMTEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The only symbols the library exports; everything else is hidden. */
#if defined(__GNUC__)
#define SHMTEL_API __attribute__((visibility("default")))
#else
#define SHMTEL_API
#endif

#define SHMTEL_VERSION_MAJOR 1
#define SHMTEL_VERSION_MINOR 0

/* NIXL's eight categories, with NIXL's numbering. */
enum shmtel_category {
	SHMTEL_MEMORY = 0,
	SHMTEL_TRANSFER = 1,
	SHMTEL_CONNECTION = 2,
	SHMTEL_BACKEND = 3,
	SHMTEL_ERROR = 4,
	SHMTEL_PERFORMANCE = 5,
	SHMTEL_SYSTEM = 6,
	SHMTEL_CUSTOM = 7,
};

enum shmtel_kind {
	SHMTEL_COUNTER = 0,	/* exporters report the sum of the values */
	SHMTEL_GAUGE = 1,	/* exporters report the last value */
	SHMTEL_HISTOGRAM = 2,	/* exporters report buckets, sum and count */
};

enum shmtel_type {
	SHMTEL_U64 = 0,
	SHMTEL_I64 = 1,
	SHMTEL_F64 = 2,
};

/* Largest number of explicit histogram bounds a series may have. */
#define SHMTEL_MAX_BOUNDS 47

struct shmtel_agent;
struct shmtel_series;

/*
 * struct shmtel_config - how to open an agent.  Zero means "default" for
 * every numeric field, so a zeroed struct with dir and name set is valid.
 */
struct shmtel_config {
	const char *dir;		/* telemetry directory; NULL: disabled */
	const char *name;		/* agent name: the file name in dir */
	uint32_t capacity;		/* events kept per lane, power of two; 4096 */
	uint32_t lanes;			/* writer lanes, power of two, 2..256; 8 */
	uint32_t max_series;		/* registry size, 1..65536; 1024 */
	uint32_t max_histograms;	/* histogram series, 1..max_series; 128 */
	uint32_t run_interval_ms;	/* readers' poll interval; 100 */
	const char *enabled_metrics;	/* comma-separated globs; NULL: all */
	int32_t source_pid;		/* process described, for bridges; 0: self */
	uint32_t flags;			/* SHMTEL_CFG_* */
};

/* Timestamp with clock_gettime(CLOCK_REALTIME) even where a TSC exists. */
#define SHMTEL_CFG_REALTIME_CLOCK 0x1u
/* Publish the ring with the GONE flag already set (see shmtel_agent_set_gone). */
#define SHMTEL_CFG_GONE 0x2u

/*
 * shmtel_config_from_env - fill @cfg from NIXL's environment variables.
 * NIXL_TELEMETRY_ENABLE (y/yes/on/1/true/enable or n/no/off/0/false/disable,
 * any case; unset = disabled), NIXL_TELEMETRY_DIR, NIXL_TELEMETRY_BUFFER_SIZE
 * (power of two), NIXL_TELEMETRY_RUN_INTERVAL (ms) and
 * NIXL_TELEMETRY_ENABLED_METRICS.  @name becomes cfg->name.  When telemetry
 * is disabled, or enabled with no directory, cfg->dir is NULL.  String
 * fields point into the environment.
 * Returns 0, or -EINVAL for a value it does not understand (nothing is
 * created).  Thread safety: as getenv(3).
 */
SHMTEL_API int shmtel_config_from_env(struct shmtel_config *cfg, const char *name);

/*
 * shmtel_agent_open - create (or take over) the agent's ring file.
 * On success *@out is the agent; if cfg->dir is NULL, *@out is NULL and
 * every call on it is a no-op.  The file is built under a temporary name
 * and renamed into place; a file left by a dead writer is replaced.
 * Returns 0, -EINVAL (bad config or name), -EBUSY (a live writer holds the
 * name), -ENOMEM, or the errno of the failing file operation (-ENOENT for
 * a missing directory, -ENOSPC for a full disk, -ELOOP, -EACCES, ...).
 * Thread safety: any thread; the agent may then be used from all threads,
 * and from child processes after fork(2).
 */
SHMTEL_API int shmtel_agent_open(const struct shmtel_config *cfg, struct shmtel_agent **out);

/* shmtel_agent_open_env - shmtel_config_from_env() then shmtel_agent_open(). */
SHMTEL_API int shmtel_agent_open_env(const char *name, struct shmtel_agent **out);

/*
 * shmtel_agent_close - mark the file closed and unmap it after an RCU
 * grace period.  Other threads may keep emitting while and after it runs:
 * their emits land or become no-ops, never touch unmapped memory.  For
 * that the agent and its handles stay allocated, inert, for the life of
 * the process (a few hundred bytes per series).  NULL and a second close
 * are no-ops.  Returns 0.  Must not be called from inside an emit.
 */
SHMTEL_API int shmtel_agent_close(struct shmtel_agent *agent);

/*
 * shmtel_agent_free - shmtel_agent_close(), then free the agent and its
 * series handles.  Only for callers that know no thread will touch the
 * agent or any of its handles again (a bridge that owns all its emits).
 * NULL is a no-op.  Returns 0.
 */
SHMTEL_API int shmtel_agent_free(struct shmtel_agent *agent);

/*
 * shmtel_agent_set_gone - tell readers that the process this agent
 * describes has gone (@gone = 1) or is back (0), for bridges that keep the
 * ring of a process they no longer see.  Returns 0; NULL is a no-op.
 */
SHMTEL_API int shmtel_agent_set_gone(struct shmtel_agent *agent, int gone);

/*
 * struct shmtel_series_desc - what identifies a series.  The same
 * category, name, labels, kind, type and unit give the same series.
 *
 * labels: NULL or `key="value",key2="value2"`; keys match
 * [A-Za-z_][A-Za-z0-9_]*, values may hold any byte but NUL, with \" \\ and
 * \n as escapes.  bounds: explicit histogram upper bounds, strictly
 * increasing, at most SHMTEL_MAX_BOUNDS; NULL means the default log scale
 * 1, 2, 4, ... 2^46.
 */
struct shmtel_series_desc {
	enum shmtel_category category;
	const char *name;		/* 1..63 bytes, no NUL */
	const char *labels;
	enum shmtel_kind kind;
	enum shmtel_type type;
	const char *unit;		/* NULL or up to 15 bytes: "bytes", "us", ... */
	const double *bounds;
	size_t nbounds;
};

/*
 * shmtel_series_get - get or create a series and return its handle in
 * *@out.  *@out is NULL (and the return 0) when @agent is NULL or the name
 * matches none of the enabled-metrics globs; emits on NULL are no-ops.
 * Returns 0, -EINVAL (bad description, or an existing series of that name
 * and labels with another kind, type or unit), -ENOSPC (the registry, or
 * its histogram slots, are full), -ENOMEM.
 * Thread safety: any thread, concurrently with emits and other gets.
 */
SHMTEL_API int shmtel_series_get(struct shmtel_agent *agent, const struct shmtel_series_desc *desc,
		      struct shmtel_series **out);

/*
 * shmtel_emit - record one value now.  The _i64 and _f64 forms convert
 * to the series' type if it differs.  Wait-free on a thread's own lane; a
 * thread beyond the lane count shares the overflow lane, where an event
 * whose slot is still held by a stalled writer is dropped and counted (the
 * aggregates still count it).  A NULL handle (disabled telemetry) costs one
 * inline test.  Thread safety: any thread; not async-signal-safe (a
 * handler would share the interrupted emit's lane).
 *
 * The shmtel_emit*_impl functions are what the inline wrappers call; use
 * the wrappers.
 */
SHMTEL_API void shmtel_emit_impl(struct shmtel_series *series, uint64_t value);
SHMTEL_API void shmtel_emit_i64_impl(struct shmtel_series *series, int64_t value);
SHMTEL_API void shmtel_emit_f64_impl(struct shmtel_series *series, double value);

static inline void shmtel_emit(struct shmtel_series *series, uint64_t value)
{
	if (__builtin_expect(series != NULL, 1))
		shmtel_emit_impl(series, value);
}

static inline void shmtel_emit_i64(struct shmtel_series *series, int64_t value)
{
	if (__builtin_expect(series != NULL, 1))
		shmtel_emit_i64_impl(series, value);
}

static inline void shmtel_emit_f64(struct shmtel_series *series, double value)
{
	if (__builtin_expect(series != NULL, 1))
		shmtel_emit_f64_impl(series, value);
}

/*
 * shmtel_emit_name - emit to the series called @name with no labels,
 * found in a lock-free in-process table (RCU); a name not seen before
 * becomes a CUSTOM u64 gauge.  Returns 0, 0 for a filtered name or a NULL
 * agent, or an error of shmtel_series_get().  Thread safety: any thread.
 */
SHMTEL_API int shmtel_emit_name(struct shmtel_agent *agent, const char *name, uint64_t value);

#ifdef __cplusplus
}
#endif
#endif
