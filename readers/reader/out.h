/* SPDX-License-Identifier: MIT */
/*
 * out.h - telemetry_reader's output formats: NIXL's block format, one line
 * per event, and JSON Lines.  Everything a ring says is escaped here, on
 * its way to stdout, so the rest of the tool handles raw strings only.
 */
#ifndef READERS_OUT_H
#define READERS_OUT_H

#include <stdint.h>
#include "src.h"

enum out_fmt { OUT_BLOCK, OUT_LINE, OUT_JSON };

/*
 * out_event: print @e, read from @s, in format @f.  @show_agent: the block
 * format names the agent (several rings are read).
 */
void out_event(enum out_fmt f, const struct src_event *e, const struct src *s, int show_agent);

/*
 * out_missed: @n events of @s were lost before they were read (overwritten
 * or undecodable); @now_ns is when the reader noticed (wall clock).
 */
void out_missed(enum out_fmt f, const struct src *s, uint64_t n, uint64_t now_ns);

/* out_flush: everything printed so far to stdout, and stdout flushed. */
void out_flush(void);

/*
 * out_forget: a source was closed; what was cached by the addresses of its
 * series must not be found by a source opened at the same addresses.
 */
void out_forget(void);

#endif
