/* SPDX-License-Identifier: MIT */
/*
 * prom_gc.c - remove rings of long-dead writers (see prom_gc.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "prom_gc.h"

static uint64_t st_ns(const struct timespec *t)
{
	return t->tv_sec < 0 ? 0 : (uint64_t)t->tv_sec * 1000000000ull + (uint64_t)t->tv_nsec;
}

static uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* With the directory locked: lock the file shared, re-check, unlink. */
static int remove_locked(int dirfd, const char *name, const struct ring_meta *m)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	struct stat a, b;
	int fd, ret = 0;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	if (fstat(fd, &a) || a.st_ino != m->ino || a.st_dev != m->dev)
		goto out;	/* replaced since we looked: not the file we judged */
	if (fcntl(fd, F_OFD_SETLK, &fl)) {
		ret = errno == EAGAIN || errno == EACCES ? 0 : -errno;
		goto out;	/* a writer holds it: alive after all */
	}
	if (fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) || b.st_ino != a.st_ino ||
	    b.st_dev != a.st_dev)
		goto out;
	ret = unlinkat(dirfd, name, 0) ? -errno : 1;
out:
	close(fd);
	return ret;
}

int prom_gc(const char *path, struct ring *r, const struct prom_ring_info *info,
	    uint64_t age_ns, uint64_t now_ns, char *why, size_t whylen)
{
	const struct ring_meta *m = ring_meta(r);
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];
	uint64_t last;
	struct stat st;
	int dirfd, ret;

	if (info->alive != 0)
		return 0;	/* alive, or cannot tell: keep */
	last = max_u64(info->last_ns, m->created_ns);
	if (!stat(path, &st))
		last = max_u64(last, st_ns(&st.st_mtim));
	if (now_ns < last || now_ns - last <= age_ns)
		return 0;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path + 1) : 1, slash ? path : ".");
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		snprintf(why, whylen, "gc: open directory %s", dir);
		return -errno;
	}
	if (flock(dirfd, LOCK_EX)) {
		ret = -errno;
		snprintf(why, whylen, "gc: lock directory %s", dir);
		close(dirfd);
		return ret;
	}
	ret = remove_locked(dirfd, slash ? slash + 1 : path, m);
	if (ret < 0)
		snprintf(why, whylen, "gc: remove %s", path);
	close(dirfd);	/* drops the flock */
	return ret;
}
