/* SPDX-License-Identifier: MIT */
/*
 * What bridges need: a ring describing another process (source_pid and
 * that process' start time in the header), published already GONE, and
 * shmtel_agent_free() releasing everything when no emit can race it.
 */
#include <signal.h>
#include <sys/wait.h>
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_config cfg = { .dir = dir, .name = "bridged", .capacity = 64,
				     .flags = SHMTEL_CFG_GONE };
	struct shmtel_agent *a, *mine;
	struct shmtel_series *s;
	struct ring *r, *own;
	pid_t kid = fork();
	int st;

	CHECK(kid >= 0);
	if (kid == 0) {
		pause();
		_exit(0);
	}
	cfg.source_pid = kid;
	CHECK(shmtel_agent_open(&cfg, &a) == 0 && a);
	r = t_ring(dir, "bridged");
	CHECK(ring_flags(r) & SHM_F_GONE);
	CHECK_EQ(ring_meta(r)->source_pid, kid);
	CHECK_EQ(ring_meta(r)->writer_pid, getpid());
	CHECK(ring_meta(r)->source_start_ns > 0);
	/* The child started after us, so its start time is not ours. */
	CHECK(ring_meta(r)->source_start_ns >= ring_meta(r)->writer_start_ns);
	CHECK(shmtel_agent_set_gone(a, 0) == 0);
	CHECK(!(ring_flags(r) & SHM_F_GONE));
	s = t_series(a, "v", SHMTEL_GAUGE, SHMTEL_F64);
	shmtel_emit_f64(s, 1.5);
	CHECK(shmtel_agent_free(a) == 0);	/* ASan/LSan: nothing leaks, nothing dangles */
	CHECK(ring_flags(r) & SHM_F_CLOSED);
	CHECK_EQ(ring_alive(r), 0);
	ring_close(r);

	/* A ring describing itself records its own start time as the source's. */
	mine = t_open(dir, "self", 64, 2);
	own = t_ring(dir, "self");
	CHECK(ring_meta(own)->source_start_ns == ring_meta(own)->writer_start_ns);
	ring_close(own);
	CHECK(shmtel_agent_free(mine) == 0);
	kill(kid, SIGKILL);
	waitpid(kid, &st, 0);
	return 0;
}
