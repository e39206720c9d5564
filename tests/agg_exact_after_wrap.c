/* SPDX-License-Identifier: MIT */
/*
 * The aggregates stay exact however often the ring wraps: counters,
 * min/max/last and every histogram bucket, for explicit and default bounds.
 */
#include "harness.h"

#define CAP 16

static const double nixl_us[] = { 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000,
				  50000, 100000, 250000, 500000, 1000000, 5000000, 10000000 };

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_agent *a = t_open(dir, "agg", CAP, 2);
	struct shmtel_series_desc d = { .category = SHMTEL_PERFORMANCE, .name = "xfer",
					.kind = SHMTEL_HISTOGRAM, .type = SHMTEL_U64, .unit = "us",
					.bounds = nixl_us, .nbounds = 18 };
	struct shmtel_series *h, *c = t_series(a, "bytes", SHMTEL_COUNTER, SHMTEL_U64);
	struct shmtel_series *l = t_series(a, "log", SHMTEL_HISTOGRAM, SHMTEL_U64);
	struct ring *r;
	struct ring_series sh, sc, sl;
	struct ring_agg ag;
	uint64_t want[19] = { 0 }, wantlog[48] = { 0 }, sum = 0, n = 100000;

	CHECK(shmtel_series_get(a, &d, &h) == 0 && h);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t v = (i * 7919) % 20000000, b = 0, k = 0;

		shmtel_emit(h, v);
		shmtel_emit(c, i);
		shmtel_emit(l, i);
		sum += v;
		while (b < 18 && nixl_us[b] < (double)v)
			b++;
		want[b]++;
		while (k < 47 && (double)(1ull << k) < (double)i)
			k++;
		wantlog[k]++;
	}
	r = t_ring(dir, "agg");
	t_find(r, "xfer", &sh);
	t_find(r, "bytes", &sc);
	t_find(r, "log", &sl);
	CHECK_EQ(sh.nbounds, 18);
	CHECK(sh.bounds[17] == 10000000);
	CHECK(ring_aggregate(r, &sh, &ag) == 0);
	CHECK_EQ(ag.count, n);
	CHECK_EQ(ag.sum, sum);
	for (int i = 0; i <= 18; i++)
		CHECK_EQ(ag.buckets[i], want[i]);
	CHECK(ring_aggregate(r, &sc, &ag) == 0);
	CHECK_EQ(ag.count, n);
	CHECK_EQ(ag.sum, n * (n - 1) / 2);
	CHECK_EQ(ag.min, 0);
	CHECK_EQ(ag.max, n - 1);
	CHECK_EQ(ag.last, n - 1);
	CHECK(sl.log2 && sl.nbounds == 47);
	CHECK(ring_aggregate(r, &sl, &ag) == 0);
	for (int i = 0; i <= 47; i++)
		CHECK_EQ(ag.buckets[i], wantlog[i]);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
