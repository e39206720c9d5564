/* SPDX-License-Identifier: MIT */
/*
 * A config with a flag bit this version does not know, or a non-zero
 * reserved field, is -EINVAL and creates no file; a series description
 * with a non-zero reserved field is -EINVAL and creates no series.  The
 * same structs with those fields zero work.
 */
#include <dirent.h>
#include "harness.h"

/* The number of entries in @dir besides . and .. */
static int entries(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	CHECK(d != NULL);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

int main(void)
{
	const char *dir = t_tmpdir();
	struct shmtel_config cfg = { .dir = dir, .name = "abi", .capacity = 64 };
	struct shmtel_series_desc d = { .category = SHMTEL_CUSTOM, .name = "s",
					.kind = SHMTEL_GAUGE, .type = SHMTEL_U64 };
	struct shmtel_agent *a = (struct shmtel_agent *)&cfg;
	struct shmtel_series *s = (struct shmtel_series *)&d;
	struct ring *r;

	cfg.flags = 0x80000000u;
	CHECK_EQ(shmtel_agent_open(&cfg, &a), -EINVAL);
	CHECK(a == NULL);
	cfg.flags = (SHMTEL_CFG_REALTIME_CLOCK | SHMTEL_CFG_GONE) << 1;
	CHECK_EQ(shmtel_agent_open(&cfg, &a), -EINVAL);
	cfg.flags = SHMTEL_CFG_REALTIME_CLOCK;
	for (size_t i = 0; i < sizeof(cfg.reserved) / sizeof(cfg.reserved[0]); i++) {
		cfg.reserved[i] = 1;
		CHECK_EQ(shmtel_agent_open(&cfg, &a), -EINVAL);
		cfg.reserved[i] = 0;
	}
	CHECK_EQ(entries(dir), 0);

	CHECK_EQ(shmtel_agent_open(&cfg, &a), 0);
	CHECK(a != NULL);
	for (size_t i = 0; i < sizeof(d.reserved) / sizeof(d.reserved[0]); i++) {
		d.reserved[i] = UINT64_MAX;
		CHECK_EQ(shmtel_series_get(a, &d, &s), -EINVAL);
		CHECK(s == NULL);
		d.reserved[i] = 0;
	}
	r = t_ring(dir, "abi");
	CHECK_EQ(ring_series_count(r), 0);
	ring_close(r);
	CHECK_EQ(shmtel_series_get(a, &d, &s), 0);
	CHECK(s != NULL);
	shmtel_agent_close(a);
	return 0;
}
