/* SPDX-License-Identifier: MIT */
/*
 * telemetry_power - power, energy, temperature and memory of this host and
 * its accelerators, as one shmtel ring (agent "power").
 *
 * Each collector of collectors.c probes for its sensors; the available
 * ones are sampled every --interval ms into the ring through the sink.
 * Sensors come and go (hot-plug, a driver loaded), so every collector is
 * probed again on SIGHUP and every RESCAN_MS.  Signals interrupt the
 * sleep between samples (no SA_RESTART), so SIGTERM and SIGINT close the
 * ring within one wake-up.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "collectors.h"
#include "common/cli.h"
#include "sink.h"
#include "sysval.h"

#define PROG "telemetry_power"
#define RESCAN_MS 60000u
#define MIN_INTERVAL 10u
#define MAX_INTERVAL 3600000u

struct opts {
	const char *dir;
	const char *name;
	const char *collectors;	/* NULL: all */
	struct pw_env env;
	int once;
	int list;
};

struct active {
	const struct pw_collector *c;
	void *state;		/* probe()'s, while available */
	int up;
	int last;		/* probe()'s last result, to say a change once */
};

static volatile sig_atomic_t stop, rescan;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		rescan = 1;
	else
		stop = 1;
}

/* What --collectors knows: the names of pw_all[], in its order. */
#define COLLECTOR_NAMES "rapl,hwmon,thermal,host,tegrastats,nvml,amdsmi"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [--dir DIR] [--name NAME] [--interval MS] [--once]\n"
		"       [--collectors LIST] [--list] [--sysfs DIR] [--procfs DIR] [--tegrastats CMD]\n"
		"Write power, energy, temperature and memory readings of this host and its\n"
		"accelerators to one shmtel ring.\n"
		"  --dir DIR          telemetry directory (default $NIXL_TELEMETRY_DIR)\n"
		"  --name NAME        agent name, the ring's file name (default power)\n"
		"  --interval MS      sample every MS ms, %u..%u (default 1000)\n"
		"  --once             take one sample, then exit\n"
		"  --collectors LIST  comma-separated: " COLLECTOR_NAMES "\n"
		"                     (default all)\n"
		"  --list             print what was found and why anything was not, then exit\n"
		"  --sysfs DIR        sysfs root (default /sys)\n"
		"  --procfs DIR       procfs root (default /proc)\n"
		"  --tegrastats CMD   the tegrastats program (default tegrastats on PATH)\n"
		"  -h, --help         this help\n"
		"NIXL_TELEMETRY_ENABLED_METRICS (comma-separated globs) selects series.\n"
		"SIGHUP probes every collector again; SIGTERM and SIGINT close the ring and exit.\n"
		"Exit status: 0 ok, 1 error, 2 usage.\n", MIN_INTERVAL, MAX_INTERVAL);
}

/* Is collector @name in the comma-separated @list (NULL: all)? */
static int chosen(const char *list, const char *name)
{
	size_t n = strlen(name);

	if (!list)
		return 1;
	for (const char *p = list; *p;) {
		size_t l = strcspn(p, ",");

		if (l == n && !strncmp(p, name, n))
			return 1;
		p += l + (p[l] == ',');
	}
	return 0;
}

/* Every name in @list is a collector: 0, or -1 having said which is not. */
static int check_list(const char *list)
{
	for (const char *p = list; *p;) {
		size_t l = strcspn(p, ",");
		int found = 0;

		for (size_t i = 0; i < pw_nall; i++)
			found |= strlen(pw_all[i]->name) == l && !strncmp(p, pw_all[i]->name, l);
		if (!found && l) {
			cli_usage_error(PROG, "--collectors: no collector '%.*s' (there are: %s)", (int)l, p,
					COLLECTOR_NAMES);
			return -1;
		}
		p += l + (p[l] == ',');
	}
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "interval", required_argument, NULL, 'i' },
		{ "once", no_argument, NULL, '1' },
		{ "collectors", required_argument, NULL, 'c' },
		{ "list", no_argument, NULL, 'l' },
		{ "sysfs", required_argument, NULL, 's' },
		{ "procfs", required_argument, NULL, 'p' },
		{ "tegrastats", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	unsigned long v;
	char *end;
	int c;

	o->dir = getenv("NIXL_TELEMETRY_DIR");
	o->name = "power";
	o->env.sysfs = "/sys";
	o->env.procfs = "/proc";
	o->env.interval_ms = 1000;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (c) {
		case 'd': o->dir = optarg; break;
		case 'n': o->name = optarg; break;
		case 'i':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || v < MIN_INTERVAL || v > MAX_INTERVAL) {
				cli_usage_error(PROG, "invalid value '%s' for --interval (allowed: %u..%u ms)",
						optarg, MIN_INTERVAL, MAX_INTERVAL);
				return -1;
			}
			o->env.interval_ms = (unsigned)v;
			break;
		case '1': o->once = 1; break;
		case 'c': o->collectors = optarg; break;
		case 'l': o->list = 1; break;
		case 's': o->env.sysfs = optarg; break;
		case 'p': o->env.procfs = optarg; break;
		case 't': o->env.tegrastats = optarg; break;
		case 'h': usage(stdout); exit(0);
		default: cli_getopt_error(PROG, c, argv); return -1;
		}
	}
	if (optind < argc) {
		cli_usage_error(PROG, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (o->collectors && check_list(o->collectors))
		return -1;
	return 0;
}

/* --list: every chosen collector's probe, its lines on stdout. */
static int list(const struct opts *o)
{
	for (size_t i = 0; i < pw_nall; i++) {
		const struct pw_collector *c = pw_all[i];
		void *state = NULL;
		int ret;

		if (!chosen(o->collectors, c->name))
			continue;
		ret = c->probe(&state, &o->env, stdout);
		if (!ret) {
			printf("%s: available\n", c->name);
			c->fini(state);
		} else {
			printf("%s: not available: %s\n", c->name, pw_why(ret));
		}
	}
	return fflush(stdout) ? 1 : 0;
}

/* Probe every collector again: what appeared joins, what went leaves. */
static void probe_all(struct active *act, size_t n, const struct pw_env *env)
{
	for (size_t i = 0; i < n; i++) {
		struct active *a = &act[i];
		int ret;

		if (a->up)
			a->c->fini(a->state);
		a->state = NULL;
		ret = a->c->probe(&a->state, env, NULL);
		a->up = !ret;
		if (ret != a->last)
			fprintf(stderr, PROG ": %s: %s\n", a->c->name,
				ret ? pw_why(ret) : "available");
		a->last = ret;
	}
}

static void sample_all(struct active *act, size_t n, struct pw_sink *k)
{
	for (size_t i = 0; i < n; i++)
		if (act[i].up)
			act[i].c->sample(act[i].state, k);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGHUP, SIGTERM, SIGINT };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void advance(struct timespec *t, unsigned ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/*
 * A deadline more than one interval gone (a suspend, a stopped process)
 * restarts from now: samples that were missed are not made up in a burst.
 */
static void resync(struct timespec *next, unsigned ms)
{
	struct timespec now, late;

	clock_gettime(CLOCK_MONOTONIC, &now);
	late = *next;
	advance(&late, ms);
	if (now.tv_sec > late.tv_sec || (now.tv_sec == late.tv_sec && now.tv_nsec > late.tv_nsec))
		*next = now;
}

int main(int argc, char **argv)
{
	struct active act[16];
	struct opts o = { 0 };
	struct pw_sink *k;
	struct timespec next;
	struct stat st;
	uint64_t samples = 0;
	unsigned since_rescan = 0;
	size_t n = 0;
	int ret;

	if (parse(argc, argv, &o))
		return 2;
	if (o.list)
		return list(&o);
	if (!o.dir || !*o.dir) {
		fprintf(stderr, PROG ": no telemetry directory: give --dir or set NIXL_TELEMETRY_DIR\n");
		return 1;
	}
	if (stat(o.dir, &st)) {
		fprintf(stderr, PROG ": %s: %s\n", o.dir, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, PROG ": %s: not a directory\n", o.dir);
		return 1;
	}
	/* A full disk is an error from write(), not a reason to die. */
	signal(SIGXFSZ, SIG_IGN);
	ret = pw_sink_open(o.dir, o.name, getenv("NIXL_TELEMETRY_ENABLED_METRICS"),
			   o.env.interval_ms, &k);
	if (ret) {
		fprintf(stderr, PROG ": %s/%s: %s\n", o.dir, o.name, strerror(-ret));
		return 1;
	}
	for (size_t i = 0; i < pw_nall && n < sizeof(act) / sizeof(act[0]); i++)
		if (chosen(o.collectors, pw_all[i]->name))
			act[n++] = (struct active){ .c = pw_all[i], .last = 1 };
	if (!o.once)
		catch_signals();
	probe_all(act, n, &o.env);
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!stop) {
		sample_all(act, n, k);
		samples++;
		if (o.once)
			break;
		advance(&next, o.env.interval_ms);
		since_rescan += o.env.interval_ms;
		resync(&next, o.env.interval_ms);
		/* EINTR: a signal; the flags say which. */
		while (!stop && !rescan &&
		       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		if (rescan || since_rescan >= RESCAN_MS) {
			if (rescan)
				fprintf(stderr, PROG ": SIGHUP: probing again\n");
			rescan = 0;
			since_rescan = 0;
			probe_all(act, n, &o.env);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (act[i].up)
			act[i].c->fini(act[i].state);
	fprintf(stderr, PROG ": %" PRIu64 " samples, %u series, %" PRIu64 " readings skipped\n",
		samples, pw_sink_series(k), pw_skips());
	pw_sink_close(k);
	return 0;
}
