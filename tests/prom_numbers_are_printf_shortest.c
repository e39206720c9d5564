/* SPDX-License-Identifier: MIT */
/*
 * prom_numbers_are_printf_shortest - pout_num() writes every double as
 * the shortest of "%.15g", "%.16g" and "%.17g" that strtod() reads back
 * exactly ("%.0f" for integers below 1e15), its fast paths included: the
 * decimal fractions m / 10^k a unit conversion gives (microseconds to
 * seconds), their neighbours one ulp away, values either side of where %g
 * changes notation, and arbitrary bit patterns.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "harness.h"
#include "readers/prom/prom_out.h"

/* The definition, written the slow way. */
static void reference(char *buf, size_t len, double v)
{
	if (isnan(v)) {
		snprintf(buf, len, "NaN");
	} else if (isinf(v)) {
		snprintf(buf, len, v > 0 ? "+Inf" : "-Inf");
	} else if (v == 0) {
		snprintf(buf, len, "0");
	} else if (fabs(v) < 1e15 && v == trunc(v)) {
		snprintf(buf, len, "%.0f", v);
	} else {
		for (int p = 15; p <= 17; p++) {
			snprintf(buf, len, "%.*g", p, v);
			if (strtod(buf, NULL) == v)
				break;
		}
	}
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static long checked;

static void same(double v)
{
	char got[64], want[64];

	for (int sign = 0; sign < 2; sign++, v = -v) {
		memset(got, 'x', sizeof(got));
		pout_num(got, 32, v);
		reference(want, sizeof(want), v);
		if (strcmp(got, want)) {
			fprintf(stderr, "pout_num(%a) wrote \"%s\", expected \"%s\"\n", v, got, want);
			exit(1);
		}
		checked++;
	}
}

int main(void)
{
	static const double specials[] = { 0.0, 1e-4, 9.999999999999999e-05, 0.00010000000000000002,
					   0.1, 0.5, 1.5, 123.456789, 999999999999999.5, 1e15,
					   4503599627370495.5, 1e21, 1e-300,
					   2.2250738585072014e-308, 4.9e-324, INFINITY, NAN };
	long n = t_scale(50000);

	for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++)
		same(specials[i]);
	for (long i = 0; i < n; i++) {
		/* m / 10^k with m of 1 to 18 digits: unit conversions and the like. */
		uint64_t m = next() % 1000000000000000000ull;
		uint64_t cut = 1;
		int digits = 1 + (int)(next() % 18), k = (int)(next() % 19);
		double v;
		uint64_t bits;

		for (int d = 0; d < digits; d++)
			cut *= 10;
		m %= cut;
		v = (double)m / pow(10, k);
		same(v);
		same(nextafter(v, INFINITY));
		same(nextafter(v, 0));
		/* What telemetry_prom divides: a raw u64 aggregate by 1e3, 1e6 or 1e9. */
		same((double)(next() >> (next() % 64)) / (double[]){ 1e3, 1e6, 1e9 }[i % 3]);
		/* Any finite double. */
		bits = next();
		memcpy(&v, &bits, sizeof(v));
		if (isfinite(v))
			same(v);
	}
	printf("%ld values print as printf's shortest exact form\n", checked);
	return 0;
}
