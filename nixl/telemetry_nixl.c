/* SPDX-License-Identifier: MIT */
/*
 * telemetry_nixl - the single consumer for a directory of NIXL telemetry
 * rings: drain each one every interval and republish its events as the
 * shmtel agent "nixl-<name>", so shmtel's tools see NIXL agents.
 *
 * The NIXL directory is scanned when inotify says it changed, and every
 * RESCAN_NS in any case (every round without inotify).  A new ring is
 * opened (consuming, under the advisory consumer lock) and gets a shmtel
 * agent; a ring whose file now has another inode was re-created by a
 * restarted agent: what is left in the old mapping is drained, the old
 * shmtel agent is marked gone and closed, and the new file starts a new
 * one.  A ring re-created in place (same inode, fresh header, perhaps
 * another size: nixl_read() says -ESTALE) is the same: a new incarnation.
 * A ring whose file disappeared is drained, marked gone and closed the
 * same way.  Files that are not NIXL rings are skipped quietly (the
 * shmtel directory may be the same directory) and retried with a growing
 * back-off; files the bridge may not even read are one summary line for
 * the directory; NIXL rings that cannot be used are reported once per file.
 *
 * Between scans a round drains the rings it has: for an idle ring whose
 * writer is not known to run that is two loads from the ring's header and
 * one cache line of its track, no system call (the header's version,
 * capacity and mask are checked at each scan, and before any drain).  A ring found more than half full is
 * drained again at once (MAX_EXTRA passes at most, so one busy ring
 * cannot starve the others), and the next round comes as soon as the
 * fastest ring's rate says it would be a quarter full (never sooner than
 * MIN_SLEEP_NS, never later than the interval; back towards the interval
 * by doubling once rings calm down): the writer, not the bridge's pace,
 * decides when it drops.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "common/cli.h"
#include "common/esc.h"
#include "common/hash.h"
#include "nixl_owner.h"
#include "nixl_pub.h"
#include "nixl_ring.h"
#include "shm/clock.h"
#include "shm/ring_read.h"
#include "common/scan.h"

#define PROG "telemetry_nixl"
#define BATCH 1024
#define DEFAULT_INTERVAL_MS 50
/* A full directory scan at least this often, even when inotify says nothing. */
#define RESCAN_NS 2000000000ull
/* Extra passes over a ring found more than half full, per round. */
#define MAX_EXTRA 4
#define MIN_SLEEP_NS 1000000ull
#define MS 1000000ull

struct opts {
	const char *out_dir, *in_dir;
	long interval_ms;
	int once;
};

/*
 * One file name in the NIXL directory.  What an idle round touches comes
 * first, together: ring, hdr, drained_ns, sleep_ns and writer.state.
 */
struct track {
	struct nixl_ring *ring;		/* NULL: not (yet) a usable NIXL ring */
	const struct nixl_hdr *hdr;	/* the ring's, for nixl_quiet() */
	uint64_t drained_ns;		/* CLOCK_MONOTONIC of the last drain */
	uint64_t sleep_ns;		/* how soon this ring wants the next round */
	struct nixl_watch writer;	/* whether the process writing the ring still runs */
	struct nixl_pub *pub;
	uint64_t dev, ino;		/* of the ring attached */
	uint64_t bad_dev, bad_ino;	/* the file last reported as unusable */
	int bad_err;
	int said_undecodable, said_unpublished;
	int unreadable;			/* not even readable: in the summary line, not reported */
	unsigned gen;			/* scan that last saw it */
	uint64_t seen_ino, seen_size;	/* the file as last tried, while not a ring */
	int64_t seen_mtime;
	uint64_t retry_ns, backoff_ns;	/* next attempt to open it, while not a ring */
	char name[256];
};

static struct track *tracks;
static size_t ntracks, cap_tracks;
static unsigned gen;
static int failures;
static int watch_fd = -1, watch_wd = -1;	/* inotify on the NIXL directory */
static uint64_t now_ns;			/* CLOCK_MONOTONIC at the start of the round */
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [--interval MS] [--once] --dir SHMTEL_DIR NIXL_DIR\n"
		"Drain NIXL's telemetry rings in NIXL_DIR and republish them as shmtel agents\n"
		"named nixl-<name> in SHMTEL_DIR, until SIGINT or SIGTERM.\n\n"
		"  --dir SHMTEL_DIR  where the shmtel rings go (required)\n"
		"  --interval MS     drain every MS milliseconds (default %d, 1..60000)\n"
		"  --once            drain every ring once and exit\n"
		"  -h, --help        this help\n\n"
		"Exit status: 0 ok, 1 error (with --once: a NIXL ring could not be used), 2 usage.\n",
		DEFAULT_INTERVAL_MS);
}

/* Say why @t's file cannot be used, once per file and reason. */
static void report(struct track *t, const char *path, uint64_t dev, uint64_t ino, int err,
		   const char *why)
{
	char safe[4096];

	failures++;
	if (t->bad_err == err && t->bad_dev == dev && t->bad_ino == ino)
		return;
	t->bad_err = err;
	t->bad_dev = dev;
	t->bad_ino = ino;
	esc_term(safe, sizeof(safe), path);	/* file names are anyone's */
	fprintf(stderr, PROG ": %s: %s\n", safe, why);
}

static void detach(struct track *t, int gone)
{
	nixl_pub_close(t->pub, gone);
	nixl_close(t->ring);
	t->pub = NULL;
	t->ring = NULL;
	t->hdr = NULL;
}

/*
 * A file the bridge may not open read-write: whether it is a NIXL ring at
 * all is told read-only.  One that is not (another user's file in a shared
 * directory such as /tmp) is skipped without a word, as every file that
 * is not NIXL's; one that cannot even be read is counted for the
 * directory's summary line (cycle()); a NIXL ring that cannot be consumed
 * is reported.
 */
static void not_writable(struct track *t, const char *path, const struct stat *st, int err)
{
	struct nixl_ring *r;
	char why[512];
	int ret;

	ret = nixl_open(path, 0, 0, &r, why, sizeof(why));
	if (!ret) {
		nixl_close(r);
		snprintf(why, sizeof(why), "cannot open for consuming: %s (the bridge moves NIXL's "
			 "read position, which needs write access)", strerror(-err));
		report(t, path, st->st_dev, st->st_ino, err, why);
	} else if (ret == -EACCES || ret == -EPERM) {
		t->unreadable = 1;
	} else if (ret != -ENOTRING && ret != -ENOENT) {
		report(t, path, st->st_dev, st->st_ino, ret, why);
	}
}

static void attach(struct track *t, const char *path, const struct stat *st, const struct opts *o)
{
	char why[512];
	int32_t writer = 0;
	int ret;

	t->unreadable = 0;
	ret = nixl_open(path, 1, 0, &t->ring, why, sizeof(why));
	if (ret == -ENOTRING || ret == -ENOENT)
		return;		/* not NIXL's (or not yet: a ring being created), or gone */
	if (ret == -EACCES || ret == -EPERM || ret == -EROFS) {
		not_writable(t, path, st, ret);
		return;
	}
	if (ret) {
		report(t, path, st->st_dev, st->st_ino, ret, why);
		return;
	}
	/* The file opened, which may already differ from the one stat() saw. */
	nixl_ring_id(t->ring, &t->dev, &t->ino);
	/* Not found (gone before us, or /proc will not say): the bridge's pid, up. */
	if (nixl_watch_start(&t->writer, t->dev, t->ino, st->st_uid, getpid()) == NIXL_UP)
		writer = t->writer.owner.pid;
	ret = nixl_pub_open(o->out_dir, t->name, (uint32_t)o->interval_ms, writer, 0, &t->pub);
	if (ret) {
		char name[4 * sizeof(t->name)];

		esc_term(name, sizeof(name), t->name);
		snprintf(why, sizeof(why), "cannot create shmtel agent " NIXL_PUB_PREFIX "%.200s in %s: %s",
			 name, o->out_dir, strerror(-ret));
		report(t, path, st->st_dev, st->st_ino, ret, why);
		nixl_close(t->ring);
		t->ring = NULL;
		return;
	}
	t->hdr = nixl_ring_hdr(t->ring);
	t->bad_err = 0;
	t->said_undecodable = t->said_unpublished = 0;
}

/* Move one pass, at most about one ring's worth, into the shmtel agent. */
static int drain_pass(struct track *t, const char *path)
{
	static struct nixl_event buf[BATCH];
	uint64_t limit = nixl_ring_geom(t->ring)->capacity, done = 0, missed;
	char safe[4096], name[4 * NIXL_NAME_LEN];
	long n;

	do {
		missed = 0;
		n = nixl_read(t->ring, buf, BATCH, &missed);
		if (n < 0)
			return (int)n;
		for (long i = 0; i < n; i++) {
			int ret = nixl_pub_event(t->pub, &buf[i]);

			if (ret && !t->said_unpublished) {
				t->said_unpublished = 1;
				esc_term(safe, sizeof(safe), path);
				esc_term(name, sizeof(name), buf[i].name);
				fprintf(stderr, PROG ": %s: event '%s' not republished: %s\n", safe, name,
					strerror(-ret));
			}
		}
		if (missed && !t->said_undecodable) {
			t->said_undecodable = 1;
			esc_term(safe, sizeof(safe), path);
			fprintf(stderr, PROG ": %s: skipping events that do not decode\n", safe);
		}
		done += (uint64_t)n + missed;
	} while (n == BATCH && done < limit);
	return 0;
}

/*
 * Back towards the interval, doubling: a writer pausing briefly between
 * bursts finds the bridge still polling at the pace of its last burst.
 */
static uint64_t slower(uint64_t sleep_ns, uint64_t interval_ns)
{
	return sleep_ns && sleep_ns < interval_ns / 2 ? sleep_ns * 2 : interval_ns;
}

/*
 * Drain the ring: a pass, and more while it is still more than half full
 * (MAX_EXTRA at most).  Sets t->sleep_ns from the fill it found: the wait
 * after which, at the rate it filled since the last drain, it would be a
 * quarter full.  Returns 0, or -errno when the ring became unusable
 * (-ESTALE: re-created in place).
 */
static int drain(struct track *t, const char *path, uint64_t interval_ns)
{
	uint64_t cap = nixl_ring_geom(t->ring)->capacity, since = now_ns - t->drained_ns;
	long long pending = nixl_pending(t->ring);
	int ret;

	if (pending < 0)
		return (int)pending;
	if (pending && t->drained_ns && since < interval_ns * 4) {
		/* pending / since is the rate; cap / 4 at that rate takes this long. */
		long double want = (long double)since * (long double)cap / 4 / (long double)pending;

		t->sleep_ns = slower(t->sleep_ns, interval_ns);
		if (want < (long double)t->sleep_ns)
			t->sleep_ns = want < MIN_SLEEP_NS ? MIN_SLEEP_NS : (uint64_t)want;
	} else {
		t->sleep_ns = slower(t->sleep_ns, interval_ns);
	}
	t->drained_ns = now_ns;
	ret = drain_pass(t, path);
	for (int extra = 0; !ret && extra < MAX_EXTRA; extra++) {
		pending = nixl_pending(t->ring);
		if (pending < 0)
			return (int)pending;
		if ((uint64_t)pending <= cap / 2)
			break;
		ret = drain_pass(t, path);
	}
	return ret;
}

static void attach_path(struct track *t, const char *path, const struct opts *o);
/*
 * Drain, and deal with a ring that became unusable.  Re-created in place,
 * it is a new incarnation: the old agent ends gone with its totals and,
 * with @o, a new one starts on the new ring (without @o the caller is
 * letting the ring go anyway).
 */
static void drain_or_drop(struct track *t, const char *path, const struct opts *o)
{
	uint64_t interval_ns = o ? (uint64_t)o->interval_ms * MS : RESCAN_NS;
	int ret = drain(t, path, interval_ns);
	char why[128];

	if (!ret)
		return;
	if (ret == -ESTALE) {
		detach(t, 1);
		if (o)
			attach_path(t, path, o);
		return;
	}
	snprintf(why, sizeof(why), "%s; closed",
		 ret == -EIO ? "file shrank underneath" : "header inconsistent (corrupt)");
	report(t, path, t->dev, t->ino, ret, why);
	detach(t, 0);
}

/*
 * The tracks by name: open addressing over indices into tracks[], at most
 * half full, rebuilt when the table grows or a track is removed (a scan
 * of a thousand rings looks each one up).
 */
static uint32_t *slots;			/* index + 1; 0: empty */
static size_t nslots;

static uint32_t *slot_of(const char *name, size_t len)
{
	size_t i = hash_bytes(name, len) & (nslots - 1);

	while (slots[i] && strcmp(tracks[slots[i] - 1].name, name))
		i = (i + 1) & (nslots - 1);
	return &slots[i];
}

static int reindex(size_t want)
{
	size_t n = nslots ? nslots : 64;
	uint32_t *ns;

	while (n < want * 2)
		n *= 2;
	if (n == nslots) {
		memset(slots, 0, n * sizeof(*slots));	/* after a removal: no allocation */
	} else {
		ns = calloc(n, sizeof(*ns));
		if (!ns)
			return -ENOMEM;
		free(slots);
		slots = ns;
		nslots = n;
	}
	for (size_t i = 0; i < ntracks; i++)
		*slot_of(tracks[i].name, strlen(tracks[i].name)) = (uint32_t)i + 1;
	return 0;
}

static struct track *find_or_add(const char *name)
{
	size_t len = strlen(name);
	struct track *t;
	uint32_t *slot;

	if ((ntracks + 1) * 2 > nslots && reindex(ntracks + 1))
		return NULL;
	slot = slot_of(name, len);
	if (*slot)
		return &tracks[*slot - 1];
	if (ntracks == cap_tracks) {
		size_t nc = cap_tracks ? cap_tracks * 2 : 16;
		struct track *nt = realloc(tracks, nc * sizeof(*nt));

		if (!nt)
			return NULL;
		tracks = nt;
		cap_tracks = nc;
	}
	t = &tracks[ntracks];
	memset(t, 0, sizeof(*t));
	memcpy(t->name, name, len + 1);
	*slot = (uint32_t)++ntracks;
	return t;
}

/*
 * Not a ring yet: try again now only if the file changed, else after a
 * back-off that doubles up to RESCAN_NS (a header filled in through a
 * mapping raises no inotify event).
 */
static int retry_due(struct track *t, const struct stat *st, const struct opts *o)
{
	int64_t mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;

	if (t->seen_ino != (uint64_t)st->st_ino || t->seen_size != (uint64_t)st->st_size ||
	    t->seen_mtime != mtime) {
		t->seen_ino = (uint64_t)st->st_ino;
		t->seen_size = (uint64_t)st->st_size;
		t->seen_mtime = mtime;
		t->backoff_ns = 0;
	} else if (now_ns < t->retry_ns) {
		return 0;
	}
	t->backoff_ns = t->backoff_ns ? t->backoff_ns * 2 : (uint64_t)o->interval_ms * MS;
	if (t->backoff_ns > RESCAN_NS)
		t->backoff_ns = RESCAN_NS;
	t->retry_ns = now_ns + t->backoff_ns;
	return 1;
}

/* Nothing to take: note it. */
static void note_idle(struct track *t, const struct opts *o)
{
	t->sleep_ns = slower(t->sleep_ns, (uint64_t)o->interval_ms * MS);
	t->drained_ns = now_ns;
}

/* The ring holds nothing, its header checked: a few loads, no system call, no path built. */
static int idle(struct track *t, const struct opts *o)
{
	if (nixl_pending(t->ring))
		return 0;	/* events, or an error that the drain looks into */
	note_idle(t, o);
	return 1;
}

/*
 * The round between scans, for a ring with no writer to keep an eye on:
 * one cache line of the track and one of the ring's header.  The header
 * itself is checked by the next scan's idle() (or by the drain, once
 * there are events).
 */
static int quiet(struct track *t, const struct opts *o)
{
	if (t->writer.state == NIXL_UP || !nixl_quiet(t->hdr))
		return 0;
	note_idle(t, o);
	return 1;
}

/*
 * Attach to @path if it is (now) a usable ring, and drain it.  @path and
 * @st may be NULL for a track with a ring: built only if it has events.
 */
static void serve(struct track *t, const char *path, const struct stat *st, const struct opts *o)
{
	char buf[4096];
	int active = 0;

	if (!t->ring && retry_due(t, st, o)) {
		attach(t, path, st, o);
		t->drained_ns = 0;
	}
	if (t->ring && !idle(t, o)) {
		if (!path) {
			snprintf(buf, sizeof(buf), "%s/%s", o->in_dir, t->name);
			path = buf;
		}
		drain_or_drop(t, path, o);
		active = 1;
	}
	/* After the drain: the writer's last events come before its going. */
	if (t->ring)
		nixl_pub_set_gone(t->pub, nixl_watch_poll(&t->writer, active) == NIXL_GONE);
}

/* Attach to the new incarnation of a ring at once; its first drain is the next round's. */
static void attach_path(struct track *t, const char *path, const struct opts *o)
{
	struct stat st;

	t->seen_ino = 0;	/* if it is not ready yet, retry next round */
	t->retry_ns = 0;
	if (stat(path, &st))
		return;		/* went away; the next scan will tell */
	attach(t, path, &st, o);
	t->drained_ns = 0;
	t->sleep_ns = 0;
}

static int visit(const char *path, const char *name, void *arg)
{
	const struct opts *o = arg;
	struct track *t;
	struct stat st;

	if (strlen(name) >= sizeof(t->name))
		return 0;
	t = find_or_add(name);
	if (!t) {
		fprintf(stderr, PROG ": out of memory\n");
		return -ENOMEM;
	}
	t->gen = gen;
	if (stat(path, &st))
		return 0;	/* went away since the scan; the next one will tell */
	if (t->ring && (t->dev != (uint64_t)st.st_dev || t->ino != (uint64_t)st.st_ino)) {
		/* Re-created by a restarted agent: finish the old one first. */
		drain_or_drop(t, path, NULL);
		if (t->ring)
			detach(t, 1);
	}
	serve(t, path, &st, o);
	return 0;
}

/* Watch the NIXL directory, if inotify can (else every round is a scan). */
static void watch_arm(const char *dir)
{
	if (watch_fd < 0)
		watch_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (watch_fd >= 0 && watch_wd < 0)
		watch_wd = inotify_add_watch(watch_fd, dir, IN_CREATE | IN_DELETE | IN_MOVED_FROM |
					     IN_MOVED_TO | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE |
					     IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR);
}

/* Did anything happen in the directory since the last call?  One read(). */
static int watch_says_changed(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int changed = 0;
	ssize_t n;

	if (watch_fd < 0 || watch_wd < 0)
		return 1;
	while ((n = read(watch_fd, buf, sizeof(buf))) > 0) {
		changed = 1;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(void *)p;

			/* The directory itself went: watch it again (or not) at the scan. */
			if (ev->mask & IN_IGNORED)
				watch_wd = -1;
			p += sizeof(*ev) + ev->len;
		}
	}
	return changed;
}

/* A round without a scan: drain the rings there are, retry the files that are not yet. */
static void quick_round(const struct opts *o)
{
	char path[4096];
	struct stat st;

	for (size_t i = 0; i < ntracks; i++) {
		struct track *t = &tracks[i];

		if (t->ring) {
			if (!quiet(t, o))
				serve(t, NULL, NULL, o);
		} else if (now_ns >= t->retry_ns) {
			snprintf(path, sizeof(path), "%s/%s", o->in_dir, t->name);
			if (!stat(path, &st))
				serve(t, path, &st, o);
		}
	}
}

/* How long until the next round: the soonest any ring asked for. */
static uint64_t next_sleep(const struct opts *o)
{
	uint64_t ns = (uint64_t)o->interval_ms * MS;

	for (size_t i = 0; i < ntracks; i++)
		if (tracks[i].ring && tracks[i].sleep_ns && tracks[i].sleep_ns < ns)
			ns = tracks[i].sleep_ns;
	return ns;
}

/*
 * The files the bridge may not even read (another user's, in a directory
 * such as /tmp), in one line for the directory rather than one each; said
 * again only when there are more than it last said.
 */
static void unreadable_summary(const char *dir)
{
	static size_t said;
	size_t n = 0;

	for (size_t i = 0; i < ntracks; i++)
		n += !tracks[i].ring && tracks[i].unreadable;
	if (n > said) {
		fprintf(stderr, PROG ": %s: %zu file%s not readable by this user, skipped (not bridged, "
			"if NIXL rings)\n", dir, n, n == 1 ? "" : "s");
		said = n;
	}
}

static int cycle(const struct opts *o)
{
	static int said_unreadable;
	static uint64_t scanned_ns;
	char path[4096];
	int n, removed = 0;

	now_ns = clock_ns(CLOCK_MONOTONIC);
	if (!watch_says_changed() && scanned_ns && now_ns - scanned_ns < RESCAN_NS) {
		quick_round(o);
		return 0;
	}
	scanned_ns = now_ns;
	watch_arm(o->in_dir);
	gen++;
	n = scan_dir(o->in_dir, visit, (void *)o);
	if (n == -ENOMEM)
		return n;
	if (n < 0) {
		if (!said_unreadable)
			fprintf(stderr, PROG ": %s: %s\n", o->in_dir, strerror(-n));
		said_unreadable = 1;
		failures++;
		return 0;
	}
	said_unreadable = 0;
	for (size_t i = 0; i < ntracks; i++) {
		struct track *t = &tracks[i];

		if (t->gen == gen)
			continue;
		/* Its file is gone: what is still mapped is the agent's last word. */
		if (t->ring) {
			snprintf(path, sizeof(path), "%s/%s", o->in_dir, t->name);
			drain_or_drop(t, path, NULL);
			if (t->ring)
				detach(t, 1);
		}
		tracks[i--] = tracks[--ntracks];
		removed = 1;
	}
	if (removed)
		reindex(ntracks);	/* into the table it has: cannot fail */
	unreadable_summary(o->in_dir);
	return 0;
}

static int bad_value(const char *opt, const char *arg, const char *allowed)
{
	return cli_bad_value(PROG, opt, arg, allowed);
}

/* The command line into @o: 0, or the exit status of a usage error. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "dir", required_argument, NULL, 'd' }, { "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, 'o' }, { "help", no_argument, NULL, 'h' }, { 0 },
	};
	char *end, safe[1024];
	int c;

	memset(o, 0, sizeof(*o));
	o->interval_ms = DEFAULT_INTERVAL_MS;
	opterr = 0;	/* cli_getopt_error() says it, in the one style */
	while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o->out_dir = optarg; break;
		case 'i':
			errno = 0;
			o->interval_ms = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || o->interval_ms < 1 || o->interval_ms > 60000)
				return bad_value("--interval", optarg, "1..60000 ms");
			break;
		case 'o': o->once = 1; break;
		case 'h': usage(stdout); exit(0);
		default: return cli_getopt_error(PROG, c, argv);	/* '?' or ':' */
		}
	}
	if (!o->out_dir)
		return cli_usage_error(PROG, "--dir SHMTEL_DIR is required");
	if (optind == argc)
		return cli_usage_error(PROG, "NIXL_DIR is required");
	if (optind < argc - 1) {
		esc_term(safe, sizeof(safe), argv[optind + 1]);
		return cli_usage_error(PROG, "unexpected argument '%s': one NIXL_DIR only", safe);
	}
	o->in_dir = argv[optind];
	return 0;
}

static int check_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st)) {
		fprintf(stderr, PROG ": %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, PROG ": %s: %s\n", dir, strerror(ENOTDIR));
		return -1;
	}
	return 0;
}

/* Sleep until @next (CLOCK_MONOTONIC) moved @ns on. */
static void sleep_until(struct timespec *next, uint64_t ns)
{
	struct timespec now;

	next->tv_nsec += (long)(ns % 1000000000u);
	next->tv_sec += (time_t)(ns / 1000000000u) + next->tv_nsec / 1000000000;
	next->tv_nsec %= 1000000000;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Fell behind by more than a second and the wait: start counting from now. */
	if (now.tv_sec > next->tv_sec + 1 + (time_t)(ns / 1000000000u))
		*next = now;
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, next, NULL);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct timespec next;
	char why[512];
	struct opts o;
	int ret = 0;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	if (check_dir(o.out_dir) || check_dir(o.in_dir))
		return 1;
	if (nixl_pub_init(why, sizeof(why))) {
		fprintf(stderr, PROG ": %s\n", why);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!stop) {
		ret = cycle(&o);
		if (ret || o.once)
			break;
		sleep_until(&next, next_sleep(&o));
	}
	/* Stopping the bridge is not the agents going away: close, not gone. */
	for (size_t i = 0; i < ntracks; i++) {
		if (tracks[i].ring) {
			char path[4096];

			snprintf(path, sizeof(path), "%s/%s", o.in_dir, tracks[i].name);
			drain_or_drop(&tracks[i], path, NULL);
			if (tracks[i].ring)
				detach(&tracks[i], 0);
		}
	}
	free(tracks);
	free(slots);
	if (watch_fd >= 0)
		close(watch_fd);
	if (ret) {
		fprintf(stderr, PROG ": %s\n", strerror(-ret));
		return 1;
	}
	return o.once && failures ? 1 : 0;
}
