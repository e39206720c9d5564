/* SPDX-License-Identifier: MIT */
/*
 * debug.c - the library is silent unless SHMTEL_DEBUG is set to something
 * other than "" or "0"; then each failure is described on stderr once,
 * and so is each agent that gets no ring file (telemetry disabled, no
 * directory), the question people ask first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int debug_on(void)
{
	const char *e = getenv("SHMTEL_DEBUG");

	return e && *e && strcmp(e, "0");
}

int debug_fail(int err, const char *fmt, ...)
{
	va_list ap;

	if (!debug_on())
		return err;
	va_start(ap, fmt);
	fputs("shmtel: ", stderr);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(-err));
	va_end(ap);
	return err;
}

void debug_note(const char *fmt, ...)
{
	va_list ap;

	if (!debug_on())
		return;
	va_start(ap, fmt);
	fputs("shmtel: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
