/* SPDX-License-Identifier: MIT */
/*
 * Several threads in two processes (sharing the ring after fork) write
 * while two reader processes read.  Every value encodes process, thread
 * and sequence.  Each reader checks: every event it read was written, none
 * is torn (value, tid and series agree) or duplicated, each thread's
 * sequence only grows, and read + missed == written exactly.  At the end
 * the aggregates must equal what was emitted.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include "harness.h"

#define PROCS 2
#define THREADS 3
#define READERS 2
#define CAP 1024

static long iters;
static struct shmtel_series *series;
static int proc_no;
static uint32_t tids[PROCS][THREADS];

static uint64_t encode(uint64_t p, uint64_t t, uint64_t seq)
{
	return p << 56 | t << 48 | seq;
}

static void *writer(void *arg)
{
	uint64_t t = (uint64_t)(uintptr_t)arg;

	for (long i = 0; i < iters; i++)
		shmtel_emit(series, encode((uint64_t)proc_no, t, (uint64_t)i));
	return NULL;
}

static void write_all(void)
{
	pthread_t th[THREADS];

	for (uintptr_t t = 0; t < THREADS; t++)
		CHECK(pthread_create(&th[t], NULL, writer, (void *)t) == 0);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
}

/* A reader process: exit 0 if everything it saw was consistent. */
static int reader(const char *dir, int done_fd, int ready_fd)
{
	static struct ring_event ev[4096];
	struct ring *r = t_ring(dir, "stress");
	long long last[PROCS][THREADS];
	uint32_t seen_tid[PROCS][THREADS] = { { 0 } };
	struct ring_series s;
	struct ring_cursor c;
	struct ring_totals tot;
	uint64_t missed = 0, nread = 0;
	int done = 0;

	memset(last, -1, sizeof(last));
	t_find(r, "s", &s);
	CHECK(ring_cursor_init(r, &c, 0) == 0);
	/* Positions before the cursor's start are neither read nor missed: start first. */
	CHECK(write(ready_fd, "r", 1) == 1);
	for (;;) {
		long n = ring_poll(r, &c, ev, 4096, &missed);
		char b;

		CHECK(n >= 0);
		for (long i = 0; i < n; i++) {
			uint64_t v = ev[i].value, p = v >> 56, t = v >> 48 & 0xff;
			long long seq = (long long)(v & 0xffffffffffffull);

			CHECK(ev[i].series == s.id);
			CHECK(p >= 1 && p <= PROCS && t < THREADS && seq < iters);
			CHECK(seq > last[p - 1][t]);	/* order holds, no duplicate */
			last[p - 1][t] = seq;
			if (!seen_tid[p - 1][t])
				seen_tid[p - 1][t] = ev[i].tid;
			CHECK(seen_tid[p - 1][t] == ev[i].tid);	/* not mixed with another thread's */
		}
		nread += (uint64_t)n;
		if (done && n == 0)
			break;
		if (!done && read(done_fd, &b, 1) == 1)
			done = 1;	/* writers finished: one more full pass */
	}
	CHECK(ring_totals(r, &tot) == 0);
	CHECK_EQ(tot.written, (uint64_t)PROCS * THREADS * (uint64_t)iters);
	CHECK_EQ(tot.dropped, 0);
	if (nread + missed != tot.written) {
		fprintf(stderr, "read %llu + missed %llu != written %llu\n", (unsigned long long)nread,
			(unsigned long long)missed, (unsigned long long)tot.written);
		return 1;
	}
	fprintf(stderr, "reader: read %llu, missed %llu\n", (unsigned long long)nread,
		(unsigned long long)missed);
	ring_cursor_free(&c);
	ring_close(r);
	return 0;
}

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "stress", CAP, 8);
	int done[READERS][2], ready[2];
	pid_t rd[READERS], child;
	struct ring *r;
	struct ring_series s;
	struct ring_agg ag;
	uint64_t sum = 0;
	int st;

	(void)tids;
	iters = t_scale(200000);
	series = t_series(a, "s", SHMTEL_COUNTER, SHMTEL_U64);
	CHECK(pipe(ready) == 0);
	for (int i = 0; i < READERS; i++) {
		CHECK(pipe(done[i]) == 0);
		fcntl(done[i][0], F_SETFL, O_NONBLOCK);
		rd[i] = fork();
		CHECK(rd[i] >= 0);
		if (rd[i] == 0)
			_exit(reader(dir, done[i][0], ready[1]));
	}
	for (int i = 0; i < READERS; i++) {
		char b;

		CHECK(read(ready[0], &b, 1) == 1);
	}
	child = fork();
	CHECK(child >= 0);
	proc_no = child == 0 ? 2 : 1;
	write_all();
	if (child == 0)
		_exit(0);
	CHECK(waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	for (int i = 0; i < READERS; i++)
		CHECK(write(done[i][1], "x", 1) == 1);
	for (int i = 0; i < READERS; i++) {
		CHECK(waitpid(rd[i], &st, 0) == rd[i]);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	r = t_ring(dir, "stress");
	t_find(r, "s", &s);
	CHECK(ring_aggregate(r, &s, &ag) == 0);
	for (uint64_t p = 1; p <= PROCS; p++)
		for (uint64_t t = 0; t < THREADS; t++)
			for (long i = 0; i < iters; i++)
				sum += encode(p, t, (uint64_t)i);
	CHECK_EQ(ag.count, (uint64_t)PROCS * THREADS * (uint64_t)iters);
	CHECK(ag.sum == sum);
	CHECK(ag.min == encode(1, 0, 0));
	CHECK(ag.max == encode(PROCS, THREADS - 1, (uint64_t)iters - 1));
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
