/* SPDX-License-Identifier: MIT */
/*
 * bench.h - what every benchmark needs: a monotonic clock and a median
 * (benchmarks report medians, the machine being noisy).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* bench_median: the median of @n values (sorts @v in place). */
static inline double bench_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), bench_cmp_double);
	return v[n / 2];
}

/* bench_row: one table row, the value and its ratio to the row's baseline. */
static inline void bench_row(const char *what, double v, double base)
{
	printf("  %-44s %8.2f %8.2f\n", what, v, v / base);
}

#endif
