/* SPDX-License-Identifier: MIT */
/*
 * top_json.h - telemetry_top --json: one snapshot as one line of JSON.
 *
 * Exact values are kept exact: counts and integer sums are printed as
 * integers, never through a double.  "No value" (a gauge never set, a
 * Hailo sentinel, a quantile of an empty histogram) is null.
 */
#ifndef READERS_TOP_JSON_H
#define READERS_TOP_JSON_H

#include <stdio.h>
#include "top_hailo.h"
#include "top_snap.h"
#include "top_view.h"

/*
 * top_json: @s with the agents and series rows of @agents and @ser, in their
 * order; @skipped: files of the directory that are not rings.
 */
void top_json(FILE *f, const struct top_snap *s, const struct top_list *agents,
	      const struct top_list *ser, const struct top_hailo *h, const char *dir,
	      const char *dir_err, double interval, unsigned skipped);

#endif
