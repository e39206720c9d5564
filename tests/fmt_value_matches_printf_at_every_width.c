/* SPDX-License-Identifier: MIT */
/*
 * fmt_value (two digits a step) writes what snprintf's %llu / %lld would,
 * cut alike at every buffer size, and returns the length it wrote: at the
 * digit-count boundaries, the extremes of both types, and 50,000
 * values of every length.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/fmt.h"
#include "harness.h"

static int check(uint8_t vtype, uint64_t bits)
{
	char got[32], want[32];

	for (size_t len = 0; len <= 24; len++) {
		size_t n;

		memset(got, 'x', sizeof(got));
		memset(want, 'x', sizeof(want));
		n = fmt_value(got, len, vtype, bits);
		if (vtype == SHM_I64)
			snprintf(want, len, "%" PRId64, (int64_t)bits);
		else
			snprintf(want, len, "%" PRIu64, bits);
		if (memcmp(got, want, sizeof(got)) || n != (len ? strlen(want) : 0)) {
			fprintf(stderr, "value %" PRIu64 " (%s), size %zu: \"%.*s\" (%zu), want \"%s\"\n",
				bits, vtype == SHM_I64 ? "i64" : "u64", len, (int)len, got, n,
				len ? want : "");
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	uint64_t p = 1, x = 88172645463325252ull;
	int bad = 0;

	for (int d = 0; d < 20; d++, p *= 10) {
		uint64_t edge[] = { p - 1, p, p + 1, 2 * p - 1, 9 * p, 10 * p - 1 };

		for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
			bad |= check(SHM_U64, edge[i]) | check(SHM_I64, edge[i]) |
			       check(SHM_I64, 0 - edge[i]);
	}
	bad |= check(SHM_U64, UINT64_MAX) | check(SHM_I64, (uint64_t)INT64_MIN) |
	       check(SHM_I64, (uint64_t)INT64_MAX) | check(SHM_U64, 0);
	for (int i = 0; i < 50000 && !bad; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* every number of digits, not mostly 20 */
		bad |= check(SHM_U64, x >> (x % 64)) | check(SHM_I64, x >> (x % 64));
	}
	CHECK(!bad);
	return 0;
}
