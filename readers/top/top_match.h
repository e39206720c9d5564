/* SPDX-License-Identifier: MIT */
/*
 * top_match.h - telemetry_top: what the filter (/, \, F4, -f) and the
 * search (F3) match a row against.
 *
 * The line as a reader sees it: "agent name{key="value",...}" for a
 * series, the agent's name (or file) for an agent, escaped as shown, so
 * that one glob can span the agent and the series (rank1*xfer).  The glob
 * matches anywhere in it (as if it began and ended with *), in any case.
 */
#ifndef READERS_TOP_MATCH_H
#define READERS_TOP_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include "top_snap.h"

/* Longest pattern: a filter of TOP_FILTER_MAX bytes between two stars. */
#define TOP_PATTERN_MAX 300

/* top_match_pattern: the fnmatch() pattern for @glob into @pat; "" for no glob. */
void top_match_pattern(char *pat, size_t len, const char *glob);

/*
 * top_row_text: the line of agent @idx (@series 0: its name) or series
 * @idx (@series 1) of @s, escaped, into @out; returns its length.
 */
size_t top_row_text(const struct top_snap *s, int series, uint32_t idx, char *out, size_t len);

/*
 * top_match_row: 1 if @pat (from top_match_pattern, not "") matches
 * the line of agent @idx (@series 0), or the agent's file, or the line of
 * series @idx (@series 1) of @s.
 */
int top_match_row(const struct top_snap *s, int series, uint32_t idx, const char *pat);

#endif
