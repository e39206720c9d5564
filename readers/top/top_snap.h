/* SPDX-License-Identifier: MIT */
/*
 * top_snap.h - telemetry_top: one refresh's worth of rows, self-contained.
 *
 * The tracked rings may be freed by the directory watcher at any moment
 * after a refresh, so a snapshot copies what the views show instead of
 * pointing into them.  Strings are copied raw (untrusted): views escape
 * them.  Series rows are copied only when a view needs them.
 */
#ifndef READERS_TOP_SNAP_H
#define READERS_TOP_SNAP_H

#include <stddef.h>
#include <stdint.h>
#include "top_sample.h"

#define TOP_FILE_MAX 256

struct top_agent_row {
	/*
	 * What every refresh writes and draws first, then the strings by how
	 * often they are read: a row of thousands touches few cache lines.
	 */
	int32_t pid;			/* the process described (source_pid) */
	int32_t writer_pid;
	enum top_state state;
	uint32_t nseries;
	int hailo;			/* a Hailo bridge ring ("hailo-*") */
	double rate;			/* events per second */
	uint64_t written, missed, dropped;
	uint64_t last_ns;		/* newest value, 0 if none */
	char name[SHM_NAME_MAX];	/* agent name from the header */
	char file[TOP_FILE_MAX];	/* name in the directory */
	char why[160];			/* TOP_ERROR: what is wrong with the file */
};

struct top_series_row {
	uint32_t agent;			/* index in top_snap.agents */
	uint32_t id;
	uint8_t category, kind, vtype;
	char name[SHM_NAME_MAX];
	char unit[SHM_UNIT_MAX];
	char labels[SHM_LABELS_MAX];	/* encoded pairs, see ring_label_next() */
	struct top_stat st;
	double rate;
	double vrate;			/* sum per second, see top_series_state */
	float spark[TOP_SPARK];
};

struct top_snap {
	uint64_t wall;			/* when it was taken */
	struct top_agent_row *agents;
	size_t nagents, acap;
	struct top_series_row *series;
	size_t nseries, scap;
	unsigned live, dead, errors, hidden;
	unsigned nixl;			/* NIXL-format rings: telemetry_nixl's to show */
	double rate;			/* events per second, all agents */
	uint64_t missed, dropped;
};

/* What a refresh copies: agents only, plus Hailo rings' series, or everything. */
enum top_want { TOP_WANT_AGENTS, TOP_WANT_HAILO, TOP_WANT_ALL };

void top_snap_reset(struct top_snap *s, uint64_t wall);
/*
 * top_snap_add: append the agent in @file (ring @r, refreshed into @st).
 * An agent that has not been up for longer than @keep_ns is only counted
 * as hidden.  0 or -ENOMEM.
 */
int top_snap_add(struct top_snap *s, const char *file, const struct ring *r,
		 const struct top_agent_state *st, uint64_t keep_ns, enum top_want want);
/* top_snap_add_error: a file that could not be opened as a ring. */
int top_snap_add_error(struct top_snap *s, const char *file, const char *why);
void top_snap_free(struct top_snap *s);

/* top_value: a raw value of @vtype as a double, NaN when @count is 0. */
double top_value(uint8_t vtype, uint64_t bits, uint64_t count);
/* top_label: the value of label @key in encoded @labels, or NULL. */
const char *top_label(const char *labels, const char *key);

#endif
