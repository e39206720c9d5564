/* SPDX-License-Identifier: MIT */
/*
 * src_shmtel.c - a shmtel ring as a telemetry_reader source.
 *
 * Series metadata is fetched (and validated) once per id and cached; an
 * event naming a series that is not in the registry is counted as missed
 * rather than printed, since a correct writer creates before it emits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shm/ring_read.h"
#include "src.h"

#define BATCH 4096

/* A series as the registry has it, and as events point to it. */
struct cached_series {
	struct ring_series rs;
	struct src_series ser;
};

struct shm_src {
	struct ring *r;
	struct ring_cursor cur;
	struct cached_series **series;	/* cache, by id */
	uint32_t nseries;
	struct ring_event buf[BATCH];
	uint32_t doorbell;
};

static const struct cached_series *series_of(struct src *src, struct shm_src *p, uint32_t id)
{
	struct cached_series *s;

	if (id >= p->nseries)
		return NULL;
	if (p->series[id])
		return p->series[id];
	s = malloc(sizeof(*s));
	if (!s || ring_series_get(p->r, id, &s->rs)) {
		free(s);
		return NULL;
	}
	s->ser = (struct src_series){ .name = s->rs.name, .labels = s->rs.labels,
				      .unit = s->rs.unit, .src = src };
	return p->series[id] = s;
}

static long shm_poll(struct src *s, struct src_event *out, size_t max, uint64_t *missed)
{
	struct shm_src *p = s->priv;
	long n, k = 0;

	if (max > BATCH)
		max = BATCH;
	p->doorbell = ring_doorbell(p->r);
	n = ring_poll(p->r, &p->cur, p->buf, max, missed);
	if (n < 0)
		return n;
	for (long i = 0; i < n; i++) {
		const struct cached_series *ss = series_of(s, p, p->buf[i].series);

		if (!ss) {
			(*missed)++;
			continue;
		}
		out[k++] = (struct src_event){ .ns = p->buf[i].ns, .value = p->buf[i].value,
					       .ser = &ss->ser, .tid = p->buf[i].tid,
					       .category = ss->rs.category, .vtype = ss->rs.vtype };
	}
	return k;
}

static int shm_wait(struct src *s, int ms)
{
	struct shm_src *p = s->priv;

	return ring_wait(p->r, p->doorbell, ms);
}

static int shm_changed(struct src *s)
{
	struct shm_src *p = s->priv;

	return ring_changed(p->r, s->path);
}

static uint64_t shm_stalled(struct src *s)
{
	struct shm_src *p = s->priv;

	return ring_cursor_stalled(&p->cur);
}

static void shm_close(struct src *s)
{
	struct shm_src *p = s->priv;

	for (uint32_t i = 0; i < p->nseries; i++)
		free(p->series[i]);
	free(p->series);
	ring_cursor_free(&p->cur);
	ring_close(p->r);
	free(p);
	free(s);
}

static const struct src_ops shm_ops = {
	.poll = shm_poll, .wait = shm_wait, .changed = shm_changed, .stalled = shm_stalled,
	.close = shm_close,
};

int src_shmtel_open(const char *path, const struct src_opts *o, struct src **out, char *why,
		    size_t len)
{
	struct shm_src *p;
	struct src *s;
	int ret;

	s = calloc(1, sizeof(*s));
	p = calloc(1, sizeof(*p));
	if (!s || !p) {
		free(s);
		free(p);
		return -ENOMEM;
	}
	ret = ring_open(path, &p->r, why, len);
	if (ret)
		goto err_free;
	p->nseries = ring_meta(p->r)->max_series;
	p->series = calloc(p->nseries, sizeof(*p->series));
	ret = p->series ? ring_cursor_init(p->r, &p->cur, o->from_now) : -ENOMEM;
	if (ret)
		goto err_close;
	s->ops = &shm_ops;
	s->priv = p;
	snprintf(s->path, sizeof(s->path), "%s", path);
	snprintf(s->agent, sizeof(s->agent), "%s", ring_meta(p->r)->agent);
	/* NIXL_TELEMETRY_RUN_INTERVAL, as the writer recorded it; the doorbell cuts it short. */
	s->idle_ms = (int)ring_meta(p->r)->run_interval_ms;
	*out = s;
	return 0;

err_close:
	free(p->series);
	ring_close(p->r);
err_free:
	free(p);
	free(s);
	return ret;
}
