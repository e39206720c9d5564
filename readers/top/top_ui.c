/* SPDX-License-Identifier: MIT */
/*
 * top_ui.c - keys and screen composition (see top_ui.h).
 *
 * The selection is the first row until the user moves it; from then on it
 * follows that row's identity (agent file, or file and series id), not its
 * position, so it stays on the same item when a refresh reorders the
 * table.  While a prompt is open every key belongs to it: none is taken as
 * a command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "top_graph.h"
#include "top_match.h"
#include "top_notes.h"
#include "top_table.h"
#include "top_text.h"
#include "top_ui.h"

static const double steps[] = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60 };
#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static const char *const help[] = {
	"telemetry_top keys",
	"",
	"  q, F10            quit",
	"  h, ?, F1          this help (Up, Down, PgUp, PgDn scroll; other keys close)",
	"  Tab, Shift-Tab    next, previous view",
	"  1 2 3 4           agents, series, Hailo, Power view",
	"  Up, Down          move the selection; it then stays on its row",
	"  PgUp, PgDn        move a page",
	"  Home, End         first, last row (Home: the selection follows the top again)",
	"  Enter             on an agent: its series",
	"  <  >  F6          sort by the previous, next column shown",
	"  F2, C             columns: show or hide them (Esc closes)",
	"  I                 invert the sort order",
	"  F3                search: type a glob, the selection jumps to the first match;",
	"                    F3 again: the next match; Enter or Esc ends the search",
	"  /  F4             filter as you type: a glob over the line agent name{labels}",
	"  \\                 filter: type a glob, Enter applies it",
	"  Esc               clear the filter and the agent chosen with Enter",
	"  g                 history graph of the selected row (the last minutes)",
	"  p, Z              pause, resume",
	"  +  -              refresh less often, more often",
	"  Ctrl-L            repaint the screen",
	"",
	"A new sort order shows the top of the list, unless you moved the selection.",
	"In a prompt every key is text: Enter and Esc end it.",
	"",
	"Agent states",
	"  live      up: a writer holds the ring, the process it describes is there",
	"  gone      the process the ring describes went away",
	"  exited    the writer closed the ring cleanly",
	"  dead      the writer died without closing it (it crashed or was killed)",
	"  error     the file cannot be read: the reason follows",
	"Agents that are not up are dimmed, and dropped after --keep-dead seconds.",
	"",
	"UNSEEN: events overwritten between two looks of this monitor, since it",
	"started: what a reader polling at the refresh interval would lose. A reader",
	"polling more often (they poll every few ms) loses none: it is no loss.",
	"DROPPED counts events the writers could not publish.",
	"Files in the directory that are not rings are skipped, and counted once.",
};
#define NHELP (sizeof(help) / sizeof(help[0]))

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

/* The user moved the selection to row @sel: it stays on that row from now on. */
static void move_to(struct top_ui_view *v, size_t sel)
{
	v->sel = sel;
	v->pinned = 1;
	v->key[0] = 0;		/* follow the position now, not the old row */
}

/* Back to the first row, following the top of the list. */
static void unpin(struct top_ui_view *v)
{
	v->sel = v->top = 0;
	v->pinned = 0;
	v->key[0] = 0;
}

/* Pin the selection on row @i of the last draw, by its identity. */
static void pin_row(struct top_ui *u, const struct top_snap *s, size_t i)
{
	struct top_ui_view *v = &u->v[u->view];

	v->sel = i;
	v->pinned = 1;
	top_view_key(s, u->view, &u->list, i, v->key, sizeof(v->key));
}

static void set_sort(struct top_ui *u, int delta)
{
	struct top_ui_view *v = &u->v[u->view];

	if (!top_view_ncols(u->view))
		return;
	/* Only through the columns on the screen: a sort key one cannot see is no use. */
	v->sort = top_cols_sort_step(u->view, &v->cols, v->sort, delta);
	v->desc = top_view_numeric(u->view, v->sort);	/* numbers: biggest first */
}

/* The column setup screen takes every key until it is closed. */
static int setup_key(struct top_ui *u, int key)
{
	struct top_ui_view *v = &u->v[u->view];

	switch (key) {
	case TOP_K_UP: top_cols_move(u->view, &v->cols, -1); break;
	case TOP_K_DOWN: top_cols_move(u->view, &v->cols, 1); break;
	case TOP_K_HOME: top_cols_move(u->view, &v->cols, -TOP_COLS_MAX); break;
	case TOP_K_END: top_cols_move(u->view, &v->cols, TOP_COLS_MAX); break;
	case ' ': case TOP_K_ENTER: top_cols_toggle(u->view, &v->cols, &v->sort, &v->desc); break;
	case TOP_K_ESC: case TOP_K_F2: case 'C': case 'q': case TOP_K_F10: u->setup = 0; break;
	default: return 0;
	}
	return TOP_A_DRAW;
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

static int has_rows(enum top_view v)
{
	return v == TOP_V_AGENTS || v == TOP_V_SERIES;
}

/*
 * The search: the selection jumps to the first row from @from on (going
 * round) whose line matches what is typed; u->miss if none does.
 */
static void search(struct top_ui *u, const struct top_snap *s, size_t from)
{
	char pat[TOP_PATTERN_MAX];
	size_t n = u->list.n;

	u->miss = 0;
	top_match_pattern(pat, sizeof(pat), u->edit);
	if (!pat[0] || !has_rows(u->view))
		return;
	for (size_t k = 0; k < n; k++) {
		size_t i = (from + k) % n;

		if (top_match_row(s, u->view == TOP_V_SERIES, u->list.idx[i], pat)) {
			pin_row(u, s, i);
			return;
		}
	}
	u->miss = 1;
}

/* Edit the prompt's text; 1 if it changed. */
static int edit_key(struct top_ui *u, int key)
{
	size_t n = strlen(u->edit);

	if (key == TOP_K_BACKSPACE) {
		/* Remove a whole UTF-8 character. */
		while (n > 0 && ((unsigned char)u->edit[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		u->edit[n] = 0;
		return 1;
	}
	if (key < 0x20 || key == 0x7f || key > 0xff || n + 1 >= sizeof(u->edit))
		return 0;
	u->edit[n] = (char)key;
	u->edit[n + 1] = 0;
	return 1;
}

static int prompt_key(struct top_ui *u, const struct top_snap *s, int key)
{
	struct top_ui_view *v = &u->v[u->view];
	enum top_prompt p = u->prompt;

	if (key == TOP_K_ENTER || key == TOP_K_ESC) {
		if (p == TOP_P_FILTER_ENTER && key == TOP_K_ENTER)
			snprintf(u->filter, sizeof(u->filter), "%s", u->edit);
		else if (p == TOP_P_FILTER && key == TOP_K_ESC)
			u->filter[0] = 0;
		else if (p == TOP_P_SEARCH)
			snprintf(u->search, sizeof(u->search), "%s", u->edit);
		u->prompt = TOP_P_NONE;
		u->miss = 0;
		return TOP_A_DRAW;
	}
	if (p == TOP_P_SEARCH && key == TOP_K_F3) {
		search(u, s, v->sel + 1);
		return TOP_A_DRAW;
	}
	/* Anything else that is not text (arrows, function keys) means nothing here. */
	if (!edit_key(u, key))
		return 0;
	if (p == TOP_P_FILTER)
		snprintf(u->filter, sizeof(u->filter), "%s", u->edit);
	else if (p == TOP_P_SEARCH)
		search(u, s, v->sel);
	return TOP_A_DRAW;
}

static void open_prompt(struct top_ui *u, enum top_prompt p)
{
	u->prompt = p;
	u->miss = 0;
	snprintf(u->edit, sizeof(u->edit), "%s", p == TOP_P_SEARCH ? u->search : u->filter);
}

static int help_key(struct top_ui *u, int key)
{
	size_t page = u->page ? u->page : 1;

	switch (key) {
	case TOP_K_UP: u->help_top = u->help_top ? u->help_top - 1 : 0; break;
	case TOP_K_DOWN: u->help_top++; break;
	case TOP_K_PGUP: u->help_top = u->help_top > page ? u->help_top - page : 0; break;
	case TOP_K_PGDN: u->help_top += page; break;
	case TOP_K_HOME: u->help_top = 0; break;
	case TOP_K_END: u->help_top = NHELP; break;
	default: u->help = 0;
	}
	return TOP_A_DRAW;
}

int top_ui_key(struct top_ui *u, const struct top_snap *s, int key)
{
	struct top_ui_view *v = &u->v[u->view];

	if (u->prompt)
		return prompt_key(u, s, key);
	if (u->setup)
		return setup_key(u, key);
	if (key == 'q' || key == TOP_K_F10)
		return TOP_A_QUIT;
	if (u->help)
		return help_key(u, key);
	switch (key) {
	case 'h': case '?': case TOP_K_F1:
		u->help = 1;
		u->help_top = 0;
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
		unpin(v);
		return TOP_A_DRAW;
	case TOP_K_END:
		move_to(v, (size_t)-1 / 2);
		return TOP_A_DRAW;
	case TOP_K_ENTER:
		if (u->view != TOP_V_AGENTS || v->sel >= u->list.n)
			return 0;
		snprintf(u->scope, sizeof(u->scope), "%s", s->agents[u->list.idx[v->sel]].file);
		unpin(&u->v[TOP_V_SERIES]);
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
	case TOP_K_F2: case 'C':
		if (!has_rows(u->view))
			return 0;
		u->setup = 1;
		return TOP_A_DRAW;
	case '/': case TOP_K_F4:
		open_prompt(u, TOP_P_FILTER);
		return TOP_A_DRAW;
	case '\\':
		open_prompt(u, TOP_P_FILTER_ENTER);
		return TOP_A_DRAW;
	case TOP_K_F3:
		if (!has_rows(u->view))
			return 0;
		open_prompt(u, TOP_P_SEARCH);
		if (u->edit[0])
			search(u, s, v->sel + 1);	/* F3 again, as in htop: the next match */
		return TOP_A_DRAW;
	case 'g':
		if (!has_rows(u->view))
			return 0;
		u->graph = !u->graph;
		/* The graph is of this row: keep it on it when the order changes. */
		if (u->graph && v->sel < u->list.n)
			pin_row(u, s, v->sel);
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

static const struct top_mark none = { .row = -1, .state_x = -1 };

static void text(struct fwd *f, enum top_lk kind, const char *s, int cols)
{
	char line[TOP_LINE_MAX];

	snprintf(line, sizeof(line), "%s", s);
	txt_cut(line, sizeof(line), cols);
	f->sink.line(&f->sink, kind, line, &none);
}

/* @left, cut if need be, and @right at the right edge: what @right says must stay visible. */
static void text_lr(struct fwd *f, enum top_lk kind, const char *left, const char *right, int cols)
{
	char line[TOP_LINE_MAX];
	int rw = txt_width(right), lw;

	snprintf(line, sizeof(line), "%s", left);
	if (!right[0] || cols <= rw + 2) {
		text(f, kind, right[0] && cols > rw ? right : line, cols);
		return;
	}
	txt_cut(line, sizeof(line), cols - rw - 2);
	lw = txt_width(line);
	snprintf(line + strlen(line), sizeof(line) - strlen(line), "%*s%s", cols - lw - rw, "", right);
	f->sink.line(&f->sink, kind, line, &none);
}

/* The prompt instead of the status line; a long text scrolls so that its end shows. */
static void prompt_line(struct fwd *f, const struct top_ui *u, int cols)
{
	const char *label = u->prompt == TOP_P_SEARCH ? "search: " :
			    u->prompt == TOP_P_FILTER ? "filter (as you type): " : "filter (Enter applies): ";
	const char *miss = u->miss ? "   no match" : "", *tail;
	char esc[TOP_FILTER_MAX * 4 + 2], line[TOP_LINE_MAX];
	size_t n = txt_esc(esc, sizeof(esc) - 1, u->edit);
	int room = cols - txt_width(label) - txt_width(miss);

	esc[n] = '_';		/* where the next key goes */
	esc[n + 1] = 0;
	tail = esc;
	if (cols > 0 && room > 1 && txt_width(esc) > room) {
		while (*tail && txt_width(tail) > room - 1)
			do
				tail++;
			while (((unsigned char)*tail & 0xc0) == 0x80);
		snprintf(line, sizeof(line), "%s%s%s%s", label, txt_utf8() ? "\u2026" : "~", tail, miss);
	} else {
		snprintf(line, sizeof(line), "%s%s%s", label, esc, miss);
	}
	text(f, TOP_L_TEXT, line, cols);
}

static void status(struct fwd *f, const struct top_ui *u, size_t nrows, int cols)
{
	static const char *const names[TOP_NVIEWS] = { "Agents", "Series", "Hailo", "Power" };
	const struct top_ui_view *v = &u->v[u->view];
	char line[TOP_LINE_MAX], esc[TOP_FILTER_MAX * 4 + 1], where[64] = "";
	int n = 0;

	if (u->prompt) {
		prompt_line(f, u, cols);
		return;
	}
	for (int i = 0; i < TOP_NVIEWS; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, i == (int)u->view ? "[%d %s] " : " %d %s  ",
			      i + 1, names[i]);
	if (top_view_ncols(u->view))
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  sort %s %s",
			      top_view_title(u->view, v->sort), v->desc ? "down" : "up");
	if (u->filter[0]) {
		txt_esc(esc, sizeof(esc), u->filter);
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  filter: %s", esc);
	}
	if (u->view == TOP_V_SERIES && u->scope[0]) {
		char scope[TOP_FILE_MAX * 4 + 1];

		txt_esc(scope, sizeof(scope), u->scope);
		snprintf(line + n, sizeof(line) - (size_t)n, "  agent: %s", scope);
	}
	/* When the table does not fit, say where the selection is in it. */
	if (has_rows(u->view) && nrows > u->page)
		snprintf(where, sizeof(where), "row %zu of %zu", v->sel + 1, nrows);
	text_lr(f, TOP_L_TEXT, line, where, cols);
}

/* The key reminder: the keys that do something now. */
static void foot(struct fwd *f, const struct top_ui *u, const char *right, int cols)
{
	const char *keys;

	if (u->setup)
		keys = "Up Down Choose  Space Show/Hide  Esc Back";
	else if (u->help)
		keys = "Up Down PgUp PgDn Scroll  any other key Back  q Quit";
	else if (u->prompt == TOP_P_SEARCH)
		keys = "F3 Next  Enter Done  Esc Done  Backspace Erase";
	else if (u->prompt == TOP_P_FILTER)
		keys = "Enter Keep  Esc Clear  Backspace Erase   a glob: * ? [a-z]";
	else if (u->prompt)
		keys = "Enter Apply  Esc Cancel  Backspace Erase   a glob: * ? [a-z]";
	else if (!has_rows(u->view))
		keys = "F1 Help  Tab View  Up Down Scroll  F4 Filter  p Pause  q Quit";
	else if (u->filter[0] || (u->view == TOP_V_SERIES && u->scope[0]))
		keys = u->graph ? "F1 Help  F3 Search  F4 Filter  Esc Clear  <> Sort  g No graph  q Quit" :
				  "F1 Help  F3 Search  F4 Filter  Esc Clear  <> Sort  g Graph  p Pause  q Quit";
	else
		keys = u->graph ? "F1 Help  F3 Search  F4 Filter  Tab View  <> Sort  g No graph  q Quit" :
				  "F1 Help  F3 Search  F4 Filter  Tab View  <> Sort  g Graph  p Pause  q Quit";
	text_lr(f, TOP_L_FOOT, keys, right, cols);
}

/* Put the selection back on its row, and keep it on the page. */
static void follow(struct top_ui_view *v, const struct top_snap *s, enum top_view view,
		   const struct top_list *l, size_t page)
{
	char key[sizeof(v->key)];

	if (!v->pinned)
		v->sel = v->top = 0;
	else if (v->key[0])
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

/* The history graph of the selected row, @rows lines. */
static void graph(struct fwd *f, struct top_ui *u, const struct top_snap *s, int rows, int cols)
{
	const struct top_ui_view *v = &u->v[u->view];
	char title[TOP_LINE_MAX / 2];
	struct top_plot p = { title, "", 1 };
	const char *file;
	uint32_t idx;
	long id = -1;
	size_t n;

	if (v->sel >= u->list.n) {
		text(f, TOP_L_TITLE, "History: no row selected", cols);
		return;
	}
	idx = u->list.idx[v->sel];
	if (u->view == TOP_V_AGENTS) {
		file = s->agents[idx].file;
		n = txt_esc(title, sizeof(title), s->agents[idx].name);
		snprintf(title + n, sizeof(title) - n, " events");
	} else {
		const struct top_series_row *r = &s->series[idx];

		file = s->agents[r->agent].file;
		id = (long)r->id;
		n = top_row_text(s, 1, idx, title, sizeof(title));
		p.unit = r->unit;
		/* As top_hist.h defines a sample: a gauge's value, a histogram's mean, a counter's rate. */
		p.per_second = r->kind == SHM_KIND_COUNTER;
		if (r->kind == SHM_KIND_HISTOGRAM)
			snprintf(title + n, sizeof(title) - n, " (mean)");
	}
	if (!u->trace || u->trace(u->trace_arg, file, id, &u->tr) || !u->tr.n) {
		char line[TOP_LINE_MAX];

		snprintf(line, sizeof(line), "History of %s: none yet", title);
		text(f, TOP_L_TITLE, line, cols);
		return;
	}
	top_graph(&f->sink, &p, &u->tr, rows);
}

static void help_frame(struct fwd *f, struct top_ui *u, int rows, int cols)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;
	char where[64] = "";

	u->page = page;
	if (u->help_top + page > NHELP)
		u->help_top = NHELP > page ? NHELP - page : 0;
	for (size_t i = u->help_top; i < NHELP && i < u->help_top + page; i++)
		text(f, i ? TOP_L_TEXT : TOP_L_TITLE, help[i], cols);
	if (NHELP > page)
		snprintf(where, sizeof(where), "lines %zu-%zu of %zu", u->help_top + 1,
			 u->help_top + page, NHELP);
	foot(f, u, where, cols);
}

/* Lines the graph takes: about half of what is left, within reason. */
static int graph_rows(int left)
{
	int g = left / 2;

	return g < 5 ? (left >= 8 ? 5 : 0) : g > 16 ? 16 : g;
}

void top_ui_frame(struct top_ui *u, const struct top_snap *s, const struct top_hailo *h,
		  const char *dir, const char *dir_err, int rows, int cols, struct top_sink *k)
{
	struct fwd f = { .sink = { fwd_line, cols }, .out = k, .sel = -1 };
	struct top_ui_view *v = &u->v[u->view];
	struct top_query q = { v->sort, v->desc, u->filter, u->scope };
	struct top_show show = { &v->cols, -1 };
	int body, g = 0, listed = 0;

	if (u->help) {
		help_frame(&f, u, rows, cols);
		return;
	}
	if (u->setup && has_rows(u->view)) {
		top_cols_screen(u->view, &v->cols, v->sort, &f.sink);
		foot(&f, u, "", cols);
		return;
	}
	top_view_header(s, dir, dir_err, u->interval, u->paused, &f.sink);
	top_note_skipped(&f.sink, u->skipped);
	/* What is left between the status line and the key reminder, less the column header. */
	body = rows - f.lines - 3;
	if (u->graph && has_rows(u->view)) {
		g = graph_rows(body);
		body -= g;
	}
	u->page = body > 1 ? (size_t)body : 1;
	if (has_rows(u->view) && !top_view_list(s, u->view, &q, &u->list)) {
		listed = 1;
		follow(v, s, u->view, &u->list, u->page);
		/* Rows cut to fit get a line under the table: the selected one in full. */
		if (u->page > 1 && top_view_cuts(s, u->view, &u->list, &q, v->top, u->page, &show, cols)) {
			u->page--;
			follow(v, s, u->view, &u->list, u->page);
		}
	}
	status(&f, u, listed ? u->list.n : 0, cols);
	if (u->view == TOP_V_HAILO || u->view == TOP_V_POWER) {
		scrolled(&f, u, s, h, cols, u->page);
	} else if (listed) {
		f.sel = (long)v->sel;
		show.sel = (long)v->sel;
		top_view_table_show(s, u->view, &u->list, &q, v->top, u->page, &show, &f.sink);
		if (!u->list.n)
			top_note_empty(&f.sink, s, u->view, &q, dir, 1);
		if (g) {
			/* The graph sits just above the key reminder. */
			while (f.lines < rows - 1 - g)
				text(&f, TOP_L_TEXT, "", cols);
			graph(&f, u, s, g, cols);
		}
	}
	foot(&f, u, "", cols);
}
