/* tegra_parse.h - one line of NVIDIA tegrastats output into readings.
 *
 * A pure parser: no I/O, no allocation, no global state; safe to call
 * from any thread on distinct structs. */
#ifndef PW_TEGRA_PARSE_H
#define PW_TEGRA_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define TEGRA_NAME_MAX 32	/* longest sensor, rail or engine name + NUL */
#define TEGRA_MAX_CPUS 128	/* the largest Jetson has 12 cores */
#define TEGRA_MAX_ITEMS 48	/* engines, temperatures and rails, each */

struct tegra_mem {
	int present;
	uint64_t used, total;		/* bytes */
	int has_cached;
	uint64_t cached;		/* SWAP (cached NMB), bytes */
};

struct tegra_cpu {
	int off;			/* the core is offline: nothing else is set */
	int has_load, has_freq;
	double load;			/* percent */
	double mhz;
};

struct tegra_engine {
	char name[TEGRA_NAME_MAX];	/* EMC, GR3D, APE, NVENC, VIC, MTS_fg... (no _FREQ) */
	int off;			/* `NAME off`: powered down */
	int has_load, has_freq;
	double load;			/* percent */
	double mhz;			/* the highest of a per-GPC list @[f,f] */
};

struct tegra_temp {
	char name[TEGRA_NAME_MAX];
	double celsius;
	int has_max;
	double max_celsius;		/* name@cur/max */
};

struct tegra_rail {
	char name[TEGRA_NAME_MAX];
	double cur_mw, avg_mw;
	int has_max;
	double max_mw;			/* cur/avg/max */
};

struct tegra_reading {
	struct tegra_mem ram, swap, iram;
	unsigned ncpu;
	struct tegra_cpu cpu[TEGRA_MAX_CPUS];
	unsigned nengine, ntemp, nrail;
	struct tegra_engine engine[TEGRA_MAX_ITEMS];
	struct tegra_temp temp[TEGRA_MAX_ITEMS];
	struct tegra_rail rail[TEGRA_MAX_ITEMS];
	unsigned unknown;	/* tokens not in the grammar, skipped */
	unsigned absent;	/* -256C sensors and NC rails, skipped by design */
	unsigned dropped;	/* readings beyond the tables above */
};

/*
 * tegra_parse: parse the tegrastats line @line of @len bytes (no NUL
 * needed; a trailing newline is allowed) into @r, which is cleared first.
 * Tokens outside the grammar are skipped and counted in @r->unknown,
 * never fatal.  Returns the number of readings stored (memory figures,
 * cores, engines, temperatures, rails); 0 means the line held none.
 */
int tegra_parse(const char *line, size_t len, struct tegra_reading *r);

#endif
