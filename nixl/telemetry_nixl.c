/* SPDX-License-Identifier: MIT */
/*
 * telemetry_nixl - the single consumer for a directory of NIXL telemetry
 * rings: drain each one every interval and republish its events as the
 * shmtel agent "nixl-<name>", so shmtel's tools see NIXL agents.
 *
 * Every interval the NIXL directory is scanned.  A new ring is opened
 * (consuming, under the advisory consumer lock) and gets a shmtel agent; a
 * ring whose file now has another inode was re-created by a restarted
 * agent: what is left in the old mapping is drained, the old shmtel agent
 * is marked gone and closed, and the new file starts a new one.  A ring
 * whose file disappeared is drained, marked gone and closed the same way.
 * Files that are not NIXL rings are skipped quietly (the shmtel directory
 * may be the same directory); NIXL rings that cannot be used are reported
 * once per file.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "common/esc.h"
#include "nixl_pub.h"
#include "nixl_ring.h"
#include "shm/ring_read.h"
#include "common/scan.h"

#define PROG "telemetry_nixl"
#define BATCH 1024
#define DEFAULT_INTERVAL_MS 50

struct opts {
	const char *out_dir, *in_dir;
	long interval_ms;
	int once;
};

/* One file name in the NIXL directory. */
struct track {
	char name[256];
	struct nixl_ring *ring;		/* NULL: not (yet) a usable NIXL ring */
	struct nixl_pub *pub;
	uint64_t dev, ino;		/* of the ring attached */
	uint64_t bad_dev, bad_ino;	/* the file last reported as unusable */
	int bad_err;
	int said_undecodable, said_unpublished;
	unsigned gen;			/* scan that last saw it */
};

static struct track *tracks;
static size_t ntracks, cap_tracks;
static unsigned gen;
static int failures;
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
}

static void attach(struct track *t, const char *path, const struct stat *st, const struct opts *o)
{
	char why[512];
	int ret;

	ret = nixl_open(path, 1, 0, &t->ring, why, sizeof(why));
	if (ret == -ENOTRING || ret == -ENOENT)
		return;		/* not NIXL's (or not yet: a ring being created), or gone */
	if (ret) {
		report(t, path, st->st_dev, st->st_ino, ret, why);
		return;
	}
	ret = nixl_pub_open(o->out_dir, t->name, (uint32_t)o->interval_ms, &t->pub);
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
	/* The file opened, which may already differ from the one stat() saw. */
	nixl_ring_id(t->ring, &t->dev, &t->ino);
	t->bad_err = 0;
	t->said_undecodable = t->said_unpublished = 0;
}

/*
 * Move what the ring holds into the shmtel agent.  At most about one
 * ring's worth per call, so a producer faster than us cannot starve the
 * other rings.  Returns 0, or -errno when the ring became unusable.
 */
static int drain(struct track *t, const char *path)
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

static void drain_or_drop(struct track *t, const char *path)
{
	int ret = drain(t, path);
	char why[128];

	if (!ret)
		return;
	snprintf(why, sizeof(why), "%s; closed",
		 ret == -EIO ? "file shrank underneath" : "positions out of range (corrupt)");
	report(t, path, t->dev, t->ino, ret, why);
	detach(t, 0);
}

static struct track *find_or_add(const char *name)
{
	struct track *t;

	for (size_t i = 0; i < ntracks; i++)
		if (!strcmp(tracks[i].name, name))
			return &tracks[i];
	if (ntracks == cap_tracks) {
		size_t nc = cap_tracks ? cap_tracks * 2 : 16;
		struct track *nt = realloc(tracks, nc * sizeof(*nt));

		if (!nt)
			return NULL;
		tracks = nt;
		cap_tracks = nc;
	}
	t = &tracks[ntracks++];
	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", name);
	return t;
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
		drain_or_drop(t, path);
		detach(t, 1);
	}
	if (!t->ring)
		attach(t, path, &st, o);
	if (t->ring)
		drain_or_drop(t, path);
	return 0;
}

static int cycle(const struct opts *o)
{
	static int said_unreadable;
	char path[4096];
	int n;

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
			drain_or_drop(t, path);
			detach(t, 1);
		}
		tracks[i--] = tracks[--ntracks];
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "dir", required_argument, NULL, 'd' }, { "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, 'o' }, { "help", no_argument, NULL, 'h' }, { 0 },
	};
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->interval_ms = DEFAULT_INTERVAL_MS;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o->out_dir = optarg; break;
		case 'i':
			o->interval_ms = strtol(optarg, &end, 10);
			if (*end || end == optarg || o->interval_ms < 1 || o->interval_ms > 60000) {
				fprintf(stderr, PROG ": invalid value '%s' for --interval\n", optarg);
				return -1;
			}
			break;
		case 'o': o->once = 1; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (!o->out_dir || optind != argc - 1) {
		fprintf(stderr, PROG ": %s\n", !o->out_dir ? "--dir SHMTEL_DIR is required"
							  : "exactly one NIXL_DIR is required");
		usage(stderr);
		return -1;
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

/* Sleep until @next (CLOCK_MONOTONIC) and move it one interval on. */
static void sleep_until(struct timespec *next, long ms)
{
	struct timespec now;

	next->tv_nsec += ms % 1000 * 1000000;
	next->tv_sec += ms / 1000 + next->tv_nsec / 1000000000;
	next->tv_nsec %= 1000000000;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Fell behind by more than an interval: start counting from now. */
	if (now.tv_sec > next->tv_sec + 1 + ms / 1000)
		*next = now;
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, next, NULL);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct timespec next;
	struct opts o;
	int ret = 0;

	if (parse_args(argc, argv, &o))
		return 2;
	if (check_dir(o.out_dir) || check_dir(o.in_dir))
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!stop) {
		ret = cycle(&o);
		if (ret || o.once)
			break;
		sleep_until(&next, o.interval_ms);
	}
	/* Stopping the bridge is not the agents going away: close, not gone. */
	for (size_t i = 0; i < ntracks; i++) {
		if (tracks[i].ring) {
			char path[4096];

			snprintf(path, sizeof(path), "%s/%s", o.in_dir, tracks[i].name);
			drain_or_drop(&tracks[i], path);
			detach(&tracks[i], 0);
		}
	}
	free(tracks);
	if (ret) {
		fprintf(stderr, PROG ": %s\n", strerror(-ret));
		return 1;
	}
	return o.once && failures ? 1 : 0;
}
