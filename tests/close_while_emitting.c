/* SPDX-License-Identifier: MIT */
/*
 * Closing an agent while other threads keep emitting is safe: emits in
 * flight finish before the unmap (RCU grace period), later ones are no-ops.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include "harness.h"

#define THREADS 4

static struct shmtel_series *s;
static _Atomic int started, stop;

static void *writer(void *arg)
{
	(void)arg;
	atomic_fetch_add(&started, 1);
	while (!atomic_load(&stop))
		shmtel_emit(s, 1);
	for (int i = 0; i < 1000; i++)	/* well after close */
		shmtel_emit(s, 1);
	return NULL;
}

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "closing", 64, 4);
	pthread_t t[THREADS];
	struct ring *r;

	s = t_series(a, "v", SHMTEL_COUNTER, SHMTEL_U64);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_create(&t[i], NULL, writer, NULL) == 0);
	while (atomic_load(&started) < THREADS)
		sched_yield();
	CHECK(shmtel_agent_close(a) == 0);
	CHECK(shmtel_agent_close(a) == 0);	/* twice is harmless */
	atomic_store(&stop, 1);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	r = t_ring(dir, "closing");
	CHECK(ring_flags(r) & SHM_F_CLOSED);
	CHECK_EQ(ring_alive(r), 0);
	ring_close(r);
	return 0;
}
