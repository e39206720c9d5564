/* SPDX-License-Identifier: MIT */
/*
 * nixl_env.h - NIXL's environment that shmtel's NIXL tools honour as NIXL
 * does: NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US, the upper bounds of NIXL's
 * transfer-time histograms, so that the bridge's histograms and an
 * exporter's empty ones have the bounds NIXL's own exporter would use.
 */
#ifndef NIXL_ENV_H
#define NIXL_ENV_H

#include <stddef.h>
#include <stdint.h>
#include "shmtel.h"

#define NIXL_ENV_BUCKETS "NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US"

struct nixl_time_bounds {
	uint32_t n;
	double us[SHMTEL_MAX_BOUNDS];	/* strictly increasing microseconds */
};

/*
 * nixl_env_time_bounds: NIXL_ENV_BUCKETS ("5,50,500": comma-separated
 * microseconds) into *@out; unset or empty gives NIXL's own bounds
 * (nixl_time_bounds).  Returns 0, or -EINVAL with @why saying what is
 * wrong ("NAME=VALUE: reason": not a number, negative, not increasing,
 * more than SHMTEL_MAX_BOUNDS).  Thread safety: as getenv(3).
 */
int nixl_env_time_bounds(struct nixl_time_bounds *out, char *why, size_t whylen);

#endif
