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
#include <stdio.h>
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

/*
 * fuzz_take_template: read @dir/@name (a ring a fuzzer's start-up wrote)
 * into a new buffer, then remove the file and @dir.  Aborts on failure.
 */
static inline void fuzz_take_template(const char *dir, const char *name, uint8_t **buf,
				      size_t *len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		abort();
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	*buf = malloc(*len);
	if (!*buf || fread(*buf, 1, *len, f) != *len)
		abort();
	fclose(f);
	unlink(path);
	rmdir(dir);
}

#endif
