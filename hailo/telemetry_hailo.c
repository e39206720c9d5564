/* SPDX-License-Identifier: MIT */
/*
 * telemetry_hailo - turn HailoRT's scheduler-monitor files into shmtel
 * rings, so the shmtel readers show Hailo devices next to everything else.
 *
 * The loop: inotify tells about files as HailoRT writes them; a full
 * rescan every interval catches what inotify cannot (lost events, files
 * that merely aged) and judges staleness and liveness.  A directory that
 * does not exist yet is looked for every second, so a long interval does
 * not delay the first dumps of a HailoRT that creates it.  While
 * following, signals are blocked except inside ppoll(), so a SIGHUP or
 * SIGTERM is seen at once and never between a check and the wait.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "bridge.h"
#include "hmon_env.h"
#include "hwatch.h"
#include "common/cli.h"
#include "common/esc.h"
#include "common/scan.h"
#include "shm/clock.h"

#define PROG BRIDGE_PROG
#define DEF_HMON_DIR "/tmp/hmon_files"

static volatile sig_atomic_t stop, hup;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		hup = 1;
	else
		stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [OPTIONS]\n"
		"Write the HailoRT scheduler monitor (HAILO_MONITOR=1) of every Hailo process\n"
		"into a shmtel ring named hailo-<pid>.\n\n"
		"  --hmon-dir DIR   HailoRT's monitor directory (default " DEF_HMON_DIR ")\n"
		"  --dir DIR        telemetry directory for the rings (default $NIXL_TELEMETRY_DIR)\n"
		"  --interval MS    rescan period, and the HAILO_MONITOR_TIME_INTERVAL of processes\n"
		"                   whose environment sets none (default 1000).  Each process is\n"
		"                   stale after max(3 x its own interval, 3000 ms) without a dump\n"
		"  --retention SECS keep the ring of a process that exited (crashed) this long\n"
		"                   after its last dump, then remove it (default 3600)\n"
		"  --once           one pass, then close the rings and exit\n"
		"  -v, --verbose    describe every change on stderr\n"
		"  -h, --help       this help\n\n"
		"SIGHUP rescans at once; SIGTERM and SIGINT close the rings and exit.\n"
		"Exit status: 0 ok, 1 error (also: a ring that could not be created), 2 usage.\n");
}

struct opts {
	struct bridge_cfg cfg;
	int once;
};

/* A value the option does not take: what it was (escaped: it may come from a script) and the range. */
static int bad_value(const char *opt, const char *arg, unsigned long min, unsigned long max,
		     const char *unit)
{
	char safe[1024];

	esc_term(safe, sizeof(safe), arg);
	return cli_usage_error(PROG, "invalid value '%s' for %s (allowed: %lu..%lu %s)", safe, opt,
			       min, max, unit);
}

/* A decimal in [@min, @max] into *@v: 0, or -1. */
static int parse_range(const char *s, long min, long max, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(s, &end, 10);
	return errno || *end || end == s || *v < min || *v > max ? -1 : 0;
}

/* A year at most: longer is "forever", and it must fit in ns. */
#define MAX_RETENTION_S 31536000

/* The command line into @o: 0, or the exit status of a usage error. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "hmon-dir", required_argument, NULL, 'H' }, { "dir", required_argument, NULL, 'd' },
		{ "interval", required_argument, NULL, 'i' }, { "once", no_argument, NULL, 'o' },
		{ "retention", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' }, { "help", no_argument, NULL, 'h' }, { 0 },
	};
	char safe[1024];
	long v;
	int c;

	memset(o, 0, sizeof(*o));
	o->cfg.hmon_dir = DEF_HMON_DIR;
	o->cfg.dir = scan_default_dir();
	o->cfg.interval_ms = 1000;
	o->cfg.retention_s = 3600;
	opterr = 0;	/* cli_getopt_error() says it, in the one style */
	while ((c = getopt_long(argc, argv, ":vh", lo, NULL)) != -1) {
		switch (c) {
		case 'H': o->cfg.hmon_dir = optarg; break;
		case 'd': o->cfg.dir = optarg; break;
		case 'i':
			if (parse_range(optarg, HMON_INTERVAL_MIN, HMON_INTERVAL_MAX, &v))
				return bad_value("--interval", optarg, HMON_INTERVAL_MIN,
						 HMON_INTERVAL_MAX, "ms");
			o->cfg.interval_ms = (uint32_t)v;
			break;
		case 'r':
			if (parse_range(optarg, 0, MAX_RETENTION_S, &v))
				return bad_value("--retention", optarg, 0, MAX_RETENTION_S, "seconds");
			o->cfg.retention_s = (uint32_t)v;
			break;
		case 'o': o->once = 1; break;
		case 'v': o->cfg.verbose = 1; break;
		case 'h': usage(stdout); exit(0);
		default: return cli_getopt_error(PROG, c, argv);	/* '?' or ':' */
		}
	}
	if (optind < argc) {
		esc_term(safe, sizeof(safe), argv[optind]);
		return cli_usage_error(PROG, "unexpected argument '%s'", safe);
	}
	if (!o->cfg.dir)
		return cli_usage_error(PROG, "no telemetry directory: give --dir or set "
				       "NIXL_TELEMETRY_DIR");
	return 0;
}

/* The interval and ppoll() count in ms. */
static uint64_t mono_ms(void)
{
	return clock_ns(CLOCK_MONOTONIC) / 1000000u;
}

/* Report a directory problem when it starts or changes, not every tick. */
static void report_scan(const struct opts *o, int ret, int *last)
{
	if (ret && ret != *last) {
		if (ret == -ENOENT)
			fprintf(stderr, PROG ": %s: %s (waiting for HailoRT to create it)\n",
				o->cfg.hmon_dir, strerror(-ret));
		else
			fprintf(stderr, PROG ": %s: %s\n", o->cfg.hmon_dir, strerror(-ret));
	}
	*last = ret;
}

static void on_file(void *arg, const char *name)
{
	bridge_file(arg, name);
}

/* How often to look for a missing directory to watch, at most. */
#define ARM_RETRY_MS 1000

static void follow(const struct opts *o, struct bridge *b, const sigset_t *waitmask)
{
	struct hwatch w;
	uint64_t next = mono_ms();
	int last_err = 0, rescan = 1, ret;

	ret = hwatch_init(&w, o->cfg.hmon_dir);
	if (ret)
		fprintf(stderr, PROG ": inotify: %s; rescanning every %u ms only\n",
			strerror(-ret), o->cfg.interval_ms);
	while (!stop) {
		uint64_t now = mono_ms(), wait_ms;
		struct pollfd pfd = { .fd = w.fd, .events = POLLIN };
		struct timespec ts;

		/*
		 * A directory that appeared (HailoRT created it, or it was
		 * recreated) is watched, then scanned for what came before.
		 */
		if (w.fd >= 0 && w.wd < 0 && hwatch_arm(&w))
			rescan = 1;
		if (hup || rescan || now >= next) {
			if (hup && o->cfg.verbose)
				fprintf(stderr, PROG ": SIGHUP: rescanning\n");
			report_scan(o, bridge_scan(b), &last_err);
			if (now >= next)
				next = next + o->cfg.interval_ms > now ? next + o->cfg.interval_ms
								       : now + o->cfg.interval_ms;
			hup = rescan = 0;
		}
		now = mono_ms();
		wait_ms = next > now ? next - now : 0;
		if (w.fd >= 0 && w.wd < 0 && wait_ms > ARM_RETRY_MS)
			wait_ms = ARM_RETRY_MS;
		ts.tv_sec = (time_t)(wait_ms / 1000);
		ts.tv_nsec = (long)(wait_ms % 1000) * 1000000;
		if (ppoll(&pfd, w.fd >= 0, &ts, waitmask) > 0)
			rescan = hwatch_drain(&w, on_file, b);
	}
	if (w.fd >= 0)
		hwatch_fini(&w);
}

/* Handle SIGHUP, SIGTERM and SIGINT, blocked but in *@waitmask (for ppoll). */
static void catch_signals(sigset_t *waitmask)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGINT };
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&block, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &block, waitmask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigdelset(waitmask, sigs[i]);
}

int main(int argc, char **argv)
{
	struct bridge_stats st;
	sigset_t waitmask;
	struct bridge *b;
	struct opts o;
	struct stat sb;
	int ret, last_err = 0, status = 0;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	/* A file size limit must fail a ring's creation (EFBIG), not kill the bridge. */
	signal(SIGXFSZ, SIG_IGN);
	if (stat(o.cfg.dir, &sb)) {
		fprintf(stderr, PROG ": %s: %s\n", o.cfg.dir, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		fprintf(stderr, PROG ": %s: not a directory\n", o.cfg.dir);
		return 1;
	}
	ret = bridge_new(&o.cfg, &b);
	if (ret) {
		fprintf(stderr, PROG ": %s\n", strerror(-ret));
		return 1;
	}
	if (o.cfg.verbose)
		fprintf(stderr, PROG ": %s -> %s, every %u ms\n", o.cfg.hmon_dir, o.cfg.dir,
			o.cfg.interval_ms);
	if (o.once) {
		ret = bridge_scan(b);
		/* No directory: no Hailo process has run yet, which is no error for cron. */
		if (ret && (ret != -ENOENT || o.cfg.verbose))
			report_scan(&o, ret, &last_err);
		status = ret && ret != -ENOENT;
	} else {
		catch_signals(&waitmask);
		follow(&o, b, &waitmask);
	}
	bridge_stats(b, &st);
	/* A process left without its ring is telemetry lost: the run failed. */
	if (st.no_ring)
		status = 1;
	if (o.cfg.verbose)
		fprintf(stderr, PROG ": %" PRIu64 " dumps written, %" PRIu64 " bad reads, %" PRIu64
			" rings open at exit\n", st.dumps, st.bad, st.rings);
	bridge_free(b);
	return status;
}
