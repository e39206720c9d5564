/* SPDX-License-Identifier: MIT */
/*
 * prom_gc.h - --gc: remove the ring files of agents that died long ago.
 *
 * A ring outlives its writer so that its last values can still be
 * exported (with up 0); --gc AGE bounds how long.  The file records no
 * time of death, so a dead writer's last sign of life stands in for it:
 * the newer of its newest event, the ring's creation, and the file's
 * last modification.  A ring is removed when its writer is dead and
 * that is more than AGE ago.
 *
 * Never a live one: removal follows the writers' own takeover protocol
 * (ring_create.c).  We take a shared lock on the file, which fails while
 * a live writer holds its exclusive one and stops a new writer from
 * taking the name over meanwhile, check the name still points at that
 * file, and unlink it.  An exclusive flock on the directory keeps two
 * collectors from racing each other.
 */
#ifndef READERS_PROM_GC_H
#define READERS_PROM_GC_H

#include <stddef.h>
#include <stdint.h>
#include "prom_ring.h"
#include "shm/ring_read.h"

/*
 * prom_gc: remove @path (open as @r, with @info from prom_ring_scan) if
 * its writer has been dead for more than @age_ns at @now_ns.  Returns 1
 * if removed, 0 if kept, -errno with @why if removal failed.
 */
int prom_gc(const char *path, struct ring *r, const struct prom_ring_info *info,
	    uint64_t age_ns, uint64_t now_ns, char *why, size_t whylen);

#endif
