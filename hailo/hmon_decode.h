/* SPDX-License-Identifier: MIT */
/*
 * hmon_decode.h - decode one HailoRT scheduler-monitor file (a ProtoMon
 * protobuf message) within a fixed memory budget.
 *
 * The bytes come from a file any local process may have written, so the
 * decoder must never let them decide how much memory is used: protobuf-c
 * unpacks into a caller-owned arena that refuses to grow past its size,
 * and a message that does not fit is simply not a message.
 *
 * Thread safety: an arena is used by one thread at a time.
 */
#ifndef HAILO_HMON_DECODE_H
#define HAILO_HMON_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include "hailo/scheduler_mon.pb-c.h"

/* Largest file accepted; HailoRT's are a few KiB. */
#define HMON_MAX_FILE	(1u << 20)
/* Memory one decode may use; decoded structs are larger than their encoding. */
#define HMON_ARENA_SIZE	(16u << 20)

struct hmon_arena {
	unsigned char *base;
	size_t size;
	size_t used;
	ProtobufCAllocator pa;		/* points back at this arena */
};

/* hmon_arena_init: reserve @size bytes.  0 or -ENOMEM. */
int hmon_arena_init(struct hmon_arena *a, size_t size);
void hmon_arena_fini(struct hmon_arena *a);

/*
 * hmon_decode: unpack @len bytes of @buf as a ProtoMon.  Returns the
 * message, or NULL if the bytes are not one or it would not fit the
 * arena.  Every non-NULL result must go back through hmon_release()
 * before the next decode on the same arena.
 */
ProtoMon *hmon_decode(struct hmon_arena *a, const uint8_t *buf, size_t len);
void hmon_release(struct hmon_arena *a, ProtoMon *m);

/*
 * hmon_pid: the writer's pid from @m->pid, which HailoRT stores as decimal
 * text.  0 with *@pid set, or -EINVAL if it is not a positive decimal
 * number that fits a pid_t (an empty file decodes to pid "", so this is
 * also what tells an empty or truncated file from a real dump).
 */
int hmon_pid(const ProtoMon *m, int32_t *pid);

/*
 * hmon_frame_stats: 1 if the writer of the @len bytes of @buf has min, max
 * and avg pending frames (ProtoMonStreamFramesInfo fields 5-7), 0 if it
 * looks like one that has not, -EINVAL if the bytes are not well-formed
 * protobuf.
 *
 * HailoRT 4.14 and older have no such fields, and proto3 leaves presence
 * to the wire bytes alone: protobuf-c decodes an absent field as 0, and a
 * proto3 writer never writes a 0.  So the writer has them if any stream
 * carries one (an absent field of another stream is then a 0 left out),
 * or if the message carries device_infos (ProtoMon field 4), which came
 * with them: the schema without fields 5-7 has no ProtoMonDeviceInfo.
 */
int hmon_frame_stats(const uint8_t *buf, size_t len);

#endif
