/* SPDX-License-Identifier: MIT */
/*
 * prom_shape.c - shapes and label lists, each rendered once per export
 * (see prom_shape.h).
 *
 * Two tables of the same kind: byte strings to a dense index, open
 * addressing over a slot array twice the entries, grown at half load.
 * A node holds tens or hundreds of distinct shapes however many agents
 * it has, so both stay small and hot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/hash.h"
#include "prom_shape.h"

#define KEY_MAX	(SHM_NAME_MAX + SHM_UNIT_MAX + SHM_LABELS_MAX + 2)

struct entry {
	uint64_t hash;
	char *key;
	size_t len;
};

struct itab {
	struct entry *e;
	size_t n, cap;
	uint32_t *slot;			/* entry index + 1; 0 is free */
	size_t nslots;
};

struct prom_shapes {
	struct itab shape_keys;
	struct prom_shape *shapes;	/* by the index of their key */
	size_t nshapes;			/* room for */
	struct itab lists;
	char scratch[PN_LABELS_MAX];
};

static void itab_free(struct itab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->e[i].key);
	free(t->e);
	free(t->slot);
}

static int itab_rehash(struct itab *t, size_t nslots)
{
	uint32_t *slot = calloc(nslots, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	for (size_t i = 0; i < t->n; i++) {
		size_t j = t->e[i].hash & (nslots - 1);

		while (slot[j])
			j = (j + 1) & (nslots - 1);
		slot[j] = (uint32_t)i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslots = nslots;
	return 0;
}

/*
 * The index of @key in @t, added if new (*@added says so).  -ENOMEM
 * leaves @t as it was.
 */
static int itab_get(struct itab *t, const char *key, size_t len, size_t *idx, int *added)
{
	uint64_t h = hash_words(key, len);
	size_t j;

	*added = 0;
	if ((t->n + 1) * 2 > t->nslots && itab_rehash(t, t->nslots ? t->nslots * 2 : 256))
		return -ENOMEM;
	for (j = h & (t->nslots - 1); t->slot[j]; j = (j + 1) & (t->nslots - 1)) {
		const struct entry *e = &t->e[t->slot[j] - 1];

		if (e->hash == h && e->len == len && !memcmp(e->key, key, len)) {
			*idx = t->slot[j] - 1;
			return 0;
		}
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 128;
		struct entry *e = realloc(t->e, cap * sizeof(*e));

		if (!e)
			return -ENOMEM;
		t->e = e;
		t->cap = cap;
	}
	if (t->n >= UINT32_MAX - 1 || !(t->e[t->n].key = malloc(len ? len : 1)))
		return -ENOMEM;
	memcpy(t->e[t->n].key, key, len);
	t->e[t->n].hash = h;
	t->e[t->n].len = len;
	t->slot[j] = (uint32_t)++t->n;
	*idx = t->n - 1;
	*added = 1;
	return 0;
}

struct prom_shapes *prom_shapes_new(void)
{
	return calloc(1, sizeof(struct prom_shapes));
}

void prom_shapes_free(struct prom_shapes *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->shape_keys.n; i++) {
		free(t->shapes[i].family);
		free(t->shapes[i].labels);
	}
	free(t->shapes);
	itab_free(&t->shape_keys);
	itab_free(&t->lists);
	free(t);
}

int prom_shapes_intern(struct prom_shapes *t, const char *list, size_t len, uint32_t *id)
{
	size_t idx;
	int added, ret = itab_get(&t->lists, list, len, &idx, &added);

	*id = (uint32_t)idx;
	return ret;
}

/* The bytes a shape is told by: name, unit and label encoding (NUL-ended each), kind, type. */
static size_t shape_key(char *k, const struct ring_series *s)
{
	size_t n = strnlen(s->name, SHM_NAME_MAX - 1), u = strnlen(s->unit, SHM_UNIT_MAX - 1);
	size_t o;

	memcpy(k, s->name, n);
	k[n] = 0;
	memcpy(k + n + 1, s->unit, u);
	o = n + 1 + u;
	k[o++] = 0;
	memcpy(k + o, s->labels, s->labels_len);	/* with the list's closing NUL */
	o += s->labels_len;
	k[o++] = (char)s->kind;
	k[o++] = (char)s->vtype;
	return o;
}

static int render(struct prom_shapes *t, struct prom_shape *sh, const struct prom_cfg *c,
		  const struct pn_label *fixed, int nfixed, const struct ring_series *s)
{
	static const enum pout_type types[] = { POUT_COUNTER, POUT_GAUGE, POUT_HISTOGRAM };
	char name[PN_NAME_MAX];
	int n;

	sh->div = pn_family(name, sizeof(name), c->prefix, s->name, s->unit, s->kind, s->vtype);
	sh->type = types[pn_export_kind(s->kind, s->vtype)];
	sh->selected = prom_selected(c, s->name);
	n = pn_labels_series(t->scratch, sizeof(t->scratch), fixed, nfixed, s->labels);
	sh->labels_ok = n >= 0;
	sh->labels_len = n > 0 ? (size_t)n : 0;
	sh->family = strdup(name);
	sh->labels = malloc(sh->labels_len + 1);
	if (!sh->family || !sh->labels)
		return -ENOMEM;
	memcpy(sh->labels, t->scratch, sh->labels_len);
	sh->labels[sh->labels_len] = 0;
	return prom_shapes_intern(t, sh->labels, sh->labels_len, &sh->labels_id);
}

struct prom_shape *prom_shape_get(struct prom_shapes *t, const struct prom_cfg *c,
				  const struct pn_label *fixed, int nfixed,
				  const struct ring_series *s)
{
	char key[KEY_MAX];
	size_t len = shape_key(key, s), idx;
	int added;

	/* Room for one more first: a key must never be in the table without its shape. */
	if (t->shape_keys.n == t->nshapes) {
		size_t n = t->nshapes ? t->nshapes * 2 : 128;
		struct prom_shape *sh = realloc(t->shapes, n * sizeof(*sh));

		if (!sh)
			return NULL;
		t->shapes = sh;
		t->nshapes = n;
	}
	if (itab_get(&t->shape_keys, key, len, &idx, &added))
		return NULL;
	if (added && render(t, memset(&t->shapes[idx], 0, sizeof(t->shapes[idx])), c, fixed,
			    nfixed, s))
		t->shapes[idx].labels_ok = 0;	/* no memory: its series are left out */
	return &t->shapes[idx];
}
