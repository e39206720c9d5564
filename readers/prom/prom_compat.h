/* SPDX-License-Identifier: MIT */
/*
 * prom_compat.h - the compatibility families (--compat) as plug-ins of
 * the export: each one reproduces what another exporter publishes (NIXL's
 * own, the community Hailo one), so dashboards built for it keep working.
 *
 * prom_agent.c gives every enabled plug-in each series of an agent,
 * selected or not (a plug-in applies the selection itself: NIXL's
 * families appear for any agent that has a NIXL series), then says when
 * the agent ends.  A plug-in keeps what it needs across an agent's series
 * in a state of its own, one per struct prom_agent.  Single-threaded, as
 * the export is.
 */
#ifndef READERS_PROM_COMPAT_H
#define READERS_PROM_COMPAT_H

#include <stdint.h>
#include "prom_out.h"
#include "prom_series.h"
#include "shm/ring_read.h"

struct prom_compat {
	const char *name;		/* its --compat item */
	/* A new state (NULL: out of memory); both NULL for a plug-in without one. */
	void *(*new_state)(void);
	void (*free_state)(void *st);
	/* begin: an agent starts: forget the last one. */
	void (*begin)(void *st);
	/* series: one series of agent @agent (raw bytes); @up: the agent is alive. */
	void (*series)(void *st, struct pout *o, const struct prom_cfg *c, const char *agent,
		       int up, const struct ring_series *s, const struct ring_agg *g);
	/* end: the agent's series are done; NULL if nothing waits for them all. */
	void (*end)(void *st, struct pout *o, const struct prom_cfg *c, const char *agent);
};

extern const struct prom_compat prom_compat_nixl, prom_compat_hailo;

/*
 * Every plug-in, in the order they run; bit i of prom_cfg.compat enables
 * prom_compats[i].
 */
#define PROM_NCOMPAT 2
extern const struct prom_compat *const prom_compats[PROM_NCOMPAT];

#endif
