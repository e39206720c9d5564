/* SPDX-License-Identifier: MIT */
/*
 * prom_dump - how long telemetry_prom takes to export a node: 1,000 rings
 * of 100 series each (NIXL-like: 80 labelled counters, 10 gauges, 10
 * histograms with NIXL's bounds), against a baseline measured in the
 * same run: one pass that only reads every ring the same way (open,
 * liveness, every series and its aggregate), with no output.  Target:
 * the stdout export under 500 ms.
 *
 * `prom_dump DIR` only makes the rings in DIR, for profiling by hand.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "shm/ring_read.h"
#include "common/scan.h"
#include "shmtel.h"
#include "bench.h"

#define RINGS	1000
#define SERIES	100
#define ROUNDS	7

static const double nixl_bounds[] = {
	10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000,
	100000, 250000, 500000, 1000000, 5000000, 10000000,
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int make_ring(const char *dir, int i)
{
	struct shmtel_config cfg = { .dir = dir, .capacity = 64, .lanes = 2, .max_series = 128,
				     .max_histograms = 16 };
	struct shmtel_agent *a;
	char name[64], sname[64], labels[64];
	int ret;

	snprintf(name, sizeof(name), "nixl-rank%04d", i);
	cfg.name = name;
	ret = shmtel_agent_open(&cfg, &a);
	for (int s = 0; !ret && s < SERIES; s++) {
		struct shmtel_series_desc d = { .category = SHMTEL_TRANSFER, .type = SHMTEL_U64 };
		struct shmtel_series *h;

		if (s < 80) {
			snprintf(sname, sizeof(sname), "xfer_%d_bytes", s / 8);
			snprintf(labels, sizeof(labels), "backend=\"ucx\",peer=\"%d\"", s % 8);
			d.kind = SHMTEL_COUNTER;
			d.unit = "bytes";
			d.labels = labels;
		} else if (s < 90) {
			snprintf(sname, sizeof(sname), "queue_depth_%d", s);
			d.kind = SHMTEL_GAUGE;
		} else {
			snprintf(sname, sizeof(sname), "op_%d_time", s);
			d.kind = SHMTEL_HISTOGRAM;
			d.unit = "us";
			d.bounds = nixl_bounds;
			d.nbounds = sizeof(nixl_bounds) / sizeof(nixl_bounds[0]);
		}
		d.name = sname;
		ret = shmtel_series_get(a, &d, &h);
		for (int k = 0; !ret && k < 3; k++)
			shmtel_emit(h, (uint64_t)(s * 1000 + k * 37 + i));
	}
	shmtel_agent_close(a);
	return ret;
}

struct pass {
	unsigned long series;
};

static int read_one(const char *path, const char *name, void *arg)
{
	struct pass *p = arg;
	struct ring *r;
	uint32_t n;

	(void)name;
	/* Opened as telemetry_prom opens a ring: its descriptor answers ring_alive(). */
	if (ring_open_keep(path, &r, NULL, 0))
		return 0;
	ring_alive(r);
	n = ring_series_count(r);
	for (uint32_t id = 0; id < n; id++) {
		struct ring_series s;
		struct ring_agg g;

		if (!ring_series_get(r, id, &s) && !ring_aggregate(r, &s, &g))
			p->series++;
	}
	ring_close(r);
	return 0;
}

/* Run telemetry_prom with @args, stdout to /dev/null; its wall time in ms. */
static double run_tool(char *const args[])
{
	double t0 = now_ms();
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execvp(args[0], args);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "prom_dump: %s failed\n", args[0]);
		exit(1);
	}
	return now_ms() - t0;
}



int main(int argc, char **argv)
{
	const char *base = getenv("TMPDIR");
	char dir[256], out[300], cmd[600];
	double t[4][ROUNDS], m[4], t0;
	struct pass p;

	if (argc > 1) {
		for (int i = 0; i < RINGS; i++)
			if (make_ring(argv[1], i))
				return 1;
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/prom-bench-XXXXXX", base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		perror("prom_dump: mkdtemp");
		return 1;
	}
	snprintf(out, sizeof(out), "%s/out.prom", dir);
	t0 = now_ms();
	for (int i = 0; i < RINGS; i++)
		if (make_ring(dir, i)) {
			fprintf(stderr, "prom_dump: cannot create ring %d\n", i);
			return 1;
		}
	printf("telemetry_prom: %d rings x %d series (made in %.0f ms), median of %d runs\n",
	       RINGS, SERIES, now_ms() - t0, ROUNDS);
	fflush(stdout);	/* before fork: or the children print it again */
	for (int r = 0; r < ROUNDS; r++) {
		char *stdout_args[] = { "telemetry_prom", dir, NULL };
		char *compat_args[] = { "telemetry_prom", "--compat", "nixl,hailo", dir, NULL };
		char *file_args[] = { "telemetry_prom", "-o", out, dir, NULL };

		/* Interleaved, so that noise from the other core hits every row alike. */
		memset(&p, 0, sizeof(p));
		t0 = now_ms();
		scan_dir(dir, read_one, &p);
		t[0][r] = now_ms() - t0;
		if (p.series != (unsigned long)RINGS * SERIES) {
			fprintf(stderr, "prom_dump: read %lu series\n", p.series);
			return 1;
		}
		t[1][r] = run_tool(stdout_args);
		t[2][r] = run_tool(compat_args);
		t[3][r] = run_tool(file_args);
	}
	for (int i = 0; i < 4; i++)
		m[i] = bench_median(t[i], ROUNDS);
	printf("  %-40s %9s %8s\n", "what", "median", "x base");
	printf("  %-40s %6.1f ms %8s\n", "baseline: read every ring, no output", m[0], "1.0");
	printf("  %-40s %6.1f ms %8.1f  %s\n", "telemetry_prom DIR > /dev/null", m[1], m[1] / m[0],
	       m[1] < 500 ? "(target 500 ms: met)" : "(target 500 ms: MISSED)");
	printf("  %-40s %6.1f ms %8.1f\n", "telemetry_prom --compat nixl,hailo", m[2], m[2] / m[0]);
	printf("  %-40s %6.1f ms %8.1f\n", "telemetry_prom -o FILE (fsync, rename)", m[3],
	       m[3] / m[0]);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "prom_dump: could not remove %s\n", dir);
	return 0;
}
