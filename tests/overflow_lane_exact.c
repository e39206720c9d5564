/* SPDX-License-Identifier: MIT */
/*
 * More threads than lanes: the extra threads share lane 0 with atomic
 * read-modify-writes.  Every position is read or counted missed, and the
 * aggregates are exact.
 */
#include <pthread.h>
#include "harness.h"

#define THREADS 6

static struct shmtel_series *s;
static long iters;
static pthread_barrier_t all_here;

static void *writer(void *arg)
{
	/* First emit claims a lane; the barrier keeps all threads alive at once. */
	shmtel_emit(s, (uint64_t)(uintptr_t)arg);
	pthread_barrier_wait(&all_here);
	for (long i = 1; i < iters; i++)
		shmtel_emit(s, (uint64_t)(uintptr_t)arg);
	return NULL;
}

int main(void)
{
	static struct ring_event ev[8192];
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "ovf", 256, 2);	/* 1 owned lane + lane 0 */
	struct ring *r = t_ring(dir, "ovf");
	struct ring_cursor c;
	struct ring_series rs;
	struct ring_totals tot;
	struct ring_agg ag;
	pthread_t th[THREADS];
	uint64_t missed = 0, nread = 0, sum = 0;
	long n;

	iters = t_scale(100000);
	s = t_series(a, "v", SHMTEL_COUNTER, SHMTEL_U64);
	CHECK(ring_cursor_init(r, &c, 0) == 0);
	pthread_barrier_init(&all_here, NULL, THREADS);
	for (uintptr_t t = 0; t < THREADS; t++)
		CHECK(pthread_create(&th[t], NULL, writer, (void *)(t + 1)) == 0);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	while ((n = ring_poll(r, &c, ev, 8192, &missed)) > 0)
		nread += (uint64_t)n;
	CHECK(ring_totals(r, &tot) == 0);
	CHECK_EQ(tot.lanes_used, 2);
	CHECK_EQ(tot.written, (uint64_t)THREADS * (uint64_t)iters);
	CHECK_EQ(nread + missed, tot.written);
	t_find(r, "v", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0);
	for (uint64_t t = 1; t <= THREADS; t++)
		sum += t * (uint64_t)iters;
	CHECK_EQ(ag.count, (uint64_t)THREADS * (uint64_t)iters);
	CHECK_EQ(ag.sum, sum);
	CHECK_EQ(ag.min, 1);
	CHECK_EQ(ag.max, THREADS);
	ring_cursor_free(&c);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
