/* SPDX-License-Identifier: MIT */
/*
 * prom_agent.c - the default families of an agent's series (see
 * prom_agent.h): counters as _total (the exact sum), signed counters as
 * a gauge of the sum, gauges as the last value, histograms as cumulative
 * buckets, all in base units.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/fmt.h"
#include "prom_agent.h"
#include "prom_compat.h"
#include "prom_names.h"

struct prom_agent {
	char agent[SHM_NAME_MAX];
	char pid[16];
	int up;
	uint64_t last_ns;
	uint32_t nseries;
	char labels[PN_LABELS_MAX];	/* agent, pid[, hostname] */
	char slabels[PN_LABELS_MAX];	/* scratch: one series' labels */
	void *compat[PROM_NCOMPAT];	/* each plug-in's state, whether enabled or not */
};

struct prom_agent *prom_agent_new(void)
{
	struct prom_agent *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	for (int i = 0; i < PROM_NCOMPAT; i++) {
		const struct prom_compat *p = prom_compats[i];

		if (p->new_state && !(a->compat[i] = p->new_state())) {
			prom_agent_free(a);
			return NULL;
		}
	}
	return a;
}

void prom_agent_free(struct prom_agent *a)
{
	if (!a)
		return;
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (a->compat[i])
			prom_compats[i]->free_state(a->compat[i]);
	free(a);
}

/* Is plug-in @i on (--compat)? */
static int enabled(const struct prom_cfg *c, int i)
{
	return !!(c->compat & 1u << i);
}

const char *prom_agent_labels(const struct prom_agent *a)
{
	return a->labels;
}

uint64_t prom_agent_last_ns(const struct prom_agent *a)
{
	return a->last_ns;
}

uint32_t prom_agent_nseries(const struct prom_agent *a)
{
	return a->nseries;
}

/* The fixed labels of default families: agent, pid, and maybe hostname. */
static int fixed_labels(const struct prom_agent *a, const struct prom_cfg *c,
			struct pn_label *out)
{
	out[0] = (struct pn_label){ "agent", a->agent };
	out[1] = (struct pn_label){ "pid", a->pid };
	if (!c->hostname)
		return 2;
	out[2] = (struct pn_label){ "hostname", c->hostname };
	return 3;
}

void prom_agent_begin(struct prom_agent *a, const struct prom_cfg *c, const char *agent,
		      int32_t pid, int up)
{
	struct pn_label fx[3];
	int n;

	snprintf(a->agent, sizeof(a->agent), "%s", agent);
	snprintf(a->pid, sizeof(a->pid), "%" PRId32, pid);
	a->up = up;
	a->last_ns = 0;
	a->nseries = 0;
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (prom_compats[i]->begin)
			prom_compats[i]->begin(a->compat[i]);
	n = fixed_labels(a, c, fx);
	if (pn_labels(a->labels, sizeof(a->labels), fx, n, NULL) < 0)
		a->labels[0] = 0;	/* cannot happen: the fixed labels are short */
}

/* A raw aggregate value of @vtype divided by @div, as text. */
static void value_text(char *buf, size_t len, uint8_t vtype, uint64_t bits, double div)
{
	/* Unscaled integers print exactly, whatever their size. */
	if (div == 1 && vtype == SHM_U64)
		snprintf(buf, len, "%" PRIu64, bits);
	else if (div == 1 && vtype == SHM_I64)
		snprintf(buf, len, "%" PRId64, (int64_t)bits);
	else
		pout_num(buf, len, ring_value_double(vtype, bits) / div);
}

static void help_text(char *out, size_t len, const struct ring_series *s, const char *what,
		      double div)
{
	const char *base, *sig = pn_export_kind(s->kind, s->vtype) != s->kind ?
				 ", signed: a gauge, as the sum can go down" : "";

	pn_unit_scale(s->unit, &base);
	if (base && div != 1)
		snprintf(out, len, "%s of %s %s (%s%s), unit %s converted to %s", what,
			 fmt_category(s->category), s->name, ring_kind_names[s->kind], sig, s->unit,
			 base);
	else if (s->unit[0])
		snprintf(out, len, "%s of %s %s (%s%s), unit %s", what, fmt_category(s->category),
			 s->name, ring_kind_names[s->kind], sig, s->unit);
	else
		snprintf(out, len, "%s of %s %s (%s%s)", what, fmt_category(s->category), s->name,
			 ring_kind_names[s->kind], sig);
}

static void histogram(struct prom_agent *a, struct pout *o, struct pout_fam *f,
		      const struct ring_series *s, const struct ring_agg *g, double div)
{
	double le[SHM_MAX_BOUNDS];
	uint64_t b[SHM_BUCKETS];
	uint32_t n = prom_buckets(s, g, 1, div, le, b);
	char sum[64];

	value_text(sum, sizeof(sum), s->vtype, g->sum, div);
	pout_histogram(o, f, a->slabels, n, le, b, sum);
}

void prom_agent_series(struct prom_agent *a, struct pout *o, const struct prom_cfg *c,
		       const struct ring_series *s, const struct ring_agg *g)
{
	static const enum pout_type types[] = { POUT_COUNTER, POUT_GAUGE, POUT_HISTOGRAM };
	char name[PN_NAME_MAX], help[512], val[64];
	struct pn_label fx[3];
	enum pout_type type;
	struct pout_fam *f;
	double div;
	int n;

	a->nseries++;
	if (g->count && g->last_ns > a->last_ns)
		a->last_ns = g->last_ns;
	/* Before the selection: the plug-ins apply it themselves. */
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (enabled(c, i))
			prom_compats[i]->series(a->compat[i], o, c, a->agent, a->up, s, g);
	if (!prom_selected(c, s->name))
		return;

	div = pn_family(name, sizeof(name), c->prefix, s->name, s->unit, s->kind, s->vtype);
	if (s->kind == SHM_KIND_GAUGE) {
		/* No value yet, or NaN ("no value", e.g. a Hailo sentinel): no sample. */
		if (!g->count || isnan(ring_value_double(s->vtype, g->last)))
			return;
		value_text(val, sizeof(val), s->vtype, g->last, div);
	} else if (s->kind == SHM_KIND_COUNTER) {
		value_text(val, sizeof(val), s->vtype, g->sum, div);
	}
	n = fixed_labels(a, c, fx);
	if (pn_labels(a->slabels, sizeof(a->slabels), fx, n, s->labels) < 0)
		return;
	type = types[pn_export_kind(s->kind, s->vtype)];
	f = pout_find(o, name, type, POUT_SERIES);
	if (!f) {
		help_text(help, sizeof(help), s,
			  s->kind == SHM_KIND_COUNTER ? "Sum of the values" :
			  s->kind == SHM_KIND_GAUGE ? "Last value" : "Distribution of the values", div);
		f = pout_family(o, name, type, POUT_SERIES, help);
	}
	if (s->kind == SHM_KIND_HISTOGRAM)
		histogram(a, o, f, s, g, div);
	else
		pout_sample(o, f, a->slabels, val);
}

void prom_agent_end(struct prom_agent *a, struct pout *o, const struct prom_cfg *c)
{
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (enabled(c, i) && prom_compats[i]->end)
			prom_compats[i]->end(a->compat[i], o, c, a->agent);
}
