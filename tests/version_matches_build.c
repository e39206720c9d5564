/* SPDX-License-Identifier: MIT */
/*
 * shmtel_version() is the version the header was generated with, and the
 * build's own ($SHMTEL_VERSION, set by `make check`), as MAJOR.MINOR.PATCH.
 */
#include "harness.h"

int main(void)
{
	const char *v = shmtel_version();
	const char *build = getenv("SHMTEL_VERSION");
	char want[32];

	CHECK(v != NULL);
	snprintf(want, sizeof(want), "%d.%d.%d", SHMTEL_VERSION_MAJOR, SHMTEL_VERSION_MINOR,
		 SHMTEL_VERSION_PATCH);
	CHECK(!strcmp(v, want));
	CHECK(!strcmp(v, SHMTEL_VERSION_STRING));
	if (build && *build)
		CHECK(!strcmp(v, build));
	return 0;
}
