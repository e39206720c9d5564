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

/* A base-128 varint at *@p, at most 10 bytes.  0 or -EINVAL. */
static int wire_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; shift < 70 && *p < end; shift += 7) {
		uint8_t c = *(*p)++;

		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
	}
	return -EINVAL;
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

/*
 * The next field of the message in [*@p, @end): its number in *@field and,
 * for a length-delimited one, its bytes in *@val and *@vlen.  1, 0 at the end,
 * or -EINVAL.
 */
static int wire_next(const uint8_t **p, const uint8_t *end, uint64_t *field,
		     const uint8_t **val, size_t *vlen)
{
	uint64_t tag, n;
	int ret;

	if (*p == end)
		return 0;
	ret = wire_varint(p, end, &tag);
	if (ret)
		return ret;
	*field = tag >> 3;
	*val = NULL;
	*vlen = 0;
	switch (tag & 7) {
	case 0:
		return wire_varint(p, end, &n) ? -EINVAL : 1;
	case 1:
		n = 8;
		break;
	case 5:
		n = 4;
		break;
	case 2:
		if (wire_varint(p, end, &n))
			return -EINVAL;
		*val = *p;
		*vlen = (size_t)n;
		break;
	default:
		return -EINVAL;		/* groups: not in this schema, and obsolete */
	}
	if (n > (uint64_t)(end - *p))
		return -EINVAL;
	*p += n;
	return 1;
}

/* Does the ProtoMonStreamFramesInfo in @buf (@len bytes) carry field 5, 6 or 7? */
static int stream_has_stats(const uint8_t *buf, size_t len)
{
	const uint8_t *p = buf, *end = buf + len, *v;
	uint64_t field;
	size_t vl;
	int ret, found = 0;

	while ((ret = wire_next(&p, end, &field, &v, &vl)) > 0)
		found |= field >= 5 && field <= 7;
	return ret < 0 ? ret : found;
}

int hmon_frame_stats(const uint8_t *buf, size_t len)
{
	const uint8_t *p, *end, *nf, *v;
	uint64_t field;
	size_t nfl, vl;
	int ret, r2, found = 0;

	if (!len)
		return 0;	/* @buf may be NULL then */
	p = buf;
	end = buf + len;
	while ((ret = wire_next(&p, end, &field, &nf, &nfl)) > 0) {
		const uint8_t *q, *qend;

		found |= field == 4 && nf;	/* ProtoMon.device_infos */
		if (field != 3 || !nf)
			continue;	/* ProtoMon.net_frames_infos */
		q = nf;
		qend = nf + nfl;
		while ((r2 = wire_next(&q, qend, &field, &v, &vl)) > 0) {
			if (field != 2 || !v)
				continue;	/* ProtoMonNetworkFrames.streams_frames_infos */
			r2 = stream_has_stats(v, vl);
			if (r2 < 0)
				return r2;
			found |= r2;
		}
		if (r2 < 0)
			return r2;
	}
	return ret < 0 ? ret : found;
}
