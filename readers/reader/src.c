/* SPDX-License-Identifier: MIT */
/*
 * src.c - pick the format of a ring file: shmtel first (it has a magic
 * number), then the formats that are recognised by their shape.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "shm/ring_read.h"
#include "src.h"

int src_open(const char *path, const struct src_opts *o, struct src **out, char *why, size_t len)
{
	char shm_why[256] = "", nixl_why[256] = "";
	struct stat st;
	int ret;

	ret = src_shmtel_open(path, o, out, shm_why, sizeof(shm_why));
	if (ret != -ENOTRING) {
		snprintf(why, len, "%s", shm_why);
		return ret;
	}
	/*
	 * Every format is a regular file: a FIFO, socket or device is no ring
	 * of any, and shmtel's reason says so once (NIXL's open of a socket
	 * would fail with ENXIO instead, an unrelated-looking error).
	 */
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		snprintf(why, len, "%s", shm_why);
		return -ENOTRING;
	}
	ret = src_nixl_open(path, o, out, nixl_why, sizeof(nixl_why));
	if (ret == -ENOTRING && strcmp(shm_why, nixl_why))
		snprintf(why, len, "%s; %s", shm_why, nixl_why);
	else if (ret == -ENOTRING)
		snprintf(why, len, "%s", shm_why);
	else if (ret)
		snprintf(why, len, "%s", nixl_why);
	return ret;
}
