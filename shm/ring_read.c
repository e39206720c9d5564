/* SPDX-License-Identifier: MIT */
/*
 * ring_read.c - map a ring read-only, validate it, and read it without
 * ever storing to it.
 *
 * Trust: the header is copied out with pread() and validated before
 * anything is mapped; the geometry is recomputed from the four sizes and
 * every offset in the header must match it; after that only the validated
 * copy is used, so a writer that later scribbles on its header cannot move
 * our reads outside the mapping.  (That the header is complete when a
 * reader can find the file is the kernel's doing: ring_create.c.)  Indices
 * read from the mapping (series ids, histogram slots, label bytes) are
 * checked on every use.  Every access to the mapping runs under the SIGBUS
 * guard.
 *
 * Reader protocol (see ring_write.h for the writer's half), per lane:
 *   - load head with acquire; a position more than capacity behind head is
 *     gone (counted missed);
 *   - a slot is accepted only if its seq equals position + 1 before and
 *     after the copy; the first load and the payload loads are acquire, so
 *     the re-check cannot move before the copy and sees any newer writer's
 *     BUSY mark;
 *   - any other seq on an owned lane is a lap (missed): the writer commits
 *     before it moves head.  On the shared lane head is only a ticket, so
 *     an uncommitted slot (BUSY or older) is waited for, across polls; a
 *     newer seq is a lap.  The wait is one grace (STALL_NS) per stall, not
 *     per slot: when a wait begins the reader notes head, and once the
 *     grace has passed every slot still uncommitted below that head (each
 *     ticket handed out at least a grace ago) is skipped and counted
 *     missed at once, so a run of slots left BUSY by a writer killed
 *     mid-event costs one grace, not one per slot.
 * Descriptors: a mapping does not need its descriptor, so a ring opened by
 * path keeps none unless asked to; the liveness lock and the file's
 * identity are then looked up through the path when asked for (ring_alive,
 * ring_changed).  A kept descriptor makes the liveness query one system
 * call instead of four, and names the mapped file whatever the path now
 * names.
 * Aggregates: count with acquire, then the other fields relaxed.  Clock:
 * the seqlock reader is clock_to_ns() (clock.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "bus_guard.h"
#include "clock.h"
#include "geom.h"
#include "memorder.h"
#include "registry.h"
#include "ring_read.h"

/*
 * A slot of the shared lane whose ticket was handed out this long ago and
 * is still uncommitted is given up on: its writer stopped or died mid-event.
 */
#define STALL_NS RING_STALL_NS

struct ring {
	int fd;				/* -1 once mapped if opened by path */
	char *path;			/* NULL if opened from a bare descriptor */
	uint8_t *base;			/* PROT_READ: never stored through */
	size_t size;
	struct shm_header *h;		/* the mapping; only dynamic fields used */
	struct geom g;			/* validated copy */
	struct ring_meta meta;
	uint32_t clock_kind;
};

const char *const ring_category_names[SHM_CAT_COUNT] = {
	"MEMORY", "TRANSFER", "CONNECTION", "BACKEND", "ERROR", "PERFORMANCE", "SYSTEM", "CUSTOM",
};
const char *const ring_kind_names[SHM_KIND_COUNT] = { "counter", "gauge", "histogram" };

static int fail(char *why, size_t len, int err, const char *msg)
{
	if (why && len)
		snprintf(why, len, "%s", msg);
	return err;
}

static int check_header(const struct shm_header *h, uint64_t st_size, struct geom *g,
			char *why, size_t len)
{
	if (memcmp(h->magic, SHM_MAGIC, sizeof(h->magic)))
		return fail(why, len, -ENOTRING, "not a shmtel ring (bad magic)");
	if (h->byte_order != SHM_BYTE_ORDER)
		return fail(why, len, -EPROTONOSUPPORT, "ring written with the other byte order");
	if (h->major != SHM_MAJOR) {
		if (why)
			snprintf(why, len, "unsupported format version %u.%u (this reader knows %u.x)",
				 h->major, h->minor, SHM_MAJOR);
		return -EPROTONOSUPPORT;
	}
	if (h->header_size != SHM_HEADER_SIZE || h->event_size != sizeof(struct shm_event) ||
	    h->series_size != sizeof(struct shm_series) || h->agg_size != sizeof(struct shm_agg) ||
	    h->max_bounds != SHM_MAX_BOUNDS)
		return fail(why, len, -EBADMSG, "corrupt header: record sizes do not match the format");
	if (geom_compute(g, h->capacity, h->lanes, h->max_series, h->max_hist))
		return fail(why, len, -EBADMSG,
			    "corrupt header: capacity, lanes or registry size out of range");
	if (h->index_slots != g->index_slots || h->registry_off != g->registry_off ||
	    h->index_off != g->index_off || h->bounds_off != g->bounds_off ||
	    h->lanes_off != g->lanes_off || h->lane_size != g->lane_size ||
	    h->lane_events_off != g->lane_events_off || h->lane_aggs_off != g->lane_aggs_off ||
	    h->lane_buckets_off != g->lane_buckets_off || h->file_size != g->file_size)
		return fail(why, len, -EBADMSG, "corrupt header: region offsets are inconsistent");
	if (g->file_size > st_size)
		return fail(why, len, -EBADMSG, "truncated: file is shorter than its header says");
	if (h->clock_kind != SHM_CLOCK_TSC && h->clock_kind != SHM_CLOCK_REALTIME &&
	    h->clock_kind != SHM_CLOCK_CNTVCT)
		return fail(why, len, -EBADMSG, "corrupt header: unknown clock");
	if (!memchr(h->agent, 0, sizeof(h->agent)))
		return fail(why, len, -EBADMSG, "corrupt header: agent name not terminated");
	return 0;
}

/* @known: what fstat() said of @fd a moment ago, or NULL to ask it. */
static int open_mapped(int fd, const char *path, int keep_fd, const struct stat *known,
		       struct ring **out, char *why, size_t len)
{
	struct shm_header h;
	struct ring *r;
	struct stat st;
	ssize_t n;
	int ret;

	if (known) {
		st = *known;
	} else if (fstat(fd, &st)) {
		ret = fail(why, len, -errno, strerror(errno));
		goto err_close;
	}
	if (S_ISDIR(st.st_mode)) {
		ret = fail(why, len, -EISDIR, "is a directory");
		goto err_close;
	}
	if (!S_ISREG(st.st_mode)) {
		ret = fail(why, len, -ENOTRING, "not a regular file");
		goto err_close;
	}
	memset(&h, 0, sizeof(h));
	n = pread(fd, &h, sizeof(h), 0);
	if (n < 0) {
		ret = fail(why, len, -errno, strerror(errno));
		goto err_close;
	}
	if ((size_t)n < sizeof(h)) {
		if (n >= 8 && !memcmp(h.magic, SHM_MAGIC, 8))
			ret = fail(why, len, -EBADMSG, "truncated: file is shorter than a header");
		else
			ret = fail(why, len, -ENOTRING, "not a shmtel ring (too short)");
		goto err_close;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		ret = fail(why, len, -ENOMEM, "out of memory");
		goto err_close;
	}
	ret = check_header(&h, (uint64_t)st.st_size, &r->g, why, len);
	if (ret)
		goto err_free;
	r->size = r->g.file_size;
	r->base = mmap(NULL, r->size, PROT_READ, MAP_SHARED, fd, 0);
	if (r->base == MAP_FAILED) {
		ret = fail(why, len, -errno, strerror(errno));
		goto err_free;
	}
	if (path) {
		r->path = strdup(path);
		if (!r->path) {
			ret = fail(why, len, -ENOMEM, "out of memory");
			goto err_unmap;
		}
	}
	if (path && !keep_fd) {
		/* The mapping stays valid without it: thousands of rings, no descriptors. */
		close(fd);
		fd = -1;
	}
	r->fd = fd;
	r->h = (struct shm_header *)r->base;
	bus_guard_install();
	r->clock_kind = h.clock_kind;
	memcpy(r->meta.agent, h.agent, sizeof(h.agent));
	r->meta.major = h.major;
	r->meta.minor = h.minor;
	r->meta.capacity = h.capacity;
	r->meta.lanes = h.lanes;
	r->meta.max_series = h.max_series;
	r->meta.max_hist = h.max_hist;
	r->meta.run_interval_ms = h.run_interval_ms;
	r->meta.writer_pid = h.writer_pid;
	r->meta.source_pid = h.source_pid;
	r->meta.writer_start_ticks = h.writer_start_ticks;
	r->meta.writer_start_ns = h.writer_start_ns;
	r->meta.source_start_ns = h.source_start_ns;
	r->meta.created_ns = h.created_ns;
	r->meta.file_size = h.file_size;
	r->meta.dev = st.st_dev;
	r->meta.ino = st.st_ino;
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

int ring_open_fd(int fd, struct ring **out, char *why, size_t len)
{
	return open_mapped(fd, NULL, 1, NULL, out, why, len);
}

int ring_open_named(int fd, const char *path, int keep_fd, const struct stat *st,
		    struct ring **out, char *why, size_t len)
{
	return open_mapped(fd, path, keep_fd, st, out, why, len);
}

static int open_path(const char *path, int keep_fd, struct ring **out, char *why, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;

	if (fd < 0) {
		int err = errno;

		/* A socket cannot be opened (ENXIO) but is as much "not a ring" as a FIFO. */
		if (err == ENXIO && !stat(path, &st) && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
			return fail(why, len, -ENOTRING, "not a regular file");
		return fail(why, len, -err, strerror(err));
	}
	return open_mapped(fd, path, keep_fd, NULL, out, why, len);
}

int ring_open(const char *path, struct ring **out, char *why, size_t len)
{
	return open_path(path, 0, out, why, len);
}

int ring_open_keep(const char *path, struct ring **out, char *why, size_t len)
{
	return open_path(path, 1, out, why, len);
}

void ring_close(struct ring *r)
{
	if (!r)
		return;
	munmap(r->base, r->size);
	if (r->fd >= 0)
		close(r->fd);
	ring_forget(r);
}

void ring_forget(struct ring *r)
{
	if (!r)
		return;
	free(r->path);
	free(r);
}

/*
 * A descriptor on the ring's file for a moment: its own, or @path opened
 * again and checked to still be the file that is mapped.  Release with
 * put_fd().  -ESTALE if the path now names another file.
 */
static int get_fd(const struct ring *r)
{
	struct stat st;
	int fd;

	if (r->fd >= 0)
		return r->fd;
	fd = open(r->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		int err = errno;

		close(fd);
		return -err;
	}
	if (st.st_ino != r->meta.ino || st.st_dev != r->meta.dev) {
		close(fd);
		return -ESTALE;
	}
	return fd;
}

static void put_fd(const struct ring *r, int fd)
{
	if (fd != r->fd)
		close(fd);
}

const struct ring_meta *ring_meta(const struct ring *r)
{
	return &r->meta;
}

int ring_alive(const struct ring *r)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int fd = get_fd(r), ret;

	if (fd < 0)
		return fd;
	/* Any descriptor on the file will do: the query sees every holder's lock. */
	ret = fcntl(fd, F_OFD_GETLK, &fl) ? -errno : fl.l_type != F_UNLCK;
	put_fd(r, fd);
	return ret;
}

uint32_t ring_flags(const struct ring *r)
{
	sigjmp_buf jb;
	uint32_t f;

	if (sigsetjmp(jb, 0))
		return 0;
	bus_guard_enter(&jb);
	/* acquire: pairs with ring_set_flag()'s release read-modify-write. */
	f = atomic_load_explicit(&r->h->flags, ACQ);
	bus_guard_leave();
	return f;
}

int ring_changed(const struct ring *r, const char *path)
{
	struct stat st;

	/* Without a descriptor the path is the only way to the file: it is checked below. */
	if (r->fd >= 0 && (fstat(r->fd, &st) || (uint64_t)st.st_size < r->size))
		return 1;
	if (!path)
		path = r->path;
	if (!path)
		return 0;
	if (stat(path, &st))
		return 1;
	return st.st_ino != r->meta.ino || st.st_dev != r->meta.dev ||
	       (uint64_t)st.st_size < r->size;
}

uint32_t ring_series_count(const struct ring *r)
{
	sigjmp_buf jb;
	uint32_t n;

	if (sigsetjmp(jb, 0))
		return 0;
	bus_guard_enter(&jb);
	/*
	 * Relaxed: only a bound (take_slot() hands slots out relaxed); each
	 * entry is published by its own state, which ring_series_get acquires.
	 */
	n = atomic_load_explicit(&r->h->series_next, RLX);
	bus_guard_leave();
	return n < r->g.max_series ? n : r->g.max_series;
}

static int check_series(const struct ring *r, struct ring_series *o, const struct shm_series *s)
{
	size_t len;
	int pairs;

	if (s->category >= SHM_CAT_COUNT || s->kind >= SHM_KIND_COUNT || s->vtype >= SHM_VTYPE_COUNT)
		return -EBADMSG;
	if (!memchr(s->name, 0, sizeof(s->name)) || !s->name[0] ||
	    !memchr(s->unit, 0, sizeof(s->unit)))
		return -EBADMSG;
	pairs = reg_labels_check(s->labels, sizeof(s->labels), &len);
	if (pairs < 0)
		return -EBADMSG;
	o->category = s->category;
	o->kind = s->kind;
	o->vtype = s->vtype;
	o->log2 = !!(s->flags & SHM_SF_LOG2);
	memcpy(o->name, s->name, sizeof(o->name));
	memcpy(o->unit, s->unit, sizeof(o->unit));
	memset(o->labels, 0, sizeof(o->labels));
	memcpy(o->labels, s->labels, len);
	o->nlabels = (uint32_t)pairs;
	o->labels_len = (uint32_t)len;
	o->nbounds = 0;
	if (s->kind != SHM_KIND_HISTOGRAM)
		return 0;
	if (s->hist >= r->g.max_hist || !s->nbounds || s->nbounds > SHM_MAX_BOUNDS)
		return -EBADMSG;
	o->nbounds = s->nbounds;
	memcpy(o->bounds, r->base + r->g.bounds_off + (size_t)s->hist * SHM_MAX_BOUNDS * sizeof(double),
	       s->nbounds * sizeof(double));
	for (uint32_t i = 0; i < o->nbounds; i++)
		if (!(o->bounds[i] == o->bounds[i]) || o->bounds[i] == __builtin_inf() ||
		    (i && !(o->bounds[i] > o->bounds[i - 1])))
			return -EBADMSG;
	return 0;
}

int ring_series_get(const struct ring *r, uint32_t id, struct ring_series *out)
{
	struct shm_series *e;
	struct shm_series copy;
	sigjmp_buf jb;
	int ret;

	if (id >= r->g.max_series)
		return -ENOENT;
	e = (struct shm_series *)(r->base + r->g.registry_off) + id;
	if (sigsetjmp(jb, 0))
		return -EIO;
	bus_guard_enter(&jb);
	/* acquire: pairs with the creator's release store of READY. */
	if (atomic_load_explicit(&e->state, ACQ) != SHM_SERIES_READY) {
		bus_guard_leave();
		return -ENOENT;
	}
	/*
	 * Validate the copy, not the file.  Plain loads: after READY only the
	 * state word of an entry is ever stored again (to DUP, by a writer
	 * that lost the creation race, reg_get), so that one word of the copy
	 * may race that store and is never used; every other byte was written
	 * before the release of READY and is immutable.
	 */
	memcpy(&copy, e, sizeof(copy));
	ret = check_series(r, out, &copy);
	bus_guard_leave();
	out->id = id;
	/* Remember the slot for ring_aggregate(), validated above. */
	out->hist_slot = copy.hist;
	return ret;
}

int ring_label_next(const char *labels, size_t *pos, const char **key, const char **value)
{
	const char *k = labels + *pos;

	if (!*k)
		return 0;
	*key = k;
	*value = k + strlen(k) + 1;
	*pos += strlen(k) + 1 + strlen(*value) + 1;
	return 1;
}

double ring_value_double(uint8_t vtype, uint64_t bits)
{
	double d;

	switch (vtype) {
	case SHM_I64:
		return (double)(int64_t)bits;
	case SHM_F64:
		memcpy(&d, &bits, 8);
		return d;
	default:
		return (double)bits;
	}
}

static int less(uint8_t vtype, uint64_t a, uint64_t b)
{
	if (vtype == SHM_I64)
		return (int64_t)a < (int64_t)b;
	if (vtype == SHM_F64)
		return ring_value_double(vtype, a) < ring_value_double(vtype, b);
	return a < b;
}

static uint8_t *lane_base(const struct ring *r, uint32_t lane)
{
	return r->base + r->g.lanes_off + (uint64_t)lane * r->g.lane_size;
}

/* Ticks of this ring's clock to wall-clock ns since the epoch. */
static uint64_t ring_ns(const struct ring *r, uint64_t ticks)
{
	sigjmp_buf jb;
	uint64_t ns;

	if (r->clock_kind == SHM_CLOCK_REALTIME)
		return ticks;
	if (sigsetjmp(jb, 0))
		return 0;
	bus_guard_enter(&jb);
	ns = clock_to_ns(r->h, ticks);
	bus_guard_leave();
	return ns;
}

/* Sum over the lanes; runs under the caller's bus guard. */
static uint64_t agg_lanes(const struct ring *r, const struct ring_series *s, struct ring_agg *out)
{
	uint64_t last_ts = 0;
	int have = 0;

	for (uint32_t l = 0; l < r->g.lanes; l++) {
		uint8_t *lb = lane_base(r, l);
		struct shm_lane *lh = (struct shm_lane *)lb;
		struct shm_agg *a = (struct shm_agg *)(lb + r->g.lane_aggs_off) + s->id;
		uint64_t c, v, ts;

		/* Relaxed: a skip hint (ring_lane_claim); count carries the order. */
		if (!atomic_load_explicit(&lh->used, RLX))
			continue;
		/*
		 * acquire: pairs with the writer's release store (owned lane) or
		 * release RMW (shared lane) of count; the relaxed loads below
		 * then see fields at least as new as count.  At least, not
		 * exactly: not a snapshot.  A field may already hold a value
		 * whose count is not visible yet (sum one value ahead), and last
		 * and last_ts are two words, which a read racing an emit may
		 * pair across two events (on lane 0 across two threads).  Exact
		 * is what holds: nothing counted is missing, and a later read of
		 * any field by this thread is never older (read-read coherence).
		 */
		c = atomic_load_explicit(&a->count, ACQ);
		if (!c)
			continue;
		out->count += c;
		v = atomic_load_explicit(&a->sum, RLX);
		if (s->vtype == SHM_F64) {
			double x = ring_value_double(SHM_F64, out->sum) + ring_value_double(SHM_F64, v);
			memcpy(&out->sum, &x, 8);
		} else {
			out->sum += v;
		}
		v = atomic_load_explicit(&a->min, RLX);
		if (!have || less(s->vtype, v, out->min))
			out->min = v;
		v = atomic_load_explicit(&a->max, RLX);
		if (!have || less(s->vtype, out->max, v))
			out->max = v;
		ts = atomic_load_explicit(&a->last_ts, RLX);
		if (!have || ts >= last_ts) {
			last_ts = ts;
			out->last = atomic_load_explicit(&a->last, RLX);
		}
		have = 1;
		if (s->kind == SHM_KIND_HISTOGRAM) {
			_Atomic uint64_t *b = (_Atomic uint64_t *)(lb + r->g.lane_buckets_off) +
					      (uint64_t)s->hist_slot * SHM_BUCKETS;

			for (uint32_t i = 0; i <= s->nbounds; i++)
				out->buckets[i] += atomic_load_explicit(&b[i], RLX);
		}
	}
	return last_ts;
}

int ring_aggregate(const struct ring *r, const struct ring_series *s, struct ring_agg *out)
{
	uint64_t last_ts;
	sigjmp_buf jb;

	memset(out, 0, sizeof(*out));
	if (s->id >= r->g.max_series || (s->kind == SHM_KIND_HISTOGRAM && s->hist_slot >= r->g.max_hist) ||
	    s->nbounds > SHM_MAX_BOUNDS)
		return -EINVAL;
	if (sigsetjmp(jb, 0))
		return -EIO;
	bus_guard_enter(&jb);
	last_ts = agg_lanes(r, s, out);
	bus_guard_leave();
	out->last_ns = out->count ? ring_ns(r, last_ts) : 0;
	return 0;
}

void ring_prefetch_handle(const struct ring *r)
{
	for (size_t o = 0; o < sizeof(*r); o += 64)
		__builtin_prefetch((const char *)r + o);
}

void ring_prefetch(const struct ring *r, const struct ring_cursor *c, uint32_t nseries)
{
	/* Rings with more lanes are few; the first eight are what a walk can cover. */
	uint32_t lanes = r->g.lanes < 8 ? r->g.lanes : 8;

	__builtin_prefetch(&r->h->flags);
	/* The conversion of timestamps (a poll's, ring_aggregate's): its seqlock, then its terms. */
	__builtin_prefetch(&r->h->clock_seq);
	__builtin_prefetch(&r->h->clock_hz);
	for (uint32_t l = 0; l < lanes; l++) {
		const uint8_t *lb = lane_base(r, l);

		__builtin_prefetch(lb);
		/* The slot a poll reads first, if @c is this ring's cursor. */
		if (c && c->lanes == r->g.lanes)
			__builtin_prefetch(lb + r->g.lane_events_off +
					   (c->next[l] & (r->g.capacity - 1)) * sizeof(struct shm_event));
		for (uint32_t id = 0; id < nseries && id < r->g.max_series; id++)
			__builtin_prefetch((const struct shm_agg *)(lb + r->g.lane_aggs_off) + id);
	}
}

int ring_totals(const struct ring *r, struct ring_totals *out)
{
	sigjmp_buf jb;

	memset(out, 0, sizeof(*out));
	if (sigsetjmp(jb, 0))
		return -EIO;
	bus_guard_enter(&jb);
	for (uint32_t l = 0; l < r->g.lanes; l++) {
		struct shm_lane *lh = (struct shm_lane *)lane_base(r, l);

		/* Relaxed: a skip hint, as in agg_lanes. */
		if (!atomic_load_explicit(&lh->used, RLX))
			continue;
		out->lanes_used++;
		/*
		 * acquire: pairs with an owned lane's release store of head, so
		 * aggregates read after this count at least the events written
		 * (ring_emit updates them before head).  On lane 0 head is a
		 * relaxed ticket and nothing pairs.
		 */
		out->written += atomic_load_explicit(&lh->head, ACQ);
		/* Relaxed: a statistic; nothing is read through it. */
		out->dropped += atomic_load_explicit(&lh->dropped, RLX);
	}
	bus_guard_leave();
	return 0;
}

int ring_cursor_init(const struct ring *r, struct ring_cursor *c, int from_now)
{
	sigjmp_buf jb;

	/* One block for the three arrays: a monitor makes a cursor per ring. */
	uint64_t *m = calloc(3 * (size_t)r->g.lanes, sizeof(*m));

	c->lanes = r->g.lanes;
	c->next = m;
	c->stall_head = m ? m + r->g.lanes : NULL;
	c->stall_ns = m ? m + 2 * (size_t)r->g.lanes : NULL;
	c->stall_until = 0;
	if (!m)
		return -ENOMEM;
	if (sigsetjmp(jb, 0)) {
		ring_cursor_free(c);
		return -EIO;
	}
	bus_guard_enter(&jb);
	for (uint32_t l = 0; l < r->g.lanes; l++) {
		struct shm_lane *lh = (struct shm_lane *)lane_base(r, l);
		/*
		 * Relaxed: only a starting position; poll_lane acquires head
		 * again before it reads any slot.
		 */
		uint64_t head = atomic_load_explicit(&lh->head, RLX);

		c->next[l] = from_now ? head : head > r->g.capacity ? head - r->g.capacity : 0;
	}
	bus_guard_leave();
	return 0;
}

void ring_cursor_free(struct ring_cursor *c)
{
	free(c->next);		/* the block of all three */
	c->next = c->stall_head = c->stall_ns = NULL;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t ring_cursor_stalled(const struct ring_cursor *c)
{
	uint64_t now;

	if (!c->stall_until)
		return 0;
	now = mono_ns();
	return c->stall_until > now ? c->stall_until - now : 1;
}

/* Tick-to-ns conversion with the clock read once per poll. */
struct conv {
	uint64_t hz, ref_ticks, ref_ns;
	int identity;
};

static void conv_load(const struct ring *r, struct conv *cv)
{
	cv->identity = r->clock_kind == SHM_CLOCK_REALTIME;
	if (cv->identity)
		return;
	/*
	 * Derive the pair from a conversion: keeps the seqlock in one place.
	 * Relaxed loads outside it: any ref_ticks is just a point, converted
	 * consistently by clock_to_ns(); an hz one refinement older or newer
	 * than that conversion's differs by far less than 1%, and only over
	 * the distance from that point.
	 */
	cv->ref_ticks = atomic_load_explicit(&r->h->clock_ref_ticks, RLX);
	cv->ref_ns = clock_to_ns(r->h, cv->ref_ticks);
	cv->hz = atomic_load_explicit(&r->h->clock_hz, RLX);
}

static uint64_t conv_ns(const struct conv *cv, uint64_t ticks)
{
	return cv->identity ? ticks : clock_convert(ticks, cv->hz, cv->ref_ticks, cv->ref_ns);
}

/*
 * One lane.  Returns events copied; *next advances past every position
 * either copied or counted in *missed.
 */
static size_t poll_lane(const struct ring *r, struct ring_cursor *c, uint32_t l,
			struct ring_event *out, size_t max, uint64_t *missed, const struct conv *cv)
{
	uint8_t *lb = lane_base(r, l);
	struct shm_lane *lh = (struct shm_lane *)lb;
	struct shm_event *ev = (struct shm_event *)(lb + r->g.lane_events_off);
	uint64_t mask = r->g.capacity - 1, cap = r->g.capacity;
	/*
	 * acquire: pairs with an owned lane's release store of head (every
	 * slot below it is committed).  On lane 0 head is a relaxed ticket,
	 * nothing pairs, and the seq acquire below does all the ordering.
	 */
	uint64_t head = atomic_load_explicit(&lh->head, ACQ);
	uint64_t next = c->next[l];
	size_t n = 0;

	if (head > next && head - next > cap) {
		*missed += head - cap - next;
		next = head - cap;
	}
	while (next < head && n < max) {
		struct shm_event *e = &ev[next & mask];
		/* acquire: pairs with the writer's release commit of seq. */
		uint64_t s1 = atomic_load_explicit(&e->seq, ACQ), s2;
		struct ring_event *o = &out[n];

		if (s1 == next + 1) {
			/*
			 * acquire: pairs with the writer's release payload stores;
			 * one that reads a newer lap's value makes that writer's
			 * BUSY visible to the re-check.  On ARM these are what
			 * keeps the re-check below the copy (an acquire load
			 * orders every later access after it), so the re-check
			 * needs no fence; one acquire fence after relaxed loads
			 * would do the same (see ring_event_fill for why not).
			 */
			uint64_t ts = atomic_load_explicit(&e->ts, ACQ);

			o->value = atomic_load_explicit(&e->value, ACQ);
			o->series = atomic_load_explicit(&e->series, ACQ);
			o->tid = atomic_load_explicit(&e->tid, ACQ);
			/* Relaxed: the acquire loads above keep it after the copy. */
			s2 = atomic_load_explicit(&e->seq, RLX);
			if (s2 == s1) {
				o->ns = conv_ns(cv, ts);
				o->lane = l;
				n++;
			} else {
				(*missed)++;
			}
			next++;
			continue;
		}
		if (l != 0 || (s1 != SHM_SEQ_BUSY && s1 > next + 1)) {
			/* Owned lanes commit before head moves: anything else is a lap. */
			(*missed)++;
			next++;
			continue;
		}
		/*
		 * Shared lane, slot not committed yet.  A slot below the head
		 * noted when the current wait began has had its ticket since
		 * then; any other starts a wait of its own.
		 */
		if (!c->stall_ns[l] || next >= c->stall_head[l]) {
			c->stall_head[l] = head;
			c->stall_ns[l] = mono_ns();
		}
		if (mono_ns() - c->stall_ns[l] < STALL_NS) {
			c->stall_until = c->stall_ns[l] + STALL_NS;
			break;
		}
		(*missed)++;
		next++;
	}
	c->next[l] = next;
	return n;
}

long ring_poll(const struct ring *r, struct ring_cursor *c, struct ring_event *out, size_t max,
	       uint64_t *missed)
{
	volatile size_t n = 0;
	struct conv cv;
	sigjmp_buf jb;

	if (c->lanes != r->g.lanes)
		return -EINVAL;
	c->stall_until = 0;
	if (sigsetjmp(jb, 0))
		return -EIO;
	bus_guard_enter(&jb);
	conv_load(r, &cv);
	for (uint32_t l = 0; l < r->g.lanes && n < max; l++) {
		struct shm_lane *lh = (struct shm_lane *)lane_base(r, l);

		/* Relaxed: a skip hint; poll_lane's head acquire orders the rest. */
		if (atomic_load_explicit(&lh->used, RLX))
			n += poll_lane(r, c, l, out + n, max - n, missed, &cv);
	}
	bus_guard_leave();
	return (long)n;
}

uint32_t ring_doorbell(const struct ring *r)
{
	sigjmp_buf jb;
	uint32_t v;

	if (sigsetjmp(jb, 0))
		return 0;
	bus_guard_enter(&jb);
	/*
	 * acquire: pairs with ring_doorbell_ring()'s release increment: after
	 * seeing a new value, a poll sees the event that rang.
	 */
	v = atomic_load_explicit(&r->h->doorbell, ACQ);
	bus_guard_leave();
	return v;
}

int ring_wait(const struct ring *r, uint32_t seen, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };

	/* A shared (not private) futex: the writer wakes it from its own mapping. */
	if (syscall(SYS_futex, &r->h->doorbell, FUTEX_WAIT, seen, &ts, NULL, 0) &&
	    errno != EAGAIN && errno != ETIMEDOUT && errno != EINTR)
		return -errno;
	return 0;
}
