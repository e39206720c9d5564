/* SPDX-License-Identifier: MIT */
/*
 * top_many_rings - keep N small live agents in a directory, for
 * telemetry_top's cost benchmark and its many-rings test.
 *
 *   top_many_rings DIR N [EVERY_MS]
 *
 * Agents ring-0000 .. ring-N-1 (capacity 64, 2 lanes, 16 series), each
 * with four counters; every EVERY_MS (default 1000) one value goes to one
 * counter of every agent, spread over the period.  Prints "ready" once all
 * exist, then runs until SIGTERM or SIGINT, and closes them cleanly.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "shmtel.h"

#define SERIES 4

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .capacity = 64, .lanes = 2, .max_series = 16, .max_histograms = 1 };
	struct shmtel_agent **agents;
	struct shmtel_series **series;
	long n, every = 1000, round = 0;
	struct rlimit rl;

	if (argc < 3 || (n = atol(argv[2])) < 1) {
		fprintf(stderr, "usage: top_many_rings DIR N [EVERY_MS]\n");
		return 2;
	}
	if (argc > 3)
		every = atol(argv[3]);
	/* One descriptor per agent. */
	if (!getrlimit(RLIMIT_NOFILE, &rl)) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	agents = calloc((size_t)n, sizeof(*agents));
	series = calloc((size_t)n * SERIES, sizeof(*series));
	if (!agents || !series)
		return 1;
	cfg.dir = argv[1];
	for (long i = 0; i < n; i++) {
		char name[32];
		int ret;

		snprintf(name, sizeof(name), "ring-%04ld", i);
		cfg.name = name;
		ret = shmtel_agent_open(&cfg, &agents[i]);
		for (int s = 0; !ret && s < SERIES; s++) {
			char sname[32];
			struct shmtel_series_desc d = {
				.category = SHMTEL_TRANSFER, .name = sname, .kind = SHMTEL_COUNTER,
				.type = SHMTEL_U64, .unit = "bytes",
			};

			snprintf(sname, sizeof(sname), "counter_%d", s);
			ret = shmtel_series_get(agents[i], &d, &series[i * SERIES + s]);
		}
		if (ret) {
			fprintf(stderr, "top_many_rings: %s: %s\n", name, strerror(-ret));
			return 1;
		}
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	printf("ready\n");
	fflush(stdout);
	while (!stop) {
		/* Spread the agents over the period, as independent processes would be. */
		for (long i = 0; i < n && !stop; i++) {
			long ns = (((i + 1) * every) / n - (i * every) / n) * 1000000;
			struct timespec ts = { ns / 1000000000, ns % 1000000000 };

			nanosleep(&ts, NULL);
			shmtel_emit(series[i * SERIES + round % SERIES], 4096);
		}
		round++;
	}
	for (long i = 0; i < n; i++)
		shmtel_agent_close(agents[i]);
	free(series);
	free(agents);
	return 0;
}
