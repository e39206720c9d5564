/*
 * sink.h - the ring telemetry_power writes (sink.c), behind pw_gauge()
 * and pw_count() of pw.h.  One thread.
 */
#ifndef PW_SINK_H
#define PW_SINK_H

#include <stdint.h>
#include "pw.h"

/*
 * pw_sink_open: create the agent @name in @dir, series selected by the
 * globs @enabled (NULL: all), readers told to poll every @interval_ms.
 * 0 or the -errno of shmtel_agent_open().
 */
int pw_sink_open(const char *dir, const char *name, const char *enabled, unsigned interval_ms,
		 struct pw_sink **out);
/* pw_sink_series: series the sink has handles for (selected ones only). */
unsigned pw_sink_series(const struct pw_sink *k);
/* pw_sink_close: close the ring (readers see it closed) and free @k. */
void pw_sink_close(struct pw_sink *k);

#endif
