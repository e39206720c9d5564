/* SPDX-License-Identifier: MIT */
/*
 * registry.h - the series registry inside a ring file.
 *
 * Entries are handed out in order (series_next) and published with a
 * release store of state = READY.  A hash index (key = name + labels) makes
 * get-or-create idempotent across every process that writes the file: the
 * index slot is claimed with a CAS only after the entry is complete, so a
 * loser of a creation race finds the winner there, marks its own entry
 * DUP (never emitted to, skipped by readers) and uses the winner's id.
 *
 * Ordering: state = READY (release) pairs with the reader's acquire load of
 * state (ring_series_get); the index CAS (release) pairs with the acquire
 * load of the slot by a writer looking the key up.  Writers find entries
 * only through the index, readers only through state == READY.
 */
#ifndef SHM_REGISTRY_H
#define SHM_REGISTRY_H

#include <stddef.h>
#include <stdint.h>
#include "layout.h"

struct ring_w;
struct ring_sinfo;

struct reg_desc {
	uint8_t category, kind, vtype;
	const char *name;
	const char *labels;		/* encoded: key\0value\0...\0 */
	size_t labels_len;		/* including the final empty key */
	const char *unit;
	const double *bounds;		/* NULL: default log2 scale */
	uint32_t nbounds;
};

/*
 * reg_get: find or create the series @d, filling @out for emitting.
 * 0, -EINVAL (same name and labels with another category, kind, type,
 * unit or bounds), -ENOSPC (registry or histogram slots full).
 */
int reg_get(struct ring_w *w, const struct reg_desc *d, struct ring_sinfo *out);

/* reg_hash: the index key of a series (FNV-1a over name and labels). */
uint64_t reg_hash(const char *name, const char *labels, size_t labels_len);

/*
 * reg_labels_check: validate an encoded label block of at most @max bytes:
 * pairs of NUL-terminated non-empty keys and values, ended by an empty key.
 * Returns the number of pairs, or -1.  @len gets the encoded length.
 */
int reg_labels_check(const char *enc, size_t max, size_t *len);

#endif
