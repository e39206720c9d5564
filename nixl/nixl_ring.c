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
 * can be refilled).  NIXL's reader uses a plain release store, not a CAS;
 * the CAS only makes a second consumer that also uses it (another shmtel
 * tool without the lock) lose the race cleanly instead of duplicating
 * events.
 *
 * What this takes from NIXL's producer (C++ std::atomic, SharedRingBuffer
 * push()), on whatever architecture it was built for: its slot stores
 * before a release store of write_pos, and an acquire load of read_pos
 * before it stores into a slot.  Those two are C++'s own promises, kept
 * on ARM by stlr and ldar/ldapr, so the consuming hand-off holds there as
 * on x86: the copy reads only slots the producer published, and the
 * producer refills none of them before our release CAS lets it.  Slots
 * are plain bytes on both sides, and they do not race while consuming
 * (one consumer): each side's accesses happen before the other's.
 *
 * Re-creation in place: a restarted NIXL agent re-uses the file (same
 * inode), ftruncates it to its new size and writes a fresh header with
 * both positions at 0.  So every read first compares the mapped version,
 * capacity and mask with the validated copy, and, when the positions say
 * there is something to take, fstats the file; a consumer also notices
 * read_pos reset to 0 behind its back.  Any of these, a position out of
 * range or a SIGBUS sends the read to recheck(), which looks at the file
 * itself (fstat, pread) until it holds a consistent ring again, waiting a
 * few milliseconds for a writer half-way through its new header: a new
 * incarnation is -ESTALE (the caller reopens), the old ring cut short is
 * -EIO, a header that stays inconsistent -EBADMSG.  Nothing is stored
 * before the geometry was re-checked, and a compare-and-swap that lands
 * just after a re-creation is put back to 0, so read_pos never leaves
 * [0, capacity).  An idle read makes no system call.  Not noticed: a
 * re-creation at the same size while read_pos was 0 anyway (it reads on
 * seamlessly), and, peeking, one at the same size at all.
 *
 * Peeking never stores: a private cursor follows [read_pos, write_pos).
 * A consumer may release slots while they are being copied and the
 * producer may then refill them, so after the copy the positions are
 * loaded again and copies the producer may have reached are dropped as
 * missed.  A producer lapping the whole ring during one chunk's copy is
 * not detected; peeking is a view for people, not an accounting.
 * That re-check races the producer's plain slot stores, outside what C11
 * or C++ promise: it needs the producer's store of write_pos = x to be
 * visible before its stores into slot x, and our copy's loads before our
 * second load of write_pos (copy_fence).  On x86 both are the store and
 * load order.  On ARM the producer gives the first through the acquire
 * load of read_pos that every push() makes between its previous release
 * of write_pos and its slot stores (in the NIXL versions whose header is
 * read here), when that load is an ldar (stlr then ldar is ordered); built
 * for RCpc (armv8.3-a and later, ldapr) it does not, and a copy torn by a
 * refill may then be shown.  Nothing on this side can close that.
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
#include <time.h>
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
/* A writer re-creating its ring fills the new header at once: wait this long for it. */
#define SETTLE_TRIES 20
#define SETTLE_NS 500000L

_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "positions are shared with another process");
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the version is shared with another process");

struct nixl_ring {
	int fd;
	int consume;
	uint8_t *base;			/* PROT_READ unless consuming */
	size_t size;
	struct nixl_geom g;		/* validated copy */
	uint64_t mask;
	_Atomic uint64_t *wpos, *rpos;	/* into the mapping */
	_Atomic int32_t *version;	/* into the mapping: re-checked every read */
	_Atomic uint64_t *capacity, *maskp;
	uint64_t cursor;		/* peeking: next slot to copy */
	uint64_t last_rp;		/* consuming: read_pos as last stored or seen */
	volatile size_t got;		/* events of this read so far (kept across a SIGBUS) */
	int sized;			/* the file size was checked during this read */
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
	r->version = (_Atomic int32_t *)(void *)(r->base + offsetof(struct nixl_hdr, version));
	r->capacity = (_Atomic uint64_t *)(void *)(r->base + offsetof(struct nixl_hdr, capacity));
	r->maskp = (_Atomic uint64_t *)(void *)(r->base + offsetof(struct nixl_hdr, mask));
	return 0;
}

/* Peeking: start the private cursor at read_pos, or at write_pos with @from_now. */
static int start_cursor(struct nixl_ring *r, int from_now, char *why, size_t whylen)
{
	sigjmp_buf jb;

	if (sigsetjmp(jb, 0))
		return nixl_fail(why, whylen, -EIO, "file shrank while opening");
	bus_guard_enter(&jb);
	/*
	 * acquire: stronger than needed (the cursor is only a position, and
	 * peek_chunk() loads both positions with acquire before it copies);
	 * kept, once per open.
	 */
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
	} else {
		/* Checked in range by nixl_check(); a reset to 0 after it is a re-creation. */
		memcpy(&r->last_rp, hdr + offsetof(struct nixl_hdr, read_pos), sizeof(r->last_rp));
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

/*
 * Does the mapped header still describe the ring we validated?  Relaxed:
 * a hint only, the writer stores these fields plainly; a mismatch is
 * confirmed through the file (recheck()) before anything is concluded.
 */
static int same_header(const struct nixl_ring *r)
{
	return atomic_load_explicit(r->version, RLX) == r->g.version &&
	       atomic_load_explicit(r->capacity, RLX) == r->g.capacity &&
	       atomic_load_explicit(r->maskp, RLX) == r->mask;
}

/*
 * Load both positions after checking the header: 0, or -ESTALE (the
 * header changed: re-created?), -EBADMSG (a position out of range).
 */
static int positions(const struct nixl_ring *r, uint64_t *rp, uint64_t *wp)
{
	if (!same_header(r))
		return -ESTALE;
	/*
	 * read_pos, acquire: pairs with the consumer's release store (NIXL's
	 * reader) or release CAS (ours), which came after that consumer loaded
	 * write_pos at least this far; so write_pos, loaded after it, is never
	 * behind it, and write_pos - read_pos never wraps into slots nobody
	 * filled.  Needed when peeking; when consuming, read_pos is our own.
	 */
	*rp = atomic_load_explicit(r->rpos, ACQ);
	/* acquire: pairs with push()'s release of write_pos after its slot stores. */
	*wp = atomic_load_explicit(r->wpos, ACQ);
	return *rp > r->mask || *wp > r->mask ? -EBADMSG : 0;
}

/*
 * Something to take: before trusting slots or storing a position, make
 * sure the file is still as long as the mapping (once per read: the
 * only system call of a read that finds nothing amiss).  -ESTALE if not.
 */
static int check_size(struct nixl_ring *r)
{
	struct stat st;

	if (r->sized)
		return 0;
	if (fstat(r->fd, &st))
		return -errno;
	r->sized = 1;
	return (uint64_t)st.st_size == r->g.file_size ? 0 : -ESTALE;
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
	int ret;

	for (int tries = 0; tries < CAS_TRIES; tries++) {
		ret = positions(r, &rp, &wp);
		if (ret)
			return ret;
		if (rp != r->last_rp) {
			/* Only a fresh header moves read_pos back to 0 (or a wrapping intruder). */
			if (!rp)
				return -ESTALE;
			r->last_rp = rp;	/* another consumer: its events, not ours */
		}
		n = (size_t)((wp - rp) & r->mask);
		if (n > max)
			n = max;
		if (n > CHUNK)
			n = CHUNK;
		*taken = n;
		if (!n)
			return 0;
		ret = check_size(r);
		if (ret)
			return ret;
		copy_slots(r, rp, n, raw);
		next = (rp + n) & r->mask;
		/* Re-checked after the copy: a new header may have come in meanwhile. */
		if (!same_header(r))
			return -ESTALE;
		/*
		 * Release: the copy above is complete before the producer may
		 * refill; pairs with push()'s acquire load of read_pos.  Acquire
		 * on failure is stronger than needed: the loop loads both
		 * positions again with acquire before it uses anything.  Kept:
		 * the same lock cmpxchg on x86, casal instead of casl on ARM,
		 * once per chunk.
		 */
		if (atomic_compare_exchange_strong_explicit(r->rpos, &rp, next, REL, ACQ)) {
			if (!same_header(r)) {
				/*
				 * Re-created between the check and the store: our read_pos
				 * means nothing in the new ring; give it back its start.
				 * Relaxed: no copy to order, the producer starts at 0.
				 */
				atomic_compare_exchange_strong_explicit(r->rpos, &next, 0, RLX, RLX);
				return -ESTALE;
			}
			r->last_rp = next;
			return (long)decode_slots(r, raw, n, out, missed);
		}
		/* Another consumer took these first, or a fresh header: the loop tells. */
	}
	*taken = 0;
	return 0;
}

/*
 * copy_fence: keep the slot loads of a copy before the positions loaded
 * after it.  gcc's ThreadSanitizer refuses standalone fences; under it a
 * compiler barrier stands in (the other side is another process, which
 * the sanitizer does not see anyway).  The acquire loads of the positions
 * cannot do this: an acquire orders what comes after it, not the plain
 * loads before it.  On ARM this is a dmb ishld; on x86 no instruction.
 * It orders the hardware, not C11: the slot loads are plain and race the
 * producer by design (see the top of this file).
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
	int ret;

	ret = positions(r, &rp, &wp);
	if (ret)
		return ret;
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
	ret = check_size(r);
	if (ret)
		return ret;
	copy_slots(r, c, n, raw);
	/* Order the copy before the second look at the positions. */
	copy_fence();
	ret = positions(r, &rp2, &wp2);
	if (ret)
		return ret;
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

/* Read into @out until caught up; r->got counts what is already in @out. */
static long read_chunks(struct nixl_ring *r, struct nixl_event *out, size_t max,
			uint64_t *missed)
{
	uint8_t raw[CHUNK * MAX_EVENT];
	size_t taken;
	long k;

	while (r->got < max) {
		if (r->consume)
			k = consume_chunk(r, raw, out + r->got, max - r->got, missed, &taken);
		else
			k = peek_chunk(r, raw, out + r->got, max - r->got, missed, &taken);
		if (k < 0)
			return k;
		r->got += (size_t)k;
		if (taken < CHUNK)
			break;	/* caught up (or the caller's buffer is full) */
	}
	return 0;
}

static int same_geom(const struct nixl_geom *a, const struct nixl_geom *b)
{
	return a->version == b->version && a->layout == b->layout &&
	       a->capacity == b->capacity && a->file_size == b->file_size;
}

/*
 * The mapping looked wrong: look at the file itself until it holds
 * a consistent ring, for a few milliseconds at most.  Another ring than
 * ours, or ours with read_pos reset to 0 behind a consumer's back, is a
 * new incarnation: -ESTALE.  Ours unchanged: 0, it was a passing glimpse.
 * Never settled: -EIO if the file is now shorter than the mapping, else
 * -EBADMSG.  Reads only the file, never the mapping (which may be past
 * its end).
 */
static long recheck(struct nixl_ring *r)
{
	const struct timespec settle = { 0, SETTLE_NS };
	uint8_t hdr[NIXL_HDR_SIZE];
	struct nixl_geom g;
	struct stat st;
	uint64_t rp;
	ssize_t n;

	for (int i = 0; i < SETTLE_TRIES; i++) {
		if (i)
			nanosleep(&settle, NULL);
		if (fstat(r->fd, &st))
			return -errno;
		n = pread(r->fd, hdr, sizeof(hdr), 0);
		if (n < 0)
			return -errno;
		if (nixl_check(hdr, (size_t)n, (uint64_t)st.st_size, &g, NULL, 0))
			continue;	/* half-way through a new header, or broken */
		if (!same_geom(&g, &r->g))
			return -ESTALE;
		memcpy(&rp, hdr + offsetof(struct nixl_hdr, read_pos), sizeof(rp));
		if (r->consume && r->last_rp && !rp)
			return -ESTALE;
		return 0;
	}
	return (uint64_t)st.st_size < r->g.file_size ? -EIO : -EBADMSG;
}

long nixl_read(struct nixl_ring *r, struct nixl_event *out, size_t max, uint64_t *missed)
{
	sigjmp_buf jb;
	long ret;

	r->got = 0;
	r->sized = 0;
	if (sigsetjmp(jb, 0)) {
		ret = -EIO;	/* touched past the end: shrank, perhaps re-created */
	} else {
		bus_guard_enter(&jb);
		ret = read_chunks(r, out, max, missed);
		bus_guard_leave();
	}
	/* Events already taken are returned; the next read meets the change again. */
	if (r->got)
		return (long)r->got;
	if (!ret)
		return 0;
	if (ret != -ESTALE && ret != -EIO && ret != -EBADMSG)
		return ret;
	return recheck(r);
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

const struct nixl_hdr *nixl_ring_hdr(const struct nixl_ring *r)
{
	return (const struct nixl_hdr *)(const void *)r->base;
}

int nixl_quiet(const struct nixl_hdr *h)
{
	/* The mapping's words, as r->wpos and r->rpos point at them. */
	uint8_t *base = (uint8_t *)(uintptr_t)h;
	_Atomic uint64_t *wpos = (_Atomic uint64_t *)(void *)(base + offsetof(struct nixl_hdr, write_pos));
	_Atomic uint64_t *rpos = (_Atomic uint64_t *)(void *)(base + offsetof(struct nixl_hdr, read_pos));
	sigjmp_buf jb;
	int quiet;

	if (sigsetjmp(jb, 0))
		return 0;
	bus_guard_enter(&jb);
	/* Relaxed: equal means nothing to take; unequal sends the ring to nixl_read(). */
	quiet = atomic_load_explicit(wpos, RLX) == atomic_load_explicit(rpos, RLX);
	bus_guard_leave();
	return quiet;
}

int nixl_changed(const struct nixl_ring *r, const char *path)
{
	uint8_t hdr[NIXL_HDR_SIZE];
	struct nixl_geom g;
	struct stat st;
	ssize_t n;

	/* Resized, or a new header in the same file: re-created in place. */
	if (fstat(r->fd, &st) || (uint64_t)st.st_size != r->size)
		return 1;
	n = pread(r->fd, hdr, sizeof(hdr), 0);
	if (n < 0 || nixl_check(hdr, (size_t)n, (uint64_t)st.st_size, &g, NULL, 0) ||
	    !same_geom(&g, &r->g))
		return 1;
	if (stat(path, &st))
		return 1;
	return st.st_ino != r->ino || st.st_dev != r->dev;
}
