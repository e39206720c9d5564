/* SPDX-License-Identifier: MIT */
/*
 * top_notes.h - telemetry_top: what the agents and series views say
 * instead of an empty table, and the one line that counts the files of
 * the directory that are not rings, on the screen and in batch text alike.
 */
#ifndef READERS_TOP_NOTES_H
#define READERS_TOP_NOTES_H

#include "top_view.h"

/* top_note_skipped: "Skipped: N other files ..." when @n is not 0. */
void top_note_skipped(struct top_sink *k, unsigned n);

/*
 * top_note_empty: why @v shows no row for @q, and what to do about it: no
 * agents in @dir yet, none of them with series, or no match for the
 * filter.  @keys: name the keys that help (on the screen).
 */
void top_note_empty(struct top_sink *k, const struct top_snap *s, enum top_view v,
		    const struct top_query *q, const char *dir, int keys);

#endif
