/* SPDX-License-Identifier: MIT */
/*
 * prom_lint.c - a strict checker of the text exposition (see prom_lint.h).
 *
 * One pass, line by line, with a small state machine: after a HELP comes
 * its TYPE, then samples of that family only.  Histogram samples come in
 * groups per label set: buckets by increasing le ending with +Inf, then
 * _sum, then _count.  Seen family names and seen series (name plus label
 * set, labels sorted) live in two string hash sets.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prom_lint.h"
#include "common/utf8.h"

#define MAX_LABELS	256
#define KEY_MAX		(1 << 16)

enum { T_COUNTER, T_GAUGE, T_HISTOGRAM };
enum { S_START, S_HELP, S_FAMILY };
enum { H_NONE, H_BUCKETS, H_SUM, H_COUNT };

struct set {
	char **v;
	size_t cap, n;
};

struct span {
	const char *p;
	size_t n;
};

struct label {
	struct span name, value;	/* value as written, escapes included */
};

struct lint {
	unsigned line;
	char *why;
	size_t whylen;
	struct set fams, series;
	int state, type, nsamples;
	char fam[1024];
	/* the open histogram group */
	int hstate;
	char glabels[KEY_MAX];
	double last_le, last_count, inf_count;
	char key[KEY_MAX];		/* scratch */
};

static int bad(struct lint *l, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(l->why, l->whylen, "line %u: %s", l->line, msg);
	return -EINVAL;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ull;
	}
	return h;
}

/* 1 if added, 0 if present, -ENOMEM. */
static int set_add(struct set *s, const char *k)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		struct set g = { calloc(s->cap ? s->cap * 2 : 1024, sizeof(char *)),
				 s->cap ? s->cap * 2 : 1024, 0 };

		if (!g.v)
			return -ENOMEM;
		for (i = 0; i < s->cap; i++) {
			size_t j;

			if (!s->v[i])
				continue;
			for (j = hash(s->v[i]) & (g.cap - 1); g.v[j]; j = (j + 1) & (g.cap - 1))
				;
			g.v[j] = s->v[i];
			g.n++;
		}
		free(s->v);
		*s = g;
	}
	for (i = hash(k) & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->v[i], k))
			return 0;
	s->v[i] = strdup(k);
	if (!s->v[i])
		return -ENOMEM;
	s->n++;
	return 1;
}

static void set_free(struct set *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->v[i]);
	free(s->v);
}

static int name_char(char c, int first, int metric)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (metric && c == ':') || (!first && c >= '0' && c <= '9');
}

/* A name at *p (metric: colons allowed); advances *p. */
static struct span take_name(const char **p, const char *end, int metric)
{
	struct span s = { *p, 0 };

	while (*p < end && name_char(**p, *p == s.p, metric))
		(*p)++;
	s.n = (size_t)(*p - s.p);
	return s;
}

static int span_eq(struct span a, const char *s)
{
	return a.n == strlen(s) && !memcmp(a.p, s, a.n);
}

/* A sample value: a float, NaN, +Inf or -Inf; all of @s. */
static int parse_value(struct span s, double *v)
{
	char buf[128], *end;

	if (!s.n || s.n >= sizeof(buf))
		return -1;
	memcpy(buf, s.p, s.n);
	buf[s.n] = 0;
	if (!strcmp(buf, "NaN") || !strcmp(buf, "+Inf") || !strcmp(buf, "-Inf")) {
		*v = buf[0] == 'N' ? NAN : buf[0] == '+' ? INFINITY : -INFINITY;
		return 0;
	}
	/* strtod would also take "inf", "nan(...)" and hex: not the format's. */
	for (size_t i = 0; i < s.n; i++)
		if (!strchr("0123456789+-.eE", buf[i]))
			return -1;
	*v = strtod(buf, &end);
	return *end ? -1 : 0;
}

static int by_name(const void *a, const void *b)
{
	const struct label *x = a, *y = b;
	size_t n = x->name.n < y->name.n ? x->name.n : y->name.n;
	int c = memcmp(x->name.p, y->name.p, n);

	return c ? c : (x->name.n > y->name.n) - (x->name.n < y->name.n);
}

/* "name\1value\1..." of @lb (sorted), without le if @skip_le; -1 if too long. */
static int label_key(char *out, size_t len, const struct label *lb, int n, int skip_le)
{
	size_t o = 0;

	for (int i = 0; i < n; i++) {
		/* An empty value is no label: {a="x",b=""} is the series {a="x"}. */
		if ((skip_le && span_eq(lb[i].name, "le")) || !lb[i].value.n)
			continue;
		if (o + lb[i].name.n + lb[i].value.n + 3 > len)
			return -1;
		memcpy(out + o, lb[i].name.p, lb[i].name.n);
		o += lb[i].name.n;
		out[o++] = '\1';
		memcpy(out + o, lb[i].value.p, lb[i].value.n);
		o += lb[i].value.n;
		out[o++] = '\1';
	}
	out[o] = 0;
	return 0;
}

static int parse_labels(struct lint *l, const char **p, const char *end, struct label *lb,
			int *n)
{
	*n = 0;
	if (*p >= end || **p != '{')
		return 0;
	(*p)++;
	if (*p < end && **p == '}') {
		(*p)++;
		return 0;
	}
	for (;;) {
		struct label *x = &lb[*n];

		if (*n == MAX_LABELS)
			return bad(l, "too many labels");
		x->name = take_name(p, end, 0);
		if (!x->name.n)
			return bad(l, "bad label name");
		if (x->name.n >= 2 && x->name.p[0] == '_' && x->name.p[1] == '_')
			return bad(l, "label name starts with __");
		if (*p + 1 >= end || (*p)[0] != '=' || (*p)[1] != '"')
			return bad(l, "expected =\" after a label name");
		*p += 2;
		x->value.p = *p;
		while (*p < end && **p != '"') {
			if (**p == '\\') {
				if (*p + 1 >= end || !strchr("\\\"n", (*p)[1]))
					return bad(l, "bad escape in a label value");
				(*p)++;
			}
			(*p)++;
		}
		if (*p >= end)
			return bad(l, "unterminated label value");
		x->value.n = (size_t)(*p - x->value.p);
		(*p)++;
		for (int i = 0; i < *n; i++)
			if (lb[i].name.n == x->name.n && !memcmp(lb[i].name.p, x->name.p, x->name.n))
				return bad(l, "repeated label name");
		(*n)++;
		if (*p < end && **p == ',') {
			(*p)++;
			continue;
		}
		if (*p < end && **p == '}') {
			(*p)++;
			return 0;
		}
		return bad(l, "expected , or } after a label");
	}
}

static int end_family(struct lint *l)
{
	if (l->state == S_HELP)
		return bad(l, "HELP without TYPE");
	if (l->state == S_FAMILY && !l->nsamples)
		return bad(l, "family %s has no samples", l->fam);
	if (l->hstate != H_NONE)
		return bad(l, "histogram %s: incomplete group", l->fam);
	return 0;
}

static int help_line(struct lint *l, const char *p, const char *end)
{
	struct span name;
	int ret = end_family(l);

	if (ret)
		return ret;
	name = take_name(&p, end, 1);
	if (!name.n || p >= end || *p != ' ')
		return bad(l, "bad HELP line");
	for (p++; p < end; p++)
		if (*p == '\\' && (p + 1 >= end || (p[1] != '\\' && p[1] != 'n')))
			return bad(l, "bad escape in HELP");
		else if (*p == '\\')
			p++;
	if (name.n >= sizeof(l->fam))
		return bad(l, "name too long");
	memcpy(l->fam, name.p, name.n);
	l->fam[name.n] = 0;
	ret = set_add(&l->fams, l->fam);
	if (ret < 0)
		return ret;
	if (!ret)
		return bad(l, "family %s appears twice", l->fam);
	l->state = S_HELP;
	l->nsamples = 0;
	return 0;
}

static int type_line(struct lint *l, const char *p, const char *end)
{
	static const char *const types[] = { "counter", "gauge", "histogram" };
	struct span name, type;

	if (l->state != S_HELP)
		return bad(l, "TYPE without HELP");
	name = take_name(&p, end, 1);
	if (!span_eq(name, l->fam) || p >= end || *p != ' ')
		return bad(l, "TYPE does not follow its HELP");
	type.p = ++p;
	type.n = (size_t)(end - p);
	for (int i = 0; i < 3; i++)
		if (span_eq(type, types[i])) {
			l->type = i;
			l->state = S_FAMILY;
			return 0;
		}
	return bad(l, "unknown type");
}

/* The histogram rules for one sample named fam + @suffix. */
static int hist_sample(struct lint *l, const char *suffix, const struct label *lb, int n,
		       double v)
{
	double le = 0;
	int have_le = 0;

	for (int i = 0; i < n; i++)
		if (span_eq(lb[i].name, "le")) {
			have_le = 1;
			if (parse_value(lb[i].value, &le) || isnan(le))
				return bad(l, "bad le");
		}
	if (label_key(l->key, sizeof(l->key), lb, n, 1))
		return bad(l, "labels too long");
	if (!strcmp(suffix, "_bucket")) {
		if (!have_le)
			return bad(l, "bucket without le");
		if (l->hstate == H_NONE) {
			l->hstate = H_BUCKETS;
			memcpy(l->glabels, l->key, strlen(l->key) + 1);
			l->last_le = -INFINITY;
			l->last_count = 0;
		} else if (l->hstate != H_BUCKETS || strcmp(l->glabels, l->key)) {
			return bad(l, "bucket out of its group");
		} else if (!(le > l->last_le)) {
			return bad(l, "le not increasing");
		}
		if (!(v >= l->last_count))
			return bad(l, "bucket counts not cumulative");
		l->last_le = le;
		l->last_count = v;
		if (isinf(le) && le > 0) {
			l->inf_count = v;
			l->hstate = H_SUM;
		}
		return 0;
	}
	if (have_le)
		return bad(l, "le on _sum or _count");
	if (!strcmp(suffix, "_sum")) {
		if (l->hstate != H_SUM || strcmp(l->glabels, l->key))
			return bad(l, "_sum not after the +Inf bucket of its group");
		l->hstate = H_COUNT;
		return 0;
	}
	if (l->hstate != H_COUNT || strcmp(l->glabels, l->key))
		return bad(l, "_count not after the _sum of its group");
	if (v != l->inf_count)
		return bad(l, "_count differs from the +Inf bucket");
	l->hstate = H_NONE;
	return 0;
}

static int sample_line(struct lint *l, const char *p, const char *end)
{
	static struct label lb[MAX_LABELS];
	static const char *const sfx[] = { "_bucket", "_sum", "_count" };
	const char *suffix = NULL;
	size_t flen = strlen(l->fam), o;
	struct span name, val;
	double v;
	int n, ret;

	if (l->state != S_FAMILY)
		return bad(l, "sample outside a family");
	name = take_name(&p, end, 1);
	if (!name.n)
		return bad(l, "bad metric name");
	if (l->type == T_HISTOGRAM) {
		for (int i = 0; i < 3 && !suffix; i++)
			if (name.n == flen + strlen(sfx[i]) && !memcmp(name.p, l->fam, flen) &&
			    !memcmp(name.p + flen, sfx[i], strlen(sfx[i])))
				suffix = sfx[i];
		if (!suffix)
			return bad(l, "sample %.*s is not of histogram %s", (int)name.n, name.p, l->fam);
	} else if (!span_eq(name, l->fam)) {
		return bad(l, "sample %.*s is not of family %s", (int)name.n, name.p, l->fam);
	}
	ret = parse_labels(l, &p, end, lb, &n);
	if (ret)
		return ret;
	if (p >= end || *p != ' ')
		return bad(l, "expected a space before the value");
	val.p = ++p;
	while (p < end && *p != ' ')
		p++;
	val.n = (size_t)(p - val.p);
	if (p < end)
		return bad(l, "timestamp or trailing text after the value");
	if (parse_value(val, &v))
		return bad(l, "bad value");
	if (l->type == T_COUNTER && v < 0)
		return bad(l, "negative counter");
	qsort(lb, (size_t)n, sizeof(lb[0]), by_name);
	if (name.n + 2 > sizeof(l->key))
		return bad(l, "name too long");
	memcpy(l->key, name.p, name.n);
	l->key[name.n] = '\2';
	o = name.n + 1;
	if (label_key(l->key + o, sizeof(l->key) - o, lb, n, 0))
		return bad(l, "labels too long");
	ret = set_add(&l->series, l->key);
	if (ret < 0)
		return ret;
	if (!ret)
		return bad(l, "duplicate series");
	l->nsamples++;
	return suffix ? hist_sample(l, suffix, lb, n, v) : 0;
}

int prom_lint(const char *text, size_t len, char *why, size_t whylen)
{
	struct lint *l = calloc(1, sizeof(*l));
	const char *p = text, *end = text + len;
	int ret = 0;

	if (!l)
		return -ENOMEM;
	l->why = why;
	l->whylen = whylen;
	if (len && text[len - 1] != '\n') {
		l->line = 0;
		ret = bad(l, "the last line does not end with a newline");
	}
	if (!ret && memchr(text, 0, len))
		ret = bad(l, "NUL byte");
	for (const char *q = text; !ret && q < end;) {
		int n = utf8_valid_len((const unsigned char *)q);

		/* It stops at a non-continuation byte, and the text ends in '\n'. */
		if (!n || q + n > end)
			ret = bad(l, "invalid UTF-8");
		/* Valid in the format, but a terminal showing the text acts on them. */
		else if ((n == 1 && (((unsigned char)*q < 0x20 && *q != '\n' && *q != '\t') ||
				     *q == 0x7f)) || utf8_is_control((const unsigned char *)q, n))
			ret = bad(l, "control character");
		q += n ? n : 1;
	}
	while (!ret && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		l->line++;
		if (nl == p)
			ret = bad(l, "empty line");
		else if (!strncmp(p, "# HELP ", 7) && nl - p > 7)
			ret = help_line(l, p + 7, nl);
		else if (!strncmp(p, "# TYPE ", 7) && nl - p > 7)
			ret = type_line(l, p + 7, nl);
		else if (*p == '#')
			ret = bad(l, "comment other than HELP or TYPE");
		else
			ret = sample_line(l, p, nl);
		p = nl + 1;
	}
	if (!ret) {
		l->line++;
		ret = end_family(l);
	}
	set_free(&l->fams);
	set_free(&l->series);
	free(l);
	return ret;
}
