/* SPDX-License-Identifier: MIT */
/*
 * fuzz_prom_lint - the parsers telemetry_prom's side owns: the exposition
 * checker the tests rely on (any text: must return, never crash or
 * overrun), the duration grammar of --gc and --loop, and the
 * comma-separated lists of --metrics, --exclude and --compat.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "readers/prom/prom_lint.h"
#include "readers/prom/prom_opts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256], *copy = malloc(size + 1), **list = NULL;
	uint64_t ns;

	if (!copy)
		abort();
	/* The exact bytes, unterminated: the checker must not read past them. */
	memcpy(copy, data, size);
	prom_lint(copy, size, why, sizeof(why));
	copy[size] = 0;
	if (!prom_duration(copy, &ns) && ns > 366 * 86400ull * 1000000000ull)
		abort();
	if (prom_list_add(&list, copy) == 0)
		for (size_t i = 0; list[i]; i++)
			if (!list[i][0] || strchr(list[i], ','))
				abort();
	prom_list_free(list);
	free(copy);
	return 0;
}
