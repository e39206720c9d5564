/* SPDX-License-Identifier: MIT */
/* Every value type comes back out of the ring and the aggregates exactly. */
#include <math.h>
#include <time.h>
#include "harness.h"

static struct ring_event ev[64];

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "rt", 64, 2);
	struct shmtel_series *u = t_series(a, "u", SHMTEL_COUNTER, SHMTEL_U64);
	struct shmtel_series *i = t_series(a, "i", SHMTEL_GAUGE, SHMTEL_I64);
	struct shmtel_series *f = t_series(a, "f", SHMTEL_GAUGE, SHMTEL_F64);
	struct ring *r = t_ring(dir, "rt");
	struct ring_series su, si, sf;
	struct ring_agg ag;
	struct ring_cursor c;
	uint64_t missed = 0;
	long n;

	shmtel_emit(u, 5);
	shmtel_emit(u, UINT64_MAX - 1);
	shmtel_emit_i64(i, -7);
	shmtel_emit_i64(i, 3);
	shmtel_emit_f64(f, 2.5);
	shmtel_emit_f64(f, -0.25);
	t_find(r, "u", &su);
	t_find(r, "i", &si);
	t_find(r, "f", &sf);
	CHECK_EQ(su.vtype, SHM_U64);
	CHECK_EQ(si.kind, SHM_KIND_GAUGE);

	CHECK(ring_cursor_init(r, &c, 0) == 0);
	n = ring_poll(r, &c, ev, 64, &missed);
	CHECK_EQ(n, 6);
	CHECK_EQ(missed, 0);
	CHECK(ev[1].value == UINT64_MAX - 1 && ev[1].series == su.id);
	CHECK((int64_t)ev[2].value == -7 && ev[2].series == si.id);
	CHECK(ring_value_double(SHM_F64, ev[5].value) == -0.25);
	for (int k = 1; k < 6; k++)
		CHECK(ev[k].ns >= ev[k - 1].ns);
	CHECK(ev[0].tid == (uint32_t)gettid());

	CHECK(ring_aggregate(r, &su, &ag) == 0);
	CHECK(ag.count == 2 && ag.sum == UINT64_MAX + 4ull && ag.min == 5 && ag.max == UINT64_MAX - 1);
	CHECK(ring_aggregate(r, &si, &ag) == 0);
	CHECK(ag.count == 2 && (int64_t)ag.sum == -4 && (int64_t)ag.min == -7 &&
	      (int64_t)ag.max == 3 && (int64_t)ag.last == 3);
	CHECK(ring_aggregate(r, &sf, &ag) == 0);
	CHECK(ring_value_double(SHM_F64, ag.sum) == 2.25 && ring_value_double(SHM_F64, ag.min) == -0.25);
	/* The clock: the last value was written moments ago. */
	CHECK(llabs((long long)(ag.last_ns / 1000000) - (long long)(time(NULL) * 1000)) < 5000);
	ring_cursor_free(&c);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
