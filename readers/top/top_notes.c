/* SPDX-License-Identifier: MIT */
/*
 * top_notes.c - empty views and skipped files, in words (see top_notes.h).
 */
#include <stdio.h>
#include <string.h>
#include "top_notes.h"
#include "top_table.h"
#include "top_text.h"

#define NOTE_MAX 8192

void top_note_skipped(struct top_sink *k, unsigned n)
{
	static const struct top_mark none = { .row = -1, .state_x = -1 };
	char line[128];

	if (!n)
		return;
	/* As telemetry_reader says it. */
	snprintf(line, sizeof(line), "Skipped %u %s", n,
		 n == 1 ? "file that is not a ring" : "files that are not rings");
	txt_cut(line, sizeof(line), k->width);
	k->line(k, TOP_L_TEXT, line, &none);
}

/* The directory holds no agent that is shown. */
static void no_agents(char *msg, size_t len, const struct top_snap *s, const char *dir)
{
	char edir[4096];
	int n;

	txt_esc(edir, sizeof(edir), dir);
	n = snprintf(msg, len,
		     "No agents in %s yet; waiting for them to appear. A program writes its ring "
		     "here when it runs with NIXL_TELEMETRY_ENABLE=y and NIXL_TELEMETRY_DIR=%s; "
		     "telemetry_nixl, telemetry_hailo and telemetry_power write NIXL's, Hailo's "
		     "and power readings into rings here.",
		     edir, edir);
	if (s->nixl && n > 0 && (size_t)n < len)
		n += snprintf(msg + n, len - (size_t)n,
			      " %u NIXL-format ring%s here: run telemetry_nixl to bridge %s.", s->nixl,
			      s->nixl == 1 ? " is" : "s are", s->nixl == 1 ? "it" : "them");
	if (s->hidden && n > 0 && (size_t)n < len)
		snprintf(msg + n, len - (size_t)n, " %u agent%s down longer than --keep-dead: hidden.",
			 s->hidden, s->hidden == 1 ? "" : "s");
}

void top_note_empty(struct top_sink *k, const struct top_snap *s, enum top_view v,
		    const struct top_query *q, const char *dir, int keys)
{
	char msg[NOTE_MAX], glob[TOP_LINE_MAX / 4], scope[TOP_FILE_MAX * 4 + 1];

	if (q->filter && q->filter[0]) {
		txt_esc(glob, sizeof(glob), q->filter);
		snprintf(msg, sizeof(msg), "No match for \"%s\"%s.", glob,
			 keys ? " (Esc clears the filter)" : "");
	} else if (!s->nagents && v == TOP_V_AGENTS) {
		no_agents(msg, sizeof(msg), s, dir);
	} else if (!s->nagents) {
		snprintf(msg, sizeof(msg), "No series: there are no agents yet%s.",
			 keys ? " (key 1: the agents view says why)" : "");
	} else if (v == TOP_V_SERIES && q->scope && q->scope[0]) {
		txt_esc(scope, sizeof(scope), q->scope);
		snprintf(msg, sizeof(msg), "No series in %s yet.%s", scope,
			 keys ? " Esc shows every agent's." : "");
	} else {
		snprintf(msg, sizeof(msg), "No series yet: the agents here have registered none.");
	}
	top_message(k, msg);
}
