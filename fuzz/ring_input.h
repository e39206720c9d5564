/* SPDX-License-Identifier: MIT */
/*
 * ring_input.h - turn a fuzzer input into a ring file (a memfd).
 *
 * Random bytes rarely get past a ring's magic, so the first byte picks a
 * mode: even - the input is the whole file; odd - the input is written
 * over a valid ring @tmpl at an offset taken from bytes 1-4, which reaches
 * the registry, lanes and events.  Returns the fd, or -1.
 */
#ifndef FUZZ_RING_INPUT_H
#define FUZZ_RING_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static inline int fuzz_ring_fd(const uint8_t *data, size_t size, const uint8_t *tmpl,
			       size_t tmpl_len)
{
	int fd = memfd_create("ring", 0);

	if (fd < 0)
		return -1;
	if (size >= 5 && (data[0] & 1)) {
		uint8_t *buf = malloc(tmpl_len);
		uint32_t off;

		if (!buf)
			abort();
		memcpy(buf, tmpl, tmpl_len);
		memcpy(&off, data + 1, 4);
		off %= (uint32_t)tmpl_len;
		size -= 5;
		if (size > tmpl_len - off)
			size = tmpl_len - off;
		memcpy(buf + off, data + 5, size);
		if (write(fd, buf, tmpl_len) != (ssize_t)tmpl_len)
			abort();
		free(buf);
	} else if (size && write(fd, data, size) != (ssize_t)size) {
		abort();
	}
	return fd;
}

#endif
