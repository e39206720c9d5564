/* SPDX-License-Identifier: MIT */
/*
 * hring.c - one Hailo process' ring (see hring.h).
 *
 * Series handles are cached in an open-addressed table keyed by name and
 * label text: a dump re-emits every series each interval, and looking a
 * handle up here is a hash and a compare, where shmtel_series_get()
 * re-parses the labels and takes the agent's creation lock every time.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hring.h"
#include "shmtel.h"

#define SLOTS (2 * HRING_MAX_SERIES)	/* a power of two, at most half full */
#define CAPACITY 2048			/* events per lane: a minute of a big dump */

struct entry {
	char *key;			/* name, NUL, labels text; NULL: free slot */
	size_t keylen;
	struct shmtel_series *s;
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
	uint32_t nseries;
	struct entry slot[SLOTS];
};

int hring_open(const char *dir, int32_t pid, uint32_t interval_ms, struct hring **out)
{
	struct shmtel_config cfg;
	char path[4200];
	struct stat st;
	struct hring *r;
	int ret;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
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

const char *hring_agent(const struct hring *r)
{
	return r->agent;
}

static uint64_t hash(const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	return h;
}

/* The slot holding @key, or the free slot where it belongs. */
static struct entry *find(struct hring *r, const char *key, size_t n)
{
	for (uint64_t i = hash(key, n);; i++) {
		struct entry *e = &r->slot[i & (SLOTS - 1)];

		if (!e->key || (e->keylen == n && !memcmp(e->key, key, n)))
			return e;
	}
}

void hring_dump_begin(struct hring *r)
{
	r->gen++;
}

int hring_put(struct hring *r, const struct hmon_value *v)
{
	size_t nl = strlen(v->name), ll = strlen(v->labels), n = nl + 1 + ll;
	char key[64 + 1 + 1024];
	struct entry *e;

	if (n > sizeof(key))
		return -EINVAL;
	memcpy(key, v->name, nl + 1);
	memcpy(key + nl + 1, v->labels, ll);
	e = find(r, key, n);
	if (!e->key) {
		struct shmtel_series_desc d = {
			.category = SHMTEL_SYSTEM, .name = v->name, .labels = v->labels,
			.kind = SHMTEL_GAUGE, .type = SHMTEL_F64, .unit = v->unit,
		};
		int ret;

		if (r->nseries == HRING_MAX_SERIES)
			return -ENOSPC;
		ret = shmtel_series_get(r->a, &d, &e->s);
		if (ret)
			return ret;
		e->key = malloc(n);
		if (!e->key)
			return -ENOMEM;
		memcpy(e->key, key, n);
		e->keylen = n;
		r->nseries++;
	}
	shmtel_emit_f64(e->s, v->value);
	e->gen = r->gen;
	e->has_value = !isnan(v->value);
	return 0;
}

/* NaN for every series holding a value that @keep does not vouch for. */
static void clear_values(struct hring *r, int keep_current)
{
	for (size_t i = 0; i < SLOTS; i++) {
		struct entry *e = &r->slot[i];

		if (e->key && e->has_value && !(keep_current && e->gen == r->gen)) {
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
	/* Still holding the lock: nobody else can have replaced the file. */
	if (remove && !stat(path, &st) && st.st_dev == r->dev && st.st_ino == r->ino)
		unlink(path);
	shmtel_agent_close(r->a);
	for (size_t i = 0; i < SLOTS; i++)
		free(r->slot[i].key);
	free(r);
}
