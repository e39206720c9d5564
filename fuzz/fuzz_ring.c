/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ring - the ring file validator, registry decoder, aggregates and
 * event decoder on hostile files (made from the input by ring_input.h,
 * over a valid ring built once at start-up).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ring_input.h"
#include "shm/ring_read.h"
#include "shmtel.h"

static uint8_t *tmpl;
static size_t tmpl_len;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/fuzz-ring-XXXXXX";
	struct shmtel_config cfg = { .name = "t", .capacity = 4, .lanes = 2, .max_series = 3,
				     .max_histograms = 1 };
	struct shmtel_series_desc d = { .category = SHMTEL_TRANSFER, .name = "h",
					.labels = "k=\"v\"", .kind = SHMTEL_HISTOGRAM };
	struct shmtel_agent *a;
	struct shmtel_series *s;

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	cfg.dir = dir;
	if (shmtel_agent_open(&cfg, &a) || shmtel_series_get(a, &d, &s))
		abort();
	for (int i = 0; i < 7; i++)
		shmtel_emit(s, (uint64_t)i * 1000);
	shmtel_emit_name(a, "g", 5);
	shmtel_agent_close(a);
	fuzz_take_template(dir, "t", &tmpl, &tmpl_len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ring_event ev[16];
	struct ring_cursor c;
	struct ring_totals tot;
	struct ring *r;
	uint64_t missed = 0;
	int fd = fuzz_ring_fd(data, size, tmpl, tmpl_len);

	if (fd < 0)
		return 0;
	if (ring_open_fd(fd, &r, NULL, 0))
		return 0;
	for (uint32_t i = 0; i < ring_series_count(r); i++) {
		struct ring_series s;
		struct ring_agg ag;
		const char *k, *v;
		size_t pos = 0;

		if (ring_series_get(r, i, &s))
			continue;
		while (ring_label_next(s.labels, &pos, &k, &v))
			;
		ring_aggregate(r, &s, &ag);
	}
	ring_totals(r, &tot);
	ring_alive(r);
	if (!ring_cursor_init(r, &c, 0)) {
		for (int k = 0; k < 4 && ring_poll(r, &c, ev, 16, &missed) > 0; k++)
			;
		ring_cursor_free(&c);
	}
	ring_close(r);
	return 0;
}
