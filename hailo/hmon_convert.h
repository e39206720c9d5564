/* SPDX-License-Identifier: MIT */
/*
 * hmon_convert.h - a decoded ProtoMon as the series of the Hailo contract.
 *
 * Every value becomes one gauge of category SYSTEM, type F64:
 *   hailo_device_utilization{device_id,arch}		percent
 *   hailo_network_utilization{network}		percent
 *   hailo_network_fps{network}			fps
 *   hailo_stream_pending_frames{network,stream,direction}	frames (now)
 *   hailo_stream_pending_frames_min / _max / _avg	frames (over the interval)
 *   hailo_stream_buffer_frames			frames (queue capacity)
 * HailoRT's sentinels (-1 pending frames: no samples; fps DBL_MAX: no
 * output streams) and anything else that cannot be a real value (a
 * negative count, an infinity, a NaN) become NaN, which readers show as
 * "no value".
 */
#ifndef HAILO_HMON_CONVERT_H
#define HAILO_HMON_CONVERT_H

#include "hailo/scheduler_mon.pb-c.h"

/*
 * Longest label value kept, in bytes.  Longer names are cut and given a
 * hash of the whole name, so two long names that share a prefix stay two
 * series; three values this long still fit a series' label space.
 */
#define HMON_LABEL_VALUE_MAX 96

struct hmon_value {
	const char *name;		/* hailo_... */
	const char *unit;
	const char *labels;		/* key="value",... for shmtel_series_get */
	double value;			/* NaN: no value */
};

/*
 * The writer has no min/max/avg pending frames (HailoRT 4.14 and older,
 * told by hmon_frame_stats()): they are "no value", not 0.
 */
#define HMON_NO_FRAME_STATS 0x1u

/*
 * hmon_convert: call @put once for every value @m holds, in message order.
 * @flags: HMON_NO_FRAME_STATS or 0.  A negative return from @put stops
 * the walk and is returned; otherwise the number of values.  The strings
 * in a value live only during @put.
 */
long hmon_convert(const ProtoMon *m, unsigned flags,
		  int (*put)(void *arg, const struct hmon_value *v), void *arg);

#endif
