/* SPDX-License-Identifier: MIT */
/*
 * prom_lint.h - check a Prometheus text exposition for what promtool
 * does not: each family once (HELP, TYPE, then all its samples), no
 * duplicate series (an empty label value counting as no label), no
 * timestamps, a final newline, valid names, label escapes and UTF-8, no
 * control character but newline and tab (C1, bidirectional and line
 * separators included), no negative counter, and well-formed histograms (le increasing, counts cumulative, +Inf last and
 * equal to _count, then _sum and _count).
 *
 * Stricter than the format: it accepts what telemetry_prom must produce,
 * no comments other than HELP and TYPE, and no empty lines.  The tests
 * run it on the tool's output; the fuzzer runs it on anything.
 */
#ifndef READERS_PROM_LINT_H
#define READERS_PROM_LINT_H

#include <stddef.h>

/*
 * prom_lint: 0 if @text (@len bytes) is clean, else -EINVAL with the first
 * problem in @why ("line 12: duplicate series"), or -ENOMEM.
 */
int prom_lint(const char *text, size_t len, char *why, size_t whylen);

#endif
