/* SPDX-License-Identifier: MIT */
/*
 * A reader sleeping on the ring's doorbell is woken by a writer's event
 * (in another process) long before its timeout, without polling.
 */
#include <sys/wait.h>
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "bell", 64, 2);
	struct shmtel_series *s = t_series(a, "v", SHMTEL_COUNTER, SHMTEL_U64);
	struct ring *r = t_ring(dir, "bell");
	uint32_t seen;
	int p[2], st;
	double t0;
	pid_t pid;
	char b;

	shmtel_emit(s, 1);	/* claim a lane; rings once */
	CHECK(pipe(p) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		/* Wait for the reader to be asleep (it says so), then emit. */
		CHECK(read(p[0], &b, 1) == 1);
		usleep(20000);
		shmtel_emit(s, 2);
		_exit(0);
	}
	seen = ring_doorbell(r);
	CHECK(write(p[1], "x", 1) == 1);
	t0 = t_now();
	CHECK(ring_wait(r, seen, 20000) == 0);
	/* Woken by the doorbell, not by the 20 s timeout. */
	CHECK(ring_doorbell(r) != seen);
	CHECK(t_now() - t0 < 10);
	CHECK(waitpid(pid, &st, 0) == pid);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
