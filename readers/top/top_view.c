/* SPDX-License-Identifier: MIT */
/*
 * top_view.c - the agents and series tables and the summary header (see
 * top_view.h).  Cells are formatted only for the rows shown: once to
 * measure the columns, once to draw (a chunk of rows at a time, so that
 * each cut is chosen knowing the rows around it), and on the screen once
 * more to know whether the detail line needs its line.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "common/fmt.h"
#include "top_graph.h"
#include "top_match.h"
#include "top_table.h"
#include "top_text.h"
#include "top_view.h"

const char *const top_view_names[TOP_NVIEWS] = { "agents", "series", "hailo", "power" };

enum { A_AGENT, A_PID, A_STATE, A_RATE, A_MISSED, A_DROPPED, A_SERIES, A_AGE, A_NCOLS };
enum {
	S_AGENT, S_CAT, S_NAME, S_RATE, S_LAST, S_MIN, S_MAX, S_MEAN, S_P50, S_P99, S_SUM, S_TREND,
	S_NCOLS
};
#define MAX_COLS S_NCOLS

/*
 * What goes first on a narrow screen is the highest prio (0 stays).
 * Agents: UNSEEN (what this monitor would have lost, not the agent), then
 * SERIES, DROPPED, PID and AGE.  Series: CATEGORY (the name says it), MIN,
 * TREND, P50, SUM, MAX, MEAN, then P99 and LAST: a tail latency matters
 * more than a total or a picture.  Numbers never shrink below their
 * widest cell; only names do.
 */
static const struct top_col agent_cols[A_NCOLS] = {
	[A_AGENT] = { "AGENT", 10, 40, 0, 0 },
	[A_PID] = { "PID", 7, 11, 1, 2 },
	[A_STATE] = { "STATE", 6, 6, 0, 0 },
	[A_RATE] = { "EV/S", 7, 12, 1, 0 },
	[A_MISSED] = { "UNSEEN", 7, 12, 1, 5 },
	[A_DROPPED] = { "DROPPED", 8, 12, 1, 3 },
	[A_SERIES] = { "SERIES", 7, 7, 1, 4 },
	[A_AGE] = { "AGE", 7, 8, 1, 1 },
};

/* Value columns grow for a unit of the file's (15 characters at most), never cut it. */
#define VAL_MAX 24

static const struct top_col series_cols[S_NCOLS] = {
	[S_AGENT] = { "AGENT", 10, 40, 0, 0 },
	[S_CAT] = { "CATEGORY", 4, 11, 0, 9 },
	[S_NAME] = { "NAME", 24, 80, 0, 0 },
	[S_RATE] = { "RATE/s", 10, VAL_MAX, 1, 0 },
	[S_LAST] = { "LAST", 9, VAL_MAX, 1, 1 },
	[S_MIN] = { "MIN", 9, VAL_MAX, 1, 8 },
	[S_MAX] = { "MAX", 9, VAL_MAX, 1, 4 },
	[S_MEAN] = { "MEAN", 9, VAL_MAX, 1, 3 },
	[S_P50] = { "P50", 9, VAL_MAX, 1, 6 },
	[S_P99] = { "P99", 9, VAL_MAX, 1, 2 },
	[S_SUM] = { "SUM", 9, VAL_MAX, 1, 5 },
	[S_TREND] = { "TREND", TOP_SPARK, TOP_SPARK, 0, 7 },
};

static const struct top_col *cols_of(enum top_view v)
{
	return v == TOP_V_AGENTS ? agent_cols : series_cols;
}

int top_view_ncols(enum top_view v)
{
	return v == TOP_V_AGENTS ? A_NCOLS : v == TOP_V_SERIES ? S_NCOLS : 0;
}

int top_view_numeric(enum top_view v, int col)
{
	if (v == TOP_V_AGENTS)
		return col != A_AGENT && col != A_STATE;
	return col != S_AGENT && col != S_CAT && col != S_NAME;
}

const char *top_view_title(enum top_view v, int col)
{
	return col >= 0 && col < top_view_ncols(v) ? cols_of(v)[col].title : "";
}

const struct top_col *top_view_col(enum top_view v, int col)
{
	return col >= 0 && col < top_view_ncols(v) ? &cols_of(v)[col] : NULL;
}

int top_view_name_col(enum top_view v)
{
	return v == TOP_V_AGENTS ? A_AGENT : S_NAME;
}

/*
 * How much of a series' labels the NAME column shows, in the order a row
 * too long for it gives them up: the quotes, then the keys; the values,
 * which tell rows apart, stay.
 */
enum { NAME_QUOTED, NAME_BARE, NAME_VALUES, NAME_FORMS };

/* Formatted cells of one row. */
struct cells {
	char agent[TOP_FILE_MAX * 4 + 1];
	char name[TOP_LINE_MAX / 4];
	char num[MAX_COLS][96];		/* a value, and a unit of the file's escaped */
	const char *p[MAX_COLS];
	int head[MAX_COLS];		/* where a cut keeps the start to (top_heads) */
	int form;			/* NAME_*: how the labels are shown */
};

/* A counter of bytes: its rate is a throughput. */
static int byte_counter(const struct top_series_row *r)
{
	return r->kind == SHM_KIND_COUNTER && (!strcmp(r->unit, "bytes") || !strcmp(r->unit, "B"));
}

static double series_value(const struct top_series_row *r, int col)
{
	const struct top_stat *t = &r->st;
	double sum = ring_value_double(r->vtype, t->sum);

	switch (col) {
	case S_RATE: return byte_counter(r) ? r->vrate : r->rate;
	case S_TREND: return r->rate;
	case S_LAST: return top_value(r->vtype, t->last, t->count);
	case S_MIN: return top_value(r->vtype, t->min, t->count);
	case S_MAX: return top_value(r->vtype, t->max, t->count);
	case S_MEAN: return t->count ? sum / (double)t->count : NAN;
	case S_P50: return t->p50;
	case S_P99: return t->p99;
	case S_SUM: return r->kind == SHM_KIND_GAUGE ? NAN : sum;
	default: return NAN;
	}
}

static double agent_value(const struct top_snap *s, const struct top_agent_row *a, int col)
{
	switch (col) {
	case A_PID: return a->pid > 0 ? a->pid : NAN;
	case A_STATE: return a->state;
	case A_RATE: return a->state == TOP_ERROR ? NAN : a->rate;
	case A_MISSED: return a->state == TOP_ERROR ? NAN : (double)a->missed;
	case A_DROPPED: return a->state == TOP_ERROR ? NAN : (double)a->dropped;
	case A_SERIES: return a->state == TOP_ERROR ? NAN : a->nseries;
	/* A busy agent stamps values after the snapshot's clock was read: age 0, not none. */
	case A_AGE: return !a->last_ns ? NAN : s->wall > a->last_ns ? (double)(s->wall - a->last_ns) : 0;
	default: return NAN;
	}
}

/* The series' name and its labels in @form (NAME_*), escaped. */
static void name_form(char *out, size_t len, const struct top_series_row *r, int form)
{
	char ek[SHM_LABELS_MAX * 4], ev[SHM_LABELS_MAX * 4];
	const char *k, *v;
	size_t n = txt_esc(out, len, r->name), pos = 0;
	int m;

	if (!r->labels[0] || n + 3 >= len)
		return;
	out[n++] = '{';
	out[n] = 0;
	while (ring_label_next(r->labels, &pos, &k, &v)) {
		const char *sep = out[n - 1] == '{' ? "" : ",";

		txt_esc(ev, sizeof(ev), v);
		txt_esc(ek, sizeof(ek), k);
		if (form == NAME_QUOTED)
			m = snprintf(out + n, len - n - 1, "%s%s=\"%s\"", sep, ek, ev);
		else if (form == NAME_BARE)
			m = snprintf(out + n, len - n - 1, "%s%s=%s", sep, ek, ev);
		else
			m = snprintf(out + n, len - n - 1, "%s%s", sep, ev);
		if (m < 0 || (size_t)m >= len - n - 1) {
			out[n] = 0;
			break;
		}
		n += (size_t)m;
	}
	snprintf(out + n, len - n, "}");
}

/* The name as the filter and the detail line spell it: name{key="value"}. */
static void series_name(char *out, size_t len, const struct top_series_row *r)
{
	name_form(out, len, r, NAME_QUOTED);
}

static void series_num(char *out, size_t len, const struct top_series_row *r, int col, int digits)
{
	double v = series_value(r, col);
	/* A whole value of an integer series is a count: "700", not "700.0". */
	int whole = col != S_MEAN && col != S_P50 && col != S_P99 && r->vtype != SHM_F64;

	if (col == S_RATE && v == 0)
		snprintf(out, len, "0");
	else if (col == S_RATE)
		txt_value(out, len, v, byte_counter(r) ? r->unit : "", digits,
			  byte_counter(r) ? FMT_PER_S : 0);
	else
		txt_value(out, len, v, r->unit, digits, whole ? FMT_WHOLE : 0);
}

static void agent_num(char *out, size_t len, const struct top_snap *s, const struct top_agent_row *a,
		      int col, int digits)
{
	double v = agent_value(s, a, col);

	if ((col == A_PID || col == A_SERIES) && !isnan(v))
		fmt_value(out, len, SHM_U64, (uint64_t)v);	/* both whole and >= 0 */
	else if (col == A_AGE && !isnan(v))
		fmt_age(out, len, (uint64_t)v);
	else if (col == A_RATE && v == 0)
		snprintf(out, len, "0");
	else
		txt_value(out, len, v, "", digits, col == A_RATE ? 0 : FMT_WHOLE);
}

static void agent_cells(const struct top_snap *s, const struct top_agent_row *a, struct cells *c)
{
	txt_esc(c->agent, sizeof(c->agent), a->state == TOP_ERROR ? a->file : a->name);
	c->p[A_AGENT] = c->agent;
	c->p[A_STATE] = top_state_names[a->state];
	agent_num(c->num[A_PID], sizeof(c->num[0]), s, a, A_PID, 3);
	c->p[A_PID] = c->num[A_PID];
	if (a->state == TOP_ERROR) {
		txt_esc(c->name, sizeof(c->name), a->why);
		c->p[A_RATE] = c->name;
		for (int i = A_RATE + 1; i < A_NCOLS; i++)
			c->p[i] = "";
		return;
	}
	for (int i = A_RATE; i < A_NCOLS; i++) {
		agent_num(c->num[i], sizeof(c->num[0]), s, a, i, 3);
		c->p[i] = c->num[i];
	}
}

/* The name in the fullest form that fits in @width columns (0: no limit). */
static void series_cells(const struct top_snap *s, const struct top_series_row *r, struct cells *c,
			 int width)
{
	txt_esc(c->agent, sizeof(c->agent), s->agents[r->agent].name);
	c->p[S_AGENT] = c->agent;
	c->p[S_CAT] = fmt_category(r->category);
	for (c->form = NAME_QUOTED; c->form < NAME_FORMS; c->form++) {
		name_form(c->name, sizeof(c->name), r, c->form);
		if (width <= 0 || !r->labels[0] || txt_width(c->name) <= width || c->form == NAME_VALUES)
			break;
	}
	c->p[S_NAME] = c->name;
	for (int i = S_RATE; i <= S_SUM; i++) {
		series_num(c->num[i], sizeof(c->num[0]), r, i, 3);
		c->p[i] = c->num[i];
	}
	top_spark(c->num[S_TREND], sizeof(c->num[0]), r->spark, TOP_SPARK);
	c->p[S_TREND] = c->num[S_TREND];
}

/* @name_w: the NAME column's width, for the form of the labels (0: the full form). */
static void cells_of(const struct top_snap *s, enum top_view v, uint32_t idx, struct cells *c,
		     int name_w)
{
	c->form = NAME_QUOTED;
	if (v == TOP_V_AGENTS)
		agent_cells(s, &s->agents[idx], c);
	else
		series_cells(s, &s->series[idx], c, name_w);
}

/* A number wider than its column loses digits, never its unit. */
static void refit(const struct top_snap *s, enum top_view v, uint32_t idx, struct cells *c, int col,
		  int width)
{
	for (int digits = 2; digits >= 1 && txt_width(c->p[col]) > width; digits--) {
		if (v == TOP_V_AGENTS)
			agent_num(c->num[col], sizeof(c->num[0]), s, &s->agents[idx], col, digits);
		else
			series_num(c->num[col], sizeof(c->num[0]), &s->series[idx], col, digits);
	}
}

/* Matching and ordering. */

struct ctx {
	const struct top_snap *s;
	enum top_view v;
	int col, desc;
	char pat[TOP_PATTERN_MAX];
};

static int keep(const struct ctx *x, const struct top_query *q, uint32_t i)
{
	const struct top_snap *s = x->s;

	if (x->v == TOP_V_SERIES && q->scope && q->scope[0] &&
	    strcmp(s->agents[s->series[i].agent].file, q->scope))
		return 0;
	return !x->pat[0] || top_match_row(s, x->v == TOP_V_SERIES, i, x->pat);
}

/*
 * @v to the three significant digits a cell shows: values that look the
 * same are ties, broken by name, so rows whose rates differ only in noise
 * do not swap places at every refresh.
 */
static double as_shown(double v)
{
	double m;

	if (v == 0 || !isfinite(v))
		return v;
	m = pow(10, floor(log10(fabs(v))) - 2);
	return round(v / m) * m;
}

static int cmp_double(double a, double b, int desc)
{
	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);	/* no value: last either way */
	a = as_shown(a);
	b = as_shown(b);
	if (a == b)
		return 0;
	return (a < b) == !desc ? -1 : 1;
}

static int cmp_agents(const struct ctx *x, const struct top_agent_row *a, const struct top_agent_row *b)
{
	int c = 0;

	if (x->col == A_AGENT)
		c = strcmp(a->name, b->name) * (x->desc ? -1 : 1);
	else
		c = cmp_double(agent_value(x->s, a, x->col), agent_value(x->s, b, x->col), x->desc);
	if (!c)
		c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->file, b->file);
}

static int cmp_series(const struct ctx *x, const struct top_series_row *a, const struct top_series_row *b)
{
	const struct top_agent_row *aa = &x->s->agents[a->agent], *ba = &x->s->agents[b->agent];
	int c = 0, sign = x->desc ? -1 : 1;

	switch (x->col) {
	case S_AGENT: c = strcmp(aa->name, ba->name) * sign; break;
	case S_CAT: c = (a->category - b->category) * sign; break;
	case S_NAME: c = strcmp(a->name, b->name) * sign; break;
	default: c = cmp_double(series_value(a, x->col), series_value(b, x->col), x->desc);
	}
	if (!c)
		c = strcmp(aa->name, ba->name);
	if (!c)
		c = strcmp(aa->file, ba->file);
	if (!c)
		c = strcmp(a->name, b->name);
	if (!c)
		c = memcmp(a->labels, b->labels, sizeof(a->labels));
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct ctx *x = arg;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	if (x->v == TOP_V_AGENTS)
		return cmp_agents(x, &x->s->agents[a], &x->s->agents[b]);
	return cmp_series(x, &x->s->series[a], &x->s->series[b]);
}

/*
 * Is the list from the last call the answer again?  Its indices are
 * distinct; if they are all kept rows, as many as there are, and in order,
 * they are the one order the comparison allows (it breaks every tie), so
 * the sort is skipped: a refresh usually changes no name and no place.
 */
static int still_sorted(const struct ctx *x, const struct top_query *q, const struct top_list *l,
			size_t n)
{
	size_t kept = 0;

	if (l->n < 2 || l->n > n)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->idx[i] >= n || !keep(x, q, l->idx[i]) ||
		    (i && cmp_rows(&l->idx[i - 1], &l->idx[i], (void *)x) > 0))
			return 0;
	for (size_t i = 0; i < n && kept <= l->n; i++)
		kept += keep(x, q, (uint32_t)i);
	return kept == l->n;
}

int top_view_list(const struct top_snap *s, enum top_view v, const struct top_query *q,
		  struct top_list *l)
{
	size_t n = v == TOP_V_AGENTS ? s->nagents : v == TOP_V_SERIES ? s->nseries : 0;
	struct ctx x = { .s = s, .v = v, .col = q->sort, .desc = q->desc };

	if (n > l->cap) {
		uint32_t *ni = realloc(l->idx, n * sizeof(*ni));

		if (!ni)
			return -1;
		l->idx = ni;
		l->cap = n;
	}
	top_match_pattern(x.pat, sizeof(x.pat), q->filter);
	if (still_sorted(&x, q, l, n))
		return 0;
	l->n = 0;
	for (size_t i = 0; i < n; i++)
		if (keep(&x, q, (uint32_t)i))
			l->idx[l->n++] = (uint32_t)i;
	if (l->n > 1)
		qsort_r(l->idx, l->n, sizeof(*l->idx), cmp_rows, &x);
	return 0;
}

void top_list_free(struct top_list *l)
{
	free(l->idx);
	memset(l, 0, sizeof(*l));
}

void top_view_key(const struct top_snap *s, enum top_view v, const struct top_list *l, size_t i,
		  char *out, size_t len)
{
	if (i >= l->n) {
		snprintf(out, len, "%s", "");
	} else if (v == TOP_V_AGENTS) {
		snprintf(out, len, "%s", s->agents[l->idx[i]].file);
	} else {
		const struct top_series_row *r = &s->series[l->idx[i]];

		snprintf(out, len, "%s/%" PRIu32, s->agents[r->agent].file, r->id);
	}
}

/* Rows formatted at once, so that a cut can be compared with the rows around it. */
#define CHUNK 256

/* Everything one table draw works out before its rows are joined. */
struct draw {
	const struct top_snap *s;
	enum top_view v;
	const struct top_list *l;
	struct top_col c[MAX_COLS];
	int n, w[MAX_COLS];
	char titles[MAX_COLS][32];
	const char *tp[MAX_COLS];
	size_t first, end;
	struct cells *cl;		/* CHUNK rows' worth */
	int cut;			/* a row drawn lost text to a cut */
	struct kept *kept;		/* agents: the cells measure() made, for rows() */
};

/*
 * An agent row's cells do not depend on the columns' widths, so those
 * measure() formats are kept for rows() to copy back rather than format
 * again: batch mode draws every row of thousands.  (A series row's name
 * takes the form that fits its column, known only after measuring.)  Each
 * cell is a string of the arena, or a constant of the program.
 */
enum kept_in { K_CONST, K_NUM, K_AGENT, K_NAME };

struct kept_cell {
	const char *text;		/* K_CONST */
	size_t off, len;		/* else: in the arena, with its NUL */
	enum kept_in in;
};

struct kept {
	struct kept_cell (*row)[MAX_COLS];
	char *arena;
	size_t len, cap;
	int ok;				/* nothing failed: the cells are all there */
};

static void keep_cells(struct kept *k, size_t r, const struct cells *c, int n)
{
	for (int i = 0; i < n && k->ok; i++) {
		struct kept_cell *kc = &k->row[r][i];
		size_t l;

		kc->in = c->p[i] == c->num[i] ? K_NUM : c->p[i] == c->agent ? K_AGENT :
			 c->p[i] == c->name ? K_NAME : K_CONST;
		if (kc->in == K_CONST) {
			kc->text = c->p[i];
			continue;
		}
		l = strlen(c->p[i]) + 1;
		if (k->len + l > k->cap) {
			size_t cap = k->cap ? 2 * k->cap : 64 * 1024;
			char *na;

			while (cap < k->len + l)
				cap *= 2;
			na = realloc(k->arena, cap);
			if (!na) {
				k->ok = 0;
				return;
			}
			k->arena = na;
			k->cap = cap;
		}
		memcpy(k->arena + k->len, c->p[i], l);
		kc->off = k->len;
		kc->len = l;
		k->len += l;
	}
}

/*
 * How far ahead rows() fetches the kept cells of a row (a few lines each,
 * in order) and a row's agent state (agents in table order, rows in
 * display order: a miss a row otherwise).
 */
#define KEPT_AHEAD 4
#define ROW_AHEAD 4

static void kept_prefetch(const struct kept *k, size_t r, size_t nrows, int n)
{
	if (r < nrows)
		for (size_t b = 0; b < (size_t)n * sizeof(k->row[r][0]); b += 64)
			__builtin_prefetch((const char *)k->row[r] + b);
}

static void kept_cells(const struct kept *k, size_t r, struct cells *c, int n)
{
	c->form = NAME_QUOTED;
	for (int i = 0; i < n; i++) {
		const struct kept_cell *kc = &k->row[r][i];
		char *to;

		if (kc->in == K_CONST) {
			c->p[i] = kc->text;
			continue;
		}
		/* Each came out of the same buffer of a struct cells: it fits. */
		to = kc->in == K_NUM ? c->num[i] : kc->in == K_AGENT ? c->agent : c->name;
		memcpy(to, k->arena + kc->off, kc->len);
		c->p[i] = to;
	}
}

static void kept_free(struct kept *k)
{
	if (k) {
		free(k->row);
		free(k->arena);
	}
	free(k);
}

/* Column widths of rows @first..@end. */
static void measure(struct draw *d, const struct top_show *w, int sort, size_t first, size_t end,
		    const char *const *titles, struct cells *cl, int width)
{
	int need[MAX_COLS];

	for (int i = 0; i < d->n; i++)
		need[i] = txt_width(titles[i]);
	for (size_t r = first; r < end; r++) {
		uint32_t idx = d->l->idx[r];

		cells_of(d->s, d->v, idx, cl, 0);
		if (d->kept)
			keep_cells(d->kept, r - first, cl, d->n);
		for (int i = 0; i < d->n; i++) {
			int wd = txt_width(cl->p[i]);

			/* An error row's reason spans the numbers: it must not widen them. */
			if (d->v == TOP_V_AGENTS && d->s->agents[idx].state == TOP_ERROR && i >= A_RATE)
				continue;
			if (wd > need[i])
				need[i] = wd;
		}
	}
	if (w && w->cols)
		for (int i = 0; i < d->n; i++)
			if ((w->cols->hidden >> i & 1) && i != sort && i != top_view_name_col(d->v))
				need[i] = -1;
	top_layout(d->c, d->n, need, width, d->w);
	if (w && w->cols) {
		w->cols->shown = 0;
		for (int i = 0; i < d->n; i++)
			if (d->w[i])
				w->cols->shown |= 1u << i;
	}
}

/* Did the cells of a row lose text it names itself by? */
static int row_cut(const struct draw *d, const struct cells *cl, uint32_t idx)
{
	int name = top_view_name_col(d->v);

	if (d->v == TOP_V_SERIES && (cl->form != NAME_QUOTED || d->w[S_AGENT] < txt_width(cl->agent)))
		return 1;
	if (d->v == TOP_V_AGENTS && d->s->agents[idx].state == TOP_ERROR) {
		int room = -1;

		/* The reason runs over the numbers' columns. */
		for (int i = A_RATE; i < A_NCOLS; i++)
			if (d->w[i])
				room += d->w[i] + 1;
		if (d->w[A_RATE] && txt_width(cl->p[A_RATE]) > room)
			return 1;
	}
	return d->w[name] < txt_width(cl->p[name]);
}

/*
 * The selected row in full, under the table: "Selected: agent name{labels}"
 * (the line the filter matches), escaped.
 */
static void detail(const struct draw *d, size_t row, struct top_sink *k)
{
	static const struct top_mark none = { .row = -1, .state_x = -1 };
	char full[TOP_LINE_MAX / 2], esc[TOP_LINE_MAX / 4], line[TOP_LINE_MAX];
	uint32_t idx = d->l->idx[row];
	size_t n;

	if (d->v == TOP_V_AGENTS) {
		const struct top_agent_row *a = &d->s->agents[idx];

		txt_esc(esc, sizeof(esc), a->state == TOP_ERROR ? a->file : a->name);
		n = (size_t)snprintf(full, sizeof(full), "Selected: %s", esc);
		if (a->state == TOP_ERROR) {
			txt_esc(esc, sizeof(esc), a->why);
			snprintf(full + n, sizeof(full) - n, ": %s", esc);
		} else if (strcmp(a->name, a->file)) {
			txt_esc(esc, sizeof(esc), a->file);
			snprintf(full + n, sizeof(full) - n, "  (file %s)", esc);
		}
	} else {
		const struct top_series_row *r = &d->s->series[idx];

		txt_esc(esc, sizeof(esc), d->s->agents[r->agent].name);
		n = (size_t)snprintf(full, sizeof(full), "Selected: %s ", esc);
		series_name(full + n, sizeof(full) - n, r);
	}
	if (k->width > 0 && txt_width(full) > k->width) {
		txt_fit_cut(line, sizeof(line), full, k->width, 0, (k->width - 1) / 2);
		k->line(k, TOP_L_TEXT, line, &none);
	} else {
		k->line(k, TOP_L_TEXT, full, &none);
	}
}

/* Rows @first..@end, a chunk at a time: formatted, cut apart, joined. */
static void rows(struct draw *d, size_t first, size_t end, struct cells *cl, struct top_sink *k)
{
	const char *col[CHUNK];
	int h[CHUNK];
	char line[TOP_LINE_MAX];

	for (size_t c0 = first; c0 < end; c0 += CHUNK) {
		size_t nr = end - c0 < CHUNK ? end - c0 : CHUNK;

		for (size_t r = 0; r < nr; r++) {
			if (d->kept && d->kept->ok) {
				kept_prefetch(d->kept, c0 + r - d->first + KEPT_AHEAD, end - d->first, d->n);
				kept_cells(d->kept, c0 + r - d->first, &cl[r], d->n);
			} else {
				cells_of(d->s, d->v, d->l->idx[c0 + r], &cl[r],
					 d->v == TOP_V_SERIES ? d->w[S_NAME] : 0);
			}
		}
		for (int i = 0; i < d->n; i++) {
			for (size_t r = 0; r < nr; r++)
				col[r] = cl[r].p[i];
			top_heads(&d->c[i], col, nr, d->w[i], h);
			for (size_t r = 0; r < nr; r++)
				cl[r].head[i] = h[r];
		}
		for (size_t r = 0; r < nr; r++) {
			uint32_t idx = d->l->idx[c0 + r];
			struct top_mark m = { .row = (long)(c0 + r), .state_x = -1 };
			int span = -1;

			if (d->v == TOP_V_AGENTS) {
				if (r + ROW_AHEAD < nr)
					__builtin_prefetch(&d->s->agents[d->l->idx[c0 + r + ROW_AHEAD]].state);
				m.state = d->s->agents[idx].state;
				m.state_w = d->w[A_STATE];
				span = m.state == TOP_ERROR ? A_RATE : -1;
			} else {
				m.state = d->s->agents[d->s->series[idx].agent].state;
			}
			for (int i = 0; i < d->n; i++)
				if (d->c[i].right && d->w[i] && i != span && cl[r].p[i] == cl[r].num[i])
					refit(d->s, d->v, idx, &cl[r], i, d->w[i]);
			if (row_cut(d, &cl[r], idx))
				d->cut = 1;
			top_join(line, d->c, d->n, d->w, cl[r].p, cl[r].head, span, k->width,
				 d->v == TOP_V_AGENTS ? A_STATE : -1, &m.state_x);
			k->line(k, TOP_L_ROW, line, &m);
		}
	}
}

/* Columns, their widths for rows @first .. @first + @count - 1, and room for their cells. */
static int prepare(struct draw *d, const struct top_query *q, size_t first, size_t count,
		   const struct top_show *w, int width, int keep_rows)
{
	const char *arrow = q->desc ? (txt_utf8() ? "\u25bc" : "v") : (txt_utf8() ? "\u25b2" : "^");
	size_t nc;

	d->n = top_view_ncols(d->v);
	d->first = first;
	d->end = first + count < d->l->n ? first + count : d->l->n;
	nc = d->end > first ? (d->end - first < CHUNK ? d->end - first : CHUNK) : 1;
	d->cl = malloc(nc * sizeof(*d->cl));
	if (!d->cl || !d->n)
		return -1;
	memcpy(d->c, cols_of(d->v), (size_t)d->n * sizeof(d->c[0]));
	/* The sorted column is never the one that goes: its arrow says what the order is. */
	if (q->sort >= 0 && q->sort < d->n)
		d->c[q->sort].prio = 0;
	for (int i = 0; i < d->n; i++) {
		snprintf(d->titles[i], sizeof(d->titles[i]), "%s%s", d->c[i].title,
			 i == q->sort ? arrow : "");
		d->tp[i] = d->titles[i];
	}
	if (keep_rows && d->v == TOP_V_AGENTS && d->end > first) {
		d->kept = calloc(1, sizeof(*d->kept));
		if (d->kept)
			d->kept->row = malloc((d->end - first) * sizeof(*d->kept->row));
		if (d->kept && d->kept->row)
			d->kept->ok = 1;
	}
	measure(d, w, q->sort, first, d->end, d->tp, d->cl, width);
	return 0;
}

void top_view_table(const struct top_snap *s, enum top_view v, const struct top_list *l,
		    const struct top_query *q, size_t first, size_t count, struct top_sink *k)
{
	top_view_table_show(s, v, l, q, first, count, NULL, k);
}

void top_view_table_show(const struct top_snap *s, enum top_view v, const struct top_list *l,
			 const struct top_query *q, size_t first, size_t count,
			 const struct top_show *w, struct top_sink *k)
{
	struct draw d = { .s = s, .v = v, .l = l };
	char line[TOP_LINE_MAX];

	if (!prepare(&d, q, first, count, w, k->width, 1)) {
		top_join(line, d.c, d.n, d.w, d.tp, NULL, -1, k->width, -1, NULL);
		k->line(k, TOP_L_HEAD, line, &(struct top_mark){ .row = -1, .state_x = -1 });
		rows(&d, d.first, d.end, d.cl, k);
		if (d.cut && w && w->sel >= 0 && (size_t)w->sel >= d.first && (size_t)w->sel < d.end)
			detail(&d, (size_t)w->sel, k);
	}
	kept_free(d.kept);
	free(d.cl);
}

int top_view_cuts(const struct top_snap *s, enum top_view v, const struct top_list *l,
		  const struct top_query *q, size_t first, size_t count, const struct top_show *w,
		  int width)
{
	struct draw d = { .s = s, .v = v, .l = l };

	if (!prepare(&d, q, first, count, w, width, 0))
		for (size_t r = d.first; r < d.end && !d.cut; r++) {
			cells_of(s, v, l->idx[r], d.cl, v == TOP_V_SERIES ? d.w[S_NAME] : 0);
			d.cut = row_cut(&d, d.cl, l->idx[r]);
		}
	free(d.cl);
	return d.cut;
}

static void text_line(struct top_sink *k, enum top_lk kind, char *line, size_t len)
{
	static const struct top_mark none = { .row = -1, .state_x = -1 };

	txt_cut(line, len, k->width);
	k->line(k, kind, line, &none);
}

void top_view_header(const struct top_snap *s, const char *dir, const char *dir_err,
		     double interval, int paused, struct top_sink *k)
{
	char line[TOP_LINE_MAX], edir[4096], when[16], rate[32], dropped[32];
	time_t t = (time_t)(s->wall / 1000000000u);
	unsigned down[TOP_NSTATES] = { 0 };
	struct tm tm;
	int n;

	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	txt_esc(edir, sizeof(edir), dir);
	snprintf(line, sizeof(line), "telemetry_top  %s  %s  refresh %.1fs%s", edir, when, interval,
		 paused ? "  PAUSED" : "");
	text_line(k, TOP_L_TITLE, line, sizeof(line));
	txt_rate(rate, sizeof(rate), s->rate);
	txt_num(dropped, sizeof(dropped), (double)s->dropped, "");
	/* An agent that closed cleanly has exited; only one whose writer died is dead. */
	for (size_t i = 0; i < s->nagents; i++)
		down[s->agents[i].state]++;
	n = snprintf(line, sizeof(line), "Agents: %u live", s->live);
	if (down[TOP_GONE])
		n += snprintf(line + n, sizeof(line) - (size_t)n, ", %u gone", down[TOP_GONE]);
	n += snprintf(line + n, sizeof(line) - (size_t)n, ", %u exited, %u dead, %u unreadable",
		      down[TOP_EXITED], down[TOP_DEAD], s->errors);
	if (s->hidden)
		n += snprintf(line + n, sizeof(line) - (size_t)n, ", %u down too long (hidden)",
			      s->hidden);
	if (s->nixl)
		n += snprintf(line + n, sizeof(line) - (size_t)n,
			      ", %u NIXL-format (telemetry_nixl bridges them)", s->nixl);
	/*
	 * Not the events this monitor missed: that is what a reader polling at
	 * its interval would lose (the agents table's UNSEEN), not a loss.
	 */
	snprintf(line + n, sizeof(line) - (size_t)n, "   Events: %s/s, %s dropped", rate, dropped);
	text_line(k, TOP_L_TEXT, line, sizeof(line));
	if (dir_err) {
		snprintf(line, sizeof(line), "Directory: %s", dir_err);
		text_line(k, TOP_L_TEXT, line, sizeof(line));
	}
}
