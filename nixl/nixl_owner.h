/* SPDX-License-Identifier: MIT */
/*
 * nixl_owner.h - which process writes a NIXL ring, and whether it still
 * does.  A NIXL file does not name its writer; the writer is the process
 * that has the file mapped shared and writable (as fuser(1) finds it: the
 * file's device and inode in /proc/PID/maps).  A consumer or a peeking
 * reader is not the writer: the caller skips its own pid, and read-only
 * mappings do not count.
 *
 * A /proc scan reads every process's maps (a millisecond for a hundred), so a
 * watch runs one when it starts and when its writer no longer maps the
 * file; while it does, a poll costs nothing but a clock read, once per
 * NIXL_OWNER_CHECK_NS one read of the writer's /proc/PID/stat (its start
 * time unchanged: the same process), and once per NIXL_OWNER_RESCAN_NS
 * one read of its maps.  Without a known writer a watch scans /proc only
 * when its ring shows new events (a writer is at work) and at most once
 * per NIXL_OWNER_IDLE_RESCAN_NS: a directory of idle rings whose writers
 * are gone costs no system call at all.  Single-threaded: one caller per
 * watch.
 */
#ifndef NIXL_OWNER_H
#define NIXL_OWNER_H

#include <stdint.h>

#define NIXL_OWNER_CHECK_NS 1000000000ull	/* between checks that the writer runs */
#define NIXL_OWNER_RESCAN_NS 10000000000ull	/* between reads of the writer's maps */
#define NIXL_OWNER_IDLE_RESCAN_NS 10000000000ull	/* between scans without a writer, at most */

/* A process, told apart from a later one that reuses its pid. */
struct nixl_owner {
	int32_t pid;
	uint64_t start_ticks;		/* /proc/PID/stat starttime */
};

/*
 * nixl_owner_find: the process other than @skip that maps the file
 * (@dev, @ino) shared and writable.  Returns 0 with *@out filled;
 * -ESRCH: no process does; -EACCES: none found, but the maps of a process
 * that runs as @uid (the file's owner, who could be the writer) could not
 * be read; -ENOENT: no /proc.
 */
int nixl_owner_find(uint64_t dev, uint64_t ino, uint32_t uid, int32_t skip,
		    struct nixl_owner *out);

/* nixl_owner_alive: 1 if @o's process still runs (same pid, same start), else 0. */
int nixl_owner_alive(const struct nixl_owner *o);

/* What a watch knows about the writer of its file. */
enum nixl_liveness {
	NIXL_UNKNOWN,			/* never found: /proc cannot tell, or it had gone before */
	NIXL_UP,			/* found, and still maps the file */
	NIXL_GONE,			/* found once, and no process maps the file now */
};

struct nixl_watch {
	uint64_t dev, ino;
	uint32_t uid;
	int32_t skip;
	enum nixl_liveness state;
	struct nixl_owner owner;	/* valid unless state is NIXL_UNKNOWN */
	uint64_t next_check_ns, next_scan_ns;	/* CLOCK_MONOTONIC */
};

/*
 * nixl_watch_start: watch the file (@dev, @ino, owned by @uid), skipping
 * process @skip (the caller), and scan /proc once.  Returns the state.
 */
enum nixl_liveness nixl_watch_start(struct nixl_watch *w, uint64_t dev, uint64_t ino,
				    uint32_t uid, int32_t skip);

/*
 * nixl_watch_poll: the state now, at the costs above; @active: the ring
 * had new events since the last poll.  A writer found again after
 * NIXL_GONE (the file re-used in place) makes it NIXL_UP again, with
 * w->owner the new process.
 */
enum nixl_liveness nixl_watch_poll(struct nixl_watch *w, int active);

#endif
