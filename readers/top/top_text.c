/* SPDX-License-Identifier: MIT */
/*
 * top_text.c - escaping, measuring and fitting text (see top_text.h).
 */
#include <langinfo.h>
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

/* Columns of @s, and its length in bytes in *@bytes: one pass for both. */
static int measure(const char *s, size_t *bytes)
{
	const char *p = s;
	int total = 0, w;

	while (*p) {
		/* A run of ASCII, what most cells are all of: a column a byte. */
		const char *q = p;

		while ((unsigned char)*q - 1u < 0x7fu)
			q++;
		total += (int)(q - p);
		p = q;
		if (*p) {
			p += char_at(p, &w);
			total += w;
		}
	}
	*bytes = (size_t)(p - s);
	return total;
}

int txt_width(const char *s)
{
	size_t n;

	return measure(s, &n);
}

size_t txt_prefix(const char *s, int cols, int *got)
{
	size_t o = 0, n;
	int w, seen = 0;

	while (s[o]) {
		n = char_at(s + o, &w);
		if (seen + w > cols)
			break;
		o += n;
		seen += w;
	}
	if (got)
		*got = seen;
	return o;
}

size_t txt_suffix(const char *s, int cols)
{
	int total = txt_width(s), w;
	size_t o = 0;

	while (s[o] && total > cols) {
		o += char_at(s + o, &w);
		total -= w;
	}
	return o;
}

size_t txt_fit_cut(char *out, size_t len, const char *s, int width, int right, int head)
{
	const char *ell = utf8 ? "\u2026" : "~";
	size_t o = 0, cut = 0, elen = utf8 ? 3 : 1, n, bytes;
	int total = measure(s, &bytes), cols = 0, pad, w, keep, seen;

	if (!len)
		return 0;
	if (width <= 0 || len <= elen) {
		out[0] = 0;
		return 0;
	}
	if (total > width) {
		/* @head columns of the start (all the room, for an end cut), the ellipsis, the end. */
		keep = head < 0 || head > width - 1 ? width - 1 : head;
		while (s[cut]) {
			n = char_at(s + cut, &w);
			if (cols + w > keep || cut + n + elen >= len)
				break;
			cut += n;
			cols += w;
		}
		memcpy(out, s, cut);
		o = cut;
		memcpy(out + o, ell, elen);
		o += elen;
		/* The end: from the first character after which the rest fits in what is left. */
		for (seen = cols++; s[cut] && total - seen > width - cols; seen += w)
			cut += char_at(s + cut, &w);
		n = bytes - cut;
		if (o + n + 1 > len)
			n = len - o - 1;
		memcpy(out + o, s + cut, n);
		o += n;
		cols += total - seen;
		for (; cols < width && o + 1 < len; cols++)
			out[o++] = ' ';
		out[o] = 0;
		return o;
	}
	pad = width - total;
	if (right)
		for (; pad > 0 && o + 1 < len; pad--)
			out[o++] = ' ';
	cut = bytes;
	if (o + cut + 1 > len)
		cut = len - o - 1;
	memcpy(out + o, s, cut);
	o += cut;
	for (; pad > 0 && o + 1 < len; pad--)
		out[o++] = ' ';
	out[o] = 0;
	return o;
}

size_t txt_fit(char *out, size_t len, const char *s, int width, int right)
{
	return txt_fit_cut(out, len, s, width, right, -1);
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
	txt_value(out, len, v, unit, 3, 0);
}

void txt_rate(char *out, size_t len, double v)
{
	if (v == 0)
		snprintf(out, len, "0");
	else
		txt_value(out, len, v, "", 3, 0);
}

void txt_value(char *out, size_t len, double v, const char *unit, int digits, int flags)
{
	fmt_human(out, len, v, unit ? unit : "", digits, flags | (utf8 ? FMT_UTF8 : 0));
}
