/* SPDX-License-Identifier: MIT */
/*
 * hwatch.h - inotify on HailoRT's monitor directory.
 *
 * Watched: a file renamed into place (HailoRT 4.22+ writes <name>.tmp and
 * renames it), a file closed after writing (4.21 and older rewrite in
 * place), and a file deleted or renamed away.  The directory may not exist
 * yet (HailoRT creates it on first use) or may be removed and recreated,
 * so the watch is re-armed by hwatch_arm() whenever it is missing; the
 * periodic rescan covers whatever happened while it was.
 */
#ifndef HAILO_HWATCH_H
#define HAILO_HWATCH_H

struct hwatch {
	int fd;				/* inotify descriptor, for poll */
	int wd;				/* -1: not watching (no directory yet) */
	char dir[4096];
};

/* hwatch_init: 0 or -errno (inotify unavailable). */
int hwatch_init(struct hwatch *w, const char *dir);
/* hwatch_arm: watch the directory if not watching yet.  1 if it now is. */
int hwatch_arm(struct hwatch *w);

/*
 * hwatch_drain: read the pending events; call @fn(@arg, name) for each
 * file named.  Returns 1 if a full rescan is needed (events were lost,
 * or the directory itself went away), 0 otherwise.
 */
int hwatch_drain(struct hwatch *w, void (*fn)(void *arg, const char *name), void *arg);
void hwatch_fini(struct hwatch *w);

#endif
