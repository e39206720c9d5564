/* SPDX-License-Identifier: MIT */
/*
 * A NIXL header whose capacity times the event size wraps around 2^64 to
 * match the file size is refused as corrupt, not mapped with a bogus
 * geometry; so is one whose size is a multiple of the event size but not
 * of the capacity.
 */
#include "harness.h"
#include "nixl/nixl_ring.h"
#include "tools/nixl_bytes.h"

static int check(int version, uint64_t cap, uint64_t file_size)
{
	uint8_t hdr[NB_HDR] = { 0 };
	struct nixl_geom g;
	char why[256];
	int ret;

	nb_put32(hdr + NB_OFF_VERSION, (uint32_t)version);
	nb_put64(hdr + NB_OFF_CAPACITY, cap);
	nb_put64(hdr + NB_OFF_MASK, cap - 1);
	ret = nixl_check(hdr, sizeof(hdr), file_size, &g, why, sizeof(why));
	fprintf(stderr, "v%d cap %llu size %llu: %d %s\n", version, (unsigned long long)cap,
		(unsigned long long)file_size, ret, ret ? why : "ok");
	return ret;
}

int main(void)
{
	/* 2^60 slots of 16 bytes is 2^64: zero after wrapping, like an empty body. */
	CHECK_EQ(check(3, 1ull << 60, NB_HDR), -EBADMSG);
	/* 2^59 slots of 56 bytes is 7 * 2^62, which wraps to 3 * 2^62. */
	CHECK_EQ(check(1, 1ull << 59, NB_HDR + 3 * (1ull << 62)), -EBADMSG);
	/* 2^60 slots of 48 bytes wraps to 0. */
	CHECK_EQ(check(2, 1ull << 60, NB_HDR), -EBADMSG);
	/* Right multiple of the event size, wrong capacity. */
	CHECK_EQ(check(4, 8, NB_HDR + 16 * 16), -EBADMSG);
	/* And the consistent case is accepted. */
	CHECK_EQ(check(4, 16, NB_HDR + 16 * 16), 0);
	return 0;
}
