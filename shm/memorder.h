/* SPDX-License-Identifier: MIT */
/*
 * memorder.h - the one spelling of C11 memory orders in shm/ (and nixl/).
 *
 * Short names, not memory_order_*: an explicit atomic call already says
 * what it does (atomic_load_explicit, atomic_compare_exchange_...), and the
 * order is what the reader's eye must find; with the long names most calls
 * wrap onto a second line and the order sinks into the argument list.  The
 * five names are the C11 ones without the prefix, so nothing new is learned.
 * memory_order_consume is deliberately absent: compilers treat it as acquire,
 * and a dependency-ordered read would be too subtle to review.
 *
 * The rule that goes with it (STYLE.md): every atomic operation carries a
 * comment naming what it pairs with - which release an acquire reads from,
 * or why relaxed is enough.
 */
#ifndef SHM_MEMORDER_H
#define SHM_MEMORDER_H

#include <stdatomic.h>

#define RLX	memory_order_relaxed
#define ACQ	memory_order_acquire
#define REL	memory_order_release
#define ACQ_REL	memory_order_acq_rel
#define SEQ_CST	memory_order_seq_cst

#endif
