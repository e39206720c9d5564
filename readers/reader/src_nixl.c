/* SPDX-License-Identifier: MIT */
/*
 * src_nixl.c - a NIXL telemetry ring (versions 1-4) as a telemetry_reader
 * source.
 *
 * By default the ring is consumed, as NIXL's own reader does, so the NIXL
 * writer keeps room; with --peek it is read through a read-only mapping
 * and left as it was.  Only version 1 carries timestamps: other events
 * are stamped with the time they were read (ns_is_read_time).
 *
 * A ring NIXL re-created in place (same file, fresh header, perhaps
 * another size) is reopened at once, inside the poll, and read from its
 * start: the new incarnation's events follow the old one's and none of
 * them counts as missed.
 *
 * Event names must outlive the poll that returned them (the caller keeps
 * events of several polls), so typed events point at static names and
 * string-era names are interned per source.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nixl/nixl_ring.h"
#include "shm/clock.h"
#include "shm/ring_read.h"
#include "src.h"

#define BATCH 4096
/* Distinct string-era names kept per source; a hostile file cannot grow it further. */
#define MAX_NAMES 256
/* NIXL flushes every 100 ms by default; sleeping longer only adds latency. */
#define MAX_WAIT_MS 50
/* Room for every (name, unit) pair: a name of each type or of MAX_NAMES, a unit per type. */
#define SERIES_SLOTS 4096

struct nixl_src {
	struct nixl_ring *r;
	int consume;
	struct nixl_event buf[BATCH];
	char (*names)[NIXL_NAME_LEN];
	uint32_t nnames;
	struct src_series *series;	/* by (name, unit), open addressing */
};

/* The series of (@name, @unit), both stable pointers; NULL if the table is full. */
static const struct src_series *series_of(struct src *s, struct nixl_src *p, const char *name,
					  const char *unit)
{
	size_t i = ((uintptr_t)name >> 3 ^ (uintptr_t)unit * 31) % SERIES_SLOTS;

	for (size_t n = 0; n < SERIES_SLOTS; n++, i = (i + 1) % SERIES_SLOTS) {
		struct src_series *e = &p->series[i];

		if (!e->name) {
			*e = (struct src_series){ .name = name, .labels = "", .unit = unit,
						  .src = s };
			return e;
		}
		if (e->name == name && e->unit == unit)
			return e;
	}
	return NULL;
}

/* A stable copy of @name, or NULL once MAX_NAMES distinct names were seen. */
static const char *intern(struct nixl_src *p, const char *name)
{
	for (uint32_t i = 0; i < p->nnames; i++)
		if (!strcmp(p->names[i], name))
			return p->names[i];
	if (p->nnames == MAX_NAMES)
		return NULL;
	memcpy(p->names[p->nnames], name, NIXL_NAME_LEN);
	return p->names[p->nnames++];
}

/*
 * The ring was re-created in place: open the new incarnation from its
 * oldest event (all of it is new to us).  0 or -errno; on error no ring
 * is open and the source fails until the tool drops it.
 */
static int reopen(struct src *s)
{
	struct nixl_src *p = s->priv;
	struct nixl_ring *r;
	char why[256];
	int ret;

	/* Closing first: the consumer lock is on the descriptor. */
	nixl_close(p->r);
	p->r = NULL;
	ret = nixl_open(s->path, p->consume, 0, &r, why, sizeof(why));
	if (ret)
		return ret;
	p->r = r;
	return 0;
}

static long nixl_poll(struct src *s, struct src_event *out, size_t max, uint64_t *missed)
{
	struct nixl_src *p = s->priv;
	uint64_t read_ns;
	long n, k = 0;

	if (!p->r)
		return -ESTALE;
	if (max > BATCH)
		max = BATCH;
	n = nixl_read(p->r, p->buf, max, missed);
	if (n == -ESTALE) {
		n = reopen(s);
		if (!n)
			n = nixl_read(p->r, p->buf, max, missed);
	}
	if (n < 0)
		return n;
	read_ns = clock_realtime_ns();
	for (long i = 0; i < n; i++) {
		const struct nixl_event *ne = &p->buf[i];
		struct src_event *e = &out[k];
		int typed = nixl_ring_geom(p->r)->layout >= NIXL_L_TYPED_CAT;
		const char *name = typed ? nixl_type_name(ne->type) : intern(p, ne->name);

		e->ser = name ? series_of(s, p, name, nixl_type_unit(ne->type)) : NULL;
		if (!e->ser) {
			(*missed)++;
			continue;
		}
		/* A timestamp that does not fit in ns is as good as none. */
		if (ne->time_us && ne->time_us <= UINT64_MAX / 1000) {
			e->ns = ne->time_us * 1000;
			e->ns_is_read_time = 0;
		} else {
			e->ns = read_ns;
			e->ns_is_read_time = 1;
		}
		e->value = ne->value;
		e->category = ne->category;
		e->vtype = SHM_U64;
		e->tid = 0;
		k++;
	}
	return k;
}

static int nixl_wait(struct src *s, int ms)
{
	struct timespec d;

	(void)s;
	if (ms > MAX_WAIT_MS)
		ms = MAX_WAIT_MS;
	d.tv_sec = ms / 1000;
	d.tv_nsec = (long)(ms % 1000) * 1000000;
	nanosleep(&d, NULL);
	return 0;
}

static int nixl_src_changed(struct src *s)
{
	struct nixl_src *p = s->priv;

	return !p->r || nixl_changed(p->r, s->path);
}

static void nixl_src_close(struct src *s)
{
	struct nixl_src *p = s->priv;

	nixl_close(p->r);
	free(p->names);
	free(p->series);
	free(p);
	free(s);
}

static const struct src_ops nixl_ops = {
	.poll = nixl_poll, .wait = nixl_wait, .changed = nixl_src_changed, .close = nixl_src_close,
};

int src_nixl_open(const char *path, const struct src_opts *o, struct src **out, char *why,
		  size_t len)
{
	const char *base = strrchr(path, '/');
	struct nixl_src *p;
	struct src *s;
	int ret;

	s = calloc(1, sizeof(*s));
	p = calloc(1, sizeof(*p));
	if (p) {
		p->names = calloc(MAX_NAMES, sizeof(*p->names));
		p->series = calloc(SERIES_SLOTS, sizeof(*p->series));
	}
	if (!s || !p || !p->names || !p->series) {
		ret = -ENOMEM;
		snprintf(why, len, "out of memory");
		goto err_free;
	}
	ret = nixl_open(path, !o->peek, o->from_now, &p->r, why, len);
	if (ret)
		goto err_free;
	/* Consuming, "now" could only mean throwing the queued events away. */
	if (!o->peek && o->from_now) {
		nixl_close(p->r);
		ret = -EINVAL;
		snprintf(why, len, "a NIXL ring is consumed from its oldest event; "
			 "--from now needs --peek");
		goto err_free;
	}
	p->consume = !o->peek;
	s->ops = &nixl_ops;
	s->priv = p;
	snprintf(s->path, sizeof(s->path), "%s", path);
	/* NIXL names the file after the agent. */
	snprintf(s->agent, sizeof(s->agent), "%s", base ? base + 1 : path);
	*out = s;
	return 0;

err_free:
	if (p) {
		free(p->names);
		free(p->series);
	}
	free(p);
	free(s);
	return ret;
}
