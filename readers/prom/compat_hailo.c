/* SPDX-License-Identifier: MIT */
/*
 * compat_hailo.c - --compat hailo: hailo_NPU_utilization_percent, the
 * one family the community Hailo exporter publishes, so its dashboards
 * keep working.  That exporter labels it NPU="NPU"; device_id and agent are
 * added so that several devices or processes stay distinct series.
 *
 * Only agents that are up: the Hailo bridge keeps a gone process's ring
 * (marked gone) and its last utilization would show load that is not
 * there.  The default hailo_* families still carry it, next to up 0.
 */
#include <math.h>
#include <string.h>
#include "prom_compat.h"
#include "prom_names.h"
#include "prom_series.h"

/* No state: each sample comes from one series alone. */
static void npu_utilization(void *st, struct pout *o, const struct prom_cfg *c,
			    const char *agent, int up, const struct ring_series *s,
			    const struct ring_agg *g)
{
	char labels[PN_LABELS_MAX], val[64];
	const char *k, *v, *device = "", *base;
	struct pn_label fx[3];
	size_t pos = 0;
	double div, x;

	if (!up || s->kind != SHM_KIND_GAUGE || !g->count ||
	    strcmp(s->name, "hailo_device_utilization") || !prom_selected(c, s->name))
		return;
	div = pn_unit_scale(s->unit, &base);
	x = ring_value_double(s->vtype, g->last);
	if (isnan(x))
		return;
	/* In percent whatever the ring says: a ratio unit is scaled up. */
	if (base && !strcmp(base, "ratio"))
		x = x / div * 100;
	while (ring_label_next(s->labels, &pos, &k, &v))
		if (!strcmp(k, "device_id"))
			device = v;
	fx[0] = (struct pn_label){ "NPU", "NPU" };
	fx[1] = (struct pn_label){ "agent", agent };
	fx[2] = (struct pn_label){ "device_id", device };
	if (pn_labels(labels, sizeof(labels), fx, 3, NULL) < 0)
		return;
	pout_num(val, sizeof(val), x);
	pout_sample(o, pout_family(o, "hailo_NPU_utilization_percent", POUT_GAUGE, POUT_COMPAT,
				   "Hailo NPU utilization, in percent"), labels, val);
}

const struct prom_compat prom_compat_hailo = {
	.name = "hailo",
	.series = npu_utilization,
};
