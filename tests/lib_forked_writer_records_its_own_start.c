/* SPDX-License-Identifier: MIT */
/*
 * A process looks its own start time up once, for all the agents it
 * opens; a child forked later must record its own, not its parent's:
 * readers tell a writer from a later process reusing its pid by it.
 */
#include <sys/wait.h>
#include <time.h>
#include "harness.h"
#include "shm/proc.h"

/* Clock ticks since boot, as /proc/PID/stat counts a start. */
static uint64_t ticks_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * (uint64_t)sysconf(_SC_CLK_TCK) +
	       (uint64_t)ts.tv_nsec / (1000000000ull / (uint64_t)sysconf(_SC_CLK_TCK));
}

int main(void)
{
	const char *dir = t_tmpdir();
	uint64_t mine, seen_by_kid = 0, kernel_says = 0;
	struct shmtel_agent *a, *b;
	int up[2], down[2], st;
	struct ring *r;
	char c;
	pid_t kid;

	CHECK(proc_start_ticks((int32_t)getpid(), &mine) == 0);
	a = t_open(dir, "parent", 64, 2);
	b = t_open(dir, "parent-again", 64, 2);
	r = t_ring(dir, "parent-again");
	CHECK_EQ(ring_meta(r)->writer_start_ticks, mine);
	ring_close(r);
	/* A child that starts in a later tick than this process did. */
	while (ticks_now() < mine + 2)
		CHECK(nanosleep(&(struct timespec){ .tv_nsec = 5000000 }, NULL) == 0);
	CHECK(pipe(up) == 0 && pipe(down) == 0);
	kid = fork();
	CHECK(kid >= 0);
	if (kid == 0) {
		struct shmtel_agent *k = t_open(dir, "child", 64, 2);
		uint64_t self = 0;

		close(up[0]);
		close(down[1]);
		shmtel_agent_close(k);
		proc_start_ticks((int32_t)getpid(), &self);
		/* Alive until the parent has asked the kernel about it. */
		_exit(write(up[1], &self, sizeof(self)) != sizeof(self) || read(down[0], &c, 1) != 0);
	}
	close(up[1]);
	close(down[0]);
	CHECK(read(up[0], &seen_by_kid, sizeof(seen_by_kid)) == sizeof(seen_by_kid));
	CHECK(proc_start_ticks((int32_t)kid, &kernel_says) == 0);
	close(down[1]);
	CHECK(waitpid(kid, &st, 0) == kid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	r = t_ring(dir, "child");
	CHECK_EQ(ring_meta(r)->writer_pid, kid);
	CHECK_EQ(ring_meta(r)->writer_start_ticks, seen_by_kid);
	CHECK(ring_meta(r)->writer_start_ns > 0);
	/*
	 * Not the parent's.  Asked only where the child's view of itself is
	 * the kernel's: qemu-user answers a guest's /proc/self/stat itself,
	 * and gives a forked child its parent's start.
	 */
	if (seen_by_kid == kernel_says)
		CHECK(ring_meta(r)->writer_start_ticks > mine);
	ring_close(r);
	shmtel_agent_close(b);
	shmtel_agent_close(a);
	return 0;
}
