/* SPDX-License-Identifier: MIT */
/*
 * prom_out.c - the family and sample collector (see prom_out.h).
 *
 * Two open-addressing tables: family names (live families only, with
 * tombstones for evicted ones) and sample keys (family id + label list,
 * the bytes kept in one arena).  Both grow at half load, so a lookup is a
 * hash and, nearly always, one string compare.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common/fmt.h"
#include "prom_out.h"
#include "shm/ring_read.h"
#include "common/utf8.h"

#define NAME_MAX_LEN	1024
#define TOMB		((struct pout_fam *)&tomb_marker)

static const char tomb_marker;
static const char *const sfx[] = { "_bucket", "_count", "_sum" };
static const char *const type_names[] = { "counter", "gauge", "histogram" };

struct pout_fam {
	char *name;
	size_t namelen;
	char *help;			/* escaped */
	enum pout_type type;
	enum pout_origin origin;
	uint32_t id;
	int dead;
	int keyed;			/* 0: no sample yet; 1: by bytes; 2: by id */
	char *buf;			/* rendered sample lines; a histogram's records */
	size_t len, cap;
	uint64_t nsamples;		/* label sets, not lines */
	struct pout_fam *next;		/* every family ever made, for freeing */
};

/* A sample's key by bytes: its family and its label list. */
struct key {
	uint64_t hash;			/* never 0: 0 marks a free slot */
	uint64_t off;			/* of the label list in the arena */
	uint32_t fam;
	uint32_t len;
};

/* The keys by id of one group: (family, member) + 1, 0 marking a free slot. */
struct idset {
	uint64_t *slot;
	uint32_t cap, n;
};

struct pout {
	struct pout_fam **tab;		/* live families by name */
	size_t tab_cap, tab_used;	/* used counts tombstones too */
	struct pout_fam *all;
	uint32_t next_id;
	struct key *keys;
	size_t keys_cap, keys_n;
	struct idset *groups;		/* by group id */
	size_t ngroups;
	char *arena;
	size_t arena_len, arena_cap;
	uint64_t dropped;
	struct bounds *bounds;		/* every set histograms were added with */
	uint32_t nbounds, bounds_last;
	void (*warn)(void *arg, const char *msg);
	void *warn_arg;
};

/* Histogram bounds, formatted once: most histograms of an export share a few sets. */
struct bounds {
	uint32_t n;
	double le[SHM_MAX_BOUNDS];
	char str[SHM_BUCKETS][32];	/* the last one +Inf */
};

/*
 * What a histogram family keeps of each histogram until it is written:
 * the record, then its labels, its sum and n + 1 cumulative counts.  A
 * tenth of the bytes of its lines, which pout_write() renders straight
 * into its output buffer instead of into memory touched once.
 */
struct hrec {
	uint32_t llen, slen;
	uint32_t bounds;
};

static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	/* FNV-1a: short keys, no need for more. */
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t hash_str(const char *s)
{
	return hash_bytes(0xcbf29ce484222325ull, s, strlen(s));
}

/* A mix of a (family, member) pair: every input bit reaches the low bits a set uses. */
static uint64_t hash_pair(uint64_t v)
{
	v *= 0x9e3779b97f4a7c15ull;
	return v ^ v >> 29;
}

struct pout *pout_new(void (*warn)(void *arg, const char *msg), void *arg)
{
	struct pout *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->tab_cap = 256;
	o->keys_cap = 4096;
	o->arena_cap = 1 << 16;
	o->tab = calloc(o->tab_cap, sizeof(*o->tab));
	o->keys = calloc(o->keys_cap, sizeof(*o->keys));
	/* Never NULL, even for the first, empty, label set: memcpy wants that. */
	o->arena = malloc(o->arena_cap);
	if (!o->tab || !o->keys || !o->arena) {
		pout_free(o);
		return NULL;
	}
	o->warn = warn;
	o->warn_arg = arg;
	return o;
}

void pout_free(struct pout *o)
{
	struct pout_fam *f, *n;

	if (!o)
		return;
	for (f = o->all; f; f = n) {
		n = f->next;
		free(f->name);
		free(f->help);
		free(f->buf);
		free(f);
	}
	free(o->tab);
	free(o->keys);
	for (size_t i = 0; i < o->ngroups; i++)
		free(o->groups[i].slot);
	free(o->groups);
	free(o->bounds);
	free(o->arena);
	free(o);
}

int pout_dead(const struct pout_fam *f)
{
	return f->dead;
}

uint64_t pout_dropped(const struct pout *o)
{
	return o->dropped;
}

static void warnf(struct pout *o, const char *fmt, const char *a, const char *b)
{
	char msg[2 * NAME_MAX_LEN + 128];

	if (!o->warn)
		return;
	/* Messages may quote label values: the callback escapes for its output. */
	snprintf(msg, sizeof(msg), fmt, a, b);
	o->warn(o->warn_arg, msg);
}

static void clash(struct pout *o, const char *lost, enum pout_origin lo, const char *won,
		  enum pout_origin wo)
{
	static const char *const origin[] = { "series", "--compat", "per-agent" };
	char a[NAME_MAX_LEN + 16], b[NAME_MAX_LEN + 16];

	snprintf(a, sizeof(a), "%s family %s", origin[lo], lost);
	snprintf(b, sizeof(b), "%s family %s", origin[wo], won);
	warnf(o, "%s dropped: its name clashes with %s", a, b);
}

static struct pout_fam **tab_slot(struct pout *o, const char *name)
{
	size_t mask = o->tab_cap - 1, i = hash_str(name) & mask;
	struct pout_fam **free_slot = NULL;

	for (;; i = (i + 1) & mask) {
		struct pout_fam *f = o->tab[i];

		if (!f)
			return free_slot ? free_slot : &o->tab[i];
		if (f == TOMB) {
			if (!free_slot)
				free_slot = &o->tab[i];
		} else if (!strcmp(f->name, name)) {
			return &o->tab[i];
		}
	}
}

static struct pout_fam *tab_get(struct pout *o, const char *name)
{
	struct pout_fam *f = *tab_slot(o, name);

	return f == TOMB ? NULL : f;
}

/* Insert @f, whose name is not in the table (a tombstone may be reused). */
static void tab_put(struct pout *o, struct pout_fam *f)
{
	struct pout_fam **slot = tab_slot(o, f->name);

	if (!*slot)
		o->tab_used++;
	*slot = f;
}

static int tab_grow(struct pout *o)
{
	struct pout_fam **old = o->tab;
	size_t n = o->tab_cap;

	o->tab = calloc(n * 2, sizeof(*o->tab));
	if (!o->tab) {
		o->tab = old;
		return -ENOMEM;
	}
	o->tab_cap = n * 2;
	o->tab_used = 0;
	for (size_t i = 0; i < n; i++)
		if (old[i] && old[i] != TOMB)
			tab_put(o, old[i]);
	free(old);
	return 0;
}

static struct pout_fam *fam_new(struct pout *o, const char *name, enum pout_type t,
				enum pout_origin org, const char *help, int dead)
{
	char fixed[4096], esc[8192];
	struct pout_fam *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	utf8_repair(fixed, sizeof(fixed), help);
	/* Controls are legal in HELP but garble a terminal: esc_prom_help replaces them. */
	esc_prom_help(esc, sizeof(esc), fixed);
	f->name = strdup(name);
	f->help = strdup(esc);
	if (!f->name || !f->help) {
		free(f->name);
		free(f->help);
		free(f);
		return NULL;
	}
	f->namelen = strlen(name);
	f->type = t;
	f->origin = org;
	f->id = o->next_id++;
	f->dead = dead;
	f->next = o->all;
	o->all = f;
	return f;
}

static void evict(struct pout *o, struct pout_fam *g, const char *by, enum pout_origin org)
{
	*tab_slot(o, g->name) = TOMB;
	g->dead = 1;
	o->dropped += g->nsamples;
	free(g->buf);
	g->buf = NULL;
	g->len = g->cap = 0;
	clash(o, g->name, g->origin, by, org);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n > k && !memcmp(s + n - k, tail, k);
}

/* Families that @name of type @t cannot coexist with; at most 5. */
static int conflicts(struct pout *o, const char *name, enum pout_type t, enum pout_origin org,
		     struct pout_fam **out)
{
	char other[NAME_MAX_LEN + 16];
	struct pout_fam *g;
	int n = 0;

	g = tab_get(o, name);
	if (g && (g->type != t || g->origin != org))
		out[n++] = g;
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if (t == POUT_HISTOGRAM) {
			snprintf(other, sizeof(other), "%s%s", name, sfx[i]);
			g = tab_get(o, other);
			if (g)
				out[n++] = g;
		}
		if (ends_with(name, sfx[i])) {
			snprintf(other, sizeof(other), "%.*s", (int)(strlen(name) - strlen(sfx[i])), name);
			g = tab_get(o, other);
			if (g && g->type == POUT_HISTOGRAM)
				out[n++] = g;
		}
	}
	return n;
}

struct pout_fam *pout_find(struct pout *o, const char *name, enum pout_type t,
			   enum pout_origin org)
{
	struct pout_fam *f = tab_get(o, name);

	return f && f->type == t && f->origin == org ? f : NULL;
}

struct pout_fam *pout_family(struct pout *o, const char *name, enum pout_type t,
			     enum pout_origin org, const char *help)
{
	static struct pout_fam oom = { .dead = 1 };
	struct pout_fam *cf[8], *f;
	int n;

	if (strlen(name) >= NAME_MAX_LEN)
		return &oom;
	f = tab_get(o, name);
	if (f && f->type == t && f->origin == org)
		return f;
	n = conflicts(o, name, t, org, cf);
	for (int i = 0; i < n; i++)
		if (cf[i]->origin >= org) {
			clash(o, name, org, cf[i]->name, cf[i]->origin);
			f = fam_new(o, name, t, org, help, 1);
			return f ? f : &oom;
		}
	for (int i = 0; i < n; i++)
		if (!cf[i]->dead)
			evict(o, cf[i], name, org);
	if ((o->tab_used + 1) * 2 > o->tab_cap && tab_grow(o))
		return &oom;
	f = fam_new(o, name, t, org, help, 0);
	if (!f)
		return &oom;
	tab_put(o, f);
	return f;
}

static int keys_grow(struct pout *o)
{
	struct key *old = o->keys;
	size_t n = o->keys_cap;

	o->keys = calloc(n * 2, sizeof(*o->keys));
	if (!o->keys) {
		o->keys = old;
		return -ENOMEM;
	}
	o->keys_cap = n * 2;
	for (size_t i = 0; i < n; i++) {
		size_t j;

		if (!old[i].hash)
			continue;
		for (j = old[i].hash & (o->keys_cap - 1); o->keys[j].hash;
		     j = (j + 1) & (o->keys_cap - 1))
			;
		o->keys[j] = old[i];
	}
	free(old);
	return 0;
}

/* Remember (family, @labels); -EEXIST if it was there already. */
static int key_add(struct pout *o, uint32_t fam, const char *labels, size_t len)
{
	size_t mask, i;
	uint64_t h;

	if ((o->keys_n + 1) * 2 > o->keys_cap && keys_grow(o))
		return -ENOMEM;
	h = hash_bytes(hash_bytes(0xcbf29ce484222325ull, &fam, sizeof(fam)), labels, len);
	h |= !h;
	mask = o->keys_cap - 1;
	for (i = h & mask; o->keys[i].hash; i = (i + 1) & mask) {
		const struct key *k = &o->keys[i];

		if (k->hash == h && k->fam == fam && k->len == len &&
		    !memcmp(o->arena + k->off, labels, len))
			return -EEXIST;
	}
	if (len > UINT32_MAX)
		return -ENOMEM;
	if (o->arena_len + len > o->arena_cap) {
		size_t cap = o->arena_cap * 2;
		char *a;

		while (cap < o->arena_len + len)
			cap *= 2;
		a = realloc(o->arena, cap);
		if (!a)
			return -ENOMEM;
		o->arena = a;
		o->arena_cap = cap;
	}
	memcpy(o->arena + o->arena_len, labels, len);
	o->keys[i] = (struct key){ .hash = h, .fam = fam, .len = (uint32_t)len,
				   .off = o->arena_len };
	o->arena_len += len;
	o->keys_n++;
	return 0;
}

static int idset_grow(struct idset *g)
{
	uint32_t cap = g->cap ? g->cap * 2 : 256;
	uint64_t *slot;

	if (cap < g->cap || !(slot = calloc(cap, sizeof(*slot))))
		return -ENOMEM;
	for (uint32_t i = 0; i < g->cap; i++) {
		uint32_t j;

		if (!g->slot[i])
			continue;
		for (j = hash_pair(g->slot[i] - 1) & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
			;
		slot[j] = g->slot[i];
	}
	free(g->slot);
	g->slot = slot;
	g->cap = cap;
	return 0;
}

/*
 * Remember (family, @k's member) in @k's group; -EEXIST if it was there.
 * A group is one caller's set of lists that arrive together (an agent's),
 * so its set is small and stays in cache while they do.
 */
static int id_add(struct pout *o, uint32_t fam, const struct pout_key *k)
{
	uint64_t v = (uint64_t)fam << 32 | k->member;
	struct idset *g;
	uint32_t j;

	if (k->group >= o->ngroups) {
		size_t n = o->ngroups ? o->ngroups : 64;

		while (n <= k->group)
			n *= 2;
		g = realloc(o->groups, n * sizeof(*g));
		if (!g)
			return -ENOMEM;
		memset(g + o->ngroups, 0, (n - o->ngroups) * sizeof(*g));
		o->groups = g;
		o->ngroups = n;
	}
	g = &o->groups[k->group];
	if ((g->n + 1) * 2 > g->cap && idset_grow(g))
		return -ENOMEM;
	for (j = hash_pair(v) & (g->cap - 1); g->slot[j]; j = (j + 1) & (g->cap - 1))
		if (g->slot[j] == v + 1)
			return -EEXIST;
	g->slot[j] = v + 1;
	g->n++;
	return 0;
}

/* Make room for @n more bytes. */
static int reserve(struct pout_fam *f, size_t n)
{
	size_t cap = f->cap ? f->cap : 512;
	char *b;

	if (f->len + n <= f->cap)
		return 0;
	while (cap < f->len + n)
		cap *= 2;
	b = realloc(f->buf, cap);
	if (!b)
		return -ENOMEM;
	f->buf = b;
	f->cap = cap;
	return 0;
}

static void cat(struct pout_fam *f, const char *s, size_t n)
{
	memcpy(f->buf + f->len, s, n);
	f->len += n;
}

/*
 * name[sfx]{labels[,le="x"]} value\n.  The hot path of a big export (one
 * call per line): lengths are taken once and the line is copied in pieces.
 */
static int line(struct pout_fam *f, const char *suffix, const char *labels, size_t llen,
		const char *le, const char *value)
{
	size_t nlen = f->namelen, slen = strlen(suffix), elen = le ? strlen(le) : 0;
	size_t vlen = strlen(value);

	if (reserve(f, nlen + slen + llen + elen + vlen + 16))
		return -ENOMEM;
	cat(f, f->name, nlen);
	cat(f, suffix, slen);
	if (llen || le) {
		cat(f, "{", 1);
		cat(f, labels, llen);
		if (llen && le)
			cat(f, ",", 1);
		if (le) {
			cat(f, "le=\"", 4);
			cat(f, le, elen);
			cat(f, "\"", 1);
		}
		cat(f, "}", 1);
	}
	cat(f, " ", 1);
	cat(f, value, vlen);
	cat(f, "\n", 1);
	return 0;
}

size_t pout_u64(char *buf, uint64_t v)
{
	return fmt_value(buf, 21, SHM_U64, v);
}

/* Common entry: the family must be live, keyed as before, and the label set new. */
static int admit(struct pout *o, struct pout_fam *f, const struct pout_key *k)
{
	int ret;

	if (f->dead || (f->keyed && f->keyed != 1 + k->by_id)) {
		o->dropped++;
		return f->dead ? -ESRCH : -EINVAL;
	}
	f->keyed = 1 + k->by_id;
	/* Family ids stay below UINT32_MAX (memory runs out first): v + 1 cannot wrap. */
	ret = k->by_id ? id_add(o, f->id, k) : key_add(o, f->id, k->labels, k->len);
	if (ret == -EEXIST) {
		o->dropped++;
		warnf(o, "duplicate series in family %s dropped: {%s}", f->name, k->labels);
	}
	return ret;
}

int pout_sample_key(struct pout *o, struct pout_fam *f, const struct pout_key *k,
		    const char *value)
{
	int ret;

	/*
	 * A counter never goes negative.  Default families export signed
	 * counters as gauges; this stops a compatibility family's counter
	 * summed from a signed series (only a hostile ring has one).
	 */
	if (f->type == POUT_HISTOGRAM)
		return -EINVAL;	/* its buffer holds records, not lines */
	if (f->type == POUT_COUNTER && value[0] == '-' && strtod(value, NULL) < 0) {
		o->dropped++;
		warnf(o, "negative sample of counter %s dropped: {%s}", f->name, k->labels);
		return -ERANGE;
	}
	ret = admit(o, f, k);
	if (ret)
		return ret;
	f->nsamples++;
	return line(f, "", k->labels, k->len, NULL, value);
}

int pout_sample(struct pout *o, struct pout_fam *f, const char *labels, const char *value)
{
	struct pout_key k = { .labels = labels, .len = strlen(labels) };

	return pout_sample_key(o, f, &k, value);
}

static int same_bounds(const struct bounds *b, uint32_t nb, const double *le)
{
	return b->n == nb && !memcmp(b->le, le, nb * sizeof(*le));
}

/* The index of the bounds set @le (@nb), added if new; -ENOMEM. */
static int64_t bounds_id(struct pout *o, uint32_t nb, const double *le)
{
	struct bounds *b;
	uint32_t i = o->bounds_last;

	if (i < o->nbounds && same_bounds(&o->bounds[i], nb, le))
		return i;
	for (i = 0; i < o->nbounds; i++)
		if (same_bounds(&o->bounds[i], nb, le))
			return o->bounds_last = i;
	b = realloc(o->bounds, (o->nbounds + 1) * sizeof(*b));
	if (!b)
		return -ENOMEM;
	o->bounds = b;
	b = &o->bounds[o->nbounds];
	b->n = nb;
	memcpy(b->le, le, nb * sizeof(*le));
	for (i = 0; i < nb; i++)
		pout_num(b->str[i], sizeof(b->str[i]), le[i]);
	snprintf(b->str[nb], sizeof(b->str[nb]), "+Inf");
	return o->bounds_last = o->nbounds++;
}

int pout_histogram_key(struct pout *o, struct pout_fam *f, const struct pout_key *k,
		       uint32_t nb, const double *le, const uint64_t *buckets, const char *sum)
{
	struct hrec h = { .llen = (uint32_t)k->len, .slen = (uint32_t)strlen(sum) };
	uint64_t cum = 0;
	int64_t id;
	int ret;

	/* A dead family (a clash, or pout_family()'s out-of-memory one) counts the drop. */
	if (f->dead)
		return admit(o, f, k);
	if (nb > SHM_MAX_BOUNDS || f->type != POUT_HISTOGRAM || k->len > UINT32_MAX)
		return -EINVAL;
	ret = admit(o, f, k);
	if (ret)
		return ret;
	id = bounds_id(o, nb, le);
	if (id < 0 || reserve(f, sizeof(h) + h.llen + h.slen + (nb + 1) * sizeof(cum)))
		return -ENOMEM;
	h.bounds = (uint32_t)id;
	f->nsamples++;
	cat(f, (const char *)&h, sizeof(h));
	cat(f, k->labels, h.llen);
	cat(f, sum, h.slen);
	for (uint32_t i = 0; i <= nb; i++) {
		/* Saturate: a hostile file must not make the buckets decrease. */
		cum = cum + buckets[i] < cum ? UINT64_MAX : cum + buckets[i];
		cat(f, (const char *)&cum, sizeof(cum));
	}
	return 0;
}

int pout_histogram(struct pout *o, struct pout_fam *f, const char *labels, uint32_t nb,
		   const double *le, const uint64_t *buckets, const char *sum)
{
	struct pout_key k = { .labels = labels, .len = strlen(labels) };

	return pout_histogram_key(o, f, &k, nb, le, buckets, sum);
}

/*
 * @v as m / 10^k, m an integer of at most 15 digits, k 1..15, when that
 * division gives @v back: then m / 10^k is the text "%.15g" writes (@v
 * lies within half a unit in the last place of it, far less than half a
 * unit in the 15th digit) and strtod() reads it back as @v, so it is what
 * pout_num() would print, without printf's and strtod's cost.  From 1e-4
 * up, where %g writes no exponent.  0 if @v is not such a number.  @buf is
 * pout_num()'s (32 bytes or more; this writes at most 19).
 */
static int decimal_fraction(char *buf, double v)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
				      1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	double a = fabs(v), m;
	char digits[24];
	size_t n, o = 0;
	int k;

	if (a < 1e-4)
		return 0;
	for (k = 1; k <= 15; k++) {
		m = nearbyint(a * p10[k]);
		if (m >= 1e15)
			return 0;
		if (m / p10[k] == a)
			break;
	}
	if (k > 15)
		return 0;
	n = pout_u64(digits, (uint64_t)m);
	if (v < 0)
		buf[o++] = '-';
	if (n <= (size_t)k) {
		/* 0.000ddd */
		buf[o++] = '0';
		buf[o++] = '.';
		for (size_t z = n; z < (size_t)k; z++)
			buf[o++] = '0';
		memcpy(buf + o, digits, n);
		o += n;
	} else {
		memcpy(buf + o, digits, n - (size_t)k);
		o += n - (size_t)k;
		buf[o++] = '.';
		memcpy(buf + o, digits + n - k, (size_t)k);
		o += (size_t)k;
	}
	/* No trailing zero for %g to drop: m ending in 0 would have matched at k - 1. */
	buf[o] = 0;
	return 1;
}

void pout_num(char *buf, size_t len, double v)
{
	if (isnan(v)) {
		snprintf(buf, len, "NaN");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, len, v > 0 ? "+Inf" : "-Inf");
		return;
	}
	if (v == 0) {
		snprintf(buf, len, "0");
		return;
	}
	if (fabs(v) < 1e15 && v == trunc(v)) {
		/* What "%.0f" writes. */
		fmt_value(buf, len, SHM_I64, (uint64_t)(int64_t)v);
		return;
	}
	if (decimal_fraction(buf, v))
		return;
	for (int p = 15; p <= 17; p++) {
		snprintf(buf, len, "%.*g", p, v);
		if (p == 17 || strtod(buf, NULL) == v)
			return;
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct pout_fam *const *)a)->name, (*(struct pout_fam *const *)b)->name);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A staging buffer so that small headers do not cost a write each. */
struct stage {
	int fd, err;
	size_t len;
	char buf[1 << 16];
};

static void stage_flush(struct stage *s)
{
	if (!s->err)
		s->err = write_all(s->fd, s->buf, s->len);
	s->len = 0;
}

static void stage_put(struct stage *s, const char *p, size_t n)
{
	if (s->err)
		return;
	if (s->len + n > sizeof(s->buf)) {
		stage_flush(s);
		if (s->err)
			return;
		if (n > sizeof(s->buf)) {
			s->err = write_all(s->fd, p, n);
			return;
		}
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

static void stage_str(struct stage *s, const char *p)
{
	stage_put(s, p, strlen(p));
}

/*
 * One line as line() renders a sample, through a scratch family of the
 * same name (its buffer kept for the next line), into the stage.
 */
static void stage_line(struct stage *s, const struct pout_fam *f, const char *suffix,
		       const char *labels, size_t llen, const char *le, const char *value)
{
	static struct pout_fam scratch;

	scratch.name = f->name;
	scratch.namelen = f->namelen;
	scratch.len = 0;
	if (line(&scratch, suffix, labels, llen, le, value)) {
		s->err = s->err ? s->err : -ENOMEM;
		return;
	}
	stage_put(s, scratch.buf, scratch.len);
}

/*
 * The bucket lines of one record: the part before the bound is the same
 * for all of them, so it is put together once and each line is three
 * copies into the stage.  (The rare record too long for that goes piece
 * by piece through stage_line().)
 */
static void stage_buckets(struct stage *s, const struct pout_fam *f, const struct bounds *b,
			  const char *labels, uint32_t llen, const char *counts, char *cnt)
{
	size_t nl = f->namelen, hl = nl + 8 + llen + !!llen + 4;
	char head[4096];
	uint64_t cum;

	/* name_bucket{labels,le=" by hand: snprintf was a tenth of an export's instructions. */
	if (hl < sizeof(head)) {
		char *p = head;

		memcpy(p, f->name, nl);
		memcpy(p += nl, "_bucket{", 8);
		memcpy(p += 8, labels, llen);
		p += llen;
		if (llen)
			*p++ = ',';
		memcpy(p, "le=\"", 4);
	}

	for (uint32_t i = 0; i <= b->n; i++) {
		size_t el = strlen(b->str[i]), cl;

		memcpy(&cum, counts + i * sizeof(cum), sizeof(cum));
		cl = pout_u64(cnt, cum);
		if (hl >= sizeof(head)) {
			stage_line(s, f, "_bucket", labels, llen, b->str[i], cnt);
			continue;
		}
		if (s->len + hl + el + cl + 4 > sizeof(s->buf))
			stage_flush(s);
		if (s->err)
			return;
		memcpy(s->buf + s->len, head, hl);
		memcpy(s->buf + s->len + hl, b->str[i], el);
		memcpy(s->buf + s->len + hl + el, "\"} ", 3);
		memcpy(s->buf + s->len + hl + el + 3, cnt, cl);
		s->buf[s->len + hl + el + 3 + cl] = '\n';
		s->len += hl + el + cl + 4;
	}
}

/* A histogram family's records as their lines: the buckets, _sum, _count. */
static void stage_histograms(struct stage *s, const struct pout *o, const struct pout_fam *f)
{
	char cnt[32], sum[64];

	for (size_t p = 0; p < f->len && !s->err;) {
		const struct bounds *b;
		const char *labels;
		struct hrec h;
		size_t sl;

		memcpy(&h, f->buf + p, sizeof(h));
		labels = f->buf + p + sizeof(h);
		b = &o->bounds[h.bounds];
		sl = h.slen < sizeof(sum) ? h.slen : sizeof(sum) - 1;
		memcpy(sum, labels + h.llen, sl);
		sum[sl] = 0;
		p += sizeof(h) + h.llen + h.slen;
		stage_buckets(s, f, b, labels, h.llen, f->buf + p, cnt);
		p += (b->n + 1) * sizeof(uint64_t);
		stage_line(s, f, "_sum", labels, h.llen, NULL, sum);
		stage_line(s, f, "_count", labels, h.llen, NULL, cnt);
	}
}

int pout_write(const struct pout *o, int fd)
{
	struct pout_fam **v;
	struct stage *s;
	size_t n = 0;
	int ret;

	for (struct pout_fam *f = o->all; f; f = f->next)
		n += !f->dead && f->nsamples;
	v = malloc((n ? n : 1) * sizeof(*v));
	s = malloc(sizeof(*s));
	if (!v || !s) {
		free(v);
		free(s);
		return -ENOMEM;
	}
	n = 0;
	for (struct pout_fam *f = o->all; f; f = f->next)
		if (!f->dead && f->nsamples)
			v[n++] = f;
	qsort(v, n, sizeof(*v), by_name);
	s->fd = fd;
	s->err = 0;
	s->len = 0;
	for (size_t i = 0; i < n; i++) {
		stage_str(s, "# HELP ");
		stage_str(s, v[i]->name);
		stage_str(s, " ");
		stage_str(s, v[i]->help);
		stage_str(s, "\n# TYPE ");
		stage_str(s, v[i]->name);
		stage_str(s, " ");
		stage_str(s, type_names[v[i]->type]);
		stage_str(s, "\n");
		if (v[i]->type == POUT_HISTOGRAM)
			stage_histograms(s, o, v[i]);
		else
			stage_put(s, v[i]->buf, v[i]->len);
	}
	stage_flush(s);
	ret = s->err;
	free(v);
	free(s);
	return ret;
}
