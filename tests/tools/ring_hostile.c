/* SPDX-License-Identifier: MIT */
/*
 * ring_hostile DIR NAME - write a ring whose series names, label values
 * and unit hold terminal escape sequences, quotes, backslashes, newlines
 * and invalid UTF-8, for the tests of every reader's escaping.
 */
#include <stdio.h>
#include <string.h>
#include "shmtel.h"

int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .capacity = 64 };
	struct shmtel_series_desc d = {
		.category = SHMTEL_CUSTOM, .name = "evil\x1b[2J\"name\\\n\xff",
		.labels = "who=\"\x1b]0;pwned\x07 \\\"q\\\" \\\\ \\n\xc3\x28\"", .kind = SHMTEL_GAUGE,
		.type = SHMTEL_U64, .unit = "\x1b[31m",
	};
	struct shmtel_agent *a;
	struct shmtel_series *s;
	int ret;

	if (argc != 3) {
		fprintf(stderr, "usage: ring_hostile DIR NAME\n");
		return 2;
	}
	cfg.dir = argv[1];
	cfg.name = argv[2];
	ret = shmtel_agent_open(&cfg, &a);
	if (!ret)
		ret = shmtel_series_get(a, &d, &s);
	if (ret) {
		fprintf(stderr, "ring_hostile: %s\n", strerror(-ret));
		return 1;
	}
	shmtel_emit(s, 7);
	shmtel_agent_close(a);
	return 0;
}
