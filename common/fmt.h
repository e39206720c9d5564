/* SPDX-License-Identifier: MIT */
/*
 * fmt.h - turning what a ring says into text: times, values, units and
 * labels.  Everything a file says is untrusted, so every string goes
 * through one of the esc_* functions (esc.h) before it reaches an output.
 */
#ifndef RC_FMT_H
#define RC_FMT_H

#include <stddef.h>
#include <stdint.h>
#include "esc.h"
#include "shm/ring_read.h"

/* fmt_time: "2025-01-15 14:30:25.123456" in local time. */
void fmt_time(char *buf, size_t len, uint64_t ns);
/* fmt_value: the exact value as a decimal number of the series' type; its length. */
size_t fmt_value(char *buf, size_t len, uint8_t vtype, uint64_t bits);
/* How fmt_human renders (bits). */
enum {
	FMT_UTF8 = 1,		/* micro as "µ" (the terminal is UTF-8), else "u" */
	FMT_PER_S = 2,		/* a rate: a byte unit reads "GiB/s" */
	FMT_WHOLE = 4,		/* a whole number below 1000 prints whole ("12 B", "700"): a count */
};

/*
 * fmt_human: a short unit-aware rendering for a person, with @digits
 * significant digits (1 to 3; anything else means 3) whatever the scale,
 * so that a column reads with one precision ("176 us" beside "3.64 ms"):
 * "bytes" or "B" in IEC units ("1.95 GiB"), durations ("ns", "us", "ms",
 * "s") as ns, us, ms, s, then "min", then h:mm:ss, then days ("d"), never
 * "m"; "percent" with %; anything else with k/M/G/T/P/E and the unit
 * (escaped) after a space.  NaN is "-".
 */
void fmt_human(char *buf, size_t len, double v, const char *unit, int digits, int flags);
/* fmt_age: a duration in ns as "350 ms", "12 s", "4 min", "3 h", "2 d". */
void fmt_age(char *buf, size_t len, uint64_t ns);

/*
 * fmt_labels: a series' labels as key="value",key2="value2" with values
 * escaped by @esc (esc_term, esc_json or esc_prom_label); "" if none.
 */
size_t fmt_labels(char *out, size_t len, const struct ring_series *s,
		  size_t (*esc)(char *, size_t, const char *));
/* fmt_labels_enc: the same from an encoded block (ring_series.labels). */
size_t fmt_labels_enc(char *out, size_t len, const char *enc,
		      size_t (*esc)(char *, size_t, const char *));

/* fmt_category: "MEMORY" ... "CUSTOM"; parse_category: -1 if unknown. */
const char *fmt_category(uint8_t c);
int parse_category(const char *s);

#endif
