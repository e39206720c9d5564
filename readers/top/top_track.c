/* SPDX-License-Identifier: MIT */
/*
 * top_track.c - follow the ring files of a directory (see top_track.h).
 *
 * RCU flavour: urcu-memb.  Both threads that read the table are ours and
 * long-lived, so registering them costs nothing, and memb's read side is
 * the cheapest of the flavours that allow a reader to block (the main
 * thread makes syscalls while it walks).  urcu-bp, which libshmtel uses,
 * exists for code that cannot register its threads; that is not us.
 *
 * The watcher is the only writer.  It looks a file up, and if the file on
 * disk is not the one the entry describes (another inode, shrunk, or a
 * failed open whose file has changed since), opens it afresh and swaps
 * the new entry in with cds_lfht_replace.  Entries taken out are freed by
 * the watcher after synchronize_rcu(), once per batch of changes: the
 * watcher may wait for the main thread to finish one walk, the main
 * thread never waits for the watcher.  Neither call_rcu nor an
 * auto-resizing table: both run liburcu worker threads whose hand-offs
 * ThreadSanitizer cannot see (libshmtel's table is fixed-size for the
 * same reason), so the table has a fixed number of buckets, plenty for
 * the thousands of rings a directory may hold.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#define RCU_MEMBARRIER		/* the memb flavour, under the plain rcu_* names */
#include <urcu.h>
#include <urcu/rculfhash.h>
#include "nixl/nixl_ring.h"
#include "common/scan.h"
#include "shm/clock.h"
#include "top_track.h"

#define BUCKETS 4096
/* Descriptors left for everything but rings: the terminal, sysfs, pipes. */
#define FD_RESERVE 64

#define WATCH_MASK (IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE | \
		    IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | \
		    IN_EXCL_UNLINK)

struct entry {
	struct top_ring pub;
	struct cds_lfht_node node;
	struct entry *next_dead;	/* watcher: taken out, to free after a grace period */
	unsigned long hash;
	/* The file this entry was made from, to notice that it changed. */
	struct stat id;
	uint64_t ring_size;		/* 0 if not a ring */
	int transient;			/* the open failed for want of resources: retry */
	_Atomic int published;
	unsigned long seen;		/* watcher: rescan generation */
};

struct top_track {
	char dir[4096];
	struct cds_lfht *ht;
	struct entry *dead;		/* watcher: taken out of ht, not yet freed */
	pthread_t thread;
	int started;
	int ino_fd, wd;
	int stop[2];			/* pipe: the main thread asks the watcher to stop */
	double rescan_s;
	int keep_below;			/* ring descriptors numbered below this are kept */
	/* Watcher: may this rescan take a listed inode number for the file?  See look(). */
	int trust_ino, lost;
	dev_t dir_dev;
	unsigned long gen;
	_Atomic int dir_errno;
	_Atomic unsigned long changes;	/* bumped by the watcher at every change to ht */
	/*
	 * The main thread's: the published entries as of @list_changes, so a
	 * refresh walks an array instead of the table's list (a pointer chase
	 * through every bucket).
	 */
	struct entry **list;
	size_t nlist, caplist;
	unsigned long list_changes;
	int list_ok;
	int exiting;			/* top_track_quit(): leave the mappings to the exit */
};

/*
 * liburcu is not built with ThreadSanitizer, which therefore cannot see
 * that a grace period orders the main thread's last look at an entry
 * before the free.  Each walk ends with a release here and the frees start
 * with an acquire, which restates that order where TSan can see it (and is
 * one uncontended atomic per refresh).
 */
static _Atomic unsigned long handoff;

static unsigned long hash_name(const char *s)
{
	unsigned long h = 1469598103934665603ul;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ul;
	return h;
}

static int match(struct cds_lfht_node *node, const void *key)
{
	return !strcmp(caa_container_of(node, struct entry, node)->pub.name, key);
}

/*
 * The entry under @it, or NULL at the end.  (cds_lfht_for_each_entry
 * would do pointer arithmetic on the final NULL, which UBSan rejects.)
 */
static struct entry *entry_at(struct cds_lfht_iter *it)
{
	struct cds_lfht_node *n = cds_lfht_iter_get_node(it);

	return n ? caa_container_of(n, struct entry, node) : NULL;
}

static void free_entry(struct top_track *t, struct entry *e)
{
	top_hist_free(&e->pub.hist);
	top_sample_free(&e->pub.st);
	if (t->exiting)
		ring_forget(e->pub.r);
	else
		ring_close(e->pub.r);
	free(e);
}

/*
 * The table changed: the main thread's list of entries is out of date.
 * release: pairs with the acquire in top_track_each(), so a walk that
 * sees the new count sees the change in the table too.  Always before the
 * grace period that frees what was taken out (reclaim()), which is what
 * makes an unchanged count vouch for every entry on the list.
 */
static void changed(struct top_track *t)
{
	atomic_fetch_add_explicit(&t->changes, 1, memory_order_release);
}

/* Take @e out of the table; the caller holds the read lock.  Freed by reclaim(). */
static void retire(struct top_track *t, struct entry *e)
{
	cds_lfht_del(t->ht, &e->node);
	changed(t);
	e->next_dead = t->dead;
	t->dead = e;
}

/* Free what was taken out, once no walk can still see it; outside the read lock. */
static void reclaim(struct top_track *t)
{
	struct entry *e;

	if (!t->dead)
		return;
	synchronize_rcu();
	atomic_load_explicit(&handoff, memory_order_acquire);
	while ((e = t->dead)) {
		t->dead = e->next_dead;
		free_entry(t, e);
	}
}

/*
 * NIXL's own rings may share the directory (telemetry_nixl bridges them):
 * is the file at @path, still the one @id describes, one?  1 or 0, or
 * -errno if it could not be opened.  Asked only of files that are no
 * shmtel ring, which are few.
 */
static int is_nixl(const char *path, const struct stat *id)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	char hdr[NIXL_HDR_SIZE];
	struct nixl_geom g;
	struct stat st;
	ssize_t n = -1;

	if (fd < 0)
		return -errno;
	if (!fstat(fd, &st) && st.st_dev == id->st_dev && st.st_ino == id->st_ino)
		n = pread(fd, hdr, sizeof(hdr), 0);
	close(fd);
	return n > 0 && !nixl_check(hdr, (size_t)n, (uint64_t)st.st_size, &g, NULL, 0);
}

/*
 * Open @name as a new entry: a ring, a file that could not be opened as
 * one (with the reason), or a file that is no ring at all (e->pub.other).
 * NULL if it is not a candidate at all (gone, a symlink, not a regular
 * file) or memory ran out.
 */
static struct entry *open_entry(struct top_track *t, const char *name)
{
	char path[sizeof(t->dir) + TOP_FILE_MAX + 2];
	struct entry *e;
	int fd, err, ret;

	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	snprintf(e->pub.name, sizeof(e->pub.name), "%s", name);
	e->hash = hash_name(name);
	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	/* O_NOFOLLOW: a symlink swapped in after the scan must not lead elsewhere. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	err = errno;
	if (fd >= 0 ? fstat(fd, &e->id) : lstat(path, &e->id))
		goto err_close;
	if (!S_ISREG(e->id.st_mode))
		goto err_close;
	if (fd < 0) {
		ret = -err;
		snprintf(e->pub.why, sizeof(e->pub.why), "%s", strerror(err));
	} else {
		/*
		 * ring_open_named owns fd from here on.  It keeps it while the
		 * open-file limit has room (the liveness query is then one system
		 * call, not four) and closes it once mapped beyond that: a
		 * followed ring needs no descriptor, so a directory of thousands
		 * fits any limit.  Descriptors are handed out lowest first, so
		 * fd's number is how many are open.
		 */
		ret = ring_open_named(fd, path, fd < t->keep_below, &e->id, &e->pub.r, e->pub.why,
				      sizeof(e->pub.why));
		if (ret == -ENOTRING) {
			int k = is_nixl(path, &e->id);

			/* Out of descriptors for the look: as transient as a failed open. */
			if (k == -EMFILE || k == -ENFILE) {
				ret = k;
				snprintf(e->pub.why, sizeof(e->pub.why), "%s", strerror(-k));
			}
			e->pub.nixl = k > 0;
		}
		/* Neither kind of ring (a log, notes, an empty file): nothing to list. */
		e->pub.other = ret == -ENOTRING && !e->pub.nixl;
	}
	e->transient = ret == -EMFILE || ret == -ENFILE || ret == -ENOMEM;
	e->ring_size = ret ? 0 : ring_meta(e->pub.r)->file_size;
	return e;

err_close:
	if (fd >= 0)
		close(fd);
	free(e);
	return NULL;
}

/* Is @st still the file @e was made from? */
static int same_file(const struct entry *e, const struct stat *st)
{
	if (st->st_dev != e->id.st_dev || st->st_ino != e->id.st_ino)
		return 0;
	if (e->pub.r)
		return (uint64_t)st->st_size >= e->ring_size;
	return !e->transient && st->st_size == e->id.st_size && st->st_mode == e->id.st_mode &&
	       st->st_mtim.tv_sec == e->id.st_mtim.tv_sec &&
	       st->st_mtim.tv_nsec == e->id.st_mtim.tv_nsec &&
	       st->st_ctim.tv_sec == e->id.st_ctim.tv_sec &&
	       st->st_ctim.tv_nsec == e->id.st_ctim.tv_nsec;
}

/*
 * Bring the entry for @name in step with the file; the caller holds the
 * read lock.  @ino: the inode number a directory listing gave for @name,
 * which it listed as a regular file, or 0.  A rescan sees every file every few seconds; while inotify has
 * reported every change since the last rescan (no overflow, the watch
 * never lost), a ring whose name still lists its inode on the directory's
 * file system is taken as unchanged without a stat: a file that shrank in
 * place was an IN_MODIFY, looked at then.
 */
static void look(struct top_track *t, const char *name, unsigned long ino)
{
	char path[sizeof(t->dir) + TOP_FILE_MAX + 2];
	struct cds_lfht_iter it;
	struct entry *old, *e;
	struct stat st;

	if (name[0] == '.' || strlen(name) >= TOP_FILE_MAX)
		return;		/* writers' temporaries; names we could not key */
	cds_lfht_lookup(t->ht, hash_name(name), match, name, &it);
	old = entry_at(&it);
	if (old && ino && old->pub.r && t->trust_ino && old->id.st_ino == ino &&
	    old->id.st_dev == t->dir_dev) {
		old->seen = t->gen;
		return;
	}
	/*
	 * A name new to the table that the listing gave as a regular file is
	 * opened without a look first: open_entry() checks what it opened,
	 * and a look would be as old by then as the listing.
	 */
	if (old || !ino) {
		snprintf(path, sizeof(path), "%s/%s", t->dir, name);
		if (lstat(path, &st) || !S_ISREG(st.st_mode)) {
			if (old)
				retire(t, old);
			return;
		}
	}
	if (old) {
		old->seen = t->gen;
		if (same_file(old, &st))
			return;
	}
	e = open_entry(t, name);
	if (!e)
		return;
	e->seen = t->gen;
	/* release: the entry is complete before the main thread can find it. */
	atomic_store_explicit(&e->published, 1, memory_order_release);
	if (old && !cds_lfht_replace(t->ht, &it, e->hash, match, name, &e->node)) {
		changed(t);
		old->next_dead = t->dead;
		t->dead = old;
		return;
	}
	cds_lfht_add(t->ht, e->hash, &e->node);
	changed(t);
}

static int scan_one(const char *name, unsigned long ino, void *arg)
{
	look(arg, name, ino);
	return 0;
}

static void add_watch(struct top_track *t)
{
	if (t->ino_fd >= 0 && t->wd < 0)
		t->wd = inotify_add_watch(t->ino_fd, t->dir, WATCH_MASK);
}

/* Look at every file, and drop entries whose file is no longer there. */
static int rescan(struct top_track *t)
{
	struct cds_lfht_iter it;
	int n, watching = t->wd >= 0;
	struct entry *e;
	struct stat dir;

	add_watch(t);		/* again, in case the directory came back */
	/* See look(): a rescan after lost events, or without a watch before it, stats every file. */
	t->trust_ino = watching && !t->lost && !stat(t->dir, &dir);
	t->dir_dev = t->trust_ino ? dir.st_dev : 0;
	t->lost = 0;
	t->gen++;
	rcu_read_lock();
	n = scan_names(t->dir, scan_one, t);
	for (cds_lfht_first(t->ht, &it); (e = entry_at(&it)); cds_lfht_next(t->ht, &it))
		if (e->seen != t->gen)
			retire(t, e);
	rcu_read_unlock();
	reclaim(t);
	atomic_store_explicit(&t->dir_errno, n < 0 ? -n : 0, memory_order_relaxed);
	return n < 0 ? n : 0;
}

/* Handle what inotify reported; 1 if a full rescan is needed. */
static int drain(struct top_track *t)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int need_rescan = 0;
	ssize_t n;

	while ((n = read(t->ino_fd, buf, sizeof(buf))) > 0) {
		rcu_read_lock();
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;

			if (ev->mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
				if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF))
					t->wd = -1;
				t->lost = 1;
				need_rescan = 1;
			} else if (ev->len && ev->name[0]) {
				look(t, ev->name, 0);
			}
			p += sizeof(*ev) + ev->len;
		}
		rcu_read_unlock();
		reclaim(t);
	}
	return need_rescan;
}

/* Rescan periods are set in seconds and poll() waits in ms. */
static uint64_t mono_ms(void)
{
	return clock_ns(CLOCK_MONOTONIC) / 1000000u;
}

static void *watch(void *arg)
{
	struct top_track *t = arg;
	uint64_t next;

	rcu_register_thread();
	next = mono_ms() + (uint64_t)(t->rescan_s * 1000);
	for (;;) {
		struct pollfd p[2] = { { t->stop[0], POLLIN, 0 }, { t->ino_fd, POLLIN, 0 } };
		uint64_t now = mono_ms();
		/* Without inotify the rescan is all we have: do it every second at least. */
		double period = t->wd >= 0 ? t->rescan_s : t->rescan_s < 1 ? t->rescan_s : 1;
		int wait = next > now ? (int)(next - now) : 0, rescan_now = 0;

		if (poll(p, t->ino_fd >= 0 ? 2 : 1, wait) < 0 && errno != EINTR)
			break;
		if (p[0].revents)
			break;
		if (p[1].revents & POLLIN)
			rescan_now = drain(t);
		if (rescan_now || mono_ms() >= next) {
			rescan(t);
			next = mono_ms() + (uint64_t)(period * 1000);
		}
	}
	rcu_unregister_thread();
	return NULL;
}

/*
 * Raise the soft open-file limit to the hard one (nothing here uses
 * select(), which cannot take descriptors past 1,024) and say below which
 * number a ring's descriptor may be kept.
 */
static int fd_room(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return 0;
	if (rl.rlim_cur < rl.rlim_max) {
		struct rlimit up = { rl.rlim_max, rl.rlim_max };

		if (!setrlimit(RLIMIT_NOFILE, &up))
			rl = up;
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > INT_MAX)
		return INT_MAX;
	return rl.rlim_cur > FD_RESERVE ? (int)(rl.rlim_cur - FD_RESERVE) : 0;
}

int top_track_start(const char *dir, double rescan_s, struct top_track **out)
{
	struct top_track *t = calloc(1, sizeof(*t));
	sigset_t all, old;
	int ret;

	if (!t)
		return -ENOMEM;
	snprintf(t->dir, sizeof(t->dir), "%s", dir);
	t->rescan_s = rescan_s;
	t->keep_below = fd_room();
	t->wd = -1;
	t->stop[0] = t->stop[1] = -1;
	rcu_register_thread();
	t->ht = cds_lfht_new(BUCKETS, BUCKETS, BUCKETS, 0, NULL);
	if (!t->ht) {
		ret = -ENOMEM;
		goto err_unregister;
	}
	/* Watch before the first scan, so nothing created in between is missed. */
	t->ino_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	ret = rescan(t);
	if (ret)
		goto err_destroy;
	if (pipe2(t->stop, O_CLOEXEC)) {
		ret = -errno;
		goto err_destroy;
	}
	/*
	 * The watcher takes no signals: they belong to the terminal loop on the
	 * main thread (whose flags they set), so it starts with all blocked.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	ret = -pthread_create(&t->thread, NULL, watch, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ret)
		goto err_destroy;
	t->started = 1;
	*out = t;
	return 0;

err_destroy:
	top_track_stop(t);
	return ret;
err_unregister:
	rcu_unregister_thread();
	free(t);
	return ret;
}

/* @exiting: see top_track_quit(). */
static void stop(struct top_track *t, int exiting)
{
	struct cds_lfht_iter it;
	struct entry *e;

	if (!t)
		return;
	if (t->started) {
		ssize_t n = write(t->stop[1], "x", 1);

		(void)n;
		pthread_join(t->thread, NULL);
	}
	/* Only now: the watcher reads it when it frees entries (free_entry). */
	t->exiting = exiting;
	rcu_read_lock();
	for (cds_lfht_first(t->ht, &it); (e = entry_at(&it)); cds_lfht_next(t->ht, &it))
		retire(t, e);
	rcu_read_unlock();
	reclaim(t);
	cds_lfht_destroy(t->ht, NULL);
	if (t->ino_fd >= 0)
		close(t->ino_fd);
	if (t->stop[0] >= 0) {
		close(t->stop[0]);
		close(t->stop[1]);
	}
	rcu_unregister_thread();
	free(t->list);
	free(t);
}

void top_track_stop(struct top_track *t)
{
	stop(t, 0);
}

void top_track_quit(struct top_track *t)
{
	stop(t, 1);
}

/*
 * Make t->list the table's published entries again; the caller holds the
 * read lock.  0, or -ENOMEM (the list is then not to be used).
 */
static int relist(struct top_track *t, unsigned long changes)
{
	struct cds_lfht_iter it;
	struct entry *e;

	t->nlist = 0;
	t->list_ok = 0;
	for (cds_lfht_first(t->ht, &it); (e = entry_at(&it)); cds_lfht_next(t->ht, &it)) {
		/* acquire: pairs with the watcher's release when it published the entry. */
		if (!atomic_load_explicit(&e->published, memory_order_acquire))
			continue;
		if (t->nlist == t->caplist) {
			size_t cap = t->caplist ? 2 * t->caplist : 256;
			struct entry **n = realloc(t->list, cap * sizeof(*n));

			if (!n)
				return -ENOMEM;
			t->list = n;
			t->caplist = cap;
		}
		t->list[t->nlist++] = e;
	}
	t->list_changes = changes;
	t->list_ok = 1;
	return 0;
}

/*
 * Why the list is safe to walk: it is only used inside a read-side section
 * in which the change count still reads as when the list was made.  An
 * entry taken out before that section began bumped the count before the
 * grace period that frees it, and a section that begins after a grace
 * period began sees every store made before it: the count read is then
 * the new one, and the list is made afresh.  An entry taken out after the
 * section began is freed only once the section has ended.
 */
void top_track_each(struct top_track *t, void (*fn)(struct top_ring *e, void *arg), void *arg)
{
	struct cds_lfht_iter it;
	struct entry *e;
	unsigned long changes;

	rcu_read_lock();
	/* acquire: pairs with changed(). */
	changes = atomic_load_explicit(&t->changes, memory_order_acquire);
	if ((t->list_ok && t->list_changes == changes) || !relist(t, changes)) {
		struct entry **l = t->list;
		size_t n = t->nlist;

		/*
		 * Each ring's lane heads were last written on another core, and
		 * its entry, ring, series states and mapping sit apart: a walk
		 * that waits for each miss in turn spends most of its time
		 * waiting.  So the entry three ahead, the ring two ahead, and
		 * the lane heads and series of the next are asked for before
		 * this one is looked at; each stage reads only what the one
		 * before fetched.
		 */
		for (size_t i = 0; i < n; i++) {
			if (i + 3 < n) {
				const char *p = (const char *)&l[i + 3]->pub;

				/* Up to the history's header, and the name the snapshot copies. */
				for (size_t o = 0; o < offsetof(struct top_ring, name); o += 64)
					__builtin_prefetch(p + o);
				__builtin_prefetch(p + offsetof(struct top_ring, name));
			}
			if (i + 2 < n && l[i + 2]->pub.r)
				top_sample_prefetch(l[i + 2]->pub.r, &l[i + 2]->pub.st, 2);
			if (i + 1 < n && l[i + 1]->pub.r)
				top_sample_prefetch(l[i + 1]->pub.r, &l[i + 1]->pub.st, 1);
			fn(&l[i]->pub, arg);
		}
	} else {
		/* Out of memory for the list: the table itself will do. */
		for (cds_lfht_first(t->ht, &it); (e = entry_at(&it)); cds_lfht_next(t->ht, &it))
			if (atomic_load_explicit(&e->published, memory_order_acquire))
				fn(&e->pub, arg);
	}
	/* release: see handoff. */
	atomic_fetch_add_explicit(&handoff, 1, memory_order_release);
	rcu_read_unlock();
}

int top_track_find(struct top_track *t, const char *name, void (*fn)(struct top_ring *e, void *arg),
		   void *arg)
{
	struct cds_lfht_iter it;
	struct entry *e;

	rcu_read_lock();
	cds_lfht_lookup(t->ht, hash_name(name), match, name, &it);
	e = entry_at(&it);
	/* acquire: as in top_track_each. */
	if (e && !atomic_load_explicit(&e->published, memory_order_acquire))
		e = NULL;
	if (e)
		fn(&e->pub, arg);
	/* release: see handoff. */
	atomic_fetch_add_explicit(&handoff, 1, memory_order_release);
	rcu_read_unlock();
	return e ? 0 : -ENOENT;
}

const char *top_track_dir_error(struct top_track *t)
{
	int err = atomic_load_explicit(&t->dir_errno, memory_order_relaxed);

	return err ? strerror(err) : NULL;
}
