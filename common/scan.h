/* SPDX-License-Identifier: MIT */
/*
 * scan.h - find ring files.
 *
 * A telemetry directory holds one file per agent plus, briefly, hidden
 * temporaries (".name.xxxx") that writers rename into place.  Only regular
 * files that are not hidden are candidates; symlinks are skipped, so a
 * link planted in a shared directory cannot point a tool elsewhere.
 */
#ifndef RC_SCAN_H
#define RC_SCAN_H

/*
 * scan_dir: call @fn(path, name, arg) for every candidate in @dir, in name
 * order.  @fn returning non-zero stops the scan with that value.
 * Returns the number of candidates, or -errno if @dir cannot be read.
 */
int scan_dir(const char *dir, int (*fn)(const char *path, const char *name, void *arg), void *arg);

/*
 * scan_names: the same without the order or the paths, for a caller that
 * rescans a large directory to notice what changed: @fn(name, ino, arg)
 * for every candidate as the directory lists it, with the inode number
 * the listing gives (d_ino).
 */
int scan_names(const char *dir, int (*fn)(const char *name, unsigned long ino, void *arg), void *arg);

/*
 * scan_default_dir: $NIXL_TELEMETRY_DIR, or NULL if unset or empty.
 */
const char *scan_default_dir(void);

#endif
