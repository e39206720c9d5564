/* SPDX-License-Identifier: MIT */
/*
 * top_power.c - the Power view's figures (see top_power.h).
 *
 * The host total must not count a watt twice: RAPL's package zones
 * already contain their core and uncore sub-zones (index "0:0"), and
 * several collectors may see the same rail.  So when RAPL package zones
 * exist the total is theirs alone; otherwise it is every row but RAPL
 * sub-zones.  telemetry_top(1) states the same rule.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "top_power.h"

/* Labels that say which zone, sensor, rail or GPU a row is, in the order shown. */
static const char *const what_keys[] = {
	"zone", "index", "chip", "sensor", "label", "rail", "type", "gpu", "name",
};

static void what_of(char *out, size_t len, const char *labels)
{
	size_t n = 0;

	out[0] = 0;
	for (size_t i = 0; i < sizeof(what_keys) / sizeof(what_keys[0]); i++) {
		const char *v = top_label(labels, what_keys[i]);
		size_t l;

		if (!v || !*v)
			continue;
		l = strlen(v);
		if (n + l + 2 > len)
			break;
		if (n)
			out[n++] = ' ';
		memcpy(out + n, v, l + 1);
		n += l;
	}
}

/* Every pair of @a is in @b and both have as many: the same series identity. */
static int same_labels(const char *a, const char *b)
{
	const char *k, *v, *w;
	size_t pos = 0, na = 0, nb = 0;

	while (ring_label_next(a, &pos, &k, &v)) {
		na++;
		w = top_label(b, k);
		if (!w || strcmp(v, w))
			return 0;
	}
	pos = 0;
	while (ring_label_next(b, &pos, &k, &v))
		nb++;
	return na == nb;
}

static double unit_to_joules(const char *unit)
{
	return !strcmp(unit, "uJ") ? 1e-6 : !strcmp(unit, "mJ") ? 1e-3 : !strcmp(unit, "J") ? 1 : NAN;
}

static double energy_of(const struct top_snap *s, const struct top_series_row *pw)
{
	for (size_t i = 0; i < s->nseries; i++) {
		const struct top_series_row *r = &s->series[i];

		if (r->agent == pw->agent && r->category == SHM_CAT_SYSTEM && !strcmp(r->name, "energy") &&
		    same_labels(r->labels, pw->labels))
			return r->st.count ? ring_value_double(r->vtype, r->st.sum) * unit_to_joules(r->unit) :
					     NAN;
	}
	return NAN;
}

/* Hottest first; a sensor without a value last. */
static int cmp_temp(const void *a, const void *b)
{
	double x = ((const struct top_power_temp *)a)->celsius;
	double y = ((const struct top_power_temp *)b)->celsius;

	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return (x < y) - (x > y);
}

static void host_total(struct top_power *p)
{
	double sum = 0;
	int any = 0;

	for (size_t i = 0; i < p->nsrc; i++)
		p->rapl |= p->src[i].package;
	for (size_t i = 0; i < p->nsrc; i++) {
		struct top_power_src *r = &p->src[i];

		r->host = (p->rapl ? r->package : !r->sub) && !isnan(r->watts);
		if (r->host) {
			sum += r->watts;
			any = 1;
		}
	}
	p->host_watts = any ? sum : NAN;
}

static int add(struct top_power *p, const struct top_snap *s, const struct top_series_row *r,
	       size_t *cs, size_t *ct)
{
	const char *src = top_label(r->labels, "source");
	double v = top_value(r->vtype, r->st.last, r->st.count);

	if (!src)
		src = "";
	if (!strcmp(r->name, "power")) {
		const char *idx = top_label(r->labels, "index");
		int rapl = !strcmp(src, "rapl"), sub = rapl && idx && strchr(idx, ':');

		if (p->nsrc == *cs) {
			size_t nc = *cs ? *cs * 2 : 8;
			void *n = realloc(p->src, nc * sizeof(*p->src));

			if (!n)
				return -ENOMEM;
			p->src = n;
			*cs = nc;
		}
		p->src[p->nsrc] = (struct top_power_src){ .source = src, .watts = v,
							  .joules = energy_of(s, r),
							  .package = rapl && !sub, .sub = sub };
		what_of(p->src[p->nsrc++].what, sizeof(p->src[0].what), r->labels);
	} else if (!strcmp(r->name, "temperature")) {
		if (p->ntemp == *ct) {
			size_t nc = *ct ? *ct * 2 : 8;
			void *n = realloc(p->temp, nc * sizeof(*p->temp));

			if (!n)
				return -ENOMEM;
			p->temp = n;
			*ct = nc;
		}
		p->temp[p->ntemp] = (struct top_power_temp){ .source = src, .celsius = v };
		what_of(p->temp[p->ntemp++].sensor, sizeof(p->temp[0].sensor), r->labels);
	}
	return 0;
}

int top_power_build(const struct top_snap *s, struct top_power *p)
{
	size_t cs = 0, ct = 0;

	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < s->nseries; i++) {
		const struct top_series_row *r = &s->series[i];
		const struct top_agent_row *a = &s->agents[r->agent];
		double v;

		if (a->state != TOP_LIVE)
			continue;
		if (a->hailo && !strcmp(r->name, "hailo_network_fps")) {
			v = top_value(r->vtype, r->st.last, r->st.count);
			p->hailo = 1;
			if (!isnan(v))
				p->fps += v;
		} else if (!strcmp(r->name, "agent_tx_bytes") || !strcmp(r->name, "agent_rx_bytes")) {
			p->nixl = 1;
			p->bytes_per_s += r->vrate;
		} else if (r->category == SHM_CAT_SYSTEM && add(p, s, r, &cs, &ct)) {
			top_power_free(p);
			return -ENOMEM;
		}
	}
	host_total(p);
	if (p->ntemp)
		qsort(p->temp, p->ntemp, sizeof(*p->temp), cmp_temp);
	if (!p->hailo)
		p->fps = NAN;
	if (!p->nixl)
		p->bytes_per_s = NAN;
	p->joules_per_frame = p->fps > 0 ? p->host_watts / p->fps : NAN;
	p->bytes_per_joule = p->host_watts > 0 ? p->bytes_per_s / p->host_watts : NAN;
	return 0;
}

void top_power_free(struct top_power *p)
{
	free(p->src);
	free(p->temp);
	memset(p, 0, sizeof(*p));
}
