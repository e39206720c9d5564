/* SPDX-License-Identifier: MIT */
/*
 * A reader that falls behind by more than the capacity is told exactly how
 * many events it missed, and then reads the newest capacity events in order.
 */
#include "harness.h"

#define CAP 64

int main(void)
{
	static struct ring_event ev[4 * CAP];
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "wrap", CAP, 2);
	struct shmtel_series *s = t_series(a, "v", SHMTEL_GAUGE, SHMTEL_U64);
	struct ring *r = t_ring(dir, "wrap");
	struct ring_cursor c;
	uint64_t missed = 0;
	long n;

	CHECK(ring_cursor_init(r, &c, 0) == 0);
	for (uint64_t i = 0; i < 10; i++)
		shmtel_emit(s, i);
	n = ring_poll(r, &c, ev, 4 * CAP, &missed);
	CHECK_EQ(n, 10);
	CHECK_EQ(missed, 0);
	/* Now fall 3.5 capacities behind. */
	for (uint64_t i = 10; i < 10 + 3 * CAP + CAP / 2; i++)
		shmtel_emit(s, i);
	n = ring_poll(r, &c, ev, 4 * CAP, &missed);
	CHECK_EQ(n, CAP);
	CHECK_EQ(missed, 3 * CAP + CAP / 2 - CAP);
	for (long i = 0; i < n; i++)
		CHECK_EQ(ev[i].value, 10 + 3 * CAP + CAP / 2 - CAP + (uint64_t)i);
	/* Nothing new: nothing read, nothing missed. */
	missed = 0;
	CHECK_EQ(ring_poll(r, &c, ev, 4 * CAP, &missed), 0);
	CHECK_EQ(missed, 0);
	ring_cursor_free(&c);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
