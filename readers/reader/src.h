/* SPDX-License-Identifier: MIT */
/*
 * src.h - telemetry_reader's view of one ring file, whatever its format.
 *
 * A source yields normalised events; the output code (telemetry_reader.c)
 * never looks at a file format.  src_shmtel.c reads shmtel rings; other
 * formats plug in by providing the same operations.
 */
#ifndef READERS_SRC_H
#define READERS_SRC_H

#include <stddef.h>
#include <stdint.h>

struct src;

/*
 * What the events of one series share, kept by its source for as long as
 * the source is open (the pointers are stable: the output caches by them).
 */
struct src_series {
	const char *name;		/* untrusted: escape before printing */
	const char *labels;		/* encoded pairs (see ring_label_next) or "" */
	const char *unit;
	struct src *src;
};

/*
 * One event: 32 bytes, as a round may hold millions of them (a ring's
 * whole contents for --once) before they are merged and printed.
 */
struct src_event {
	uint64_t ns;			/* wall clock */
	uint64_t value;			/* bits of vtype */
	const struct src_series *ser;
	uint32_t tid;
	uint8_t category, vtype;
	uint8_t ns_is_read_time;	/* the format has no timestamps */
};

struct src_ops {
	/*
	 * poll: append up to @max events to @out; add events lost to overwrite
	 * (or that could not be decoded) to *@missed.  >= 0 events, or -errno
	 * (the file went away or shrank).
	 */
	long (*poll)(struct src *s, struct src_event *out, size_t max, uint64_t *missed);
	/* wait: sleep up to @ms or until the writer signals; 0 or -errno. */
	int (*wait)(struct src *s, int ms);
	/* changed: 1 if the path now names another file (restart). */
	int (*changed)(struct src *s);
	/*
	 * stalled: 0, or the ns after which polling again gets past a slot
	 * the last poll had to stop at (a writer mid-event).  NULL: never.
	 */
	uint64_t (*stalled)(struct src *s);
	void (*close)(struct src *s);
};

struct src {
	const struct src_ops *ops;
	char path[4096];
	char agent[64];
	char agent_esc[256];		/* agent escaped for a terminal (set by the tool) */
	int idle_ms;			/* how long an idle follower sleeps; 0: default */
	int failed;			/* a poll failed: closed once the round is printed */
	void *priv;
};

struct src_opts {
	int from_now;			/* start after the newest event */
	int peek;			/* never consume (formats whose reads consume) */
};

/*
 * src_open: open @path as whichever format it is.  0, or -errno with a
 * one-line reason in @why: -ENOENT, -EACCES, -EISDIR, -ENOTRING (not a
 * ring of any known format), -EPROTONOSUPPORT, -EBADMSG (inconsistent).
 */
int src_open(const char *path, const struct src_opts *o, struct src **out, char *why, size_t len);
int src_shmtel_open(const char *path, const struct src_opts *o, struct src **out, char *why,
		    size_t len);
int src_nixl_open(const char *path, const struct src_opts *o, struct src **out, char *why,
		  size_t len);

#endif
