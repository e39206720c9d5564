/* SPDX-License-Identifier: MIT */
/*
 * prom_lint - check a Prometheus text exposition for what promtool does
 * not (see readers/prom/prom_lint.h).  Reads FILE, or stdin.  Exit 0 clean,
 * 1 with the first problem on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "readers/prom/prom_lint.h"

int main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
	size_t len = 0, cap = 1 << 20, n;
	char *buf = malloc(cap), why[512];
	int ret;

	if (!f || !buf) {
		perror("prom_lint");
		return 1;
	}
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap && !(buf = realloc(buf, cap *= 2))) {
			perror("prom_lint");
			return 1;
		}
	}
	ret = prom_lint(buf, len, why, sizeof(why));
	if (ret)
		fprintf(stderr, "prom_lint: %s\n", ret == -12 ? "out of memory" : why);
	free(buf);
	return ret ? 1 : 0;
}
