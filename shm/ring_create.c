/* SPDX-License-Identifier: MIT */
/*
 * ring_create.c - make a ring file appear atomically, and take it over
 * from a dead writer.
 *
 * The file is built complete under a hidden temporary name in the target
 * directory (so the final rename stays on one filesystem), space is
 * reserved with posix_fallocate (a full disk fails here with ENOSPC, not
 * later as SIGBUS in the middle of an emit), the writer's lock is taken,
 * and only then does the file get its real name:
 *   - no file of that name: linkat(), which fails rather than replace one
 *     that appeared meanwhile;
 *   - a shmtel ring whose writer is dead: we take the dead file's lock
 *     ourselves, check the name still points at it, and rename over it.
 *     A second process doing the same fails to take that lock (EBUSY), so
 *     two processes never both believe they own the name.
 * Nothing is opened through a symlink (O_NOFOLLOW; links are refused).
 *
 * Liveness is an OFD write lock on the whole file: it belongs to the open
 * file description, so it survives fork() in the children and disappears
 * when the last holder exits, however it exits.  Readers test it with
 * F_OFD_GETLK, which needs no write access and takes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "proc.h"
#include "ring_write.h"

static int lock_file(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	return (errno == EAGAIN || errno == EACCES) ? -EBUSY : -errno;
}

/* The boot time in seconds since the epoch, read once per process; 0 if unknown. */
static uint64_t boot_time(void)
{
	/* Relaxed: a constant; two threads that both read it store the same value. */
	static _Atomic uint64_t cached;
	uint64_t v = atomic_load_explicit(&cached, memory_order_relaxed);
	unsigned long long btime = 0;
	char buf[256];
	FILE *f;

	if (v)
		return v;
	f = fopen("/proc/stat", "re");
	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f))
		if (sscanf(buf, "btime %llu", &btime) == 1)
			break;
	fclose(f);
	atomic_store_explicit(&cached, btime, memory_order_relaxed);
	return btime;
}

/*
 * Start time of process @pid: clock ticks since boot, and wall-clock ns.
 * The calling process's own is looked up once (again in a forked child):
 * every open of an agent asks for it.  Atomics, not a lock: a child forked
 * while another thread held one would find it held for good.
 */
static void start_time(pid_t pid, uint64_t *ticks, uint64_t *ns)
{
	static _Atomic int32_t self;
	static _Atomic uint64_t self_ticks;
	int own = pid == getpid();
	uint64_t btime;

	*ticks = *ns = 0;
	/* Acquire: pairs with the release below, so self_ticks is self's. */
	if (own && atomic_load_explicit(&self, memory_order_acquire) == (int32_t)pid) {
		/* Relaxed: ordered by the acquire; every store to it since is of the same value. */
		*ticks = atomic_load_explicit(&self_ticks, memory_order_relaxed);
	} else {
		if (proc_start_ticks((int32_t)pid, ticks))
			return;
		if (own) {
			/*
			 * Relaxed, then release: a reader that sees this pid sees
			 * its ticks.  Threads of one process store the same pair;
			 * a child's threads store theirs after the fork, where no
			 * thread of the parent is left to store the parent's.
			 */
			atomic_store_explicit(&self_ticks, *ticks, memory_order_relaxed);
			atomic_store_explicit(&self, (int32_t)pid, memory_order_release);
		}
	}
	btime = boot_time();
	if (btime)
		*ns = btime * 1000000000ull + *ticks * (1000000000ull / (uint64_t)sysconf(_SC_CLK_TCK));
}

static void fill_header(struct ring_w *w, const char *name, const struct ring_params *p)
{
	struct shm_header *h = w->h;
	const struct geom *g = &w->g;

	h->major = SHM_MAJOR;
	h->minor = SHM_MINOR;
	h->byte_order = SHM_BYTE_ORDER;
	h->header_size = SHM_HEADER_SIZE;
	h->event_size = sizeof(struct shm_event);
	h->series_size = sizeof(struct shm_series);
	h->agg_size = sizeof(struct shm_agg);
	h->capacity = g->capacity;
	h->lanes = g->lanes;
	h->max_series = g->max_series;
	h->max_hist = g->max_hist;
	h->max_bounds = SHM_MAX_BOUNDS;
	h->index_slots = g->index_slots;
	h->registry_off = g->registry_off;
	h->index_off = g->index_off;
	h->bounds_off = g->bounds_off;
	h->lanes_off = g->lanes_off;
	h->lane_size = g->lane_size;
	h->lane_events_off = g->lane_events_off;
	h->lane_aggs_off = g->lane_aggs_off;
	h->lane_buckets_off = g->lane_buckets_off;
	h->file_size = g->file_size;
	h->clock_kind = w->cal.kind;
	h->run_interval_ms = p->run_interval_ms;
	clock_publish(&w->cal, h);
	h->writer_pid = (int32_t)getpid();
	h->source_pid = p->source_pid ? p->source_pid : h->writer_pid;
	start_time(h->writer_pid, &h->writer_start_ticks, &h->writer_start_ns);
	if (h->source_pid == h->writer_pid) {
		h->source_start_ns = h->writer_start_ns;
	} else {
		uint64_t ticks;

		start_time(h->source_pid, &ticks, &h->source_start_ns);
	}
	/* Relaxed: the file has no name yet; publish()'s link or rename shows it. */
	if (p->gone)
		atomic_store_explicit(&h->flags, SHM_F_GONE, RLX);
	h->created_ns = clock_realtime_ns();
	snprintf(h->agent, sizeof(h->agent), "%s", name);
	/*
	 * The magic last: a header without it is not a ring yet.  That order
	 * is for one who opens the temporary file itself, and even there only
	 * likely: these are plain stores, which ARM may make visible in any
	 * order (check_header() validates every field anyway).  What
	 * publishes the header (the clock words above included) to readers is
	 * publish(): readers find the file only by its name, which the kernel
	 * gives it after every store of this thread (the new directory entry
	 * is published with a release, and a lookup that finds it is ordered
	 * after that), and they read the header with pread() and its dynamic
	 * fields through atomics after that lookup.  The same holds for the
	 * relaxed SHM_F_GONE above.
	 */
	memcpy(h->magic, SHM_MAGIC, sizeof(h->magic));
}

static void map_lanes(struct ring_w *w)
{
	uint8_t *b = w->base;

	w->series = (struct shm_series *)(b + w->g.registry_off);
	w->index = (uint32_t *)(b + w->g.index_off);
	w->bounds = (double *)(b + w->g.bounds_off);
	for (uint32_t i = 0; i < w->g.lanes; i++) {
		uint8_t *l = b + w->g.lanes_off + i * w->g.lane_size;

		w->lanes[i].hdr = (struct shm_lane *)l;
		w->lanes[i].ev = (struct shm_event *)(l + w->g.lane_events_off);
		w->lanes[i].agg = (struct shm_agg *)(l + w->g.lane_aggs_off);
		w->lanes[i].buckets = (uint64_t *)(l + w->g.lane_buckets_off);
		w->lanes[i].mask = w->g.capacity - 1;
	}
}

static int open_tmp(int dirfd, const char *name, char *tmp, size_t len)
{
	for (int tries = 0; tries < 100; tries++) {
		int fd;

		snprintf(tmp, len, ".%s.%08lx", name, (unsigned long)random() ^ (unsigned long)getpid());
		fd = openat(dirfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0 || errno != EEXIST)
			return fd < 0 ? -errno : fd;
	}
	return -EEXIST;
}

/* Is the lock in the way only a shared (reader's) lock?  Writers hold F_WRLCK. */
static int read_locked(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	return !fcntl(fd, F_OFD_GETLK, &fl) && fl.l_type == F_RDLCK;
}

/*
 * The name is taken: succeed only if it is a shmtel ring of a dead writer,
 * which we then replace while holding its lock.  -EAGAIN asks to retry.
 */
static int replace_dead(int dirfd, const char *tmp, const char *name)
{
	struct stat a, b;
	char magic[8];
	int fd, ret;

	fd = openat(dirfd, name, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? -EAGAIN : -errno;
	ret = -EEXIST;	/* not ours to replace */
	if (fstat(fd, &a) || !S_ISREG(a.st_mode) ||
	    pread(fd, magic, sizeof(magic), 0) != (ssize_t)sizeof(magic) ||
	    memcmp(magic, SHM_MAGIC, sizeof(magic)))
		goto out;
	ret = lock_file(fd);
	if (ret == -EBUSY && read_locked(fd))
		ret = -EAGAIN;	/* a reader's brief shared lock (telemetry_prom --gc): retry */
	if (ret)
		goto out;
	/* Still the file that the name points at?  Else someone beat us. */
	ret = -EAGAIN;
	if (fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev)
		goto out;
	ret = renameat(dirfd, tmp, dirfd, name) ? -errno : 0;
out:
	close(fd);
	return ret;
}

static int publish(int dirfd, const char *tmp, const char *name)
{
	for (int tries = 0; tries < 8; tries++) {
		int ret;

		if (linkat(dirfd, tmp, dirfd, name, 0) == 0) {
			unlinkat(dirfd, tmp, 0);
			return 0;
		}
		if (errno != EEXIST)
			return -errno;
		ret = replace_dead(dirfd, tmp, name);
		if (ret != -EAGAIN)
			return ret;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	return -EBUSY;
}

int ring_create(const char *dir, const char *name, const struct ring_params *p,
		struct ring_w **out)
{
	char tmp[SHM_NAME_MAX + 32];
	struct ring_w *w;
	int dirfd, ret;

	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	if (geom_compute(&w->g, p->capacity, p->lanes, p->max_series, p->max_hist)) {
		ret = -EINVAL;
		goto err_free;
	}
	w->lanes = calloc(w->g.lanes, sizeof(*w->lanes));
	if (!w->lanes) {
		ret = -ENOMEM;
		goto err_free;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		ret = -errno;
		goto err_free;
	}
	w->fd = open_tmp(dirfd, name, tmp, sizeof(tmp));
	if (w->fd < 0) {
		ret = w->fd;
		goto err_dir;
	}
	w->size = w->g.file_size;
	ret = -posix_fallocate(w->fd, 0, (off_t)w->size);
	if (ret)
		goto err_unlink;
	w->base = mmap(NULL, w->size, PROT_READ | PROT_WRITE, MAP_SHARED, w->fd, 0);
	if (w->base == MAP_FAILED) {
		ret = -errno;
		goto err_unlink;
	}
	w->h = w->base;
	map_lanes(w);
	clock_init(&w->cal, p->force_realtime);
	w->doorbell_gap = w->cal.hz / 1000;
	w->refine_gap = 60 * w->cal.hz;
	/* Relaxed: @w is not shared until ring_create returns it. */
	atomic_store_explicit(&w->next_refine, clock_ticks(w->cal.kind) + 2 * w->cal.hz, RLX);
	fill_header(w, name, p);
	ret = lock_file(w->fd);
	if (ret)
		goto err_unmap;
	ret = publish(dirfd, tmp, name);
	if (ret)
		goto err_unmap;
	close(dirfd);
	*out = w;
	return 0;

err_unmap:
	munmap(w->base, w->size);
err_unlink:
	unlinkat(dirfd, tmp, 0);
	close(w->fd);
err_dir:
	close(dirfd);
err_free:
	free(w->lanes);
	free(w);
	return ret;
}
