/* SPDX-License-Identifier: MIT */
/*
 * labels.c - parse `key="value",key2=value2` into the file's encoding:
 * "key\0value\0key2\0value2\0\0", pairs sorted by key so that the same set
 * of labels in any order names the same series.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAX_PAIRS 32

struct pair {
	char key[SHM_LABELS_MAX];
	char value[SHM_LABELS_MAX];
};

static int is_key_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/* One value, quoted (with \" \\ \n escapes) or bare up to ','. */
static const char *parse_value(const char *p, char *out, size_t max)
{
	size_t n = 0;

	if (*p != '"') {
		while (*p && *p != ',') {
			if (n + 1 >= max)
				return NULL;
			out[n++] = *p++;
		}
		out[n] = 0;
		return p;
	}
	for (p++; *p != '"'; p++) {
		char c = *p;

		if (!c)
			return NULL;	/* unterminated */
		if (c == '\\') {
			c = *++p;
			if (c == 'n')
				c = '\n';
			else if (c != '\\' && c != '"')
				return NULL;
		}
		if (n + 1 >= max)
			return NULL;
		out[n++] = c;
	}
	out[n] = 0;
	return p + 1;
}

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct pair *)a)->key, ((const struct pair *)b)->key);
}

int labels_encode(const char *in, char *out, size_t max, size_t *len)
{
	struct pair *pairs;
	size_t np = 0, off = 0;
	const char *p = in ? in : "";
	int ret = -EINVAL;

	pairs = malloc(sizeof(*pairs) * MAX_PAIRS);
	if (!pairs)
		return -ENOMEM;
	while (*p) {
		size_t k = 0;

		if (np == MAX_PAIRS || !is_key_char(*p, 1))
			goto out;
		while (is_key_char(*p, 0) && k + 1 < SHM_LABELS_MAX)
			pairs[np].key[k++] = *p++;
		pairs[np].key[k] = 0;
		if (*p++ != '=')
			goto out;
		p = parse_value(p, pairs[np].value, SHM_LABELS_MAX);
		if (!p || !pairs[np].value[0] || (*p && *p++ != ','))
			goto out;
		np++;
	}
	qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (size_t i = 0; i < np; i++) {
		size_t kl = strlen(pairs[i].key) + 1, vl = strlen(pairs[i].value) + 1;

		if ((i && !strcmp(pairs[i].key, pairs[i - 1].key)) || off + kl + vl + 1 > max)
			goto out;	/* duplicate key, or too long */
		memcpy(out + off, pairs[i].key, kl);
		memcpy(out + off + kl, pairs[i].value, vl);
		off += kl + vl;
	}
	out[off++] = 0;
	*len = off;
	ret = 0;
out:
	free(pairs);
	return ret;
}
