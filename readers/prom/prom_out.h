/* SPDX-License-Identifier: MIT */
/*
 * prom_out.h - collect Prometheus samples, then print them as one valid
 * text exposition.
 *
 * Samples arrive agent by agent, but the format wants each family once
 * (HELP, TYPE, then all its samples), so samples are rendered into their
 * family's buffer and the families are printed, sorted by name, at the end.
 *
 * The collector also guarantees what no single producer can see:
 *   - one TYPE per name: a family asked for under a name that another
 *     family holds with another type, or that a histogram reserves
 *     (H_bucket, H_count, H_sum), conflicts;
 *   - no duplicate series: a label set already present in a family is
 *     dropped.
 * A conflict goes to the family of higher origin (META over COMPAT over
 * SERIES), else to the one that came first; the loser's samples are
 * dropped, counted, and reported through the warn callback, so output
 * stays valid whatever names the rings hold.
 */
#ifndef READERS_PROM_OUT_H
#define READERS_PROM_OUT_H

#include <stddef.h>
#include <stdint.h>

enum pout_type { POUT_COUNTER, POUT_GAUGE, POUT_HISTOGRAM };
enum pout_origin { POUT_SERIES, POUT_COMPAT, POUT_META };	/* later wins */

struct pout;
struct pout_fam;

/* pout_new: an empty collector; @warn (may be NULL) hears about drops. */
struct pout *pout_new(void (*warn)(void *arg, const char *msg), void *arg);
void pout_free(struct pout *o);

/*
 * pout_family: the family @name (already a valid metric name) of type @t.
 * @help is plain text, escaped here.  Never NULL: a family that lost a
 * conflict is returned dead, and whatever is added to it is dropped.
 */
struct pout_fam *pout_family(struct pout *o, const char *name, enum pout_type t,
			     enum pout_origin org, const char *help);

/*
 * pout_find: the live family @name if it has type @t and origin @org,
 * else NULL (then pout_family() decides).  Saves building a HELP text
 * for every series of a family that exists already.
 */
struct pout_fam *pout_find(struct pout *o, const char *name, enum pout_type t,
			   enum pout_origin org);

/*
 * pout_sample: add a counter or gauge sample.  @labels is the rendered
 * label list without braces (`a="x",b="y"`, "" for none), in a canonical
 * order; @value a number as pout_num() writes it.
 * Returns 0, or -EEXIST (duplicate, dropped), -ESRCH (dead family),
 * -ERANGE (a negative value for a counter, dropped), -ENOMEM.
 */
int pout_sample(struct pout *o, struct pout_fam *f, const char *labels, const char *value);

/*
 * pout_histogram: add one histogram: @nb finite upper bounds @le
 * (increasing, already in the unit of the family), @buckets per bucket
 * (nb + 1, the last one +Inf, not cumulative), and the sum.  _count is
 * the total of the buckets, so +Inf always equals _count.
 * Returns as pout_sample(), or -EINVAL if @nb > SHM_MAX_BOUNDS.
 */
int pout_histogram(struct pout *o, struct pout_fam *f, const char *labels, uint32_t nb,
		   const double *le, const uint64_t *buckets, const char *sum);

/*
 * A sample's identity for the duplicate check.  pout_sample() and
 * pout_histogram() key on the label list's bytes.  The _key variants take
 * the list (@labels, @len its strlen) and, with @by_id, two numbers the
 * caller interned it as: @group, for lists that arrive together (an
 * agent's), and @member, such that equal pairs are equal lists and
 * unequal pairs unequal ones.  That saves hashing, comparing and keeping
 * the bytes of every list of a large export, and a group's check stays
 * in cache.  A family's samples are keyed one way only (the other way is
 * dropped, -EINVAL).
 */
struct pout_key {
	const char *labels;
	size_t len;
	int by_id;
	uint32_t group, member;
};

int pout_sample_key(struct pout *o, struct pout_fam *f, const struct pout_key *k,
		    const char *value);
int pout_histogram_key(struct pout *o, struct pout_fam *f, const struct pout_key *k,
		       uint32_t nb, const double *le, const uint64_t *buckets, const char *sum);

/* pout_dead: 1 if @f lost a clash (its samples are dropped), for callers that keep families. */
int pout_dead(const struct pout_fam *f);

/* pout_dropped: samples dropped so far (conflicts and duplicates). */
uint64_t pout_dropped(const struct pout *o);

/* pout_write: print everything to @fd.  0 or -errno of the failing write. */
int pout_write(const struct pout *o, int fd);

/*
 * pout_num: a double as Prometheus reads it back exactly, shortest form
 * first ("0.5", "1e-05", "NaN", "+Inf").  @len >= 32.
 */
void pout_num(char *buf, size_t len, double v);

/* pout_u64: @v in decimal into @buf (>= 21 bytes); its length.  Faster than snprintf. */
size_t pout_u64(char *buf, uint64_t v);

#endif
