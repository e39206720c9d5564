/* SPDX-License-Identifier: MIT */
/*
 * harness.h - the few helpers every C test uses.  A test is one program
 * checking one behaviour: exit 0 passes, 1 fails, 77 skips.
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shm/ring_read.h"
#include "shmtel.h"

#define T_SKIP 77

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		exit(1); \
	} } while (0)

#define CHECK_EQ(a, b) do { \
	long long _a = (long long)(a), _b = (long long)(b); \
	if (_a != _b) { \
		fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", \
			__FILE__, __LINE__, #a, _a, #b, _b); \
		exit(1); \
	} } while (0)

/* t_tmpdir: a fresh private directory under $TMPDIR, removed by the runner. */
static inline const char *t_tmpdir(void)
{
	static char path[256];
	const char *base = getenv("TMPDIR");

	snprintf(path, sizeof(path), "%s/shmtel-test-XXXXXX", base ? base : "/tmp");
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		exit(1);
	}
	return path;
}

/* t_open: an agent @name in @dir with @cap events per lane and @lanes lanes. */
static inline struct shmtel_agent *t_open(const char *dir, const char *name, uint32_t cap,
					  uint32_t lanes)
{
	struct shmtel_config cfg = { .dir = dir, .name = name, .capacity = cap, .lanes = lanes };
	struct shmtel_agent *a = NULL;
	int ret = shmtel_agent_open(&cfg, &a);

	if (ret) {
		fprintf(stderr, "shmtel_agent_open(%s/%s): %s\n", dir, name, strerror(-ret));
		exit(1);
	}
	return a;
}

/* t_try_open: open and close @dir/@name; the open's return value. */
static inline int t_try_open(const char *dir, const char *name)
{
	struct shmtel_config cfg = { .dir = dir, .name = name, .capacity = 64 };
	struct shmtel_agent *a;
	int ret = shmtel_agent_open(&cfg, &a);

	shmtel_agent_close(a);
	return ret;
}

/* t_series: get a series or fail the test. */
static inline struct shmtel_series *t_series(struct shmtel_agent *a, const char *name,
					     enum shmtel_kind kind, enum shmtel_type type)
{
	struct shmtel_series_desc d = { .category = SHMTEL_CUSTOM, .name = name, .kind = kind,
					.type = type };
	struct shmtel_series *s = NULL;
	int ret = shmtel_series_get(a, &d, &s);

	if (ret || !s) {
		fprintf(stderr, "shmtel_series_get(%s): %s\n", name, strerror(-ret));
		exit(1);
	}
	return s;
}

/* t_ring: open @dir/@name for reading or fail the test. */
static inline struct ring *t_ring(const char *dir, const char *name)
{
	char path[512], why[128];
	struct ring *r;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (ring_open(path, &r, why, sizeof(why))) {
		fprintf(stderr, "ring_open(%s): %s\n", path, why);
		exit(1);
	}
	return r;
}

/* t_find: the validated registry entry called @name, or fail. */
static inline void t_find(struct ring *r, const char *name, struct ring_series *out)
{
	for (uint32_t i = 0; i < ring_series_count(r); i++)
		if (!ring_series_get(r, i, out) && !strcmp(out->name, name))
			return;
	fprintf(stderr, "series %s not in the registry\n", name);
	exit(1);
}

/* t_now: seconds on the monotonic clock. */
static inline double t_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* t_scale: iterations, smaller under sanitizers (they are 5-20x slower). */
static inline long t_scale(long n)
{
	const char *s = getenv("SANITIZE");

	return s && *s ? n / 8 : n;
}

#endif
