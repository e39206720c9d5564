/* SPDX-License-Identifier: MIT */
/*
 * geom.h - where every region of a ring file lies, derived from the four
 * sizes.  The writer uses it to lay the file out; the reader recomputes it
 * from the header's sizes and rejects a header whose offsets disagree, so
 * no offset read from the file is ever used unchecked.
 */
#ifndef SHM_GEOM_H
#define SHM_GEOM_H

#include <stdint.h>
#include "layout.h"

#define GEOM_MAX_CAPACITY	(1u << 24)
#define GEOM_MIN_LANES		2u
#define GEOM_MAX_LANES		256u
#define GEOM_MAX_SERIES		65536u

struct geom {
	uint32_t capacity, lanes, max_series, max_hist, index_slots;
	uint64_t registry_off, index_off, bounds_off, lanes_off;
	uint64_t lane_size, lane_events_off, lane_aggs_off, lane_buckets_off;
	uint64_t file_size;
};

static inline int geom_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static inline uint64_t geom_align(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* geom_compute: 0, or -1 if the sizes are out of range. */
static inline int geom_compute(struct geom *g, uint32_t capacity, uint32_t lanes,
			       uint32_t max_series, uint32_t max_hist)
{
	uint64_t off;

	if (!geom_pow2(capacity) || capacity > GEOM_MAX_CAPACITY ||
	    !geom_pow2(lanes) || lanes < GEOM_MIN_LANES || lanes > GEOM_MAX_LANES ||
	    !max_series || max_series > GEOM_MAX_SERIES || !max_hist || max_hist > max_series)
		return -1;
	g->capacity = capacity;
	g->lanes = lanes;
	g->max_series = max_series;
	g->max_hist = max_hist;
	g->index_slots = 2;
	while (g->index_slots < 2 * max_series)
		g->index_slots *= 2;
	off = SHM_HEADER_SIZE;
	g->registry_off = off;
	off += (uint64_t)max_series * sizeof(struct shm_series);
	g->index_off = off = geom_align(off, 64);
	off += (uint64_t)g->index_slots * sizeof(uint32_t);
	g->bounds_off = off = geom_align(off, 64);
	off += (uint64_t)max_hist * SHM_MAX_BOUNDS * sizeof(double);
	g->lanes_off = off = geom_align(off, 4096);
	g->lane_events_off = SHM_LANE_HDR;
	g->lane_aggs_off = g->lane_events_off + (uint64_t)capacity * sizeof(struct shm_event);
	g->lane_buckets_off = g->lane_aggs_off + (uint64_t)max_series * sizeof(struct shm_agg);
	g->lane_size = geom_align(g->lane_buckets_off +
				  (uint64_t)max_hist * SHM_BUCKETS * sizeof(uint64_t), 4096);
	g->file_size = off + (uint64_t)lanes * g->lane_size;
	return 0;
}

#endif
