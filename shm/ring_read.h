/* SPDX-License-Identifier: MIT */
/*
 * ring_read.h - read side of a shmtel ring file.
 *
 * A reader maps the file read-only and never stores to it.  Nothing in the
 * file is trusted: ring_open() validates the header against the real file
 * size, and every later access (series, aggregates, events) re-checks
 * indices against the validated geometry.  Call the accessors between
 * bus_guard_enter()/bus_guard_leave() (bus_guard.h) if the file may shrink
 * underneath you; ring_poll() and ring_aggregate() do that themselves.
 *
 * Thread safety: a struct ring may be used by one thread at a time; any
 * number of rings (and processes) may read the same file at once.
 */
#ifndef SHM_RING_READ_H
#define SHM_RING_READ_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include "layout.h"

struct ring;
struct stat;

/* Validated copy of the header fields tools show. */
struct ring_meta {
	char agent[SHM_NAME_MAX];
	uint16_t major, minor;
	uint32_t capacity;		/* events per lane */
	uint32_t lanes;
	uint32_t max_series;
	uint32_t max_hist;
	uint32_t run_interval_ms;
	int32_t writer_pid;
	int32_t source_pid;
	uint64_t writer_start_ticks;
	uint64_t writer_start_ns;
	uint64_t source_start_ns;	/* start of source_pid; 0 if unknown */
	uint64_t created_ns;
	uint64_t file_size;
	uint64_t dev, ino;		/* identity, to notice a replaced file */
};

/* Validated, decoded copy of one registry entry. */
struct ring_series {
	/* What ring_aggregate() checks, in the first cache line. */
	uint32_t id;
	uint8_t category;		/* < SHM_CAT_COUNT */
	uint8_t kind;			/* < SHM_KIND_COUNT */
	uint8_t vtype;			/* < SHM_VTYPE_COUNT */
	uint8_t log2;			/* default bounds 2^0 .. 2^46 */
	uint32_t nbounds;		/* finite bounds; buckets = nbounds + 1 */
	uint32_t hist_slot;		/* internal: where the buckets are */
	uint32_t nlabels;
	uint32_t labels_len;		/* bytes of labels, the closing NUL included */
	char name[SHM_NAME_MAX];	/* NUL-terminated, may hold any byte */
	char unit[SHM_UNIT_MAX];
	char labels[SHM_LABELS_MAX];	/* encoded as in the file, validated */
	double bounds[SHM_MAX_BOUNDS];
};

/* Aggregates summed over every lane. */
struct ring_agg {
	uint64_t count;
	uint64_t sum;			/* raw: wrapping u64/i64 or double bits */
	uint64_t min, max, last;	/* raw bits of the vtype; valid if count */
	uint64_t last_ns;		/* wall clock of the last value, 0 if none */
	uint64_t buckets[SHM_BUCKETS];	/* per bucket (not cumulative) */
};

/* One decoded event. */
struct ring_event {
	uint64_t ns;			/* wall clock, ns since the epoch */
	uint64_t value;			/* raw bits of the series' vtype */
	uint32_t series;		/* index < max_series (not checked ready) */
	uint32_t tid;
	uint32_t lane;
};

/*
 * RING_STALL_NS: the grace a slot of the shared lane gets.  A writer takes
 * its ticket (head) before it fills the slot, so a reader waits for an
 * uncommitted slot below head, but a writer stopped or killed mid-event
 * would hold it forever: once a slot's ticket is this old it is skipped
 * and counted missed.  One grace covers every slot of a stall.
 */
#define RING_STALL_NS 1000000000ull

/* A reader's position: one per lane, in positions (not slots). */
struct ring_cursor {
	uint32_t lanes;
	uint64_t *next;
	uint64_t *stall_head;		/* shared lane: head when the wait began */
	uint64_t *stall_ns;		/* when it began (CLOCK_MONOTONIC), 0: none yet */
	uint64_t stall_until;		/* last poll stopped at a wait ending then; 0: did not */
};

/*
 * ring_open: map @path read-only and validate it; keeps no descriptor.
 * Returns 0, or -ENOENT (missing), -EACCES/-EPERM (unreadable), -EISDIR,
 * -ENOTRING (not a shmtel ring: too short, wrong magic, or not a regular
 * file at all: a FIFO, socket or device), -EPROTONOSUPPORT
 * (other major version or byte order), -EBADMSG (a ring whose header is
 * inconsistent); @why (may be NULL, at least 128 bytes) says what exactly.
 */
#define ENOTRING EMEDIUMTYPE
int ring_open(const char *path, struct ring **out, char *why, size_t whylen);
/*
 * ring_open_keep: the same, but the ring keeps its descriptor until
 * ring_close(), and ring_alive() asks that one instead of opening @path
 * again: for a caller that holds one ring at a time, a pass over a
 * directory then opens each file once.
 */
int ring_open_keep(const char *path, struct ring **out, char *why, size_t whylen);
/*
 * ring_open_fd: the same on an open descriptor; takes ownership of @fd and
 * keeps it open until ring_close() (ring_alive() asks it for the lock).
 */
int ring_open_fd(int fd, struct ring **out, char *why, size_t whylen);
/*
 * ring_open_named: the same on @fd, which was opened from @path.  Unless
 * @keep_fd, @fd is closed once the file is mapped (or on failure), so an
 * open ring holds no descriptor, and ring_alive() and ring_changed() look
 * at @path instead; ring_open() works this way too.  With @keep_fd, @fd is
 * the ring's until ring_close(), as with ring_open_fd(), and @path is only
 * remembered for ring_changed().  @st, if not NULL, is what fstat() said
 * of @fd: a caller that had to ask spares the ring a second call.
 */
int ring_open_named(int fd, const char *path, int keep_fd, const struct stat *st,
		    struct ring **out, char *why, size_t whylen);
void ring_close(struct ring *r);
/*
 * ring_forget: free @r but leave its mapping and descriptor to the
 * process's exit, which is about to come.  For a program ending with
 * thousands of rings open: the exit takes the mappings down together, for
 * a fraction of what a munmap() each costs.
 */
void ring_forget(struct ring *r);

const struct ring_meta *ring_meta(const struct ring *r);

/*
 * ring_alive: 1 if a live writer holds the file's lock, 0 if not (the
 * agent is dead), -errno if that cannot be told.  Never takes the lock.
 * A ring opened by path opens it for the query (a descriptor for a
 * moment): -ENOENT if it is gone, -ESTALE if it names another file now.
 */
int ring_alive(const struct ring *r);
/* ring_flags: SHM_F_* as the writer last set them. */
uint32_t ring_flags(const struct ring *r);
/*
 * ring_changed: 1 if @path (NULL: the path the ring was opened by, if any)
 * now names another file or none, or the file shrank.
 */
int ring_changed(const struct ring *r, const char *path);

/* Registry: ids run from 0 to ring_series_count() - 1. */
uint32_t ring_series_count(const struct ring *r);
/* ring_series_get: 0, -ENOENT (slot not ready / duplicate), -EBADMSG. */
int ring_series_get(const struct ring *r, uint32_t id, struct ring_series *out);
/* ring_aggregate: sum series @s over the lanes.  0 or -EIO (file shrank). */
int ring_aggregate(const struct ring *r, const struct ring_series *s, struct ring_agg *out);

/*
 * ring_prefetch: start loading what ring_flags() and ring_totals() read
 * (the header's flags, each lane's head), the clock ring_aggregate()
 * converts with, with @c (may be NULL) the slot ring_poll() reads first in
 * each lane, and the aggregates of series 0 .. @nseries - 1: so that a
 * walk over many rings overlaps their cache misses instead of taking them
 * one after another.  Reads nothing of the mapping itself: a prefetch
 * never faults.
 */
void ring_prefetch(const struct ring *r, const struct ring_cursor *c, uint32_t nseries);
/* ring_prefetch_handle: the same for @r itself (what ring_prefetch reads first). */
void ring_prefetch_handle(const struct ring *r);
/* Totals over the lanes: positions handed out, and writer-side drops. */
struct ring_totals {
	uint64_t written;
	uint64_t dropped;
	uint64_t lanes_used;
};
int ring_totals(const struct ring *r, struct ring_totals *out);

/*
 * Cursors.  ring_cursor_init starts at the oldest retained event
 * (@from_now = 0) or after the newest (@from_now = 1); 0, or -ENOMEM or
 * -EIO (the file shrank underneath), and then nothing to free.
 */
int ring_cursor_init(const struct ring *r, struct ring_cursor *c, int from_now);
void ring_cursor_free(struct ring_cursor *c);
/*
 * ring_cursor_stalled: 0 if the last ring_poll() on @c read all it could;
 * else it stopped at an uncommitted slot of the shared lane, and this is
 * how many ns (at least 1) are left of its grace: poll again then to read
 * on past it (the slot is then committed, or skipped and counted missed).
 */
uint64_t ring_cursor_stalled(const struct ring_cursor *c);

/*
 * ring_poll: copy up to @max committed events after @c into @out, lane by
 * lane (not sorted), and advance @c.  Events overwritten before they could
 * be read, and shared-lane slots still uncommitted after RING_STALL_NS,
 * are added to *@missed.  Returns the number copied, or -EIO if the file
 * shrank underneath.
 */
long ring_poll(const struct ring *r, struct ring_cursor *c, struct ring_event *out,
	       size_t max, uint64_t *missed);

/*
 * ring_wait: sleep until a writer rings the doorbell or @timeout_ms passes.
 * Returns 0 (woken or timed out; poll to find out) or -errno.
 */
int ring_wait(const struct ring *r, uint32_t seen, int timeout_ms);
/* ring_doorbell: the current doorbell value, to pass to ring_wait. */
uint32_t ring_doorbell(const struct ring *r);

/* Value helpers. */
double ring_value_double(uint8_t vtype, uint64_t bits);

/* Label iteration over ring_series.labels: returns 0 when done. */
int ring_label_next(const char *labels, size_t *pos, const char **key, const char **value);

extern const char *const ring_category_names[SHM_CAT_COUNT];	/* "MEMORY", ... */
extern const char *const ring_kind_names[SHM_KIND_COUNT];	/* "counter", ... */

#endif
