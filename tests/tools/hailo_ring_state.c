/* SPDX-License-Identifier: MIT */
/*
 * hailo_ring_state - print what the Hailo tests check in a ring: the
 * header's source pid, whether the writer is alive, the GONE and CLOSED
 * flags, and each series' last value from the aggregates (not from the
 * events, so it also shows what a reader that joins late would see).
 *
 *   hailo_ring_state RING
 *   agent=hailo-42 source_pid=42 alive=1 gone=0 closed=0
 *   hailo_network_fps{network="yolo"} 30 unit=fps count=1
 * A series with no value yet prints "none" as its value; NaN prints "nan".
 */
#include <stdio.h>
#include <string.h>
#include "common/fmt.h"
#include "shm/ring_read.h"

int main(int argc, char **argv)
{
	const struct ring_meta *m;
	struct ring *r;
	char why[256];
	uint32_t flags;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: hailo_ring_state RING\n");
		return 2;
	}
	ret = ring_open(argv[1], &r, why, sizeof(why));
	if (ret) {
		fprintf(stderr, "hailo_ring_state: %s: %s\n", argv[1], why);
		return 1;
	}
	m = ring_meta(r);
	flags = ring_flags(r);
	printf("agent=%s source_pid=%d alive=%d gone=%d closed=%d\n", m->agent, (int)m->source_pid,
	       ring_alive(r), !!(flags & SHM_F_GONE), !!(flags & SHM_F_CLOSED));
	for (uint32_t i = 0; i < ring_series_count(r); i++) {
		struct ring_series s;
		struct ring_agg a;
		char labels[1024];

		if (ring_series_get(r, i, &s) || ring_aggregate(r, &s, &a))
			continue;
		fmt_labels(labels, sizeof(labels), &s, esc_term);
		printf("%s{%s} ", s.name, labels);
		if (a.count)
			printf("%.17g", ring_value_double(s.vtype, a.last));
		else
			printf("none");
		printf(" unit=%s count=%llu\n", s.unit, (unsigned long long)a.count);
	}
	ring_close(r);
	return 0;
}
