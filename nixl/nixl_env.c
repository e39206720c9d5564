/* SPDX-License-Identifier: MIT */
/*
 * nixl_env.c - NIXL's environment variables (see nixl_env.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/esc.h"
#include "nixl_env.h"
#include "nixl_ring.h"

#define STR(x) #x
#define XSTR(x) STR(x)

_Static_assert(NIXL_NTIME_BOUNDS <= SHMTEL_MAX_BOUNDS, "NIXL's bounds fit a shmtel histogram");

static int refuse(char *why, size_t whylen, const char *value, const char *reason)
{
	char safe[256];

	/* The environment is the user's, but it still reaches a terminal. */
	esc_term(safe, sizeof(safe), value);
	snprintf(why, whylen, NIXL_ENV_BUCKETS "=%s: %s", safe, reason);
	return -EINVAL;
}

int nixl_env_time_bounds(struct nixl_time_bounds *out, char *why, size_t whylen)
{
	const char *v = getenv(NIXL_ENV_BUCKETS), *p;

	if (!v || !*v) {
		out->n = NIXL_NTIME_BOUNDS;
		memcpy(out->us, nixl_time_bounds, NIXL_NTIME_BOUNDS * sizeof(double));
		return 0;
	}
	out->n = 0;
	for (p = v;; p++) {
		char *end;
		double x;

		x = strtod(p, &end);
		while (*end == ' ' || *end == '\t')
			end++;
		if (end == p || (*end && *end != ',') || !isfinite(x))
			return refuse(why, whylen, v, "expected comma-separated numbers of microseconds");
		if (x < 0)
			return refuse(why, whylen, v, "a bound is negative");
		if (out->n && !(x > out->us[out->n - 1]))
			return refuse(why, whylen, v, "bounds must be strictly increasing");
		if (out->n == SHMTEL_MAX_BOUNDS)
			return refuse(why, whylen, v, "more than " XSTR(SHMTEL_MAX_BOUNDS) " bounds");
		out->us[out->n++] = x;
		p = end;
		if (!*p)
			return 0;
	}
}
