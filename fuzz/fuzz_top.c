/* SPDX-License-Identifier: MIT */
/*
 * fuzz_top - telemetry_top's whole path from a hostile ring file to text:
 * two refreshes (rates, quantiles, missed events), the snapshot, the
 * Hailo tables, the agents and series tables at 80 columns and unbounded,
 * a full interactive frame, and the JSON snapshot.
 *
 * As in fuzz_ring, the first byte picks a mode: even - the input is the
 * whole file; odd - the input is written over a valid ring at an offset
 * from bytes 1-4.  The template is a Hailo bridge ring (gauges with the
 * contract's labels, one NaN) plus a histogram, so both the Hailo tables
 * and the quantiles see mutated data.  The agent is forced "live" in the
 * snapshot, since a memfd has no writer holding its lock.
 */
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "ring_input.h"
#include "shm/ring_read.h"
#include "shmtel.h"
#include "readers/top/top_hailo.h"
#include "readers/top/top_json.h"
#include "readers/top/top_table.h"
#include "readers/top/top_text.h"
#include "readers/top/top_ui.h"
#include "readers/top/top_view.h"

static uint8_t *tmpl;
static size_t tmpl_len;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void gauge(struct shmtel_agent *a, const char *name, const char *labels, double v)
{
	struct shmtel_series_desc d = { .category = SHMTEL_SYSTEM, .name = name, .labels = labels,
					.kind = SHMTEL_GAUGE, .type = SHMTEL_F64, .unit = "frames" };
	struct shmtel_series *s;

	if (shmtel_series_get(a, &d, &s))
		abort();
	shmtel_emit_f64(s, v);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const double bounds[] = { 10, 100, 1000 };
	char dir[] = "/tmp/fuzz-top-XXXXXX";
	struct shmtel_config cfg = { .name = "hailo-7", .capacity = 4, .lanes = 2, .max_series = 8,
				     .max_histograms = 1, .source_pid = 7 };
	struct shmtel_series_desc h = { .category = SHMTEL_PERFORMANCE, .name = "t", .kind = SHMTEL_HISTOGRAM,
					.unit = "us", .bounds = bounds, .nbounds = 3 };
	static const char st[] = "network=\"n\",stream=\"n/s\",direction=\"host_to_device\"";
	struct shmtel_agent *a;
	struct shmtel_series *s;

	(void)argc;
	(void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	txt_init();
	devnull = fopen("/dev/null", "w");
	if (!devnull || !mkdtemp(dir))
		abort();
	cfg.dir = dir;
	if (shmtel_agent_open(&cfg, &a) || shmtel_series_get(a, &h, &s))
		abort();
	for (int i = 0; i < 9; i++)
		shmtel_emit(s, (uint64_t)i * 150);
	gauge(a, "hailo_device_utilization", "device_id=\"d\",arch=\"HAILO8\"", 50);
	gauge(a, "hailo_network_fps", "network=\"n\"", NAN);
	gauge(a, "hailo_stream_pending_frames_avg", st, 1.5);
	gauge(a, "hailo_stream_buffer_frames", st, 4);
	shmtel_agent_close(a);
	fuzz_take_template(dir, "hailo-7", &tmpl, &tmpl_len);
	return 0;
}

static void null_line(struct top_sink *k, enum top_lk kind, const char *text, const struct top_mark *m)
{
	(void)k;
	(void)kind;
	(void)m;
	if (strlen(text) >= TOP_LINE_MAX)
		abort();
}

static void draw(struct top_snap *s, struct top_hailo *h)
{
	struct top_list al = { 0 }, sl = { 0 };
	struct top_query q = { 0, 0, "a", NULL };
	struct top_sink k80 = { null_line, 80 }, kfree = { null_line, 0 };
	struct top_ui u;

	for (int sort = 0; sort < top_view_ncols(TOP_V_SERIES); sort += 5) {
		q.sort = sort;
		q.desc = sort & 1;
		q.filter = sort ? NULL : "a";
		if (top_view_list(s, TOP_V_AGENTS, &(struct top_query){ 0, 0, NULL, NULL }, &al) ||
		    top_view_list(s, TOP_V_SERIES, &q, &sl))
			abort();
		top_view_table(s, TOP_V_AGENTS, &al, &q, 0, al.n, &k80);
		top_view_table(s, TOP_V_SERIES, &sl, &q, 0, sl.n, &k80);
		top_view_table(s, TOP_V_SERIES, &sl, &q, 0, sl.n, &kfree);
	}
	top_view_header(s, "/dir", NULL, 1, 0, &k80);
	top_view_hailo(h, &k80);
	top_view_hailo(h, &kfree);
	top_json(devnull, s, &al, &sl, h, "/dir", NULL, 1, 0);
	for (int v = 0; v < TOP_NVIEWS; v++) {
		top_ui_init(&u, (enum top_view)v, 1, NULL);
		top_ui_frame(&u, s, h, "/dir", NULL, 24, 80, &k80);
		top_ui_key(&u, s, TOP_K_END);
		top_ui_frame(&u, s, h, "/dir", NULL, 24, 80, &k80);
		top_ui_free(&u);
	}
	top_list_free(&al);
	top_list_free(&sl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct top_agent_state st;
	struct top_snap snap;
	struct top_hailo h;
	struct ring *r;
	char why[160] = "";
	int fd = fuzz_ring_fd(data, size, tmpl, tmpl_len);

	if (fd < 0)
		return 0;
	memset(&snap, 0, sizeof(snap));
	top_snap_reset(&snap, 2000000000000000000ull);
	if (ring_open_fd(fd, &r, why, sizeof(why))) {
		top_snap_add_error(&snap, "bad", why);
	} else {
		memset(&st, 0, sizeof(st));
		top_sample(r, &st, 1000000000ull, 2000000000000000000ull);
		top_sample(r, &st, 2000000000ull, 2000000001000000000ull);
		top_snap_add(&snap, "hailo-7", r, &st, UINT64_MAX, TOP_WANT_ALL);
		for (size_t i = 0; i < snap.nagents; i++)
			if (snap.agents[i].state != TOP_ERROR)
				snap.agents[i].state = TOP_LIVE;
		top_sample_free(&st);
		ring_close(r);
	}
	if (top_hailo_build(&snap, &h))
		abort();
	draw(&snap, &h);
	top_hailo_free(&h);
	top_snap_free(&snap);
	return 0;
}
