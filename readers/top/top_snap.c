/* SPDX-License-Identifier: MIT */
/*
 * top_snap.c - copy a refresh into rows (see top_snap.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_snap.h"

void top_snap_reset(struct top_snap *s, uint64_t wall)
{
	s->wall = wall;
	s->nagents = s->nseries = 0;
	s->live = s->dead = s->errors = s->hidden = s->nixl = 0;
	s->rate = 0;
	s->missed = s->dropped = 0;
}

static struct top_agent_row *new_agent(struct top_snap *s, const char *file)
{
	struct top_agent_row *a;
	size_t n;

	if (s->nagents == s->acap) {
		size_t cap = s->acap ? s->acap * 2 : 64;
		struct top_agent_row *na = realloc(s->agents, cap * sizeof(*na));

		if (!na)
			return NULL;
		s->agents = na;
		s->acap = cap;
	}
	a = &s->agents[s->nagents++];
	/*
	 * Field by field, neither memset nor snprintf: this runs for every
	 * ring at every refresh, a row is nine cache lines, and its strings
	 * are read only up to their NULs.
	 */
	n = strnlen(file, sizeof(a->file) - 1);
	memcpy(a->file, file, n);
	a->file[n] = 0;
	a->name[0] = a->why[0] = 0;
	a->pid = a->writer_pid = 0;
	a->state = TOP_LIVE;
	a->rate = 0;
	a->written = a->missed = a->dropped = 0;
	a->nseries = 0;
	a->last_ns = 0;
	a->hailo = 0;
	return a;
}

static int add_series(struct top_snap *s, uint32_t agent, const struct top_series_state *ss)
{
	struct top_series_row *row;

	if (s->nseries == s->scap) {
		size_t n = s->scap ? s->scap * 2 : 256;
		struct top_series_row *nr = realloc(s->series, n * sizeof(*nr));

		if (!nr)
			return -ENOMEM;
		s->series = nr;
		s->scap = n;
	}
	row = &s->series[s->nseries++];
	row->agent = agent;
	row->id = ss->rs.id;
	row->category = ss->rs.category;
	row->kind = ss->rs.kind;
	row->vtype = ss->rs.vtype;
	memcpy(row->name, ss->rs.name, sizeof(row->name));
	memcpy(row->unit, ss->rs.unit, sizeof(row->unit));
	memcpy(row->labels, ss->rs.labels, sizeof(row->labels));
	row->st = ss->now;
	row->rate = ss->rate;
	row->vrate = ss->vrate;
	memcpy(row->spark, ss->spark, sizeof(row->spark));
	return 0;
}

int top_snap_add(struct top_snap *s, const char *file, const struct ring *r,
		 const struct top_agent_state *st, uint64_t keep_ns, enum top_want want)
{
	const struct ring_meta *m = ring_meta(r);
	struct top_agent_row *a;
	uint32_t idx;

	if (st->state == TOP_ERROR)
		return top_snap_add_error(s, file, st->why);
	if (st->state != TOP_LIVE && s->wall > st->dead_since && s->wall - st->dead_since > keep_ns) {
		s->hidden++;
		return 0;
	}
	idx = (uint32_t)s->nagents;
	a = new_agent(s, file);
	if (!a)
		return -ENOMEM;
	memcpy(a->name, m->agent, sizeof(a->name));
	a->pid = m->source_pid;
	a->writer_pid = m->writer_pid;
	a->state = st->state;
	a->rate = st->rate;
	a->written = st->tot.written;
	a->missed = st->missed;
	a->dropped = st->tot.dropped;
	a->nseries = st->nready;
	a->last_ns = st->last_ns;
	a->hailo = !strncmp(m->agent, "hailo-", 6);
	if (st->state == TOP_LIVE)
		s->live++;
	else
		s->dead++;
	s->rate += st->rate;
	s->missed += st->missed;
	s->dropped += st->tot.dropped;
	if (want == TOP_WANT_AGENTS || (want == TOP_WANT_HAILO && !a->hailo))
		return 0;
	for (uint32_t i = 0; i < st->nser; i++)
		if (st->ser[i].ok && add_series(s, idx, &st->ser[i]))
			return -ENOMEM;
	return 0;
}

int top_snap_add_error(struct top_snap *s, const char *file, const char *why)
{
	struct top_agent_row *a = new_agent(s, file);

	if (!a)
		return -ENOMEM;
	a->state = TOP_ERROR;
	snprintf(a->name, sizeof(a->name), "%s", file);
	snprintf(a->why, sizeof(a->why), "%s", why);
	a->pid = a->writer_pid = -1;
	s->errors++;
	return 0;
}

void top_snap_free(struct top_snap *s)
{
	free(s->agents);
	free(s->series);
	memset(s, 0, sizeof(*s));
}

double top_value(uint8_t vtype, uint64_t bits, uint64_t count)
{
	return count ? ring_value_double(vtype, bits) : NAN;
}

const char *top_label(const char *labels, const char *key)
{
	const char *k, *v;
	size_t pos = 0;

	while (ring_label_next(labels, &pos, &k, &v))
		if (!strcmp(k, key))
			return v;
	return NULL;
}
