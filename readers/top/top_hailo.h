/* SPDX-License-Identifier: MIT */
/*
 * top_hailo.h - telemetry_top: the tables `hailortcli monitor` shows,
 * rebuilt from the Hailo bridge's rings.
 *
 * The bridge writes one ring per Hailo process, named hailo-<pid>, with
 * gauges (see the Hailo contract in README): device and network
 * utilisation, network FPS, and per stream the pending-frames queue.
 * Only rings that are up count as fresh.  NaN means "no value".  Strings
 * point into the snapshot they were built from and are raw (untrusted).
 */
#ifndef READERS_TOP_HAILO_H
#define READERS_TOP_HAILO_H

#include <stddef.h>
#include <stdint.h>
#include "top_snap.h"

struct top_hailo_dev {
	const char *id, *arch;
	double util;			/* percent */
	uint64_t ns;			/* when it was measured */
};

struct top_hailo_net {
	const char *model;
	double util, fps;
	int32_t pid;			/* the Hailo process */
};

struct top_hailo_stream {
	const char *model, *stream;
	int h2d;			/* direction: host to device, else device to host */
	double now, avg, max, min, capacity;	/* frames */
	int32_t pid;
};

struct top_hailo {
	struct top_hailo_dev *dev;
	size_t ndev;
	struct top_hailo_net *net;
	size_t nnet;
	struct top_hailo_stream *str;
	size_t nstr;
	unsigned rings, up;		/* hailo-* rings listed, and of those up */
	char why[320];			/* set when there is nothing fresh to show */
};

/*
 * top_hailo_build: the tables from @s, which must hold the series of the
 * Hailo rings (TOP_WANT_HAILO or TOP_WANT_ALL).  0 or -ENOMEM.
 */
int top_hailo_build(const struct top_snap *s, struct top_hailo *h);
void top_hailo_free(struct top_hailo *h);

#endif
