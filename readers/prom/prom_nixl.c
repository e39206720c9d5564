/* SPDX-License-Identifier: MIT */
/*
 * prom_nixl.c - --compat nixl: the families NIXL's own Prometheus exporter
 * publishes, with its names, its microseconds and its labels (hostname,
 * agent_name), so dashboards built for NIXL keep working.
 *
 * NIXL's exporter registers every family when an agent starts, so a
 * quiet agent still shows zeros; we do the same for any agent that has
 * at least one NIXL series.  Several series of one NIXL name (label
 * variants) add up; the histogram comes from the first one that is a
 * histogram, bounds converted to microseconds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prom_agent.h"
#include "prom_names.h"

enum { NX_TX_BYTES, NX_RX_BYTES, NX_TX_REQS, NX_RX_REQS, NX_MEM_REG, NX_MEM_DEREG,
       NX_XFER_TIME, NX_POST_TIME, NX_DROPPED, NX_N };

struct def {
	const char *series;		/* the name in the ring */
	const char *total, *total_help;
	const char *last, *last_help;	/* NULL: no last-value gauge */
	const char *hist, *hist_help;	/* NULL: no histogram */
	int time;			/* a duration: exported in microseconds */
};

static const struct def defs[NX_N] = {
	{ "agent_tx_bytes", "agent_tx_bytes_total", "Bytes the agent sent",
	  "agent_tx_last_bytes", "Bytes of the last request the agent sent", NULL, NULL, 0 },
	{ "agent_rx_bytes", "agent_rx_bytes_total", "Bytes the agent received",
	  "agent_rx_last_bytes", "Bytes of the last request the agent received", NULL, NULL, 0 },
	{ "agent_tx_requests_num", "agent_tx_requests_num_total", "Requests the agent sent",
	  NULL, NULL, NULL, NULL, 0 },
	{ "agent_rx_requests_num", "agent_rx_requests_num_total", "Requests the agent received",
	  NULL, NULL, NULL, NULL, 0 },
	{ "agent_memory_registered", "agent_memory_registered_total",
	  "Memory the agent registered, in bytes", "agent_memory_registered_last_bytes",
	  "Bytes of the agent's last memory registration", NULL, NULL, 0 },
	{ "agent_memory_deregistered", "agent_memory_deregistered_total",
	  "Memory the agent deregistered, in bytes", "agent_memory_deregistered_last_bytes",
	  "Bytes of the agent's last memory deregistration", NULL, NULL, 0 },
	{ "agent_xfer_time", "agent_xfer_time_total",
	  "Time of all transfers from start to completion, in microseconds", "agent_xfer_time",
	  "Time of the last transfer from start to completion, in microseconds",
	  "agent_xfer_time_us", "Transfer time from start to completion, in microseconds", 1 },
	{ "agent_xfer_post_time", "agent_xfer_post_time_total",
	  "Time of all transfers from start to posting to the backend, in microseconds",
	  "agent_xfer_post_time",
	  "Time of the last transfer from start to posting to the backend, in microseconds",
	  "agent_xfer_post_time_us",
	  "Transfer time from start to posting to the backend, in microseconds", 1 },
	{ "agent_telemetry_events_dropped", "agent_telemetry_events_dropped_total",
	  "Telemetry events the agent dropped before export", NULL, NULL, NULL, NULL, 0 },
};

/* NIXL's status names, in NIXL's order; the error family always has them all. */
static const char *const statuses[] = {
	"not_posted", "invalid_param", "backend", "not_found", "mismatch", "not_allowed",
	"repost_active", "unknown", "not_supported", "remote_disconnect", "canceled",
	"no_telemetry",
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))
#define MAX_STATUS 64

/* NIXL's default transfer-time bounds, in microseconds, for empty histograms. */
static const double nixl_bounds[] = {
	10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000,
	100000, 250000, 500000, 1000000, 5000000, 10000000,
};
#define NBOUNDS (sizeof(nixl_bounds) / sizeof(nixl_bounds[0]))

/* A total, kept exact while every part is an unscaled u64. */
struct sum {
	int inexact;
	uint64_t u;
	double d;
};

struct acc {
	int seen;			/* a series of this name exists */
	struct sum total;
	uint64_t last_ns;		/* last value: of the series written last */
	int have_last;
	char last[64];
	int have_hist, hist_blocked;	/* blocked: the series is not a histogram */
	uint32_t nb;
	double le[SHM_MAX_BOUNDS];
	uint64_t buckets[SHM_BUCKETS];
	char hist_sum[64];
};

struct status {
	char name[SHM_LABELS_MAX];
	struct sum total;
};

struct nixl_acc {
	struct acc m[NX_N];
	uint32_t nstatus;
	struct status st[MAX_STATUS];
};

struct nixl_acc *nixl_new(void)
{
	return calloc(1, sizeof(struct nixl_acc));
}

void nixl_reset(struct nixl_acc *n)
{
	memset(n->m, 0, sizeof(n->m));
	n->nstatus = NSTATUS;
	for (size_t i = 0; i < NSTATUS; i++) {
		snprintf(n->st[i].name, sizeof(n->st[i].name), "%s", statuses[i]);
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

static void sum_add(struct sum *s, uint8_t vtype, uint64_t bits, double mul)
{
	if (vtype != SHM_U64 || mul != 1)
		s->inexact = 1;
	s->u += bits;
	s->d += ring_value_double(vtype, bits) * mul;
}

static void sum_fmt(char *buf, size_t len, const struct sum *s)
{
	if (s->inexact)
		pout_num(buf, len, s->d);
	else
		snprintf(buf, len, "%llu", (unsigned long long)s->u);
}

static void take_hist(struct acc *a, const struct ring_series *s, const struct ring_agg *g,
		      double mul)
{
	struct sum hs = { 0 };

	a->nb = prom_buckets(s, g, mul, 1, a->le, a->buckets);
	sum_add(&hs, s->vtype, g->sum, mul);
	sum_fmt(a->hist_sum, sizeof(a->hist_sum), &hs);
	a->have_hist = 1;
}

static void take_status(struct nixl_acc *n, const struct ring_series *s, const struct ring_agg *g)
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

int nixl_take(struct nixl_acc *n, const struct ring_series *s, const struct ring_agg *g)
{
	struct acc *a;
	double mul;
	int i;

	if (!strcmp(s->name, "agent_errors")) {
		take_status(n, s, g);
		return 1;
	}
	for (i = 0; i < NX_N && strcmp(s->name, defs[i].series); i++)
		;
	if (i == NX_N)
		return 0;
	a = &n->m[i];
	mul = defs[i].time ? to_us(s->unit) : 1;
	a->seen = 1;
	sum_add(&a->total, s->vtype, g->sum, mul);
	if (g->count && (!a->have_last || g->last_ns >= a->last_ns)) {
		struct sum one = { 0 };

		sum_add(&one, s->vtype, g->last, mul);
		sum_fmt(a->last, sizeof(a->last), &one);
		a->last_ns = g->last_ns;
		a->have_last = 1;
	}
	if (defs[i].hist && !a->have_hist && !a->hist_blocked) {
		if (s->kind == SHM_KIND_HISTOGRAM)
			take_hist(a, s, g, mul);
		else
			a->hist_blocked = 1;
	}
	return 1;
}

static void emit_hist(const struct def *d, const struct acc *a, struct pout *o,
		      const char *labels)
{
	static const uint64_t zeros[SHM_BUCKETS];
	struct pout_fam *f;

	if (a->hist_blocked && !a->have_hist)
		return;	/* the series is a counter or a gauge: no buckets to show */
	f = pout_family(o, d->hist, POUT_HISTOGRAM, POUT_COMPAT, d->hist_help);
	if (a->have_hist)
		pout_histogram(o, f, labels, a->nb, a->le, a->buckets, a->hist_sum);
	else
		pout_histogram(o, f, labels, NBOUNDS, nixl_bounds, zeros, "0");
}

void nixl_emit(const struct nixl_acc *n, struct pout *o, const struct prom_cfg *c,
	       const char *agent)
{
	char labels[PN_LABELS_MAX], val[64];
	struct pn_label fx[3];
	struct pout_fam *f;

	/* The NIXL bridge names its rings nixl-<agent>: dashboards know <agent>. */
	if (!strncmp(agent, "nixl-", 5))
		agent += 5;
	fx[0] = (struct pn_label){ "hostname", c->compat_host };
	fx[1] = (struct pn_label){ "agent_name", agent };
	if (pn_labels(labels, sizeof(labels), fx, 2, NULL) < 0)
		return;
	for (int i = 0; i < NX_N; i++) {
		const struct def *d = &defs[i];
		const struct acc *a = &n->m[i];

		if (!prom_selected(c, d->series))
			continue;
		f = pout_family(o, d->total, POUT_COUNTER, POUT_COMPAT, d->total_help);
		sum_fmt(val, sizeof(val), &a->total);
		pout_sample(o, f, labels, val);
		if (d->last) {
			f = pout_family(o, d->last, POUT_GAUGE, POUT_COMPAT, d->last_help);
			pout_sample(o, f, labels, a->have_last ? a->last : "0");
		}
		if (d->hist)
			emit_hist(d, a, o, labels);
	}
	if (!prom_selected(c, "agent_errors"))
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
