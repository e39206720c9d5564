/* SPDX-License-Identifier: MIT */
/*
 * top_graph.c - sparklines and history graphs (see top_graph.h).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "common/fmt.h"
#include "top_graph.h"
#include "top_table.h"
#include "top_text.h"

static const struct top_mark none = { .row = -1, .state_x = -1 };

void top_spark(char *out, size_t len, const float *v, int n)
{
	static const char *const blocks[] = {
		"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
	};
	static const char ascii[] = ".:-=+*#@";
	float lo = INFINITY, hi = -INFINITY, span;
	size_t o = 0;

	for (int i = 0; i < n; i++) {
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
	}
	span = hi - lo > hi / 10 ? hi - lo : hi / 10;
	for (int i = 0; i < n && o + 4 < len; i++) {
		/* Zero stays blank so that "idle" and "a little" look different. */
		int level = v[i] > 0 ? (int)lroundf((v[i] - lo) / span * 7) : -1;

		if (level > 7)
			level = 7;
		if (level < 0) {
			out[o++] = ' ';
		} else if (txt_utf8()) {
			memcpy(out + o, blocks[level], 3);
			o += 3;
		} else {
			out[o++] = ascii[level];
		}
	}
	out[o] = 0;
}

static void value_text(char *out, size_t len, const struct top_plot *p, double v)
{
	size_t n;

	txt_num(out, len, v, p->unit ? p->unit : "");
	n = strlen(out);
	if (p->per_second && !isnan(v) && n + 3 < len)
		snprintf(out + n, len - n, "/s");
}

static void span_text(char *out, size_t len, uint64_t ns)
{
	uint64_t s = (ns + 500000000u) / 1000000000u;

	if (s < 120)
		snprintf(out, len, "%" PRIu64 "s", s);
	else
		snprintf(out, len, "%" PRIu64 "m%02" PRIu64 "s", s / 60, s % 60);
}

/* Smallest and largest value of samples @from.. of @t; NaN, NaN if none. */
static void range(const struct top_trace *t, size_t from, double *lo, double *hi)
{
	*lo = *hi = NAN;
	for (size_t i = from; i < t->n; i++) {
		if (isnan(t->v[i]))
			continue;
		if (isnan(*lo) || t->v[i] < *lo)
			*lo = t->v[i];
		if (isnan(*hi) || t->v[i] > *hi)
			*hi = t->v[i];
	}
}

/*
 * The title: what is plotted, then the newest value, the range, and how
 * far back the plot goes.  The numbers always show: a long name gives way,
 * cut in the middle so that what tells it apart (its end) stays.
 */
static void title_line(struct top_sink *k, const struct top_plot *p, const struct top_trace *t,
		       size_t from, double lo, double hi)
{
	char line[TOP_LINE_MAX], name[TOP_LINE_MAX / 2], vals[256], now[64], a[64], b[64], span[32];
	double last = t->n ? t->v[t->n - 1] : NAN;
	int room;

	value_text(now, sizeof(now), p, last);
	value_text(a, sizeof(a), p, lo);
	value_text(b, sizeof(b), p, hi);
	span_text(span, sizeof(span), t->n > from ? t->mono[t->n - 1] - t->mono[from] : 0);
	snprintf(vals, sizeof(vals), "now %s  min %s  max %s  over %s", now, a, b, span);
	room = k->width > 0 ? k->width - txt_width(vals) - 3 : 0;
	if (room > (int)(sizeof(name) - 1) / 4)
		room = (int)(sizeof(name) - 1) / 4;
	if (room >= 8 && txt_width(p->title) > room)
		txt_fit_cut(name, sizeof(name), p->title, room, 0, (room - 1) / 2);
	else
		snprintf(name, sizeof(name), "%s", p->title);
	snprintf(line, sizeof(line), "%s   %s", name, vals);
	txt_cut(line, sizeof(line), k->width);
	k->line(k, TOP_L_TITLE, line, &none);
}

/* Dots of a braille cell's left and right column, from the bottom up. */
static const unsigned dots[2][4] = { { 0x40, 0x04, 0x02, 0x01 }, { 0x80, 0x20, 0x10, 0x08 } };

/*
 * One line of the plot: the cells of text row @r (0 at the top) of @h.
 * @lv holds each dot column's filled height, 0 for none.
 */
static void plot_row(char *out, size_t len, const int *lv, int cells, int r, int h, int utf8)
{
	int per = utf8 ? 2 : 1, cell_h = utf8 ? 4 : 2, base = (h - 1 - r) * cell_h;
	size_t o = 0;

	for (int c = 0; c < cells && o + 4 < len; c++) {
		unsigned bits = 0;
		int fill[2] = { 0, 0 };

		for (int s = 0; s < per; s++) {
			fill[s] = lv[c * per + s] - base;
			fill[s] = fill[s] < 0 ? 0 : fill[s] > cell_h ? cell_h : fill[s];
		}
		if (!utf8) {
			out[o++] = fill[0] == 2 ? '#' : fill[0] == 1 ? '.' : ' ';
			continue;
		}
		for (int s = 0; s < 2; s++)
			for (int d = 0; d < fill[s]; d++)
				bits |= dots[s][d];
		if (!bits) {
			out[o++] = ' ';
			continue;
		}
		/* U+2800 + bits, in UTF-8. */
		out[o++] = (char)0xe2;
		out[o++] = (char)(0xa0 | (bits >> 6));
		out[o++] = (char)(0x80 | (bits & 0x3f));
	}
	out[o] = 0;
}

/* Under the plot: how long ago its oldest sample (at column @at) was, and "now" on the right. */
static void time_axis(struct top_sink *k, const struct top_trace *t, size_t from, int at, int width)
{
	char line[TOP_LINE_MAX], ago[40];
	int n;

	ago[0] = '-';
	span_text(ago + 1, sizeof(ago) - 1, t->n > from ? t->mono[t->n - 1] - t->mono[from] : 0);
	memset(line, ' ', (size_t)width);
	line[width] = 0;
	n = (int)strlen(ago);
	if (t->n > from + 1 && at + n + 5 <= width)
		memcpy(line + at, ago, (size_t)n);
	if (width >= 3)
		memcpy(line + width - 3, "now", 3);
	k->line(k, TOP_L_TEXT, line, &none);
}

void top_graph(struct top_sink *k, const struct top_plot *p, const struct top_trace *t, int rows)
{
	int width = k->width > 0 ? k->width : 80, utf8 = txt_utf8(), per = utf8 ? 2 : 1;
	int h = rows - 2, lw, pw, dcols, lv[2 * TOP_LINE_MAX / 4];
	char line[TOP_LINE_MAX], hi_s[64], lo_s[64], cell[4 * 64 + 1];
	double lo, hi;
	size_t from, shown;

	if (width > 4096)
		width = 4096;
	if (h < 1)
		return;
	/* Label the axis with the range of what could be shown, then fit the plot beside it. */
	from = t->n > (size_t)(width * per) ? t->n - (size_t)(width * per) : 0;
	range(t, from, &lo, &hi);
	value_text(hi_s, sizeof(hi_s), p, hi);
	value_text(lo_s, sizeof(lo_s), p, lo);
	lw = txt_width(hi_s) > txt_width(lo_s) ? txt_width(hi_s) : txt_width(lo_s);
	if (lw > 16)
		lw = 16;
	pw = width - lw - 1;
	if (pw < 1)
		return;
	if (pw > (int)(sizeof(lv) / sizeof(lv[0])) / per)
		pw = (int)(sizeof(lv) / sizeof(lv[0])) / per;
	dcols = pw * per;
	shown = t->n < (size_t)dcols ? t->n : (size_t)dcols;
	from = t->n - shown;
	range(t, from, &lo, &hi);
	value_text(hi_s, sizeof(hi_s), p, hi);
	value_text(lo_s, sizeof(lo_s), p, lo);
	title_line(k, p, t, from, lo, hi);

	/* Filled heights, newest on the right; the smallest value still shows one dot. */
	for (int x = 0; x < dcols; x++) {
		long j = (long)x - (dcols - (long)shown) + (long)from;
		double v = j >= (long)from ? t->v[j] : NAN;
		int levels = h * (utf8 ? 4 : 2);

		if (isnan(v))
			lv[x] = 0;
		else
			lv[x] = hi > lo ? 1 + (int)lround((v - lo) / (hi - lo) * (levels - 1)) : 1;
	}
	for (int r = 0; r < h; r++) {
		/* A steady value has one label, at the bottom where its line is. */
		const char *label = r == h - 1 ? lo_s : r == 0 && hi > lo ? hi_s : "";
		size_t o;

		txt_fit(cell, sizeof(cell), label, lw, 1);
		o = (size_t)snprintf(line, sizeof(line), "%s ", cell);
		plot_row(line + o, sizeof(line) - o, lv, pw, r, h, utf8);
		k->line(k, TOP_L_TEXT, line, &none);
	}

	time_axis(k, t, from, lw + 1 + (dcols - (int)shown) / per, width);
}
