/* SPDX-License-Identifier: MIT */
/*
 * agent.c - open and close an agent.
 *
 * Close cannot know whether other threads are about to emit, so it never
 * frees what an emit touches first: the agent and its series handles stay
 * allocated (and inert: live == 0) for the rest of the process, a few
 * hundred bytes per series.  What an emit touches after checking live —
 * the mapping — is released only after an RCU grace period, by which time
 * every emit that saw live == 1 has left its read-side critical section.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

#define DEF_CAPACITY	4096
#define DEF_LANES	8
#define DEF_SERIES	1024
#define DEF_HIST	128
#define DEF_INTERVAL	100

static _Atomic uint64_t next_uid = 1;

/* Closed agents, kept reachable on purpose: late emits may still read them. */
static struct shmtel_agent *closed;
static pthread_mutex_t closed_lock = PTHREAD_MUTEX_INITIALIZER;

static int name_ok(const char *name)
{
	size_t n;

	if (!name || name[0] == '.' || !name[0])
		return 0;
	n = strlen(name);
	if (n >= SHM_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] == '/' || (unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return 0;
	return 1;
}

/* Flag bits this version knows; the others are for versions to come. */
#define CFG_KNOWN	(SHMTEL_CFG_REALTIME_CLOCK | SHMTEL_CFG_GONE)

static uint32_t or_default(uint32_t v, uint32_t def)
{
	return v ? v : def;
}

/* Why a ring file could not be made, in words, where errno alone is vague. */
static const char *create_hint(int err, const char *dir)
{
	switch (err) {
	case -ENOENT: return access(dir, F_OK) ? " (the directory does not exist)" : "";
	case -ENOTDIR: return " (not a directory)";
	case -EACCES:
	case -EPERM: return " (not writable by this user)";
	case -EBUSY: return " (a live writer holds that name)";
	default: return "";
	}
}

/* No directory: say what left it out, the first thing asked when no file appears. */
static void say_no_dir(const char *name)
{
	char why[256];

	env_why_no_dir(why, sizeof(why));
	debug_note("agent '%s': no ring file, every call a no-op: %s", name ? name : "(null)",
		   why[0] ? why : "the configuration has no directory");
}

int shmtel_agent_open(const struct shmtel_config *cfg, struct shmtel_agent **out)
{
	struct ring_params p;
	struct shmtel_agent *a;
	int ret;

	*out = NULL;
	if (!cfg)
		return -EINVAL;
	if (!cfg->dir) {
		say_no_dir(cfg->name);
		return 0;	/* disabled: a NULL agent makes every call a no-op */
	}
	if (!name_ok(cfg->name))
		return debug_fail(-EINVAL,
				  "agent name '%s' must be 1-63 bytes, no '/', no leading '.'",
				  cfg->name ? cfg->name : "(null)");
	if (cfg->flags & ~CFG_KNOWN)
		return debug_fail(-EINVAL, "agent '%s': unknown flags 0x%x", cfg->name,
				  cfg->flags & ~CFG_KNOWN);
	if (!abi_reserved_zero(cfg->reserved, sizeof(cfg->reserved) / sizeof(cfg->reserved[0])))
		return debug_fail(-EINVAL, "agent '%s': reserved config fields must be 0",
				  cfg->name);
	memset(&p, 0, sizeof(p));
	p.capacity = or_default(cfg->capacity, DEF_CAPACITY);
	p.lanes = or_default(cfg->lanes, DEF_LANES);
	p.max_series = or_default(cfg->max_series, DEF_SERIES);
	p.max_hist = or_default(cfg->max_histograms, p.max_series < DEF_HIST ? p.max_series : DEF_HIST);
	p.run_interval_ms = or_default(cfg->run_interval_ms, DEF_INTERVAL);
	p.source_pid = cfg->source_pid;
	p.force_realtime = !!(cfg->flags & SHMTEL_CFG_REALTIME_CLOCK);
	p.gone = !!(cfg->flags & SHMTEL_CFG_GONE);
	if (!geom_pow2(p.capacity) || p.capacity > GEOM_MAX_CAPACITY || !geom_pow2(p.lanes) ||
	    p.lanes < GEOM_MIN_LANES || p.lanes > GEOM_MAX_LANES || p.max_series > GEOM_MAX_SERIES ||
	    p.max_hist > p.max_series)
		return debug_fail(-EINVAL, "agent '%s': capacity, lanes or series out of range",
				  cfg->name);

	emit_init_once();
	a = calloc(1, sizeof(*a));
	if (!a)
		return -ENOMEM;
	pthread_mutex_init(&a->create_lock, NULL);
	if (cfg->enabled_metrics && !(a->enabled = strdup(cfg->enabled_metrics))) {
		ret = -ENOMEM;
		goto err_free;
	}
	ret = series_table_init(a);
	if (ret)
		goto err_free;
	ret = ring_create(cfg->dir, cfg->name, &p, &a->w);
	if (ret) {
		debug_fail(ret, "agent '%s': no ring file: cannot create it in '%s'%s", cfg->name,
			   cfg->dir, create_hint(ret, cfg->dir));
		goto err_table;
	}
	/* Relaxed: uids need only be distinct, nothing is ordered by them. */
	a->uid = atomic_fetch_add_explicit(&next_uid, 1, memory_order_relaxed);
	/*
	 * live is set last.  Emits load it relaxed (emit.c): they reach the
	 * agent only through *out, whose hand-off to their thread orders all
	 * of *a, so this release pairs with no acquire.  The store of 0 in
	 * close is ordered by close's grace period instead.
	 */
	atomic_store_explicit(&a->live, 1, memory_order_release);
	*out = a;
	return 0;

err_table:
	series_table_fini(a);
err_free:
	free(a->enabled);
	pthread_mutex_destroy(&a->create_lock);
	free(a);
	return ret;
}

int shmtel_agent_close(struct shmtel_agent *a)
{
	struct ring_w *w;

	if (!a)
		return 0;
	pthread_mutex_lock(&a->create_lock);
	w = a->w;
	if (!w) {	/* closed already */
		pthread_mutex_unlock(&a->create_lock);
		return 0;
	}
	/*
	 * The grace period below, not this release, orders the store against
	 * the relaxed loads in emit.c: an emit's read-side section either
	 * started before it, and is waited for, or sees live == 0 and touches
	 * nothing.
	 */
	atomic_store_explicit(&a->live, 0, memory_order_release);
	/* Emits that saw live == 1 are inside a read-side section: wait them out. */
	urcu_bp_synchronize_rcu();
	/* Pairs with tsan_rcu_release() at the end of every emit's section. */
	tsan_rcu_acquire(a);
	a->w = NULL;
	series_table_fini(a);
	pthread_mutex_unlock(&a->create_lock);
	ring_destroy(w, 1);
	pthread_mutex_lock(&closed_lock);
	a->next_closed = closed;
	closed = a;
	pthread_mutex_unlock(&closed_lock);
	return 0;
}

int shmtel_agent_free(struct shmtel_agent *a)
{
	struct shmtel_agent **pp;

	if (!a)
		return 0;
	shmtel_agent_close(a);
	pthread_mutex_lock(&closed_lock);
	for (pp = &closed; *pp; pp = &(*pp)->next_closed) {
		if (*pp == a) {
			*pp = a->next_closed;
			break;
		}
	}
	pthread_mutex_unlock(&closed_lock);
	while (a->all) {
		struct shmtel_series *s = a->all;

		a->all = s->next_all;
		free(s->key);
		free(s);
	}
	free(a->enabled);
	pthread_mutex_destroy(&a->create_lock);
	free(a);
	return 0;
}

int shmtel_agent_set_gone(struct shmtel_agent *a, int gone)
{
	if (!a)
		return 0;
	pthread_mutex_lock(&a->create_lock);
	if (a->w)
		ring_set_flag(a->w, SHM_F_GONE, gone);
	pthread_mutex_unlock(&a->create_lock);
	return 0;
}
