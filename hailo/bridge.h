/* SPDX-License-Identifier: MIT */
/*
 * bridge.h - what telemetry_hailo does, without the event loop: follow
 * HailoRT's monitor files and keep one shmtel ring per Hailo process.
 *
 * A file is attributed to the pid inside its message, never to its name.
 * A process is up while its newest file decodes, is younger than its
 * stale window (max(3 x its interval, 3 s)) and its pid exists; otherwise
 * its ring is marked gone (and its values become NaN).  Each process has
 * its own interval: HAILO_MONITOR_TIME_INTERVAL from /proc/<pid>/environ
 * (cfg.interval_ms where that sets none), or, where the environment is not
 * readable, the gap between its last two dumps (30 s until there are two).
 * A process that exited has its ring removed cfg.retention_s after its
 * last dump.  When no file of a process is left, its ring stays, gone,
 * for one stale window so readers see it go, then it is closed and its
 * file removed.  When the bridge stops, every ring is closed where it
 * stands (the files stay, gone or not, for readers and for the next run
 * to take over).
 *
 * A file being written (its writer holds its lock, or it changed while
 * read) is read again later, and an empty one younger than the stale
 * window is a dump on its way; neither is reported.  A ring whose series
 * are full while it holds series the current dump lacks is replaced by a
 * fresh one with only the current series (all are gauges).
 *
 * Thread safety: one thread per bridge.
 */
#ifndef HAILO_BRIDGE_H
#define HAILO_BRIDGE_H

#include <stdint.h>

#define BRIDGE_PROG "telemetry_hailo"

struct bridge_cfg {
	const char *hmon_dir;		/* HailoRT's directory */
	const char *dir;		/* telemetry directory, for the rings */
	uint32_t interval_ms;		/* rescan period; interval of processes that set none */
	uint32_t retention_s;		/* keep the ring of an exited process this long */
	int verbose;			/* describe every change on stderr */
};

struct bridge_stats {
	uint64_t dumps;			/* dumps decoded and written */
	uint64_t bad;			/* empty, truncated or undecodable reads */
	uint64_t rings;			/* rings open now */
	uint64_t replaced;		/* full rings replaced by fresh ones */
	uint64_t no_ring;		/* processes whose ring cannot be created now */
};

struct bridge;

/* bridge_new: 0, -ENOMEM. */
int bridge_new(const struct bridge_cfg *cfg, struct bridge **out);

/*
 * bridge_scan: a full pass over the directory: read what changed, judge
 * staleness and liveness, retire processes whose files are gone.
 * Returns 0, or -errno if the directory cannot be listed (-ENOENT until
 * HailoRT first creates it); the rings are judged either way.
 */
int bridge_scan(struct bridge *b);

/* bridge_file: the file @name changed or went away (from inotify). */
void bridge_file(struct bridge *b, const char *name);

void bridge_stats(const struct bridge *b, struct bridge_stats *out);

/* bridge_free: close every ring (see above) and free @b. */
void bridge_free(struct bridge *b);

#endif
