/* SPDX-License-Identifier: MIT */
/*
 * Processes sharing a ring after fork create the same series at the same
 * time: the registry ends up with one entry per series (losers of a race
 * are marked and skipped), and both processes' emits land in it.
 */
#include <sys/wait.h>
#include "harness.h"

#define SERIES 200
#define KIDS 3

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "dedup", 64, 8);
	struct ring *r;
	struct ring_series rs;
	struct ring_agg ag;
	int ready = 0, st;
	pid_t kids[KIDS];

	for (int k = 0; k < KIDS; k++) {
		kids[k] = fork();
		CHECK(kids[k] >= 0);
		if (kids[k] == 0) {
			for (int i = 0; i < SERIES; i++) {
				char name[32];

				snprintf(name, sizeof(name), "s%d", i);
				shmtel_emit(t_series(a, name, SHMTEL_COUNTER, SHMTEL_U64), 1);
			}
			_exit(0);
		}
	}
	for (int k = 0; k < KIDS; k++)
		CHECK(waitpid(kids[k], &st, 0) == kids[k] && WIFEXITED(st) && !WEXITSTATUS(st));
	r = t_ring(dir, "dedup");
	for (uint32_t i = 0; i < ring_series_count(r); i++) {
		if (ring_series_get(r, i, &rs))
			continue;
		ready++;
		CHECK(ring_aggregate(r, &rs, &ag) == 0);
		CHECK_EQ(ag.count, KIDS);
	}
	CHECK_EQ(ready, SERIES);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
