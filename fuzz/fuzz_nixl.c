/* SPDX-License-Identifier: MIT */
/*
 * fuzz_nixl - NIXL ring recognition, event decoding and the consuming and
 * peeking readers on hostile files.
 *
 * NIXL files have no magic but must agree on version, capacity, mask and
 * size, which random bytes almost never do, so the first byte picks a
 * mode: even - the input is the whole file; odd - bytes 1-4 choose a
 * version, layout, capacity and positions, a consistent header is built
 * from them and the rest of the input becomes the events, which reaches
 * the decoder and the readers.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nixl/nixl_ring.h"

#define MAX_FILE (1u << 20)

static char path[64];

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/fuzz-nixl-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	atexit(remove_file);
	return 0;
}

/* Mode 1: a consistent header from bytes 1-4, events from the rest. */
static size_t build(const uint8_t *data, size_t size, uint8_t *file)
{
	static const uint32_t esize[] = { 56, 48, 16, 16, 16 };
	struct nixl_hdr h;
	uint32_t kind = data[1] % 5, es = esize[kind];
	size_t len, body;

	memset(&h, 0, sizeof(h));
	h.version = kind == 0 ? 1 : kind <= 2 ? 2 : (int32_t)kind;
	h.expected_version = h.version;
	h.capacity = 1ull << (data[2] % 9);
	h.mask = h.capacity - 1;
	h.write_pos = data[3] & h.mask;
	h.read_pos = data[4] & h.mask;
	body = h.capacity * es;
	len = NIXL_HDR_SIZE + body;
	memcpy(file, &h, sizeof(h));
	memset(file + NIXL_HDR_SIZE, 0, body);
	if (size > 5)
		memcpy(file + NIXL_HDR_SIZE, data + 5, size - 5 < body ? size - 5 : body);
	return len;
}

static void read_all(int consume)
{
	struct nixl_event ev[64];
	struct nixl_ring *r;
	uint64_t missed = 0;
	char why[256];

	if (nixl_open(path, consume, 0, &r, why, sizeof(why)))
		return;
	/* A ring is at most 256 slots here: a few reads drain it. */
	for (int i = 0; i < 8; i++) {
		long n = nixl_read(r, ev, 64, &missed);

		if (n <= 0)
			break;
		for (long j = 0; j < n; j++)
			(void)nixl_type_name(ev[j].type);
	}
	(void)nixl_pending(r);
	nixl_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t file[MAX_FILE];
	struct nixl_event ev;
	struct nixl_geom g;
	char why[256];
	size_t len;
	FILE *f;

	if (size < 5 || size > MAX_FILE)
		return 0;
	if (data[0] & 1) {
		len = build(data, size, file);
	} else {
		len = size;
		memcpy(file, data, size);
	}
	if (!nixl_check(file, len, len, &g, why, sizeof(why))) {
		for (uint64_t i = 0; i < g.capacity; i++)
			if (!nixl_decode(&g, file + NIXL_HDR_SIZE + i * g.event_size, &ev))
				(void)nixl_type_of_name(ev.name);
	}
	f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(file, 1, len, f);
	fclose(f);
	read_all(0);
	read_all(1);
	return 0;
}
