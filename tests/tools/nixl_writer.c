/* SPDX-License-Identifier: MIT */
/*
 * nixl_writer - a process that produces into a NIXL ring the way NIXL does:
 * fill slot write_pos, then publish write_pos + 1 with release; when the
 * next slot is read_pos (full), drop the event and count nothing in the
 * file.  For the tests of the consumers.
 *
 *   nixl_writer [--create [--in-place]] [--version N] [--layout named]
 *               [--capacity N] [--count N] [--rate R] [--start S] [--mix]
 *               [--seed N] [--drops FILE] [--summary] [--hold] FILE
 *
 * --create makes a new file (unlinking any old one first, so the inode
 * changes); with --in-place it re-creates the ring the way a restarted
 * NIXL agent does: the same file (same inode) is ftruncated to the new
 * size and given a fresh header, positions first (both 0), then version,
 * capacity and mask.  Otherwise FILE must be a ring already.
 * Default events: agent_tx_bytes with values S, S+1, ... (sequence
 * numbers); --drops lists the values dropped because the ring was full.
 * --mix emits a deterministic mix of every event type instead, and
 * --summary prints, for what was not dropped, one line per series:
 * "NAME count=N sum=S" (errors by status name, as the example agent does).
 * --hold keeps the ring mapped after the last event until the process is
 * killed, as a live NIXL agent does (its mapping names it as the writer).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "nixl_bytes.h"

#define NTYPES 21

static const char *const type_names[NTYPES] = {
	"agent_tx_bytes", "agent_rx_bytes", "agent_tx_requests_num", "agent_rx_requests_num",
	"agent_memory_registered", "agent_memory_deregistered", "agent_xfer_time",
	"agent_xfer_post_time", "not_posted", "invalid_param", "backend", "not_found",
	"mismatch", "not_allowed", "repost_active", "unknown", "not_supported",
	"remote_disconnect", "canceled", "no_telemetry", "agent_telemetry_events_dropped",
};
/* NIXL's categories for each type. */
static const int32_t type_cats[NTYPES] = {
	1, 1, 1, 1, 0, 0, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 6,
};

struct ring {
	uint8_t *base;
	size_t size;
	uint64_t cap, mask;
	unsigned esize;
	enum nb_layout layout;
	_Atomic uint64_t *wpos, *rpos;
};

static void die(const char *what) __attribute__((noreturn));

static void die(const char *what)
{
	fprintf(stderr, "nixl_writer: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Create or attach; on attach, *@version becomes the file's. */
static void map(struct ring *r, const char *path, int create, int in_place, int *version,
		int named, uint64_t cap)
{
	int fd;
	struct stat st;

	if (create) {
		if (!in_place)
			unlink(path);
		fd = open(path, O_CREAT | (in_place ? 0 : O_EXCL) | O_RDWR, 0644);
		if (fd < 0)
			die(path);
		r->layout = *version == 1 ? NB_V1 : *version == 2 ? (named ? NB_NAMED : NB_TYPED_CAT)
								   : NB_TYPED;
		r->esize = nb_event_size(r->layout);
		r->cap = cap;
		if (ftruncate(fd, (off_t)(NB_HDR + cap * r->esize)))
			die("ftruncate");
	} else {
		fd = open(path, O_RDWR);
		if (fd < 0)
			die(path);
	}
	if (fstat(fd, &st))
		die("fstat");
	r->size = (size_t)st.st_size;
	r->base = mmap(NULL, r->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->base == MAP_FAILED)
		die("mmap");
	close(fd);
	r->wpos = (_Atomic uint64_t *)(void *)(r->base + NB_OFF_WRITE);
	r->rpos = (_Atomic uint64_t *)(void *)(r->base + NB_OFF_READ);
	if (create) {
		/*
		 * A fresh header over whatever the file held.  Relaxed: the
		 * consumer re-checks the header against the file size anyway.
		 */
		atomic_store_explicit(r->wpos, 0, memory_order_relaxed);
		atomic_store_explicit(r->rpos, 0, memory_order_relaxed);
		nb_put32(r->base + NB_OFF_VERSION, (uint32_t)*version);
		nb_put32(r->base + NB_OFF_EXPECTED, (uint32_t)*version);
		nb_put64(r->base + NB_OFF_CAPACITY, cap);
		nb_put64(r->base + NB_OFF_MASK, cap - 1);
	} else {
		r->cap = nb_get64(r->base + NB_OFF_CAPACITY);
		if (!r->cap || (r->cap & (r->cap - 1)) || r->size <= NB_HDR) {
			errno = EINVAL;
			die(path);
		}
		*version = (int)r->base[NB_OFF_VERSION];
		r->esize = (unsigned)((r->size - NB_HDR) / r->cap);
		r->layout = *version == 1 ? NB_V1 : r->esize == 48 ? NB_NAMED
				: *version == 2 ? NB_TYPED_CAT : NB_TYPED;
	}
	r->mask = r->cap - 1;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* NIXL's push: 1 if stored, 0 if the ring was full and the event dropped. */
static int push(struct ring *r, int type, uint64_t value)
{
	uint64_t w = atomic_load_explicit(r->wpos, memory_order_relaxed);
	uint64_t next = (w + 1) & r->mask;
	char name[40];

	/* Acquire: pairs with the consumer's release of read_pos after its copy. */
	if (next == atomic_load_explicit(r->rpos, memory_order_acquire))
		return 0;
	/* The string era named errors by NIXL status. */
	if (type >= 8 && type < 20) {
		snprintf(name, sizeof(name), "NIXL_ERR_%s", type_names[type]);
		for (char *p = name + 9; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	} else {
		snprintf(name, sizeof(name), "%s", type_names[type]);
	}
	nb_event(r->base + NB_HDR + w * r->esize, r->layout, now_us(), type_cats[type], name,
		 (uint32_t)type, value);
	/* Release: the slot is filled before the consumer can see it. */
	atomic_store_explicit(r->wpos, next, memory_order_release);
	return 1;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

/* One step of the mix: an event type and its value. */
static int mix_event(uint64_t *seed, int version, uint64_t *value)
{
	uint64_t x = rnd(seed) % 100;

	if (x < 50) {
		int t = (int)(x % 4);	/* tx/rx bytes, tx/rx requests */

		*value = t < 2 ? 4096u << (rnd(seed) % 8) : 1;
		return t;
	}
	if (x < 60) {
		*value = 1u << 20 << (rnd(seed) % 4);
		return 4 + (int)(x % 2);
	}
	if (x < 90) {
		*value = 1 + rnd(seed) % 30000;
		return 6 + (int)(x % 2);
	}
	*value = 1;
	if (version >= 4 && x >= 98) {
		*value = 1 + rnd(seed) % 5;
		return 20;
	}
	return 8 + (int)(rnd(seed) % 12);
}

static void pace(const struct timespec *start, uint64_t done, double rate)
{
	struct timespec now;
	double elapsed, ahead;

	if (rate <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	elapsed = (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
	ahead = (double)done / rate - elapsed;
	if (ahead > 0) {
		struct timespec d = { (time_t)ahead, (long)((ahead - (double)(time_t)ahead) * 1e9) };

		nanosleep(&d, NULL);
	}
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "create", no_argument, NULL, 'C' }, { "in-place", no_argument, NULL, 'I' },
		{ "version", required_argument, NULL, 'v' },
		{ "layout", required_argument, NULL, 'l' }, { "capacity", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' }, { "rate", required_argument, NULL, 'r' },
		{ "start", required_argument, NULL, 's' }, { "mix", no_argument, NULL, 'm' },
		{ "seed", required_argument, NULL, 'S' }, { "drops", required_argument, NULL, 'd' },
		{ "summary", no_argument, NULL, 'y' }, { "hold", no_argument, NULL, 'H' }, { 0 },
	};
	int create = 0, in_place = 0, version = 4, named = 0, mix = 0, summary = 0, hold = 0, c;
	uint64_t cap = 1024, count = 1000, start = 0, seed = 42, dropped = 0;
	uint64_t cnt[NTYPES] = { 0 }, sum[NTYPES] = { 0 };
	const char *drops_path = NULL;
	double rate = 0;
	FILE *drops = NULL;
	struct timespec t0;
	struct ring r;

	memset(&r, 0, sizeof(r));
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'C': create = 1; break;
		case 'I': in_place = 1; break;
		case 'v': version = atoi(optarg); break;
		case 'l': named = !strcmp(optarg, "named"); break;
		case 'c': cap = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtoull(optarg, NULL, 0); break;
		case 'r': rate = strtod(optarg, NULL); break;
		case 's': start = strtoull(optarg, NULL, 0); break;
		case 'm': mix = 1; break;
		case 'S': seed = strtoull(optarg, NULL, 0) | 1; break;
		case 'd': drops_path = optarg; break;
		case 'y': summary = 1; break;
		case 'H': hold = 1; break;
		default: return 2;
		}
	}
	if (optind != argc - 1 || !cap || (cap & (cap - 1)) || version < 1 || version > 4) {
		fprintf(stderr, "usage: nixl_writer [options] FILE (capacity a power of two, version 1-4)\n");
		return 2;
	}
	if (drops_path && !(drops = fopen(drops_path, "w")))
		die(drops_path);
	map(&r, argv[optind], create, in_place, &version, named, cap);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint64_t i = 0; i < count; i++) {
		uint64_t value = start + i;
		int type = mix ? mix_event(&seed, version, &value) : 0;

		if (push(&r, type, value)) {
			cnt[type]++;
			sum[type] += value;
		} else {
			dropped++;
			if (drops)
				fprintf(drops, "%" PRIu64 "\n", value);
		}
		pace(&t0, i + 1, rate);
	}
	if (drops && fclose(drops))
		die(drops_path);
	if (summary) {
		for (int t = 0; t < NTYPES; t++)
			if (cnt[t])
				printf("%s count=%" PRIu64 " sum=%" PRIu64 "\n", type_names[t], cnt[t], sum[t]);
		printf("dropped_by_writer count=%" PRIu64 "\n", dropped);
	}
	fflush(stdout);
	while (hold)
		pause();
	munmap(r.base, r.size);
	return 0;
}
