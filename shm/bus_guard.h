/* SPDX-License-Identifier: MIT */
/*
 * bus_guard.h - survive a ring file shrinking underneath a reader.
 *
 * Touching a mapped page past the end of a truncated file raises SIGBUS.
 * A reader brackets its accesses with bus_guard_enter/bus_guard_leave; if
 * SIGBUS arrives inside, the handler jumps back to the sigsetjmp and the
 * section returns -EIO instead of the process dying.  SIGBUS outside a
 * guarded section keeps its default action.
 *
 *	sigjmp_buf jb;
 *	if (sigsetjmp(jb, 0))
 *		return -EIO;		(the file shrank)
 *	bus_guard_enter(&jb);
 *	... loads from the mapping ...
 *	bus_guard_leave();
 *
 * (sigsetjmp stands alone in the if: C allows it in no other expression.)
 */
#ifndef SHM_BUS_GUARD_H
#define SHM_BUS_GUARD_H

#include <setjmp.h>

extern _Thread_local sigjmp_buf *bus_guard_jmp;

/* bus_guard_install: set the SIGBUS handler (once per process; idempotent). */
void bus_guard_install(void);

static inline void bus_guard_enter(sigjmp_buf *jb)
{
	bus_guard_jmp = jb;
}

static inline void bus_guard_leave(void)
{
	bus_guard_jmp = NULL;
}

#endif
