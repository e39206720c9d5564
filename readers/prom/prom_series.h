/* SPDX-License-Identifier: MIT */
/*
 * prom_series.h - what every family of an export shares, below the
 * default families (prom_agent.h) and the compatibility plug-ins
 * (prom_compat.h) alike: the export's configuration, its series
 * selection, and histogram buckets in another unit.
 */
#ifndef READERS_PROM_SERIES_H
#define READERS_PROM_SERIES_H

#include <stdint.h>
#include "shm/ring_read.h"

struct prom_cfg {
	const char *prefix;		/* default series families; may be "" */
	const char *meta_prefix;	/* per-agent families; never "" */
	const char *hostname;		/* hostname label on default families, or NULL */
	const char *compat_host;	/* hostname label of the NIXL families */
	unsigned compat;		/* bit i: prom_compats[i] is on (--compat) */
	const char *const *metrics;	/* NULL-terminated globs; NULL: every series */
	const char *const *exclude;	/* NULL-terminated globs, or NULL */
	/* NIXL's histogram bounds in us (NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US), for empty ones. */
	const double *nixl_bounds;
	uint32_t nixl_nbounds;
};

/* prom_selected: 1 if the series called @name is to be exported. */
int prom_selected(const struct prom_cfg *c, const char *name);

/*
 * prom_buckets: @s's buckets with bounds scaled by @mul / @div into @le
 * and @b (per bucket, the last one +Inf); returns the number of finite
 * bounds, which stay strictly increasing whatever the scaling does.
 */
uint32_t prom_buckets(const struct ring_series *s, const struct ring_agg *g, double mul,
		      double div, double *le, uint64_t *b);

#endif
