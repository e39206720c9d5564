/* SPDX-License-Identifier: MIT */
/*
 * fuzz_prom_export - telemetry_prom's conversion of series into the text
 * exposition, on hostile series: any bytes in names, units, label keys
 * and values, any aggregate values and bounds, names that clash after
 * sanitizing.  Whatever comes in, the output must pass prom_lint (each
 * family once, no duplicate series, valid names, escapes and UTF-8,
 * well-formed histograms); anything else aborts.
 *
 * Input: byte 0 picks options (compat modes, prefix, hostname, up,
 * a selection glob), then an agent name (NUL-terminated), then series:
 * a header byte (kind, type, category), a name (NUL-terminated, or a pick
 * from the NIXL and Hailo names so the compat paths are reached), a unit,
 * label pairs (NUL-terminated strings, an empty key ends them), then
 * aggregate words and bounds.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "nixl/nixl_pub.h"
#include "nixl/nixl_ring.h"
#include "readers/prom/prom_agent.h"
#include "readers/prom/prom_compat.h"
#include "readers/prom/prom_lint.h"
#include "readers/prom/prom_out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

_Static_assert(PROM_NCOMPAT == 2, "bits 0 and 1 of the options pick the plug-ins");

/* After NIXL's series: Hailo's, and names that clash with families. */
static const char *const others[] = {
	"hailo_device_utilization", "hailo_network_fps", "up", "registered_series", "x_count",
	"x", "x_bucket", "agent_tx_bytes_total",
};
/* The series the NIXL bridge makes: one per type, one for all the errors. */
#define NNIXL (NIXL_T_COUNT - NIXL_NSTATUS + 1)
#define NKNOWN (NNIXL + sizeof(others) / sizeof(others[0]))
static const char *const units[] = { "", "bytes", "us", "ns", "ms", "s", "percent", "ratio",
				     "fps" };

/* Known name @i < NKNOWN: NIXL's in NIXL's order (nixl/ has them), then the others. */
static const char *known(size_t i)
{
	if (i < NIXL_T_ERR_FIRST)
		return nixl_type_name((int)i);
	if (i == NIXL_T_ERR_FIRST)
		return NIXL_PUB_ERRORS;
	if (i < NNIXL)
		return nixl_type_name((int)i + NIXL_NSTATUS - 1);
	return others[i - NNIXL];
}

struct in {
	const uint8_t *p, *end;
};

static uint8_t byte(struct in *in)
{
	return in->p < in->end ? *in->p++ : 0;
}

static uint64_t word(struct in *in)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | byte(in);
	return v;
}

/* A NUL-terminated string of at most @max - 1 bytes into @out. */
static void str(struct in *in, char *out, size_t max)
{
	size_t n = 0;
	uint8_t c;

	while ((c = byte(in)) && n + 1 < max)
		out[n++] = (char)c;
	out[n] = 0;
}

/* Label pairs in the ring's encoding, within SHM_LABELS_MAX. */
static void labels(struct in *in, struct ring_series *s)
{
	char k[SHM_LABELS_MAX], v[SHM_LABELS_MAX];
	size_t o = 0;

	memset(s->labels, 0, sizeof(s->labels));
	s->nlabels = 0;
	s->labels_len = 1;
	for (;;) {
		str(in, k, sizeof(k));
		if (!k[0])
			return;
		str(in, v, sizeof(v));
		if (o + strlen(k) + strlen(v) + 4 > sizeof(s->labels))
			return;
		memcpy(s->labels + o, k, strlen(k) + 1);
		o += strlen(k) + 1;
		memcpy(s->labels + o, v, strlen(v) + 1);
		o += strlen(v) + 1;
		s->nlabels++;
		s->labels_len = (uint32_t)o + 1;
	}
}

/* Bounds as ring_series_get() guarantees them: finite, strictly increasing. */
static void bounds(struct in *in, struct ring_series *s)
{
	s->nbounds = 1 + byte(in) % SHM_MAX_BOUNDS;
	for (uint32_t i = 0; i < s->nbounds; i++) {
		uint64_t w = word(in);
		double d;

		memcpy(&d, &w, sizeof(d));
		if (!isfinite(d) || (i && !(d > s->bounds[i - 1])))
			d = i ? s->bounds[i - 1] + 1 + (double)(w & 0xff) : (double)(w & 0xffff);
		if (i && !(d > s->bounds[i - 1]))
			d = nextafter(s->bounds[i - 1], INFINITY);
		s->bounds[i] = d;
	}
}

static void series(struct in *in, struct ring_series *s, struct ring_agg *g)
{
	uint8_t h = byte(in), pick = byte(in);

	memset(s, 0, sizeof(*s));
	memset(g, 0, sizeof(*g));
	s->kind = h % SHM_KIND_COUNT;
	s->vtype = (h / 3) % SHM_VTYPE_COUNT;
	s->category = (h / 9) % SHM_CAT_COUNT;
	if (pick < 2 * NKNOWN)
		snprintf(s->name, sizeof(s->name), "%s", known(pick / 2));
	else
		str(in, s->name, sizeof(s->name));
	if (!s->name[0])
		snprintf(s->name, sizeof(s->name), "n");
	pick = byte(in);
	if (pick < 2 * sizeof(units) / sizeof(units[0]))
		snprintf(s->unit, sizeof(s->unit), "%s", units[pick / 2]);
	else
		str(in, s->unit, sizeof(s->unit));
	labels(in, s);
	g->count = word(in);
	g->sum = word(in);
	g->last = word(in);
	g->last_ns = word(in);
	if (s->kind == SHM_KIND_HISTOGRAM) {
		bounds(in, s);
		for (uint32_t i = 0; i <= s->nbounds; i++)
			g->buckets[i] = word(in);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const glob[] = { "agent_tx*", NULL };
	struct in in = { data, data + size };
	struct prom_cfg c = { .prefix = "shmtel_", .meta_prefix = "shmtel_",
			      .compat_host = "host\"\n\\" };
	uint8_t opt = byte(&in);
	struct prom_agent *a = prom_agent_new();
	struct pout *o = pout_new(NULL, NULL);
	char agent[SHM_NAME_MAX], why[256], *text;
	struct ring_series s;
	struct ring_agg g;
	int fd, ret;
	off_t len;

	if (!a || !o)
		abort();
	c.compat = opt & 3;
	if (opt & 4)
		c.prefix = "";
	if (opt & 8)
		c.hostname = "h\xff\xfe";
	if (opt & 32)
		c.exclude = glob;
	str(&in, agent, sizeof(agent));
	prom_agent_begin(a, &c, agent, (int32_t)word(&in), !!(opt & 16));
	for (int n = 0; in.p < in.end && n < 64; n++) {
		series(&in, &s, &g);
		prom_agent_series(a, o, &c, &s, &g);
	}
	prom_agent_end(a, o, &c);

	fd = memfd_create("prom", 0);
	if (fd < 0 || pout_write(o, fd))
		abort();
	len = lseek(fd, 0, SEEK_END);
	text = malloc((size_t)len + 1);
	if (!text || pread(fd, text, (size_t)len, 0) != len)
		abort();
	ret = prom_lint(text, (size_t)len, why, sizeof(why));
	if (ret) {
		fprintf(stderr, "fuzz_prom_export: invalid output: %s\n%.*s", why, (int)len, text);
		abort();
	}
	free(text);
	close(fd);
	pout_free(o);
	prom_agent_free(a);
	return 0;
}
