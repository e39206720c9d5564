/* SPDX-License-Identifier: MIT */
/*
 * series.c - get-or-create series handles.
 *
 * Handles live in an RCU lock-free hash table (liburcu's rculfhash) keyed
 * by name + labels, so shmtel_emit_name() finds one without a lock while
 * other threads create series.  Creation itself is a slow path taken under
 * the agent's mutex: it asks the file's registry (which deduplicates across
 * processes sharing the file) and adds the handle to the table.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define TABLE_BUCKETS 1024

int series_table_init(struct shmtel_agent *a)
{
	/* Fixed size, no auto-resize: no worker thread, no call_rcu, fork-safe. */
	a->table = cds_lfht_new(TABLE_BUCKETS, TABLE_BUCKETS, TABLE_BUCKETS, 0, NULL);
	return a->table ? 0 : -ENOMEM;
}

/* Empty and destroy the table; the handles themselves stay (see agent.c). */
void series_table_fini(struct shmtel_agent *a)
{
	struct cds_lfht_iter it;
	struct cds_lfht_node *n;

	if (!a->table)
		return;
	urcu_bp_read_lock();
	cds_lfht_for_each(a->table, &it, n)
		cds_lfht_del(a->table, n);
	urcu_bp_read_unlock();
	cds_lfht_destroy(a->table, NULL);
	a->table = NULL;
}

static int match(struct cds_lfht_node *n, const void *key)
{
	const struct shmtel_series *s = caa_container_of(n, struct shmtel_series, node);
	const struct shmtel_series *k = key;

	return s->keylen == k->keylen && !memcmp(s->key, k->key, k->keylen);
}

/* Must be called inside an RCU read-side critical section. */
struct shmtel_series *series_lookup(struct shmtel_agent *a, const char *key, size_t keylen,
				    uint64_t hash)
{
	struct shmtel_series probe = { .key = (char *)key, .keylen = keylen };
	struct cds_lfht_iter it;
	struct cds_lfht_node *n;

	cds_lfht_lookup(a->table, (unsigned long)hash, match, &probe, &it);
	n = cds_lfht_iter_get_node(&it);
	return n ? caa_container_of(n, struct shmtel_series, node) : NULL;
}

/* Does @name match one of the comma-separated globs? */
static int enabled(const struct shmtel_agent *a, const char *name)
{
	const char *p = a->enabled;

	if (!p)
		return 1;
	while (*p) {
		size_t n = strcspn(p, ",");
		char glob[256];

		if (n && n < sizeof(glob)) {
			memcpy(glob, p, n);
			glob[n] = 0;
			if (!fnmatch(glob, name, 0))
				return 1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

static int check_desc(const struct shmtel_series_desc *d)
{
	if (!d || !d->name || !d->name[0] || strlen(d->name) >= SHM_NAME_MAX ||
	    (unsigned)d->category > SHMTEL_CUSTOM || (unsigned)d->kind > SHMTEL_HISTOGRAM ||
	    (unsigned)d->type > SHMTEL_F64 || (d->unit && strlen(d->unit) >= SHM_UNIT_MAX) ||
	    !abi_reserved_zero(d->reserved, sizeof(d->reserved) / sizeof(d->reserved[0])))
		return -EINVAL;
	if (d->kind != SHMTEL_HISTOGRAM)
		return 0;
	if (d->bounds && (!d->nbounds || d->nbounds > SHMTEL_MAX_BOUNDS))
		return -EINVAL;
	for (size_t i = 0; d->bounds && i < d->nbounds; i++)
		if (!(d->bounds[i] == d->bounds[i]) || d->bounds[i] == __builtin_inf() ||
		    (i && !(d->bounds[i] > d->bounds[i - 1])))
			return -EINVAL;
	return 0;
}

/* The table key: name, a 0xff separator (never in the encoding), labels. */
static char *make_key(const char *name, const char *enc, size_t enclen, size_t *keylen)
{
	size_t n = strlen(name);
	char *k = malloc(n + 1 + enclen);

	if (!k)
		return NULL;
	memcpy(k, name, n);
	k[n] = (char)0xff;
	memcpy(k + n + 1, enc, enclen);
	*keylen = n + 1 + enclen;
	return k;
}

static int create(struct shmtel_agent *a, const struct reg_desc *rd, uint64_t hash,
		  struct shmtel_series **out)
{
	struct shmtel_series *s;
	int ret, hist;

	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->key = make_key(rd->name, rd->labels, rd->labels_len, &s->keylen);
	if (!s->key) {
		free(s);
		return -ENOMEM;
	}
	s->agent = a;
	s->hash = hash;
	s->filtered = !enabled(a, rd->name);
	if (!s->filtered) {
		ret = reg_get(a->w, rd, &s->info);
		if (ret) {
			free(s->key);
			free(s);
			return debug_fail(ret, "series '%s'", rd->name);
		}
		hist = ring_hist(&s->info);
		s->emit_case = s->info.vtype != SHM_U64 || hist == RING_HIST_ANY ? SERIES_ANY :
			       hist == RING_HIST_LOG2 ? SERIES_LOG2 : SERIES_PLAIN;
	}
	cds_lfht_node_init(&s->node);
	urcu_bp_read_lock();
	cds_lfht_add(a->table, (unsigned long)hash, &s->node);
	urcu_bp_read_unlock();
	s->next_all = a->all;
	a->all = s;
	*out = s;
	return 0;
}

int shmtel_series_get(struct shmtel_agent *a, const struct shmtel_series_desc *d,
		      struct shmtel_series **out)
{
	char enc[SHM_LABELS_MAX];
	struct reg_desc rd;
	struct ring_sinfo check;
	struct shmtel_series *s;
	size_t keylen;
	uint64_t hash;
	char *key;
	int ret;

	*out = NULL;
	if (!a)
		return 0;
	ret = check_desc(d);
	if (ret)
		return debug_fail(ret, "series '%s': bad description",
				  d && d->name ? d->name : "(null)");
	/* The SHMTEL_* values are the file's SHM_* ones (abi.c asserts it). */
	rd = (struct reg_desc){
		.category = (uint8_t)d->category, .kind = (uint8_t)d->kind, .vtype = (uint8_t)d->type,
		.name = d->name, .labels = enc, .unit = d->unit, .bounds = d->bounds,
		.nbounds = (uint32_t)d->nbounds,
	};
	ret = labels_encode(d->labels, enc, sizeof(enc), &rd.labels_len);
	if (ret)
		return debug_fail(ret, "series '%s': bad labels '%s'", d->name, d->labels);
	hash = reg_hash(d->name, enc, rd.labels_len);
	key = make_key(d->name, enc, rd.labels_len, &keylen);
	if (!key)
		return -ENOMEM;
	pthread_mutex_lock(&a->create_lock);
	if (!a->w) {
		ret = -EBADF;	/* closed */
		goto out;
	}
	urcu_bp_read_lock();
	s = series_lookup(a, key, keylen, hash);
	urcu_bp_read_unlock();
	if (!s)
		ret = create(a, &rd, hash, &s);
	else if (!s->filtered)
		/* Known here: the rest of the description must match the file's. */
		ret = reg_get(a->w, &rd, &check);
	if (!ret && !s->filtered)
		*out = s;
out:
	pthread_mutex_unlock(&a->create_lock);
	free(key);
	return ret;
}
