/* SPDX-License-Identifier: MIT */
/*
 * nixl_owner.c - the writer of a NIXL ring from /proc (see nixl_owner.h).
 *
 * /proc/PID/maps lists each mapping as "start-end perms offset maj:min
 * inode path", the device in the kernel's major:minor split; the writer's
 * mapping of the ring is "rw?s".  Processes appear and vanish while we
 * read: one that is gone is simply not the writer.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include "nixl_owner.h"
#include "shm/clock.h"
#include "shm/proc.h"

/* 1 if @pid maps (@dev, @ino) shared and writable, 0 if not, -errno if unreadable. */
static int maps_file(int32_t pid, unsigned maj, unsigned min, uint64_t ino)
{
	char line[8192], perms[8];
	unsigned lmaj, lmin;
	uint64_t lino;
	int found = 0, whole = 1;
	FILE *f;

	snprintf(line, sizeof(line), "/proc/%" PRId32 "/maps", pid);
	f = fopen(line, "re");
	if (!f)
		return -errno;
	while (!found && fgets(line, sizeof(line), f)) {
		/* Only the start of a line is a mapping; the rest of a long path is not. */
		int start = whole;

		whole = strchr(line, '\n') != NULL;
		if (!start)
			continue;
		if (sscanf(line, "%*x-%*x %7s %*x %x:%x %" SCNu64, perms, &lmaj, &lmin, &lino) != 4)
			continue;
		found = lino == ino && lmaj == maj && lmin == min && perms[0] == 'r' &&
			perms[1] == 'w' && perms[3] == 's';
	}
	fclose(f);
	return found;
}

/* 1 if process @pid runs as @uid (its /proc entry's owner). */
static int runs_as(int32_t pid, uint32_t uid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%" PRId32, pid);
	return !stat(path, &st) && st.st_uid == uid;
}

int nixl_owner_find(uint64_t dev, uint64_t ino, uint32_t uid, int32_t skip,
		    struct nixl_owner *out)
{
	unsigned maj = major((dev_t)dev), min = minor((dev_t)dev);
	int denied = 0, ret = -ESRCH;
	struct dirent *de;
	DIR *d;

	d = opendir("/proc");
	if (!d)
		return -errno;
	while (ret && (de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);
		int m;

		if (*end || end == de->d_name || pid <= 0 || pid > INT32_MAX || pid == skip)
			continue;
		m = maps_file((int32_t)pid, maj, min, ino);
		if (m == -EACCES || m == -EPERM) {
			/* Another user's process cannot be told; only the owner's matters. */
			denied |= runs_as((int32_t)pid, uid);
			continue;
		}
		/* Its start time after its maps: a pid reused in between is not taken. */
		if (m == 1 && !proc_start_ticks((int32_t)pid, &out->start_ticks) &&
		    maps_file((int32_t)pid, maj, min, ino) == 1) {
			out->pid = (int32_t)pid;
			ret = 0;
		}
	}
	closedir(d);
	return ret ? (denied ? -EACCES : -ESRCH) : 0;
}

int nixl_owner_alive(const struct nixl_owner *o)
{
	uint64_t ticks;

	return !proc_start_ticks(o->pid, &ticks) && ticks == o->start_ticks;
}

static enum nixl_liveness rescan(struct nixl_watch *w, uint64_t now_ns)
{
	struct nixl_owner o;
	int ret;

	ret = nixl_owner_find(w->dev, w->ino, w->uid, w->skip, &o);
	if (!ret) {
		w->owner = o;
		w->state = NIXL_UP;
	} else if (ret == -ESRCH && w->state == NIXL_UP) {
		w->state = NIXL_GONE;
	} else if (ret != -ESRCH && w->state == NIXL_UP && !nixl_owner_alive(&w->owner)) {
		/* Our writer died; whoever else maps the file, /proc will not say. */
		w->state = NIXL_GONE;
	}
	/* Without a writer, only a new one mapping the same file would change that. */
	w->next_scan_ns = now_ns + (w->state == NIXL_UP ? NIXL_OWNER_RESCAN_NS
							: NIXL_OWNER_IDLE_RESCAN_NS);
	return w->state;
}

/* The known writer, alive, still maps the file: one read of its maps, not all of /proc. */
static int still_maps(const struct nixl_watch *w)
{
	return maps_file(w->owner.pid, major((dev_t)w->dev), minor((dev_t)w->dev), w->ino) == 1 &&
	       nixl_owner_alive(&w->owner);
}

enum nixl_liveness nixl_watch_start(struct nixl_watch *w, uint64_t dev, uint64_t ino,
				    uint32_t uid, int32_t skip)
{
	memset(w, 0, sizeof(*w));
	w->dev = dev;
	w->ino = ino;
	w->uid = uid;
	w->skip = skip;
	w->state = NIXL_UNKNOWN;
	return rescan(w, clock_ns(CLOCK_MONOTONIC));
}

enum nixl_liveness nixl_watch_poll(struct nixl_watch *w, int active)
{
	uint64_t now_ns;

	/* Without a known writer, only new events say one may be found now. */
	if (w->state != NIXL_UP && !active)
		return w->state;
	now_ns = clock_ns(CLOCK_MONOTONIC);
	if (w->state != NIXL_UP)
		return now_ns >= w->next_scan_ns ? rescan(w, now_ns) : w->state;
	/* The caller's rounds may come every millisecond: its idle ones stay free. */
	if (now_ns < w->next_check_ns)
		return w->state;
	w->next_check_ns = now_ns + NIXL_OWNER_CHECK_NS;
	if (now_ns < w->next_scan_ns ? !nixl_owner_alive(&w->owner) : !still_maps(w))
		return rescan(w, now_ns);
	if (now_ns >= w->next_scan_ns)
		w->next_scan_ns = now_ns + NIXL_OWNER_RESCAN_NS;
	return w->state;
}
