/* SPDX-License-Identifier: MIT */
/*
 * telemetry_top - a top-like live view of every agent in a telemetry
 * directory: agents, their series, the Hailo tables, and power.
 *
 * Two threads.  The watcher (top_track.c) keeps the set of ring files in
 * step with the directory; the main thread refreshes every ring once per
 * interval (top_sample.c), copies what the current view needs into a
 * snapshot (top_snap.c), and draws it: on the terminal (top_tty.c,
 * top_ui.c) or, in batch mode, as plain text or JSON on stdout.  The
 * screen is redrawn only on a refresh or a key.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "common/cli.h"
#include "common/esc.h"
#include "common/scan.h"
#include "shm/clock.h"
#include "top_hailo.h"
#include "top_hist.h"
#include "top_json.h"
#include "top_notes.h"
#include "top_text.h"
#include "top_track.h"
#include "top_tty.h"
#include "top_ui.h"
#include "top_view.h"

#define PROG "telemetry_top"

enum { EX_OK = 0, EX_ERR = 1 };

struct opts {
	const char *dir;
	double delay, rescan;
	long iterations;		/* 0: until stopped */
	int batch, json, width, mono;
	int view;			/* enum top_view, or -1: every view (batch) */
	uint64_t keep_ns;
	const char *filter;
};

struct app {
	const struct opts *o;
	struct top_track *track;
	struct top_snap snap;
	struct top_hailo hailo;
	enum top_want want;
	int sample;			/* refresh (1) or only copy again (0) */
	uint64_t mono, wall;
	int oom;
	unsigned skipped;		/* files of the directory that are not rings */
	int history;			/* keep every ring's history (the screen's graph) */
	struct top_clock clock;		/* the refreshes the histories line up with */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [OPTIONS] [DIR]\n"
		"Live view of the telemetry agents in DIR (default $NIXL_TELEMETRY_DIR).\n\n"
		"  -d, --delay SECONDS     refresh interval (default 1; 0.1 to 3600)\n"
		"  -b, --batch             print plain-text snapshots instead of the screen\n"
		"  -n, --iterations N      stop after N refreshes (batch default: until stopped)\n"
		"      --json              batch: one JSON snapshot per line (default -n 1)\n"
		"  -w, --width COLUMNS     batch: fit lines in COLUMNS (default $COLUMNS, the\n"
		"                          terminal's width, or no limit)\n"
		"  -v, --view VIEW         agents, series, hailo or power: the first view; in\n"
		"                          batch mode the only one printed (default: all)\n"
		"  -f, --filter GLOB       show only rows matching GLOB anywhere in the line\n"
		"                          'agent name{labels}' (any case)\n"
		"  -k, --keep-dead SECONDS how long agents that are not up stay listed (default 60)\n"
		"      --rescan SECONDS    full directory rescan interval (default 10)\n"
		"  -C, --no-color          monochrome (also when NO_COLOR is set)\n"
		"  -h, --help              this help\n\n"
		"Keys: q F10 quit; h ? F1 help; Tab Shift-Tab 1 2 3 4 views; Up Down PgUp PgDn\n"
		"Home End move; Enter an agent's series; < > F6 sort; F2 C columns; I invert;\n"
		"F3 search; / F4 filter as you type; \\ filter on Enter; Esc clear;\n"
		"g history graph; p Z pause; + - interval; Ctrl-L repaint.\n"
		"Without a terminal (or with TERM unset or dumb) it runs in batch mode.\n"
		"Exit status: 0 ok, 1 the directory cannot be read or another error, 2 usage.\n");
}

static int bad_value(const char *opt, const char *arg, const char *allowed)
{
	return cli_bad_value(PROG, opt, arg, allowed);
}

static int parse_seconds(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_view(const char *s, int batch_all)
{
	for (int i = 0; i < TOP_NVIEWS; i++)
		if (!strcmp(s, top_view_names[i]))
			return i;
	return batch_all && !strcmp(s, "all") ? -1 : -2;
}

/* The command line into @o: 0, or the exit status of a usage error. */
static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "delay", required_argument, NULL, 'd' }, { "batch", no_argument, NULL, 'b' },
		{ "iterations", required_argument, NULL, 'n' }, { "json", no_argument, NULL, 'J' },
		{ "width", required_argument, NULL, 'w' }, { "view", required_argument, NULL, 'v' },
		{ "filter", required_argument, NULL, 'f' }, { "keep-dead", required_argument, NULL, 'k' },
		{ "rescan", required_argument, NULL, 'R' }, { "no-color", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' }, { 0 },
	};
	const char *view = NULL;
	double keep = 60;
	char safe[1024];
	long width;
	int c;

	memset(o, 0, sizeof(*o));
	o->delay = 1;
	o->rescan = 10;
	o->width = -1;
	opterr = 0;	/* cli_getopt_error() says it, in the one style */
	while ((c = getopt_long(argc, argv, ":d:bn:w:v:f:k:Ch", lo, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (parse_seconds(optarg, 0.1, 3600, &o->delay))
				return bad_value("--delay", optarg, "0.1..3600");
			break;
		case 'b': o->batch = 1; break;
		case 'n':
			if (parse_int(optarg, 1, LONG_MAX, &o->iterations))
				return bad_value("--iterations", optarg, "1 or more");
			break;
		case 'J': o->json = o->batch = 1; break;
		case 'w':
			if (parse_int(optarg, 20, 4096, &width))
				return bad_value("--width", optarg, "20..4096");
			o->width = (int)width;
			break;
		case 'v': view = optarg; break;
		case 'f': o->filter = optarg; break;
		case 'k':
			if (parse_seconds(optarg, 0, 1e9, &keep))
				return bad_value("--keep-dead", optarg, "0..1000000000");
			break;
		case 'R':
			if (parse_seconds(optarg, 0.1, 3600, &o->rescan))
				return bad_value("--rescan", optarg, "0.1..3600");
			break;
		case 'C': o->mono = 1; break;
		case 'h': usage(stdout); exit(EX_OK);
		default: return cli_getopt_error(PROG, c, argv);	/* '?' or ':' */
		}
	}
	o->keep_ns = (uint64_t)(keep * 1e9);
	o->view = view ? parse_view(view, 1) : -1;
	if (o->view < -1)
		return bad_value("--view", view, "agents, series, hailo, power, all");
	if (optind < argc - 1) {
		esc_term(safe, sizeof(safe), argv[optind + 1]);
		return cli_usage_error(PROG, "unexpected argument '%s' (one directory only)", safe);
	}
	o->dir = optind < argc ? argv[optind] : scan_default_dir();
	if (!o->dir)
		return cli_usage_error(PROG, "no directory given and NIXL_TELEMETRY_DIR is not set");
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o->mono = 1;
	return 0;
}

static void take_one(struct top_ring *e, void *arg)
{
	struct app *a = arg;
	int ret;

	if (e->other) {
		a->skipped++;
		return;
	} else if (e->nixl) {
		a->snap.nixl++;
		return;
	} else if (!e->r) {
		ret = top_snap_add_error(&a->snap, e->name, e->why);
	} else {
		if (a->sample) {
			top_sample(e->r, &e->st, a->mono, a->wall);
			if (a->history && top_hist_push(&e->hist, &a->clock, &e->st))
				a->oom = 1;
		} else if (!e->st.started) {
			return;		/* appeared since the last refresh: wait for the next */
		}
		ret = top_snap_add(&a->snap, e->name, e->r, &e->st, a->o->keep_ns, a->want);
	}
	if (ret)
		a->oom = 1;
}

/* Refresh every ring (@sample) or copy again what the view needs; 0 or -ENOMEM. */
static int take(struct app *a, int sample)
{
	a->sample = sample;
	a->mono = clock_ns(CLOCK_MONOTONIC);
	a->wall = clock_ns(CLOCK_REALTIME);
	a->oom = 0;
	a->skipped = 0;
	if (sample)
		top_clock_tick(&a->clock, a->mono);
	top_snap_reset(&a->snap, a->wall);
	top_track_each(a->track, take_one, a);
	top_hailo_free(&a->hailo);
	if (a->want != TOP_WANT_AGENTS && top_hailo_build(&a->snap, &a->hailo))
		a->oom = 1;
	return a->oom ? -ENOMEM : 0;
}

/* Batch output. */

static void print_line(struct top_sink *k, enum top_lk kind, const char *text, const struct top_mark *m)
{
	(void)k;
	(void)kind;
	(void)m;
	fputs(text, stdout);
	fputc('\n', stdout);
}

static int batch_width(const struct opts *o)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (o->width > 0)
		return o->width;
	if (cols && atoi(cols) >= 20)
		return atoi(cols);
	if (isatty(1) && !ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col)
		return ws.ws_col;
	return 0;
}

static int print_snapshot(struct app *a, struct top_list *al, struct top_list *sl, int width)
{
	const struct opts *o = a->o;
	struct top_sink k = { print_line, width };
	struct top_query aq = { 0, 0, o->filter, NULL }, sq = { 0, 0, o->filter, NULL };
	const char *dir_err = top_track_dir_error(a->track);

	if (top_view_list(&a->snap, TOP_V_AGENTS, &aq, al) ||
	    top_view_list(&a->snap, TOP_V_SERIES, &sq, sl))
		return -ENOMEM;
	if (o->json) {
		top_json(stdout, &a->snap, al, sl, &a->hailo, o->dir, dir_err, o->delay, a->skipped);
		return 0;
	}
	top_view_header(&a->snap, o->dir, dir_err, o->delay, 0, &k);
	top_note_skipped(&k, a->skipped);
	if (o->view < 0 || o->view == TOP_V_AGENTS) {
		putchar('\n');
		top_view_table(&a->snap, TOP_V_AGENTS, al, &aq, 0, al->n, &k);
		if (!al->n)
			top_note_empty(&k, &a->snap, TOP_V_AGENTS, &aq, o->dir, 0);
	}
	if (o->view < 0 || o->view == TOP_V_SERIES) {
		putchar('\n');
		top_view_table(&a->snap, TOP_V_SERIES, sl, &sq, 0, sl->n, &k);
		if (!sl->n)
			top_note_empty(&k, &a->snap, TOP_V_SERIES, &sq, o->dir, 0);
	}
	if (o->view < 0 || o->view == TOP_V_HAILO) {
		putchar('\n');
		top_view_hailo(&a->hailo, &k);
	}
	if (o->view < 0 || o->view == TOP_V_POWER) {
		putchar('\n');
		top_view_power(&a->snap, &k);
	}
	putchar('\n');
	return 0;
}

static void sleep_until(uint64_t mono)
{
	struct timespec ts = { (time_t)(mono / 1000000000u), (long)(mono % 1000000000u) };

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
}

static int run_batch(struct app *a)
{
	const struct opts *o = a->o;
	long n = o->iterations ? o->iterations : o->json ? 1 : 0;
	struct top_list al = { 0 }, sl = { 0 };
	uint64_t next = clock_ns(CLOCK_MONOTONIC);
	int width = batch_width(o), ret = 0;

	a->want = o->json || o->view < 0 || o->view == TOP_V_SERIES || o->view == TOP_V_POWER ?
		  TOP_WANT_ALL :
		  o->view == TOP_V_HAILO ? TOP_WANT_HAILO : TOP_WANT_AGENTS;
	for (long i = 0; !n || i < n; i++) {
		if (i)
			sleep_until(next);
		next += (uint64_t)(o->delay * 1e9);
		ret = take(a, 1);
		if (!ret)
			ret = print_snapshot(a, &al, &sl, width);
		if (ret || fflush(stdout) || ferror(stdout))
			break;
	}
	top_list_free(&al);
	top_list_free(&sl);
	if (ret)
		fprintf(stderr, PROG ": %s\n", strerror(-ret));
	else if (ferror(stdout))
		ret = -EIO;
	return ret;
}

/* Interactive. */

/* The history graph asks for a row's history (top_ui.h); the rings belong to this thread. */
struct trace_req {
	const struct top_clock *clock;
	long id;
	struct top_trace *t;
	int ret;
};

static void trace_one(struct top_ring *e, void *arg)
{
	struct trace_req *q = arg;

	q->ret = top_hist_trace(&e->hist, q->clock, q->id, q->t);
}

static int trace(void *arg, const char *file, long id, struct top_trace *t)
{
	struct app *a = arg;
	struct trace_req q = { &a->clock, id, t, -ENOENT };

	top_track_find(a->track, file, trace_one, &q);
	return q.ret;
}

static void draw(struct app *a, struct top_ui *u)
{
	int rows, cols;

	u->skipped = a->skipped;
	u->trace = trace;
	u->trace_arg = a;
	tty_begin(&rows, &cols);
	top_ui_frame(u, &a->snap, &a->hailo, a->o->dir, top_track_dir_error(a->track), rows, cols,
		     tty_sink());
	tty_end();
}

static int run_tty(struct app *a)
{
	const struct opts *o = a->o;
	uint64_t step, next;
	struct top_ui u;
	long frames = 1;		/* refreshes shown, as -n counts them */
	int ret;

	top_ui_init(&u, o->view < 0 ? TOP_V_AGENTS : (enum top_view)o->view, o->delay, o->filter);
	a->want = top_ui_want(&u);
	a->history = 1;
	ret = tty_open(o->mono);
	if (ret)
		return ret;
	ret = take(a, 1);
	step = (uint64_t)(u.interval * 1e9);
	next = clock_ns(CLOCK_MONOTONIC) + step;
	while (!ret) {
		uint64_t now = clock_ns(CLOCK_MONOTONIC);
		int ev, act = 0;

		draw(a, &u);
		ev = tty_wait(u.paused ? -1 : next > now ? (int)((next - now + 999999) / 1000000) : 0);
		if (ev == TTY_QUIT)
			break;
		if (ev == TTY_TICK) {
			if (o->iterations && frames >= o->iterations)
				break;		/* the last one has been shown for an interval */
			ret = take(a, 1);
			frames++;
			next += step;
			now = clock_ns(CLOCK_MONOTONIC);
			if (next < now)
				next = now + step;	/* fell behind (a stop, a slow terminal): skip */
			continue;
		}
		if (ev == TTY_RESIZE)
			continue;
		act = top_ui_key(&u, &a->snap, ev);
		if (act & TOP_A_QUIT)
			break;
		if (act & TOP_A_CLEAR)
			tty_repaint();
		a->want = top_ui_want(&u);
		if (act & TOP_A_INTERVAL) {
			step = (uint64_t)(u.interval * 1e9);
			next = clock_ns(CLOCK_MONOTONIC) + step;
		}
		if (act & TOP_A_REFRESH) {
			ret = take(a, 1);
			next = clock_ns(CLOCK_MONOTONIC) + step;
		} else if (act & TOP_A_RESHAPE) {
			ret = take(a, 0);
		}
	}
	tty_close();
	top_ui_free(&u);
	if (ret)
		fprintf(stderr, PROG ": %s\n", strerror(-ret));
	return ret;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct app a;
	int ret;

	setlocale(LC_ALL, "");
	txt_init();
	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	memset(&a, 0, sizeof(a));
	a.o = &o;
	ret = top_track_start(o.dir, o.rescan, &a.track);
	if (ret) {
		fprintf(stderr, PROG ": %s: %s\n", o.dir, strerror(-ret));
		return EX_ERR;
	}
	if (!o.batch && tty_usable()) {
		ret = run_tty(&a);
		if (ret == -ENOTTY) {
			fprintf(stderr, PROG ": cannot drive this terminal (TERM=%s): batch mode\n",
				getenv("TERM"));
			ret = run_batch(&a);
		}
	} else {
		ret = run_batch(&a);
	}
	top_track_quit(a.track);
	top_hailo_free(&a.hailo);
	top_snap_free(&a.snap);
	return ret ? EX_ERR : EX_OK;
}
