/* SPDX-License-Identifier: MIT */
/*
 * wall_stamp_writer - events whose wall-clock time is known: each emit
 * is bracketed by two CLOCK_REALTIME readings, for a reader (in another
 * process, perhaps on another architecture) to hold the event's time
 * against.
 *
 *   wall_stamp_writer DIR NAME COUNT GAP_MS
 *
 * Emits COUNT events 1, 2, ..., COUNT to the counter "stamp", GAP_MS
 * apart, in the ring DIR/NAME with the machine's tick clock (as every
 * agent does), and prints one line per event: "K BEFORE AFTER", the
 * readings in ns since the epoch.  Spread over more than two seconds,
 * the events straddle the writer's first refinement of the tick rate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "shmtel.h"

static unsigned long long realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	struct shmtel_series_desc d = {
		.category = SHMTEL_CUSTOM, .name = "stamp", .kind = SHMTEL_COUNTER, .type = SHMTEL_U64,
	};
	struct shmtel_config cfg = { .capacity = 1024, .lanes = 2 };
	struct shmtel_agent *a;
	struct shmtel_series *s;
	struct timespec gap;
	long count, gap_ms;
	int ret;

	if (argc != 5 || (count = atol(argv[3])) < 1 || count > 1024 || (gap_ms = atol(argv[4])) < 0) {
		fprintf(stderr, "usage: wall_stamp_writer DIR NAME COUNT(1..1024) GAP_MS\n");
		return 2;
	}
	cfg.dir = argv[1];
	cfg.name = argv[2];
	gap.tv_sec = gap_ms / 1000;
	gap.tv_nsec = gap_ms % 1000 * 1000000;
	ret = shmtel_agent_open(&cfg, &a);
	if (!ret)
		ret = shmtel_series_get(a, &d, &s);
	if (ret) {
		fprintf(stderr, "wall_stamp_writer: %s/%s: %s\n", argv[1], argv[2], strerror(-ret));
		return 1;
	}
	for (long k = 1; k <= count; k++) {
		unsigned long long before, after;
		struct timespec left = gap;

		before = realtime_ns();
		shmtel_emit(s, (uint64_t)k);
		after = realtime_ns();
		printf("%ld %llu %llu\n", k, before, after);
		while (k < count && nanosleep(&left, &left))
			;
	}
	return shmtel_agent_close(a) ? 1 : 0;
}
