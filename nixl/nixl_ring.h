/* SPDX-License-Identifier: MIT */
/*
 * nixl_ring.h - NIXL's own telemetry ring files (cyclic buffer versions
 * 1 to 4): recognising them, validating them and reading them.
 *
 * The format (x86-64, little-endian), as NIXL writes it:
 *
 *   offset 0   u64 write_pos	next slot the producer fills
 *          8   u64 read_pos	next slot the consumer takes
 *         16   i32 version	1..4
 *         20   i32 expected_version (never read)
 *         24   u64 capacity	slots, a power of two
 *         32   u64 mask	capacity - 1
 *         40   events [capacity]	the file is exactly this long
 *
 *   version 1        56 bytes: u64 time_us, i32 category, char name[32], u64 value @48
 *   version 2 (old)  48 bytes: i32 category, char name[32], u64 value @40
 *   version 2 (new)  16 bytes: i32 category, u32 type, u64 value
 *   versions 3, 4    16 bytes: u32 type, u64 value @8
 *
 * There is no magic number and the two version-2 layouts share a number,
 * so a file is taken for a NIXL ring only when its header is consistent
 * and its size matches exactly one layout.
 *
 * Protocol: one producer, one consumer.  Empty when read_pos == write_pos;
 * one slot always stays free; a producer finding the ring full drops the
 * event and counts nothing.  The producer fills slot write_pos and then
 * publishes write_pos + 1 with release; the consumer copies its slots and
 * then publishes read_pos with release, which the producer loads with
 * acquire before it fills a slot again.  Reading is therefore destructive:
 * a consuming reader is the one consumer, and two would steal from each
 * other.  Nothing here ever stores anything but read_pos, and only when
 * consuming.  Everything in the file is untrusted.
 */
#ifndef RC_NIXL_RING_H
#define RC_NIXL_RING_H

#include <stddef.h>
#include <stdint.h>

#define NIXL_HDR_SIZE		40u
#define NIXL_NAME_LEN		32u	/* name field of versions 1 and 2 (old) */
#define NIXL_MIN_VERSION	1
#define NIXL_MAX_VERSION	4

enum nixl_layout {
	NIXL_L_V1,		/* 56 bytes: timestamp, category, name */
	NIXL_L_NAMED,		/* 48 bytes: category, name (version 2) */
	NIXL_L_TYPED_CAT,	/* 16 bytes: category, type (version 2) */
	NIXL_L_TYPED,		/* 16 bytes: type (versions 3 and 4) */
};

/* NIXL's event types (versions 2 to 4), with NIXL's numbering. */
enum nixl_type {
	NIXL_T_TX_BYTES, NIXL_T_RX_BYTES, NIXL_T_TX_REQS, NIXL_T_RX_REQS,
	NIXL_T_MEM_REG, NIXL_T_MEM_DEREG, NIXL_T_XFER_TIME, NIXL_T_POST_TIME,
	NIXL_T_ERR_FIRST,			/* not_posted ... */
	NIXL_T_ERR_LAST = NIXL_T_ERR_FIRST + 11,	/* ... no_telemetry */
	NIXL_T_DROPPED,				/* version 4 only */
	NIXL_T_COUNT
};

/* The header as it sits in the file; only the two positions ever change. */
struct nixl_hdr {
	uint64_t write_pos;		/* producer's */
	uint64_t read_pos;		/* consumer's */
	int32_t version;
	int32_t expected_version;
	uint64_t capacity;
	uint64_t mask;
};
_Static_assert(sizeof(struct nixl_hdr) == NIXL_HDR_SIZE, "NIXL header is 40 bytes");
_Static_assert(offsetof(struct nixl_hdr, version) == 16, "version at offset 16");
_Static_assert(offsetof(struct nixl_hdr, capacity) == 24, "capacity at offset 24");

/* Validated geometry: what nixl_check() makes of a header and a file size. */
struct nixl_geom {
	int version;
	enum nixl_layout layout;
	uint32_t event_size;
	uint64_t capacity;		/* a power of two; mask = capacity - 1 */
	uint64_t file_size;		/* NIXL_HDR_SIZE + capacity * event_size */
};

/* One decoded event. */
struct nixl_event {
	uint64_t time_us;		/* writer's clock; 0: the layout has none */
	uint64_t value;
	uint8_t category;		/* < 8, NIXL's (and shmtel's) numbering */
	int8_t type;			/* enum nixl_type, or -1: a name NIXL never typed */
	char name[NIXL_NAME_LEN];	/* as NIXL's reader prints it; untrusted bytes */
};

/*
 * nixl_check: decide whether the first @len bytes of a file of @file_size
 * bytes are a NIXL ring header, and fill @g.  Pure: no I/O, safe on any
 * input.  Returns 0; -ENOTRING (not NIXL-shaped: shorter than the header,
 * or no sane capacity/mask/version), -EPROTONOSUPPORT (a consistent header
 * with a version other than 1..4), -EBADMSG (version 1..4 but capacity,
 * mask, positions or size inconsistent).  @why gets one line saying which.
 */
int nixl_check(const void *hdr, size_t len, uint64_t file_size, struct nixl_geom *g,
	       char *why, size_t whylen);

/*
 * nixl_decode: decode one event slot of @g's layout (@g->event_size bytes
 * at @slot).  Returns 0, or -EBADMSG for a slot no correct writer
 * produces (category or type out of range, name empty or unterminated).
 */
int nixl_decode(const struct nixl_geom *g, const void *slot, struct nixl_event *out);

/*
 * Event types: NIXL's name ("agent_tx_bytes", "agent_err_backend", ...),
 * the NIXL status of an error type ("backend") or NULL, the category NIXL
 * files it under, its unit ("bytes", "us" or ""), and the type a
 * string-era name stands for ("agent_rx_bytes", "NIXL_ERR_BACKEND"), -1 if
 * none.  Out-of-range types give "unknown_event", NULL, CUSTOM and "".
 */
const char *nixl_type_name(int type);
const char *nixl_type_status(int type);
uint8_t nixl_type_category(int type);
const char *nixl_type_unit(int type);
int nixl_type_of_name(const char *name);

/*
 * NIXL's statuses, in NIXL's order (that of the error types):
 * nixl_status_name(i) for 0 <= @i < NIXL_NSTATUS ("not_posted", ...,
 * "no_telemetry"), NULL outside.  Exporters list them all, so that an
 * error family has every status even before it happens.
 */
#define NIXL_NSTATUS (NIXL_T_ERR_LAST - NIXL_T_ERR_FIRST + 1)
const char *nixl_status_name(int i);

/*
 * NIXL's transfer-time histogram bounds, in microseconds: what NIXL's
 * exporter uses, so the bridge's histograms and an exporter's empty ones
 * line up with NIXL's own.
 */
#define NIXL_NTIME_BOUNDS 18
extern const double nixl_time_bounds[];

struct nixl_ring;

/*
 * nixl_open: open and map the NIXL ring at @path.  With @consume, the file
 * is mapped read-write (only read_pos is ever stored) and an advisory OFD
 * write lock is taken on it, so that two shmtel consumers never steal
 * from each other; otherwise it is mapped read-only and read through a
 * private cursor starting at read_pos (or at write_pos with @from_now).
 * Returns 0; the errors of nixl_check(); -EBUSY (another shmtel consumer
 * holds the ring); -ENOENT, -EACCES, -EISDIR, ... from the file.  @why (at
 * least 128 bytes) says what exactly.
 */
int nixl_open(const char *path, int consume, int from_now, struct nixl_ring **out, char *why,
	      size_t whylen);
void nixl_close(struct nixl_ring *r);
const struct nixl_geom *nixl_ring_geom(const struct nixl_ring *r);
/* nixl_ring_id: the file's device and inode, to notice a re-created ring. */
void nixl_ring_id(const struct nixl_ring *r, uint64_t *dev, uint64_t *ino);

/*
 * nixl_read: take up to @max events, oldest first.  Consuming, they are
 * removed from the ring (read_pos is advanced with release after the
 * copy).  Peeking, the private cursor advances; events the consumer took
 * before they could be copied, or that were overwritten during the copy,
 * are added to *@missed.  Slots that do not decode are skipped (consumed)
 * and also added to *@missed.  Every read first re-checks the mapped
 * version, capacity and mask, and the file size when there is something
 * to take; an idle read makes no system call.  Returns the number of
 * events; -ESTALE: the ring was re-created in place (same file, a fresh
 * header, perhaps another size): a new incarnation, to be closed and
 * opened again, which reads it from its start; -EBADMSG (the header
 * stayed inconsistent, e.g. positions out of range) or -EIO (the file
 * shrank underneath and no new header came).  read_pos is only ever
 * stored within the capacity the file has.
 */
long nixl_read(struct nixl_ring *r, struct nixl_event *out, size_t max, uint64_t *missed);

/*
 * nixl_pending: events waiting to be consumed (write_pos - read_pos), or
 * -errno (-ESTALE: the header changed).  A few loads, no system call.
 */
long long nixl_pending(const struct nixl_ring *r);

/*
 * nixl_ring_hdr / nixl_quiet: the idle test of a consumer watching many
 * rings, at one cache line per ring.  Keep nixl_ring_hdr() (the mapped
 * header; valid until nixl_close()) beside the rest of what a round
 * touches; nixl_quiet() is 1 when write_pos equals read_pos: nothing to
 * take.  No other check: a ring with events, or whose file was cut
 * underneath (SIGBUS, caught: 0), gets nixl_pending()'s and nixl_read()'s
 * full checks; a header re-created in place with equal positions has
 * nothing to take either, and the consumer's periodic nixl_pending()
 * finds it.  Two loads, no system call.
 */
const struct nixl_hdr *nixl_ring_hdr(const struct nixl_ring *r);
int nixl_quiet(const struct nixl_hdr *h);

/*
 * nixl_changed: 1 if @path now names another file, is gone, or the file
 * was resized or given another header (re-created in place).
 */
int nixl_changed(const struct nixl_ring *r, const char *path);

/*
 * nixl_fail: format a one-line reason into @why (if given) and return
 * @err; the error path of every check here.
 */
int nixl_fail(char *why, size_t len, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
