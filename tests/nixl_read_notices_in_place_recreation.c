/* SPDX-License-Identifier: MIT */
/*
 * A NIXL ring re-created in place under an open consumer (same file, a
 * fresh header at 0, smaller, larger, or the same size): the next read
 * returns -ESTALE without storing anything, so read_pos stays where the
 * writer put it (0); reopened, the new incarnation's events are read from
 * slot 0, none missed.  A header caught half-written that never settles
 * is -EBADMSG; a file cut short under its old header is -EIO.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include "harness.h"
#include "nixl/nixl_ring.h"
#include "tools/nixl_bytes.h"

/* (Re-)create @path as a version-4 ring of @cap with @n events (values from @v0), in place. */
static void make(const char *path, uint64_t cap, uint64_t rp, uint64_t n, uint64_t v0)
{
	size_t size = NB_HDR + cap * 16;
	uint8_t *m;
	int fd;

	fd = open(path, O_CREAT | O_RDWR, 0644);
	CHECK(fd >= 0);
	CHECK(!ftruncate(fd, (off_t)size));
	m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	memset(m, 0, NB_HDR);
	nb_put32(m + NB_OFF_VERSION, 4);
	nb_put32(m + NB_OFF_EXPECTED, 4);
	nb_put64(m + NB_OFF_CAPACITY, cap);
	nb_put64(m + NB_OFF_MASK, cap - 1);
	for (uint64_t i = 0; i < n; i++)
		nb_event(m + NB_HDR + ((rp + i) & (cap - 1)) * 16, NB_TYPED, 0, 1, "", 0, v0 + i);
	nb_put64(m + NB_OFF_READ, rp);
	nb_put64(m + NB_OFF_WRITE, (rp + n) & (cap - 1));
	munmap(m, size);
	close(fd);
}

static uint64_t read_pos(const char *path)
{
	uint8_t h[NB_HDR];
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(pread(fd, h, sizeof(h), 0), NB_HDR);
	close(fd);
	return nb_get64(h + NB_OFF_READ);
}

/* From a 4096 ring consumed up to 3000, re-created at @cap2 with @n events. */
static void recreate_case(const char *path, uint64_t cap2, uint64_t n)
{
	static struct nixl_event ev[8192];
	struct nixl_ring *r;
	uint64_t missed = 0;
	char why[256];

	make(path, 4096, 2000, 1000, 0);
	CHECK_EQ(nixl_open(path, 1, 0, &r, why, sizeof(why)), 0);
	CHECK_EQ(nixl_read(r, ev, 8192, &missed), 1000);
	CHECK_EQ(read_pos(path), 3000);
	make(path, cap2, 0, n, 5000);
	CHECK_EQ(nixl_changed(r, path), cap2 != 4096);	/* same size: only the read can tell */
	CHECK_EQ(nixl_read(r, ev, 8192, &missed), -ESTALE);
	CHECK_EQ(read_pos(path), 0);		/* nothing stored in the new ring */
	nixl_close(r);
	CHECK_EQ(nixl_open(path, 1, 0, &r, why, sizeof(why)), 0);
	CHECK_EQ(nixl_read(r, ev, 8192, &missed), (long)n);
	CHECK_EQ(ev[0].value, 5000);
	CHECK_EQ(ev[n - 1].value, 5000 + n - 1);
	CHECK_EQ(missed, 0);
	CHECK_EQ(read_pos(path), n);
	CHECK(read_pos(path) < cap2);
	nixl_close(r);
}

int main(void)
{
	struct nixl_event ev[64];
	struct nixl_ring *r;
	uint64_t missed = 0;
	char path[512], why[256];
	int fd;

	snprintf(path, sizeof(path), "%s/agent", t_tmpdir());
	recreate_case(path, 1024, 1000);	/* smaller: old read_pos 3000 would not fit */
	recreate_case(path, 8192, 6000);	/* larger */
	recreate_case(path, 4096, 500);		/* same size: read_pos reset behind our back */

	/* Cut short under the old header, no new one coming: -EIO. */
	make(path, 4096, 0, 10, 0);
	CHECK_EQ(nixl_open(path, 1, 0, &r, why, sizeof(why)), 0);
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	CHECK(!ftruncate(fd, NB_HDR + 1024 * 16));
	CHECK_EQ(nixl_read(r, ev, 64, &missed), -EIO);
	close(fd);
	nixl_close(r);
	/* Header half-written (capacity changed, mask not) and left so: -EBADMSG. */
	make(path, 4096, 0, 10, 0);
	CHECK_EQ(nixl_open(path, 1, 0, &r, why, sizeof(why)), 0);
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	{
		uint8_t cap[8];

		nb_put64(cap, 1024);
		CHECK_EQ(pwrite(fd, cap, 8, NB_OFF_CAPACITY), 8);
	}
	CHECK_EQ(nixl_read(r, ev, 64, &missed), -EBADMSG);
	CHECK_EQ(read_pos(path), 0);
	close(fd);
	nixl_close(r);
	return 0;
}
