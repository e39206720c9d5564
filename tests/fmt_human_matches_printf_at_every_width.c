/* SPDX-License-Identifier: MIT */
/*
 * fmt_human formats its numbers without printf; what it writes must be
 * what the printf rendering writes ("%.*f" with the decimals log10() and
 * pow() give), cut alike at every buffer size: at the ties printf rounds
 * to even (0.125, 2.5, 9.995), just either side of every power of ten,
 * negative values that round to zero, and 7,500 random values of every
 * magnitude, for 1 to 3 digits, plain, in bytes and as a percentage.
 * fmt_age likewise, against "%llu ms" / " s" / " min" / " h" / " d".
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/fmt.h"
#include "harness.h"

/* The printf rendering, spelled out the plain way. */
static int ref_decimals(double v, int digits)
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

static int ref_scale(double *v, double base, int digits)
{
	int i = 0;

	for (;;) {
		double p = pow(10, ref_decimals(fabs(*v), digits));

		if (i == 6 || round(fabs(*v) * p) / p < 1000)
			return i;
		*v /= base;
		i++;
	}
}

static void ref_human(char *out, size_t len, double v, int unit, int digits, int whole)
{
	static const char *const iec[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	static const char *const si[] = { "", "k", "M", "G", "T", "P", "E" };
	char num[512];
	int i = unit == 2 ? 0 : ref_scale(&v, unit == 1 ? 1024 : 1000, digits);

	if (whole && i == 0 && v == floor(v) && fabs(v) < 1000)
		snprintf(num, sizeof(num), "%.0f", v);
	else if (v != 0 && fabs(v) < 0.0005)
		snprintf(num, sizeof(num), "%.*e", digits - 1, v);
	else
		snprintf(num, sizeof(num), "%.*f", ref_decimals(fabs(v), digits), v);
	if (unit == 1)
		snprintf(out, len, "%s %s", num, iec[i]);
	else if (unit == 2)
		snprintf(out, len, "%s%%", num);
	else
		snprintf(out, len, "%s%s", num, si[i]);
}

/* Every buffer size from 0 to 24 when @all, else 0, 1, 4 and whole. */
static int check_at(double v, int all)
{
	static const char *const units[] = { "", "bytes", "percent" };
	static const size_t some[] = { 0, 1, 4, 40 };
	char got[40], want[40];

	for (int u = 0; u < 3; u++)
		for (int digits = 1; digits <= 3; digits++)
			for (int whole = 0; whole <= 1; whole++)
				for (size_t k = 0, len; k < (all ? 25 : 4); k++) {
					len = all ? k : some[k];
					memset(got, 'x', sizeof(got));
					memset(want, 'x', sizeof(want));
					fmt_human(got, len, v, units[u], digits, whole ? FMT_WHOLE : 0);
					ref_human(want, len, v, u, digits, whole && u != 2);
					if (memcmp(got, want, sizeof(got))) {
						fprintf(stderr, "%.17g %s, %d digits%s, size %zu: \"%.*s\", want \"%.*s\"\n",
							v, units[u], digits, whole ? ", whole" : "", len,
							(int)len, got, (int)len, want);
						return 1;
					}
				}
	return 0;
}

static int check(double v)
{
	return check_at(v, 1);
}

static void ref_age(char *buf, size_t len, uint64_t ns)
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

static int check_age(uint64_t ns)
{
	char got[40], want[40];

	for (size_t len = 0; len <= 30; len++) {
		memset(got, 'x', sizeof(got));
		memset(want, 'x', sizeof(want));
		fmt_age(got, len, ns);
		ref_age(want, len, ns);
		if (memcmp(got, want, sizeof(got))) {
			fprintf(stderr, "age %" PRIu64 " ns, size %zu: \"%.*s\", want \"%.*s\"\n", ns, len,
				(int)len, got, (int)len, want);
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	static const uint64_t age_edges[] = { 0, 999999, 1000000, 999999999, 1000000000,
					      119999999999ull, 120000000000ull, 7199999999999ull,
					      7200000000000ull, 172799999999999ull,
					      172800000000000ull, UINT64_MAX };
	static const double ties[] = { 0.5, 1.5, 2.5, 0.125, 0.375, 1.0005, 9.995, 99.95, 999.5,
				       0.0625, 1023.5, 1024, 1048575.5, 12.345, 0.0005, 0.00049 };
	uint64_t x = 88172645463325252ull;
	int bad = 0;

	for (size_t i = 0; i < sizeof(ties) / sizeof(ties[0]); i++)
		bad |= check(ties[i]) | check(-ties[i]);
	bad |= check(0) | check(-0.0) | check(-0.0001) | check(-0.004) | check(1e300) | check(-1e19);
	for (int e = -6; e <= 22 && !bad; e++) {
		double p = pow(10, e);

		bad |= check(p) | check(nextafter(p, 0)) | check(nextafter(p, INFINITY)) |
		       check(p * 0.9995) | check(p * 0.99949999) | check(p * 1024 / 1000);
	}
	for (int i = 0; i < 2500 && !bad; i++) {
		double m;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* a mantissa, and every magnitude from 1e-6 to 1e21 */
		m = (double)(x >> 11) / 9007199254740992.0;
		bad |= check_at((x & 1 ? -1 : 1) * m * pow(10, (double)(x % 28) - 6), 0);
		/* values with few decimals, where ties are */
		bad |= check_at((double)(x % 2000000) / 1000 - 1000, 0) |
		       check_at((double)(x % 80000) / 8, 0);
	}
	for (size_t i = 0; i < sizeof(age_edges) / sizeof(age_edges[0]); i++)
		bad |= check_age(age_edges[i]);
	for (int i = 0; i < 5000 && !bad; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		bad |= check_age(x >> (x % 64));
	}
	CHECK(!bad);
	return 0;
}
