/* SPDX-License-Identifier: MIT */
/*
 * rapl.c - RAPL energy per powercap zone (intel-rapl:N and its sub-zones
 * intel-rapl:N:M; AMD Zen kernels expose the same class).
 *
 * energy_uj is a cumulative count of microjoules that wraps at
 * max_energy_range_uj; pw_energy_delta() adds the deltas across wraps, so
 * the energy counter only grows and stays exact.  Power is that delta
 * over the time between two samples.  Since Linux 5.10 energy_uj is
 * readable by root only (a side channel): a zone that cannot be read is
 * said once, with the fix, and left out; the other collectors carry on.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pw.h"
#include "sysval.h"

#define MAX_ZONES 64

struct zone {
	char energy[4096];	/* .../energy_uj */
	char labels[512];
	uint64_t range;		/* max_energy_range_uj; 0: unknown */
	struct pw_warn w;
};

struct rapl {
	unsigned n;
	struct zone z[MAX_ZONES];
};

/* Said once per process: the fix does not change between rescans. */
static int told_permission;

static int is_zone(const struct dirent *d)
{
	return !strncmp(d->d_name, "intel-rapl:", 11);
}

static void permission(const char *path, FILE *list)
{
	const char *msg = "readable by root only (Linux 5.10 and later): run as root, or "
			  "grant read access with a udev rule or ACL (see telemetry_power(1))";

	if (list) {
		fprintf(list, "rapl: %s: permission denied: %s\n", path, msg);
	} else if (!told_permission) {
		told_permission = 1;
		fprintf(stderr, "telemetry_power: rapl: %s: permission denied: %s\n", path, msg);
	}
}

static int probe(void **state, const struct pw_env *e, FILE *list)
{
	struct dirent **names;
	char dir[3000], path[4096], name[128];
	struct rapl *r;
	int n, denied = 0;

	snprintf(dir, sizeof(dir), "%.2900s/class/powercap", e->sysfs);
	n = scandir(dir, &names, is_zone, alphasort);
	if (n < 0) {
		if (list)
			fprintf(list, "rapl: %s: %s\n", dir, pw_why(-errno));
		return -ENOENT;
	}
	r = calloc(1, sizeof(*r));
	if (!r) {
		while (n--)
			free(names[n]);
		free(names);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		struct zone *z = &r->z[r->n];
		int64_t v;
		size_t off;
		int ret;

		snprintf(path, sizeof(path), "%.2900s/%.200s/energy_uj", dir, names[i]->d_name);
		ret = pw_read_int(path, &v);
		if (ret == -EACCES || ret == -EPERM) {
			permission(path, list);
			denied++;
		} else if (ret) {
			if (list)
				fprintf(list, "rapl: %s: %s\n", path, pw_why(ret));
		} else if (r->n < MAX_ZONES) {
			snprintf(z->energy, sizeof(z->energy), "%s", path);
			snprintf(path, sizeof(path), "%.2900s/%.200s/name", dir, names[i]->d_name);
			if (pw_read_str(path, name, sizeof(name)))
				snprintf(name, sizeof(name), "%.100s", names[i]->d_name);
			snprintf(path, sizeof(path), "%.2900s/%.200s/max_energy_range_uj", dir,
				 names[i]->d_name);
			z->range = pw_read_int(path, &v) || v <= 0 ? 0 : (uint64_t)v;
			off = pw_label(z->labels, sizeof(z->labels), 0, "source", "rapl");
			off = pw_label(z->labels, sizeof(z->labels), off, "zone", name);
			pw_label(z->labels, sizeof(z->labels), off, "index", names[i]->d_name + 11);
			if (list)
				fprintf(list, "rapl: %s/%s (%s): found\n", dir, names[i]->d_name, name);
			r->n++;
		}
		free(names[i]);
	}
	free(names);
	if (!r->n) {
		free(r);
		if (list && !n)
			fprintf(list, "rapl: %s: no intel-rapl zones\n", dir);
		return denied ? -EACCES : -ENOENT;
	}
	*state = r;
	return 0;
}

static int sample(void *state, struct pw_sink *k)
{
	struct rapl *r = state;

	for (unsigned i = 0; i < r->n; i++) {
		struct zone *z = &r->z[i];
		uint64_t d, dt;
		int64_t v;
		int ret = pw_read_int(z->energy, &v);

		if (!ret && v < 0)
			ret = -ERANGE;
		if (ret) {
			pw_skip(&z->w, z->energy, ret);
			continue;
		}
		pw_ok(&z->w);
		d = pw_energy_delta(z->energy, (uint64_t)v, z->range, &dt);
		pw_count(k, "energy", z->labels, "uJ", d);
		if (dt)
			pw_gauge(k, "power", z->labels, "W", (double)d * 1e3 / (double)dt);
	}
	return 0;
}

static void fini(void *state)
{
	free(state);
}

const struct pw_collector pw_rapl = { "rapl", probe, sample, fini };
