/* SPDX-License-Identifier: MIT */
/*
 * The per-thread caches of the emit path (lib/emit.c) never send an event
 * to the wrong place:
 * - one thread emitting in turn into more agents than its lane cache
 *   holds writes every event into the one lane it owns in each agent (the
 *   lane it claimed first, found again after an eviction), and each
 *   agent's total is exact;
 * - shmtel_emit_name with one buffer rewritten between calls goes by the
 *   text, not the address;
 * - after an agent is closed and another opened (perhaps at the same
 *   address), a cached name does not lead into the closed agent.
 */
#include <string.h>
#include "harness.h"

#define AGENTS 6	/* more than the lane cache's entries */
#define ROUNDS 3000

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a[AGENTS], *x;
	struct shmtel_series *s[AGENTS];
	struct ring_event ev[256];
	struct ring_series rs;
	struct ring_agg ag;
	struct ring *r;
	char name[16], buf[16];

	for (int i = 0; i < AGENTS; i++) {
		snprintf(name, sizeof(name), "a%d", i);
		a[i] = t_open(dir, name, 1u << 14, 4);
		s[i] = t_series(a[i], "n", SHMTEL_COUNTER, SHMTEL_U64);
	}
	for (int k = 0; k < ROUNDS; k++)
		for (int i = 0; i < AGENTS; i++)
			shmtel_emit(s[i], (uint64_t)i + 1);
	for (int i = 0; i < AGENTS; i++) {
		struct ring_cursor c;
		uint64_t missed = 0, n = 0;
		long got;

		snprintf(name, sizeof(name), "a%d", i);
		r = t_ring(dir, name);
		ring_cursor_init(r, &c, 0);
		while ((got = ring_poll(r, &c, ev, 256, &missed)) > 0) {
			for (long j = 0; j < got; j++) {
				if (ev[j].lane != 1 || ev[j].value != (uint64_t)i + 1) {
					fprintf(stderr, "%s: event %llu in lane %u, value %llu\n", name,
						(unsigned long long)n, ev[j].lane,
						(unsigned long long)ev[j].value);
					return 1;
				}
				n++;
			}
		}
		CHECK_EQ(n, ROUNDS);
		CHECK_EQ(missed, 0);
		t_find(r, "n", &rs);
		CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == ROUNDS &&
		      ag.sum == (uint64_t)ROUNDS * (uint64_t)(i + 1));
		ring_cursor_free(&c);
		ring_close(r);
	}

	/* One buffer, two names. */
	strcpy(buf, "alpha");
	CHECK_EQ(shmtel_emit_name(a[0], buf, 10), 0);
	strcpy(buf, "beta");
	CHECK_EQ(shmtel_emit_name(a[0], buf, 20), 0);
	CHECK_EQ(shmtel_emit_name(a[0], buf, 21), 0);
	strcpy(buf, "alphabet");	/* "alpha" as a prefix must not match */
	CHECK_EQ(shmtel_emit_name(a[0], buf, 30), 0);
	r = t_ring(dir, "a0");
	t_find(r, "alpha", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1 && ag.last == 10);
	t_find(r, "beta", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 2 && ag.last == 21);
	t_find(r, "alphabet", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1 && ag.last == 30);
	ring_close(r);

	/* A cached name of a closed agent. */
	CHECK_EQ(shmtel_emit_name(a[1], "gone", 1), 0);
	shmtel_agent_close(a[1]);
	x = t_open(dir, "fresh", 4096, 4);
	CHECK_EQ(shmtel_emit_name(x, "gone", 5), 0);
	r = t_ring(dir, "fresh");
	t_find(r, "gone", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1 && ag.last == 5);
	ring_close(r);
	r = t_ring(dir, "a1");
	t_find(r, "gone", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1 && ag.last == 1);
	ring_close(r);
	shmtel_agent_close(x);
	for (int i = 0; i < AGENTS; i++)
		if (i != 1)
			shmtel_agent_close(a[i]);
	return 0;
}
