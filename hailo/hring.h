/* SPDX-License-Identifier: MIT */
/*
 * hring.h - the shmtel ring of one Hailo process, as the bridge writes it.
 *
 * Agent "hailo-<pid>", header source_pid = that pid, one F64 gauge per
 * value of the Hailo contract (hmon_convert.h).  A dump is written between
 * hring_dump_begin() and hring_dump_end(); a series the previous dump had
 * and this one lacks (a network that was removed) gets NaN, "no value",
 * so it never keeps showing its last number as if it were current.
 *
 * Thread safety: one thread per ring.
 */
#ifndef HAILO_HRING_H
#define HAILO_HRING_H

#include <stdint.h>
#include "hmon_convert.h"

/*
 * Series one ring may hold: five per stream, so about 200 streams.  Series
 * are never freed inside a ring; the bridge replaces a full ring instead.
 */
#define HRING_MAX_SERIES 1024

struct hring;

/*
 * hring_open: create the ring of Hailo process @pid in @dir, marked gone
 * from the start if @gone.  The readers' poll interval in the header is
 * @interval_ms.  0, or the
 * -errno of shmtel_agent_open (-EBUSY: another live writer, such as a
 * second bridge, holds that agent name).
 */
int hring_open(const char *dir, int32_t pid, uint32_t interval_ms, int gone,
	       struct hring **out);

/* hring_series: how many series the ring holds (at most HRING_MAX_SERIES). */
uint32_t hring_series(const struct hring *r);

/* hring_agent: "hailo-<pid>". */
const char *hring_agent(const struct hring *r);

void hring_dump_begin(struct hring *r);
/*
 * hring_put: emit one value of the current dump, creating its series on
 * first use.  0, or -ENOSPC (HRING_MAX_SERIES or the file's registry is
 * full), -ENOMEM, -EINVAL (from shmtel_series_get).
 */
int hring_put(struct hring *r, const struct hmon_value *v);
void hring_dump_end(struct hring *r);

/*
 * hring_set_gone: mark the process gone (1) or back (0).  Going sets
 * SHM_F_GONE and turns every value into NaN, so no reader can take the
 * last numbers of a dead process for current ones.
 */
void hring_set_gone(struct hring *r, int gone);
int hring_gone(const struct hring *r);

/*
 * hring_close: close the agent (readers see it closed) and free @r.  With
 * @remove, the file is unlinked first, while this process still holds
 * the writer's lock, so a file another writer has since put under that
 * name is never the one removed.
 */
void hring_close(struct hring *r, int remove);

#endif
