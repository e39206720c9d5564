/* SPDX-License-Identifier: MIT */
/*
 * proc.c - a process's start time from /proc/PID/stat.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "proc.h"

int proc_start_ticks(int32_t pid, uint64_t *ticks)
{
	char buf[1024], *p;
	unsigned long long st;
	FILE *f;
	size_t n;

	snprintf(buf, sizeof(buf), "/proc/%" PRId32 "/stat", pid);
	f = fopen(buf, "re");
	if (!f)
		return -errno;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	/* comm may hold spaces and parens: the fields restart after the last ')'. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d "
			 "%*d %*d %*d %*d %llu", &st) != 1)
		return -ESRCH;
	*ticks = st;
	return 0;
}
