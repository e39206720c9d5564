/* SPDX-License-Identifier: MIT */
/*
 * prom_agent.h - one agent's series as Prometheus samples.
 *
 * A ring (or a fuzzer) feeds an agent's validated series and their
 * aggregates through begin / series / end; the samples go to a collector
 * (prom_out.h).  Default families follow Prometheus conventions; the
 * compatibility plug-ins that the configuration enables (prom_compat.h)
 * see the same series.
 */
#ifndef READERS_PROM_AGENT_H
#define READERS_PROM_AGENT_H

#include <stdint.h>
#include "prom_out.h"
#include "prom_series.h"
#include "shm/ring_read.h"

struct prom_agent;

struct prom_agent *prom_agent_new(void);
void prom_agent_free(struct prom_agent *a);

/* prom_agent_begin: start agent @agent (raw bytes) of process @pid; @up: alive. */
void prom_agent_begin(struct prom_agent *a, const struct prom_cfg *c, const char *agent,
		      int32_t pid, int up);
/* prom_agent_series: one series and its aggregate. */
void prom_agent_series(struct prom_agent *a, struct pout *o, const struct prom_cfg *c,
		       const struct ring_series *s, const struct ring_agg *g);
/* prom_agent_end: the families that need every series first (--compat nixl). */
void prom_agent_end(struct prom_agent *a, struct pout *o, const struct prom_cfg *c);

/* The rendered agent, pid (and hostname) labels, for per-agent families. */
const char *prom_agent_labels(const struct prom_agent *a);
/* The newest event of the series seen so far, wall-clock ns; 0 if none. */
uint64_t prom_agent_last_ns(const struct prom_agent *a);
/* Series seen so far. */
uint32_t prom_agent_nseries(const struct prom_agent *a);

#endif
