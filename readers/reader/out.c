/* SPDX-License-Identifier: MIT */
/*
 * out.c - telemetry_reader's output formats (see out.h).
 *
 * The block format is NIXL's reader format, local time without a zone, so
 * it drops in where NIXL's reader was.  JSON is read by programs: every
 * record says what it is ("type"), and its timestamp carries the zone
 * offset, so records from hosts (or runs) in other zones compare.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "common/fmt.h"
#include "shm/ring_read.h"
#include "out.h"

/* "2025-01-15T14:30:25.123456+01:00": ISO 8601 in local time, with its offset. */
static void iso_time(char *buf, size_t len, uint64_t ns)
{
	/* localtime_r takes a lock: a stream repeats the same second many times. */
	static time_t last = -1;
	static char date[32], zone[8];
	time_t s = (time_t)(ns / 1000000000u);
	unsigned us = (unsigned)(ns % 1000000000u / 1000u);

	if (s != last) {
		struct tm tm;
		long off;

		localtime_r(&s, &tm);
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
		off = tm.tm_gmtoff;
		snprintf(zone, sizeof(zone), "%c%02ld:%02ld", off < 0 ? '-' : '+',
			 (off < 0 ? -off : off) / 3600 % 100, (off < 0 ? -off : off) / 60 % 60);
		last = s;
	}
	snprintf(buf, len, "%s.%06u%s", date, us, zone);
}

/* Print @in escaped for the output format. */
static void put_escaped(const char *in, enum out_fmt f)
{
	char buf[1024];

	if (f == OUT_JSON)
		esc_json(buf, sizeof(buf), in);
	else
		esc_term(buf, sizeof(buf), in);
	fputs(buf, stdout);
}

/*
 * name{labels} and the unit, escaped for a terminal.  Escaping is per
 * series, not per event, so results are cached by the (stable) pointers.
 */
struct name_text {
	const struct src_series *ser;
	char text[1024];
	char unit_text[64];
	size_t text_len, unit_len;
};

static struct name_text cache[256];

void out_forget(void)
{
	for (size_t i = 0; i < sizeof(cache) / sizeof(cache[0]); i++)
		cache[i].ser = NULL;
}

static const struct name_text *name_text(const struct src_event *e)
{
	const struct src_series *ser = e->ser;
	struct name_text *c = &cache[((uintptr_t)ser >> 4 ^ (uintptr_t)ser >> 12) & 255];

	if (c->ser != ser) {
		char labels[2048];
		size_t n = esc_term(c->text, sizeof(c->text), ser->name);

		if (ser->labels[0]) {
			fmt_labels_enc(labels, sizeof(labels), ser->labels, esc_term);
			snprintf(c->text + n, sizeof(c->text) - n, "{%s}", labels);
		}
		esc_term(c->unit_text, sizeof(c->unit_text), ser->unit);
		c->text_len = strlen(c->text);
		c->unit_len = strlen(c->unit_text);
		c->ser = ser;
	}
	return c;
}

static void put_json_labels(const char *enc)
{
	const char *k, *v;
	size_t pos = 0;
	int first = 1;

	fputs(",\"labels\":{", stdout);
	while (ring_label_next(enc, &pos, &k, &v)) {
		printf("%s\"", first ? "" : ",");
		put_escaped(k, OUT_JSON);
		fputs("\":\"", stdout);
		put_escaped(v, OUT_JSON);
		fputs("\"", stdout);
		first = 0;
	}
	fputs("}", stdout);
}

static void json_event(const struct src_event *e, const struct src *s, const char *val)
{
	char ts[64];
	double d = ring_value_double(SHM_F64, e->value);

	iso_time(ts, sizeof(ts), e->ns);
	printf("{\"type\":\"event\",\"timestamp\":\"%s\",\"ns\":%" PRIu64 ",\"agent\":\"", ts, e->ns);
	put_escaped(s->agent, OUT_JSON);
	printf("\",\"category\":\"%s\",\"name\":\"", fmt_category(e->category));
	put_escaped(e->ser->name, OUT_JSON);
	printf("\"");
	put_json_labels(e->ser->labels);
	/* JSON has no NaN or infinity: such a value is null. */
	printf(",\"value\":%s,\"unit\":\"", e->vtype == SHM_F64 && !(d - d == 0) ? "null" : val);
	put_escaped(e->ser->unit, OUT_JSON);
	printf("\",\"tid\":%u%s}\n", e->tid, e->ns_is_read_time ? ",\"read_time\":true" : "");
}

/*
 * The lines of --format line are put together here and handed to stdio
 * 64 KiB at a time: a call per line cost more than building the line.
 * Whatever else is printed goes to stdio after what is here (lines_sync).
 */
#define LINE_MAX_LEN (sizeof(((struct name_text *)0)->text) + \
		      sizeof(((struct name_text *)0)->unit_text) + 512)
static char lines[1 << 16];
static size_t lines_len;

static void lines_sync(void)
{
	if (lines_len)
		fwrite_unlocked(lines, 1, lines_len, stdout);
	lines_len = 0;
}

void out_flush(void)
{
	lines_sync();
	fflush(stdout);
}

/* Append @n bytes of @from at @p, within @end; the new end. */
static char *put(char *p, const char *end, const char *from, size_t n)
{
	if (n > (size_t)(end - p))
		n = (size_t)(end - p);
	memcpy(p, from, n);
	return p + n;
}

/*
 * One line of the line format, built in one buffer and handed to stdio in
 * one unlocked call: a reader prints millions of lines, and stdio's
 * per-call locking cost more than the formatting.
 */
static void line_event(uint64_t ns, const char *agent, const char *cat,
		       const struct name_text *nt, const char *val, size_t vlen)
{
	/* fmt_time()'s text; the part up to the second changes once a second. */
	static uint64_t last_s = UINT64_MAX;
	static char prefix[40];
	static size_t prefix_len;
	char *p;
	const char *end;
	unsigned us = (unsigned)(ns % 1000000000u / 1000u);

	if (sizeof(lines) - lines_len < LINE_MAX_LEN)
		lines_sync();
	p = lines + lines_len;
	end = p + LINE_MAX_LEN - 1;	/* room for the newline */

	if (ns / 1000000000u != last_s) {
		last_s = ns / 1000000000u;
		fmt_time(prefix, sizeof(prefix), last_s * 1000000000u);
		prefix_len = strlen(prefix);
		prefix_len -= prefix_len >= 6 ? 6 : prefix_len;	/* keep "....SS." */
	}
	p = put(p, end, prefix, prefix_len);
	for (int i = 5; i >= 0; i--, us /= 10)
		p[i] = (char)('0' + us % 10);
	p += 6;
	p = put(p, end, " ", 1);
	p = put(p, end, agent, strlen(agent));
	p = put(p, end, " ", 1);
	p = put(p, end, cat, strlen(cat));
	p = put(p, end, " ", 1);
	p = put(p, end, nt->text, nt->text_len);
	p = put(p, end, " ", 1);
	p = put(p, end, val, vlen);
	if (nt->unit_len) {
		p = put(p, end, " ", 1);
		p = put(p, end, nt->unit_text, nt->unit_len);
	}
	*p++ = '\n';
	lines_len = (size_t)(p - lines);
}

void out_event(enum out_fmt f, const struct src_event *e, const struct src *s, int show_agent)
{
	const struct name_text *nt;
	char ts[64], val[64];
	size_t vlen = fmt_value(val, sizeof(val), e->vtype, e->value);

	if (f != OUT_LINE)
		lines_sync();
	if (f == OUT_JSON) {
		json_event(e, s, val);
		return;
	}
	nt = name_text(e);
	if (f == OUT_LINE) {
		line_event(e->ns, s->agent_esc, fmt_category(e->category), nt, val, vlen);
		return;
	}
	fmt_time(ts, sizeof(ts), e->ns);
	if (f == OUT_BLOCK) {
		printf("=== NIXL Telemetry Event ===\n");
		if (show_agent)
			printf("Agent: %s\n", s->agent_esc);
		printf("Timestamp: %s\nCategory: %s\nEvent: %s\nValue: %s\n"
		       "===========================\n\n",
		       ts, fmt_category(e->category), nt->text, val);
		return;
	}
}

void out_missed(enum out_fmt f, const struct src *s, uint64_t n, uint64_t now_ns)
{
	char ts[64];

	lines_sync();
	switch (f) {
	case OUT_BLOCK:
		printf("=== Missed %" PRIu64 " events (", n);
		fputs(s->agent_esc, stdout);
		printf(": overwritten before they were read) ===\n\n");
		break;
	case OUT_LINE:
		printf("# missed %" PRIu64 " events from ", n);
		fputs(s->agent_esc, stdout);
		printf(" (overwritten before they were read)\n");
		break;
	case OUT_JSON:
		/* The writer's times of lost events are lost too: this is when the gap was seen. */
		iso_time(ts, sizeof(ts), now_ns);
		printf("{\"type\":\"missed\",\"missed\":%" PRIu64 ",\"agent\":\"", n);
		put_escaped(s->agent, OUT_JSON);
		printf("\",\"timestamp\":\"%s\",\"ns\":%" PRIu64 ",\"read_time\":true}\n", ts, now_ns);
		break;
	}
}
