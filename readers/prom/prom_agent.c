/* SPDX-License-Identifier: MIT */
/*
 * prom_agent.c - the default families of an agent's series (see
 * prom_agent.h): counters as _total (the exact sum), signed counters as
 * a gauge of the sum, gauges as the last value, histograms as cumulative
 * buckets, all in base units.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/fmt.h"
#include "prom_agent.h"
#include "prom_compat.h"
#include "prom_names.h"
#include "prom_shape.h"

struct prom_agent {
	char agent[SHM_NAME_MAX];
	char pid[16];
	int up;
	uint64_t last_ns;
	uint32_t nseries;
	char labels[PN_LABELS_MAX];	/* agent, pid[, hostname] */
	size_t labels_len;
	uint32_t labels_id;		/* interned in shapes */
	struct pn_label fx[3];		/* the fixed labels, for the shapes' keys */
	int nfx;
	struct prom_shapes *shapes;	/* the export's, for every agent */
	char slabels[PN_LABELS_MAX];	/* scratch: one series' labels */
	void *compat[PROM_NCOMPAT];	/* each plug-in's state, whether enabled or not */
};

struct prom_agent *prom_agent_new(void)
{
	struct prom_agent *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	if (!(a->shapes = prom_shapes_new())) {
		free(a);
		return NULL;
	}
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
	prom_shapes_free(a->shapes);
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
	size_t n_agent = strnlen(agent, sizeof(a->agent) - 1);
	int n;

	/* By hand, not snprintf: this runs once per ring of an export. */
	memcpy(a->agent, agent, n_agent);
	a->agent[n_agent] = 0;
	fmt_value(a->pid, sizeof(a->pid), SHM_I64, (uint64_t)(int64_t)pid);
	a->up = up;
	a->last_ns = 0;
	a->nseries = 0;
	/* A plug-in that is off sees none of the agent's series: nothing to forget. */
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (enabled(c, i) && prom_compats[i]->begin)
			prom_compats[i]->begin(a->compat[i]);
	a->nfx = fixed_labels(a, c, a->fx);
	n = pn_labels(a->labels, sizeof(a->labels), a->fx, a->nfx, NULL);
	a->labels_len = n > 0 ? (size_t)n : 0;
	if (n < 0)
		a->labels[0] = 0;	/* cannot happen: the fixed labels are short */
	if (prom_shapes_intern(a->shapes, a->labels, a->labels_len, &a->labels_id))
		a->labels_id = UINT32_MAX;	/* no memory: no series of this agent */
}

/* A raw aggregate value of @vtype divided by @div, as text. */
static void value_text(char *buf, size_t len, uint8_t vtype, uint64_t bits, double div)
{
	/* Unscaled integers print exactly, whatever their size. */
	if (div == 1 && (vtype == SHM_U64 || vtype == SHM_I64))
		fmt_value(buf, len, vtype, bits);
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

static void histogram(struct pout *o, struct pout_fam *f, const struct pout_key *k,
		      const struct ring_series *s, const struct ring_agg *g, double div)
{
	double le[SHM_MAX_BOUNDS];
	uint64_t b[SHM_BUCKETS];
	uint32_t n = prom_buckets(s, g, 1, div, le, b);
	char sum[64];

	value_text(sum, sizeof(sum), s->vtype, g->sum, div);
	pout_histogram_key(o, f, k, n, le, b, sum);
}

/*
 * The series' labels after the agent's, and their key: the two interned
 * ids.  Equal id pairs are equal lists and unequal pairs unequal ones,
 * because the series' keys never take a fixed label's name (pn_labels
 * renames them): the fixed labels of a list are the ones with those keys.
 */
static int series_key(struct prom_agent *a, const struct prom_shape *sh, struct pout_key *k)
{
	size_t n = a->labels_len;

	if (a->labels_id == UINT32_MAX || n + 1 + sh->labels_len >= sizeof(a->slabels))
		return -ENOSPC;
	memcpy(a->slabels, a->labels, n);
	if (n && sh->labels_len)
		a->slabels[n++] = ',';
	memcpy(a->slabels + n, sh->labels, sh->labels_len + 1);
	*k = (struct pout_key){ .labels = a->slabels, .len = n + sh->labels_len,
				.by_id = 1, .group = a->labels_id, .member = sh->labels_id };
	return 0;
}

void prom_agent_series(struct prom_agent *a, struct pout *o, const struct prom_cfg *c,
		       const struct ring_series *s, const struct ring_agg *g)
{
	struct prom_shape *sh;
	char help[512], val[64];
	struct pout_key k;

	a->nseries++;
	if (g->count && g->last_ns > a->last_ns)
		a->last_ns = g->last_ns;
	/* Before the selection: the plug-ins apply it themselves. */
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (enabled(c, i))
			prom_compats[i]->series(a->compat[i], o, c, a->agent, a->up, s, g);
	sh = prom_shape_get(a->shapes, c, a->fx, a->nfx, s);
	if (!sh || !sh->selected || !sh->labels_ok)
		return;
	if (s->kind == SHM_KIND_GAUGE) {
		/* No value yet, or NaN ("no value", e.g. a Hailo sentinel): no sample. */
		if (!g->count || isnan(ring_value_double(s->vtype, g->last)))
			return;
		value_text(val, sizeof(val), s->vtype, g->last, sh->div);
	} else if (s->kind == SHM_KIND_COUNTER) {
		value_text(val, sizeof(val), s->vtype, g->sum, sh->div);
	}
	if (series_key(a, sh, &k))
		return;
	/* A family dropped since by a clash is asked for again: that says why, as at first. */
	if (!sh->f || pout_dead(sh->f))
		sh->f = pout_find(o, sh->family, sh->type, POUT_SERIES);
	if (!sh->f) {
		help_text(help, sizeof(help), s,
			  s->kind == SHM_KIND_COUNTER ? "Sum of the values" :
			  s->kind == SHM_KIND_GAUGE ? "Last value" : "Distribution of the values",
			  sh->div);
		sh->f = pout_family(o, sh->family, sh->type, POUT_SERIES, help);
	}
	if (s->kind == SHM_KIND_HISTOGRAM)
		histogram(o, sh->f, &k, s, g, sh->div);
	else
		pout_sample_key(o, sh->f, &k, val);
}

void prom_agent_end(struct prom_agent *a, struct pout *o, const struct prom_cfg *c)
{
	for (int i = 0; i < PROM_NCOMPAT; i++)
		if (enabled(c, i) && prom_compats[i]->end)
			prom_compats[i]->end(a->compat[i], o, c, a->agent);
}
