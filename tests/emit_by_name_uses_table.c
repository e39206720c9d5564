/* SPDX-License-Identifier: MIT */
/*
 * shmtel_emit_name finds a series created by handle (no labels) and
 * otherwise creates a CUSTOM u64 gauge; values land in the right series.
 */
#include <pthread.h>
#include "harness.h"

static struct shmtel_agent *agent;

static void *by_name(void *arg)
{
	for (int i = 0; i < 1000; i++)
		CHECK(shmtel_emit_name(agent, (const char *)arg, 2) == 0);
	return NULL;
}

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_series *c;
	struct ring_series rs;
	struct ring_agg ag;
	struct ring *r;
	pthread_t t[2];

	agent = t_open(dir, "byname", 4096, 4);
	c = t_series(agent, "known", SHMTEL_COUNTER, SHMTEL_U64);
	shmtel_emit(c, 1);
	pthread_create(&t[0], NULL, by_name, "known");
	pthread_create(&t[1], NULL, by_name, "fresh");
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	CHECK_EQ(shmtel_emit_name(agent, "", 1), -EINVAL);
	r = t_ring(dir, "byname");
	CHECK_EQ(ring_series_count(r), 2);
	t_find(r, "known", &rs);
	CHECK(rs.kind == SHM_KIND_COUNTER);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1001 && ag.sum == 2001);
	t_find(r, "fresh", &rs);
	CHECK(rs.kind == SHM_KIND_GAUGE && rs.category == SHM_CAT_CUSTOM);
	CHECK(ring_aggregate(r, &rs, &ag) == 0 && ag.count == 1000 && ag.last == 2);
	ring_close(r);
	shmtel_agent_close(agent);
	return 0;
}
