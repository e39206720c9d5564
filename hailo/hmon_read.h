/* SPDX-License-Identifier: MIT */
/*
 * hmon_read.h - read one file of HailoRT's monitor directory, whole and
 * consistent, without trusting anything about it.
 *
 * HailoRT 4.22 and newer write <name>.tmp and rename it over <name>, so an
 * open descriptor always holds one complete dump.  4.21 and older rewrite
 * <name> in place, so a read can meet an empty or half-written file; the
 * identity (inode, size, times) is taken before and after reading, and a
 * file that changed meanwhile is reported as such instead of decoded.
 *
 * Both write under flock(LOCK_EX|LOCK_NB) (4.22+ on <name>.tmp, which the
 * rename then carries to <name>; 4.21- on <name> itself, after truncating
 * it), so a file whose lock is held is being written, whatever its bytes
 * decode to: a message cut at a field boundary decodes cleanly.  After the
 * read, LOCK_SH|LOCK_NB is tried and released at once.  Shared, not
 * exclusive as hailortcli takes it, so two readers never exclude each
 * other; and never held across the read, because any lock we hold makes a
 * writer's non-blocking LOCK_EX fail, and a 4.21 writer has already
 * truncated its file when it tries.
 */
#ifndef HAILO_HMON_READ_H
#define HAILO_HMON_READ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* What tells one version of a file from another. */
struct hmon_id {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
};

/* hmon_id_same: 1 if @a and @b describe the same content. */
int hmon_id_same(const struct hmon_id *a, const struct hmon_id *b);
/* hmon_mtime_ns: the modification time in ns since the epoch (0 if before). */
uint64_t hmon_mtime_ns(const struct hmon_id *id);

/*
 * hmon_stat: the identity of @path without following a link.  0, -ENOENT,
 * -EINVAL (not a regular file), or another -errno.
 */
int hmon_stat(const char *path, struct hmon_id *id);

/*
 * hmon_read: read @path into @buf (@cap bytes).  0 with *@len and *@id
 * set; -ENOENT, -EINVAL (not a regular file: links, fifos and directories
 * are never opened as files), -EFBIG (more than @cap bytes), -EAGAIN (it
 * changed while being read, or its writer holds its lock: retry later),
 * or another -errno.
 */
int hmon_read(const char *path, uint8_t *buf, size_t cap, size_t *len, struct hmon_id *id);

#endif
