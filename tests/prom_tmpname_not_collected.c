/* SPDX-License-Identifier: MIT */
/*
 * prom_tmpname_not_collected - the temporary file telemetry_prom writes
 * before the rename is in FILE's directory and has a name node_exporter's
 * textfile collector never reads (not ending in .prom) and that is not
 * hidden, whatever FILE is called.
 */
#include <libgen.h>
#include "harness.h"
#include "readers/prom/prom_file.h"

static void check(const char *dir, const char *file)
{
	char path[512], tmp[512], d1[512], d2[512], *base;
	size_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	CHECK(prom_file_tmpname(tmp, sizeof(tmp), path) == 0);
	fd = mkstemp(tmp);
	CHECK(fd >= 0);
	close(fd);
	unlink(tmp);
	snprintf(d1, sizeof(d1), "%s", path);
	snprintf(d2, sizeof(d2), "%s", tmp);
	CHECK(!strcmp(dirname(d1), dirname(d2)));
	snprintf(d2, sizeof(d2), "%s", tmp);
	base = basename(d2);
	n = strlen(base);
	if (base[0] == '.' || (n >= 5 && !strcmp(base + n - 5, ".prom"))) {
		fprintf(stderr, "%s: temporary name %s would be collected or hidden\n", file, base);
		exit(1);
	}
}

int main(void)
{
	const char *dir = t_tmpdir();
	char small[8];

	check(dir, "shmtel.prom");
	check(dir, ".shmtel.prom");
	check(dir, "..prom");
	check(dir, "x");
	CHECK(prom_file_tmpname(small, sizeof(small), "/a/long/name.prom") == -ENAMETOOLONG);
	return 0;
}
