/* SPDX-License-Identifier: MIT */
/*
 * prom_names.h - Prometheus names and label lists for what a ring holds.
 *
 * Series names and label keys may hold any byte; Prometheus wants
 * [a-zA-Z_][a-zA-Z0-9_]* and its conventions want snake_case, base units
 * and _total on counters.  Everything here is deterministic, so the same
 * series always gets the same name and the same label list.
 */
#ifndef READERS_PROM_NAMES_H
#define READERS_PROM_NAMES_H

#include <stddef.h>
#include <stdint.h>

#define PN_NAME_MAX	512	/* family names: prefix + sanitized name + suffixes */
#define PN_LABELS_MAX	65536	/* a rendered label list, worst case included */

/*
 * pn_unit_scale: the divisor that takes a value in @unit to its base unit
 * (us -> seconds: 1e6, percent -> ratio: 100), and that base unit's name
 * in *@base; 1 and NULL for a unit without a base unit of its own.
 */
double pn_unit_scale(const char *unit, const char **base);

/*
 * pn_export_kind: the enum shm_kind a series of @kind and value type
 * @vtype (enum shm_vtype) is exported as.  A counter of a signed type
 * (i64, f64) is a gauge: its sum can go down, and a Prometheus counter
 * that goes down is read as a reset.
 */
uint8_t pn_export_kind(uint8_t kind, uint8_t vtype);

/*
 * pn_family: the default family name of a series: @prefix, the snake_case
 * name without a unit suffix the unit replaces, the base unit (never
 * doubled), and _total for what is exported as a counter (kind and vtype
 * as in pn_export_kind; a counter's own _total is dropped either way).
 * Returns the divisor to apply to values (see pn_unit_scale).
 */
double pn_family(char *out, size_t len, const char *prefix, const char *name, const char *unit,
		 uint8_t kind, uint8_t vtype);

struct pn_label {
	const char *key;		/* a valid label name */
	const char *value;		/* raw bytes, escaped when rendered */
};

/*
 * pn_labels: render `k="v",...` (no braces): the @nfixed labels in their
 * order, then the labels encoded in @enc (a ring label encoding, or NULL)
 * with sanitized keys, sorted by key.  A series key that collides with a
 * fixed key, with another series key, or with "le" or "quantile" is
 * renamed exported_KEY (then exported_KEY_2, ...), as Prometheus itself
 * renames clashing target labels.  Values are made valid UTF-8 and
 * escaped; a label whose value is empty is left out, as Prometheus treats
 * it as absent.  Returns the length, or -ENOSPC if @len is too small.
 */
int pn_labels(char *out, size_t len, const struct pn_label *fixed, int nfixed, const char *enc);

/*
 * pn_labels_series: only the part of pn_labels()' list that comes from
 * @enc (the fixed labels' keys still rename clashing series keys).  It
 * depends on the fixed keys, not their values, so one rendering serves
 * every agent: pn_labels() is the fixed part, a comma if both are
 * non-empty, and this.
 */
int pn_labels_series(char *out, size_t len, const struct pn_label *fixed, int nfixed,
		     const char *enc);

#endif
