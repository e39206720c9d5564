/* SPDX-License-Identifier: MIT */
/*
 * prom_file.h - write the exposition for node_exporter's textfile
 * collector without it ever reading half a file.
 *
 * The collector reads every *.prom file of its directory at each scrape.
 * So the text goes to a temporary file in the same directory, under a
 * name that is not collected (not ending in .prom, not hidden), is
 * written completely, fsync'ed and made 0644 (node_exporter runs as
 * another user), and only then renamed over the target.  On any error the
 * temporary file is removed and the target keeps its last good contents.
 */
#ifndef READERS_PROM_FILE_H
#define READERS_PROM_FILE_H

#include <stddef.h>
#include "prom_out.h"

/*
 * prom_file_tmpname: the mkstemp(3) template for @file: same directory,
 * "<name>.XXXXXX" with the name's leading dots removed ("tmp" if that
 * leaves nothing).  0, or -ENAMETOOLONG.
 */
int prom_file_tmpname(char *out, size_t len, const char *file);

/*
 * prom_file_write: write @o to @file as described above.  0, or -errno
 * with @why saying which step failed ("write /dir/x.prom.Ab12Cd").
 */
int prom_file_write(const struct pout *o, const char *file, char *why, size_t whylen);

/*
 * prom_file_abort: remove the temporary file being written, if any.
 * Async-signal-safe: for the handler of a terminating signal.
 */
void prom_file_abort(void);

#endif
