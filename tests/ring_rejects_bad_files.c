/* SPDX-License-Identifier: MIT */
/*
 * Hostile or broken files get a clear error, never a crash: truncated,
 * wrong magic, future version, other byte order, capacity not a power of
 * two, offsets past the end, strings without a terminator, bad registry
 * entries, series ids and positions out of range.
 */
#include <fcntl.h>
#include <stddef.h>
#include "harness.h"
#include "shm/geom.h"

static char dir[256];
static uint8_t *good;
static size_t good_len;

/* Write @len bytes of @buf as @name; return the path. */
static const char *put(const char *name, const void *buf, size_t len)
{
	static char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	CHECK(fd >= 0 && write(fd, buf, len) == (ssize_t)len);
	close(fd);
	return path;
}

static int open_err(const char *name, const void *buf, size_t len, const char *want_why)
{
	char why[128] = "";
	struct ring *r;
	int ret = ring_open(put(name, buf, len), &r, why, sizeof(why));

	if (!ret)
		ring_close(r);
	else
		fprintf(stderr, "%-12s -> %s\n", name, why);
	CHECK(!want_why || strstr(why, want_why));
	return ret;
}

/* A copy of the good file with one field changed (one scratch buffer). */
static uint8_t *mutated(size_t off, const void *val, size_t n)
{
	static uint8_t *b;

	if (!b)
		b = malloc(good_len);
	memcpy(b, good, good_len);
	memcpy(b + off, val, n);
	return b;
}

#define HOFF(f) offsetof(struct shm_header, f)

int main(void)
{
	struct shmtel_agent *a;
	struct shmtel_series *s;
	struct ring *r;
	struct ring_series rs;
	struct ring_event ev[8];
	struct ring_cursor c;
	struct geom g;
	uint64_t missed = 0, big = UINT64_MAX / 2;
	uint32_t u32;
	uint16_t u16;
	char path[512];
	int fd;
	uint8_t *b;

	snprintf(dir, sizeof(dir), "%s", t_tmpdir());
	a = t_open(dir, "good", 64, 2);
	s = t_series(a, "x", SHMTEL_HISTOGRAM, SHMTEL_U64);
	shmtel_emit(s, 3);
	shmtel_agent_close(a);
	snprintf(path, sizeof(path), "%s/good", dir);
	fd = open(path, O_RDONLY);
	good_len = (size_t)lseek(fd, 0, SEEK_END);
	good = malloc(good_len);
	CHECK(pread(fd, good, good_len, 0) == (ssize_t)good_len);
	close(fd);
	CHECK(geom_compute(&g, 64, 2, 1024, 128) == 0 && g.file_size == good_len);

	CHECK_EQ(open_err("empty", good, 0, "not a shmtel ring"), -ENOTRING);
	CHECK_EQ(open_err("short", good, 100, "truncated"), -EBADMSG);
	CHECK_EQ(open_err("half", good, good_len / 2, "truncated"), -EBADMSG);
	CHECK_EQ(open_err("magic", mutated(0, "NOTARING", 8), good_len, "bad magic"), -ENOTRING);
	u16 = 2;
	CHECK_EQ(open_err("future", mutated(HOFF(major), &u16, 2), good_len, "version 2"),
		 -EPROTONOSUPPORT);
	u32 = 0x04030201;
	CHECK_EQ(open_err("swapped", mutated(HOFF(byte_order), &u32, 4), good_len, "byte order"),
		 -EPROTONOSUPPORT);
	u32 = 100;
	CHECK_EQ(open_err("cap", mutated(HOFF(capacity), &u32, 4), good_len, "out of range"), -EBADMSG);
	u32 = 0;
	CHECK_EQ(open_err("lanes0", mutated(HOFF(lanes), &u32, 4), good_len, "out of range"), -EBADMSG);
	CHECK_EQ(open_err("offset", mutated(HOFF(lanes_off), &big, 8), good_len, "offsets"), -EBADMSG);
	/* A consistent header for a bigger ring than the file. */
	b = mutated(0, good, 1);
	u32 = 1u << 20;
	memcpy(b + HOFF(capacity), &u32, 4);
	{
		struct geom big_g;

		CHECK(geom_compute(&big_g, 1u << 20, 2, 1024, 128) == 0);
		memcpy(b + HOFF(lane_aggs_off), &big_g.lane_aggs_off, 8);
		memcpy(b + HOFF(lane_buckets_off), &big_g.lane_buckets_off, 8);
		memcpy(b + HOFF(lane_size), &big_g.lane_size, 8);
		memcpy(b + HOFF(file_size), &big_g.file_size, 8);
	}
	CHECK_EQ(open_err("bigger", b, good_len, "shorter than its header"), -EBADMSG);
	b = mutated(HOFF(agent), "", 1);
	memset(b + HOFF(agent), 'A', SHM_NAME_MAX);
	CHECK_EQ(open_err("agentname", b, good_len, "not terminated"), -EBADMSG);
	u32 = 9;
	CHECK_EQ(open_err("clock", mutated(HOFF(clock_kind), &u32, 4), good_len, "clock"), -EBADMSG);

	/* Registry entries: unterminated name, labels, bad enums, slots. */
	{
		size_t e = g.registry_off;	/* entry 0 */
		struct { size_t off; size_t n; const char *what; uint8_t fill; } cases[] = {
			{ offsetof(struct shm_series, name), SHM_NAME_MAX, "name", 'n' },
			{ offsetof(struct shm_series, labels), SHM_LABELS_MAX, "labels", 'l' },
			{ offsetof(struct shm_series, unit), SHM_UNIT_MAX, "unit", 'u' },
			{ offsetof(struct shm_series, category), 1, "category", 200 },
			{ offsetof(struct shm_series, kind), 1, "kind", 9 },
			{ offsetof(struct shm_series, hist), 4, "hist", 0xff },
			{ offsetof(struct shm_series, nbounds), 4, "nbounds", 0x7f },
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			b = mutated(0, good, 1);
			memset(b + e + cases[i].off, cases[i].fill, cases[i].n);
			CHECK_EQ(open_err(cases[i].what, b, good_len, NULL), 0);
			CHECK(ring_open(put(cases[i].what, b, good_len), &r, NULL, 0) == 0);
			CHECK_EQ(ring_series_get(r, 0, &rs), -EBADMSG);
			ring_close(r);
		}
		/* Non-increasing bounds. */
		b = mutated(0, good, 1);
		memset(b + g.bounds_off + 8, 0, 8);
		CHECK(ring_open(put("bounds", b, good_len), &r, NULL, 0) == 0);
		CHECK_EQ(ring_series_get(r, 0, &rs), -EBADMSG);
		ring_close(r);
	}

	/* series_next, event series ids and lane heads out of range. */
	b = mutated(0, good, 1);
	u32 = 0xffffffff;
	memcpy(b + HOFF(series_next), &u32, 4);
	{
		struct shm_event *ev0 = (struct shm_event *)(b + g.lanes_off + g.lane_size +
							      g.lane_events_off);
		struct shm_lane *l1 = (struct shm_lane *)(b + g.lanes_off + g.lane_size);

		ev0->series = 0xfffffff0;
		l1->head = big;
	}
	CHECK(ring_open(put("ranges", b, good_len), &r, NULL, 0) == 0);
	CHECK_EQ(ring_series_count(r), 1024);	/* clamped */
	CHECK_EQ(ring_series_get(r, 5000, &rs), -ENOENT);
	CHECK(ring_cursor_init(r, &c, 0) == 0);
	CHECK(ring_poll(r, &c, ev, 8, &missed) >= 0);	/* garbage, but bounded */
	ring_cursor_free(&c);
	ring_close(r);
	return 0;
}
