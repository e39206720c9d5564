/* SPDX-License-Identifier: MIT */
/*
 * hmon_env.c - HAILO_MONITOR_TIME_INTERVAL from /proc (see hmon_env.h).
 *
 * The environment is a run of NUL-terminated entries of any length; only
 * the start of each is kept, since the one wanted is short.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "hmon_env.h"

#define VAR "HAILO_MONITOR_TIME_INTERVAL="

/* The value of @e if it is VAR with a decimal number in range, else 0. */
static uint32_t parse(const char *e)
{
	unsigned long v = 0;
	const char *p;

	if (strncmp(e, VAR, sizeof(VAR) - 1))
		return 0;
	p = e + sizeof(VAR) - 1;
	if (!*p)
		return 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > HMON_INTERVAL_MAX)
			return 0;
	}
	return v >= HMON_INTERVAL_MIN ? (uint32_t)v : 0;
}

int hmon_env_interval(int32_t pid, uint32_t *ms)
{
	char path[64], entry[64];
	size_t k = 0;
	uint32_t found = 0;
	FILE *f;
	int c, ret;

	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	errno = 0;
	do {
		c = getc(f);
		if (c == EOF || c == 0) {
			entry[k] = 0;
			/* The first definition counts, as getenv() finds it. */
			if (!found && k < sizeof(entry) - 1)
				found = parse(entry);
			k = 0;
		} else if (k < sizeof(entry) - 1) {
			entry[k++] = (char)c;
		}
	} while (c != EOF);
	ret = ferror(f) ? -(errno ? errno : EIO) : 0;
	fclose(f);
	if (ret)
		return ret;
	if (!found)
		return 0;
	*ms = found;
	return 1;
}
