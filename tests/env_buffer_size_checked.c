/* SPDX-License-Identifier: MIT */
/*
 * NIXL_TELEMETRY_BUFFER_SIZE and NIXL_TELEMETRY_RUN_INTERVAL: garbage,
 * zero or (for the buffer) not a power of two is an error before any file
 * exists; good values reach the ring header.
 */
#include <dirent.h>
#include "harness.h"

int main(void)
{
	static const char *const bad_size[] = { "0", "1000", "abc", "-4", "4096x", "", "99999999999" };
	static const char *const bad_ms[] = { "0", "fast", "-1", "10ms" };
	const char *dir = t_tmpdir();
	struct shmtel_agent *a;
	struct ring *r;
	DIR *d;
	struct dirent *e;

	setenv("NIXL_TELEMETRY_ENABLE", "1", 1);
	setenv("NIXL_TELEMETRY_DIR", dir, 1);
	for (size_t i = 0; i < sizeof(bad_size) / sizeof(bad_size[0]); i++) {
		setenv("NIXL_TELEMETRY_BUFFER_SIZE", bad_size[i], 1);
		CHECK_EQ(shmtel_agent_open_env("b", &a), -EINVAL);
	}
	setenv("NIXL_TELEMETRY_BUFFER_SIZE", "256", 1);
	for (size_t i = 0; i < sizeof(bad_ms) / sizeof(bad_ms[0]); i++) {
		setenv("NIXL_TELEMETRY_RUN_INTERVAL", bad_ms[i], 1);
		CHECK_EQ(shmtel_agent_open_env("b", &a), -EINVAL);
	}
	d = opendir(dir);
	while ((e = readdir(d)))
		CHECK(e->d_name[0] == '.');	/* no file was created */
	closedir(d);

	setenv("NIXL_TELEMETRY_RUN_INTERVAL", "250", 1);
	CHECK(shmtel_agent_open_env("good", &a) == 0 && a);
	r = t_ring(dir, "good");
	CHECK_EQ(ring_meta(r)->capacity, 256);
	CHECK_EQ(ring_meta(r)->run_interval_ms, 250);
	ring_close(r);
	shmtel_agent_close(a);
	return 0;
}
