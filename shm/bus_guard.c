/* SPDX-License-Identifier: MIT */
/*
 * bus_guard.c - the SIGBUS handler behind bus_guard.h.
 *
 * SA_NODEFER keeps SIGBUS unblocked after the jump (sigsetjmp does not save
 * the mask: that would cost a syscall per guarded section), so a second
 * truncation is caught too.
 */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include "bus_guard.h"

_Thread_local sigjmp_buf *bus_guard_jmp;

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	sigjmp_buf *jb = bus_guard_jmp;

	(void)si;
	(void)ctx;
	if (jb) {
		bus_guard_jmp = NULL;
		/*
		 * Back to the mask of the interrupted code: a wrapping handler
		 * (ThreadSanitizer's blocks every signal) would otherwise leave
		 * SIGBUS blocked after the jump, and the next fault would kill.
		 */
		pthread_sigmask(SIG_SETMASK, &((ucontext_t *)ctx)->uc_sigmask, NULL);
		siglongjmp(*jb, 1);
	}
	/* Not ours: die as SIGBUS would have killed us. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
}

void bus_guard_install(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, install);
}
