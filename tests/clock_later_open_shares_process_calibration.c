/* SPDX-License-Identifier: MIT */
/*
 * The TSC is calibrated once per process: an agent opened later (here,
 * more than a second later, so the shared rate has been refined over
 * that time) still stamps its events with the wall-clock time at which
 * they were emitted, as read back by a reader in another process.  Each
 * event is bracketed by CLOCK_REALTIME readings; it must fall between
 * them, give or take 1 ms of calibration error.
 */
#include <sys/wait.h>
#include <time.h>
#include "harness.h"
#include "shm/clock.h"
#include "shm/ring_read.h"
#include "shmtel.h"

#define SLACK_NS 1000000ull

static const char *dir;

static void emit_bracketed(const char *name, uint64_t out[2])
{
	struct shmtel_config cfg = { .dir = dir, .name = name, .capacity = 4096, .lanes = 2 };
	struct shmtel_series_desc d = {
		.category = SHMTEL_CUSTOM, .name = "n", .kind = SHMTEL_COUNTER, .type = SHMTEL_U64,
	};
	struct shmtel_agent *a;
	struct shmtel_series *s;

	CHECK_EQ(shmtel_agent_open(&cfg, &a), 0);
	CHECK_EQ(shmtel_series_get(a, &d, &s), 0);
	out[0] = clock_realtime_ns();
	shmtel_emit(s, 1);
	out[1] = clock_realtime_ns();
	shmtel_agent_close(a);
}

/* In a child: the event of ring @name must lie within @when. */
static void check_ring(const char *name, const uint64_t when[2])
{
	struct ring_event ev[4];
	struct ring_cursor c;
	struct ring *r;
	uint64_t missed = 0;
	char path[512], why[128];
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CHECK_EQ(ring_open(path, &r, why, sizeof(why)), 0);
	ring_cursor_init(r, &c, 0);
	n = ring_poll(r, &c, ev, 4, &missed);
	CHECK_EQ(n, 1);
	if (ev[0].ns + SLACK_NS < when[0] || ev[0].ns > when[1] + SLACK_NS) {
		fprintf(stderr, "%s: event at %llu, emitted within [%llu, %llu]\n", name,
			(unsigned long long)ev[0].ns, (unsigned long long)when[0],
			(unsigned long long)when[1]);
		exit(1);
	}
	ring_cursor_free(&c);
	ring_close(r);
}

int main(void)
{
	struct timespec pause = { 1, 200 * 1000 * 1000 };
	uint64_t first[2], later[2];
	int status;
	pid_t pid;

	dir = t_tmpdir();
	emit_bracketed("first", first);
	/* Long enough for a later open to refine the process' rate (clock.c). */
	while (nanosleep(&pause, &pause))
		;
	emit_bracketed("later", later);
	pid = fork();
	CHECK(pid >= 0);
	if (!pid) {
		check_ring("first", first);
		check_ring("later", later);
		_exit(0);
	}
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return 0;
}
