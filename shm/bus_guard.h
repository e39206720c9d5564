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
#include "memorder.h"

extern _Thread_local sigjmp_buf *bus_guard_jmp;

/* bus_guard_install: set the SIGBUS handler (once per process; idempotent). */
void bus_guard_install(void);

/*
 * The handler runs on this thread, so compiler barriers are all the
 * ordering needed: the signal fences keep every guarded access after the
 * store in bus_guard_enter and before the one in bus_guard_leave (an
 * acquire load alone would let the compiler sink the earlier store past
 * it, and a relaxed one let it hoist the later).  They pair with the
 * handler's load of bus_guard_jmp and emit no instruction.  seq_cst in
 * enter because only a seq_cst fence keeps later loads after an earlier
 * store; in leave a release fence would do, and seq_cst, which costs the
 * same nothing, keeps the two alike.
 */
static inline void bus_guard_enter(sigjmp_buf *jb)
{
	bus_guard_jmp = jb;
	atomic_signal_fence(SEQ_CST);
}

static inline void bus_guard_leave(void)
{
	atomic_signal_fence(SEQ_CST);
	bus_guard_jmp = NULL;
}

#endif
