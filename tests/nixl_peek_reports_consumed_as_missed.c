/* SPDX-License-Identifier: MIT */
/*
 * A peeking reader and a consumer on the same NIXL ring: the peek sees
 * what is still unconsumed, reports the events the consumer took before
 * it got to them as missed, and neither the peek's reads nor its misses
 * disturb the consumer, which gets every event once.
 */
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include "harness.h"
#include "nixl/nixl_ring.h"
#include "tools/nixl_bytes.h"

#define CAP 16

static uint8_t *map;

/* NIXL's producer: fill the slot, then publish write_pos with release. */
static void push(uint64_t value)
{
	_Atomic uint64_t *w = (_Atomic uint64_t *)(void *)(map + NB_OFF_WRITE);
	uint64_t pos = atomic_load(w);

	nb_event(map + NB_HDR + pos * 16, NB_TYPED, 0, 0, "", 0, value);
	atomic_store_explicit(w, (pos + 1) % CAP, memory_order_release);
}

int main(void)
{
	char path[512], why[256];
	struct nixl_ring *peek, *cons;
	struct nixl_event ev[CAP];
	uint64_t missed = 0, cmissed = 0;
	long n;
	int fd;

	snprintf(path, sizeof(path), "%s/agent", t_tmpdir());
	fd = open(path, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK(!ftruncate(fd, NB_HDR + CAP * 16));
	map = mmap(NULL, NB_HDR + CAP * 16, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(map != MAP_FAILED);
	nb_put32(map + NB_OFF_VERSION, 3);
	nb_put64(map + NB_OFF_CAPACITY, CAP);
	nb_put64(map + NB_OFF_MASK, CAP - 1);

	CHECK_EQ(nixl_open(path, 0, 0, &peek, why, sizeof(why)), 0);
	CHECK_EQ(nixl_open(path, 1, 0, &cons, why, sizeof(why)), 0);
	for (uint64_t v = 0; v < 10; v++)
		push(v);
	CHECK_EQ(nixl_read(cons, ev, 6, &cmissed), 6);
	CHECK_EQ(ev[0].value, 0);
	CHECK_EQ(ev[5].value, 5);
	n = nixl_read(peek, ev, CAP, &missed);
	CHECK_EQ(n, 4);
	CHECK_EQ(missed, 6);
	CHECK_EQ(ev[0].value, 6);
	CHECK_EQ(ev[3].value, 9);
	/* Peeking again finds nothing new, and the consumer still has its four. */
	missed = 0;
	CHECK_EQ(nixl_read(peek, ev, CAP, &missed), 0);
	CHECK_EQ(missed, 0);
	CHECK_EQ(nixl_pending(cons), 4);
	for (uint64_t v = 10; v < 20; v++)	/* wraps the ring */
		push(v);
	CHECK_EQ(nixl_read(peek, ev, CAP, &missed), 10);
	CHECK_EQ(missed, 0);
	CHECK_EQ(ev[9].value, 19);
	CHECK_EQ(nixl_read(cons, ev, CAP, &cmissed), 14);
	for (int i = 0; i < 14; i++)
		CHECK_EQ(ev[i].value, 6 + i);
	CHECK_EQ(cmissed, 0);
	CHECK_EQ(nixl_pending(cons), 0);
	nixl_close(peek);
	nixl_close(cons);
	return 0;
}
