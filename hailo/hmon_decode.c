/* SPDX-License-Identifier: MIT */
/*
 * hmon_decode.c - ProtoMon decoding with a bump arena (see hmon_decode.h).
 *
 * A bump arena, not a counting wrapper around malloc: a decode makes one
 * small allocation per repeated element, and the bridge decodes every
 * file every interval, so handing out slices of one block keeps the
 * per-tick cost to a pointer increment per allocation.  free() is a no-op
 * and hmon_release() rewinds the whole block; protobuf-c still gets its
 * free_unpacked call, so swapping the allocator later stays safe.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "hmon_decode.h"

#define ALIGN 16

static void *arena_alloc(void *data, size_t size)
{
	struct hmon_arena *a = data;
	size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	void *p;

	if (need < size || need > a->size - a->used)
		return NULL;	/* protobuf-c turns this into a failed unpack */
	p = a->base + a->used;
	a->used += need;
	return p;
}

static void arena_free(void *data, void *p)
{
	(void)data;
	(void)p;
}

int hmon_arena_init(struct hmon_arena *a, size_t size)
{
	memset(a, 0, sizeof(*a));
	a->base = malloc(size);
	if (!a->base)
		return -ENOMEM;
	a->size = size;
	a->pa.alloc = arena_alloc;
	a->pa.free = arena_free;
	a->pa.allocator_data = a;
	return 0;
}

void hmon_arena_fini(struct hmon_arena *a)
{
	free(a->base);
	a->base = NULL;
	a->size = a->used = 0;
}

ProtoMon *hmon_decode(struct hmon_arena *a, const uint8_t *buf, size_t len)
{
	ProtoMon *m;

	a->used = 0;
	if (len > HMON_MAX_FILE)
		return NULL;
	m = proto_mon__unpack(&a->pa, len, buf);
	if (!m)
		a->used = 0;
	return m;
}

void hmon_release(struct hmon_arena *a, ProtoMon *m)
{
	if (m)
		proto_mon__free_unpacked(m, &a->pa);
	a->used = 0;
}

int hmon_pid(const ProtoMon *m, int32_t *pid)
{
	const char *p = m->pid;
	long v = 0;

	if (!p || !*p)
		return -EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (*p - '0');
		if (v > INT32_MAX)
			return -EINVAL;
	}
	if (v <= 0)
		return -EINVAL;
	*pid = (int32_t)v;
	return 0;
}
