/* SPDX-License-Identifier: MIT */
/*
 * A name held by a live writer cannot be opened by another process
 * (EBUSY); once that writer dies (SIGKILL, no cleanup), readers see it dead
 * and opening the name again replaces the file.
 */
#include <signal.h>
#include <sys/wait.h>
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "held", 64, 2);
	struct ring *r;
	struct stat before, after;
	char path[512];
	int p[2], st;
	pid_t pid;

	/* Another process: EBUSY, and the live file is left alone. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(t_try_open(dir, "held") == -EBUSY ? 0 : 1);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	r = t_ring(dir, "held");
	CHECK_EQ(ring_alive(r), 1);
	ring_close(r);

	/* A writer killed without any chance to clean up. */
	CHECK(pipe(p) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		t_open(dir, "victim", 64, 2);
		CHECK(write(p[1], "x", 1) == 1);
		pause();
		_exit(0);
	}
	CHECK(read(p[0], path, 1) == 1);
	r = t_ring(dir, "victim");
	CHECK_EQ(ring_alive(r), 1);
	CHECK(t_try_open(dir, "victim") == -EBUSY);
	kill(pid, SIGKILL);
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK_EQ(ring_alive(r), 0);
	CHECK(!(ring_flags(r) & SHM_F_CLOSED));	/* it did not close cleanly */
	ring_close(r);

	snprintf(path, sizeof(path), "%s/victim", dir);
	CHECK(stat(path, &before) == 0);
	shmtel_agent_close(a);
	a = t_open(dir, "victim", 64, 2);
	CHECK(stat(path, &after) == 0);
	CHECK(before.st_ino != after.st_ino);	/* replaced, not reused */
	r = t_ring(dir, "victim");
	CHECK_EQ(ring_alive(r), 1);
	CHECK_EQ(ring_meta(r)->writer_pid, getpid());
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
