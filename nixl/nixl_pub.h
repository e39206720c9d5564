/* SPDX-License-Identifier: MIT */
/*
 * nixl_pub.h - republish decoded NIXL events as a shmtel agent.
 *
 * One NIXL ring becomes one shmtel agent "nixl-<name>" carrying NIXL's
 * series: counters agent_tx_bytes, agent_rx_bytes, agent_memory_registered,
 * agent_memory_deregistered (bytes), agent_tx_requests_num,
 * agent_rx_requests_num; histograms agent_xfer_time, agent_xfer_post_time
 * (us, NIXL's bounds); agent_errors{status="..."}; and
 * agent_telemetry_events_dropped.  A string-era name NIXL never typed is
 * kept as a counter of that name in the event's category.  As NIXL's own
 * exporter does, every series but the errors exists from the agent's
 * creation, at zero; an error series appears with its status's first
 * error.  The histograms have NIXL's bounds, or those of
 * NIXL_TELEMETRY_HISTOGRAM_BUCKETS_US (see nixl_pub_init).
 * Single-threaded: one caller per publisher.
 */
#ifndef READERS_NIXL_PUB_H
#define READERS_NIXL_PUB_H

#include <stddef.h>
#include <stdint.h>
#include "nixl_ring.h"

#define NIXL_PUB_PREFIX "nixl-"	/* of the agent's name */
#define NIXL_PUB_ERRORS "agent_errors"	/* the series of every error type */

struct nixl_pub;

/*
 * nixl_pub_init: read the histogram bounds from the environment, once,
 * before the first nixl_pub_open.  Returns 0, or -EINVAL with @why saying
 * which value is wrong (see nixl_env_time_bounds).
 */
int nixl_pub_init(char *why, size_t whylen);

/*
 * nixl_pub_open: create the agent NIXL_PUB_PREFIX @name in @dir, with
 * NIXL's series at zero, describing process @source_pid (the ring's
 * writer; 0: unknown, the bridge itself), already marked gone if @gone.
 * Returns 0, -ENAMETOOLONG, or an error of shmtel_agent_open() or
 * shmtel_series_get().
 */
int nixl_pub_open(const char *dir, const char *name, uint32_t interval_ms, int32_t source_pid,
		  int gone, struct nixl_pub **out);

/*
 * nixl_pub_set_gone: mark the agent gone (its writer went away, its file
 * stays) or back; only a change touches the ring.
 */
void nixl_pub_set_gone(struct nixl_pub *p, int gone);

/*
 * nixl_pub_event: add one event to its series.  Returns 0, or -errno when
 * the series cannot be created (-ENOSPC: registry full; -EINVAL: a name
 * shmtel refuses); the event is then not published.
 */
int nixl_pub_event(struct nixl_pub *p, const struct nixl_event *e);

/*
 * nixl_pub_close: mark the agent gone if @gone (the NIXL ring went away),
 * then close and free it; its file keeps the final totals.  NULL is a
 * no-op.
 */
void nixl_pub_close(struct nixl_pub *p, int gone);

#endif
