/* SPDX-License-Identifier: MIT */
/*
 * NIXL_TELEMETRY_ENABLE: y/yes/on/1/true/enable enable and n/no/off/0/
 * false/disable disable, in any case; unset disables; anything else is an
 * error returned before any file exists.
 */
#include <dirent.h>
#include "harness.h"

static int files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	static const char *const on[] = { "y", "YES", "On", "1", "true", "Enable" };
	static const char *const off[] = { "n", "No", "OFF", "0", "FALSE", "disable" };
	static const char *const bad[] = { "", "maybe", "2", "yes ", "enabled" };
	const char *dir = t_tmpdir();
	struct shmtel_agent *a;

	setenv("NIXL_TELEMETRY_DIR", dir, 1);
	for (size_t i = 0; i < sizeof(on) / sizeof(on[0]); i++) {
		setenv("NIXL_TELEMETRY_ENABLE", on[i], 1);
		CHECK(shmtel_agent_open_env("e", &a) == 0);
		CHECK(a != NULL);
		CHECK_EQ(files(dir), 1);
		shmtel_agent_close(a);
	}
	for (size_t i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		setenv("NIXL_TELEMETRY_ENABLE", off[i], 1);
		CHECK(shmtel_agent_open_env("off", &a) == 0);
		CHECK(a == NULL);
	}
	unsetenv("NIXL_TELEMETRY_ENABLE");
	CHECK(shmtel_agent_open_env("unset", &a) == 0 && a == NULL);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("NIXL_TELEMETRY_ENABLE", bad[i], 1);
		CHECK_EQ(shmtel_agent_open_env("bad", &a), -EINVAL);
		CHECK(a == NULL);
	}
	CHECK_EQ(files(dir), 1);	/* only "e": nothing for off, unset or bad */
	return 0;
}
