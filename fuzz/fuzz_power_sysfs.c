/* SPDX-License-Identifier: MIT */
/*
 * fuzz_power_sysfs - telemetry_power's reading of sysfs and procfs
 * values, and the label text it builds from names drivers chose.
 *
 * The first byte picks a mode.  Even: the rest is a value file's
 * content; pw_parse_int() must agree with strtoll() on every input it
 * accepts and refuse all others without reading past the end.  Odd: the
 * rest (cut at a NUL) is a label value, put into buffers of every size
 * up to the next byte; whatever pw_label() says fitted must be label
 * text libshmtel accepts, and it must never write past the buffer.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lib/internal.h"
#include "power/pw.h"
#include "power/sysval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void value(const uint8_t *data, size_t size)
{
	char *copy, *end;
	int64_t v = 0;
	long long want;
	int ret;

	/* An exact-size heap copy: ASan catches a read past the end. */
	char *buf = malloc(size ? size : 1);

	if (!buf)
		return;
	memcpy(buf, data, size);
	ret = pw_parse_int(buf, size, &v);
	free(buf);
	if (ret) {
		if (ret != -ENODATA && ret != -EINVAL && ret != -ERANGE)
			abort();
		return;
	}
	copy = malloc(size + 1);
	if (!copy)
		return;
	memcpy(copy, data, size);
	copy[size] = 0;
	errno = 0;
	want = strtoll(copy, &end, 10);
	free(copy);
	if (errno || want != v)
		abort();
}

static void label(const uint8_t *data, size_t size)
{
	/* At most 180 bytes: with the source label, within SHM_LABELS_MAX encoded. */
	char val[181], enc[4096];
	size_t n = size < 181 ? size : 181, len, out;
	unsigned maxlen;

	if (!size)
		return;
	maxlen = data[0];
	memcpy(val, data + 1, n - 1);
	val[n - 1] = 0;
	for (len = 1; len <= maxlen + 1; len++) {
		/* Exact-size buffers, so a write past @len is caught. */
		char *buf = malloc(len);
		size_t off;

		if (!buf)
			return;
		off = pw_label(buf, len, 0, "source", "hwmon");
		off = pw_label(buf, len, off, "label", val);
		if (off > len)
			abort();
		if (off < len && labels_encode(buf, enc, sizeof(enc), &out))
			abort();
		free(buf);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		label(data + 1, size - 1);
	else
		value(data + 1, size - 1);
	return 0;
}
