/* SPDX-License-Identifier: MIT */
/*
 * A thread that rang an agent's doorbell keeps the time of the next ring
 * it could owe and looks at the ring's doorbell again only from then on
 * (lib/emit.c).  A reader that fell asleep after that first ring is woken
 * by the same thread's next event once the gap has passed, long before
 * the reader's timeout; and events closer together than the gap do not
 * ring at all.
 */
#include <sys/wait.h>
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "bell", 1024, 2);
	struct shmtel_series *s = t_series(a, "v", SHMTEL_COUNTER, SHMTEL_U64);
	struct ring *r = t_ring(dir, "bell");
	uint32_t before, seen;
	int asleep[2], st;
	double t0;
	pid_t pid;
	char b;

	shmtel_emit(s, 1);	/* claims a lane; rings */
	before = ring_doorbell(r);
	/* Within 1 ms of that ring: no more rings (the gap is 1 ms). */
	t0 = t_now();
	for (int i = 0; i < 100 && t_now() - t0 < 0.0005; i++)
		shmtel_emit(s, 1);
	if (t_now() - t0 < 0.0005)
		CHECK_EQ(ring_doorbell(r), before);
	CHECK(pipe(asleep) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct ring *rr = t_ring(dir, "bell");

		seen = ring_doorbell(rr);
		CHECK(write(asleep[1], "x", 1) == 1);
		t0 = t_now();
		CHECK(ring_wait(rr, seen, 20000) == 0);
		/* Woken by the doorbell, not by the 20 s timeout. */
		CHECK(ring_doorbell(rr) != seen);
		CHECK(t_now() - t0 < 10);
		_exit(0);
	}
	CHECK(read(asleep[0], &b, 1) == 1);
	/* Past the gap, so this thread's next event owes a ring. */
	usleep(20000);
	shmtel_emit(s, 2);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(ring_doorbell(r) != before);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
