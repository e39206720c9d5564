/* SPDX-License-Identifier: MIT */
/*
 * nixl_bytes.h - what the NIXL test tools share: NIXL's ring written byte
 * by byte from the format's description (offsets and sizes spelled out
 * here on purpose, not taken from the code under test).
 */
#ifndef TESTS_TOOLS_NIXL_BYTES_H
#define TESTS_TOOLS_NIXL_BYTES_H

#include <stdint.h>
#include <string.h>

#define NB_HDR 40		/* u64 write_pos, u64 read_pos, i32 version, i32 expected, u64 capacity, u64 mask */
#define NB_OFF_WRITE 0
#define NB_OFF_READ 8
#define NB_OFF_VERSION 16
#define NB_OFF_EXPECTED 20
#define NB_OFF_CAPACITY 24
#define NB_OFF_MASK 32

enum nb_layout { NB_V1, NB_NAMED, NB_TYPED_CAT, NB_TYPED };

static inline unsigned nb_event_size(enum nb_layout l)
{
	return l == NB_V1 ? 56 : l == NB_NAMED ? 48 : 16;
}

/* Little-endian stores, one byte at a time. */
static inline void nb_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void nb_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t nb_get64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* A name field: up to 32 bytes, NUL-padded (32 bytes leave no terminator). */
static inline void nb_name(uint8_t *p, const char *name)
{
	for (int i = 0; i < 32 && name[i]; i++)
		p[i] = (uint8_t)name[i];
}

/*
 * nb_event: fill one slot.  v1: u64 time_us @0, i32 category @8,
 * name[32] @12, 4 bytes padding, u64 value @48.  Version 2 named:
 * i32 category @0, name[32] @4, padding, u64 value @40.  Version 2 typed:
 * i32 category @0, u32 type @4, u64 value @8.  Versions 3/4: u32 type @0,
 * 4 bytes padding, u64 value @8.
 */
static inline void nb_event(uint8_t *slot, enum nb_layout l, uint64_t time_us, int32_t category,
			    const char *name, uint32_t type, uint64_t value)
{
	memset(slot, 0, nb_event_size(l));
	switch (l) {
	case NB_V1:
		nb_put64(slot, time_us);
		nb_put32(slot + 8, (uint32_t)category);
		nb_name(slot + 12, name);
		nb_put64(slot + 48, value);
		break;
	case NB_NAMED:
		nb_put32(slot, (uint32_t)category);
		nb_name(slot + 4, name);
		nb_put64(slot + 40, value);
		break;
	case NB_TYPED_CAT:
		nb_put32(slot, (uint32_t)category);
		nb_put32(slot + 4, type);
		nb_put64(slot + 8, value);
		break;
	case NB_TYPED:
		nb_put32(slot, type);
		nb_put64(slot + 8, value);
		break;
	}
}

#endif
