/* SPDX-License-Identifier: MIT */
/*
 * thermal.c - the temperature of every thermal zone
 * (/sys/class/thermal/thermal_zone*), in millidegrees; below zero is a
 * real reading (outdoor boards, some ACPI zones), not an error.
 *
 * A zone's limits are its trip points (trip_point_K_type and _temp): the
 * lowest "critical" one, where the kernel shuts down, and the lowest
 * "hot" or "passive" one, where it starts to act; "active" trips only
 * turn on fans.  As for hwmon (see hwmon.c) they are read once per probe
 * and written with the first sample after it.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pw.h"
#include "sysval.h"

#define MAX_ZONES 256
#define MAX_TRIPS 64	/* the kernel numbers a zone's trips from 0 without gaps */

enum { LIM_MAX, LIM_CRIT, NLIMITS };
static const char *const limit_series[NLIMITS] = { "temperature_max", "temperature_crit" };

struct zone {
	char path[PATH_MAX];
	char labels[384];
	struct pw_warn w;
	double lim[NLIMITS];	/* in celsius, where has_lim says so */
	unsigned char has_lim[NLIMITS];
};

struct thermal {
	unsigned n;
	int limits_written;	/* since the probe */
	struct zone z[MAX_ZONES];
};

/* The limits of zone @z, from the trip points in its directory @dir. */
static void read_trips(struct zone *z, const char *dir)
{
	char path[PATH_MAX + 64], type[32];
	double c;

	for (int i = 0; i < MAX_TRIPS; i++) {
		int lim, ret;

		snprintf(path, sizeof(path), "%.3800s/trip_point_%d_type", dir, i);
		ret = pw_read_str(path, type, sizeof(type));
		if (ret == -ENOENT)
			break;
		if (ret)
			continue;
		if (!strcmp(type, "critical"))
			lim = LIM_CRIT;
		else if (!strcmp(type, "hot") || !strcmp(type, "passive"))
			lim = LIM_MAX;
		else
			continue;
		snprintf(path, sizeof(path), "%.3800s/trip_point_%d_temp", dir, i);
		if (!pw_limit(path, &c) || (z->has_lim[lim] && z->lim[lim] <= c))
			continue;
		z->lim[lim] = c;
		z->has_lim[lim] = 1;
	}
}

static int is_zone(const struct dirent *d)
{
	return !strncmp(d->d_name, "thermal_zone", 12);
}

static int probe(void **state, const struct pw_env *e, FILE *list)
{
	char dir[PATH_MAX], path[PATH_MAX + 300], type[128], zdir[PATH_MAX];
	struct dirent **names;
	struct thermal *t;
	int n;

	snprintf(dir, sizeof(dir), "%s/class/thermal", e->sysfs);
	n = scandir(dir, &names, is_zone, versionsort);
	if (n < 0) {
		if (list)
			fprintf(list, "thermal: %s: %s\n", dir, pw_why(-errno));
		return -ENOENT;
	}
	t = calloc(1, sizeof(*t));
	for (int i = 0; i < n; i++) {
		struct zone *z = t ? &t->z[t->n] : NULL;
		size_t off;

		if (z && t->n < MAX_ZONES) {
			snprintf(zdir, sizeof(zdir), "%.3000s/%.200s", dir, names[i]->d_name);
			snprintf(z->path, sizeof(z->path), "%.4000s/temp", zdir);
			snprintf(path, sizeof(path), "%s/type", zdir);
			if (pw_read_str(path, type, sizeof(type)))
				type[0] = 0;
			off = pw_label(z->labels, sizeof(z->labels), 0, "source", "thermal");
			off = pw_label(z->labels, sizeof(z->labels), off, "zone", names[i]->d_name + 12);
			pw_label(z->labels, sizeof(z->labels), off, "type", type);
			read_trips(z, zdir);
			if (list)
				fprintf(list, "thermal: %s/%s (%s): found\n", dir, names[i]->d_name, type);
			t->n++;
		}
		free(names[i]);
	}
	free(names);
	if (!t)
		return -ENOMEM;
	if (!t->n) {
		if (list)
			fprintf(list, "thermal: %s: no thermal zones\n", dir);
		free(t);
		return -ENOENT;
	}
	*state = t;
	return 0;
}

static void write_limits(struct thermal *t, struct pw_sink *k)
{
	for (unsigned i = 0; i < t->n; i++)
		for (int j = 0; j < NLIMITS; j++)
			if (t->z[i].has_lim[j])
				pw_gauge(k, limit_series[j], t->z[i].labels, "celsius", t->z[i].lim[j]);
	t->limits_written = 1;
}

static int sample(void *state, struct pw_sink *k)
{
	struct thermal *t = state;

	if (!t->limits_written)
		write_limits(t, k);

	for (unsigned i = 0; i < t->n; i++) {
		struct zone *z = &t->z[i];
		int64_t v;
		int ret = pw_read_int(z->path, &v);

		if (ret) {
			pw_skip(&z->w, z->path, ret);
			continue;
		}
		pw_ok(&z->w);
		pw_gauge(k, "temperature", z->labels, "celsius", (double)v / 1000.0);
	}
	return 0;
}

static void fini(void *state)
{
	free(state);
}

const struct pw_collector pw_thermal = { "thermal", probe, sample, fini };
