/* SPDX-License-Identifier: MIT */
/*
 * nixl_mkring - write a NIXL telemetry ring file, byte by byte, for tests.
 *
 *   nixl_mkring [--version N] [--layout v1|named|typed-cat|typed]
 *               [--capacity N] [--mask N] [--read-pos N] [--write-pos N]
 *               [--size BYTES] FILE [EVENT...]
 *
 * Events are stored from --read-pos on (default 0) and write_pos is set
 * after the last one unless given.  EVENT is, per layout:
 *   v1         TIME_US:CATEGORY:NAME:VALUE
 *   named      CATEGORY:NAME:VALUE
 *   typed-cat  CATEGORY:TYPE:VALUE
 *   typed      TYPE:VALUE
 * --mask, --write-pos and --size make inconsistent files on purpose.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nixl_bytes.h"

static uint64_t num(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || end == s) {
		fprintf(stderr, "nixl_mkring: not a number: '%s'\n", s);
		exit(2);
	}
	return v;
}

/* Split @ev at ':' into at most @n fields (the last keeps any further ':'). */
static int split(char *ev, char **f, int n)
{
	int k = 0;

	f[k++] = ev;
	while (k < n && (ev = strchr(ev, ':'))) {
		*ev++ = 0;
		f[k++] = ev;
	}
	return k;
}

static void put_event(uint8_t *slot, enum nb_layout l, char *ev)
{
	static const int nfields[] = { [NB_V1] = 4, [NB_NAMED] = 3, [NB_TYPED_CAT] = 3, [NB_TYPED] = 2 };
	char *f[4];

	if (split(ev, f, nfields[l]) != nfields[l]) {
		fprintf(stderr, "nixl_mkring: event '%s' has the wrong number of fields\n", ev);
		exit(2);
	}
	switch (l) {
	case NB_V1:
		nb_event(slot, l, num(f[0]), (int32_t)num(f[1]), f[2], 0, num(f[3]));
		break;
	case NB_NAMED:
		nb_event(slot, l, 0, (int32_t)num(f[0]), f[1], 0, num(f[2]));
		break;
	case NB_TYPED_CAT:
		nb_event(slot, l, 0, (int32_t)num(f[0]), "", (uint32_t)num(f[1]), num(f[2]));
		break;
	case NB_TYPED:
		nb_event(slot, l, 0, 0, "", (uint32_t)num(f[0]), num(f[1]));
		break;
	}
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "version", required_argument, NULL, 'v' }, { "layout", required_argument, NULL, 'l' },
		{ "capacity", required_argument, NULL, 'c' }, { "mask", required_argument, NULL, 'm' },
		{ "read-pos", required_argument, NULL, 'r' }, { "write-pos", required_argument, NULL, 'w' },
		{ "size", required_argument, NULL, 's' }, { 0 },
	};
	int version = 4, layout = -1, have_mask = 0, have_wpos = 0, have_size = 0, c;
	uint64_t cap = 16, mask = 0, rpos = 0, wpos = 0, size = 0, esize, full;
	uint8_t *buf;
	FILE *f;

	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (c) {
		case 'v': version = (int)num(optarg); break;
		case 'l':
			if (!strcmp(optarg, "v1")) layout = NB_V1;
			else if (!strcmp(optarg, "named")) layout = NB_NAMED;
			else if (!strcmp(optarg, "typed-cat")) layout = NB_TYPED_CAT;
			else if (!strcmp(optarg, "typed")) layout = NB_TYPED;
			else return 2;
			break;
		case 'c': cap = num(optarg); break;
		case 'm': mask = num(optarg); have_mask = 1; break;
		case 'r': rpos = num(optarg); break;
		case 'w': wpos = num(optarg); have_wpos = 1; break;
		case 's': size = num(optarg); have_size = 1; break;
		default: return 2;
		}
	}
	if (optind >= argc || cap == 0 || cap > (1u << 20)) {
		fprintf(stderr, "usage: nixl_mkring [options] FILE [EVENT...] (capacity 1..2^20)\n");
		return 2;
	}
	if (layout < 0)
		layout = version == 1 ? NB_V1 : version == 2 ? NB_TYPED_CAT : NB_TYPED;
	esize = nb_event_size((enum nb_layout)layout);
	full = NB_HDR + cap * esize;
	if (!have_size)
		size = full;
	buf = calloc(1, full > size ? full : size);
	if (!buf)
		return 1;
	for (int i = optind + 1; i < argc; i++) {
		uint64_t slot = (rpos + (uint64_t)(i - optind - 1)) % cap;

		put_event(buf + NB_HDR + slot * esize, (enum nb_layout)layout, argv[i]);
	}
	if (!have_wpos)
		wpos = (rpos + (uint64_t)(argc - optind - 1)) % cap;
	nb_put64(buf + NB_OFF_WRITE, wpos);
	nb_put64(buf + NB_OFF_READ, rpos);
	nb_put32(buf + NB_OFF_VERSION, (uint32_t)version);
	nb_put32(buf + NB_OFF_EXPECTED, (uint32_t)version);
	nb_put64(buf + NB_OFF_CAPACITY, cap);
	nb_put64(buf + NB_OFF_MASK, have_mask ? mask : cap - 1);
	f = fopen(argv[optind], "wb");
	if (!f || fwrite(buf, 1, size, f) != size || fclose(f)) {
		perror(argv[optind]);
		return 1;
	}
	free(buf);
	return 0;
}
