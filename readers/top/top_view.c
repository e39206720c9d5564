/* SPDX-License-Identifier: MIT */
/*
 * top_view.c - the agents and series tables and the summary header (see
 * top_view.h).  Cells are formatted twice per shown row (once to measure
 * the text columns, once to draw), and only for the rows shown.
 */
#include <fnmatch.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "common/fmt.h"
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

static const struct top_col agent_cols[A_NCOLS] = {
	[A_AGENT] = { "AGENT", 10, 40, 0, 0 },
	[A_PID] = { "PID", 7, 7, 1, 2 },
	[A_STATE] = { "STATE", 6, 6, 0, 0 },
	[A_RATE] = { "EV/S", 7, 7, 1, 0 },
	[A_MISSED] = { "MISSED", 7, 7, 1, 3 },
	[A_DROPPED] = { "DROPPED", 8, 8, 1, 3 },
	[A_SERIES] = { "SERIES", 7, 7, 1, 4 },
	[A_AGE] = { "AGE", 6, 6, 1, 1 },
};

static const struct top_col series_cols[S_NCOLS] = {
	[S_AGENT] = { "AGENT", 12, 24, 0, 0 },
	[S_CAT] = { "CATEGORY", 4, 11, 0, 9 },
	[S_NAME] = { "NAME", 30, 80, 0, 0 },
	[S_RATE] = { "RATE/s", 7, 7, 1, 0 },
	[S_LAST] = { "LAST", 9, 9, 1, 1 },
	[S_MIN] = { "MIN", 9, 9, 1, 8 },
	[S_MAX] = { "MAX", 9, 9, 1, 6 },
	[S_MEAN] = { "MEAN", 9, 9, 1, 5 },
	[S_P50] = { "P50", 9, 9, 1, 7 },
	[S_P99] = { "P99", 9, 9, 1, 4 },
	[S_SUM] = { "SUM", 9, 9, 1, 2 },
	[S_TREND] = { "TREND", TOP_SPARK, TOP_SPARK, 0, 3 },
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

/* Formatted cells of one row. */
struct cells {
	char agent[SHM_NAME_MAX * 4 + 1];
	char name[TOP_LINE_MAX / 4];
	char num[MAX_COLS][48];
	const char *p[MAX_COLS];
};

static double series_value(const struct top_series_row *r, int col)
{
	const struct top_stat *t = &r->st;
	double sum = ring_value_double(r->vtype, t->sum);

	switch (col) {
	case S_RATE: case S_TREND: return r->rate;
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
	case A_AGE: return a->last_ns && s->wall >= a->last_ns ? (double)(s->wall - a->last_ns) : NAN;
	default: return NAN;
	}
}

static void series_name(char *out, size_t len, const struct top_series_row *r)
{
	struct ring_series tmp;
	size_t n = txt_esc(out, len, r->name);

	if (!r->labels[0] || n + 3 >= len)
		return;
	memcpy(tmp.labels, r->labels, sizeof(tmp.labels));
	out[n++] = '{';
	n += fmt_labels(out + n, len - n - 1, &tmp, txt_esc);
	snprintf(out + n, len - n, "}");
}

static void agent_cells(const struct top_snap *s, const struct top_agent_row *a, struct cells *c)
{
	txt_esc(c->agent, sizeof(c->agent), a->state == TOP_ERROR ? a->file : a->name);
	c->p[A_AGENT] = c->agent;
	c->p[A_STATE] = top_state_names[a->state];
	if (a->pid > 0)
		snprintf(c->num[A_PID], sizeof(c->num[A_PID]), "%" PRId32, a->pid);
	else
		snprintf(c->num[A_PID], sizeof(c->num[A_PID]), "-");
	c->p[A_PID] = c->num[A_PID];
	if (a->state == TOP_ERROR) {
		txt_esc(c->name, sizeof(c->name), a->why);
		c->p[A_RATE] = c->name;
		for (int i = A_RATE + 1; i < A_NCOLS; i++)
			c->p[i] = "";
		return;
	}
	txt_rate(c->num[A_RATE], sizeof(c->num[0]), a->rate);
	txt_num(c->num[A_MISSED], sizeof(c->num[0]), (double)a->missed, "");
	txt_num(c->num[A_DROPPED], sizeof(c->num[0]), (double)a->dropped, "");
	snprintf(c->num[A_SERIES], sizeof(c->num[0]), "%" PRIu32, a->nseries);
	if (a->last_ns && s->wall >= a->last_ns)
		fmt_age(c->num[A_AGE], sizeof(c->num[0]), s->wall - a->last_ns);
	else
		snprintf(c->num[A_AGE], sizeof(c->num[0]), "-");
	for (int i = A_RATE; i < A_NCOLS; i++)
		c->p[i] = c->num[i];
}

static void series_cells(const struct top_snap *s, const struct top_series_row *r, struct cells *c)
{
	txt_esc(c->agent, sizeof(c->agent), s->agents[r->agent].name);
	c->p[S_AGENT] = c->agent;
	c->p[S_CAT] = fmt_category(r->category);
	series_name(c->name, sizeof(c->name), r);
	c->p[S_NAME] = c->name;
	txt_rate(c->num[S_RATE], sizeof(c->num[0]), r->rate);
	c->p[S_RATE] = c->num[S_RATE];
	for (int i = S_LAST; i <= S_SUM; i++) {
		txt_num(c->num[i], sizeof(c->num[0]), series_value(r, i), r->unit);
		c->p[i] = c->num[i];
	}
	txt_spark(c->num[S_TREND], sizeof(c->num[0]), r->spark, TOP_SPARK);
	c->p[S_TREND] = c->num[S_TREND];
}

static void cells_of(const struct top_snap *s, enum top_view v, uint32_t idx, struct cells *c)
{
	if (v == TOP_V_AGENTS)
		agent_cells(s, &s->agents[idx], c);
	else
		series_cells(s, &s->series[idx], c);
}

/* Matching and ordering. */

struct ctx {
	const struct top_snap *s;
	enum top_view v;
	int col, desc;
	char pat[300];
};

static int match(const struct ctx *x, const char *str)
{
	return !fnmatch(x->pat, str, FNM_CASEFOLD);
}

static int keep(const struct ctx *x, const struct top_query *q, uint32_t i)
{
	const struct top_snap *s = x->s;
	char buf[TOP_LINE_MAX / 4];

	if (x->v == TOP_V_AGENTS) {
		const struct top_agent_row *a = &s->agents[i];

		return !x->pat[0] || match(x, a->name) || match(x, a->file);
	} else {
		const struct top_series_row *r = &s->series[i];
		const struct top_agent_row *a = &s->agents[r->agent];

		if (q->scope && q->scope[0] && strcmp(a->file, q->scope))
			return 0;
		if (!x->pat[0] || match(x, a->name) || match(x, r->name))
			return 1;
		series_name(buf, sizeof(buf), r);
		return match(x, buf);
	}
}

static int cmp_double(double a, double b, int desc)
{
	if (isnan(a) || isnan(b))
		return isnan(a) - isnan(b);	/* no value: last either way */
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

int top_view_list(const struct top_snap *s, enum top_view v, const struct top_query *q,
		  struct top_list *l)
{
	size_t n = v == TOP_V_AGENTS ? s->nagents : v == TOP_V_SERIES ? s->nseries : 0;
	struct ctx x = { .s = s, .v = v, .col = q->sort, .desc = q->desc };

	l->n = 0;
	if (n > l->cap) {
		uint32_t *ni = realloc(l->idx, n * sizeof(*ni));

		if (!ni)
			return -1;
		l->idx = ni;
		l->cap = n;
	}
	if (q->filter && q->filter[0])
		snprintf(x.pat, sizeof(x.pat), "*%s*", q->filter);
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

void top_view_table(const struct top_snap *s, enum top_view v, const struct top_list *l,
		    const struct top_query *q, size_t first, size_t count, struct top_sink *k)
{
	const struct top_col *c = cols_of(v);
	int n = top_view_ncols(v), need[MAX_COLS], w[MAX_COLS];
	char titles[MAX_COLS][32], line[TOP_LINE_MAX];
	const char *tp[MAX_COLS];
	struct cells *cl = malloc(sizeof(*cl));
	size_t end = first + count < l->n ? first + count : l->n;

	if (!cl || !n)
		goto out;
	for (int i = 0; i < n; i++) {
		const char *arrow = q->desc ? (txt_utf8() ? "\u25bc" : "v") : (txt_utf8() ? "\u25b2" : "^");

		snprintf(titles[i], sizeof(titles[i]), "%s%s", c[i].title, i == q->sort ? arrow : "");
		tp[i] = titles[i];
		need[i] = txt_width(titles[i]);
	}
	for (size_t r = first; r < end; r++) {
		cells_of(s, v, l->idx[r], cl);
		for (int i = 0; i < n; i++) {
			int wd = txt_width(cl->p[i]);

			/* An error row's reason spans the numbers: it must not widen them. */
			if (v == TOP_V_AGENTS && s->agents[l->idx[r]].state == TOP_ERROR && i >= A_RATE)
				continue;
			if (wd > need[i])
				need[i] = wd;
		}
	}
	top_layout(c, n, need, k->width, w);
	top_join(line, c, n, w, tp, -1, k->width, -1, NULL);
	k->line(k, TOP_L_HEAD, line, &(struct top_mark){ .row = -1, .state_x = -1 });
	for (size_t r = first; r < end; r++) {
		struct top_mark m = { .row = (long)r, .state_x = -1 };
		int span = -1;

		cells_of(s, v, l->idx[r], cl);
		if (v == TOP_V_AGENTS) {
			m.state = s->agents[l->idx[r]].state;
			m.state_w = w[A_STATE];
			span = m.state == TOP_ERROR ? A_RATE : -1;
		} else {
			m.state = s->agents[s->series[l->idx[r]].agent].state;
		}
		top_join(line, c, n, w, cl->p, span, k->width, v == TOP_V_AGENTS ? A_STATE : -1,
			 &m.state_x);
		k->line(k, TOP_L_ROW, line, &m);
	}
out:
	free(cl);
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
	char line[TOP_LINE_MAX], edir[4096], when[16], rate[32], missed[32], dropped[32];
	time_t t = (time_t)(s->wall / 1000000000u);
	struct tm tm;
	int n;

	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	txt_esc(edir, sizeof(edir), dir);
	snprintf(line, sizeof(line), "telemetry_top  %s  %s  refresh %.1fs%s", edir, when, interval,
		 paused ? "  PAUSED" : "");
	text_line(k, TOP_L_TITLE, line, sizeof(line));
	txt_rate(rate, sizeof(rate), s->rate);
	txt_num(missed, sizeof(missed), (double)s->missed, "");
	txt_num(dropped, sizeof(dropped), (double)s->dropped, "");
	n = snprintf(line, sizeof(line), "Agents: %u live, %u dead, %u unreadable", s->live, s->dead,
		     s->errors);
	if (s->hidden)
		n += snprintf(line + n, sizeof(line) - (size_t)n, ", %u dead too long (hidden)",
			      s->hidden);
	if (s->nixl)
		n += snprintf(line + n, sizeof(line) - (size_t)n,
			      ", %u NIXL-format (telemetry_nixl bridges them)", s->nixl);
	snprintf(line + n, sizeof(line) - (size_t)n, "   Events: %s/s, %s missed, %s dropped", rate,
		 missed, dropped);
	text_line(k, TOP_L_TEXT, line, sizeof(line));
	if (dir_err) {
		snprintf(line, sizeof(line), "Directory: %s", dir_err);
		text_line(k, TOP_L_TEXT, line, sizeof(line));
	}
}
