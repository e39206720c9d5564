/*
 * sysval.h - reading one value out of a sysfs or procfs file.
 *
 * Drivers are not to be trusted: a file may be empty, hold garbage or a
 * number too big for any sensor, or fail the read itself with ENODATA or
 * EIO.  Every such reading is a skip that is counted, with one warning
 * per sensor until it reads well again; none ends the program.
 */
#ifndef PW_SYSVAL_H
#define PW_SYSVAL_H

#include <stddef.h>
#include <stdint.h>

/*
 * pw_parse_int: the decimal integer in @buf (@n bytes, not NUL-terminated;
 * leading and trailing white space allowed, one leading '-') in *@out.
 * 0, -ENODATA (nothing but white space), -EINVAL (anything else but
 * digits), -ERANGE (outside int64_t).
 */
int pw_parse_int(const char *buf, size_t n, int64_t *out);

/* pw_read_int: pw_parse_int() of the file @path.  0 or -errno (the read's, or the parse's). */
int pw_read_int(const char *path, int64_t *out);

/*
 * pw_read_str: the first line of @path in @buf (at most @len - 1 bytes,
 * trailing white space cut).  0 or -errno; -ENODATA for an empty file.
 */
int pw_read_str(const char *path, char *buf, size_t len);

/* One sensor's warning state: warned until it reads well again. */
struct pw_warn {
	int err;	/* the error last warned about; 0: reading well */
	uint64_t key;	/* of path and error, in the process-wide warned set */
};

/*
 * pw_skip: count a reading of @path that failed with @err (-errno), and
 * say so on stderr unless that was said already: by @w, or, for the same
 * path and error, by the state of an earlier probe (a rescan makes
 * fresh sensors, and a file that stays bad is still said once).
 */
void pw_skip(struct pw_warn *w, const char *path, int err);
/* pw_ok: the sensor read well: warn again when it next fails. */
void pw_ok(struct pw_warn *w);
/* pw_skips: readings skipped since the start. */
uint64_t pw_skips(void);

/*
 * pw_limit: the temperature limit in the file @path (millidegrees) as
 * degrees C in *@celsius; 1 when there is one, 0 when not.  A missing
 * file is no limit: the part has none.  An odd one is a skip, counted and
 * said as pw_skip() does: unreadable, not a number, or out of range, that
 * is 0 (what drivers leave unset) or outside -100..300 C, which no part
 * has as a limit.  Limits are read at probe time, with no sensor state to
 * keep: a file that stays odd is said once for the life of the process.
 */
int pw_limit(const char *path, double *celsius);

/* pw_why: "missing", "permission" or strerror for a probe's list line. */
const char *pw_why(int err);

/*
 * pw_energy_delta: what an energy counter file at @path (a cumulative
 * reading @cur that wraps at @range, 0: unknown) added since its last
 * reading.  The first reading of a path counts in full, so the series
 * starts where the file stands, as node_exporter reports it.  Readings are
 * remembered by path for the life of the process, across probes: a rescan
 * must neither count a file again nor lose what it added meanwhile.
 * *@dt_ns is the time since the last reading, 0 for the first.
 */
uint64_t pw_energy_delta(const char *path, uint64_t cur, uint64_t range, uint64_t *dt_ns);

#endif
