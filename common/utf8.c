/* SPDX-License-Identifier: MIT */
/*
 * utf8.c - strict UTF-8 validation and repair (see utf8.h).
 */
#include <string.h>
#include "utf8.h"

static int cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

int utf8_valid_len(const unsigned char *p)
{
	unsigned char c = p[0];

	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;	/* stray continuation, or overlong 2-byte form */
	if (c < 0xe0)
		return cont(p[1]) ? 2 : 0;
	if (c < 0xf0) {
		/* E0 needs A0..BF (no overlongs), ED needs 80..9F (no surrogates) */
		unsigned char lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;

		return p[1] >= lo && p[1] <= hi && cont(p[2]) ? 3 : 0;
	}
	if (c < 0xf5) {
		/* F0 needs 90..BF (no overlongs), F4 needs 80..8F (<= U+10FFFF) */
		unsigned char lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;

		return p[1] >= lo && p[1] <= hi && cont(p[2]) && cont(p[3]) ? 4 : 0;
	}
	return 0;
}

int utf8_is_control(const unsigned char *p, int n)
{
	/* C2 80..C2 9F; E2 80 A8..E2 80 AE (U+2028-U+202E); E2 81 A6..E2 81 A9 */
	if (n == 2)
		return p[0] == 0xc2 && p[1] <= 0x9f;
	if (n != 3 || p[0] != 0xe2)
		return 0;
	return (p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae) ||
	       (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9);
}

size_t utf8_repair(char *out, size_t len, const char *in)
{
	static const char fffd[] = "\xef\xbf\xbd";
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0;

	if (!len)
		return 0;
	while (*p) {
		int n = utf8_valid_len(p);
		const char *src = n ? (const char *)p : fffd;
		size_t k = n ? (size_t)n : 3;

		if (o + k + 1 > len)
			break;
		memcpy(out + o, src, k);
		o += k;
		p += n ? (size_t)n : 1;
	}
	out[o] = 0;
	return o;
}
