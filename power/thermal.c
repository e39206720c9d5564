/* SPDX-License-Identifier: MIT */
/*
 * thermal.c - the temperature of every thermal zone
 * (/sys/class/thermal/thermal_zone*), in millidegrees; below zero is a
 * real reading (outdoor boards, some ACPI zones), not an error.
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

struct zone {
	char path[PATH_MAX];
	char labels[384];
	struct pw_warn w;
};

struct thermal {
	unsigned n;
	struct zone z[MAX_ZONES];
};

static int is_zone(const struct dirent *d)
{
	return !strncmp(d->d_name, "thermal_zone", 12);
}

static int probe(void **state, const struct pw_env *e, FILE *list)
{
	char dir[PATH_MAX], path[PATH_MAX + 300], type[128];
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
			snprintf(z->path, sizeof(z->path), "%.3000s/%.200s/temp", dir, names[i]->d_name);
			snprintf(path, sizeof(path), "%.3000s/%.200s/type", dir, names[i]->d_name);
			if (pw_read_str(path, type, sizeof(type)))
				type[0] = 0;
			off = pw_label(z->labels, sizeof(z->labels), 0, "source", "thermal");
			off = pw_label(z->labels, sizeof(z->labels), off, "zone", names[i]->d_name + 12);
			pw_label(z->labels, sizeof(z->labels), off, "type", type);
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

static int sample(void *state, struct pw_sink *k)
{
	struct thermal *t = state;

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
