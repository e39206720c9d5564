/* SPDX-License-Identifier: MIT */
/*
 * top_ui.c - keys and screen composition (see top_ui.h).
 *
 * The selection follows a row's identity (agent file, or file and series
 * id), not its position, so it stays on the same item when a refresh
 * reorders the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_table.h"
#include "top_text.h"
#include "top_ui.h"

static const double steps[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60 };
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static const char *const help[] = {
	"telemetry_top keys",
	"",
	"  q, F10            quit",
	"  h, ?, F1          this help (any key closes it)",
	"  Tab, Shift-Tab    next, previous view",
	"  1 2 3 4           agents, series, Hailo, Power view",
	"  Up, Down          move the selection",
	"  PgUp, PgDn        move a page",
	"  Home, End         first, last row",
	"  Enter             on an agent: its series",
	"  <  >  F6          sort by the previous, next column",
	"  I                 invert the sort order",
	"  /                 filter as you type: a glob over agent, name and labels",
	"  \\                 filter: type a glob, Enter applies it",
	"  Esc               clear the filter and the agent chosen with Enter",
	"  p, Z              pause, resume",
	"  +  -              refresh less often, more often",
	"  Ctrl-L            repaint the screen",
	"",
	"States: live (up), gone (the process it describes went away), exited",
	"(closed cleanly), dead (the writer died), error (the file cannot be read).",
	"Dead agents are dimmed, and dropped after --keep-dead seconds.",
};

static const char foot[] = "F1 Help  Tab View  <> Sort  / Filter  Esc Clear  p Pause  q Quit";

void top_ui_init(struct top_ui *u, enum top_view view, double interval, const char *filter)
{
	memset(u, 0, sizeof(*u));
	u->view = view;
	u->interval = interval;
	if (filter)
		snprintf(u->filter, sizeof(u->filter), "%s", filter);
}

void top_ui_free(struct top_ui *u)
{
	top_list_free(&u->list);
}

enum top_want top_ui_want(const struct top_ui *u)
{
	/* The Power view reads power, Hailo and NIXL series from every ring. */
	return u->view == TOP_V_AGENTS ? TOP_WANT_AGENTS :
	       u->view == TOP_V_HAILO ? TOP_WANT_HAILO : TOP_WANT_ALL;
}

static int set_view(struct top_ui *u, enum top_view v)
{
	u->view = v;
	return TOP_A_DRAW | TOP_A_RESHAPE;
}

static void move_to(struct top_ui_view *v, size_t sel)
{
	v->sel = sel;
	v->key[0] = 0;		/* follow the position now, not the old row */
}

static void set_sort(struct top_ui *u, int delta)
{
	struct top_ui_view *v = &u->v[u->view];
	int n = top_view_ncols(u->view);

	if (!n)
		return;
	v->sort = (v->sort + delta + n) % n;
	v->desc = top_view_numeric(u->view, v->sort);	/* numbers: biggest first */
}

static double step(double cur, int up)
{
	if (up) {
		for (size_t i = 0; i < NSTEPS; i++)
			if (steps[i] > cur + 1e-9)
				return steps[i];
		return steps[NSTEPS - 1];
	}
	for (size_t i = NSTEPS; i-- > 0;)
		if (steps[i] < cur - 1e-9)
			return steps[i];
	return steps[0];
}

static int prompt_key(struct top_ui *u, int key)
{
	size_t n = strlen(u->edit);

	switch (key) {
	case TOP_K_ENTER:
		snprintf(u->filter, sizeof(u->filter), "%s", u->edit);
		u->prompt = 0;
		return TOP_A_DRAW;
	case TOP_K_ESC:
		if (u->prompt == '/')
			u->filter[0] = 0;
		u->prompt = 0;
		return TOP_A_DRAW;
	case TOP_K_BACKSPACE:
		/* Remove a whole UTF-8 character. */
		while (n > 0 && ((unsigned char)u->edit[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		u->edit[n] = 0;
		break;
	default:
		if (key < 0x20 || key == 0x7f || key > 0xff || n + 1 >= sizeof(u->edit))
			return 0;
		u->edit[n] = (char)key;
		u->edit[n + 1] = 0;
	}
	if (u->prompt == '/')
		snprintf(u->filter, sizeof(u->filter), "%s", u->edit);
	return TOP_A_DRAW;
}

int top_ui_key(struct top_ui *u, const struct top_snap *s, int key)
{
	struct top_ui_view *v = &u->v[u->view];

	if (u->prompt)
		return prompt_key(u, key);
	if (key == 'q' || key == TOP_K_F10)
		return TOP_A_QUIT;
	if (u->help) {
		u->help = 0;
		return TOP_A_DRAW;
	}
	switch (key) {
	case 'h': case '?': case TOP_K_F1:
		u->help = 1;
		return TOP_A_DRAW;
	case TOP_K_TAB:
		return set_view(u, (u->view + 1) % TOP_NVIEWS);
	case TOP_K_BTAB:
		return set_view(u, (u->view + TOP_NVIEWS - 1) % TOP_NVIEWS);
	case '1': case '2': case '3': case '4':
		return set_view(u, (enum top_view)(key - '1'));
	case TOP_K_UP:
		move_to(v, v->sel ? v->sel - 1 : 0);
		return TOP_A_DRAW;
	case TOP_K_DOWN:
		move_to(v, v->sel + 1);
		return TOP_A_DRAW;
	case TOP_K_PGUP:
		move_to(v, v->sel > u->page ? v->sel - u->page : 0);
		return TOP_A_DRAW;
	case TOP_K_PGDN:
		move_to(v, v->sel + u->page);
		return TOP_A_DRAW;
	case TOP_K_HOME:
		move_to(v, 0);
		return TOP_A_DRAW;
	case TOP_K_END:
		move_to(v, (size_t)-1 / 2);
		return TOP_A_DRAW;
	case TOP_K_ENTER:
		if (u->view != TOP_V_AGENTS || v->sel >= u->list.n)
			return 0;
		snprintf(u->scope, sizeof(u->scope), "%s", s->agents[u->list.idx[v->sel]].file);
		move_to(&u->v[TOP_V_SERIES], 0);
		return set_view(u, TOP_V_SERIES);
	case '<':
		set_sort(u, -1);
		return TOP_A_DRAW;
	case '>': case TOP_K_F6:
		set_sort(u, 1);
		return TOP_A_DRAW;
	case 'I':
		v->desc = !v->desc;
		return TOP_A_DRAW;
	case '/': case '\\':
		u->prompt = key;
		snprintf(u->edit, sizeof(u->edit), "%s", u->filter);
		return TOP_A_DRAW;
	case TOP_K_ESC:
		u->filter[0] = 0;
		u->scope[0] = 0;
		return TOP_A_DRAW;
	case 'p': case 'Z':
		u->paused = !u->paused;
		return TOP_A_DRAW | (u->paused ? 0 : TOP_A_REFRESH);
	case '+': case '-':
		u->interval = step(u->interval, key == '+');
		return TOP_A_DRAW | TOP_A_INTERVAL;
	case TOP_K_REDRAW:
		return TOP_A_DRAW | TOP_A_CLEAR;
	}
	return 0;
}

/* A sink in front of the terminal's: counts lines, marks the selected row. */
struct fwd {
	struct top_sink sink;
	struct top_sink *out;
	long sel;
	int lines;
};

static void fwd_line(struct top_sink *k, enum top_lk kind, const char *text, const struct top_mark *m)
{
	struct fwd *f = (struct fwd *)k;

	if (kind == TOP_L_ROW && m->row >= 0 && m->row == f->sel)
		kind = TOP_L_SEL;
	f->lines++;
	f->out->line(f->out, kind, text, m);
}

/* A sink that keeps the lines, for views drawn whole and then scrolled. */
struct keep {
	struct top_sink sink;
	char **text;
	enum top_lk *kind;
	size_t n, cap;
};

static void keep_line(struct top_sink *k, enum top_lk kind, const char *text, const struct top_mark *m)
{
	struct keep *c = (struct keep *)k;
	char *t;

	(void)m;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 64;
		char **nt = realloc(c->text, nc * sizeof(*nt));
		enum top_lk *nk = nt ? realloc(c->kind, nc * sizeof(*nk)) : NULL;

		if (nt)
			c->text = nt;
		if (!nk)
			return;
		c->kind = nk;
		c->cap = nc;
	}
	t = strdup(text);
	if (!t)
		return;
	c->text[c->n] = t;
	c->kind[c->n++] = kind;
}

static void text(struct fwd *f, enum top_lk kind, const char *s, int cols)
{
	static const struct top_mark none = { .row = -1, .state_x = -1 };
	char line[TOP_LINE_MAX];

	snprintf(line, sizeof(line), "%s", s);
	txt_cut(line, sizeof(line), cols);
	f->sink.line(&f->sink, kind, line, &none);
}

static void status(struct fwd *f, const struct top_ui *u, int cols)
{
	static const char *const names[TOP_NVIEWS] = { "Agents", "Series", "Hailo", "Power" };
	const struct top_ui_view *v = &u->v[u->view];
	char line[TOP_LINE_MAX], esc[TOP_FILTER_MAX * 4 + 1];
	int n = 0;

	for (int i = 0; i < TOP_NVIEWS; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, i == (int)u->view ? "[%d %s] " : " %d %s  ",
			      i + 1, names[i]);
	if (top_view_ncols(u->view))
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  sort %s %s",
			      top_view_title(u->view, v->sort), v->desc ? "down" : "up");
	if (u->prompt) {
		txt_esc(esc, sizeof(esc), u->edit);
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  %s: %s_",
			      u->prompt == '/' ? "filter (as you type)" : "filter (Enter applies)", esc);
	} else if (u->filter[0]) {
		txt_esc(esc, sizeof(esc), u->filter);
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  filter: %s", esc);
	}
	if (u->view == TOP_V_SERIES && u->scope[0]) {
		char scope[TOP_FILE_MAX * 4 + 1];

		txt_esc(scope, sizeof(scope), u->scope);
		snprintf(line + n, sizeof(line) - (size_t)n, "  agent: %s", scope);
	}
	text(f, TOP_L_TEXT, line, cols);
}

/* Put the selection back on its row, and keep it on the page. */
static void follow(struct top_ui_view *v, const struct top_snap *s, enum top_view view,
		   const struct top_list *l, size_t page)
{
	char key[sizeof(v->key)];

	if (v->key[0])
		for (size_t i = 0; i < l->n; i++) {
			top_view_key(s, view, l, i, key, sizeof(key));
			if (!strcmp(key, v->key)) {
				v->sel = i;
				break;
			}
		}
	if (v->sel >= l->n)
		v->sel = l->n ? l->n - 1 : 0;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + page)
		v->top = v->sel - page + 1;
	if (v->top + page > l->n)
		v->top = l->n > page ? l->n - page : 0;
	top_view_key(s, view, l, v->sel, v->key, sizeof(v->key));
}

/* The Hailo and Power views: drawn whole, then the page from the first line shown. */
static void scrolled(struct fwd *f, struct top_ui *u, const struct top_snap *s,
		     const struct top_hailo *h, int cols, size_t page)
{
	struct keep c = { .sink = { keep_line, cols } };
	struct top_ui_view *v = &u->v[u->view];
	static const struct top_mark none = { .row = -1, .state_x = -1 };

	if (u->view == TOP_V_HAILO)
		top_view_hailo(h, &c.sink);
	else
		top_view_power(s, &c.sink);
	/* Nothing to select here: the selection is the first line shown. */
	if (v->sel + page > c.n)
		v->sel = c.n > page ? c.n - page : 0;
	for (size_t i = v->sel; i < c.n && i < v->sel + page + 1; i++)
		f->sink.line(&f->sink, c.kind[i], c.text[i], &none);
	for (size_t i = 0; i < c.n; i++)
		free(c.text[i]);
	free(c.text);
	free(c.kind);
}

void top_ui_frame(struct top_ui *u, const struct top_snap *s, const struct top_hailo *h,
		  const char *dir, const char *dir_err, int rows, int cols, struct top_sink *k)
{
	struct fwd f = { .sink = { fwd_line, cols }, .out = k, .sel = -1 };
	struct top_ui_view *v = &u->v[u->view];
	struct top_query q = { v->sort, v->desc, u->filter, u->scope };
	int body;

	top_view_header(s, dir, dir_err, u->interval, u->paused, &f.sink);
	status(&f, u, cols);
	/* What is left between the status line and the key reminder, less the column header. */
	body = rows - f.lines - 2;
	u->page = body > 1 ? (size_t)body : 1;
	if (u->help) {
		for (size_t i = 0; i < sizeof(help) / sizeof(help[0]) && (int)i <= body; i++)
			text(&f, i ? TOP_L_TEXT : TOP_L_TITLE, help[i], cols);
	} else if (u->view == TOP_V_HAILO || u->view == TOP_V_POWER) {
		scrolled(&f, u, s, h, cols, u->page);
	} else if (!top_view_list(s, u->view, &q, &u->list)) {
		follow(v, s, u->view, &u->list, u->page);
		f.sel = (long)v->sel;
		top_view_table(s, u->view, &u->list, &q, v->top, u->page, &f.sink);
	}
	text(&f, TOP_L_FOOT, foot, cols);
}
