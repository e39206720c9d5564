/* SPDX-License-Identifier: MIT */
/*
 * nixl_ring.c - recognise, validate and read NIXL's telemetry rings (see
 * nixl_ring.h for the format).
 *
 * Trust: the header is copied out with pread() and checked against the
 * real file size before anything is mapped; afterwards only that copy's
 * capacity and layout are used, and the two positions, the only fields a
 * writer changes, are range-checked on every load.  Accesses to the
 * mapping run under the SIGBUS guard, so a file truncated underneath
 * gives -EIO instead of killing the process.
 *
 * Consuming (NIXL's own reader protocol, in batches): load write_pos with
 * acquire (pairs with the producer's release store after it filled the
 * slots), copy the slots in [read_pos, write_pos), then publish the new
 * read_pos with a release compare-and-swap (pairs with the producer's
 * acquire load before it reuses a slot: the copy is done before the slot
 * can be refilled).  NIXL's reader uses a plain store; the CAS only makes
 * a second consumer that also uses it (another shmtel tool without the
 * lock) lose the race cleanly instead of duplicating events.
 *
 * Peeking never stores: a private cursor follows [read_pos, write_pos).
 * A consumer may release slots while they are being copied and the
 * producer may then refill them, so after the copy the positions are
 * loaded again and copies the producer may have reached are dropped as
 * missed.  A producer lapping the whole ring during one chunk's copy is
 * not detected; peeking is a view for people, not an accounting.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "shm/bus_guard.h"
#include "nixl_ring.h"
#include "shm/ring_read.h"

#define ACQ memory_order_acquire
#include "shm/memorder.h"

/* Slots copied per step: bounds the stack copy and the window a consumer holds. */
#define CHUNK 256
#define MAX_EVENT 56
/* A second consumer winning the CAS this many times in a row: give up this round. */
#define CAS_TRIES 64

_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "positions are shared with another process");

struct nixl_ring {
	int fd;
	int consume;
	uint8_t *base;			/* PROT_READ unless consuming */
	size_t size;
	struct nixl_geom g;		/* validated copy */
	uint64_t mask;
	_Atomic uint64_t *wpos, *rpos;	/* into the mapping */
	uint64_t cursor;		/* peeking: next slot to copy */
	uint64_t dev, ino;
};

/*
 * Open @path and check that it is a regular file: the descriptor, or
 * -errno with @why filled in.
 */
static int open_file(const char *path, int consume, struct stat *st, char *why, size_t whylen)
{
	int fd, ret;

	fd = open(path, (consume ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		ret = -errno;
		if (consume && (errno == EACCES || errno == EROFS))
			return nixl_fail(why, whylen, ret, "cannot open for consuming: %s "
				    "(--peek reads without consuming)", strerror(errno));
		return nixl_fail(why, whylen, ret, "%s", strerror(errno));
	}
	if (fstat(fd, st)) {
		ret = nixl_fail(why, whylen, -errno, "%s", strerror(errno));
		goto err_close;
	}
	if (S_ISDIR(st->st_mode)) {
		ret = nixl_fail(why, whylen, -EISDIR, "is a directory");
		goto err_close;
	}
	if (!S_ISREG(st->st_mode)) {
		ret = nixl_fail(why, whylen, -ENOTRING, "not a regular file");
		goto err_close;
	}
	return fd;

err_close:
	close(fd);
	return ret;
}

/*
 * Advisory only (NIXL itself never looks): keeps a second shmtel
 * consumer, such as telemetry_reader next to telemetry_nixl, away.
 */
static int lock_consumer(int fd, char *why, size_t whylen)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (!fcntl(fd, F_OFD_SETLK, &fl))
		return 0;
	if (errno == EAGAIN || errno == EACCES)
		return nixl_fail(why, whylen, -EBUSY, "another shmtel reader is consuming this "
			    "NIXL ring (--peek reads without consuming)");
	return nixl_fail(why, whylen, -errno, "lock: %s", strerror(errno));
}

/* Map the file @r->g was validated against and point at its positions. */
static int map_ring(struct nixl_ring *r, int fd, int consume, char *why, size_t whylen)
{
	r->size = (size_t)r->g.file_size;
	r->base = mmap(NULL, r->size, PROT_READ | (consume ? PROT_WRITE : 0), MAP_SHARED, fd, 0);
	if (r->base == MAP_FAILED)
		return nixl_fail(why, whylen, -errno, "map: %s", strerror(errno));
	r->fd = fd;
	r->consume = consume;
	r->mask = r->g.capacity - 1;
	r->wpos = (_Atomic uint64_t *)(void *)(r->base + offsetof(struct nixl_hdr, write_pos));
	r->rpos = (_Atomic uint64_t *)(void *)(r->base + offsetof(struct nixl_hdr, read_pos));
	return 0;
}

/* Peeking: start the private cursor at read_pos, or at write_pos with @from_now. */
static int start_cursor(struct nixl_ring *r, int from_now, char *why, size_t whylen)
{
	sigjmp_buf jb;

	if (sigsetjmp(jb, 0))
		return nixl_fail(why, whylen, -EIO, "file shrank while opening");
	bus_guard_enter(&jb);
	r->cursor = atomic_load_explicit(from_now ? r->wpos : r->rpos, ACQ) & r->mask;
	bus_guard_leave();
	return 0;
}

int nixl_open(const char *path, int consume, int from_now, struct nixl_ring **out, char *why,
	      size_t whylen)
{
	uint8_t hdr[NIXL_HDR_SIZE];
	struct nixl_ring *r;
	struct stat st;
	ssize_t n;
	int fd, ret;

	fd = open_file(path, consume, &st, why, whylen);
	if (fd < 0)
		return fd;
	memset(hdr, 0, sizeof(hdr));
	n = pread(fd, hdr, sizeof(hdr), 0);
	if (n < 0) {
		ret = nixl_fail(why, whylen, -errno, "%s", strerror(errno));
		goto err_close;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		ret = nixl_fail(why, whylen, -ENOMEM, "out of memory");
		goto err_close;
	}
	ret = nixl_check(hdr, (size_t)n, (uint64_t)st.st_size, &r->g, why, whylen);
	if (ret)
		goto err_free;
	if (consume) {
		ret = lock_consumer(fd, why, whylen);
		if (ret)
			goto err_free;
	}
	ret = map_ring(r, fd, consume, why, whylen);
	if (ret)
		goto err_free;
	r->dev = st.st_dev;
	r->ino = st.st_ino;
	bus_guard_install();
	if (!consume) {
		ret = start_cursor(r, from_now, why, whylen);
		if (ret)
			goto err_unmap;
	}
	*out = r;
	return 0;

err_unmap:
	munmap(r->base, r->size);
err_free:
	free(r);
err_close:
	close(fd);
	return ret;
}

void nixl_close(struct nixl_ring *r)
{
	if (!r)
		return;
	munmap(r->base, r->size);
	close(r->fd);	/* drops the consumer lock */
	free(r);
}

const struct nixl_geom *nixl_ring_geom(const struct nixl_ring *r)
{
	return &r->g;
}

void nixl_ring_id(const struct nixl_ring *r, uint64_t *dev, uint64_t *ino)
{
	*dev = r->dev;
	*ino = r->ino;
}

/* Load both positions; -EBADMSG if a writer scribbled them out of range. */
static int positions(const struct nixl_ring *r, uint64_t *rp, uint64_t *wp)
{
	*rp = atomic_load_explicit(r->rpos, ACQ);
	*wp = atomic_load_explicit(r->wpos, ACQ);
	return *rp > r->mask || *wp > r->mask ? -EBADMSG : 0;
}

/* Copy @n raw slots from @from (wrapping) into @dst. */
static void copy_slots(const struct nixl_ring *r, uint64_t from, size_t n, uint8_t *dst)
{
	size_t es = r->g.event_size;

	for (size_t i = 0; i < n; i++) {
		uint64_t slot = (from + i) & r->mask;

		memcpy(dst + i * es, r->base + NIXL_HDR_SIZE + slot * es, es);
	}
}

/* Decode @n raw slots into @out; undecodable ones go to *@missed.  Returns decoded. */
static size_t decode_slots(const struct nixl_ring *r, const uint8_t *raw, size_t n,
			   struct nixl_event *out, uint64_t *missed)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (nixl_decode(&r->g, raw + i * r->g.event_size, &out[k]))
			(*missed)++;
		else
			k++;
	}
	return k;
}

/* One consuming step of at most CHUNK slots: decoded count, or -errno. */
static long consume_chunk(struct nixl_ring *r, uint8_t *raw, struct nixl_event *out, size_t max,
			  uint64_t *missed, size_t *taken)
{
	uint64_t rp, wp, next;
	size_t n;

	for (int tries = 0; tries < CAS_TRIES; tries++) {
		if (positions(r, &rp, &wp))
			return -EBADMSG;
		n = (size_t)((wp - rp) & r->mask);
		if (n > max)
			n = max;
		if (n > CHUNK)
			n = CHUNK;
		*taken = n;
		if (!n)
			return 0;
		copy_slots(r, rp, n, raw);
		next = (rp + n) & r->mask;
		/* Release: the copy above is complete before the producer may refill. */
		if (atomic_compare_exchange_strong_explicit(r->rpos, &rp, next, REL, ACQ))
			return (long)decode_slots(r, raw, n, out, missed);
		/* Another consumer took these first; they are its events, not ours. */
	}
	*taken = 0;
	return 0;
}

/*
 * copy_fence: keep the slot loads of a copy before the positions loaded
 * after it.  gcc's ThreadSanitizer refuses standalone fences; under it a
 * compiler barrier stands in (the other side is another process, which
 * the sanitizer does not see anyway).
 */
static inline void copy_fence(void)
{
#ifdef __SANITIZE_THREAD__
	atomic_signal_fence(ACQ);
#else
	atomic_thread_fence(ACQ);
#endif
}

/* One peeking step of at most CHUNK slots: decoded count, or -errno. */
static long peek_chunk(struct nixl_ring *r, uint8_t *raw, struct nixl_event *out, size_t max,
		       uint64_t *missed, size_t *taken)
{
	uint64_t rp, wp, rp2, wp2, c = r->cursor, avail, gone = 0, reached;
	size_t n;

	if (positions(r, &rp, &wp))
		return -EBADMSG;
	/* The cursor must lie in [read_pos, write_pos]; if not, the consumer passed it. */
	if (((c - rp) & r->mask) > ((wp - rp) & r->mask)) {
		*missed += (rp - c) & r->mask;
		c = rp;
	}
	avail = (wp - c) & r->mask;
	n = (size_t)(avail < max ? avail : max);
	if (n > CHUNK)
		n = CHUNK;
	*taken = n;
	if (!n) {
		r->cursor = c;
		return 0;
	}
	copy_slots(r, c, n, raw);
	/* Order the copy before the second look at the positions. */
	copy_fence();
	if (positions(r, &rp2, &wp2))
		return -EBADMSG;
	/*
	 * The producer refills a slot only after the consumer released it, and
	 * it fills them in order from wp: copies it may have reached by wp2 are
	 * suspect.  Our i-th copy is (capacity - avail + i) slots ahead of wp.
	 */
	reached = (wp2 - wp) & r->mask;
	if (reached + avail + 1 > r->g.capacity) {
		gone = reached + avail + 1 - r->g.capacity;
		if (gone > n)
			gone = n;
	}
	*missed += gone;
	r->cursor = (c + n) & r->mask;
	return (long)decode_slots(r, raw + gone * r->g.event_size, n - (size_t)gone, out, missed);
}

static long read_chunks(struct nixl_ring *r, struct nixl_event *out, size_t max,
			uint64_t *missed)
{
	uint8_t raw[CHUNK * MAX_EVENT];
	size_t got = 0, taken;
	long k;

	while (got < max) {
		if (r->consume)
			k = consume_chunk(r, raw, out + got, max - got, missed, &taken);
		else
			k = peek_chunk(r, raw, out + got, max - got, missed, &taken);
		if (k < 0)
			return k;
		got += (size_t)k;
		if (taken < CHUNK)
			break;	/* caught up (or the caller's buffer is full) */
	}
	return (long)got;
}

long nixl_read(struct nixl_ring *r, struct nixl_event *out, size_t max, uint64_t *missed)
{
	sigjmp_buf jb;
	long n;

	if (sigsetjmp(jb, 0))
		return -EIO;
	bus_guard_enter(&jb);
	n = read_chunks(r, out, max, missed);
	bus_guard_leave();
	return n;
}

long long nixl_pending(const struct nixl_ring *r)
{
	uint64_t rp, wp;
	sigjmp_buf jb;
	int ret;

	if (sigsetjmp(jb, 0))
		return -EIO;
	bus_guard_enter(&jb);
	ret = positions(r, &rp, &wp);
	bus_guard_leave();
	return ret ? ret : (long long)((wp - rp) & r->mask);
}

int nixl_changed(const struct nixl_ring *r, const char *path)
{
	struct stat st;

	if (fstat(r->fd, &st) || (uint64_t)st.st_size < r->size)
		return 1;
	if (stat(path, &st))
		return 1;
	return st.st_ino != r->ino || st.st_dev != r->dev;
}
