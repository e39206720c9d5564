/* SPDX-License-Identifier: MIT */
/*
 * tegra_parse.c - the grammar of a tegrastats line, not a list of lines.
 *
 * A line is whitespace-separated items, in any order:
 *   [MM-DD-YYYY HH:MM:SS]                     leading timestamp (ignored)
 *   RAM|SWAP|IRAM used/total{kB|MB|GB}[(...)] memory; a parenthesised
 *                                             group follows (lfb, cached)
 *   CPU [e,e,...]     e = off | N% | N%@MHZ   per core, in order
 *   MTS fg N% bg N%                           engines MTS_fg, MTS_bg
 *   NAME@T[C][/T[C]]                          temperature (cur[/max]);
 *                                             -256 means no sensor
 *   NAME cur/avg[/max]  (each [mW])           power rail in mW; NC skipped
 *   NAME N% | N%@MHZ | N%@[MHZ,...] | MHZ | off   engine, _FREQ dropped
 * Numbers are plain decimals, parsed here rather than by strtod so that
 * neither the locale nor "inf"/"0x" forms change what a line means.
 * Anything else is one unknown token: counted, skipped, never fatal,
 * because newer JetPack releases keep adding items.
 */
#include <string.h>
#include "tegra_parse.h"

#define MAX_TOKENS 512

struct tok {
	const char *p;
	size_t n;
};

/* num: a decimal [-]D[.D] at the start of @p (of @n bytes); returns the
 * bytes it took, 0 when there is none. */
static size_t num(const char *p, size_t n, double *v)
{
	size_t i = 0, digits = 0;
	double x = 0, scale = 1;
	int neg = 0;

	if (i < n && p[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, digits++)
		x = x * 10 + (p[i] - '0');
	if (i < n && p[i] == '.' && digits) {
		i++;
		for (; i < n && p[i] >= '0' && p[i] <= '9'; i++, digits++) {
			scale /= 10;
			x += (p[i] - '0') * scale;
		}
	}
	/* No sensor reads 10^18 of anything: such digits are not a figure
	 * (and would round to infinity long before they end). */
	if (!digits || x > 1e18)
		return 0;
	*v = neg ? -x : x;
	return i;
}

/* is: token @t is exactly @s. */
static int is(struct tok t, const char *s)
{
	return t.n == strlen(s) && !memcmp(t.p, s, t.n);
}

static int name_char(char c, int first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_')
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

/* name_len: the length of the name at the start of @p, 0 when none. */
static size_t name_len(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && name_char(p[i], i == 0))
		i++;
	return i;
}

/* copy_name: @p of @n into @out, the "_FREQ" suffix dropped when @engine;
 * 0, or -1 when it does not fit. */
static int copy_name(char *out, const char *p, size_t n, int engine)
{
	if (engine && n > 5 && !memcmp(p + n - 5, "_FREQ", 5))
		n -= 5;
	if (!n || n >= TEGRA_NAME_MAX)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

static int digits_at(const char *p, size_t n, const char *shape)
{
	size_t k = strlen(shape);

	if (n != k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (shape[i] == 'D' ? !(p[i] >= '0' && p[i] <= '9') : p[i] != shape[i])
			return 0;
	return 1;
}

static uint64_t unit_bytes(const char *p, size_t n, size_t *used)
{
	static const struct {
		const char *s;
		uint64_t b;
	} u[] = { { "kB", 1024 }, { "KB", 1024 }, { "MB", 1024 * 1024 },
		  { "GB", 1024ull * 1024 * 1024 }, { "B", 1 } };

	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		size_t k = strlen(u[i].s);

		if (n >= k && !memcmp(p, u[i].s, k)) {
			*used = k;
			return u[i].b;
		}
	}
	return 0;
}

static uint64_t bytes(double v, uint64_t unit)
{
	double b = v * (double)unit;

	return b < 0 ? 0 : b >= 18446744073709551615.0 ? UINT64_MAX : (uint64_t)b;
}

/* mem: `used/totalUNIT` starting @t, then an optional parenthesised
 * group (in this token or the following ones); returns the tokens taken. */
static int mem(const struct tok *t, int left, struct tegra_mem *m)
{
	const char *p = t[0].p;
	size_t n = t[0].n, k, ul;
	double used, total, cached;
	uint64_t unit;
	int took = 1;

	if (!(k = num(p, n, &used)) || used < 0 || k >= n || p[k] != '/')
		return 0;
	p += k + 1;
	n -= k + 1;
	if (!(k = num(p, n, &total)) || total < 0)
		return 0;
	p += k;
	n -= k;
	if (!(unit = unit_bytes(p, n, &ul)))
		return 0;
	p += ul;
	n -= ul;
	if (n && *p != '(')
		return 0;
	m->present = 1;
	m->used = bytes(used, unit);
	m->total = bytes(total, unit);
	/* The group: "(lfb 5392x4MB)", "(cached 0MB)", "(lfb 252kB)". */
	if (!n && left > 1 && t[1].n && t[1].p[0] == '(') {
		p = t[1].p;
		n = t[1].n;
		took = 2;
	}
	if (!n)
		return took;
	if (n == 1 + 6 && !memcmp(p, "(cached", 7) && took < left) {
		struct tok c = t[took];

		if ((k = num(c.p, c.n, &cached)) && cached >= 0 &&
		    (unit = unit_bytes(c.p + k, c.n - k, &ul)) && k + ul + 1 == c.n &&
		    c.p[c.n - 1] == ')') {
			m->has_cached = 1;
			m->cached = bytes(cached, unit);
		}
	}
	/* Whatever the group holds, it ends at the first token with ')' -
	 * within a few tokens, so that an unclosed '(' does not eat the line. */
	for (int end = took; end < took + 3; end++) {
		if (memchr(p, ')', n))
			return end;
		if (end >= left)
			break;
		p = t[end].p;
		n = t[end].n;
	}
	return took;
}

/* cpus: the list "[e,e,...]" of @t; 0 when it is not one. */
static int cpus(struct tok t, struct tegra_reading *r)
{
	const char *p = t.p, *end = t.p + t.n;
	int got = 0;

	if (t.n < 2 || p[0] != '[' || end[-1] != ']')
		return -1;
	p++;
	end--;
	while (p <= end) {
		const char *e = memchr(p, ',', (size_t)(end - p));
		size_t n, k;
		struct tegra_cpu c = { 0 };

		if (!e)
			e = end;
		n = (size_t)(e - p);
		if (n == 3 && !memcmp(p, "off", 3)) {
			c.off = 1;
		} else if ((k = num(p, n, &c.load)) && k < n && p[k] == '%' && c.load >= 0) {
			c.has_load = 1;
			if (k + 1 < n) {
				if (p[k + 1] != '@' || num(p + k + 2, n - k - 2, &c.mhz) != n - k - 2 ||
				    c.mhz < 0)
					return -1;
				c.has_freq = 1;
			}
		} else if (n) {
			return -1;
		} else {
			goto next;	/* an empty entry "[,]": nothing to say */
		}
		if (r->ncpu < TEGRA_MAX_CPUS) {
			r->cpu[r->ncpu++] = c;
			got++;
		} else {
			r->dropped++;
		}
next:
		p = e + 1;
	}
	return got;
}

/* temp: NAME@T[C][/T[C]] with at least one C; -1 when not one, 0 when
 * -256 (no sensor), 1 when stored. */
static int temp(struct tok t, struct tegra_reading *r)
{
	size_t nl = name_len(t.p, t.n), k, i;
	struct tegra_temp x = { 0 };
	int c = 0;

	if (!nl || nl >= t.n || t.p[nl] != '@')
		return -1;
	i = nl + 1;
	if (!(k = num(t.p + i, t.n - i, &x.celsius)))
		return -1;
	i += k;
	if (i < t.n && t.p[i] == 'C')
		i++, c++;
	if (i < t.n && t.p[i] == '/') {
		i++;
		if (!(k = num(t.p + i, t.n - i, &x.max_celsius)))
			return -1;
		x.has_max = 1;
		i += k;
		if (i < t.n && t.p[i] == 'C')
			i++, c++;
	}
	if (i != t.n || !c || copy_name(x.name, t.p, nl, 0))
		return -1;
	if (x.celsius <= -256) {
		r->absent++;
		return 0;
	}
	if (r->ntemp == TEGRA_MAX_ITEMS) {
		r->dropped++;
		return 0;
	}
	r->temp[r->ntemp++] = x;
	return 1;
}

/* rail_fig: a "N" or "NmW" figure at @p; the bytes taken, 0 when none. */
static size_t rail_fig(const char *p, size_t n, double *v)
{
	size_t k = num(p, n, v);

	if (!k || *v < 0)
		return 0;
	if (n - k >= 2 && p[k] == 'm' && p[k + 1] == 'W')
		k += 2;
	return k;
}

/* rail: @name with "cur/avg[/max]" in @v; -1 when @v is not that. */
static int rail(struct tok name, struct tok v, struct tegra_reading *r)
{
	struct tegra_rail x = { 0 };
	double f[3];
	size_t i = 0, k;
	int nf = 0;

	while (nf < 3) {
		if (!(k = rail_fig(v.p + i, v.n - i, &f[nf])))
			return -1;
		i += k;
		nf++;
		if (i == v.n || v.p[i] != '/')
			break;
		i++;
	}
	if (i != v.n || nf < 2)
		return -1;
	if (is(name, "NC")) {
		r->absent++;
		return 0;
	}
	if (copy_name(x.name, name.p, name.n, 0))
		return -1;
	x.cur_mw = f[0];
	x.avg_mw = f[1];
	if (nf == 3) {
		x.has_max = 1;
		x.max_mw = f[2];
	}
	if (r->nrail == TEGRA_MAX_ITEMS) {
		r->dropped++;
		return 0;
	}
	r->rail[r->nrail++] = x;
	return 1;
}

/* freq_list: "MHZ" or "[MHZ,MHZ...]" (the highest) filling all of @n. */
static int freq_list(const char *p, size_t n, double *mhz)
{
	size_t i = 1, k;
	double f;
	int any = 0;

	if (!n)
		return -1;
	if (p[0] != '[')
		return num(p, n, mhz) == n && *mhz >= 0 ? 0 : -1;
	if (p[n - 1] != ']')
		return -1;
	while (i < n - 1) {
		if (!(k = num(p + i, n - 1 - i, &f)) || f < 0)
			return -1;
		if (!any || f > *mhz)
			*mhz = f;
		any = 1;
		i += k;
		if (i < n - 1 && p[i++] != ',')
			return -1;
	}
	return any ? 0 : -1;
}

/* engine_into: @v as an engine value (N%, N%@F, F, off) into @x. */
static int engine_value(struct tok v, struct tegra_engine *x)
{
	size_t k;

	if (is(v, "off")) {
		x->off = 1;
		return 0;
	}
	k = num(v.p, v.n, &x->load);
	if (k && k < v.n && v.p[k] == '%') {
		if (x->load < 0)
			return -1;
		x->has_load = 1;
		if (k + 1 == v.n)
			return 0;
		if (v.p[k + 1] != '@' || freq_list(v.p + k + 2, v.n - k - 2, &x->mhz))
			return -1;
		x->has_freq = 1;
		return 0;
	}
	if (freq_list(v.p, v.n, &x->mhz))
		return -1;
	x->load = 0;
	x->has_freq = 1;
	return 0;
}

static int add_engine(struct tegra_reading *r, const struct tegra_engine *x)
{
	if (r->nengine == TEGRA_MAX_ITEMS) {
		r->dropped++;
		return 0;
	}
	r->engine[r->nengine++] = *x;
	return 1;
}

/* mts: "MTS fg N% bg N%" from @t[0] == MTS; the tokens taken (1 when
 * nothing followed that fits). */
static int mts(const struct tok *t, int left, struct tegra_reading *r, int *got)
{
	int took = 1;

	while (took + 1 < left && name_len(t[took].p, t[took].n) == t[took].n) {
		struct tegra_engine x = { 0 };
		size_t k = num(t[took + 1].p, t[took + 1].n, &x.load);

		if (!k || k + 1 != t[took + 1].n || t[took + 1].p[k] != '%' || x.load < 0 ||
		    t[took].n + 4 >= TEGRA_NAME_MAX)
			break;
		memcpy(x.name, "MTS_", 4);
		memcpy(x.name + 4, t[took].p, t[took].n);
		x.name[4 + t[took].n] = '\0';
		x.has_load = 1;
		*got += add_engine(r, &x);
		took += 2;
	}
	return took;
}

int tegra_parse(const char *line, size_t len, struct tegra_reading *r)
{
	struct tok t[MAX_TOKENS];
	int nt = 0, got = 0, i = 0;
	size_t at = 0;

	memset(r, 0, sizeof(*r));
	while (at < len) {
		size_t s;

		while (at < len && (line[at] == ' ' || line[at] == '\t' || line[at] == '\n' ||
				    line[at] == '\r'))
			at++;
		if (at == len)
			break;
		s = at;
		while (at < len && line[at] != ' ' && line[at] != '\t' && line[at] != '\n' &&
		       line[at] != '\r')
			at++;
		if (nt == MAX_TOKENS) {
			r->unknown++;	/* a line no tegrastats prints: the rest is noise */
			continue;
		}
		t[nt].p = line + s;
		t[nt].n = at - s;
		nt++;
	}
	if (nt >= 2 && digits_at(t[0].p, t[0].n, "DD-DD-DDDD") &&
	    digits_at(t[1].p, t[1].n, "DD:DD:DD"))
		i = 2;
	while (i < nt) {
		struct tok a = t[i];
		int left = nt - i, k;

		if (left > 1 && (is(a, "RAM") || is(a, "SWAP") || is(a, "IRAM"))) {
			struct tegra_mem *m = is(a, "RAM") ? &r->ram : is(a, "SWAP") ? &r->swap : &r->iram;

			int again = m->present;

			/* A second RAM item replaces the first: one reading. */
			if ((k = mem(t + i + 1, left - 1, m)) > 0) {
				got += !again;
				i += 1 + k;
				continue;
			}
		}
		if (left > 1 && is(a, "CPU") && (k = cpus(t[i + 1], r)) >= 0) {
			got += k;
			i += 2;
			continue;
		}
		if (is(a, "MTS") && (k = mts(t + i, left, r, &got)) > 1) {
			i += k;
			continue;
		}
		if ((k = temp(a, r)) >= 0) {
			got += k;
			i++;
			continue;
		}
		if (left > 1 && name_len(a.p, a.n) == a.n) {
			struct tegra_engine x = { 0 };

			if ((k = rail(a, t[i + 1], r)) >= 0) {
				got += k;
				i += 2;
				continue;
			}
			if (!engine_value(t[i + 1], &x) && !copy_name(x.name, a.p, a.n, 1)) {
				got += add_engine(r, &x);
				i += 2;
				continue;
			}
		}
		r->unknown++;
		i++;
	}
	return got;
}
