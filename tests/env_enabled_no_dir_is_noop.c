/* SPDX-License-Identifier: MIT */
/* Enabled without NIXL_TELEMETRY_DIR: no file, and every call is a no-op. */
#include "harness.h"

int main(void)
{
	struct shmtel_series_desc d = { .category = SHMTEL_TRANSFER, .name = "x" };
	struct shmtel_agent *a = (void *)1;
	struct shmtel_series *s = (void *)1;

	setenv("NIXL_TELEMETRY_ENABLE", "yes", 1);
	unsetenv("NIXL_TELEMETRY_DIR");
	CHECK(shmtel_agent_open_env("nodir", &a) == 0);
	CHECK(a == NULL);
	CHECK(shmtel_series_get(a, &d, &s) == 0 && s == NULL);
	shmtel_emit(s, 1);
	shmtel_emit_f64(s, 1.5);
	CHECK(shmtel_emit_name(a, "x", 1) == 0);
	CHECK(shmtel_agent_set_gone(a, 1) == 0);
	CHECK(shmtel_agent_close(a) == 0);
	return 0;
}
