/* SPDX-License-Identifier: MIT */
/*
 * scan.c - list the candidate ring files of a directory (see scan.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "scan.h"

static int is_candidate(const char *dir, const struct dirent *d)
{
	char path[4096];
	struct stat st;

	if (d->d_name[0] == '.')
		return 0;
	if (d->d_type == DT_REG)
		return 1;
	if (d->d_type != DT_UNKNOWN)
		return 0;	/* links, directories, devices, fifos */
	snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
	return !lstat(path, &st) && S_ISREG(st.st_mode);
}

int scan_dir(const char *dir, int (*fn)(const char *path, const char *name, void *arg), void *arg)
{
	struct dirent **list;
	char path[4096];
	int n, count = 0, ret = 0;

	n = scandir(dir, &list, NULL, alphasort);
	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		if (!ret && is_candidate(dir, list[i])) {
			snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
			count++;
			ret = fn(path, list[i]->d_name, arg);
		}
		free(list[i]);
	}
	free(list);
	return ret ? ret : count;
}

int scan_names(const char *dir, int (*fn)(const char *name, unsigned long ino, void *arg), void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int count = 0, ret = 0, err;

	if (!d)
		return -errno;
	for (errno = 0; !ret && (de = readdir(d)); errno = 0) {
		if (is_candidate(dir, de)) {
			count++;
			ret = fn(de->d_name, (unsigned long)de->d_ino, arg);
		}
	}
	err = ret || !errno ? 0 : -errno;
	closedir(d);
	return ret ? ret : err ? err : count;
}

const char *scan_default_dir(void)
{
	const char *d = getenv("NIXL_TELEMETRY_DIR");

	return d && *d ? d : NULL;
}
