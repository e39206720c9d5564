/* SPDX-License-Identifier: MIT */
/*
 * registry.c - get-or-create of series in the file's registry (see
 * registry.h for the protocol).  Slow path: called once per series per
 * process, never from emit.
 */
#include <errno.h>
#include <string.h>
#include "registry.h"
#include "ring_write.h"

uint64_t reg_hash(const char *name, const char *labels, size_t labels_len)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	h = (h ^ 0xff) * 0x100000001b3ull;	/* name/labels separator */
	for (size_t i = 0; i < labels_len; i++)
		h = (h ^ (unsigned char)labels[i]) * 0x100000001b3ull;
	return h;
}

int reg_labels_check(const char *enc, size_t max, size_t *len)
{
	size_t i = 0;
	int pairs = 0;

	for (;;) {
		size_t k = strnlen(enc + i, max - i), v;

		if (i + k >= max)
			return -1;	/* no terminator inside the block */
		if (k == 0) {
			*len = i + 1;
			return pairs;
		}
		i += k + 1;
		v = strnlen(enc + i, max - i);
		if (i + v >= max)
			return -1;
		i += v + 1;
		pairs++;
	}
}

/* The default histogram bounds 2^0 .. 2^46. */
static void reg_log2_bounds(double *bounds)
{
	for (int i = 0; i < SHM_MAX_BOUNDS; i++)
		bounds[i] = (double)(1ull << i);
}

static int same_key(const struct shm_series *s, const struct reg_desc *d)
{
	return !strncmp(s->name, d->name, SHM_NAME_MAX) &&
	       !memcmp(s->labels, d->labels, d->labels_len);
}

/* The entry matches the key; does it match the rest of the description? */
static int fill_info(struct ring_w *w, uint32_t id, const struct reg_desc *d,
		     struct ring_sinfo *out)
{
	const struct shm_series *s = &w->series[id];
	const char *unit = d->unit ? d->unit : "";

	if (s->category != d->category || s->kind != d->kind || s->vtype != d->vtype ||
	    strncmp(s->unit, unit, SHM_UNIT_MAX))
		return -EINVAL;
	out->id = id;
	out->vtype = s->vtype;
	out->kind = s->kind;
	out->log2 = !!(s->flags & SHM_SF_LOG2);
	out->hist = s->hist;
	out->nbounds = 0;
	if (s->kind == SHM_KIND_HISTOGRAM) {
		out->nbounds = s->nbounds;
		memcpy(out->bounds, &w->bounds[(size_t)s->hist * SHM_MAX_BOUNDS],
		       sizeof(double) * s->nbounds);
		if (d->bounds && (d->nbounds != s->nbounds ||
				  memcmp(d->bounds, out->bounds, sizeof(double) * s->nbounds)))
			return -EINVAL;
		if (!d->bounds && !out->log2)
			return -EINVAL;
	}
	return 0;
}

static int lookup(struct ring_w *w, uint64_t h, const struct reg_desc *d, uint32_t *slot)
{
	uint32_t mask = w->g.index_slots - 1;

	for (uint32_t n = 0, i = (uint32_t)h & mask; n <= mask; n++, i = (i + 1) & mask) {
		/* acquire: pairs with the release CAS that published the entry. */
		uint32_t v = atomic_load_explicit((_Atomic uint32_t *)&w->index[i], ACQ);

		if (!v) {
			*slot = i;
			return -ENOENT;
		}
		if (v - 1 < w->g.max_series && w->series[v - 1].key_hash == h &&
		    same_key(&w->series[v - 1], d))
			return (int)(v - 1);
	}
	return -ENOSPC;
}

/*
 * Relaxed load and CAS: they only hand out numbers.  What is stored in the
 * slot is published by its own release (state, index); readers use
 * series_next as a bound and check each entry's state.
 */
static int take_slot(_Atomic uint32_t *next, uint32_t max, uint32_t *id)
{
	uint32_t n = atomic_load_explicit(next, RLX);

	do {
		if (n >= max)
			return -ENOSPC;
	} while (!atomic_compare_exchange_weak_explicit(next, &n, n + 1, RLX, RLX));
	*id = n;
	return 0;
}

static void fill_entry(struct ring_w *w, struct shm_series *s, uint64_t h, const struct reg_desc *d)
{
	s->category = d->category;
	s->kind = d->kind;
	s->vtype = d->vtype;
	s->key_hash = h;
	strncpy(s->name, d->name, SHM_NAME_MAX - 1);
	memcpy(s->labels, d->labels, d->labels_len);
	strncpy(s->unit, d->unit ? d->unit : "", SHM_UNIT_MAX - 1);
	if (d->kind == SHM_KIND_HISTOGRAM) {
		double *b = &w->bounds[(size_t)s->hist * SHM_MAX_BOUNDS];

		if (d->bounds) {
			memcpy(b, d->bounds, sizeof(double) * d->nbounds);
			s->nbounds = d->nbounds;
		} else {
			reg_log2_bounds(b);
			s->nbounds = SHM_MAX_BOUNDS;
			s->flags = SHM_SF_LOG2;
		}
	}
}

int reg_get(struct ring_w *w, const struct reg_desc *d, struct ring_sinfo *out)
{
	uint64_t h = reg_hash(d->name, d->labels, d->labels_len);
	uint32_t slot = 0, id, hist = 0, mask = w->g.index_slots - 1;
	struct shm_series *s;
	int ret;

	ret = lookup(w, h, d, &slot);
	if (ret >= 0)
		return fill_info(w, (uint32_t)ret, d, out);
	if (ret != -ENOENT)
		return ret;
	ret = take_slot(&w->h->series_next, w->g.max_series, &id);
	if (ret)
		return ret;
	s = &w->series[id];
	/*
	 * Relaxed, this and every DUP store below: a reader that sees a state
	 * other than READY reads nothing else of the entry, and writers never
	 * reach an entry that is not in the index, so nothing is published.
	 * (A reader that saw READY just before DUP may still be copying the
	 * entry: the state word is the one word of its copy it never uses,
	 * see ring_series_get.)
	 */
	atomic_store_explicit(&s->state, SHM_SERIES_CLAIMED, RLX);
	if (d->kind == SHM_KIND_HISTOGRAM &&
	    take_slot(&w->h->hist_next, w->g.max_hist, &hist)) {
		atomic_store_explicit(&s->state, SHM_SERIES_DUP, RLX);
		return -ENOSPC;
	}
	s->hist = hist;
	fill_entry(w, s, h, d);
	ring_agg_reset(w, id, d->vtype);
	/* The entry before READY: pairs with the reader's acquire load of state. */
	atomic_store_explicit(&s->state, SHM_SERIES_READY, REL);

	/* Publish in the index; a CAS failure means someone else got there first. */
	for (uint32_t n = 0, i = slot; n <= mask; n++, i = (i + 1) & mask) {
		uint32_t cur = 0;

		/*
		 * release: the complete entry before its index slot; pairs with
		 * lookup()'s acquire load.  acquire on failure: pairs with the
		 * winner's release CAS, as we read its entry next.
		 */
		if (atomic_compare_exchange_strong_explicit((_Atomic uint32_t *)&w->index[i], &cur,
							    id + 1, REL, ACQ))
			return fill_info(w, id, d, out);
		if (cur - 1 < w->g.max_series && w->series[cur - 1].key_hash == h &&
		    same_key(&w->series[cur - 1], d)) {
			/* Lost the race (was READY, now DUP): relaxed, see above. */
			atomic_store_explicit(&s->state, SHM_SERIES_DUP, RLX);
			return fill_info(w, cur - 1, d, out);
		}
	}
	atomic_store_explicit(&s->state, SHM_SERIES_DUP, RLX);
	return -ENOSPC;
}
