/* SPDX-License-Identifier: MIT */
/*
 * top_json.c - the JSON snapshot (see top_json.h).  Every string from a
 * ring goes through esc_json.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include "common/fmt.h"
#include "top_json.h"
#include "top_power.h"

/* "key":"value", both escaped: label keys come from the file too. */
static void str(FILE *f, const char *key, const char *v)
{
	char k[SHM_LABELS_MAX * 6 + 8], buf[SHM_LABELS_MAX * 6 + 8];

	esc_json(k, sizeof(k), key);
	esc_json(buf, sizeof(buf), v ? v : "");
	fprintf(f, "\"%s\":\"%s\"", k, buf);
}

/* A double, or null for no value (JSON has no NaN or infinities). */
static void dbl(FILE *f, const char *key, double v)
{
	if (isfinite(v))
		fprintf(f, ",\"%s\":%.17g", key, v);
	else
		fprintf(f, ",\"%s\":null", key);
}

/* A raw value of @vtype, exact; null when there is none. */
static void raw(FILE *f, const char *key, uint8_t vtype, uint64_t bits, int have)
{
	char buf[64];

	if (!have || (vtype == SHM_F64 && !isfinite(ring_value_double(SHM_F64, bits)))) {
		fprintf(f, ",\"%s\":null", key);
		return;
	}
	fmt_value(buf, sizeof(buf), vtype, bits);
	fprintf(f, ",\"%s\":%s", key, buf);
}

static void agent(FILE *f, const struct top_snap *s, const struct top_agent_row *a)
{
	fputc('{', f);
	str(f, "file", a->file);
	fputc(',', f);
	str(f, "name", a->name);
	fprintf(f, ",\"state\":\"%s\",\"up\":%s", top_state_names[a->state],
		a->state == TOP_LIVE ? "true" : "false");
	if (a->state == TOP_ERROR) {
		fputc(',', f);
		str(f, "error", a->why);
		fputc('}', f);
		return;
	}
	fprintf(f, ",\"pid\":%" PRId32 ",\"writer_pid\":%" PRId32, a->pid, a->writer_pid);
	dbl(f, "events_per_s", a->rate);
	fprintf(f, ",\"written\":%" PRIu64 ",\"missed\":%" PRIu64 ",\"dropped\":%" PRIu64
		",\"series\":%" PRIu32, a->written, a->missed, a->dropped, a->nseries);
	if (a->last_ns)
		fprintf(f, ",\"last_ns\":%" PRIu64, a->last_ns);
	else
		fprintf(f, ",\"last_ns\":null");
	/* A busy writer stamps events after the snapshot's clock was read: that is age 0. */
	dbl(f, "age_s", !a->last_ns ? NAN : s->wall > a->last_ns ? (double)(s->wall - a->last_ns) / 1e9 : 0);
	fputc('}', f);
}

static void labels(FILE *f, const char *enc)
{
	const char *k, *v;
	size_t pos = 0;
	int first = 1;

	fprintf(f, ",\"labels\":{");
	while (ring_label_next(enc, &pos, &k, &v)) {
		if (!first)
			fputc(',', f);
		str(f, k, v);
		first = 0;
	}
	fputc('}', f);
}

static void series(FILE *f, const struct top_snap *s, const struct top_series_row *r)
{
	const struct top_stat *t = &r->st;
	double sum = ring_value_double(r->vtype, t->sum);
	static const char *const vtypes[] = { "u64", "i64", "f64" };

	fputc('{', f);
	str(f, "agent", s->agents[r->agent].name);
	fputc(',', f);
	str(f, "file", s->agents[r->agent].file);
	fprintf(f, ",\"category\":\"%s\",", fmt_category(r->category));
	str(f, "name", r->name);
	labels(f, r->labels);
	fprintf(f, ",\"kind\":\"%s\",\"type\":\"%s\",", ring_kind_names[r->kind], vtypes[r->vtype]);
	str(f, "unit", r->unit);
	fprintf(f, ",\"count\":%" PRIu64, t->count);
	raw(f, "sum", r->vtype, t->sum, 1);
	dbl(f, "rate", r->rate);
	raw(f, "last", r->vtype, t->last, t->count > 0);
	raw(f, "min", r->vtype, t->min, t->count > 0);
	raw(f, "max", r->vtype, t->max, t->count > 0);
	dbl(f, "mean", t->count ? sum / (double)t->count : NAN);
	dbl(f, "p50", t->p50);
	dbl(f, "p99", t->p99);
	if (t->last_ns)
		fprintf(f, ",\"last_ns\":%" PRIu64 "}", t->last_ns);
	else
		fprintf(f, ",\"last_ns\":null}");
}

static void hailo(FILE *f, const struct top_hailo *h)
{
	fprintf(f, "\"hailo\":{\"rings\":%u,\"up\":%u,\"fresh\":%s", h->rings, h->up,
		h->ndev || h->nnet || h->nstr ? "true" : "false");
	if (!h->ndev && !h->nnet && !h->nstr) {
		fputc(',', f);
		str(f, "why", h->why);
	}
	fprintf(f, ",\"devices\":[");
	for (size_t i = 0; i < h->ndev; i++) {
		fprintf(f, "%s{", i ? "," : "");
		str(f, "device_id", h->dev[i].id);
		fputc(',', f);
		str(f, "architecture", h->dev[i].arch);
		dbl(f, "utilization", h->dev[i].util);
		fputc('}', f);
	}
	fprintf(f, "],\"networks\":[");
	for (size_t i = 0; i < h->nnet; i++) {
		fprintf(f, "%s{", i ? "," : "");
		str(f, "model", h->net[i].model);
		dbl(f, "utilization", h->net[i].util);
		dbl(f, "fps", h->net[i].fps);
		fprintf(f, ",\"pid\":%" PRId32 "}", h->net[i].pid);
	}
	fprintf(f, "],\"frames\":[");
	for (size_t i = 0; i < h->nstr; i++) {
		const struct top_hailo_stream *t = &h->str[i];

		fprintf(f, "%s{", i ? "," : "");
		str(f, "model", t->model);
		fputc(',', f);
		str(f, "stream", t->stream);
		fprintf(f, ",\"direction\":\"%s\"", t->h2d ? "host_to_device" : "device_to_host");
		dbl(f, "avg", t->avg);
		dbl(f, "max", t->max);
		dbl(f, "min", t->min);
		dbl(f, "capacity", t->capacity);
		dbl(f, "now", t->now);
		fprintf(f, ",\"pid\":%" PRId32 "}", t->pid);
	}
	fprintf(f, "]}");
}

static void power(FILE *f, const struct top_snap *s)
{
	struct top_power p;

	if (top_power_build(s, &p)) {
		fprintf(f, "\"power\":null");
		return;
	}
	fprintf(f, "\"power\":{\"sources\":[");
	for (size_t i = 0; i < p.nsrc; i++) {
		fprintf(f, "%s{", i ? "," : "");
		str(f, "source", p.src[i].source);
		fputc(',', f);
		str(f, "what", p.src[i].what);
		dbl(f, "watts", p.src[i].watts);
		dbl(f, "joules", p.src[i].joules);
		fprintf(f, ",\"in_host_total\":%s}", p.src[i].host ? "true" : "false");
	}
	fprintf(f, "]");
	dbl(f, "host_watts", p.host_watts);
	fprintf(f, ",\"host_rule\":\"%s\",\"temperatures\":[",
		p.rapl ? "rapl_packages" : "all_but_rapl_subzones");
	for (size_t i = 0; i < p.ntemp; i++) {
		fprintf(f, "%s{", i ? "," : "");
		str(f, "source", p.temp[i].source);
		fputc(',', f);
		str(f, "sensor", p.temp[i].sensor);
		dbl(f, "celsius", p.temp[i].celsius);
		fputc('}', f);
	}
	fprintf(f, "]");
	dbl(f, "hailo_fps", p.fps);
	dbl(f, "nixl_bytes_per_s", p.bytes_per_s);
	dbl(f, "joules_per_frame", p.joules_per_frame);
	dbl(f, "bytes_per_joule", p.bytes_per_joule);
	fputc('}', f);
	top_power_free(&p);
}

void top_json(FILE *f, const struct top_snap *s, const struct top_list *agents,
	      const struct top_list *ser, const struct top_hailo *h, const char *dir,
	      const char *dir_err, double interval, unsigned skipped)
{
	unsigned exited = 0;

	fputc('{', f);
	str(f, "dir", dir);
	if (dir_err) {
		fputc(',', f);
		str(f, "dir_error", dir_err);
	}
	fprintf(f, ",\"time_ns\":%" PRIu64, s->wall);
	dbl(f, "interval_s", interval);
	for (size_t i = 0; i < s->nagents; i++)
		exited += s->agents[i].state == TOP_EXITED;
	/* "dead": every agent that is not live, as before; "exited" of them closed cleanly. */
	fprintf(f, ",\"live\":%u,\"dead\":%u,\"exited\":%u,\"unreadable\":%u,\"hidden\":%u,"
		"\"nixl_format\":%u,\"skipped_files\":%u",
		s->live, s->dead, exited, s->errors, s->hidden, s->nixl, skipped);
	dbl(f, "events_per_s", s->rate);
	fprintf(f, ",\"missed\":%" PRIu64 ",\"dropped\":%" PRIu64 ",\"agents\":[", s->missed,
		s->dropped);
	for (size_t i = 0; i < agents->n; i++) {
		if (i)
			fputc(',', f);
		agent(f, s, &s->agents[agents->idx[i]]);
	}
	fprintf(f, "],\"series\":[");
	for (size_t i = 0; i < ser->n; i++) {
		if (i)
			fputc(',', f);
		series(f, s, &s->series[ser->idx[i]]);
	}
	fprintf(f, "],");
	hailo(f, h);
	fputc(',', f);
	power(f, s);
	fprintf(f, "}\n");
}
