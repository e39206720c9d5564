/* SPDX-License-Identifier: MIT */
/*
 * prom_ring.h - one ring file as Prometheus samples: the per-agent
 * families (up, capacity, events, series, start and last-event times)
 * and every series, through prom_agent.h.
 */
#ifndef READERS_PROM_RING_H
#define READERS_PROM_RING_H

#include <stdint.h>
#include "prom_agent.h"
#include "prom_out.h"
#include "shm/ring_read.h"

struct prom_ring_info {
	int alive;			/* ring_alive(): 1, 0, or -errno */
	uint64_t last_ns;		/* newest event, 0 if none */
};

/*
 * prom_ring_scan: validate every series of @r and find its newest event,
 * without exporting anything (what --gc needs to decide).
 */
void prom_ring_scan(struct ring *r, struct prom_ring_info *info);

/* prom_ring_export: add @r's samples to @o; @a is scratch state. */
void prom_ring_export(struct pout *o, const struct prom_cfg *c, struct prom_agent *a,
		      struct ring *r, struct prom_ring_info *info);

#endif
