/* SPDX-License-Identifier: MIT */
/*
 * ring_hostile DIR NAME [TEXT] - write a ring whose series names, label
 * values and unit hold terminal escape sequences, quotes, backslashes,
 * newlines and invalid UTF-8, for the tests of every reader's escaping.
 *
 * With TEXT (any bytes, e.g. one C1 or bidirectional control character),
 * the ring holds instead one series "name" TEXT "end" with the label
 * who="v" TEXT "v" and the unit "u" TEXT, so that a test can put any
 * character in every place a reader prints (NAME is the agent name).
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
	char name[64], labels[64], unit[16];
	struct shmtel_agent *a;
	struct shmtel_series *s;
	int ret;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: ring_hostile DIR NAME [TEXT]\n");
		return 2;
	}
	if (argc == 4) {
		/* Put into a label value as it is: a quote or backslash would need escaping. */
		if (strlen(argv[3]) > 8 || strpbrk(argv[3], "\"\\")) {
			fprintf(stderr, "ring_hostile: TEXT: at most 8 bytes, no '\"' or '\\'\n");
			return 2;
		}
		snprintf(name, sizeof(name), "name%send", argv[3]);
		snprintf(labels, sizeof(labels), "who=\"v%sv\"", argv[3]);
		snprintf(unit, sizeof(unit), "u%s", argv[3]);
		d.name = name;
		d.labels = labels;
		d.unit = unit;
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
