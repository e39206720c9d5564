/* SPDX-License-Identifier: MIT */
/*
 * nixl_drain.c - cost per event of draining a NIXL ring (version 4,
 * 16-byte events), next to baselines measured in the same run: copying
 * the slots, NIXL's own one-event-at-a-time pop, and shmtel_emit alone
 * (what republishing adds).
 *
 * A round fills a 4096-slot ring REFILLS times (the filling is not timed)
 * and times the draining; figures are ns per event, median of ROUNDS.
 */
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "nixl/nixl_pub.h"
#include "nixl/nixl_ring.h"
#include "shmtel.h"
#include "bench.h"

#define ROUNDS 9
#define REFILLS 50
#define CAP 4096u
#define EVENTS (CAP - 1)	/* a full ring */
#define BATCH 1024

static uint8_t *map;
static _Atomic uint64_t *wpos, *rpos;
static char path[512];
static volatile uint64_t sink;
static struct nixl_event evbuf[BATCH];




/*
 * NIXL's producer, untimed: fill the ring up to full, cycling through
 * the six counter types (histograms cost more to republish and would
 * make the shmtel_emit baseline an unfair comparison).
 */
static void fill(void)
{
	uint64_t w = atomic_load_explicit(wpos, memory_order_relaxed);

	for (;;) {
		uint64_t next = (w + 1) & (CAP - 1);
		uint8_t *slot = map + NIXL_HDR_SIZE + w * 16;
		uint32_t type = (uint32_t)(w % 6);
		uint64_t value = 4096 + w;

		if (next == atomic_load_explicit(rpos, memory_order_acquire))
			break;
		memcpy(slot, &type, 4);
		memcpy(slot + 8, &value, 8);
		w = next;
		atomic_store_explicit(wpos, w, memory_order_release);
	}
}

/* Empty the ring without looking (untimed reset). */
static void discard(void)
{
	atomic_store_explicit(rpos, atomic_load(wpos), memory_order_release);
}

/* Baseline: copy the ring's slots out, nothing else. */
static uint64_t run_memcpy(void *arg)
{
	static uint8_t out[CAP * 16];
	uint64_t t;

	(void)arg;
	t = bench_now_ns();
	memcpy(out, map + NIXL_HDR_SIZE, EVENTS * 16);
	sink += out[100];
	t = bench_now_ns() - t;
	discard();
	return t;
}

/* Baseline: NIXL's reader, one pop (one copy, one release store) per event. */
static uint64_t run_pop(void *arg)
{
	uint64_t t, r, w, sum = 0;

	(void)arg;
	t = bench_now_ns();
	for (;;) {
		uint8_t ev[16];

		r = atomic_load_explicit(rpos, memory_order_relaxed);
		w = atomic_load_explicit(wpos, memory_order_acquire);
		if (r == w)
			break;
		memcpy(ev, map + NIXL_HDR_SIZE + r * 16, 16);
		sum += ev[8];
		atomic_store_explicit(rpos, (r + 1) & (CAP - 1), memory_order_release);
	}
	sink += sum;
	return bench_now_ns() - t;
}

/* nixl_read until empty; @arg: the ring handle (consuming or peeking). */
static uint64_t run_read(void *arg)
{
	struct nixl_ring *r = arg;
	uint64_t t, missed = 0;
	long n;

	t = bench_now_ns();
	do {
		n = nixl_read(r, evbuf, BATCH, &missed);
		if (n > 0)
			sink += evbuf[0].value;
	} while (n == BATCH);
	t = bench_now_ns() - t;
	discard();	/* a peek leaves the events: empty the ring for the next fill */
	return t;
}

struct pub_arg {
	struct nixl_ring *r;
	struct nixl_pub *p;
	struct shmtel_series *s;
};

/* The bridge's work: nixl_read and republish every event. */
static uint64_t run_bridge(void *arg)
{
	struct pub_arg *a = arg;
	uint64_t t, missed = 0;
	long n;

	t = bench_now_ns();
	do {
		n = nixl_read(a->r, evbuf, BATCH, &missed);
		for (long i = 0; i < n; i++)
			nixl_pub_event(a->p, &evbuf[i]);
	} while (n == BATCH);
	return bench_now_ns() - t;
}

/* Baseline: shmtel_emit alone, once per event of a full ring. */
static uint64_t run_emit(void *arg)
{
	struct pub_arg *a = arg;
	uint64_t t;

	t = bench_now_ns();
	for (uint64_t i = 0; i < EVENTS; i++)
		shmtel_emit(a->s, 4096 + i);
	t = bench_now_ns() - t;
	discard();
	return t;
}

static double measure(uint64_t (*fn)(void *), void *arg)
{
	double per[ROUNDS];

	for (int round = 0; round < ROUNDS; round++) {
		uint64_t ns = 0;

		for (int k = 0; k < REFILLS; k++) {
			fill();
			ns += fn(arg);
		}
		per[round] = (double)ns / ((double)REFILLS * EVENTS);
	}
	return bench_median(per, ROUNDS);
}

int main(void)
{
	struct shmtel_series_desc d = { .category = SHMTEL_TRANSFER, .name = "agent_tx_bytes",
					.kind = SHMTEL_COUNTER, .type = SHMTEL_U64, .unit = "bytes" };
	struct shmtel_config cfg = { .name = "bench-emit", .lanes = 2 };
	struct nixl_ring *cons, *peek;
	struct shmtel_agent *agent;
	struct pub_arg pa;
	char dir[] = "/tmp/bench-nixl-XXXXXX", why[256], emit_path[600], pub_path[600];
	size_t size = NIXL_HDR_SIZE + CAP * 16;
	double copy, pop, rd, pk, emit, bridge;
	int fd;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/agent", dir);
	fd = open(path, O_CREAT | O_RDWR, 0644);
	if (fd < 0 || ftruncate(fd, (off_t)size))
		return 1;
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 1;
	((struct nixl_hdr *)(void *)map)->version = 4;
	((struct nixl_hdr *)(void *)map)->expected_version = 4;
	((struct nixl_hdr *)(void *)map)->capacity = CAP;
	((struct nixl_hdr *)(void *)map)->mask = CAP - 1;
	wpos = (_Atomic uint64_t *)(void *)map;
	rpos = (_Atomic uint64_t *)(void *)(map + 8);
	if (nixl_open(path, 1, 0, &cons, why, sizeof(why)) ||
	    nixl_open(path, 0, 0, &peek, why, sizeof(why))) {
		fprintf(stderr, "bench: %s: %s\n", path, why);
		return 1;
	}
	cfg.dir = dir;
	if (shmtel_agent_open(&cfg, &agent) || shmtel_series_get(agent, &d, &pa.s) ||
	    nixl_pub_open(dir, "agent", 50, 0, 0, &pa.p)) {
		fprintf(stderr, "bench: cannot open shmtel agents in %s\n", dir);
		return 1;
	}
	pa.r = cons;

	copy = measure(run_memcpy, NULL);
	pop = measure(run_pop, NULL);
	rd = measure(run_read, cons);
	pk = measure(run_read, peek);
	emit = measure(run_emit, &pa);
	bridge = measure(run_bridge, &pa);

	printf("NIXL ring drain, %u-slot version-4 ring, median of %d rounds x %d fills "
	       "(ns per event)\n", CAP, ROUNDS, REFILLS);
	printf("  %-44s %8s %8s\n", "", "ns", "x pop");
	bench_row("baseline: memcpy of the slots", copy, pop);
	bench_row("baseline: NIXL pop, one store per event", pop, pop);
	bench_row("nixl_read consuming (batched, decoded)", rd, pop);
	bench_row("nixl_read peeking (read-only)", pk, pop);
	bench_row("baseline: shmtel_emit alone", emit, pop);
	bench_row("bridge: nixl_read + republish", bridge, pop);

	nixl_close(cons);
	nixl_close(peek);
	nixl_pub_close(pa.p, 0);
	shmtel_agent_close(agent);
	munmap(map, size);
	snprintf(emit_path, sizeof(emit_path), "%s/bench-emit", dir);
	snprintf(pub_path, sizeof(pub_path), "%s/" NIXL_PUB_PREFIX "agent", dir);
	unlink(emit_path);
	unlink(pub_path);
	unlink(path);
	rmdir(dir);
	return 0;
}
