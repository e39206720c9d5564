/* SPDX-License-Identifier: MIT */
/*
 * prom_shape.h - what a series renders to in the default families, once
 * per export rather than once per agent.
 *
 * The agents of a node mostly hold the same series (every NIXL rank the
 * same hundred), and a series' family name, unit divisor, selection and
 * own labels depend only on its name, unit, kind, value type and label
 * encoding: its shape.  An export renders each shape the first time it
 * meets it and looks it up after that.  Label lists are also interned as
 * numbers, so that a sample's duplicate check can key on two ids (the
 * agent's fixed labels and the series' own, see pout_key) instead of on
 * the bytes of its whole list.
 */
#ifndef READERS_PROM_SHAPE_H
#define READERS_PROM_SHAPE_H

#include <stddef.h>
#include <stdint.h>
#include "prom_names.h"
#include "prom_out.h"
#include "prom_series.h"

struct prom_shape {
	char *family;			/* the default family's name */
	double div;			/* values are divided by it (base units) */
	enum pout_type type;
	int selected;			/* by --metrics and --exclude */
	int labels_ok;			/* 0: its labels do not fit a list */
	char *labels;			/* its own labels, rendered (pn_labels_series) */
	size_t labels_len;
	uint32_t labels_id;		/* interned: equal ids, equal lists */
	struct pout_fam *f;		/* the family, once made; the caller's */
};

struct prom_shapes;

struct prom_shapes *prom_shapes_new(void);
void prom_shapes_free(struct prom_shapes *t);

/*
 * prom_shape_get: the shape of @s under @c, whose fixed labels have the
 * keys of @fixed (their values do not matter).  @c and the keys must be
 * the same for every call on @t.  NULL without memory.
 */
struct prom_shape *prom_shape_get(struct prom_shapes *t, const struct prom_cfg *c,
				  const struct pn_label *fixed, int nfixed,
				  const struct ring_series *s);

/* prom_shapes_intern: the id of the label list @list (@len bytes), in the ids' one space. */
int prom_shapes_intern(struct prom_shapes *t, const char *list, size_t len, uint32_t *id);

#endif
