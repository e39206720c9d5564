/* SPDX-License-Identifier: MIT */
/*
 * nixl_agent.c - an example agent that emits what an instrumented NIXL
 * agent emits: tx/rx bytes and request counts per transfer, memory
 * registration and deregistration, transfer and post times, and now and
 * then an error.  The demo and the tests drive it.
 *
 * A transfer is six events: NIXL itself writes four when a transfer
 * completes (agent_xfer_post_time, agent_xfer_time, and the bytes and
 * request count of its one direction: tx for a write, rx for a read); the
 * example plays both directions so that every series NIXL has moves.
 * Every 100th transfer adds a registration and a deregistration, about one
 * in 500 an error: 6.022 events per transfer on average.
 *
 *   nixl_agent [--name NAME] [--dir DIR] [--rate N] [--duration S]
 *              [--count N] [--seed N] [--summary]   (--help says more)
 *
 * Without --dir it follows NIXL's environment (NIXL_TELEMETRY_ENABLE,
 * NIXL_TELEMETRY_DIR, ...).  --summary prints, at exit, each series'
 * exact count and sum, so tests can compare what readers report.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "shmtel.h"
#include "common/cli.h"
#include "common/esc.h"

#define PROG "nixl_agent"
/* Past these a value is a typo: a year, and far beyond what one thread emits. */
#define MAX_DURATION 31536000.0
#define MAX_RATE 1e9

/* NIXL's transfer-time histogram bounds, in microseconds. */
static const double nixl_us_bounds[] = {
	10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000,
	100000, 250000, 500000, 1000000, 5000000, 10000000,
};

static const char *const errors[] = { "not_posted", "backend", "not_found", "remote_disconnect" };

enum {
	TX_BYTES, RX_BYTES, TX_REQS, RX_REQS, MEM_REG, MEM_DEREG, XFER_TIME, POST_TIME,
	ERR0, NSERIES = ERR0 + sizeof(errors) / sizeof(errors[0])
};

struct spec {
	enum shmtel_category cat;
	const char *name;
	enum shmtel_kind kind;
	const char *unit;
};

/* The series before ERR0; from ERR0 on, error_spec once per status in errors[]. */
static const struct spec specs[ERR0] = {
	[TX_BYTES] = { SHMTEL_TRANSFER, "agent_tx_bytes", SHMTEL_COUNTER, "bytes" },
	[RX_BYTES] = { SHMTEL_TRANSFER, "agent_rx_bytes", SHMTEL_COUNTER, "bytes" },
	[TX_REQS] = { SHMTEL_TRANSFER, "agent_tx_requests_num", SHMTEL_COUNTER, NULL },
	[RX_REQS] = { SHMTEL_TRANSFER, "agent_rx_requests_num", SHMTEL_COUNTER, NULL },
	[MEM_REG] = { SHMTEL_MEMORY, "agent_memory_registered", SHMTEL_COUNTER, "bytes" },
	[MEM_DEREG] = { SHMTEL_MEMORY, "agent_memory_deregistered", SHMTEL_COUNTER, "bytes" },
	[XFER_TIME] = { SHMTEL_PERFORMANCE, "agent_xfer_time", SHMTEL_HISTOGRAM, "us" },
	[POST_TIME] = { SHMTEL_PERFORMANCE, "agent_xfer_post_time", SHMTEL_HISTOGRAM, "us" },
};
static const struct spec error_spec = { SHMTEL_ERROR, "agent_errors", SHMTEL_COUNTER, NULL };

/* A series and, for --summary, the exact count and sum of what went into it. */
struct series {
	struct shmtel_series *h;
	uint64_t count, sum;
};

struct opts {
	const char *name, *dir;
	double rate, duration;
	uint64_t count, seed;
	int summary;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t rnd(uint64_t *s)
{
	/* xorshift64*: deterministic per --seed, so runs can be reproduced */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

static int get(struct shmtel_agent *a, struct shmtel_series **out, const struct spec *sp,
	       const char *labels)
{
	struct shmtel_series_desc d = {
		.category = sp->cat, .name = sp->name, .labels = labels, .kind = sp->kind,
		.type = SHMTEL_U64, .unit = sp->unit,
	};

	if (sp->kind == SHMTEL_HISTOGRAM) {
		d.bounds = nixl_us_bounds;
		d.nbounds = sizeof(nixl_us_bounds) / sizeof(nixl_us_bounds[0]);
	}
	return shmtel_series_get(a, &d, out);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nixl_agent [OPTIONS]\n"
		"An example agent: emit what an instrumented NIXL agent emits, through libshmtel,\n"
		"until --count, --duration, SIGINT or SIGTERM.  Each transfer is six events\n"
		"(tx/rx bytes, tx/rx requests, transfer time, post time); every 100th adds two\n"
		"memory events, about one in 500 an error.\n\n"
		"  --name NAME     agent name, the ring file's name (default agent)\n"
		"  --dir DIR       telemetry directory (default: NIXL's environment,\n"
		"                  NIXL_TELEMETRY_ENABLE and NIXL_TELEMETRY_DIR)\n"
		"  --rate N        transfers per second, 0 as fast as possible (default 1000)\n"
		"  --duration S    stop after S seconds, 0 never (default 0)\n"
		"  --count N       stop after N transfers, 0 never (default 0)\n"
		"  --seed N        seed of the sizes, times and errors (default 42)\n"
		"  --summary       at exit, print each series' exact count and sum\n"
		"  -h, --help      this help\n\n"
		"Without a directory (telemetry disabled) it writes no file: SHMTEL_DEBUG=1 says why.\n"
		"Exit status: 0 ok, 1 the agent could not be opened, 2 usage.\n");
}

static int bad_value(const char *opt, const char *arg, const char *allowed)
{
	return cli_bad_value(PROG, opt, arg, allowed);
}

/* A decimal number in [0, @max] into *@v: 0, or -1. */
static int parse_num(const char *s, double max, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno || *end || end == s || !(*v >= 0 && *v <= max) ? -1 : 0;
}

/* A decimal integer in [0, @max] into *@v: 0, or -1. */
static int parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end || end == s || *s < '0' || *s > '9' || *v > max ? -1 : 0;
}

/* The command line into @o: 0, or the exit status of a usage error. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "name", required_argument, NULL, 'n' }, { "dir", required_argument, NULL, 'D' },
		{ "rate", required_argument, NULL, 'r' }, { "duration", required_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'c' }, { "seed", required_argument, NULL, 's' },
		{ "summary", no_argument, NULL, 'S' }, { "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	char safe[1024];
	int c;

	*o = (struct opts){ .name = "agent", .rate = 1000, .seed = 42 };
	opterr = 0;	/* cli_getopt_error() says it, in the one style */
	while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
		switch (c) {
		case 'n': o->name = optarg; break;
		case 'D': o->dir = optarg; break;
		case 'r':
			if (parse_num(optarg, MAX_RATE, &o->rate))
				return bad_value("--rate", optarg, "0..1000000000 transfers per second");
			break;
		case 't':
			if (parse_num(optarg, MAX_DURATION, &o->duration))
				return bad_value("--duration", optarg, "0..31536000 seconds");
			break;
		case 'c':
			if (parse_u64(optarg, UINT64_MAX, &o->count))
				return bad_value("--count", optarg, "0..18446744073709551615");
			break;
		case 's':
			if (parse_u64(optarg, UINT64_MAX, &o->seed))
				return bad_value("--seed", optarg, "0..18446744073709551615");
			o->seed |= 1;	/* xorshift never leaves 0 */
			break;
		case 'S': o->summary = 1; break;
		case 'h': usage(stdout); exit(0);
		default: return cli_getopt_error(PROG, c, argv);	/* '?' or ':' */
		}
	}
	if (optind < argc) {
		esc_term(safe, sizeof(safe), argv[optind]);
		return cli_usage_error(PROG, "unexpected argument '%s'", safe);
	}
	return 0;
}

/* Every series, in enum order; stops at the first that cannot be created. */
static int open_series(struct shmtel_agent *a, struct series *x)
{
	int ret = 0;

	for (size_t i = 0; !ret && i < ERR0; i++)
		ret = get(a, &x[i].h, &specs[i], NULL);
	for (size_t i = 0; !ret && i < NSERIES - ERR0; i++) {
		char labels[64];

		snprintf(labels, sizeof(labels), "status=\"%s\"", errors[i]);
		ret = get(a, &x[ERR0 + i].h, &error_spec, labels);
	}
	return ret;
}

static void emit(struct series *x, uint64_t v)
{
	shmtel_emit(x->h, v);
	x->count++;
	x->sum += v;
}

/* The one clock the pacing needs; the telemetry goes through the public API only. */
static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Emit transfers at --rate until --count, --duration or a signal. */
static void run(struct series *x, const struct opts *o)
{
	uint64_t seed = o->seed, done = 0, start = mono_ns();

	while (!stop && (!o->count || done < o->count)) {
		uint64_t bytes = 4096 << (rnd(&seed) % 11);
		double elapsed;

		emit(&x[TX_BYTES], bytes);
		emit(&x[RX_BYTES], bytes / 2);
		emit(&x[TX_REQS], 1);
		emit(&x[RX_REQS], 1);
		emit(&x[XFER_TIME], 5 + rnd(&seed) % 20000);
		emit(&x[POST_TIME], 1 + rnd(&seed) % 200);
		if (done % 100 == 0) {
			emit(&x[MEM_REG], bytes * 16);
			emit(&x[MEM_DEREG], bytes * 8);
		}
		if (rnd(&seed) % 500 == 0)
			emit(&x[ERR0 + rnd(&seed) % (NSERIES - ERR0)], 1);
		done++;
		elapsed = (double)(mono_ns() - start) / 1e9;
		if (o->duration > 0 && elapsed >= o->duration)
			break;
		if (o->rate > 0 && (double)done / o->rate > elapsed) {
			double ahead = (double)done / o->rate - elapsed;
			struct timespec d = { (time_t)ahead, (long)((ahead - (double)(time_t)ahead) * 1e9) };

			nanosleep(&d, NULL);
		}
	}
}

int main(int argc, char **argv)
{
	struct series x[NSERIES];
	struct shmtel_agent *a;
	struct shmtel_config cfg;
	struct opts o;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	ret = shmtel_config_from_env(&cfg, o.name);
	if (ret) {
		fprintf(stderr, PROG ": environment: %s\n", strerror(-ret));
		return 1;
	}
	if (o.dir)
		cfg.dir = o.dir;
	ret = shmtel_agent_open(&cfg, &a);
	if (ret) {
		fprintf(stderr, PROG ": open agent '%s': %s\n", o.name, strerror(-ret));
		return 1;
	}
	memset(x, 0, sizeof(x));
	ret = open_series(a, x);
	if (ret) {
		fprintf(stderr, PROG ": create series: %s\n", strerror(-ret));
		shmtel_agent_close(a);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	run(x, &o);
	shmtel_agent_close(a);
	if (o.summary)
		for (size_t i = 0; i < NSERIES; i++)
			printf("%s count=%" PRIu64 " sum=%" PRIu64 "\n",
			       i < ERR0 ? specs[i].name : errors[i - ERR0], x[i].count, x[i].sum);
	return 0;
}
