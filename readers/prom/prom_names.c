/* SPDX-License-Identifier: MIT */
/*
 * prom_names.c - names, units and label lists (see prom_names.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/fmt.h"
#include "prom_names.h"
#include "shm/ring_read.h"
#include "common/utf8.h"

#define KEY_MAX		320
#define PAIRS_MAX	(SHM_LABELS_MAX / 2)

struct unit {
	const char *unit;
	const char *base;
	double div;
	const char *strip[5];		/* name endings this unit makes redundant */
};

static const struct unit units[] = {
	{ "bytes", "bytes", 1, { "_bytes", "_byte", "_b" } },
	{ "byte", "bytes", 1, { "_bytes", "_byte", "_b" } },
	{ "B", "bytes", 1, { "_bytes", "_byte", "_b" } },
	{ "ns", "seconds", 1e9, { "_ns", "_nsec", "_nanoseconds" } },
	{ "us", "seconds", 1e6, { "_us", "_usec", "_microseconds" } },
	{ "ms", "seconds", 1e3, { "_ms", "_msec", "_milliseconds" } },
	{ "s", "seconds", 1, { "_s", "_sec", "_secs", "_seconds" } },
	{ "sec", "seconds", 1, { "_s", "_sec", "_secs", "_seconds" } },
	{ "seconds", "seconds", 1, { "_s", "_sec", "_secs", "_seconds" } },
	{ "percent", "ratio", 100, { "_percent", "_pct", "_ratio" } },
	{ "%", "ratio", 100, { "_percent", "_pct", "_ratio" } },
	{ "ratio", "ratio", 1, { "_ratio" } },
	/* What the power collectors declare (telemetry_power(1)). */
	{ "W", "watts", 1, { "_watts", "_watt", "_w" } },
	{ "watts", "watts", 1, { "_watts", "_watt", "_w" } },
	{ "mW", "watts", 1e3, { "_watts", "_watt", "_mw" } },
	{ "uW", "watts", 1e6, { "_watts", "_watt", "_uw" } },
	{ "J", "joules", 1, { "_joules", "_joule", "_j" } },
	{ "joules", "joules", 1, { "_joules", "_joule", "_j" } },
	{ "mJ", "joules", 1e3, { "_joules", "_joule", "_mj" } },
	{ "uJ", "joules", 1e6, { "_joules", "_joule", "_uj" } },
	{ "celsius", "celsius", 1, { "_celsius", "_c" } },
	{ "V", "volts", 1, { "_volts", "_volt", "_v" } },
	{ "volts", "volts", 1, { "_volts", "_volt", "_v" } },
	{ "mV", "volts", 1e3, { "_volts", "_volt", "_mv" } },
	{ "A", "amperes", 1, { "_amperes", "_amps", "_a" } },
	{ "amperes", "amperes", 1, { "_amperes", "_amps", "_a" } },
	{ "mA", "amperes", 1e3, { "_amperes", "_amps", "_ma" } },
	{ "Hz", "hertz", 1, { "_hertz", "_hz" } },
	{ "MHz", "hertz", 1e-6, { "_hertz", "_hz", "_mhz" } },
	{ "rpm", "rpm", 1, { "_rpm" } },
};

static const struct unit *find_unit(const char *unit)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(unit, units[i].unit))
			return &units[i];
	return NULL;
}

static int is_lower(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* @in (any bytes) as a snake_case name: [a-z0-9_], no leading digit. */
static size_t snake(char *out, size_t len, const char *in)
{
	char tmp[PN_NAME_MAX];
	size_t o = 0;

	if (!len)
		return 0;
	/* The shared sanitizer first (label rules: no ':', no leading "__"). */
	prom_name(tmp, sizeof(tmp), in, 1);
	for (size_t i = 0; tmp[i] && o + 2 < len; i++) {
		char c = tmp[i];

		if (c >= 'A' && c <= 'Z') {
			/* fooBar -> foo_bar: camelCase is a promtool finding */
			if (i && is_lower(tmp[i - 1]))
				out[o++] = '_';
			c = (char)(c - 'A' + 'a');
		}
		out[o++] = c;
	}
	out[o] = 0;
	return o;
}

double pn_unit_scale(const char *unit, const char **base)
{
	const struct unit *u = find_unit(unit);

	*base = u ? u->base : NULL;
	return u ? u->div : 1;
}

static int ends_with(const char *s, size_t n, const char *tail)
{
	size_t k = strlen(tail);

	return n > k && !memcmp(s + n - k, tail, k);
}

uint8_t pn_export_kind(uint8_t kind, uint8_t vtype)
{
	return kind == SHM_KIND_COUNTER && vtype != SHM_U64 ? SHM_KIND_GAUGE : kind;
}

double pn_family(char *out, size_t len, const char *prefix, const char *name, const char *unit,
		 uint8_t kind, uint8_t vtype)
{
	const struct unit *u = find_unit(unit);
	char b[PN_NAME_MAX], base[32];
	size_t n = snake(b, sizeof(b), name);

	if (kind == SHM_KIND_COUNTER && ends_with(b, n, "_total"))
		n -= strlen("_total");
	if (u) {
		for (int i = 0; u->strip[i]; i++)
			if (ends_with(b, n, u->strip[i])) {
				n -= strlen(u->strip[i]);
				break;
			}
		snprintf(base, sizeof(base), "_%s", u->base);
	} else {
		base[0] = 0;
	}
	b[n] = 0;
	snprintf(out, len, "%s%s%s%s", prefix, b, base,
		 pn_export_kind(kind, vtype) == SHM_KIND_COUNTER ? "_total" : "");
	return u ? u->div : 1;
}

struct pair {
	char key[KEY_MAX];
	const char *value;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->key, ((const struct pair *)b)->key);
}

static int taken(const char *k, const struct pn_label *fixed, int nfixed, const struct pair *p,
		 int np)
{
	if (!strcmp(k, "le") || !strcmp(k, "quantile"))
		return 1;
	for (int i = 0; i < nfixed; i++)
		if (!strcmp(k, fixed[i].key))
			return 1;
	for (int i = 0; i < np; i++)
		if (!strcmp(k, p[i].key))
			return 1;
	return 0;
}

static int append(char *out, size_t len, size_t *o, const char *key, const char *value)
{
	char fixed[SHM_LABELS_MAX * 3 + 4], esc[sizeof(fixed) * 2];
	int n;

	utf8_repair(fixed, sizeof(fixed), value);
	esc_prom_label(esc, sizeof(esc), fixed);
	n = snprintf(out + *o, len - *o, "%s%s=\"%s\"", *o ? "," : "", key, esc);
	if (n < 0 || (size_t)n >= len - *o)
		return -ENOSPC;
	*o += (size_t)n;
	return 0;
}

int pn_labels_series(char *out, size_t len, const struct pn_label *fixed, int nfixed,
		     const char *enc)
{
	static struct pair p[PAIRS_MAX];	/* single-threaded tool: no need for the stack */
	const char *k, *v;
	size_t pos = 0, o = 0;
	int np = 0;

	if (!len)
		return -ENOSPC;
	out[0] = 0;
	while (enc && np < PAIRS_MAX && ring_label_next(enc, &pos, &k, &v)) {
		char s[KEY_MAX - 32];

		snake(s, sizeof(s), k);
		snprintf(p[np].key, KEY_MAX, "%s", s);
		if (taken(p[np].key, fixed, nfixed, p, np)) {
			snprintf(p[np].key, KEY_MAX, "exported_%s", s);
			for (int i = 2; taken(p[np].key, fixed, nfixed, p, np); i++)
				snprintf(p[np].key, KEY_MAX, "exported_%s_%d", s, i);
		}
		p[np++].value = v;
	}
	qsort(p, (size_t)np, sizeof(p[0]), by_key);
	for (int i = 0; i < np; i++)
		if (p[i].value[0] && append(out, len, &o, p[i].key, p[i].value))
			return -ENOSPC;
	return (int)o;
}

int pn_labels(char *out, size_t len, const struct pn_label *fixed, int nfixed, const char *enc)
{
	size_t o = 0;
	int n;

	if (!len)
		return -ENOSPC;
	out[0] = 0;
	/*
	 * An empty value is the same as no label at all to Prometheus (and
	 * node_exporter fills missing labels in with ""): leaving it out keeps
	 * two spellings of one series from both appearing.
	 */
	for (int i = 0; i < nfixed; i++)
		if (fixed[i].value[0] && append(out, len, &o, fixed[i].key, fixed[i].value))
			return -ENOSPC;
	/* The series' own labels after a comma: what pn_labels_series() renders. */
	n = pn_labels_series(out + o + !!o, len - o - !!o, fixed, nfixed, enc);
	if (n < 0)
		return n;
	if (n && o)
		out[o] = ',';
	return (int)o + !!o * !!n + n;
}
