/* SPDX-License-Identifier: MIT */
/*
 * fuzz_tegra - the tegrastats line parser on hostile lines: whatever the
 * child prints (a different board, a truncated read, a program that is
 * not tegrastats at all), the parser stays inside its tables and every
 * reading it stores is one the collector can emit as is: names non-empty,
 * NUL-terminated and of name characters; figures finite and, where a
 * count or a load, not negative.  Seed it with the fixture lines.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "power/tegra_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *n, size_t cap)
{
	size_t len = strnlen(n, cap);

	if (!len || len == cap)
		abort();
	for (size_t i = 0; i < len; i++)
		if (!((n[i] >= 'A' && n[i] <= 'Z') || (n[i] >= 'a' && n[i] <= 'z') ||
		      (n[i] >= '0' && n[i] <= '9') || n[i] == '_' || n[i] == '-' || n[i] == '.'))
			abort();
}

static void check_fig(double v, int nonneg)
{
	if (!isfinite(v) || (nonneg && v < 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tegra_reading r;
	int got = tegra_parse((const char *)data, size, &r);

	if (got < 0 || r.ncpu > TEGRA_MAX_CPUS || r.nengine > TEGRA_MAX_ITEMS ||
	    r.ntemp > TEGRA_MAX_ITEMS || r.nrail > TEGRA_MAX_ITEMS ||
	    (unsigned)got > r.ncpu + r.nengine + r.ntemp + r.nrail + 3)
		abort();
	for (unsigned i = 0; i < r.ncpu; i++) {
		check_fig(r.cpu[i].load, 1);
		check_fig(r.cpu[i].mhz, 1);
		if (r.cpu[i].off && (r.cpu[i].has_load || r.cpu[i].has_freq))
			abort();
	}
	for (unsigned i = 0; i < r.nengine; i++) {
		check_name(r.engine[i].name, TEGRA_NAME_MAX);
		check_fig(r.engine[i].load, 1);
		check_fig(r.engine[i].mhz, 1);
	}
	for (unsigned i = 0; i < r.ntemp; i++) {
		check_name(r.temp[i].name, TEGRA_NAME_MAX);
		check_fig(r.temp[i].celsius, 0);
		check_fig(r.temp[i].max_celsius, 0);
		if (r.temp[i].celsius <= -256)
			abort();
	}
	for (unsigned i = 0; i < r.nrail; i++) {
		check_name(r.rail[i].name, TEGRA_NAME_MAX);
		if (!strcmp(r.rail[i].name, "NC"))
			abort();
		check_fig(r.rail[i].cur_mw, 1);
		check_fig(r.rail[i].avg_mw, 1);
		check_fig(r.rail[i].max_mw, 1);
	}
	return 0;
}
