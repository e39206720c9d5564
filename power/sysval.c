/* SPDX-License-Identifier: MIT */
/* sysval.c - one value out of a sysfs or procfs file (see sysval.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "common/esc.h"
#include "sysval.h"

/* The program is one thread: a plain counter. */
static uint64_t skipped;

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int pw_parse_int(const char *buf, size_t n, int64_t *out)
{
	size_t i = 0;
	uint64_t v = 0, lim;
	int neg = 0;

	while (n && space(buf[n - 1]))
		n--;
	while (i < n && space(buf[i]))
		i++;
	if (i == n)
		return -ENODATA;
	if (buf[i] == '-') {
		neg = 1;
		i++;
	}
	if (i == n)
		return -EINVAL;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		unsigned d = (unsigned char)buf[i] - '0';

		if (d > 9)
			return -EINVAL;
		if (v > (lim - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	/* -2^63 does not fit the positive side: negate in unsigned. */
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* Read up to @len bytes of @path into @buf; the count or -errno. */
static ssize_t slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

int pw_read_int(const char *path, int64_t *out)
{
	char buf[64];
	ssize_t n = slurp(path, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	/* A value that fills the buffer is longer than any number. */
	if ((size_t)n == sizeof(buf))
		return -ERANGE;
	return pw_parse_int(buf, (size_t)n, out);
}

int pw_read_str(const char *path, char *buf, size_t len)
{
	ssize_t n = slurp(path, buf, len - 1);
	char *nl;

	if (n < 0)
		return (int)n;
	buf[n] = 0;
	if ((nl = memchr(buf, '\n', (size_t)n)))
		*nl = 0;
	n = (ssize_t)strlen(buf);
	while (n && space(buf[n - 1]))
		buf[--n] = 0;
	return n ? 0 : -ENODATA;
}

const char *pw_why(int err)
{
	if (err == -ENOENT)
		return "missing";
	if (err == -EACCES || err == -EPERM)
		return "permission denied";
	if (err == -ENODATA)
		return "empty";
	if (err == -EINVAL)
		return "not a number";
	if (err == -ERANGE)
		return "out of range";
	return strerror(-err);
}

/* Keys of the (path, error) pairs said and not yet read well again. */
static uint64_t *warned;
static size_t nwarned, capwarned;

static uint64_t warn_key(const char *path, int err)
{
	uint64_t h = 1469598103934665603ull ^ (uint32_t)err;

	for (const char *p = path; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h;
}

/* Was @key said?  With @add, remember it if not. */
static int said(uint64_t key, int add)
{
	uint64_t *w;

	/* Only failing sensors are here, a handful: a list is enough. */
	for (size_t i = 0; i < nwarned; i++)
		if (warned[i] == key)
			return 1;
	if (!add)
		return 0;
	if (nwarned == capwarned) {
		size_t cap = capwarned ? capwarned * 2 : 16;

		w = realloc(warned, cap * sizeof(*w));
		if (!w)
			return 0;	/* said again rather than never */
		warned = w;
		capwarned = cap;
	}
	warned[nwarned++] = key;
	return 0;
}

void pw_skip(struct pw_warn *w, const char *path, int err)
{
	char e[4096];
	uint64_t key;

	skipped++;
	if (w->err == err)
		return;
	if (w->err)
		pw_ok(w);	/* another error now: that one is said anew */
	key = warn_key(path, err);
	w->err = err;
	w->key = key;
	if (said(key, 1))
		return;
	/* The path holds names a driver chose: escape before the terminal. */
	esc_term(e, sizeof(e), path);
	fprintf(stderr, "telemetry_power: %s: %s (reading skipped)\n", e, pw_why(err));
}

void pw_ok(struct pw_warn *w)
{
	if (!w->err)
		return;
	for (size_t i = 0; i < nwarned; i++)
		if (warned[i] == w->key) {
			warned[i] = warned[--nwarned];
			break;
		}
	w->err = 0;
}

uint64_t pw_skips(void)
{
	return skipped;
}

int pw_limit(const char *path, double *celsius)
{
	struct pw_warn w = { 0 };
	int64_t v;
	int ret = pw_read_int(path, &v);

	if (ret == -ENOENT)
		return 0;
	if (!ret && (!v || v < -100000 || v > 300000))
		ret = -ERANGE;
	if (ret) {
		pw_skip(&w, path, ret);
		return 0;
	}
	*celsius = (double)v / 1000.0;
	return 1;
}

/* The last reading of each energy file, by path (see pw_energy_delta). */
struct energy {
	char *path;
	uint64_t last;
	uint64_t t_ns;
};
static struct energy *energies;
static size_t nenergies, capenergies;

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static struct energy *energy_of(const char *path)
{
	struct energy *e;

	/* A host has tens of energy files at most: a list is enough. */
	for (size_t i = 0; i < nenergies; i++)
		if (!strcmp(energies[i].path, path))
			return &energies[i];
	if (nenergies == capenergies) {
		size_t cap = capenergies ? capenergies * 2 : 16;

		e = realloc(energies, cap * sizeof(*e));
		if (!e)
			return NULL;
		energies = e;
		capenergies = cap;
	}
	e = &energies[nenergies];
	e->path = strdup(path);
	if (!e->path)
		return NULL;
	e->t_ns = 0;
	nenergies++;
	return e;
}

uint64_t pw_energy_delta(const char *path, uint64_t cur, uint64_t range, uint64_t *dt_ns)
{
	struct energy *e = energy_of(path);
	uint64_t t = now_ns(), d;

	*dt_ns = 0;
	if (!e)
		return 0;
	if (!e->t_ns)
		d = cur;
	else if (cur >= e->last)
		d = cur - e->last;
	else if (range > e->last)
		d = range - e->last + cur;	/* wrapped at range */
	else
		d = cur;			/* reset (driver reloaded): counts from zero */
	if (e->t_ns)
		*dt_ns = t - e->t_ns;
	e->last = cur;
	e->t_ns = t;
	return d;
}
