/* SPDX-License-Identifier: MIT */
/*
 * prom_file.c - atomic replacement of the textfile (see prom_file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "prom_file.h"

static char pending[PATH_MAX];
static volatile sig_atomic_t have_pending;

int prom_file_tmpname(char *out, size_t len, const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *name = slash ? slash + 1 : file;
	int dirlen = slash ? (int)(slash - file + 1) : 0, n;

	while (*name == '.')
		name++;
	n = snprintf(out, len, "%.*s%s.XXXXXX", dirlen, file, *name ? name : "tmp");
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

void prom_file_abort(void)
{
	if (have_pending)
		unlink(pending);
}

static int fail(char *why, size_t len, const char *what, const char *path)
{
	int err = errno;

	snprintf(why, len, "%s %s", what, path);
	return -err;
}

/* Create the temporary file with terminating signals held, so a signal
 * cannot land between its creation and its registration for cleanup. */
static int create_tmp(char *tmp)
{
	sigset_t all, old;
	int fd, err;

	sigemptyset(&all);
	sigaddset(&all, SIGTERM);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGHUP);
	sigprocmask(SIG_BLOCK, &all, &old);
	fd = mkostemp(tmp, O_CLOEXEC);
	err = errno;
	if (fd >= 0) {
		memcpy(pending, tmp, strlen(tmp) + 1);
		have_pending = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return fd;
}

static void drop_tmp(void)
{
	unlink(pending);
	have_pending = 0;
}

int prom_file_write(const struct pout *o, const char *file, char *why, size_t whylen)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	const char *slash;
	int fd, ret;

	ret = prom_file_tmpname(tmp, sizeof(tmp), file);
	if (ret) {
		snprintf(why, whylen, "output file name %s", file);
		return ret;
	}
	fd = create_tmp(tmp);
	if (fd < 0)
		return fail(why, whylen, "create temporary file", tmp);
	/* mkstemp makes 0600; node_exporter, another user, must read it. */
	if (fchmod(fd, 0644)) {
		ret = fail(why, whylen, "chmod", tmp);
		goto err_close;
	}
	ret = pout_write(o, fd);
	if (ret) {
		errno = -ret;
		ret = fail(why, whylen, "write", tmp);
		goto err_close;
	}
	if (fsync(fd)) {
		ret = fail(why, whylen, "fsync", tmp);
		goto err_close;
	}
	if (close(fd)) {
		ret = fail(why, whylen, "close", tmp);
		goto err_unlink;
	}
	if (rename(tmp, file)) {
		ret = fail(why, whylen, "rename to", file);
		goto err_unlink;
	}
	have_pending = 0;
	/*
	 * Make the rename itself durable.  Best effort: the new file is in
	 * place either way, and after a crash the old one is merely stale.
	 */
	slash = strrchr(file, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - file + 1) : 1, slash ? file : ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;

err_close:
	close(fd);
err_unlink:
	drop_tmp();
	return ret;
}
