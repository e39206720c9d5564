/* SPDX-License-Identifier: MIT */
/*
 * hwmon.c - every hwmon chip's power, energy, temperature, voltage,
 * current and fan sensors (/sys/class/hwmon/hwmon*).
 *
 * Chips are named as node_exporter names them, so the two can be read
 * side by side: from the device link (bus type and device, such as
 * platform_coretemp_0), else the chip's name file, else hwmonN; cleaned
 * to [a-z0-9:_].  Several chips behind one device (the three wifi PHYs of
 * an mt7996, or asus-nb-wmi's two) would share that name, so each of
 * them gets its name file appended, and hwmonN after that if they still
 * collide: no two chips ever feed the same series.  Some drivers keep
 * their sensor files in the device directory rather than the hwmon one;
 * both are read, the device's winning, as node_exporter does.
 *
 * A temperature's limits, temp*_max and temp*_crit, do not change: they
 * are read once per probe and written once, with the first sample after
 * it, which keeps a sample's cost that of its readings; the ring keeps a
 * gauge's last value, and rescans write them again.  They carry the
 * sensor's own labels, so PromQL can set the two side by side.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pw.h"
#include "sysval.h"

#define MAX_CHIPS 256
#define MAX_SENSORS 4096

/* Sensor kinds: file prefix, suffix of the value file, series, unit, scale. */
static const struct kind {
	const char *prefix, *suffix, *series, *unit;
	double scale;
	int counter;
} kinds[] = {
	{ "power", "_input", "power", "W", 1e-6, 0 },
	{ "power", "_average", "power", "W", 1e-6, 0 },
	{ "energy", "_input", "energy", "uJ", 1, 1 },
	{ "temp", "_input", "temperature", "celsius", 1e-3, 0 },
	{ "in", "_input", "voltage", "V", 1e-3, 0 },
	{ "curr", "_input", "current", "A", 1e-3, 0 },
	{ "fan", "_input", "fan", "rpm", 1, 0 },
};

/* The limit files of a temperature sensor, in the order of struct sensor's lim. */
static const struct limit {
	const char *suffix, *series;
} limits[] = {
	{ "_max", "temperature_max" },
	{ "_crit", "temperature_crit" },
};
#define NLIMITS (sizeof(limits) / sizeof(limits[0]))

struct sensor {
	char path[PATH_MAX];
	char labels[768];
	char key[40];		/* sensor name and suffix, to drop duplicates */
	const struct kind *k;
	struct pw_warn w;
	double lim[NLIMITS];	/* in celsius, where has_lim says so */
	unsigned char has_lim[NLIMITS];
};

struct chip {
	char dir[PATH_MAX];
	char dev[PATH_MAX];	/* dir/device, "" when it has none */
	char id[128];		/* node_exporter's chip label */
	char name[128];		/* the name file, cleaned; "" when none */
	char hwmon[32];		/* hwmonN */
};

struct hwmon {
	unsigned n;
	int limits_written;	/* since the probe */
	struct sensor s[MAX_SENSORS];
};

/* node_exporter's cleanMetricName: lower case, [^a-z0-9:_] to _, _ trimmed. */
static void clean(char *out, size_t len, const char *in)
{
	size_t o = 0, start;

	for (const char *p = in; *p && o + 1 < len; p++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;

		out[o++] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' ? c : '_';
	}
	while (o && out[o - 1] == '_')
		o--;
	out[o] = 0;
	for (start = 0; out[start] == '_'; start++)
		;
	memmove(out, out + start, o - start + 1);
}

/* The device-based name (TYPE_DEVICE from the link's last two parts), or "". */
static void device_name(struct chip *c, char *out, size_t len)
{
	char real[PATH_MAX], t[128], d[128];
	char *slash, *type;

	out[0] = 0;
	if (!c->dev[0] || !realpath(c->dev, real))
		return;
	slash = strrchr(real, '/');
	if (!slash)
		return;
	clean(d, sizeof(d), slash + 1);
	*slash = 0;
	type = strrchr(real, '/');
	clean(t, sizeof(t), type ? type + 1 : "");
	if (t[0] && d[0])
		snprintf(out, len, "%.60s_%.60s", t, d);
	else if (d[0])
		snprintf(out, len, "%s", d);
}

static void name_chip(struct chip *c)
{
	char raw[128], path[PATH_MAX + 8];

	snprintf(path, sizeof(path), "%s/name", c->dir);
	c->name[0] = 0;
	if (!pw_read_str(path, raw, sizeof(raw)))
		clean(c->name, sizeof(c->name), raw);
	device_name(c, c->id, sizeof(c->id));
	if (!c->id[0])
		snprintf(c->id, sizeof(c->id), "%s", c->name[0] ? c->name : c->hwmon);
}

/* Make every chip's id unique (see the comment at the top). */
static void unique(struct chip *c, unsigned n)
{
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < n; i++) {
			int dup = 0;
			char id[sizeof(c->id)];

			for (unsigned j = 0; j < n; j++)
				dup |= j != i && !strcmp(c[i].id, c[j].id);
			if (!dup)
				continue;
			/* Every chip of the group is renamed, in this pass, from the same id. */
			for (unsigned j = n; j-- > 0;) {
				if (j == i || strcmp(c[i].id, c[j].id))
					continue;
				snprintf(id, sizeof(id), "%.60s_%.60s", c[j].id,
					 pass == 0 && c[j].name[0] ? c[j].name : c[j].hwmon);
				snprintf(c[j].id, sizeof(c[j].id), "%s", id);
			}
			snprintf(id, sizeof(id), "%.60s_%.60s", c[i].id,
				 pass == 0 && c[i].name[0] ? c[i].name : c[i].hwmon);
			snprintf(c[i].id, sizeof(c[i].id), "%s", id);
		}
}

/* The kind of sensor file @f and its sensor name (temp1) in @sensor, or NULL. */
static const struct kind *kind_of(const char *f, char *sensor, size_t len)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t pl = strlen(kinds[i].prefix), fl = strlen(f), sl = strlen(kinds[i].suffix);
		size_t digits;

		if (strncmp(f, kinds[i].prefix, pl) || fl <= pl + sl ||
		    strcmp(f + fl - sl, kinds[i].suffix))
			continue;
		digits = strspn(f + pl, "0123456789");
		if (pl + digits + sl != fl || !digits || pl + digits >= len)
			continue;
		memcpy(sensor, f, pl + digits);
		sensor[pl + digits] = 0;
		return &kinds[i];
	}
	return NULL;
}

/*
 * Add the sensors of directory @d of chip @c; one the chip already has
 * (h->s[@first..]) is replaced.
 */
static void scan_dir(struct hwmon *h, unsigned first, const struct chip *c, const char *d)
{
	struct dirent **ents;
	int n = scandir(d, &ents, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		char sensor[32], key[40], label[80], path[PATH_MAX + 300];
		const struct kind *k = kind_of(ents[i]->d_name, sensor, sizeof(sensor));
		struct sensor *s = NULL;
		size_t off;

		if (!k)
			goto next;
		snprintf(key, sizeof(key), "%s%s", sensor, k->suffix);
		for (unsigned j = first; j < h->n && !s; j++)
			if (!strcmp(h->s[j].key, key))
				s = &h->s[j];
		if (!s) {
			if (h->n == MAX_SENSORS)
				goto next;
			s = &h->s[h->n++];
		}
		memset(s, 0, sizeof(*s));
		snprintf(s->path, sizeof(s->path), "%s/%s", d, ents[i]->d_name);
		snprintf(s->key, sizeof(s->key), "%s", key);
		s->k = k;
		off = pw_label(s->labels, sizeof(s->labels), 0, "source", "hwmon");
		off = pw_label(s->labels, sizeof(s->labels), off, "chip", c->id);
		off = pw_label(s->labels, sizeof(s->labels), off, "sensor", sensor);
		/* Cut long labels: a series' labels must fit SHM's 256 encoded bytes. */
		snprintf(path, sizeof(path), "%s/%s_label", d, sensor);
		if (!pw_read_str(path, label, sizeof(label)))
			pw_label(s->labels, sizeof(s->labels), off, "label", label);
	next:
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

/* Drop power*_average where the chip has power*_input: one power series per sensor. */
static void drop_averages(struct hwmon *h, unsigned first)
{
	unsigned o = first;

	for (unsigned i = first; i < h->n; i++) {
		char want[40];
		int has_input = 0;
		size_t l = strlen(h->s[i].key);

		if (strcmp(h->s[i].k->suffix, "_average") || l < 8) {
			h->s[o++] = h->s[i];
			continue;
		}
		snprintf(want, sizeof(want), "%.*s_input", (int)(l - 8), h->s[i].key);
		for (unsigned j = first; j < h->n; j++)
			has_input |= !strcmp(h->s[j].key, want);
		if (!has_input)
			h->s[o++] = h->s[i];
	}
	h->n = o;
}

/*
 * Read the limits of chip @c's temperature sensors h->s[@first..]; a
 * limit file in the device directory wins, as its sensor files do.
 */
static void read_limits(struct hwmon *h, unsigned first, const struct chip *c)
{
	char path[PATH_MAX + 64];

	for (unsigned i = first; i < h->n; i++) {
		struct sensor *s = &h->s[i];
		size_t l = strlen(s->key) - strlen(s->k->suffix);

		if (strcmp(s->k->series, "temperature"))
			continue;
		for (size_t j = 0; j < NLIMITS; j++) {
			path[0] = 0;
			if (c->dev[0]) {
				snprintf(path, sizeof(path), "%s/%.*s%s", c->dev, (int)l, s->key,
					 limits[j].suffix);
				if (access(path, F_OK))
					path[0] = 0;
			}
			if (!path[0])
				snprintf(path, sizeof(path), "%s/%.*s%s", c->dir, (int)l, s->key,
					 limits[j].suffix);
			s->has_lim[j] = (unsigned char)pw_limit(path, &s->lim[j]);
		}
	}
}

static int is_hwmon(const struct dirent *d)
{
	return !strncmp(d->d_name, "hwmon", 5);
}

static int probe(void **state, const struct pw_env *e, FILE *list)
{
	char dir[PATH_MAX];
	struct dirent **names;
	struct chip *chips;
	struct hwmon *h;
	unsigned nc = 0;
	int n;

	snprintf(dir, sizeof(dir), "%s/class/hwmon", e->sysfs);
	n = scandir(dir, &names, is_hwmon, versionsort);
	if (n < 0) {
		if (list)
			fprintf(list, "hwmon: %s: %s\n", dir, pw_why(-errno));
		return -ENOENT;
	}
	chips = calloc(MAX_CHIPS, sizeof(*chips));
	h = calloc(1, sizeof(*h));
	if (!chips || !h) {
		free(chips);
		free(h);
		while (n--)
			free(names[n]);
		free(names);
		return -ENOMEM;
	}
	for (int i = 0; i < n; i++) {
		struct chip *c = &chips[nc];

		if (nc < MAX_CHIPS) {
			snprintf(c->dir, sizeof(c->dir), "%.2048s/%.200s", dir, names[i]->d_name);
			snprintf(c->hwmon, sizeof(c->hwmon), "%.31s", names[i]->d_name);
			snprintf(c->dev, sizeof(c->dev), "%.4000s/device", c->dir);
			if (access(c->dev, F_OK))
				c->dev[0] = 0;
			name_chip(c);
			nc++;
		}
		free(names[i]);
	}
	free(names);
	unique(chips, nc);
	for (unsigned i = 0; i < nc; i++) {
		unsigned first = h->n;

		scan_dir(h, first, &chips[i], chips[i].dir);
		if (chips[i].dev[0])
			scan_dir(h, first, &chips[i], chips[i].dev);
		drop_averages(h, first);
		read_limits(h, first, &chips[i]);
		if (list)
			fprintf(list, "hwmon: %s: chip %s, %u sensors\n", chips[i].dir, chips[i].id,
				h->n - first);
	}
	free(chips);
	if (!h->n) {
		if (list && !nc)
			fprintf(list, "hwmon: %s: no chips\n", dir);
		free(h);
		return -ENOENT;
	}
	*state = h;
	return 0;
}

static void write_limits(struct hwmon *h, struct pw_sink *k)
{
	for (unsigned i = 0; i < h->n; i++)
		for (size_t j = 0; j < NLIMITS; j++)
			if (h->s[i].has_lim[j])
				pw_gauge(k, limits[j].series, h->s[i].labels, "celsius", h->s[i].lim[j]);
	h->limits_written = 1;
}

static int sample(void *state, struct pw_sink *k)
{
	struct hwmon *h = state;

	if (!h->limits_written)
		write_limits(h, k);

	for (unsigned i = 0; i < h->n; i++) {
		struct sensor *s = &h->s[i];
		int64_t v;
		uint64_t dt;
		int ret = pw_read_int(s->path, &v);

		if (!ret && s->k->counter && v < 0)
			ret = -ERANGE;
		if (ret) {
			pw_skip(&s->w, s->path, ret);
			continue;
		}
		pw_ok(&s->w);
		if (s->k->counter)
			pw_count(k, s->k->series, s->labels, s->k->unit,
				 pw_energy_delta(s->path, (uint64_t)v, 0, &dt));
		else
			pw_gauge(k, s->k->series, s->labels, s->k->unit, (double)v * s->k->scale);
	}
	return 0;
}

static void fini(void *state)
{
	free(state);
}

const struct pw_collector pw_hwmon = { "hwmon", probe, sample, fini };
