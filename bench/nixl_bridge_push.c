/* SPDX-License-Identifier: MIT */
/*
 * nixl_bridge_push.c - the highest rate a NIXL writer can push at without
 * a single drop while telemetry_nixl (default 50 ms interval) consumes
 * its ring, next to the baseline of the same run: the rate the writer
 * reaches on its own, nobody consuming, with the ring never full (the
 * writer moves read_pos on itself; a full ring would make every push a
 * cheap drop and the figure meaningless).
 *
 * The writer is this process, pushing NIXL's way (fill slot write_pos,
 * publish write_pos + 1 with release; full when the next slot is
 * read_pos) into a fresh 4096-slot version-4 ring per step, paced to the
 * step's rate: WARM_NS not counted (the bridge learns the rate from the
 * fill it finds; a writer leaping from idle to a rate that fills the ring
 * within one interval drops before any poller of that interval could
 * help), then STEP_NS counted.  Rates double from START_RATE until a step
 * drops, then BISECT steps narrow the gap; the figure is the highest rate
 * that dropped nothing.  Bounded: at most MAX_STEPS steps.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "nixl/nixl_ring.h"
#include "bench.h"

#define CAP 4096u
#define STEP_NS 1000000000ull
#define WARM_NS 300000000ull
#define START_RATE 25000.0
#define MAX_DOUBLINGS 10
#define BISECT 4
#define PACE_EVERY 32		/* pushes between looks at the clock */

struct ring {
	uint8_t *base;
	_Atomic uint64_t *wpos, *rpos;
};

static char dir[256];

/* A fresh ring file named @name in dir/in; 0 or -1 (message printed). */
static int make_ring(const char *name, struct ring *r)
{
	size_t size = NIXL_HDR_SIZE + CAP * 16;
	struct nixl_hdr h = { .version = 4, .expected_version = 4, .capacity = CAP, .mask = CAP - 1 };
	char tmp[512], path[512];
	int fd;

	/* Complete before it appears: the bridge must not see half a header. */
	snprintf(tmp, sizeof(tmp), "%s/in/.%s", dir, name);
	snprintf(path, sizeof(path), "%s/in/%s", dir, name);
	fd = open(tmp, O_CREAT | O_EXCL | O_RDWR, 0644);
	if (fd < 0 || ftruncate(fd, (off_t)size)) {
		fprintf(stderr, "bench: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	r->base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (r->base == MAP_FAILED) {
		fprintf(stderr, "bench: map: %s\n", strerror(errno));
		return -1;
	}
	memcpy(r->base, &h, sizeof(h));
	r->wpos = (_Atomic uint64_t *)(void *)(r->base + offsetof(struct nixl_hdr, write_pos));
	r->rpos = (_Atomic uint64_t *)(void *)(r->base + offsetof(struct nixl_hdr, read_pos));
	if (rename(tmp, path)) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void drop_ring(const char *name, struct ring *r)
{
	char path[512];

	munmap(r->base, NIXL_HDR_SIZE + CAP * 16);
	snprintf(path, sizeof(path), "%s/in/%s", dir, name);
	unlink(path);
}

/* NIXL's push of one agent_tx_bytes event: 1 stored, 0 dropped (full). */
static int push(struct ring *r, uint64_t value)
{
	/* Relaxed: only this process stores write_pos. */
	uint64_t w = atomic_load_explicit(r->wpos, memory_order_relaxed);
	uint64_t next = (w + 1) & (CAP - 1);
	uint8_t *slot = r->base + NIXL_HDR_SIZE + w * 16;
	uint32_t type = 0;

	/* Acquire: pairs with the consumer's release of read_pos after its copy. */
	if (next == atomic_load_explicit(r->rpos, memory_order_acquire))
		return 0;
	memcpy(slot, &type, 4);
	memcpy(slot + 8, &value, 8);
	/* Release: the slot is filled before the consumer can see it. */
	atomic_store_explicit(r->wpos, next, memory_order_release);
	return 1;
}

/*
 * Push at @rate (0: as fast as possible, and moving read_pos on as if
 * consumed) for @ns; returns the drops, and the rate reached in *@reached.
 */
static uint64_t run(struct ring *r, double rate, uint64_t ns, double *reached)
{
	uint64_t t0 = bench_now_ns(), now = t0, i = 0, drops = 0;

	while (now - t0 < ns) {
		for (int k = 0; k < PACE_EVERY; k++, i++)
			drops += !push(r, i);
		/* Release, as a consumer's: nobody reads the slots, nothing else to order. */
		if (rate <= 0)
			atomic_store_explicit(r->rpos, atomic_load_explicit(r->wpos, memory_order_relaxed),
					      memory_order_release);
		now = bench_now_ns();
		if (rate > 0) {
			double ahead = (double)i / rate - (double)(now - t0) / 1e9;

			/* Sleep off a lead of more than 0.2 ms; spin off a shorter one. */
			if (ahead > 2e-4) {
				struct timespec d = { 0, (long)(ahead * 1e9) };

				nanosleep(&d, NULL);
			}
			while ((double)i / rate > (double)((now = bench_now_ns()) - t0) / 1e9)
				;
		}
	}
	*reached = (double)i / ((double)(now - t0) / 1e9);
	return drops;
}

/* Wait until the bridge has attached ring @name (its shmtel agent exists). */
static int attached(const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/out/nixl-%s", dir, name);
	for (int i = 0; i < 500; i++) {
		struct timespec d = { 0, 10000000 };

		if (!stat(path, &st))
			return 1;
		nanosleep(&d, NULL);
	}
	fprintf(stderr, "bench: telemetry_nixl never attached %s\n", name);
	return 0;
}

/* One step with the bridge consuming: 1 if @rate dropped nothing, 0 if it did, -1 error. */
static int step(double rate, int n)
{
	char name[32];
	struct ring r;
	double reached;
	uint64_t drops;

	snprintf(name, sizeof(name), "agent%d", n);
	if (make_ring(name, &r))
		return -1;
	if (!attached(name))
		return -1;
	run(&r, rate, WARM_NS, &reached);
	drops = run(&r, rate, STEP_NS, &reached);
	drop_ring(name, &r);
	/* A rate the pacing could not reach is no proof of anything. */
	return !drops && reached >= rate * 0.97;
}

int main(void)
{
	double base, good = 0, bad = 0, rate = START_RATE;
	char in[300], out[300];
	struct ring r;
	pid_t bridge;
	int n = 0, ok = 0, status;

	snprintf(dir, sizeof(dir), "%s/bench-push-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir)) {
		perror("bench: mkdtemp");
		return 1;
	}
	snprintf(in, sizeof(in), "%s/in", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	if (mkdir(in, 0755) || mkdir(out, 0755)) {
		perror("bench: mkdir");
		return 1;
	}
	/* Baseline: nobody consuming. */
	if (make_ring("alone", &r))
		return 1;
	run(&r, 0, STEP_NS, &base);
	drop_ring("alone", &r);

	bridge = fork();
	if (bridge < 0) {
		perror("bench: fork");
		return 1;
	}
	if (!bridge) {
		execlp("telemetry_nixl", "telemetry_nixl", "--dir", out, in, (char *)NULL);
		perror("bench: telemetry_nixl");
		_exit(127);
	}
	for (int d = 0; d < MAX_DOUBLINGS && rate < base; d++, rate *= 2) {
		ok = step(rate, n++);
		if (ok < 0)
			goto out;
		if (!ok) {
			bad = rate;
			break;
		}
		good = rate;
	}
	if (!bad)
		bad = rate < base ? rate : base;
	for (int b = 0; b < BISECT && good; b++) {
		double mid = (good + bad) / 2;

		ok = step(mid, n++);
		if (ok < 0)
			goto out;
		if (ok)
			good = mid;
		else
			bad = mid;
	}
	ok = 1;
out:
	kill(bridge, SIGTERM);
	waitpid(bridge, &status, 0);
	snprintf(in, sizeof(in), "rm -rf '%s'", dir);
	if (system(in))
		fprintf(stderr, "bench: could not remove %s\n", dir);
	if (ok < 1)
		return 1;
	printf("NIXL writer into a %u-slot ring, 1 s per rate after 0.3 s to settle, "
	       "telemetry_nixl at its default interval\n", CAP);
	printf("  %-44s %8s %8s\n", "", "kev/s", "x alone");
	bench_row("writer alone, nobody consuming, never full", base / 1e3, base / 1e3);
	bench_row("highest rate without a drop, bridge consuming", good / 1e3, base / 1e3);
	return 0;
}
