/* SPDX-License-Identifier: MIT */
/*
 * lanes_writer - THREADS threads emitting at once into one ring with
 * fewer lanes than threads, so that events interleave across the owned
 * lanes and the shared one: for the reader's merge.
 *
 *   lanes_writer DIR NAME THREADS COUNT
 *
 * Thread i emits COUNT events 1, 2, ..., COUNT to its own counter "tI";
 * no thread ends before all are done, so none takes over another's lane
 * (4 lanes of 65,536 events: with five threads, two share lane 0 without
 * wrapping it for COUNT up to 32,768).
 * The agent is closed when all are done.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "shmtel.h"

#define MAX_THREADS 16

static struct shmtel_series *series[MAX_THREADS];
static pthread_barrier_t start, done;
static long count;

static void *run(void *arg)
{
	struct shmtel_series *s = arg;

	pthread_barrier_wait(&start);
	for (long k = 1; k <= count; k++)
		shmtel_emit(s, (uint64_t)k);
	/* Stay until all are done: a thread that ended would hand its lane on. */
	pthread_barrier_wait(&done);
	return NULL;
}

int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .capacity = 1u << 16, .lanes = 4 };
	pthread_t t[MAX_THREADS];
	struct shmtel_agent *a;
	char name[16];
	int n;

	if (argc != 5 || (n = atoi(argv[3])) < 1 || n > MAX_THREADS || (count = atol(argv[4])) < 1) {
		fprintf(stderr, "usage: lanes_writer DIR NAME THREADS(1..%d) COUNT\n", MAX_THREADS);
		return 2;
	}
	cfg.dir = argv[1];
	cfg.name = argv[2];
	if (shmtel_agent_open(&cfg, &a)) {
		fprintf(stderr, "lanes_writer: cannot open %s/%s\n", argv[1], argv[2]);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		struct shmtel_series_desc d = {
			.category = SHMTEL_CUSTOM, .name = name, .kind = SHMTEL_COUNTER, .type = SHMTEL_U64,
		};

		snprintf(name, sizeof(name), "t%d", i);
		if (shmtel_series_get(a, &d, &series[i]))
			return 1;
	}
	pthread_barrier_init(&start, NULL, (unsigned)n);
	pthread_barrier_init(&done, NULL, (unsigned)n);
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, run, series[i]);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	shmtel_agent_close(a);
	return 0;
}
