/* SPDX-License-Identifier: MIT */
/*
 * src.c - pick the format of a ring file: shmtel first (it has a magic
 * number), then the formats that are recognised by their shape.
 */
#include <errno.h>
#include "ring_read.h"
#include "src.h"

int src_open(const char *path, const struct src_opts *o, struct src **out, char *why, size_t len)
{
	return src_shmtel_open(path, o, out, why, len);
}
