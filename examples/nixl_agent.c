/* SPDX-License-Identifier: MIT */
/*
 * nixl_agent.c - an example agent that emits what an instrumented NIXL
 * agent emits: tx/rx bytes and request counts per transfer, memory
 * registration and deregistration, transfer and post times, and now and
 * then an error.  The demo and the tests drive it.
 *
 *   nixl_agent [--name NAME] [--dir DIR] [--rate N] [--duration S]
 *              [--count N] [--seed N] [--summary]
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

struct tally {
	uint64_t count, sum;
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

static int get(struct shmtel_agent *a, struct shmtel_series **out, enum shmtel_category cat,
	       const char *name, const char *labels, enum shmtel_kind kind, const char *unit)
{
	struct shmtel_series_desc d = {
		.category = cat, .name = name, .labels = labels, .kind = kind,
		.type = SHMTEL_U64, .unit = unit,
	};

	if (kind == SHMTEL_HISTOGRAM) {
		d.bounds = nixl_us_bounds;
		d.nbounds = sizeof(nixl_us_bounds) / sizeof(nixl_us_bounds[0]);
	}
	return shmtel_series_get(a, &d, out);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: nixl_agent [--name NAME] [--dir DIR] [--rate N] [--duration S]\n"
		   "                  [--count N] [--seed N] [--summary]\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' }, { "dir", required_argument, NULL, 'D' },
		{ "rate", required_argument, NULL, 'r' }, { "duration", required_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'c' }, { "seed", required_argument, NULL, 's' },
		{ "summary", no_argument, NULL, 'S' }, { "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *name = "agent", *dir = NULL;
	double rate = 1000, duration = 0;
	uint64_t count = 0, seed = 42, done = 0;
	int summary = 0, c, ret;
	struct shmtel_series *s[NSERIES];
	struct tally t[NSERIES];
	const char *names[NSERIES];
	struct shmtel_agent *a;
	struct shmtel_config cfg;
	struct timespec start, now;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'D': dir = optarg; break;
		case 'r': rate = strtod(optarg, NULL); break;
		case 't': duration = strtod(optarg, NULL); break;
		case 'c': count = strtoull(optarg, NULL, 10); break;
		case 's': seed = strtoull(optarg, NULL, 10) | 1; break;
		case 'S': summary = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	ret = shmtel_config_from_env(&cfg, name);
	if (ret) {
		fprintf(stderr, "nixl_agent: environment: %s\n", strerror(-ret));
		return 1;
	}
	if (dir)
		cfg.dir = dir;
	ret = shmtel_agent_open(&cfg, &a);
	if (ret) {
		fprintf(stderr, "nixl_agent: open agent '%s': %s\n", name, strerror(-ret));
		return 1;
	}
	ret = get(a, &s[TX_BYTES], SHMTEL_TRANSFER, "agent_tx_bytes", NULL, SHMTEL_COUNTER, "bytes") ||
	      get(a, &s[RX_BYTES], SHMTEL_TRANSFER, "agent_rx_bytes", NULL, SHMTEL_COUNTER, "bytes") ||
	      get(a, &s[TX_REQS], SHMTEL_TRANSFER, "agent_tx_requests_num", NULL, SHMTEL_COUNTER, NULL) ||
	      get(a, &s[RX_REQS], SHMTEL_TRANSFER, "agent_rx_requests_num", NULL, SHMTEL_COUNTER, NULL) ||
	      get(a, &s[MEM_REG], SHMTEL_MEMORY, "agent_memory_registered", NULL, SHMTEL_COUNTER, "bytes") ||
	      get(a, &s[MEM_DEREG], SHMTEL_MEMORY, "agent_memory_deregistered", NULL, SHMTEL_COUNTER,
		  "bytes") ||
	      get(a, &s[XFER_TIME], SHMTEL_PERFORMANCE, "agent_xfer_time", NULL, SHMTEL_HISTOGRAM, "us") ||
	      get(a, &s[POST_TIME], SHMTEL_PERFORMANCE, "agent_xfer_post_time", NULL, SHMTEL_HISTOGRAM,
		  "us");
	for (size_t i = 0; !ret && i < NSERIES - ERR0; i++) {
		char labels[64];

		snprintf(labels, sizeof(labels), "status=\"%s\"", errors[i]);
		ret = get(a, &s[ERR0 + i], SHMTEL_ERROR, "agent_errors", labels, SHMTEL_COUNTER, NULL);
	}
	if (ret) {
		fprintf(stderr, "nixl_agent: create series: %s\n", strerror(-ret));
		shmtel_agent_close(a);
		return 1;
	}
	names[TX_BYTES] = "agent_tx_bytes";
	names[RX_BYTES] = "agent_rx_bytes";
	names[TX_REQS] = "agent_tx_requests_num";
	names[RX_REQS] = "agent_rx_requests_num";
	names[MEM_REG] = "agent_memory_registered";
	names[MEM_DEREG] = "agent_memory_deregistered";
	names[XFER_TIME] = "agent_xfer_time";
	names[POST_TIME] = "agent_xfer_post_time";
	for (size_t i = ERR0; i < NSERIES; i++)
		names[i] = errors[i - ERR0];
	memset(t, 0, sizeof(t));
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	clock_gettime(CLOCK_MONOTONIC, &start);

#define EMIT(i, v) do { uint64_t _v = (v); shmtel_emit(s[i], _v); t[i].count++; t[i].sum += _v; } while (0)
	while (!stop && (!count || done < count)) {
		uint64_t bytes = 4096 << (rnd(&seed) % 11);
		double elapsed;

		EMIT(TX_BYTES, bytes);
		EMIT(RX_BYTES, bytes / 2);
		EMIT(TX_REQS, 1);
		EMIT(RX_REQS, 1);
		EMIT(XFER_TIME, 5 + rnd(&seed) % 20000);
		EMIT(POST_TIME, 1 + rnd(&seed) % 200);
		if (done % 100 == 0) {
			EMIT(MEM_REG, bytes * 16);
			EMIT(MEM_DEREG, bytes * 8);
		}
		if (rnd(&seed) % 500 == 0) {
			/* EMIT evaluates its index more than once: draw it first. */
			size_t e = ERR0 + rnd(&seed) % (NSERIES - ERR0);

			EMIT(e, 1);
		}
		done++;
		clock_gettime(CLOCK_MONOTONIC, &now);
		elapsed = (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
		if (duration > 0 && elapsed >= duration)
			break;
		if (rate > 0 && (double)done / rate > elapsed) {
			double ahead = (double)done / rate - elapsed;
			struct timespec d = { (time_t)ahead, (long)((ahead - (double)(time_t)ahead) * 1e9) };

			nanosleep(&d, NULL);
		}
	}
	shmtel_agent_close(a);
	if (summary)
		for (size_t i = 0; i < NSERIES; i++)
			printf("%s count=%" PRIu64 " sum=%" PRIu64 "\n", names[i], t[i].count, t[i].sum);
	return 0;
}
