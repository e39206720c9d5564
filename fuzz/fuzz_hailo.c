/* SPDX-License-Identifier: MIT */
/*
 * fuzz_hailo - the Hailo bridge's decode-and-convert path on hostile
 * monitor files: bounded protobuf-c decoding, pid parsing, and the
 * conversion to contract series, whose label text must always be what
 * libshmtel accepts; and the wire scan that tells absent frame statistics
 * from zeros, which must walk whatever protobuf-c accepted.
 *
 * Random bytes rarely make a ProtoMon with deep content, so the first
 * byte picks a mode: even - the rest of the input is the file; odd - the
 * rest is read as a recipe (counts, names, numbers) for a message that is
 * packed with protobuf-c and then decoded like a file, which takes hostile
 * names and values through every branch of the converter.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hailo/hmon_convert.h"
#include "hailo/hmon_decode.h"
#include "lib/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct recipe {
	const uint8_t *p;
	size_t left;
	char strs[64][512];		/* the recipe's strings, valid until the next run */
	int nstr;
};

static uint8_t byte(struct recipe *r)
{
	if (!r->left)
		return 0;
	r->left--;
	return *r->p++;
}

static double num(struct recipe *r)
{
	uint64_t b = 0;
	double d;

	for (int i = 0; i < 8; i++)
		b = b << 8 | byte(r);
	memcpy(&d, &b, 8);
	return d;
}

/* A string of 0..~400 bytes (long ones hit the cut), never a NUL inside. */
static char *str(struct recipe *r)
{
	size_t n, i;
	char *s;

	if (r->nstr == 64)
		return "x";
	s = r->strs[r->nstr++];
	n = byte(r);
	if (n & 0x80)
		n = (n & 0x7f) * 3;
	for (i = 0; i < n && i < 511 && r->left; i++) {
		s[i] = (char)byte(r);
		if (!s[i])
			s[i] = '"';
	}
	s[i] = 0;
	return s;
}

/* Build, pack and return a message from the recipe; caller frees *out. */
static size_t build(struct recipe *r, uint8_t **out)
{
	ProtoMonInfo ni[4], *pni[4];
	ProtoMonDeviceInfo di[4], *pdi[4];
	ProtoMonStreamFramesInfo si[8], *psi[8];
	ProtoMonNetworkFrames nf[2], *pnf[2];
	ProtoMon m = PROTO_MON__INIT;
	char pid[16];
	size_t len;

	snprintf(pid, sizeof(pid), "%u", byte(r) * 257u);
	m.pid = byte(r) & 1 ? str(r) : pid;
	m.n_networks_infos = byte(r) % 5;
	for (size_t i = 0; i < m.n_networks_infos; i++) {
		proto_mon_info__init(&ni[i]);
		ni[i].network_name = str(r);
		ni[i].fps = byte(r) & 1 ? 1.7976931348623157e308 : num(r);
		ni[i].utilization = num(r);
		pni[i] = &ni[i];
	}
	m.networks_infos = pni;
	m.n_device_infos = byte(r) % 5;
	for (size_t i = 0; i < m.n_device_infos; i++) {
		proto_mon_device_info__init(&di[i]);
		di[i].device_id = str(r);
		di[i].device_arch = str(r);
		di[i].utilization = num(r);
		pdi[i] = &di[i];
	}
	m.device_infos = pdi;
	m.n_net_frames_infos = byte(r) % 3;
	for (size_t i = 0; i < m.n_net_frames_infos; i++) {
		proto_mon_network_frames__init(&nf[i]);
		nf[i].network_name = str(r);
		nf[i].n_streams_frames_infos = byte(r) % 5;
		nf[i].streams_frames_infos = &psi[i * 4];
		for (size_t j = 0; j < nf[i].n_streams_frames_infos; j++) {
			ProtoMonStreamFramesInfo *s = &si[i * 4 + j];

			proto_mon_stream_frames_info__init(s);
			s->stream_name = str(r);
			s->stream_direction = (ProtoMonStreamDirection)(int8_t)byte(r);
			s->buffer_frames_size = (int8_t)byte(r);
			s->pending_frames_count = (int8_t)byte(r);
			s->min_pending_frames_count = (int8_t)byte(r);
			s->max_pending_frames_count = (int8_t)byte(r);
			s->avg_pending_frames_count = num(r);
			psi[i * 4 + j] = s;
		}
		pnf[i] = &nf[i];
	}
	m.net_frames_infos = pnf;
	len = proto_mon__get_packed_size(&m);
	*out = malloc(len ? len : 1);
	if (!*out)
		abort();
	return proto_mon__pack(&m, *out);
}

static int check(void *arg, const struct hmon_value *v)
{
	char enc[SHM_LABELS_MAX];
	size_t len;

	(void)arg;
	/* Whatever the file said, libshmtel must take the series as named. */
	if (labels_encode(v->labels, enc, sizeof(enc), &len))
		abort();
	if (strncmp(v->name, "hailo_", 6) || strlen(v->name) >= SHM_NAME_MAX ||
	    strlen(v->unit) >= SHM_UNIT_MAX)
		abort();
	/* No infinity and no sentinel may pass as a number. */
	if (isinf(v->value) || v->value >= 1.7976931348623157e308)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct hmon_arena a;
	static struct recipe r;
	uint8_t *built = NULL;
	ProtoMon *m;
	int32_t pid;
	int stats;

	if (!a.base && hmon_arena_init(&a, HMON_ARENA_SIZE))
		abort();
	if (size && (data[0] & 1)) {
		r.p = data + 1;
		r.left = size - 1;
		r.nstr = 0;
		size = build(&r, &built);
		data = built;
	} else if (size) {
		data++;
		size--;
	}
	m = hmon_decode(&a, data, size);
	if (m) {
		/* What protobuf-c decoded, the presence scan must be able to walk. */
		stats = hmon_frame_stats(data, size);
		if (stats < 0)
			abort();
		if (!hmon_pid(m, &pid) && pid <= 0)
			abort();
		if (hmon_convert(m, stats ? 0 : HMON_NO_FRAME_STATS, check, NULL) < 0)
			abort();
	} else {
		/* On any bytes at all it must end, without reading past them. */
		(void)hmon_frame_stats(data, size);
	}
	hmon_release(&a, m);
	free(built);
	return 0;
}
