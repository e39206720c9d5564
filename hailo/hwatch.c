/* SPDX-License-Identifier: MIT */
/*
 * hwatch.c - the monitor directory's inotify watch (see hwatch.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>
#include "hwatch.h"

#define EVENTS (IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | \
		IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

int hwatch_init(struct hwatch *w, const char *dir)
{
	w->wd = -1;
	snprintf(w->dir, sizeof(w->dir), "%s", dir);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	return w->fd < 0 ? -errno : 0;
}

int hwatch_arm(struct hwatch *w)
{
	if (w->wd < 0)
		w->wd = inotify_add_watch(w->fd, w->dir, EVENTS);
	return w->wd >= 0;
}

int hwatch_drain(struct hwatch *w, void (*fn)(void *arg, const char *name), void *arg)
{
	/* Aligned as inotify(7) asks, so the events can be read in place. */
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int rescan = 0;

	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return rescan;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const struct inotify_event *)p;

			if (e->mask & IN_Q_OVERFLOW)
				rescan = 1;
			if (e->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
				/* The directory went away or moved: watch it again when it is back. */
				if (e->wd == w->wd) {
					inotify_rm_watch(w->fd, w->wd);
					w->wd = -1;
				}
				rescan = 1;
			} else if (e->len && e->wd == w->wd) {
				fn(arg, e->name);
			}
			p += sizeof(*e) + e->len;
		}
	}
}

void hwatch_fini(struct hwatch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}
