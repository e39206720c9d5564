/* SPDX-License-Identifier: MIT */
/*
 * prom_ring.c - a ring file's samples (see prom_ring.h).
 *
 * Values come from the registry's cumulative aggregates, never from the
 * events: the ring may have wrapped many times, the aggregates are exact.
 */
#include <string.h>
#include "prom_ring.h"

struct meta_def {
	const char *name;
	enum pout_type type;
	const char *help;
};

enum { M_UP, M_CAPACITY, M_WRITTEN, M_DROPPED, M_SERIES, M_START, M_LAST, M_N };

static const struct meta_def metas[M_N] = {
	{ "up", POUT_GAUGE,
	  "1 if the agent's writer is alive and the process it describes has not gone, else 0" },
	{ "ring_capacity_events", POUT_GAUGE,
	  "Events the agent's ring holds before it wraps (capacity per lane times lanes)" },
	{ "events_written_total", POUT_COUNTER, "Events the agent's writers wrote to its ring" },
	{ "events_dropped_total", POUT_COUNTER,
	  "Events the agent's writers dropped because a shared ring slot was held" },
	{ "registered_series", POUT_GAUGE, "Series registered in the agent's ring" },
	{ "process_start_time_seconds", POUT_GAUGE,
	  "Start time of the process that writes the agent's ring, in seconds since the epoch" },
	{ "last_event_time_seconds", POUT_GAUGE,
	  "Time of the agent's newest event, in seconds since the epoch" },
};

static void meta(struct pout *o, const struct prom_cfg *c, int which, const char *labels,
		 const char *value)
{
	size_t pl = strnlen(c->meta_prefix, 200), nl = strlen(metas[which].name);
	char name[256];

	/* By hand, not snprintf: seven per ring.  --prefix takes under 128 bytes. */
	memcpy(name, c->meta_prefix, pl);
	memcpy(name + pl, metas[which].name, nl + 1);
	pout_sample(o, pout_family(o, name, metas[which].type, POUT_META, metas[which].help),
		    labels, value);
}

static void meta_u64(struct pout *o, const struct prom_cfg *c, int which, const char *labels,
		     uint64_t v)
{
	char buf[32];

	pout_u64(buf, v);
	meta(o, c, which, labels, buf);
}

static void meta_time(struct pout *o, const struct prom_cfg *c, int which, const char *labels,
		      uint64_t ns)
{
	char buf[64];

	pout_num(buf, sizeof(buf), (double)ns / 1e9);
	meta(o, c, which, labels, buf);
}

void prom_ring_scan(struct ring *r, struct prom_ring_info *info)
{
	uint32_t n = ring_series_count(r);

	info->alive = ring_alive(r);
	info->last_ns = 0;
	for (uint32_t id = 0; id < n; id++) {
		struct ring_series s;
		struct ring_agg g;

		if (ring_series_get(r, id, &s) || ring_aggregate(r, &s, &g))
			continue;
		if (g.count && g.last_ns > info->last_ns)
			info->last_ns = g.last_ns;
	}
}

void prom_ring_export(struct pout *o, const struct prom_cfg *c, struct prom_agent *a,
		      struct ring *r, struct prom_ring_info *info)
{
	const struct ring_meta *m = ring_meta(r);
	uint32_t n = ring_series_count(r);
	struct ring_totals t;
	const char *labels;
	int up;

	info->alive = ring_alive(r);
	up = info->alive == 1 && !(ring_flags(r) & SHM_F_GONE);
	prom_agent_begin(a, c, m->agent, m->source_pid, up);
	for (uint32_t id = 0; id < n; id++) {
		struct ring_series s;
		struct ring_agg g;

		/* Unready, duplicate or corrupt entries are skipped, not fatal. */
		if (ring_series_get(r, id, &s) || ring_aggregate(r, &s, &g))
			continue;
		prom_agent_series(a, o, c, &s, &g);
	}
	prom_agent_end(a, o, c);
	info->last_ns = prom_agent_last_ns(a);

	labels = prom_agent_labels(a);
	meta(o, c, M_UP, labels, up ? "1" : "0");
	meta_u64(o, c, M_CAPACITY, labels, (uint64_t)m->capacity * m->lanes);
	if (!ring_totals(r, &t)) {
		meta_u64(o, c, M_WRITTEN, labels, t.written);
		meta_u64(o, c, M_DROPPED, labels, t.dropped);
	}
	meta_u64(o, c, M_SERIES, labels, prom_agent_nseries(a));
	if (m->writer_start_ns)
		meta_time(o, c, M_START, labels, m->writer_start_ns);
	if (info->last_ns)
		meta_time(o, c, M_LAST, labels, info->last_ns);
}
