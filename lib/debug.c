/* SPDX-License-Identifier: MIT */
/*
 * debug.c - the library is silent unless SHMTEL_DEBUG is set to something
 * other than "" or "0"; then each failure is described on stderr once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int debug_fail(int err, const char *fmt, ...)
{
	const char *e = getenv("SHMTEL_DEBUG");
	va_list ap;

	if (!e || !*e || !strcmp(e, "0"))
		return err;
	va_start(ap, fmt);
	fputs("shmtel: ", stderr);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(-err));
	va_end(ap);
	return err;
}
