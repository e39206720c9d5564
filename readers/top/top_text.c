/* SPDX-License-Identifier: MIT */
/*
 * top_text.c - escaping, measuring and fitting text (see top_text.h).
 */
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "common/fmt.h"
#include "top_text.h"

static int utf8;

void txt_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

int txt_utf8(void)
{
	return utf8;
}

size_t txt_esc(char *out, size_t len, const char *in)
{
	size_t n = esc_term(out, len, in);

	if (!utf8)
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)out[i] >= 0x80)
				out[i] = '?';
	return n;
}

/* Bytes and columns of the character at @s; an undecodable byte counts as one of each. */
static size_t char_at(const char *s, int *cols)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	*cols = 1;
	if ((unsigned char)*s < 0x80 || !utf8)
		return 1;
	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
		return 1;
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

int txt_width(const char *s)
{
	int total = 0, w;

	while (*s) {
		s += char_at(s, &w);
		total += w;
	}
	return total;
}

void txt_fit(char *out, size_t len, const char *s, int width, int right)
{
	const char *ell = utf8 ? "\u2026" : "~";
	size_t o = 0, cut = 0, elen = strlen(ell);
	int total = txt_width(s), cols = 0, pad, w;

	if (!len)
		return;
	if (width <= 0 || len <= elen) {
		out[0] = 0;
		return;
	}
	if (total > width) {
		/* Keep what fits in width - 1 columns (and in @out), then the ellipsis. */
		while (s[cut]) {
			size_t n = char_at(s + cut, &w);

			if (cols + w > width - 1 || cut + n + elen >= len)
				break;
			cut += n;
			cols += w;
		}
		memcpy(out, s, cut);
		o = cut;
		memcpy(out + o, ell, elen);
		o += elen;
		cols++;
		for (; cols < width && o + 1 < len; cols++)
			out[o++] = ' ';
		out[o] = 0;
		return;
	}
	pad = width - total;
	if (right)
		for (; pad > 0 && o + 1 < len; pad--)
			out[o++] = ' ';
	cut = strlen(s);
	if (o + cut + 1 > len)
		cut = len - o - 1;
	memcpy(out + o, s, cut);
	o += cut;
	for (; pad > 0 && o + 1 < len; pad--)
		out[o++] = ' ';
	out[o] = 0;
}

void txt_cut(char *s, size_t len, int width)
{
	char tmp[4 * 1024 + 8];
	size_t n;

	if (width <= 0 || txt_width(s) <= width)
		return;
	if ((size_t)width > (sizeof(tmp) - 1) / 4)
		width = (int)((sizeof(tmp) - 1) / 4);
	txt_fit(tmp, sizeof(tmp), s, width, 0);
	n = strlen(tmp);
	if (n >= len)
		n = len - 1;
	memcpy(s, tmp, n);
	s[n] = 0;
}

void txt_num(char *out, size_t len, double v, const char *unit)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else
		fmt_human(out, len, v, unit ? unit : "");
}

void txt_rate(char *out, size_t len, double v)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else if (v == 0)
		snprintf(out, len, "0");
	else if (fabs(v) < 10)
		snprintf(out, len, "%.1f", v);
	else
		fmt_human(out, len, v, "");
}

void txt_spark(char *out, size_t len, const float *v, int n)
{
	static const char *const blocks[] = {
		"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
	};
	static const char ascii[] = ".:-=+*#@";
	float max = 0;
	size_t o = 0;

	for (int i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (int i = 0; i < n && o + 4 < len; i++) {
		/* Zero stays blank so that "idle" and "a little" look different. */
		int level = max > 0 && v[i] > 0 ? (int)ceilf(v[i] / max * 8) - 1 : -1;

		if (level > 7)
			level = 7;
		if (level < 0) {
			out[o++] = ' ';
		} else if (utf8) {
			memcpy(out + o, blocks[level], 3);
			o += 3;
		} else {
			out[o++] = ascii[level];
		}
	}
	out[o] = 0;
}
