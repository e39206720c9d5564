/* SPDX-License-Identifier: MIT */
/*
 * prom_agent.h - one agent's series as Prometheus samples.
 *
 * A ring (or a fuzzer) feeds an agent's validated series and their
 * aggregates through begin / series / end; the samples go to a collector
 * (prom_out.h).  Default families follow Prometheus conventions; the
 * compatibility families (--compat) reproduce what NIXL's own exporter
 * and the community Hailo exporter publish, so existing dashboards work.
 */
#ifndef READERS_PROM_AGENT_H
#define READERS_PROM_AGENT_H

#include <stdint.h>
#include "prom_out.h"
#include "shm/ring_read.h"

struct prom_cfg {
	const char *prefix;		/* default series families; may be "" */
	const char *meta_prefix;	/* per-agent families; never "" */
	const char *hostname;		/* hostname label on default families, or NULL */
	const char *compat_host;	/* hostname label of the NIXL families */
	int compat_nixl, compat_hailo;
	const char *const *metrics;	/* NULL-terminated globs; NULL: every series */
	const char *const *exclude;	/* NULL-terminated globs, or NULL */
};

/* prom_selected: 1 if the series called @name is to be exported. */
int prom_selected(const struct prom_cfg *c, const char *name);

struct prom_agent;

struct prom_agent *prom_agent_new(void);
void prom_agent_free(struct prom_agent *a);

/* prom_agent_begin: start agent @agent (raw bytes) of process @pid; @up: alive. */
void prom_agent_begin(struct prom_agent *a, const struct prom_cfg *c, const char *agent,
		      int32_t pid, int up);
/* prom_agent_series: one series and its aggregate. */
void prom_agent_series(struct prom_agent *a, struct pout *o, const struct prom_cfg *c,
		       const struct ring_series *s, const struct ring_agg *g);
/* prom_agent_end: the families that need every series first (NIXL compat). */
void prom_agent_end(struct prom_agent *a, struct pout *o, const struct prom_cfg *c);

/* The rendered agent, pid (and hostname) labels, for per-agent families. */
const char *prom_agent_labels(const struct prom_agent *a);
/* The newest event of the series seen so far, wall-clock ns; 0 if none. */
uint64_t prom_agent_last_ns(const struct prom_agent *a);
/* Series seen so far. */
uint32_t prom_agent_nseries(const struct prom_agent *a);

/* prom_value: a raw aggregate value of @vtype divided by @div, as text. */
void prom_value(char *buf, size_t len, uint8_t vtype, uint64_t bits, double div);

/*
 * prom_buckets: @s's buckets with bounds scaled by @mul / @div into @le
 * and @b (per bucket, the last one +Inf); returns the number of finite
 * bounds, which stay strictly increasing whatever the scaling does.
 */
uint32_t prom_buckets(const struct ring_series *s, const struct ring_agg *g, double mul,
		      double div, double *le, uint64_t *b);

/* NIXL and Hailo compatibility (prom_nixl.c, prom_hailo.c). */
struct nixl_acc;
struct nixl_acc *nixl_new(void);
void nixl_reset(struct nixl_acc *n);
/* nixl_take: fold in series @s if it is one of NIXL's; 1 if it was. */
int nixl_take(struct nixl_acc *n, const struct ring_series *s, const struct ring_agg *g);
/* nixl_emit: every NIXL family for agent @agent, zeros for what is missing. */
void nixl_emit(const struct nixl_acc *n, struct pout *o, const struct prom_cfg *c,
	       const char *agent);
void hailo_compat(struct pout *o, const struct prom_cfg *c, const char *agent, int up,
		  const struct ring_series *s, const struct ring_agg *g);

#endif
