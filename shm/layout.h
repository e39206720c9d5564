/* SPDX-License-Identifier: MIT */
/*
 * layout.h - the shmtel ring file format, as it sits in the file.
 *
 * One file per agent.  Every region is found through offsets in the header,
 * never through pointers, so any process (or language) that maps the file
 * sees the same thing.  All integers are native-endian fixed-width; the
 * byte-order marker tells a reader whether it can use the file at all.
 * man/shmtel.5 is the prose version of this header; keep them in step.
 *
 *   offset 0             struct shm_header            (SHM_HEADER_SIZE bytes)
 *   registry_off         struct shm_series [max_series]
 *   index_off            uint32_t [index_slots]       key hash -> series id + 1
 *   bounds_off           double [max_hist][SHM_MAX_BOUNDS]
 *   lanes_off            lanes x lane_size bytes, each:
 *                          struct shm_lane            (SHM_LANE_HDR bytes)
 *                          struct shm_event [capacity]
 *                          struct shm_agg   [max_series]
 *                          uint64_t [max_hist][SHM_MAX_BOUNDS + 1]
 *
 * Only the writer side ever stores to the file; readers map it read-only.
 * The concurrency protocol (events, lanes, aggregates) is described at the
 * top of ring_write.h, the reader's half at the top of ring_read.c, the
 * registry's in registry.h and the clock seqlock in clock.c.
 */
#ifndef SHM_LAYOUT_H
#define SHM_LAYOUT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define SHM_MAGIC		"SHMTELRB"
#define SHM_MAJOR		1
#define SHM_MINOR		0
#define SHM_BYTE_ORDER		0x01020304u
#define SHM_HEADER_SIZE		4096u
#define SHM_LANE_HDR		128u
#define SHM_NAME_MAX		64	/* agent and series names, NUL included */
#define SHM_LABELS_MAX		256	/* encoded labels, see struct shm_series */
#define SHM_UNIT_MAX		16
#define SHM_MAX_BOUNDS		47	/* explicit histogram bounds per series */
#define SHM_BUCKETS		(SHM_MAX_BOUNDS + 1)	/* last one is +Inf */

/* Event commit word (struct shm_event.seq). */
#define SHM_SEQ_EMPTY		0ull		/* never written */
#define SHM_SEQ_BUSY		UINT64_MAX	/* a writer is filling it */
/* otherwise seq == position + 1 of the event it holds */

/* Timestamp source (shm_header.clock_kind). */
#define SHM_CLOCK_TSC		1u	/* x86 invariant TSC ticks */
#define SHM_CLOCK_REALTIME	2u	/* CLOCK_REALTIME nanoseconds */
#define SHM_CLOCK_CNTVCT	3u	/* ARMv8 generic timer: CNTVCT_EL0 at CNTFRQ_EL0 */

/* shm_header.flags */
#define SHM_F_CLOSED		0x1u	/* the writer closed the agent cleanly */
#define SHM_F_GONE		0x2u	/* the process it describes went away */

/* shm_series.state */
#define SHM_SERIES_FREE		0u
#define SHM_SERIES_CLAIMED	1u	/* being filled; readers skip it */
#define SHM_SERIES_READY	2u
#define SHM_SERIES_DUP		3u	/* lost a creation race; never emitted */

/* shm_series.flags */
#define SHM_SF_LOG2		0x1u	/* buckets are the default 2^0..2^46 */

enum shm_category {
	SHM_CAT_MEMORY, SHM_CAT_TRANSFER, SHM_CAT_CONNECTION, SHM_CAT_BACKEND,
	SHM_CAT_ERROR, SHM_CAT_PERFORMANCE, SHM_CAT_SYSTEM, SHM_CAT_CUSTOM,
	SHM_CAT_COUNT
};
enum shm_kind { SHM_KIND_COUNTER, SHM_KIND_GAUGE, SHM_KIND_HISTOGRAM, SHM_KIND_COUNT };
enum shm_vtype { SHM_U64, SHM_I64, SHM_F64, SHM_VTYPE_COUNT };

struct shm_header {
	char magic[8];			/* SHM_MAGIC, no NUL */
	uint16_t major;			/* incompatible layout changes */
	uint16_t minor;			/* compatible additions */
	uint32_t byte_order;		/* SHM_BYTE_ORDER as the writer sees it */
	uint32_t header_size;
	uint32_t event_size;		/* sizeof(struct shm_event) */
	uint32_t series_size;		/* sizeof(struct shm_series) */
	uint32_t agg_size;		/* sizeof(struct shm_agg) */
	uint32_t capacity;		/* events per lane, a power of two */
	uint32_t lanes;			/* lane 0 is shared, 1.. are owned */
	uint32_t max_series;
	uint32_t max_hist;
	uint32_t max_bounds;		/* SHM_MAX_BOUNDS */
	uint32_t index_slots;		/* a power of two */
	uint64_t registry_off;
	uint64_t index_off;
	uint64_t bounds_off;
	uint64_t lanes_off;
	uint64_t lane_size;		/* stride between lanes */
	uint64_t lane_events_off;	/* within a lane */
	uint64_t lane_aggs_off;
	uint64_t lane_buckets_off;
	uint64_t file_size;
	/* Clocks: wall_ns = clock_ref_ns + (ticks - clock_ref_ticks) * 1e9 / clock_hz */
	uint32_t clock_kind;
	uint32_t run_interval_ms;	/* NIXL_TELEMETRY_RUN_INTERVAL */
	_Atomic uint64_t clock_hz;	/* these three under clock_seq */
	_Atomic uint64_t clock_ref_ticks;
	_Atomic uint64_t clock_ref_ns;
	/* Who writes it. */
	int32_t writer_pid;
	int32_t source_pid;		/* the process described; = writer_pid unless bridged */
	uint64_t writer_start_ticks;	/* /proc/<pid>/stat starttime, for pid reuse */
	uint64_t writer_start_ns;	/* the same as wall-clock ns */
	uint64_t created_ns;
	char agent[SHM_NAME_MAX];
	uint64_t source_start_ns;	/* start of source_pid, wall-clock ns; 0 unknown */
	uint8_t reserved0[3840 - 264];

	/*
	 * Writer-shared words, on their own cache lines so they never share a
	 * line with the read-mostly fields above.
	 */
	_Atomic uint32_t series_next;	/* registry slots handed out */
	_Atomic uint32_t hist_next;	/* histogram slots handed out */
	_Atomic uint32_t flags;		/* SHM_F_* */
	uint32_t reserved1[13];
	/*
	 * Doorbell: a futex word bumped (and woken) by a writer whose last
	 * event came more than a millisecond after the previous bump, so an
	 * idle follower sleeps in FUTEX_WAIT instead of polling.
	 */
	_Atomic uint32_t doorbell;
	uint32_t reserved2;
	_Atomic uint64_t doorbell_ticks;
	uint64_t reserved3[6];
	/* Seqlock over clock_ref_*: writers refine the TSC rate as time passes. */
	_Atomic uint64_t clock_seq;
	uint64_t reserved4[7];
	uint8_t reserved5[64];
};

/*
 * Registry entry.  Written once by the creating writer, published with a
 * release store of state = READY; immutable after that.
 *
 * labels: pairs of NUL-terminated strings key, value, key, value, ...,
 * ended by an empty key (so the encoding always ends in "\0\0").
 */
struct shm_series {
	_Atomic uint32_t state;		/* SHM_SERIES_* */
	uint8_t category;		/* enum shm_category */
	uint8_t kind;			/* enum shm_kind */
	uint8_t vtype;			/* enum shm_vtype */
	uint8_t flags;			/* SHM_SF_* */
	uint32_t hist;			/* histogram slot, for kind HISTOGRAM */
	uint32_t nbounds;		/* explicit bounds used in the slot */
	uint64_t key_hash;
	char name[SHM_NAME_MAX];
	char labels[SHM_LABELS_MAX];
	char unit[SHM_UNIT_MAX];
	uint8_t reserved[24];
};

/*
 * Per-lane header.  Line 0 is written by the lane's writer(s) only; readers
 * load it.  Line 1 is reserved so that the first event starts on a fresh line.
 */
struct shm_lane {
	_Atomic uint64_t head;		/* positions handed out; see ring_write.h */
	_Atomic uint64_t dropped;	/* events a writer could not publish */
	_Atomic uint64_t owner;		/* pid << 32 | tid of the owner, 0 if free */
	_Atomic uint64_t used;		/* nonzero once any event was written */
	uint64_t reserved[12];
};

/* One event, 32 bytes, cache-line aligned in groups of two. */
struct shm_event {
	_Atomic uint64_t seq;		/* SHM_SEQ_* or position + 1 */
	_Atomic uint64_t ts;		/* clock ticks, see header */
	_Atomic uint32_t series;	/* registry index */
	_Atomic uint32_t tid;		/* writing thread */
	_Atomic uint64_t value;		/* bits of the series' vtype */
};

/*
 * Cumulative aggregates of one series in one lane.  A reader sums the
 * lanes.  count is stored last (release), so a reader that loads count with
 * acquire sees the other fields at least as new as count.
 */
struct shm_agg {
	_Atomic uint64_t count;
	_Atomic uint64_t sum;		/* wrapping integer sum, or double bits */
	_Atomic uint64_t min;
	_Atomic uint64_t max;
	_Atomic uint64_t last;
	_Atomic uint64_t last_ts;
	uint64_t reserved[2];
};

_Static_assert(sizeof(struct shm_header) == SHM_HEADER_SIZE, "header size");
_Static_assert(offsetof(struct shm_header, agent) == 192, "header layout");
_Static_assert(offsetof(struct shm_header, series_next) == 3840, "header layout");
_Static_assert(offsetof(struct shm_header, clock_kind) == 128, "header layout");
_Static_assert(offsetof(struct shm_header, source_start_ns) == 256, "header layout");
_Static_assert(offsetof(struct shm_header, writer_pid) == 160, "header layout");
_Static_assert(offsetof(struct shm_header, flags) == 3848, "header layout");
_Static_assert(offsetof(struct shm_header, doorbell) == 3904, "header layout");
_Static_assert(offsetof(struct shm_header, doorbell_ticks) == 3912, "header layout");
_Static_assert(offsetof(struct shm_header, clock_seq) == 3968, "header layout");
_Static_assert(offsetof(struct shm_series, labels) == 88, "series layout");
_Static_assert(offsetof(struct shm_series, unit) == 344, "series layout");
_Static_assert(offsetof(struct shm_header, series_next) % 64 == 0, "hot line");
_Static_assert(offsetof(struct shm_header, doorbell) % 64 == 0, "hot line");
_Static_assert(offsetof(struct shm_header, clock_seq) % 64 == 0, "hot line");
_Static_assert(sizeof(struct shm_series) == 384, "series size");
_Static_assert(offsetof(struct shm_series, name) == 24, "series layout");
_Static_assert(sizeof(struct shm_lane) == SHM_LANE_HDR, "lane header size");
_Static_assert(sizeof(struct shm_event) == 32, "event size");
_Static_assert(offsetof(struct shm_event, value) == 24, "event layout");
_Static_assert(sizeof(struct shm_agg) == 64, "agg size");
/* Shared-memory atomics must never fall back to a lock in one process. */
_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "64-bit atomics must be lock-free");
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "32-bit atomics must be lock-free");

#endif
