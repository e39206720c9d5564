/* SPDX-License-Identifier: MIT */
/*
 * top_power_view.c - the Power view: watts and energy per source, the
 * host total, temperatures, and energy per unit of Hailo or NIXL work,
 * fitted to the sink's width like the Hailo view (cut, never wrapped).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_power.h"
#include "top_table.h"
#include "top_text.h"
#include "top_view.h"

static const struct top_col src_cols[] = {
	{ "Source", 6, 10, 0, 0 }, { "What", 12, 40, 0, 0 }, { "Watts", 9, 10, 1, 0 },
	{ "Energy (J)", 10, 14, 1, 0 }, { "Host", 4, 4, 0, 1 },
};
static const struct top_col temp_cols[] = {
	{ "Source", 6, 10, 0, 0 }, { "Sensor", 12, 50, 0, 0 }, { "Temp", 7, 8, 1, 0 },
};

static const struct top_mark none = { .row = -1, .state_x = -1 };

/* A number with @prec decimals, "-" for no inputs. */
static void num(char *out, size_t len, double v, int prec)
{
	if (isnan(v) || isinf(v))
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.*f", prec, v);
}

static void line(struct top_sink *k, enum top_lk kind, const char *s)
{
	char buf[TOP_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", s);
	txt_cut(buf, sizeof(buf), k->width);
	k->line(k, kind, buf, &none);
}

static void work(struct top_sink *k, const struct top_power *p)
{
	char a[64], b[64], out[256];

	if (!p->hailo && !p->nixl)
		return;
	k->line(k, TOP_L_TITLE, "Energy per work", &none);
	if (p->hailo) {
		num(a, sizeof(a), p->joules_per_frame, 4);
		num(b, sizeof(b), p->fps, 2);
		snprintf(out, sizeof(out), "Joules per frame: %s J  (Hailo %s fps)", a, b);
		line(k, TOP_L_TEXT, out);
	}
	if (p->nixl) {
		num(a, sizeof(a), p->bytes_per_joule, 0);
		num(b, sizeof(b), p->bytes_per_s, 0);
		snprintf(out, sizeof(out), "Bytes per joule: %s B/J  (NIXL %s B/s)", a, b);
		line(k, TOP_L_TEXT, out);
	}
	k->line(k, TOP_L_TEXT, "", &none);
}

void top_view_power(const struct top_snap *s, struct top_sink *k)
{
	struct top_power p;
	struct top_tbl t;
	char total[64], out[256];
	size_t most;

	if (top_power_build(s, &p)) {
		top_message(k, "Power view: out of memory");
		return;
	}
	most = p.nsrc > p.ntemp ? p.nsrc : p.ntemp;
	t.cell = most ? calloc(most, sizeof(*t.cell)) : NULL;
	if (most && !t.cell) {
		top_message(k, "Power view: out of memory");
		top_power_free(&p);
		return;
	}
	if (!p.nsrc && !p.ntemp)
		top_message(k, "No power data: no agent that is up carries power or temperature series "
			       "(is telemetry_power running?).");
	t.c = src_cols;
	t.n = 5;
	t.rows = p.nsrc;
	for (size_t r = 0; r < p.nsrc; r++) {
		txt_esc(t.cell[r][0], TOP_CELL, p.src[r].source);
		txt_esc(t.cell[r][1], TOP_CELL, p.src[r].what);
		num(t.cell[r][2], TOP_CELL, p.src[r].watts, 2);
		num(t.cell[r][3], TOP_CELL, p.src[r].joules, 3);
		snprintf(t.cell[r][4], TOP_CELL, "%s", p.src[r].host ? "yes" : "");
	}
	if (t.rows) {
		top_tbl_print(k, "Power", &t);
		num(total, sizeof(total), p.host_watts, 2);
		snprintf(out, sizeof(out), "Host total: %s W  (%s)", total,
			 p.rapl ? "RAPL package zones" : "all sources but RAPL sub-zones");
		line(k, TOP_L_TEXT, out);
		k->line(k, TOP_L_TEXT, "", &none);
	}
	work(k, &p);
	t.c = temp_cols;
	t.n = 3;
	t.rows = p.ntemp;
	for (size_t r = 0; r < p.ntemp; r++) {
		txt_esc(t.cell[r][0], TOP_CELL, p.temp[r].source);
		txt_esc(t.cell[r][1], TOP_CELL, p.temp[r].sensor);
		num(t.cell[r][2], TOP_CELL, p.temp[r].celsius, 1);
		if (!isnan(p.temp[r].celsius) && !isinf(p.temp[r].celsius))
			snprintf(t.cell[r][2] + strlen(t.cell[r][2]), TOP_CELL - strlen(t.cell[r][2]), "%s",
				 txt_utf8() ? " \xc2\xb0""C" : " C");
	}
	if (t.rows)
		top_tbl_print(k, "Temperatures (hottest first)", &t);
	free(t.cell);
	top_power_free(&p);
}
