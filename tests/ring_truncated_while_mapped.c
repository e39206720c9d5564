/* SPDX-License-Identifier: MIT */
/*
 * A ring file that shrinks underneath a reader makes its calls fail with
 * -EIO; the reader is not killed by SIGBUS.
 */
#include <sys/wait.h>
#include "harness.h"

int main(void)
{
	static struct ring_event ev[64];
	const char *dir = t_tmpdir();
	struct ring *r;
	struct ring_series rs;
	struct ring_agg ag;
	struct ring_totals tot;
	struct ring_cursor c;
	uint64_t missed = 0;
	char path[512];
	int st;
	pid_t pid = fork();

	/* The writer is another process: it is the reader that must survive. */
	CHECK(pid >= 0);
	if (pid == 0) {
		struct shmtel_agent *a = t_open(dir, "shrink", 64, 2);

		shmtel_emit(t_series(a, "v", SHMTEL_COUNTER, SHMTEL_U64), 1);
		shmtel_agent_close(a);
		_exit(0);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	r = t_ring(dir, "shrink");
	t_find(r, "v", &rs);
	CHECK(ring_cursor_init(r, &c, 0) == 0);
	snprintf(path, sizeof(path), "%s/shrink", dir);
	CHECK(truncate(path, 4096) == 0);	/* header stays, the rest goes */
	CHECK_EQ(ring_poll(r, &c, ev, 64, &missed), -EIO);
	CHECK_EQ(ring_aggregate(r, &rs, &ag), -EIO);
	CHECK_EQ(ring_totals(r, &tot), -EIO);
	CHECK_EQ(ring_changed(r, path), 1);
	CHECK(truncate(path, 0) == 0);		/* and now the header too */
	CHECK_EQ(ring_series_get(r, 0, &rs), -EIO);
	CHECK_EQ(ring_series_count(r), 0);
	CHECK_EQ(ring_poll(r, &c, ev, 64, &missed), -EIO);
	ring_cursor_free(&c);
	ring_close(r);
	return 0;
}
