/* SPDX-License-Identifier: MIT */
/*
 * bus_guard.h - survive a ring file shrinking underneath a reader.
 *
 * Touching a mapped page past the end of a truncated file raises SIGBUS.
 * A reader brackets its accesses with BUS_GUARD_TRY/bus_guard_leave; if
 * SIGBUS arrives inside, the handler jumps back and the section returns
 * -EIO instead of the process dying.  SIGBUS outside a guarded section
 * keeps its default action.
 *
 *	sigjmp_buf jb;
 *	if (BUS_GUARD_TRY(jb))
 *		return -EIO;		(the file shrank)
 *	... loads from the mapping ...
 *	bus_guard_leave();
 */
#ifndef SHM_BUS_GUARD_H
#define SHM_BUS_GUARD_H

#include <setjmp.h>

extern _Thread_local sigjmp_buf *bus_guard_jmp;

/* bus_guard_install: set the SIGBUS handler once per process. */
void bus_guard_install(void);

#define BUS_GUARD_TRY(jb) \
	(bus_guard_install(), sigsetjmp(jb, 0) ? (bus_guard_jmp = NULL, 1) : (bus_guard_jmp = &(jb), 0))

static inline void bus_guard_leave(void)
{
	bus_guard_jmp = NULL;
}

#endif
