/* SPDX-License-Identifier: MIT */
/* srcset.c - the open sources, by path (see srcset.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/esc.h"
#include "srcset.h"

static size_t hash_path(const char *s)
{
	size_t h = 1469598103934665603u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* Index of the source open on @path, or -1; *@slot: where it is or would go. */
static int find(const struct srcset *set, const char *path, size_t *slot)
{
	size_t i = hash_path(path) & set->mask;

	while (set->by_path[i] >= 0 && strcmp(set->v[set->by_path[i]]->path, path))
		i = (i + 1) & set->mask;
	if (slot)
		*slot = i;
	return set->by_path[i];
}

/*
 * Rebuild the hash set for @cap sources (a power of two; twice as many
 * slots): after growing, and after a drop, which moves the last source.
 */
static int reindex(struct srcset *set, int cap)
{
	int *t = malloc(2 * (size_t)cap * sizeof(*t));

	if (!t)
		return -ENOMEM;
	free(set->by_path);
	set->by_path = t;
	set->mask = 2 * (size_t)cap - 1;
	memset(set->by_path, -1, 2 * (size_t)cap * sizeof(*t));
	for (int i = 0; i < set->n; i++) {
		size_t slot;

		find(set, set->v[i]->path, &slot);
		set->by_path[slot] = i;
	}
	return 0;
}

/* Make room for one more source. */
static int grow(struct srcset *set)
{
	struct src **nv;
	int cap = set->cap ? set->cap * 2 : 64;

	if (set->n < set->cap)
		return 0;
	nv = realloc(set->v, (size_t)cap * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	set->v = nv;
	set->cap = cap;
	return reindex(set, cap);
}

int srcset_add(struct srcset *set, const char *path, const struct src_opts *o, char *why,
	       size_t len)
{
	struct src *s;
	size_t slot;
	int ret;

	ret = grow(set);
	if (ret) {
		snprintf(why, len, "%s", strerror(-ret));
		return ret;
	}
	ret = src_open(path, o, &s, why, len);
	if (ret)
		return ret;
	esc_term(s->agent_esc, sizeof(s->agent_esc), s->agent);
	find(set, path, &slot);
	set->by_path[slot] = set->n;
	set->v[set->n++] = s;
	return 0;
}

int srcset_has(const struct srcset *set, const char *path)
{
	return set->by_path && find(set, path, NULL) >= 0;
}

int srcset_drop(struct srcset *set, int i)
{
	set->v[i]->ops->close(set->v[i]);
	set->v[i] = set->v[--set->n];
	/* Drops are rare (a file went away): rebuilding beats tombstones. */
	return reindex(set, set->cap);
}

void srcset_free(struct srcset *set)
{
	for (int i = 0; i < set->n; i++)
		set->v[i]->ops->close(set->v[i]);
	free(set->v);
	free(set->by_path);
	memset(set, 0, sizeof(*set));
}
