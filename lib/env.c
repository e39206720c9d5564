/* SPDX-License-Identifier: MIT */
/*
 * env.c - NIXL's telemetry environment, read the way NIXL reads it, but
 * strictly: a value we do not understand is an error the caller sees,
 * reported before any file exists, rather than a silent default.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "internal.h"

static const char *const yes[] = { "y", "yes", "on", "1", "true", "enable" };
static const char *const no[] = { "n", "no", "off", "0", "false", "disable" };

/* 1 enabled, 0 disabled, -EINVAL unknown. */
static int parse_bool(const char *v)
{
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcasecmp(v, yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcasecmp(v, no[i]))
			return 0;
	return -EINVAL;
}

/* A decimal in [1, max]; leading/trailing garbage, signs and 0 are errors. */
static int parse_u32(const char *v, uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long long n;

	if (!*v || *v < '0' || *v > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno || *end || n == 0 || n > max)
		return -EINVAL;
	*out = (uint32_t)n;
	return 0;
}

int shmtel_config_from_env(struct shmtel_config *cfg, const char *name)
{
	const char *v;
	int on;

	memset(cfg, 0, sizeof(*cfg));
	cfg->name = name;
	v = getenv("NIXL_TELEMETRY_ENABLE");
	on = v ? parse_bool(v) : 0;
	if (on < 0)
		return debug_fail(-EINVAL, "NIXL_TELEMETRY_ENABLE=%s is neither true nor false", v);
	v = getenv("NIXL_TELEMETRY_BUFFER_SIZE");
	if (v && (parse_u32(v, GEOM_MAX_CAPACITY, &cfg->capacity) || !geom_pow2(cfg->capacity)))
		return debug_fail(-EINVAL, "NIXL_TELEMETRY_BUFFER_SIZE=%s is not a power of two",
				  v);
	v = getenv("NIXL_TELEMETRY_RUN_INTERVAL");
	if (v && parse_u32(v, 3600 * 1000, &cfg->run_interval_ms))
		return debug_fail(-EINVAL,
				  "NIXL_TELEMETRY_RUN_INTERVAL=%s is not a positive number of ms", v);
	v = getenv("NIXL_TELEMETRY_ENABLED_METRICS");
	cfg->enabled_metrics = v && *v ? v : NULL;
	v = getenv("NIXL_TELEMETRY_DIR");
	/* Enabled without a directory: no file, every call a no-op, as in NIXL. */
	cfg->dir = on && v && *v ? v : NULL;
	return 0;
}

int shmtel_agent_open_env(const char *name, struct shmtel_agent **out)
{
	struct shmtel_config cfg;
	int ret;

	*out = NULL;
	ret = shmtel_config_from_env(&cfg, name);
	return ret ? ret : shmtel_agent_open(&cfg, out);
}

void env_why_no_dir(char *buf, size_t len)
{
	const char *on = getenv("NIXL_TELEMETRY_ENABLE"), *dir = getenv("NIXL_TELEMETRY_DIR");
	int v = on ? parse_bool(on) : 0;

	if (!on)
		snprintf(buf, len, "NIXL_TELEMETRY_ENABLE is not set, which disables telemetry");
	else if (v < 0)
		snprintf(buf, len, "NIXL_TELEMETRY_ENABLE=%s is neither true nor false", on);
	else if (!v)
		snprintf(buf, len, "NIXL_TELEMETRY_ENABLE=%s disables telemetry", on);
	else if (!dir || !*dir)
		snprintf(buf, len, "NIXL_TELEMETRY_ENABLE=%s, but NIXL_TELEMETRY_DIR is not set", on);
	else
		buf[0] = 0;
}
