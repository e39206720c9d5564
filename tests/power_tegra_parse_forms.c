/* SPDX-License-Identifier: MIT */
/*
 * power_tegra_parse_forms - the tegrastats parser takes the grammar, not
 * the fixture lines: hand-made lines in the forms newer JetPack releases
 * print (three power figures, name@cur/max temperatures, per-GPC
 * frequency lists, engines "off", loads without a frequency), with and
 * without a timestamp, and lines it cannot read, which yield no reading
 * and never fail.  The parser is pure, so the test compiles it in and
 * needs no archive.
 */
#include <math.h>
#include "harness.h"
#include "power/tegra_parse.h"

#define NEAR(a, b) CHECK(fabs((double)(a) - (double)(b)) < 1e-9)

static struct tegra_reading r;

static int parse(const char *s)
{
	return tegra_parse(s, strlen(s), &r);
}

static const struct tegra_rail *rail_of(const char *name)
{
	for (unsigned i = 0; i < r.nrail; i++)
		if (!strcmp(r.rail[i].name, name))
			return &r.rail[i];
	return NULL;
}

static const struct tegra_temp *temp_of(const char *name)
{
	for (unsigned i = 0; i < r.ntemp; i++)
		if (!strcmp(r.temp[i].name, name))
			return &r.temp[i];
	return NULL;
}

static const struct tegra_engine *engine_of(const char *name)
{
	for (unsigned i = 0; i < r.nengine; i++)
		if (!strcmp(r.engine[i].name, name))
			return &r.engine[i];
	return NULL;
}

int main(void)
{
	const struct tegra_rail *ra;
	const struct tegra_temp *te;
	const struct tegra_engine *en;

	/* Three figures, with and without mW; no timestamp. */
	CHECK_EQ(parse("VDD_IN 5000mW/4800mW/6100mW VDD_SOC 12/34/56 NC 1mW/1mW/1mW\n"), 2);
	CHECK((ra = rail_of("VDD_IN")) && ra->has_max);
	NEAR(ra->cur_mw, 5000);
	NEAR(ra->avg_mw, 4800);
	NEAR(ra->max_mw, 6100);
	CHECK((ra = rail_of("VDD_SOC")) && ra->has_max);
	NEAR(ra->cur_mw, 12);
	NEAR(ra->max_mw, 56);
	CHECK(!rail_of("NC"));
	CHECK_EQ(r.absent, 1);
	CHECK_EQ(r.unknown, 0);

	/* name@cur/max temperatures; -256 is no sensor, with or without max. */
	CHECK_EQ(parse("cpu@45.5C/50.25C gpu@42/60C soc@-1.5C cv0@-256C/-256C tj@47.281C"), 4);
	CHECK((te = temp_of("cpu")) && te->has_max);
	NEAR(te->celsius, 45.5);
	NEAR(te->max_celsius, 50.25);
	CHECK((te = temp_of("gpu")) && te->has_max);
	NEAR(te->celsius, 42);
	NEAR(te->max_celsius, 60);
	CHECK((te = temp_of("soc")) && !te->has_max);
	NEAR(te->celsius, -1.5);	/* below zero is a real reading */
	CHECK(!temp_of("cv0"));
	CHECK_EQ(r.absent, 1);

	/* Timestamp, per-core forms, per-GPC frequency lists, engines off. */
	CHECK(parse("12-31-2024 23:59:01 RAM 3/7GB (lfb 1x512kB) IRAM 0/252kB(lfb 252kB) "
		    "CPU [12%,off,7%@1420] GR3D_FREQ 0%@[305,611] NVENC off APE 174 "
		    "VIC_FREQ 3%@115 MTS fg 1% bg 2%") > 0);
	CHECK_EQ(r.unknown, 0);
	CHECK(r.ram.present && r.iram.present && !r.swap.present);
	CHECK_EQ(r.ram.used, 3ull << 30);
	CHECK_EQ(r.ram.total, 7ull << 30);
	CHECK_EQ(r.iram.total, 252 * 1024);
	CHECK_EQ(r.ncpu, 3);
	CHECK(r.cpu[0].has_load && !r.cpu[0].has_freq);
	NEAR(r.cpu[0].load, 12);
	CHECK(r.cpu[1].off && !r.cpu[1].has_load);
	CHECK(r.cpu[2].has_freq);
	NEAR(r.cpu[2].mhz, 1420);
	CHECK((en = engine_of("GR3D")) && en->has_load && en->has_freq);
	NEAR(en->mhz, 611);
	CHECK((en = engine_of("NVENC")) && en->off && !en->has_freq);
	CHECK((en = engine_of("APE")) && !en->has_load && en->has_freq);
	NEAR(en->mhz, 174);
	CHECK((en = engine_of("VIC")) && en->has_load);
	NEAR(en->load, 3);
	CHECK((en = engine_of("MTS_bg")) && en->has_load);
	NEAR(en->load, 2);

	/* SWAP's cached figure, and the group split over tokens. */
	CHECK_EQ(parse("SWAP 1/1024MB (cached 7MB) EMC_FREQ 0%"), 2);
	CHECK(r.swap.has_cached);
	CHECK_EQ(r.swap.cached, 7 * 1024 * 1024);
	CHECK_EQ(r.swap.used, 1024 * 1024);

	/* Unknown tokens are skipped and counted; the rest still lands. */
	CHECK_EQ(parse("FOO= [x] VDD_IN 100/200 @3C 1/2 CPU [a,b] RAM x/yMB"), 1);
	CHECK(rail_of("VDD_IN"));
	CHECK(r.unknown >= 6);

	/* Lines with nothing in them: no reading, no failure. */
	CHECK_EQ(parse(""), 0);
	CHECK_EQ(parse("   \n"), 0);
	CHECK_EQ(parse("not a tegrastats line at all"), 0);
	CHECK_EQ(parse("RAM (lfb"), 0);
	CHECK_EQ(parse("RAM 1/2MB (lfb 1 2 3 4 5 6 VDD_IN 1/2"), 2);	/* unclosed group */
	CHECK_EQ(parse("CPU@inf C VDD_IN 0x10/1 GR3D_FREQ 5%@[] NAME nan"), 0);
	return 0;
}
