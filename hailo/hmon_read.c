/* SPDX-License-Identifier: MIT */
/*
 * hmon_read.c - whole, consistent reads of monitor files (see hmon_read.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hmon_read.h"

static void id_of(const struct stat *st, struct hmon_id *id)
{
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->mtime = st->st_mtim;
	id->ctime = st->st_ctim;
}

int hmon_id_same(const struct hmon_id *a, const struct hmon_id *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

uint64_t hmon_mtime_ns(const struct hmon_id *id)
{
	if (id->mtime.tv_sec < 0)
		return 0;
	return (uint64_t)id->mtime.tv_sec * 1000000000u + (uint64_t)id->mtime.tv_nsec;
}

int hmon_stat(const char *path, struct hmon_id *id)
{
	struct stat st;

	if (lstat(path, &st))
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	id_of(&st, id);
	return 0;
}

int hmon_read(const char *path, uint8_t *buf, size_t cap, size_t *len, struct hmon_id *id)
{
	struct hmon_id after;
	struct stat st;
	size_t n = 0;
	int fd, ret;

	/* O_NONBLOCK: a fifo planted under a file's name must not hang the bridge. */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno == ELOOP ? -EINVAL : -errno;
	if (fstat(fd, &st)) {
		ret = -errno;
		goto out;
	}
	ret = -EINVAL;
	if (!S_ISREG(st.st_mode))
		goto out;
	id_of(&st, id);
	/* Read to EOF rather than st_size: an in-place writer may be growing it. */
	for (;;) {
		ssize_t k = read(fd, buf + n, cap - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			ret = -errno;
			goto out;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n == cap) {
			char extra;

			ret = -EFBIG;
			if (read(fd, &extra, 1) != 0)
				goto out;
			break;
		}
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		goto out;
	}
	id_of(&st, &after);
	ret = -EAGAIN;
	if (!hmon_id_same(id, &after) || (off_t)n != st.st_size)
		goto out;
	/*
	 * Last, so a writer that took its lock at any time before this saw
	 * the file change or still holds the lock; released at once, so a
	 * writer's LOCK_EX|LOCK_NB can only meet it for these two calls.
	 */
	if (flock(fd, LOCK_SH | LOCK_NB)) {
		/* Only a held lock says "being written"; a file system without locks says nothing. */
		if (errno == EWOULDBLOCK || errno == EINTR)
			goto out;
	} else {
		flock(fd, LOCK_UN);
	}
	*len = n;
	ret = 0;
out:
	close(fd);
	return ret;
}
