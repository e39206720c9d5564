/* SPDX-License-Identifier: MIT */
/*
 * hmon_env.h - the monitor interval a Hailo process was started with.
 *
 * HailoRT (4.21 and newer) dumps every HAILO_MONITOR_TIME_INTERVAL ms,
 * read from its environment once at start, so /proc/<pid>/environ tells
 * each process' interval where we may read it (the same user, or root).
 */
#ifndef HAILO_HMON_ENV_H
#define HAILO_HMON_ENV_H

#include <stdint.h>

/* Intervals accepted, in ms: what --interval accepts too. */
#define HMON_INTERVAL_MIN 10u
#define HMON_INTERVAL_MAX 3600000u

/*
 * hmon_env_interval: HAILO_MONITOR_TIME_INTERVAL of process @pid.  1 with
 * *@ms set; 0 if its environment is readable and holds no usable value;
 * -errno if it cannot be read (-EACCES: another user's process).
 */
int hmon_env_interval(int32_t pid, uint32_t *ms);

#endif
