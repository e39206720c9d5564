/* SPDX-License-Identifier: MIT */
/*
 * hring.c - one Hailo process' ring (see hring.h).
 *
 * A dump re-emits every series each interval, so finding a series' handle
 * is the bridge's inner loop.  shmtel_series_get() would re-parse the
 * labels and take the agent's creation lock every time; here handles sit
 * in an array in creation order, with their keys (name, NUL, label text)
 * packed in one buffer in the same order, and an open-addressed index by
 * key hash for the slow path.  Consecutive dumps of a process almost
 * always list the same series in the same order, so the series used at
 * each position of the last dump is tried first: the usual lookup is one
 * compare, walking memory in order, with no hash.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common/hash.h"
#include "hring.h"
#include "shmtel.h"

#define SLOTS (2 * HRING_MAX_SERIES)	/* a power of two: the index is at most half full */
#define CAPACITY 2048			/* events per lane: a minute of a big dump */
#define NONE UINT16_MAX
#define NAME_MAX_LEN 64			/* shmtel names: 1..63 bytes and the NUL */
#define LABELS_MAX_LEN 1024		/* what hmon_convert produces, with room */

_Static_assert(HRING_MAX_SERIES < NONE, "series numbers fit the index");

struct entry {
	struct shmtel_series *s;
	uint32_t key;			/* offset in keys */
	uint32_t keylen;
	uint32_t gen;			/* dump that last set it */
	int has_value;			/* last emitted value was not NaN */
};

struct hring {
	struct shmtel_agent *a;
	char dir[4096];
	char agent[32];
	dev_t dev;			/* the file we created, for hring_close(remove) */
	ino_t ino;
	uint32_t gen;
	int gone;
	uint32_t n;			/* series created */
	uint32_t pos;			/* values put in the current dump */
	uint32_t norder;
	char *keys;
	size_t keys_len, keys_cap;
	uint16_t order[HRING_MAX_SERIES];	/* series at each position of the last dumps */
	uint16_t index[SLOTS];		/* by key hash; NONE: free */
	struct entry e[HRING_MAX_SERIES];
};

int hring_open(const char *dir, int32_t pid, uint32_t interval_ms, int gone, struct hring **out)
{
	struct shmtel_config cfg;
	char path[4200];
	struct stat st;
	struct hring *r;
	int ret;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	memset(r->index, 0xff, sizeof(r->index));
	memset(r->order, 0xff, sizeof(r->order));
	snprintf(r->dir, sizeof(r->dir), "%s", dir);
	snprintf(r->agent, sizeof(r->agent), "hailo-%d", (int)pid);
	memset(&cfg, 0, sizeof(cfg));
	cfg.dir = dir;
	cfg.name = r->agent;
	cfg.capacity = CAPACITY;
	cfg.lanes = 2;			/* the bridge is one thread */
	cfg.max_series = HRING_MAX_SERIES;
	cfg.max_histograms = 1;		/* gauges only; 0 would mean the default */
	cfg.run_interval_ms = interval_ms;
	cfg.source_pid = pid;
	/* Published already gone: a process first seen dead never looks up. */
	cfg.flags = gone ? SHMTEL_CFG_GONE : 0;
	r->gone = !!gone;
	ret = shmtel_agent_open(&cfg, &r->a);
	if (ret) {
		free(r);
		return ret;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, r->agent);
	if (!stat(path, &st)) {
		r->dev = st.st_dev;
		r->ino = st.st_ino;
	}
	*out = r;
	return 0;
}

uint32_t hring_series(const struct hring *r)
{
	return r->n;
}

const char *hring_agent(const struct hring *r)
{
	return r->agent;
}

/* Is series @i the one named @name (@nl bytes with its NUL) with @labels (@ll bytes)? */
static int same(const struct hring *r, uint16_t i, const char *name, size_t nl,
		const char *labels, size_t ll)
{
	const struct entry *e = &r->e[i];

	return e->keylen == nl + ll && !memcmp(r->keys + e->key, name, nl) &&
	       !memcmp(r->keys + e->key + nl, labels, ll);
}

/* The index slot of the series called @name/@labels, or the free slot where it goes. */
static uint16_t *slot_of(struct hring *r, const char *name, size_t nl, const char *labels,
			 size_t ll)
{
	char key[NAME_MAX_LEN + LABELS_MAX_LEN];
	uint64_t h;

	memcpy(key, name, nl);
	memcpy(key + nl, labels, ll);
	for (h = hash_bytes(key, nl + ll);; h++) {
		uint16_t *s = &r->index[h & (SLOTS - 1)];

		if (*s == NONE || same(r, *s, name, nl, labels, ll))
			return s;
	}
}

/* Create series @v as number r->n and put it in *@slot.  0 or -errno. */
static int create(struct hring *r, const struct hmon_value *v, size_t nl, size_t ll,
		  uint16_t *slot)
{
	struct shmtel_series_desc d = {
		.category = SHMTEL_SYSTEM, .name = v->name, .labels = v->labels,
		.kind = SHMTEL_GAUGE, .type = SHMTEL_F64, .unit = v->unit,
	};
	struct entry *e = &r->e[r->n];
	int ret;

	if (r->n == HRING_MAX_SERIES)
		return -ENOSPC;
	if (r->keys_len + nl + ll > r->keys_cap) {
		size_t cap = (r->keys_cap ? r->keys_cap * 2 : 16384) + nl + ll;
		char *k = realloc(r->keys, cap);

		if (!k)
			return -ENOMEM;
		r->keys = k;
		r->keys_cap = cap;
	}
	ret = shmtel_series_get(r->a, &d, &e->s);
	if (ret)
		return ret;
	e->key = (uint32_t)r->keys_len;
	e->keylen = (uint32_t)(nl + ll);
	memcpy(r->keys + r->keys_len, v->name, nl);
	memcpy(r->keys + r->keys_len + nl, v->labels, ll);
	r->keys_len += nl + ll;
	*slot = (uint16_t)r->n++;
	return 0;
}

void hring_dump_begin(struct hring *r)
{
	r->gen++;
	r->pos = 0;
}

int hring_put(struct hring *r, const struct hmon_value *v)
{
	size_t nl = strlen(v->name) + 1, ll = strlen(v->labels);
	uint32_t at = r->pos++;
	uint16_t i, *slot;
	int ret;

	if (nl > NAME_MAX_LEN || ll > LABELS_MAX_LEN)
		return -EINVAL;
	if (at < r->norder && r->order[at] != NONE && same(r, r->order[at], v->name, nl, v->labels, ll)) {
		i = r->order[at];
	} else {
		slot = slot_of(r, v->name, nl, v->labels, ll);
		if (*slot == NONE) {
			ret = create(r, v, nl, ll, slot);
			if (ret)
				return ret;
		}
		i = *slot;
		if (at < HRING_MAX_SERIES) {
			r->order[at] = i;
			if (at >= r->norder)
				r->norder = at + 1;
		}
	}
	shmtel_emit_f64(r->e[i].s, v->value);
	r->e[i].gen = r->gen;
	r->e[i].has_value = !isnan(v->value);
	return 0;
}

/* NaN for every series that holds a value, but (@keep_current) those of this dump. */
static void clear_values(struct hring *r, int keep_current)
{
	for (uint32_t i = 0; i < r->n; i++) {
		struct entry *e = &r->e[i];

		if (e->has_value && !(keep_current && e->gen == r->gen)) {
			shmtel_emit_f64(e->s, NAN);
			e->has_value = 0;
		}
	}
}

void hring_dump_end(struct hring *r)
{
	clear_values(r, 1);
}

void hring_set_gone(struct hring *r, int gone)
{
	gone = !!gone;
	if (gone == r->gone)
		return;
	r->gone = gone;
	/* The flag first: a reader that sees the NaNs sees why. */
	shmtel_agent_set_gone(r->a, gone);
	if (gone)
		clear_values(r, 0);
}

int hring_gone(const struct hring *r)
{
	return r->gone;
}

void hring_close(struct hring *r, int remove)
{
	char path[4200];
	struct stat st;

	if (!r)
		return;
	snprintf(path, sizeof(path), "%s/%s", r->dir, r->agent);
	/*
	 * Still holding the writer's lock, so no other shmtel writer can have
	 * taken the name over: the file there is ours unless someone renamed
	 * a foreign one over it, which the inode check catches.
	 */
	if (remove && !stat(path, &st) && st.st_dev == r->dev && st.st_ino == r->ino)
		unlink(path);
	/* The bridge is the ring's only emitter, and this is its last use: free it all. */
	shmtel_agent_free(r->a);
	free(r->keys);
	free(r);
}
