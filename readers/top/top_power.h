/* SPDX-License-Identifier: MIT */
/*
 * top_power.h - telemetry_top: the Power view's figures, from the series
 * telemetry_power writes (see telemetry_power(1), SERIES) and, for energy
 * per unit of work, Hailo FPS and NIXL byte counters.
 *
 * Only agents that are up count: a dead collector's last watts are not
 * the host's power now.  NaN means "no inputs".  Strings point into the
 * snapshot (source) or are copied from it (what, sensor); all are raw
 * (untrusted) and must be escaped before they are shown.
 */
#ifndef READERS_TOP_POWER_H
#define READERS_TOP_POWER_H

#include <stddef.h>
#include "top_snap.h"

struct top_power_src {
	const char *source;		/* label source: rapl, hwmon, nvml, ... */
	char what[SHM_LABELS_MAX];	/* its other identifying labels, joined by spaces */
	double watts;			/* last value */
	double joules;			/* energy series of the same labels: its sum, in J */
	int package, sub;		/* a RAPL package zone, a RAPL sub-zone (index "0:0") */
	int host;			/* counted in the host total */
};

struct top_power_temp {
	const char *source;
	char sensor[SHM_LABELS_MAX];
	double celsius;
};

struct top_power {
	struct top_power_src *src;	/* in snapshot order */
	size_t nsrc;
	struct top_power_temp *temp;	/* hottest first */
	size_t ntemp;
	double host_watts;
	int rapl;			/* the host total is RAPL packages' (else every other row's) */
	int hailo, nixl;		/* live Hailo rings with FPS, live agents with byte counters */
	double fps, bytes_per_s;
	double joules_per_frame, bytes_per_joule;
};

/* top_power_build: the figures from @s (which must hold every series); 0 or -ENOMEM. */
int top_power_build(const struct top_snap *s, struct top_power *p);
void top_power_free(struct top_power *p);

#endif
