/* SPDX-License-Identifier: MIT */
/*
 * NIXL_TELEMETRY_ENABLED_METRICS: series whose name matches none of the
 * globs get a NULL handle and never reach the file.
 */
#include "harness.h"

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_series_desc d = { .category = SHMTEL_TRANSFER, .type = SHMTEL_U64 };
	struct shmtel_series *tx, *rx, *mem;
	struct shmtel_agent *a;
	struct ring_series rs;
	struct ring *r;

	setenv("NIXL_TELEMETRY_ENABLE", "1", 1);
	setenv("NIXL_TELEMETRY_DIR", dir, 1);
	setenv("NIXL_TELEMETRY_ENABLED_METRICS", "agent_tx_*,agent_memory_registered", 1);
	CHECK(shmtel_agent_open_env("f", &a) == 0 && a);
	d.name = "agent_tx_bytes";
	CHECK(shmtel_series_get(a, &d, &tx) == 0 && tx);
	d.name = "agent_rx_bytes";
	CHECK(shmtel_series_get(a, &d, &rx) == 0 && rx == NULL);
	d.name = "agent_memory_registered";
	CHECK(shmtel_series_get(a, &d, &mem) == 0 && mem);
	shmtel_emit(rx, 5);
	CHECK(shmtel_emit_name(a, "agent_rx_requests_num", 1) == 0);	/* filtered too */
	r = t_ring(dir, "f");
	CHECK_EQ(ring_series_count(r), 2);
	for (uint32_t i = 0; i < 2; i++) {
		CHECK(ring_series_get(r, i, &rs) == 0);
		CHECK(strcmp(rs.name, "agent_rx_bytes") && strcmp(rs.name, "agent_rx_requests_num"));
	}
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
