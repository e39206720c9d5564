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
	size_t o = 0;
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
	for (; t < tmp + sizeof(tmp) && o + 1 < len; t++)
		buf[o++] = *t;
	buf[o] = 0;
	return o;
}

/*
 * Decimals that give @v (>= 0) @digits significant digits, at most 3.  A
 * value that rounds up to one more digit (9.996 -> 10.0) gets one decimal
 * fewer, so every number of a column carries the same precision.
 */
static int decimals(double v, int digits)
{
	int dec;

	if (!(v > 0) || isinf(v))
		return 0;
	dec = digits - 1 - (int)floor(log10(v));
	if (dec > 3)
		dec = 3;
	if (dec > 0 && round(v * pow(10, dec)) >= pow(10, digits))
		dec--;
	return dec < 0 ? 0 : dec;
}

/* @v rounded to @digits significant digits, as it will print. */
static double rounded(double v, int digits)
{
	double p = pow(10, decimals(fabs(v), digits));

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

static int number(char *buf, size_t len, double v, int digits, int whole)
{
	if (whole && v == floor(v) && fabs(v) < 1000)
		return snprintf(buf, len, "%.0f", v);
	/* Too small for three decimals: still a value, not 0.000. */
	if (v != 0 && fabs(v) < 0.0005)
		return snprintf(buf, len, "%.*e", digits - 1, v);
	return snprintf(buf, len, "%.*f", decimals(fabs(v), digits), v);
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
			snprintf(buf + n, len - (size_t)n, " %s", names[i]);
	} else if (a < 3600) {
		n = number(buf, len, s / 60, digits, 0);
		if (n >= 0 && (size_t)n < len)
			snprintf(buf + n, len - (size_t)n, " min");
	} else if (a < 100 * 3600.0) {
		long long t = llround(a);

		snprintf(buf, len, "%s%lld:%02lld:%02lld", s < 0 ? "-" : "", t / 3600, t / 60 % 60, t % 60);
	} else {
		n = number(buf, len, s / 86400, digits, 0);
		if (n >= 0 && (size_t)n < len)
			snprintf(buf + n, len - (size_t)n, " d");
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
			snprintf(buf + n, len - (size_t)n, " %s%s", iec[i], flags & FMT_PER_S ? "/s" : "");
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
			snprintf(buf + n, len - (size_t)n, "%%");
		return;
	}
	i = ladder(&v, 1000, 7, digits);
	n = number(buf, len, v, digits, i == 0 && (flags & FMT_WHOLE));
	if (n < 0 || (size_t)n >= len)
		return;
	n += snprintf(buf + n, len - (size_t)n, "%s", si[i]);
	/* The unit comes from the file: escaped like every other string. */
	if (*unit && (size_t)n + 2 < len) {
		buf[n] = ' ';
		esc_term(buf + n + 1, len - (size_t)n - 1, unit);
	}
}

void fmt_age(char *buf, size_t len, uint64_t ns)
{
	uint64_t ms = ns / 1000000u, s = ms / 1000u;

	if (s < 1)
		snprintf(buf, len, "%" PRIu64 " ms", ms);
	else if (s < 120)
		snprintf(buf, len, "%" PRIu64 " s", s);
	else if (s < 7200)
		snprintf(buf, len, "%" PRIu64 " min", s / 60);
	else if (s < 172800)
		snprintf(buf, len, "%" PRIu64 " h", s / 3600);
	else
		snprintf(buf, len, "%" PRIu64 " d", s / 86400);
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
