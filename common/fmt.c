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

void fmt_value(char *buf, size_t len, uint8_t vtype, uint64_t bits)
{
	char tmp[24];
	size_t n = 0, o = 0;
	uint64_t v = bits;

	if (vtype == SHM_F64) {
		double d = ring_value_double(SHM_F64, bits);

		/* The shortest form that reads back as the same double. */
		for (int prec = 6; prec <= 17; prec++) {
			snprintf(buf, len, "%.*g", prec, d);
			if (strtod(buf, NULL) == d || d != d)
				break;
		}
		return;
	}
	if (vtype == SHM_I64 && (int64_t)bits < 0) {
		v = 0 - bits;
		if (len > 1)
			buf[o++] = '-';
	}
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n && o + 1 < len)
		buf[o++] = tmp[--n];
	if (len)
		buf[o] = 0;
}

static void scaled(char *buf, size_t len, double v, double base, const char *const *units, int n)
{
	int i = 0;

	while (i < n - 1 && fabs(v) >= base) {
		v /= base;
		i++;
	}
	if (fabs(v) >= 100 || (i == 0 && v == (double)(long long)v))
		snprintf(buf, len, "%.0f%s", v, units[i]);
	else if (i == 0)
		snprintf(buf, len, "%.3g%s", v, units[i]);	/* 29.97, 1.25, 0.5 */
	else
		snprintf(buf, len, "%.*f%s", fabs(v) >= 10 ? 1 : 2, v, units[i]);
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

void fmt_human(char *buf, size_t len, double v, const char *unit)
{
	static const char *const bytes[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	static const char *const plain[] = { "", "k", "M", "G", "T", "P" };
	double sc;

	if (v != v) {
		snprintf(buf, len, "-");
		return;
	}
	if (!strcmp(unit, "bytes")) {
		scaled(buf, len, v, 1024, bytes, 6);
		return;
	}
	sc = duration_scale(unit);
	if (sc) {
		double s = v * sc;

		if (fabs(s) >= 120)
			snprintf(buf, len, "%.1fm", s / 60);
		else if (fabs(s) >= 1)
			snprintf(buf, len, "%.2fs", s);
		else if (fabs(s) >= 1e-3)
			snprintf(buf, len, "%.2fms", s * 1e3);
		else if (fabs(s) >= 1e-6)
			snprintf(buf, len, "%.2fus", s * 1e6);
		else
			snprintf(buf, len, "%.0fns", s * 1e9);
		return;
	}
	if (!strcmp(unit, "percent")) {
		snprintf(buf, len, "%.1f%%", v);
		return;
	}
	scaled(buf, len, v, 1000, plain, 6);
	if (*unit) {
		size_t n = strlen(buf);

		/* The unit comes from the file: escaped like every other string. */
		if (n + 2 < len) {
			buf[n] = ' ';
			esc_term(buf + n + 1, len - n - 1, unit);
		}
	}
}

void fmt_age(char *buf, size_t len, uint64_t ns)
{
	uint64_t ms = ns / 1000000u, s = ms / 1000u;

	if (s < 1)
		snprintf(buf, len, "%" PRIu64 "ms", ms);
	else if (s < 120)
		snprintf(buf, len, "%" PRIu64 "s", s);
	else if (s < 7200)
		snprintf(buf, len, "%" PRIu64 "m", s / 60);
	else if (s < 172800)
		snprintf(buf, len, "%" PRIu64 "h", s / 3600);
	else
		snprintf(buf, len, "%" PRIu64 "d", s / 86400);
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
