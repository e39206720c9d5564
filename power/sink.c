/* SPDX-License-Identifier: MIT */
/*
 * sink.c - readings to series of the ring, through the public library.
 *
 * Every sample hands every reading again, so the handle of a series is
 * looked up by (name, labels) in an open-addressed table rather than
 * through shmtel_series_get(), which parses the labels and takes the
 * agent's creation lock.  A series the enabled-metrics globs leave out
 * gets a NULL handle from the library; that NULL is cached too, so a
 * filtered series costs one lookup and an emit that does nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/hash.h"
#include "shmtel.h"
#include "sink.h"

#define RING_CAPACITY 4096	/* events per lane: a few samples of a big host */
#define MAX_SERIES 4096

struct ent {
	char *key;		/* name, NUL, labels, NUL; NULL: free slot */
	size_t keylen;
	struct shmtel_series *s;
};

struct pw_sink {
	struct shmtel_agent *a;
	struct ent *tab;
	size_t cap;		/* a power of two, kept at most half full */
	size_t n;
	unsigned selected;
};

int pw_sink_open(const char *dir, const char *name, const char *enabled, unsigned interval_ms,
		 struct pw_sink **out)
{
	struct shmtel_config cfg = {
		.dir = dir, .name = name, .capacity = RING_CAPACITY, .lanes = 2,
		.max_series = MAX_SERIES, .max_histograms = 1,
		.run_interval_ms = interval_ms, .enabled_metrics = enabled,
	};
	struct pw_sink *k = calloc(1, sizeof(*k));
	int ret;

	if (!k)
		return -ENOMEM;
	k->cap = 256;
	k->tab = calloc(k->cap, sizeof(*k->tab));
	if (!k->tab) {
		free(k);
		return -ENOMEM;
	}
	ret = shmtel_agent_open(&cfg, &k->a);
	if (ret) {
		free(k->tab);
		free(k);
		return ret;
	}
	*out = k;
	return 0;
}

unsigned pw_sink_series(const struct pw_sink *k)
{
	return k->selected;
}

void pw_sink_close(struct pw_sink *k)
{
	if (!k)
		return;
	/* The program is the ring's only emitter and this its last use. */
	shmtel_agent_free(k->a);
	for (size_t i = 0; i < k->cap; i++)
		free(k->tab[i].key);
	free(k->tab);
	free(k);
}

size_t pw_label(char *buf, size_t len, size_t off, const char *key, const char *value)
{
	size_t o = off;

	if (off >= len)
		return len;
	/* The label grammar has no empty value: an unknown one is no label. */
	if (!*value) {
		buf[off] = 0;
		return off;
	}
	if (o)
		buf[o++] = ',';
	for (const char *p = key; *p; p++) {
		if (o + 1 >= len)
			goto full;
		buf[o++] = *p;
	}
	if (o + 2 >= len)
		goto full;
	buf[o++] = '=';
	buf[o++] = '"';
	for (const char *p = value; *p; p++) {
		int esc = *p == '"' || *p == '\\' || *p == '\n';

		if (o + (size_t)esc + 1 >= len)
			goto full;
		if (esc)
			buf[o++] = '\\';
		buf[o++] = *p == '\n' ? 'n' : *p;
	}
	if (o + 1 >= len)
		goto full;
	buf[o++] = '"';
	buf[o] = 0;
	return o;
full:
	/* What did not fit is left out whole: the text before it still holds. */
	buf[off] = 0;
	return len;
}

static struct ent *slot(struct ent *tab, size_t cap, const char *key, size_t keylen)
{
	for (uint64_t h = hash_bytes(key, keylen);; h++) {
		struct ent *e = &tab[h & (cap - 1)];

		if (!e->key || (e->keylen == keylen && !memcmp(e->key, key, keylen)))
			return e;
	}
}

static int grow(struct pw_sink *k)
{
	size_t cap = k->cap * 2;
	struct ent *tab = calloc(cap, sizeof(*tab));

	if (!tab)
		return -ENOMEM;
	for (size_t i = 0; i < k->cap; i++)
		if (k->tab[i].key)
			*slot(tab, cap, k->tab[i].key, k->tab[i].keylen) = k->tab[i];
	free(k->tab);
	k->tab = tab;
	k->cap = cap;
	return 0;
}

/*
 * The handle of @name{@labels}, created on first use; NULL when filtered
 * out or when it cannot be made (said once: the entry stays, with NULL).
 */
static struct shmtel_series *handle(struct pw_sink *k, const char *name, const char *labels,
				    const char *unit, enum shmtel_kind kind, enum shmtel_type type)
{
	char key[64 + 1024 + 2];
	size_t nl = strlen(name), ll = labels ? strlen(labels) : 0, keylen = nl + 1 + ll;
	struct shmtel_series_desc d = {
		.category = SHMTEL_SYSTEM, .name = name, .labels = ll ? labels : NULL,
		.kind = kind, .type = type, .unit = unit,
	};
	struct ent *e;
	int ret;

	if (!k || nl >= 64 || ll > 1024)
		return NULL;
	memcpy(key, name, nl + 1);
	memcpy(key + nl + 1, labels ? labels : "", ll);
	e = slot(k->tab, k->cap, key, keylen);
	if (e->key)
		return e->s;
	if ((k->n + 1) * 2 > k->cap) {
		if (grow(k))
			return NULL;
		e = slot(k->tab, k->cap, key, keylen);
	}
	e->key = malloc(keylen);
	if (!e->key)
		return NULL;
	memcpy(e->key, key, keylen);
	e->keylen = keylen;
	k->n++;
	ret = shmtel_series_get(k->a, &d, &e->s);
	if (ret) {
		e->s = NULL;
		fprintf(stderr, "telemetry_power: series %s: %s\n", name, strerror(-ret));
	} else if (e->s) {
		k->selected++;
	}
	return e->s;
}

void pw_gauge(struct pw_sink *k, const char *name, const char *labels, const char *unit, double v)
{
	/* Byte counts are integers: a u64 gauge keeps them exact past 2^53. */
	enum shmtel_type t = unit && !strcmp(unit, "bytes") ? SHMTEL_U64 : SHMTEL_F64;

	shmtel_emit_f64(handle(k, name, labels, unit, SHMTEL_GAUGE, t), v);
}

void pw_count(struct pw_sink *k, const char *name, const char *labels, const char *unit,
	      uint64_t delta)
{
	shmtel_emit(handle(k, name, labels, unit, SHMTEL_COUNTER, SHMTEL_U64), delta);
}
