/* SPDX-License-Identifier: MIT */
/*
 * top_track.h - telemetry_top: the set of ring files being followed.
 *
 * Every regular file in the directory (scan_dir's candidates) has an
 * entry: a ring, a file that cannot be read as one (listed with the
 * reason), or a file that is no ring at all (a log, an empty file), which
 * is only counted, as every tool counts them, so that a directory shared
 * with other programs (NIXL_TELEMETRY_DIR=/tmp) stays readable.
 *
 * A watcher thread keeps the set in step with the directory (inotify,
 * plus a periodic full rescan for anything inotify missed or cannot see)
 * while the main thread refreshes and draws.  The set is an RCU hash
 * table keyed by file name: the watcher adds, replaces and removes
 * entries without ever waiting for the main thread, and the main thread
 * walks them without a lock; an entry removed while being walked is
 * freed after a grace period.
 *
 * Who touches what: the watcher fills an entry before publishing it and
 * never changes it afterwards (a file replaced on disk gets a new entry);
 * the main thread owns st and the struct ring's reads.
 */
#ifndef READERS_TOP_TRACK_H
#define READERS_TOP_TRACK_H

#include <stddef.h>
#include "top_hist.h"
#include "top_sample.h"
#include "top_snap.h"

struct top_ring {
	/* Immutable once published; what every refresh reads first. */
	struct ring *r;			/* NULL if the file could not be opened: */
	int nixl;			/* ...because it is a NIXL-format ring */
	int other;			/* ...because it is no ring at all: only counted */
	/* The main thread's. */
	struct top_agent_state st;
	struct top_hist hist;
	/* Immutable once published. */
	char name[TOP_FILE_MAX];	/* key: the file's name in the directory */
	char why[160];			/* the reason r is NULL */
};

struct top_track;

/*
 * top_track_start: scan @dir once (so the first refresh sees every file),
 * then start the watcher, rescanning everything every @rescan_s seconds.
 * The calling thread becomes the one that may call top_track_each.
 * 0, or -errno if @dir cannot be read or the thread cannot start.
 */
int top_track_start(const char *dir, double rescan_s, struct top_track **out);
/* top_track_stop: stop the watcher and free every entry. */
void top_track_stop(struct top_track *t);
/* top_track_stop() for a process about to exit: the rings' mappings are left to the exit. */
void top_track_quit(struct top_track *t);

/* top_track_each: call @fn for every entry; only from the starting thread. */
void top_track_each(struct top_track *t, void (*fn)(struct top_ring *e, void *arg), void *arg);

/*
 * top_track_find: call @fn for the entry of file @name, if there is one;
 * only from the starting thread.  0, or -ENOENT.
 */
int top_track_find(struct top_track *t, const char *name, void (*fn)(struct top_ring *e, void *arg),
		   void *arg);

/* top_track_dir_error: why the directory cannot be read right now, or NULL. */
const char *top_track_dir_error(struct top_track *t);

#endif
