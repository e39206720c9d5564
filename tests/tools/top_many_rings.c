/* SPDX-License-Identifier: MIT */
/*
 * top_many_rings - keep N small live agents in a directory, for
 * telemetry_top's cost benchmark and its many-rings test.
 *
 *   top_many_rings DIR N [EVERY_MS]
 *   top_many_rings --copies DIR N
 *
 * Agents ring-0000 .. ring-N-1 (capacity 64, 2 lanes, 16 series), each
 * with four counters; every EVERY_MS (default 1000) one value goes to one
 * counter of every agent, spread over the period.  Prints "ready" once all
 * exist, then runs until SIGTERM or SIGINT, and closes them cleanly.
 *
 * --copies: for the tests of readers' limits, N closed (exited) agents,
 * made in seconds and as small as a ring gets (16 KB each): ring-0000 is written through
 * the library (each counter holding one value, 4096) and closed, and the
 * others are copies of its file with their own agent name.
 */
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "shm/layout.h"
#include "shmtel.h"

#define SERIES 4

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int make_copies(const char *dir, long n)
{
	struct shmtel_config cfg = { .dir = dir, .name = "ring-0000", .capacity = 16, .lanes = 2,
				     .max_series = SERIES, .max_histograms = 1 };
	struct shmtel_agent *a;
	char path[4096];
	uint8_t *buf;
	ssize_t len;
	int fd, ret;

	ret = shmtel_agent_open(&cfg, &a);
	for (int s = 0; !ret && s < SERIES; s++) {
		char sname[32];
		struct shmtel_series_desc d = {
			.category = SHMTEL_TRANSFER, .name = sname, .kind = SHMTEL_COUNTER,
			.type = SHMTEL_U64, .unit = "bytes",
		};
		struct shmtel_series *se;

		snprintf(sname, sizeof(sname), "counter_%d", s);
		ret = shmtel_series_get(a, &d, &se);
		if (!ret)
			shmtel_emit(se, 4096);
	}
	if (ret) {
		fprintf(stderr, "top_many_rings: ring-0000: %s\n", strerror(-ret));
		return 1;
	}
	shmtel_agent_close(a);
	snprintf(path, sizeof(path), "%s/ring-0000", dir);
	fd = open(path, O_RDONLY);
	buf = malloc(1 << 20);
	len = fd < 0 || !buf ? -1 : read(fd, buf, 1 << 20);
	if (fd >= 0)
		close(fd);
	if (len < (ssize_t)sizeof(struct shm_header)) {
		fprintf(stderr, "top_many_rings: cannot read back %s\n", path);
		return 1;
	}
	for (long i = 1; i < n; i++) {
		char *agent = (char *)buf + offsetof(struct shm_header, agent);

		memset(agent, 0, SHM_NAME_MAX);
		snprintf(agent, SHM_NAME_MAX, "ring-%04ld", i);
		snprintf(path, sizeof(path), "%s/%s", dir, agent);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, buf, (size_t)len) != len || close(fd)) {
			perror("top_many_rings: copy");
			return 1;
		}
	}
	free(buf);
	printf("ready\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .capacity = 64, .lanes = 2, .max_series = 16, .max_histograms = 1 };
	struct shmtel_agent **agents;
	struct shmtel_series **series;
	long n, every = 1000, round = 0;
	struct rlimit rl;

	if (argc == 4 && !strcmp(argv[1], "--copies") && (n = atol(argv[3])) >= 1)
		return make_copies(argv[2], n);
	if (argc < 3 || (n = atol(argv[2])) < 1) {
		fprintf(stderr, "usage: top_many_rings DIR N [EVERY_MS] | --copies DIR N\n");
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
