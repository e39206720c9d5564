/* SPDX-License-Identifier: MIT */
/*
 * fmt.c - times, values, units and labels for every reader (see fmt.h).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "fmt.h"

void fmt_time(char *buf, size_t len, uint64_t ns)
{
	/* localtime_r takes a lock and printf is slow: readers print millions of these. */
	static _Thread_local time_t last = -1;
	static _Thread_local char base[32];
	time_t s = (time_t)(ns / 1000000000u);
	unsigned us = (unsigned)(ns % 1000000000u / 1000u);
	char tmp[40];
	size_t n;

	if (s != last) {
		struct tm tm;

		localtime_r(&s, &tm);
		strftime(base, sizeof(base), "%Y-%m-%d %H:%M:%S.", &tm);
		last = s;
	}
	n = strlen(base);
	memcpy(tmp, base, n);
	for (int i = 5; i >= 0; i--, us /= 10)
		tmp[n + (size_t)i] = (char)('0' + us % 10);
	tmp[n + 6] = 0;
	snprintf(buf, len, "%s", tmp);
}

size_t fmt_value(char *buf, size_t len, uint8_t vtype, uint64_t bits)
{
	/* Two digits a step: a reader formats millions of values. */
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	char tmp[24], *t = tmp + sizeof(tmp);
	size_t o = 0, n;
	uint64_t v = bits;

	if (!len)
		return 0;
	if (vtype == SHM_F64) {
		double d = ring_value_double(SHM_F64, bits);

		/* The shortest form that reads back as the same double. */
		for (int prec = 6; prec <= 17; prec++) {
			snprintf(buf, len, "%.*g", prec, d);
			if (strtod(buf, NULL) == d || d != d)
				break;
		}
		return strlen(buf);
	}
	if (vtype == SHM_I64 && (int64_t)bits < 0) {
		v = 0 - bits;
		if (len > 1)
			buf[o++] = '-';
	}
	for (; v >= 100; v /= 100) {
		t -= 2;
		memcpy(t, pairs + v % 100 * 2, 2);
	}
	if (v >= 10) {
		t -= 2;
		memcpy(t, pairs + v * 2, 2);
	} else {
		*--t = (char)('0' + v);
	}
	n = (size_t)(tmp + sizeof(tmp) - t);
	if (n > len - 1 - o)
		n = len - 1 - o;	/* truncated, as snprintf would */
	memcpy(buf + o, t, n);
	o += n;
	buf[o] = 0;
	return o;
}

/* 10^0 .. 10^3: what decimals() can ask for, without pow(). */
static const double p10[] = { 1, 10, 100, 1000 };

/*
 * Decimals that give @v (>= 0) @digits significant digits, at most 3.  A
 * value that rounds up to one more digit (9.996 -> 10.0) gets one decimal
 * fewer, so every number of a column carries the same precision.  From 1
 * up the magnitude is found by comparing with 10, 100 and 1000, which are
 * exact; where that and log10() could disagree (just below a power of
 * ten), the round-up check gives both the same answer.
 */
static int decimals(double v, int digits)
{
	int dec;

	if (!(v > 0) || isinf(v))
		return 0;
	if (v >= 1)
		dec = digits - 1 - (v >= 1000 ? 3 : v >= 100 ? 2 : v >= 10 ? 1 : 0);
	else
		dec = digits - 1 - (int)floor(log10(v));
	if (dec > 3)
		dec = 3;
	if (dec > 0 && round(v * p10[dec]) >= p10[digits])
		dec--;
	return dec < 0 ? 0 : dec;
}

/* @v rounded to @digits significant digits, as it will print. */
static double rounded(double v, int digits)
{
	double p = p10[decimals(fabs(v), digits)];

	return round(fabs(v) * p) / p;
}

/* @v scaled by @base while it would print as 1000 or more; the index of the unit. */
static int ladder(double *v, double base, int n, int digits)
{
	int i = 0;

	while (i < n - 1 && rounded(*v, digits) >= 1000) {
		*v /= base;
		i++;
	}
	return i;
}

/* @s after the @n bytes of @buf, cut to fit like snprintf; the new length, as if it fit. */
static size_t cat(char *buf, size_t len, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (n + 1 < len) {
		size_t room = len - n - 1, k = l < room ? l : room;

		memcpy(buf + n, s, k);
		buf[n + k] = 0;
	}
	return n + l;
}

/*
 * What printf's "%.*f" writes for finite @v with @dec (0..3) decimals, in
 * @out (at least 24 bytes), without printf: the columns of a refresh are
 * thousands of these.  printf rounds the exact binary value, halves to
 * even; v * 10^dec carries a rounding error of its own, so a product that
 * is within that error of a half (or too large to be exact) is left to
 * printf: -1.
 */
static int fixed(char *out, double v, int dec)
{
	static const uint64_t ip10[] = { 1, 10, 100, 1000 };
	double x = fabs(v) * p10[dec], f;
	char tmp[24], *t = tmp + sizeof(tmp);
	uint64_t r, ip, fp;
	size_t n = 0;

	if (!(x < 1e12))
		return -1;
	f = x - floor(x);
	if (fabs(f - 0.5) <= x * 1e-15 + 1e-300)
		return -1;
	r = (uint64_t)floor(x) + (f > 0.5);
	ip = r / ip10[dec];
	fp = r % ip10[dec];
	for (int i = 0; i < dec; i++, fp /= 10)
		*--t = (char)('0' + fp % 10);
	if (dec)
		*--t = '.';
	do {
		*--t = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	/* printf writes the sign of a negative value that rounds to zero too. */
	if (signbit(v))
		*--t = '-';
	n = (size_t)(tmp + sizeof(tmp) - t);
	memcpy(out, t, n);
	out[n] = 0;
	return (int)n;
}

static int number(char *buf, size_t len, double v, int digits, int whole)
{
	int dec = whole && v == floor(v) && fabs(v) < 1000 ? 0 : -1, n;
	char tmp[24];

	/* Too small for three decimals: still a value, not 0.000. */
	if (dec < 0 && v != 0 && fabs(v) < 0.0005)
		return snprintf(buf, len, "%.*e", digits - 1, v);
	if (dec < 0)
		dec = decimals(fabs(v), digits);
	n = fixed(tmp, v, dec);
	if (n < 0)
		return snprintf(buf, len, "%.*f", dec, v);
	if (len)
		buf[0] = 0;
	return (int)cat(buf, len, 0, tmp);
}

/* Seconds-per-unit of a duration unit, or 0. */
static double duration_scale(const char *unit)
{
	if (!strcmp(unit, "ns"))
		return 1e-9;
	if (!strcmp(unit, "us"))
		return 1e-6;
	if (!strcmp(unit, "ms"))
		return 1e-3;
	if (!strcmp(unit, "s"))
		return 1;
	return 0;
}

/*
 * Minutes are "min", never "m", which reads as milli or mega beside k and
 * M; from an hour on, h:mm:ss, and from 100 hours on, days.
 */
static void duration(char *buf, size_t len, double s, int digits, int flags)
{
	static const double per_s[] = { 1e9, 1e6, 1e3, 1 };
	const char *names[] = { "ns", flags & FMT_UTF8 ? "\xc2\xb5s" : "us", "ms", "s" };
	double a = fabs(s);
	int i = 0, n;

	if (a == 0) {
		snprintf(buf, len, "0 s");
		return;
	}
	while (i < 3 && rounded(a * per_s[i], digits) >= 1000)
		i++;
	if (i < 3 || a < 60) {
		n = number(buf, len, s * per_s[i], digits, 0);
		if (n >= 0 && (size_t)n < len)
			cat(buf, len, cat(buf, len, (size_t)n, " "), names[i]);
	} else if (a < 3600) {
		n = number(buf, len, s / 60, digits, 0);
		if (n >= 0 && (size_t)n < len)
			cat(buf, len, (size_t)n, " min");
	} else if (a < 100 * 3600.0) {
		long long t = llround(a);

		snprintf(buf, len, "%s%lld:%02lld:%02lld", s < 0 ? "-" : "", t / 3600, t / 60 % 60, t % 60);
	} else {
		n = number(buf, len, s / 86400, digits, 0);
		if (n >= 0 && (size_t)n < len)
			cat(buf, len, (size_t)n, " d");
	}
}

void fmt_human(char *buf, size_t len, double v, const char *unit, int digits, int flags)
{
	static const char *const iec[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	static const char *const si[] = { "", "k", "M", "G", "T", "P", "E" };
	double sc;
	int i, n;

	if (digits < 1 || digits > 3)
		digits = 3;
	if (isnan(v) || isinf(v)) {
		snprintf(buf, len, isnan(v) ? "-" : v < 0 ? "-inf" : "inf");
		return;
	}
	if (!strcmp(unit, "bytes") || !strcmp(unit, "B")) {
		i = ladder(&v, 1024, 7, digits);
		n = number(buf, len, v, digits, i == 0 && (flags & FMT_WHOLE));
		if (n >= 0 && (size_t)n < len)
			cat(buf, len, cat(buf, len, cat(buf, len, (size_t)n, " "), iec[i]),
			    flags & FMT_PER_S ? "/s" : "");
		return;
	}
	sc = duration_scale(unit);
	if (sc) {
		duration(buf, len, v * sc, digits, flags);
		return;
	}
	if (!strcmp(unit, "percent")) {
		n = number(buf, len, v, digits, 0);
		if (n >= 0 && (size_t)n < len)
			cat(buf, len, (size_t)n, "%");
		return;
	}
	i = ladder(&v, 1000, 7, digits);
	n = number(buf, len, v, digits, i == 0 && (flags & FMT_WHOLE));
	if (n < 0 || (size_t)n >= len)
		return;
	n = (int)cat(buf, len, (size_t)n, si[i]);
	/* The unit comes from the file: escaped like every other string. */
	if (*unit && (size_t)n + 2 < len) {
		buf[n] = ' ';
		esc_term(buf + n + 1, len - (size_t)n - 1, unit);
	}
}

void fmt_age(char *buf, size_t len, uint64_t ns)
{
	static const struct { uint64_t below, per; const char *unit; } steps[] = {
		{ 1000, 1, " ms" }, { 120000, 1000, " s" }, { 7200000, 60000, " min" },
		{ 172800000, 3600000, " h" }, { UINT64_MAX, 86400000, " d" },
	};
	uint64_t ms = ns / 1000000u;
	size_t i = 0, n;

	while (ms >= steps[i].below)
		i++;
	n = fmt_value(buf, len, SHM_U64, ms / steps[i].per);
	if (n + 1 < len)
		cat(buf, len, n, steps[i].unit);
}

size_t fmt_labels(char *out, size_t len, const struct ring_series *s,
		  size_t (*esc)(char *, size_t, const char *))
{
	return fmt_labels_enc(out, len, s->labels, esc);
}

size_t fmt_labels_enc(char *out, size_t len, const char *enc,
		      size_t (*esc)(char *, size_t, const char *))
{
	const char *k, *v;
	size_t pos = 0, o = 0;

	if (!len)
		return 0;
	out[0] = 0;
	while (ring_label_next(enc, &pos, &k, &v)) {
		char ek[SHM_LABELS_MAX * 4], ev[SHM_LABELS_MAX * 4];
		int n;

		esc(ek, sizeof(ek), k);
		esc(ev, sizeof(ev), v);
		n = snprintf(out + o, len - o, "%s%s=\"%s\"", o ? "," : "", ek, ev);
		if (n < 0 || (size_t)n >= len - o) {
			out[o] = 0;
			break;
		}
		o += (size_t)n;
	}
	return o;
}

const char *fmt_category(uint8_t c)
{
	return c < SHM_CAT_COUNT ? ring_category_names[c] : "UNKNOWN";
}

int parse_category(const char *s)
{
	for (int i = 0; i < SHM_CAT_COUNT; i++)
		if (!strcasecmp(s, ring_category_names[i]))
			return i;
	return -1;
}
