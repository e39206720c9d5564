/* SPDX-License-Identifier: MIT */
/*
 * top_hailo_view.c - the Hailo view: the three tables `hailortcli monitor`
 * prints, laid out to fit an 80-column terminal (names are cut in the
 * middle, where they differ least, lines never wrap), or the reason there
 * is nothing to show.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_table.h"
#include "top_text.h"
#include "top_view.h"

static const struct top_col dev_cols[] = {
	{ "Device ID", 12, 40, 0, 0 }, { "Utilization (%)", 15, 15, 1, 0 },
	{ "Architecture", 12, 20, 0, 0 },
};
static const struct top_col net_cols[] = {
	{ "Model", 12, 40, 0, 0 }, { "Utilization (%)", 15, 15, 1, 0 }, { "FPS", 9, 9, 1, 0 },
	{ "PID", 8, 8, 1, 0 },
};
static const struct top_col frame_cols[] = {
	{ "Model", 8, 28, 0, 0 }, { "Stream", 10, 36, 0, 0 }, { "Direction", 9, 9, 0, 0 },
	{ "Avg", 7, 7, 1, 0 }, { "Max", 7, 7, 1, 0 }, { "Min", 7, 7, 1, 0 },
	{ "Capacity", 8, 8, 1, 0 },
};
static const struct top_mark none = { .row = -1, .state_x = -1 };

/* A number with @prec decimals, "-" for no value. */
static void num(char *out, size_t len, double v, int prec)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.*f", prec, v);
}

/* Counts of frames are whole numbers, but some bridges' are not. */
static void frames(char *out, size_t len, double v)
{
	num(out, len, v, !isnan(v) && v == floor(v) && fabs(v) < 1e15 ? 0 : 2);
}

#define CELL TOP_CELL

void top_tbl_print(struct top_sink *k, const char *title, const struct top_tbl *t)
{
	const char *p[TOP_TBL_COLS], **col = calloc(t->rows ? t->rows : 1, sizeof(*col));
	int need[TOP_TBL_COLS], w[TOP_TBL_COLS], *heads = calloc(t->rows ? t->rows : 1,
								  TOP_TBL_COLS * sizeof(*heads));
	char line[TOP_LINE_MAX];

	k->line(k, TOP_L_TITLE, title, &none);
	for (int i = 0; i < t->n; i++) {
		need[i] = txt_width(t->c[i].title);
		p[i] = t->c[i].title;
		for (size_t r = 0; r < t->rows; r++) {
			int wd = txt_width(t->cell[r][i]);

			if (wd > need[i])
				need[i] = wd;
		}
	}
	top_layout(t->c, t->n, need, k->width, w);
	top_join(line, t->c, t->n, w, p, NULL, -1, k->width, -1, NULL);
	k->line(k, TOP_L_HEAD, line, &none);
	/* Where each cut keeps its start, so that rows read apart (three streams of one model). */
	for (int i = 0; col && heads && i < t->n; i++) {
		int h[256];

		for (size_t r0 = 0; r0 < t->rows; r0 += 256) {
			size_t nr = t->rows - r0 < 256 ? t->rows - r0 : 256;

			for (size_t r = 0; r < nr; r++)
				col[r] = t->cell[r0 + r][i];
			top_heads(&t->c[i], col, nr, w[i], h);
			for (size_t r = 0; r < nr; r++)
				heads[(r0 + r) * TOP_TBL_COLS + (size_t)i] = h[r];
		}
	}
	for (size_t r = 0; r < t->rows; r++) {
		for (int i = 0; i < t->n; i++)
			p[i] = t->cell[r][i];
		top_join(line, t->c, t->n, w, p, col && heads ? heads + r * TOP_TBL_COLS : NULL, -1,
			 k->width, -1, NULL);
		k->line(k, TOP_L_ROW, line, &none);
	}
	k->line(k, TOP_L_TEXT, "", &none);
	free(col);
	free(heads);
}

/* A message may fold, a table row never does. */
void top_message(struct top_sink *k, const char *msg)
{
	char line[TOP_LINE_MAX];
	int width = k->width > 0 ? k->width : 100;

	while (*msg) {
		size_t n = strlen(msg), cut = n;

		if ((int)n > width) {
			cut = (size_t)width;
			while (cut > 0 && msg[cut] != ' ')
				cut--;
			if (!cut)
				cut = (size_t)width;
		}
		if (cut >= sizeof(line))
			cut = sizeof(line) - 1;
		memcpy(line, msg, cut);
		line[cut] = 0;
		k->line(k, TOP_L_TEXT, line, &none);
		msg += cut;
		while (*msg == ' ')
			msg++;
	}
}

void top_view_hailo(const struct top_hailo *h, struct top_sink *k)
{
	size_t most = h->ndev > h->nnet ? h->ndev : h->nnet;
	struct top_tbl t;

	if (!h->ndev && !h->nnet && !h->nstr) {
		top_message(k, h->why);
		return;
	}
	if (h->nstr > most)
		most = h->nstr;
	t.cell = calloc(most, sizeof(*t.cell));
	if (!t.cell) {
		top_message(k, "Hailo view: out of memory");
		return;
	}
	t.c = dev_cols;
	t.n = 3;
	t.rows = h->ndev;
	for (size_t r = 0; r < h->ndev; r++) {
		const struct top_hailo_dev *d = &h->dev[r];

		txt_esc(t.cell[r][0], CELL, d->id);
		num(t.cell[r][1], CELL, d->util, 1);
		txt_esc(t.cell[r][2], CELL, d->arch ? d->arch : "");
	}
	if (t.rows)
		top_tbl_print(k, "Devices", &t);
	t.c = net_cols;
	t.n = 4;
	t.rows = h->nnet;
	for (size_t r = 0; r < h->nnet; r++) {
		const struct top_hailo_net *n = &h->net[r];

		txt_esc(t.cell[r][0], CELL, n->model);
		num(t.cell[r][1], CELL, n->util, 1);
		num(t.cell[r][2], CELL, n->fps, 2);
		snprintf(t.cell[r][3], CELL, "%" PRId32, n->pid);
	}
	if (t.rows)
		top_tbl_print(k, "Networks", &t);
	t.c = frame_cols;
	t.n = 7;
	t.rows = h->nstr;
	for (size_t r = 0; r < h->nstr; r++) {
		const struct top_hailo_stream *s = &h->str[r];

		txt_esc(t.cell[r][0], CELL, s->model);
		txt_esc(t.cell[r][1], CELL, s->stream);
		snprintf(t.cell[r][2], CELL, "%s", s->h2d ? "H2D" : "D2H");
		num(t.cell[r][3], CELL, s->avg, 2);	/* an average: two decimals in every row */
		frames(t.cell[r][4], CELL, s->max);
		frames(t.cell[r][5], CELL, s->min);
		frames(t.cell[r][6], CELL, s->capacity);
	}
	if (t.rows)
		top_tbl_print(k, "Frames", &t);
	free(t.cell);
}
