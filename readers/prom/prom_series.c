/* SPDX-License-Identifier: MIT */
/*
 * prom_series.c - the series selection and bucket scaling that the
 * default families and the compatibility plug-ins share (see
 * prom_series.h).
 */
#include <fnmatch.h>
#include <math.h>
#include "prom_series.h"

static int match_any(const char *const *globs, const char *name)
{
	for (; globs && *globs; globs++)
		if (!fnmatch(*globs, name, 0))
			return 1;
	return 0;
}

int prom_selected(const struct prom_cfg *c, const char *name)
{
	if (c->metrics && *c->metrics && !match_any(c->metrics, name))
		return 0;
	return !match_any(c->exclude, name);
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
	return a + b < a ? UINT64_MAX : a + b;
}

uint32_t prom_buckets(const struct ring_series *s, const struct ring_agg *g, double mul,
		      double div, double *le, uint64_t *b)
{
	uint64_t over = g->buckets[s->nbounds];
	uint32_t n = 0;

	/*
	 * Scaling can make neighbouring bounds equal (subnormals divided by a
	 * million) or infinite (huge bounds times a million).  A repeated le
	 * would break the histogram: such a bucket joins the one below, and
	 * one whose bound became +Inf joins the +Inf bucket.
	 */
	for (uint32_t i = 0; i < s->nbounds; i++) {
		double x = s->bounds[i] * mul / div;

		if (x == INFINITY) {
			over = sat_add(over, g->buckets[i]);
		} else if (n && !(x > le[n - 1])) {
			b[n - 1] = sat_add(b[n - 1], g->buckets[i]);
		} else {
			le[n] = x;
			b[n++] = g->buckets[i];
		}
	}
	b[n] = over;
	return n;
}
