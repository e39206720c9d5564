/* SPDX-License-Identifier: MIT */
/*
 * A thread's lane cache does not follow it into a child: after fork() the
 * child's thread (the one that forked) claims lanes of its own in every
 * agent its parent had cached, rather than writing into the parent's
 * (two writers on one owned lane would break its single-writer protocol).
 * Parent and child then emit at the same time; every event of each is in
 * its own lane under its own tid, none is lost, and the aggregates are
 * exact.
 */
#include <sys/wait.h>
#include "harness.h"

#define N 2000

static int check_ring(const char *dir, const char *name, pid_t parent, pid_t child)
{
	struct ring *r = t_ring(dir, name);
	uint32_t lane_of[3] = { 0, 0, 0 };
	uint64_t n[3] = { 0, 0, 0 }, missed = 0;
	struct ring_event ev[256];
	struct ring_cursor c;
	struct ring_series rs;
	struct ring_agg ag;
	long got;

	ring_cursor_init(r, &c, 0);
	while ((got = ring_poll(r, &c, ev, 256, &missed)) > 0) {
		for (long j = 0; j < got; j++) {
			uint64_t v = ev[j].value;
			pid_t want = v == 1 ? parent : child;

			if ((v != 1 && v != 2) || ev[j].tid != (uint32_t)want || !ev[j].lane ||
			    (lane_of[v] && ev[j].lane != lane_of[v])) {
				fprintf(stderr, "%s: value %llu from tid %u in lane %u\n", name,
					(unsigned long long)v, ev[j].tid, ev[j].lane);
				return 1;
			}
			lane_of[v] = ev[j].lane;
			n[v]++;
		}
	}
	CHECK(lane_of[1] != lane_of[2]);
	CHECK_EQ(n[1], 2 * N);
	CHECK_EQ(n[2], N);
	CHECK_EQ(missed, 0);
	t_find(r, "v", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0);
	CHECK_EQ(ag.count, 3 * N);
	CHECK_EQ(ag.sum, 4 * N);
	ring_cursor_free(&c);
	ring_close(r);
	return 0;
}

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "a", 1u << 14, 4);
	struct shmtel_agent *b = t_open(dir, "b", 1u << 14, 4);
	struct shmtel_series *sa = t_series(a, "v", SHMTEL_COUNTER, SHMTEL_U64);
	struct shmtel_series *sb = t_series(b, "v", SHMTEL_COUNTER, SHMTEL_U64);
	int go[2], st;
	pid_t kid;
	char c;

	/* Both agents in this thread's cache: b in the entry looked at first. */
	for (int i = 0; i < N; i++) {
		shmtel_emit(sa, 1);
		shmtel_emit(sb, 1);
	}
	CHECK(pipe(go) == 0);
	kid = fork();
	CHECK(kid >= 0);
	if (kid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		for (int i = 0; i < N; i++) {
			shmtel_emit(sb, 2);
			shmtel_emit(sa, 2);
		}
		_exit(0);
	}
	close(go[0]);
	/* Released together: the child's emits overlap the parent's. */
	CHECK(write(go[1], "x", 1) == 1);
	for (int i = 0; i < N; i++) {
		shmtel_emit(sa, 1);
		shmtel_emit(sb, 1);
	}
	CHECK(waitpid(kid, &st, 0) == kid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK_EQ(check_ring(dir, "a", getpid(), kid), 0);
	CHECK_EQ(check_ring(dir, "b", getpid(), kid), 0);
	shmtel_agent_close(a);
	shmtel_agent_close(b);
	return 0;
}
