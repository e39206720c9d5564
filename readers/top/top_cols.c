/* SPDX-License-Identifier: MIT */
/*
 * top_cols.c - the columns a user shows, and sorting among them (see
 * top_cols.h).
 */
#include <stdio.h>
#include <string.h>
#include "top_cols.h"
#include "top_table.h"
#include "top_text.h"

static const struct top_mark none = { .row = -1, .state_x = -1 };

/* Columns a sort key may land on: drawn last time (all, before a draw), not hidden. */
static uint32_t sortable(enum top_view v, const struct top_cols *c)
{
	int n = top_view_ncols(v);
	uint32_t all = n >= 32 ? ~0u : (1u << n) - 1;

	return ((c && c->shown ? c->shown : all) & ~(c ? c->hidden : 0)) | 1u << top_view_name_col(v);
}

int top_cols_sort_step(enum top_view v, const struct top_cols *c, int sort, int delta)
{
	int n = top_view_ncols(v);
	uint32_t ok = sortable(v, c);

	for (int i = 1; i <= n; i++) {
		int col = ((sort + delta * i) % n + n) % n;

		if (ok >> col & 1)
			return col;
	}
	return sort;
}

void top_cols_move(enum top_view v, struct top_cols *c, int delta)
{
	int n = top_view_ncols(v);

	c->cursor += delta;
	if (c->cursor < 0)
		c->cursor = 0;
	if (c->cursor >= n)
		c->cursor = n ? n - 1 : 0;
}

void top_cols_toggle(enum top_view v, struct top_cols *c, int *sort, int *desc)
{
	int col = c->cursor;

	if (col < 0 || col >= top_view_ncols(v) || col == top_view_name_col(v))
		return;
	c->hidden ^= 1u << col;
	if ((c->hidden >> col & 1) && *sort == col) {
		*sort = top_cols_sort_step(v, c, col, 1);
		*desc = top_view_numeric(v, *sort);
	}
}

static void put(struct top_sink *k, enum top_lk kind, const char *s)
{
	char line[TOP_LINE_MAX];

	snprintf(line, sizeof(line), "%s", s);
	txt_cut(line, sizeof(line), k->width);
	k->line(k, kind, line, &none);
}

/* "CATEGORY, MIN, ...": the columns a narrow screen leaves out, first to last. */
static void drop_order(enum top_view v, char *out, size_t len)
{
	int n = top_view_ncols(v), top = 0;
	size_t o = 0;

	for (int i = 0; i < n; i++)
		if (top_view_col(v, i)->prio > top)
			top = top_view_col(v, i)->prio;
	out[0] = 0;
	for (int p = top; p > 0; p--)
		for (int i = 0; i < n && o + 1 < len; i++)
			if (top_view_col(v, i)->prio == p)
				o += (size_t)snprintf(out + o, len - o, "%s%s", o ? ", " : "",
						      top_view_title(v, i));
}

void top_cols_screen(enum top_view v, const struct top_cols *c, int sort, struct top_sink *k)
{
	char line[512], order[256];
	int n = top_view_ncols(v);

	snprintf(line, sizeof(line), "Columns of the %s view", top_view_names[v]);
	put(k, TOP_L_TITLE, line);
	put(k, TOP_L_TEXT, "Up/Down: choose  Space/Enter: show or hide  Esc/F2: back");
	put(k, TOP_L_TEXT, "");
	for (int i = 0; i < n; i++) {
		int hidden = c->hidden >> i & 1;
		const char *why = i == top_view_name_col(v) ? "always shown" :
				  hidden ? "hidden" :
				  c->shown && !(c->shown >> i & 1) ? "no room at this width" : "";

		snprintf(line, sizeof(line), "  [%c] %-10s %s%s", hidden ? ' ' : 'x', top_view_title(v, i),
			 why, i == sort ? (*why ? ", sorted" : "sorted") : "");
		put(k, i == c->cursor ? TOP_L_SEL : TOP_L_ROW, line);
	}
	put(k, TOP_L_TEXT, "");
	drop_order(v, order, sizeof(order));
	snprintf(line, sizeof(line), "A narrow screen leaves out first: %s.", order);
	top_message(k, line);
}
