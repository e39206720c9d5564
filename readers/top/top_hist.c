/* SPDX-License-Identifier: MIT */
/*
 * top_hist.c - every ring's recent history (see top_hist.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "top_hist.h"

void top_clock_tick(struct top_clock *c, uint64_t mono)
{
	c->mono[c->ticks % TOP_HIST] = mono;
	c->ticks++;
}

static float sample_of(const struct top_series_state *s)
{
	switch (s->rs.kind) {
	case SHM_KIND_GAUGE:
		return s->now.count ? (float)ring_value_double(s->rs.vtype, s->now.last) : NAN;
	case SHM_KIND_HISTOGRAM:
		/* Sum per second over values per second: the mean of this refresh's values. */
		return s->rate > 0 ? (float)(s->vrate / s->rate) : NAN;
	default:
		return (float)s->vrate;
	}
}

static int grow(struct top_hist *h, uint32_t n)
{
	size_t was = 1 + (size_t)h->nser, now = 1 + (size_t)n;
	uint64_t from = h->next - h->first > TOP_HIST ? h->next - TOP_HIST : h->first;
	float *nv;

	if (h->v && n <= h->nser)
		return 0;
	/*
	 * Only the rows of ticks sampled so far are ever read (the others are
	 * written before they are): those are copied, and a series that
	 * appears now had no value in them.  The rest stays untouched, so a
	 * new ring's history costs no memory until it has samples.
	 */
	nv = malloc(TOP_HIST * now * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	for (uint64_t t = from; h->v && t < h->next; t++) {
		size_t j = t % TOP_HIST;

		for (size_t i = 0; i < now; i++)
			nv[j * now + i] = i < was ? h->v[j * was + i] : NAN;
	}
	free(h->v);
	h->v = nv;
	h->nser = n;
	return 0;
}

/* No value in slot @slot, for every row. */
static void blank(struct top_hist *h, size_t slot)
{
	float *row = h->v + slot * (1 + (size_t)h->nser);

	for (uint32_t i = 0; i <= h->nser; i++)
		row[i] = NAN;
}

int top_hist_push(struct top_hist *h, const struct top_clock *c, const struct top_agent_state *st)
{
	uint64_t tick = c->ticks - 1;
	size_t slot = tick % TOP_HIST;
	int ok = st->started && st->state != TOP_ERROR;	/* else st holds nothing current */

	if (grow(h, st->nser))
		return -ENOMEM;
	if (!h->next)
		h->first = h->next = tick;
	/* Ticks this ring was not sampled at (none, normally): no value then. */
	for (uint64_t t = h->next; t < tick && t < h->next + TOP_HIST; t++)
		blank(h, t % TOP_HIST);
	blank(h, slot);
	if (ok) {
		float *row = h->v + slot * (1 + (size_t)h->nser);

		row[0] = (float)st->rate;
		for (uint32_t i = 0; i < st->nser; i++)
			if (st->ser[i].ok)
				row[1 + i] = sample_of(&st->ser[i]);
	}
	h->next = tick + 1;
	return 0;
}

void top_hist_free(struct top_hist *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}

int top_hist_trace(const struct top_hist *h, const struct top_clock *c, long id, struct top_trace *t)
{
	size_t stride = 1 + (size_t)h->nser;
	const float *v;
	uint64_t oldest;

	t->n = 0;
	if (!h->next || id >= (long)h->nser)
		return -ENOENT;
	v = h->v + (id < 0 ? 0 : 1 + id);
	oldest = h->next - h->first > TOP_HIST ? h->next - TOP_HIST : h->first;
	/* The clock dates only its last TOP_HIST ticks. */
	if (c->ticks > TOP_HIST && oldest < c->ticks - TOP_HIST)
		oldest = c->ticks - TOP_HIST;
	if (oldest >= h->next)
		return -ENOENT;
	for (uint64_t k = oldest; k < h->next; k++) {
		t->v[t->n] = v[k % TOP_HIST * stride];
		t->mono[t->n++] = c->mono[k % TOP_HIST];
	}
	return 0;
}
