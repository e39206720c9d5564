/* SPDX-License-Identifier: MIT */
/*
 * srcset.h - the sources telemetry_reader has open, found by path.
 *
 * No fixed cap, only memory (and descriptors: a consumed NIXL ring keeps
 * one).  A directory rescan asks for every file it lists, so lookup by
 * path is a hash set, not a walk of 10,000 sources.
 */
#ifndef READERS_SRCSET_H
#define READERS_SRCSET_H

#include <stddef.h>
#include "src.h"

struct srcset {
	struct src **v;			/* the open sources, v[0..n) */
	int n, cap;
	int *by_path;			/* hash set of indexes into v; -1: free slot */
	size_t mask;
};

/*
 * srcset_add: open @path (src_open) and add it.  0, or -errno with the
 * reason in @why (-ENOMEM included).
 */
int srcset_add(struct srcset *set, const char *path, const struct src_opts *o, char *why,
	       size_t len);
/* srcset_has: 1 if a source is open on @path. */
int srcset_has(const struct srcset *set, const char *path);
/*
 * srcset_drop: close source @i; the last source moves to @i.  0, or
 * -ENOMEM (the set is then unusable).
 */
int srcset_drop(struct srcset *set, int i);
/* srcset_free: close every source. */
void srcset_free(struct srcset *set);

#endif
