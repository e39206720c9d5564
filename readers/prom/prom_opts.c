/* SPDX-License-Identifier: MIT */
/*
 * prom_opts.c - durations and comma-separated lists (see prom_opts.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "prom_opts.h"

int prom_duration(const char *s, uint64_t *ns)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "", 1e9 }, { "ms", 1e6 }, { "s", 1e9 }, { "m", 60e9 }, { "h", 3600e9 },
		{ "d", 86400e9 },
	};
	char *end;
	double v;

	if (!s || !*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !isfinite(v) || v < 0)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit))
			continue;
		v *= units[i].ns;
		if (v > 366 * 86400e9)
			return -EINVAL;
		*ns = (uint64_t)v;
		return 0;
	}
	return -EINVAL;
}

int prom_list_add(char ***list, const char *s)
{
	size_t n = 0, add = 1;
	const char *p = s, *comma;
	char **l;

	while (*list && (*list)[n])
		n++;
	for (const char *q = s; *q; q++)
		add += *q == ',';
	l = realloc(*list, (n + add + 1) * sizeof(*l));
	if (!l)
		return -ENOMEM;
	*list = l;
	for (;; p = comma + 1) {
		size_t len;

		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len) {
			l[n] = strndup(p, len);
			if (!l[n]) {
				l[n] = NULL;
				return -ENOMEM;
			}
			n++;
		}
		if (!comma)
			break;
	}
	l[n] = NULL;
	return 0;
}

void prom_list_free(char **list)
{
	for (size_t i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}
