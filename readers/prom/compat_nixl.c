/* SPDX-License-Identifier: MIT */
/*
 * compat_nixl.c - --compat nixl: the families NIXL's own Prometheus
 * exporter publishes, with its names, its microseconds and its labels
 * (hostname, agent_name), so dashboards built for NIXL keep working.
 *
 * The input is what the NIXL bridge (nixl/nixl_pub.h) makes of NIXL's
 * events: one series per NIXL type, named as NIXL names it, and one
 * series per status for the errors.  NIXL's exporter registers every
 * family when an agent starts, so a quiet agent still shows zeros; we do
 * the same for any agent that has at least one NIXL series (the bridge
 * creates them with the agent), an empty histogram with the bounds NIXL
 * would use (NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US, read with the
 * configuration).  Several
 * series of one NIXL name (label variants) add up; the histogram comes
 * from the first one that is a histogram, bounds converted to
 * microseconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nixl/nixl_env.h"
#include "nixl/nixl_pub.h"
#include "nixl/nixl_ring.h"
#include "prom_compat.h"
#include "prom_names.h"
#include "prom_series.h"

/* The families NIXL's exporter makes of the series of one NIXL type. */
struct compat_family {
	enum nixl_type type;		/* the series: nixl_type_name(type) */
	const char *total, *total_help;
	const char *last, *last_help;	/* NULL: no last-value gauge */
	const char *hist, *hist_help;	/* NULL: no histogram */
	int time;			/* a duration: exported in microseconds */
};

/* In NIXL's order; the error types are one series, NIXL_PUB_ERRORS. */
static const struct compat_family families[] = {
	{ NIXL_T_TX_BYTES, "agent_tx_bytes_total", "Bytes the agent sent",
	  "agent_tx_last_bytes", "Bytes of the last request the agent sent", NULL, NULL, 0 },
	{ NIXL_T_RX_BYTES, "agent_rx_bytes_total", "Bytes the agent received",
	  "agent_rx_last_bytes", "Bytes of the last request the agent received", NULL, NULL, 0 },
	{ NIXL_T_TX_REQS, "agent_tx_requests_num_total", "Requests the agent sent",
	  NULL, NULL, NULL, NULL, 0 },
	{ NIXL_T_RX_REQS, "agent_rx_requests_num_total", "Requests the agent received",
	  NULL, NULL, NULL, NULL, 0 },
	{ NIXL_T_MEM_REG, "agent_memory_registered_total",
	  "Memory the agent registered, in bytes", "agent_memory_registered_last_bytes",
	  "Bytes of the agent's last memory registration", NULL, NULL, 0 },
	{ NIXL_T_MEM_DEREG, "agent_memory_deregistered_total",
	  "Memory the agent deregistered, in bytes", "agent_memory_deregistered_last_bytes",
	  "Bytes of the agent's last memory deregistration", NULL, NULL, 0 },
	{ NIXL_T_XFER_TIME, "agent_xfer_time_total",
	  "Time of all transfers from start to completion, in microseconds", "agent_xfer_time",
	  "Time of the last transfer from start to completion, in microseconds",
	  "agent_xfer_time_us", "Transfer time from start to completion, in microseconds", 1 },
	{ NIXL_T_POST_TIME, "agent_xfer_post_time_total",
	  "Time of all transfers from start to posting to the backend, in microseconds",
	  "agent_xfer_post_time",
	  "Time of the last transfer from start to posting to the backend, in microseconds",
	  "agent_xfer_post_time_us",
	  "Transfer time from start to posting to the backend, in microseconds", 1 },
	{ NIXL_T_DROPPED, "agent_telemetry_events_dropped_total",
	  "Telemetry events the agent dropped before export", NULL, NULL, NULL, NULL, 0 },
};
#define NFAMILIES (sizeof(families) / sizeof(families[0]))

/* Statuses beyond NIXL's own come only from a hostile ring; this bounds them. */
#define MAX_STATUS 64

/* A total, kept exact while every part is an unscaled u64. */
struct exact_sum {
	int inexact;
	uint64_t u;
	double d;
};

/* What the agent's series of one compat_family add up to. */
struct family_fold {
	struct exact_sum total;
	uint64_t last_ns;		/* last value: of the series written last */
	int have_last;
	char last[64];
	int have_hist, hist_blocked;	/* blocked: the series is not a histogram */
	uint32_t nb;
	double le[SHM_MAX_BOUNDS];
	uint64_t buckets[SHM_BUCKETS];
	char hist_sum[64];
};

/* The errors of one status. */
struct status_fold {
	char name[SHM_LABELS_MAX];
	struct exact_sum total;
};

/* The plug-in's state: one agent's NIXL series so far. */
struct agent_fold {
	int is_nixl;			/* the agent has a NIXL series: emit every family */
	struct family_fold m[NFAMILIES];
	uint32_t nstatus;
	struct status_fold st[MAX_STATUS];
};
_Static_assert(NIXL_NSTATUS <= MAX_STATUS, "room for NIXL's own statuses");
_Static_assert(SHMTEL_MAX_BOUNDS <= SHM_MAX_BOUNDS, "room for NIXL_ENV_BUCKETS' bounds");

static void *fold_new(void)
{
	return calloc(1, sizeof(struct agent_fold));
}

static void fold_free(void *st)
{
	free(st);
}

static void fold_begin(void *st)
{
	struct agent_fold *n = st;

	n->is_nixl = 0;
	memset(n->m, 0, sizeof(n->m));
	n->nstatus = NIXL_NSTATUS;
	for (int i = 0; i < NIXL_NSTATUS; i++) {
		snprintf(n->st[i].name, sizeof(n->st[i].name), "%s", nixl_status_name(i));
		memset(&n->st[i].total, 0, sizeof(n->st[i].total));
	}
}

/* Multiplier to microseconds for a duration series; 1 if unitless. */
static double to_us(const char *unit)
{
	const char *base;
	double div = pn_unit_scale(unit, &base);

	return base && !strcmp(base, "seconds") ? 1e6 / div : 1;
}

static void sum_add(struct exact_sum *s, uint8_t vtype, uint64_t bits, double mul)
{
	if (vtype != SHM_U64 || mul != 1)
		s->inexact = 1;
	s->u += bits;
	s->d += ring_value_double(vtype, bits) * mul;
}

static void sum_fmt(char *buf, size_t len, const struct exact_sum *s)
{
	if (s->inexact)
		pout_num(buf, len, s->d);
	else
		snprintf(buf, len, "%llu", (unsigned long long)s->u);
}

static void take_hist(struct family_fold *a, const struct ring_series *s,
		      const struct ring_agg *g, double mul)
{
	struct exact_sum hs = { 0 };

	a->nb = prom_buckets(s, g, mul, 1, a->le, a->buckets);
	sum_add(&hs, s->vtype, g->sum, mul);
	sum_fmt(a->hist_sum, sizeof(a->hist_sum), &hs);
	a->have_hist = 1;
}

static void take_status(struct agent_fold *n, const struct ring_series *s,
			const struct ring_agg *g)
{
	const char *k, *v, *status = "";
	size_t pos = 0;
	uint32_t i;

	while (ring_label_next(s->labels, &pos, &k, &v))
		if (!strcmp(k, "status"))
			status = v;
	for (i = 0; i < n->nstatus; i++)
		if (!strcmp(n->st[i].name, status))
			break;
	if (i == n->nstatus) {
		if (n->nstatus == MAX_STATUS)
			return;	/* only a hostile ring has this many statuses */
		snprintf(n->st[i].name, sizeof(n->st[i].name), "%s", status);
		memset(&n->st[i].total, 0, sizeof(n->st[i].total));
		n->nstatus++;
	}
	sum_add(&n->st[i].total, s->vtype, g->sum, 1);
}

/* Every series, selected or not: any NIXL series makes a NIXL agent. */
static void take(void *st, struct pout *o, const struct prom_cfg *c, const char *agent, int up,
		 const struct ring_series *s, const struct ring_agg *g)
{
	struct agent_fold *n = st;
	struct family_fold *a;
	double mul;
	size_t i;

	if (!strcmp(s->name, NIXL_PUB_ERRORS)) {
		take_status(n, s, g);
		n->is_nixl = 1;
		return;
	}
	for (i = 0; i < NFAMILIES && strcmp(s->name, nixl_type_name(families[i].type)); i++)
		;
	if (i == NFAMILIES)
		return;
	n->is_nixl = 1;
	a = &n->m[i];
	mul = families[i].time ? to_us(s->unit) : 1;
	sum_add(&a->total, s->vtype, g->sum, mul);
	if (g->count && (!a->have_last || g->last_ns >= a->last_ns)) {
		struct exact_sum one = { 0 };

		sum_add(&one, s->vtype, g->last, mul);
		sum_fmt(a->last, sizeof(a->last), &one);
		a->last_ns = g->last_ns;
		a->have_last = 1;
	}
	if (families[i].hist && !a->have_hist && !a->hist_blocked) {
		if (s->kind == SHM_KIND_HISTOGRAM)
			take_hist(a, s, g, mul);
		else
			a->hist_blocked = 1;
	}
}

static void emit_hist(const struct compat_family *d, const struct family_fold *a,
		      struct pout *o, const struct prom_cfg *c, const char *labels)
{
	static const uint64_t zeros[SHM_BUCKETS];
	struct pout_fam *f;

	if (a->hist_blocked && !a->have_hist)
		return;	/* the series is a counter or a gauge: no buckets to show */
	f = pout_family(o, d->hist, POUT_HISTOGRAM, POUT_COMPAT, d->hist_help);
	if (a->have_hist)
		pout_histogram(o, f, labels, a->nb, a->le, a->buckets, a->hist_sum);
	else if (c->nixl_bounds)
		pout_histogram(o, f, labels, c->nixl_nbounds, c->nixl_bounds, zeros, "0");
	else
		pout_histogram(o, f, labels, NIXL_NTIME_BOUNDS, nixl_time_bounds, zeros, "0");
}

/* Every NIXL family of a NIXL agent, zeros for what is missing. */
static void emit(void *st, struct pout *o, const struct prom_cfg *c, const char *agent)
{
	const struct agent_fold *n = st;
	char labels[PN_LABELS_MAX], val[64];
	struct pn_label fx[3];
	struct pout_fam *f;

	if (!n->is_nixl)
		return;
	/* The NIXL bridge names its rings nixl-<agent>: dashboards know <agent>. */
	if (!strncmp(agent, NIXL_PUB_PREFIX, strlen(NIXL_PUB_PREFIX)))
		agent += strlen(NIXL_PUB_PREFIX);
	fx[0] = (struct pn_label){ "hostname", c->compat_host };
	fx[1] = (struct pn_label){ "agent_name", agent };
	if (pn_labels(labels, sizeof(labels), fx, 2, NULL) < 0)
		return;
	for (size_t i = 0; i < NFAMILIES; i++) {
		const struct compat_family *d = &families[i];
		const struct family_fold *a = &n->m[i];

		if (!prom_selected(c, nixl_type_name(d->type)))
			continue;
		f = pout_family(o, d->total, POUT_COUNTER, POUT_COMPAT, d->total_help);
		sum_fmt(val, sizeof(val), &a->total);
		pout_sample(o, f, labels, val);
		if (d->last) {
			f = pout_family(o, d->last, POUT_GAUGE, POUT_COMPAT, d->last_help);
			pout_sample(o, f, labels, a->have_last ? a->last : "0");
		}
		if (d->hist)
			emit_hist(d, a, o, c, labels);
	}
	if (!prom_selected(c, NIXL_PUB_ERRORS))
		return;
	f = pout_family(o, "agent_errors_total", POUT_COUNTER, POUT_COMPAT,
			"Errors of the agent, by NIXL status");
	for (uint32_t i = 0; i < n->nstatus; i++) {
		fx[2] = (struct pn_label){ "status", n->st[i].name };
		if (pn_labels(labels, sizeof(labels), fx, 3, NULL) < 0)
			continue;
		sum_fmt(val, sizeof(val), &n->st[i].total);
		pout_sample(o, f, labels, val);
	}
}

const struct prom_compat prom_compat_nixl = {
	.name = "nixl",
	.new_state = fold_new,
	.free_state = fold_free,
	.begin = fold_begin,
	.series = take,
	.end = emit,
};
