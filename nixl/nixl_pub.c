/* SPDX-License-Identifier: MIT */
/*
 * nixl_pub.c - NIXL events into a shmtel agent (see nixl_pub.h).
 *
 * Series handles are cached by NIXL event type; names from the string era
 * that map to no type get a small table of their own, bounded so that a
 * hostile file cannot fill the registry with junk beyond it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nixl_env.h"
#include "nixl_pub.h"
#include "shmtel.h"

#define MAX_OTHER 16		/* untyped string-era names kept per agent */
#define MAX_SERIES 64		/* NIXL_T_COUNT + MAX_OTHER, rounded up */

_Static_assert(NIXL_T_COUNT + MAX_OTHER <= MAX_SERIES, "registry holds every series");

struct other {
	char name[NIXL_NAME_LEN];
	struct shmtel_series *s;
};

struct nixl_pub {
	struct shmtel_agent *a;
	int gone;
	struct shmtel_series *typed[NIXL_T_COUNT];
	struct other other[MAX_OTHER];
	int nother;
};

/* The histograms' bounds, the same for every agent of the process. */
static struct nixl_time_bounds bounds;

int nixl_pub_init(char *why, size_t whylen)
{
	return nixl_env_time_bounds(&bounds, why, whylen);
}

static int get_typed(struct nixl_pub *p, int type, struct shmtel_series **out);

int nixl_pub_open(const char *dir, const char *name, uint32_t interval_ms, int32_t source_pid,
		  int gone, struct nixl_pub **out)
{
	struct shmtel_config cfg;
	char agent[64];
	struct nixl_pub *p;
	int ret;

	if ((size_t)snprintf(agent, sizeof(agent), NIXL_PUB_PREFIX "%s", name) >= sizeof(agent))
		return -ENAMETOOLONG;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	memset(&cfg, 0, sizeof(cfg));
	cfg.dir = dir;
	cfg.name = agent;
	cfg.lanes = 2;			/* one publishing thread: its lane plus the shared one */
	cfg.max_series = MAX_SERIES;
	cfg.max_histograms = 2;
	cfg.run_interval_ms = interval_ms;
	/* NIXL's file does not say which process writes it: the caller found out. */
	cfg.source_pid = source_pid;
	cfg.flags = gone ? SHMTEL_CFG_GONE : 0;
	p->gone = !!gone;
	ret = shmtel_agent_open(&cfg, &p->a);
	if (ret)
		goto err_free;
	/*
	 * NIXL's exporter shows every family at zero from the agent's start,
	 * so dashboards and rate() see a quiet agent as one; errors are per
	 * status and come with the first error, as --compat nixl fills in.
	 */
	for (int type = 0; type < NIXL_T_COUNT; type++) {
		struct shmtel_series *s;

		if (nixl_type_status(type))
			continue;
		ret = get_typed(p, type, &s);
		if (ret)
			goto err_agent;
	}
	*out = p;
	return 0;
err_agent:
	shmtel_agent_free(p->a);
err_free:
	free(p);
	return ret;
}

void nixl_pub_set_gone(struct nixl_pub *p, int gone)
{
	if (p->gone == !!gone)
		return;
	p->gone = !!gone;
	shmtel_agent_set_gone(p->a, p->gone);
}

static int get_typed(struct nixl_pub *p, int type, struct shmtel_series **out)
{
	struct shmtel_series_desc d = {
		.category = (enum shmtel_category)nixl_type_category(type),
		.name = nixl_type_name(type),
		.kind = SHMTEL_COUNTER,
		.type = SHMTEL_U64,
		.unit = nixl_type_unit(type),
	};
	char labels[64];
	int ret;

	if (p->typed[type]) {
		*out = p->typed[type];
		return 0;
	}
	if (nixl_type_status(type)) {
		/* One counter for every error, told apart by NIXL's status name. */
		d.name = NIXL_PUB_ERRORS;
		snprintf(labels, sizeof(labels), "status=\"%s\"", nixl_type_status(type));
		d.labels = labels;
	}
	if (type == NIXL_T_XFER_TIME || type == NIXL_T_POST_TIME) {
		d.kind = SHMTEL_HISTOGRAM;
		/* Before nixl_pub_init (a caller that does not honour the env): NIXL's. */
		d.bounds = bounds.n ? bounds.us : nixl_time_bounds;
		d.nbounds = bounds.n ? bounds.n : NIXL_NTIME_BOUNDS;
	}
	if (!d.unit[0])
		d.unit = NULL;
	ret = shmtel_series_get(p->a, &d, &p->typed[type]);
	*out = p->typed[type];
	return ret;
}

static int get_other(struct nixl_pub *p, const struct nixl_event *e, struct shmtel_series **out)
{
	struct shmtel_series_desc d = {
		.category = (enum shmtel_category)e->category,
		.name = e->name,
		.kind = SHMTEL_COUNTER,
		.type = SHMTEL_U64,
	};
	struct other *o;
	int ret;

	for (int i = 0; i < p->nother; i++) {
		if (!strcmp(p->other[i].name, e->name)) {
			*out = p->other[i].s;
			return 0;
		}
	}
	if (p->nother == MAX_OTHER)
		return -ENOSPC;
	o = &p->other[p->nother];
	ret = shmtel_series_get(p->a, &d, &o->s);
	if (ret)
		return ret;
	memcpy(o->name, e->name, sizeof(o->name));
	p->nother++;
	*out = o->s;
	return 0;
}

int nixl_pub_event(struct nixl_pub *p, const struct nixl_event *e)
{
	struct shmtel_series *s;
	int ret;

	if (e->type >= 0 && e->type < NIXL_T_COUNT)
		ret = get_typed(p, e->type, &s);
	else
		ret = get_other(p, e, &s);
	if (ret)
		return ret;
	shmtel_emit(s, e->value);
	return 0;
}

void nixl_pub_close(struct nixl_pub *p, int gone)
{
	if (!p)
		return;
	if (gone)
		shmtel_agent_set_gone(p->a, 1);
	/* Every emit to it is ours and done: free, so agents coming and going cost nothing. */
	shmtel_agent_free(p->a);
	free(p);
}
