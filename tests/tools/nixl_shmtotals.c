/* SPDX-License-Identifier: MIT */
/*
 * nixl_shmtotals - print what a shmtel ring written by telemetry_nixl
 * holds, in nixl_writer's --summary format, so tests can compare them:
 *
 *   state alive=1 gone=0 closed=0 source_pid=0
 *   NAME count=N sum=S category=C kind=K unit=U [bounds=B,... buckets=LE:N,...]
 *   ...
 * (agent_errors by status name; bounds and non-empty buckets for histograms).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "shm/ring_read.h"

int main(int argc, char **argv)
{
	struct ring_series s;
	struct ring_agg agg;
	struct ring *r;
	char why[256];
	uint32_t flags;

	if (argc != 2) {
		fprintf(stderr, "usage: nixl_shmtotals SHMTEL_RING\n");
		return 2;
	}
	if (ring_open(argv[1], &r, why, sizeof(why))) {
		fprintf(stderr, "nixl_shmtotals: %s: %s\n", argv[1], why);
		return 1;
	}
	flags = ring_flags(r);
	printf("state alive=%d gone=%d closed=%d source_pid=%d\n", ring_alive(r),
	       !!(flags & SHM_F_GONE), !!(flags & SHM_F_CLOSED), ring_meta(r)->source_pid);
	for (uint32_t id = 0; id < ring_series_count(r); id++) {
		const char *name, *k, *v;
		size_t pos = 0;

		if (ring_series_get(r, id, &s) || ring_aggregate(r, &s, &agg))
			continue;
		name = s.name;
		if (!strcmp(name, "agent_errors") && ring_label_next(s.labels, &pos, &k, &v))
			name = v;
		printf("%s count=%" PRIu64 " sum=%" PRIu64 " category=%s kind=%s unit=%s", name,
		       agg.count, agg.sum, ring_category_names[s.category], ring_kind_names[s.kind],
		       s.unit[0] ? s.unit : "-");
		if (s.kind == SHM_KIND_HISTOGRAM && !s.log2) {
			const char *sep = " buckets=";

			for (uint32_t b = 0; b < s.nbounds; b++)
				printf("%s%.17g", b ? "," : " bounds=", s.bounds[b]);
			for (uint32_t b = 0; b <= s.nbounds; b++) {
				if (!agg.buckets[b])
					continue;
				if (b < s.nbounds)
					printf("%s%.17g:%" PRIu64, sep, s.bounds[b], agg.buckets[b]);
				else
					printf("%s+Inf:%" PRIu64, sep, agg.buckets[b]);
				sep = ",";
			}
		}
		putchar('\n');
	}
	ring_close(r);
	return 0;
}
