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
 * kept as a counter of that name in the event's category.  Series are
 * created on first use.  Single-threaded: one caller per publisher.
 */
#ifndef READERS_NIXL_PUB_H
#define READERS_NIXL_PUB_H

#include <stdint.h>
#include "nixl_ring.h"

#define NIXL_PUB_PREFIX "nixl-"	/* of the agent's name */
#define NIXL_PUB_ERRORS "agent_errors"	/* the series of every error type */

struct nixl_pub;

/*
 * nixl_pub_open: create the agent NIXL_PUB_PREFIX @name in @dir.
 * Returns 0, -ENAMETOOLONG, or an error of shmtel_agent_open().
 */
int nixl_pub_open(const char *dir, const char *name, uint32_t interval_ms, struct nixl_pub **out);

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
