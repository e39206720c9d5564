/* SPDX-License-Identifier: MIT */
/*
 * A full registry (or full histogram slots) is -ENOSPC for the caller;
 * the series that exist keep working.
 */
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_config cfg = { .dir = dir, .name = "full", .capacity = 64, .max_series = 8,
				     .max_histograms = 2 };
	struct shmtel_series_desc d = { .category = SHMTEL_CUSTOM, .type = SHMTEL_U64 };
	struct shmtel_series *s[8], *x;
	struct shmtel_agent *a;
	struct ring_series rs;
	struct ring_agg ag;
	struct ring *r;
	char name[16];

	CHECK(shmtel_agent_open(&cfg, &a) == 0);
	d.kind = SHMTEL_HISTOGRAM;
	for (int i = 0; i < 2; i++) {
		snprintf(name, sizeof(name), "h%d", i);
		d.name = name;
		CHECK(shmtel_series_get(a, &d, &s[i]) == 0 && s[i]);
	}
	d.name = "h2";
	CHECK_EQ(shmtel_series_get(a, &d, &x), -ENOSPC);
	d.kind = SHMTEL_GAUGE;
	/* The failed histogram used a registry slot: 5 gauges fit, not 6. */
	for (int i = 2; i < 7; i++) {
		snprintf(name, sizeof(name), "g%d", i);
		d.name = name;
		CHECK(shmtel_series_get(a, &d, &s[i]) == 0 && s[i]);
	}
	d.name = "one-too-many";
	CHECK_EQ(shmtel_series_get(a, &d, &x), -ENOSPC);
	CHECK_EQ(shmtel_emit_name(a, "another", 1), -ENOSPC);
	shmtel_emit(s[6], 42);
	r = t_ring(dir, "full");
	CHECK_EQ(ring_series_count(r), 8);
	t_find(r, "g6", &rs);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1 && ag.last == 42);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
