/* SPDX-License-Identifier: MIT */
/*
 * top_hist_writer - an agent with one histogram of known contents, for
 * telemetry_top's percentile test.
 *
 *   top_hist_writer DIR NAME
 *
 * Series "latency" (PERFORMANCE, unit us, bounds 10, 20, ..., 100) gets
 * the values 1, 2, ..., 100 once each: ten per bucket, so interpolating
 * inside the buckets gives p50 = 50 and p99 = 99 exactly.  The agent then
 * closes and the program exits.
 */
#include <stdio.h>
#include <string.h>
#include "shmtel.h"

int main(int argc, char **argv)
{
	static const double bounds[] = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
	struct shmtel_config cfg = { .capacity = 256, .lanes = 2, .max_series = 4, .max_histograms = 1 };
	struct shmtel_series_desc d = {
		.category = SHMTEL_PERFORMANCE, .name = "latency", .kind = SHMTEL_HISTOGRAM,
		.type = SHMTEL_U64, .unit = "us", .bounds = bounds,
		.nbounds = sizeof(bounds) / sizeof(bounds[0]),
	};
	struct shmtel_agent *a;
	struct shmtel_series *s;
	int ret;

	if (argc != 3) {
		fprintf(stderr, "usage: top_hist_writer DIR NAME\n");
		return 2;
	}
	cfg.dir = argv[1];
	cfg.name = argv[2];
	ret = shmtel_agent_open(&cfg, &a);
	if (!ret)
		ret = shmtel_series_get(a, &d, &s);
	if (ret) {
		fprintf(stderr, "top_hist_writer: %s\n", strerror(-ret));
		return 1;
	}
	for (uint64_t v = 1; v <= 100; v++)
		shmtel_emit(s, v);
	shmtel_agent_close(a);
	return 0;
}
