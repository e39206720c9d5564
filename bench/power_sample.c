/* SPDX-License-Identifier: MIT */
/*
 * power_sample.c - CPU cost of one telemetry_power sample (rapl, hwmon
 * and thermal collectors, through the sink into a ring), next to a
 * baseline measured in the same run: only opening and reading the same
 * sensor files.  Two trees: node_exporter's sysfs fixture, unpacked with
 * the tests' ttar_unpack, and a made one of 50 hwmon sensors (5 chips of
 * 10: temperatures, voltages, currents, power, energy).  Figures are
 * thread CPU time, medians of ROUNDS rounds; the share of a core follows
 * for a 1 s and a 50 ms interval.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "power/pw.h"
#include "power/sink.h"
#include "bench.h"

#define ROUNDS 301
#define MAX_FILES 512

static const struct pw_collector *const colls[] = { &pw_rapl, &pw_hwmon, &pw_thermal };
#define NCOLL (sizeof(colls) / sizeof(colls[0]))

static char files[MAX_FILES][512];
static int nfiles;

static double cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	fprintf(f, "%s\n", text);
	fclose(f);
}

/* mkdir -p @path. */
static void mkdirs(const char *path)
{
	char p[512];

	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0755);
			*s = '/';
		}
	mkdir(p, 0755);
}

/* The 50-sensor tree under @root/sys. */
static void make_tree(const char *root)
{
	static const char *const kinds[] = { "temp", "in", "curr", "power", "energy" };
	char d[512], name[64], val[32];

	for (int c = 0; c < 5; c++) {
		snprintf(d, sizeof(d), "%.400s/sys/class/hwmon/hwmon%d", root, c);
		mkdirs(d);
		snprintf(name, sizeof(name), "ina%d", 3221 + c);
		put(d, "name", name);
		for (int s = 0; s < 10; s++) {
			snprintf(name, sizeof(name), "%s%d_input", kinds[s % 5], s / 5 + 1);
			snprintf(val, sizeof(val), "%d", 1000 + 37 * s + c);
			put(d, name, val);
			snprintf(name, sizeof(name), "%s%d_label", kinds[s % 5], s / 5 + 1);
			put(d, name, "VDD_RAIL");
		}
	}
}

static int sensor_file(const char *n)
{
	static const char *const pre[] = { "temp", "in", "curr", "power", "energy", "fan" };
	size_t l = strlen(n);

	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (!strncmp(n, pre[i], strlen(pre[i])) && l > 6 && !strcmp(n + l - 6, "_input"))
			return 1;
	return 0;
}

/* The files the collectors read, for the baseline: found by their own names. */
static void list_dir(const char *d, int (*want)(const char *))
{
	DIR *dir = opendir(d);
	struct dirent *e;

	if (!dir)
		return;
	while ((e = readdir(dir)) && nfiles < MAX_FILES)
		if (want(e->d_name))
			snprintf(files[nfiles++], sizeof(files[0]), "%.400s/%.100s", d, e->d_name);
	closedir(dir);
}

static int is_energy(const char *n) { return !strcmp(n, "energy_uj"); }
static int is_temp(const char *n) { return !strcmp(n, "temp"); }

static void list_files(const char *sys)
{
	char d[512], sub[512];
	DIR *dir;
	struct dirent *e;

	nfiles = 0;
	snprintf(d, sizeof(d), "%s/class/hwmon", sys);
	if ((dir = opendir(d))) {
		while ((e = readdir(dir))) {
			if (strncmp(e->d_name, "hwmon", 5))
				continue;
			snprintf(sub, sizeof(sub), "%.300s/%.100s", d, e->d_name);
			list_dir(sub, sensor_file);
			snprintf(sub, sizeof(sub), "%.300s/%.100s/device", d, e->d_name);
			list_dir(sub, sensor_file);
		}
		closedir(dir);
	}
	snprintf(d, sizeof(d), "%s/class/powercap", sys);
	if ((dir = opendir(d))) {
		while ((e = readdir(dir)))
			if (!strncmp(e->d_name, "intel-rapl:", 11)) {
				snprintf(sub, sizeof(sub), "%.300s/%.100s", d, e->d_name);
				list_dir(sub, is_energy);
			}
		closedir(dir);
	}
	snprintf(d, sizeof(d), "%s/class/thermal", sys);
	if ((dir = opendir(d))) {
		while ((e = readdir(dir)))
			if (!strncmp(e->d_name, "thermal_zone", 12)) {
				snprintf(sub, sizeof(sub), "%.300s/%.100s", d, e->d_name);
				list_dir(sub, is_temp);
			}
		closedir(dir);
	}
}

static void read_all(void)
{
	char buf[64];

	for (int i = 0; i < nfiles; i++) {
		int fd = open(files[i], O_RDONLY | O_CLOEXEC);

		if (fd >= 0) {
			if (read(fd, buf, sizeof(buf)) < 0)
				buf[0] = 0;
			close(fd);
		}
	}
}

static void run(const char *title, const char *sys, const char *tel)
{
	struct pw_env env = { .sysfs = sys, .procfs = "/proc", .interval_ms = 1000 };
	void *state[NCOLL] = { 0 };
	int up[NCOLL];
	double base[ROUNDS], samp[ROUNDS], b, s;
	struct pw_sink *k;
	int ret = pw_sink_open(tel, "power-bench", NULL, 1000, &k);

	if (ret) {
		fprintf(stderr, "bench: ring in %s: %s\n", tel, strerror(-ret));
		exit(1);
	}
	for (size_t c = 0; c < NCOLL; c++)
		up[c] = !colls[c]->probe(&state[c], &env, NULL);
	list_files(sys);
	for (int r = 0; r < ROUNDS; r++) {
		double t0 = cpu_us(), t1, t2;

		read_all();
		t1 = cpu_us();
		for (size_t c = 0; c < NCOLL; c++)
			if (up[c])
				colls[c]->sample(state[c], k);
		t2 = cpu_us();
		base[r] = t1 - t0;
		samp[r] = t2 - t1;
	}
	b = bench_median(base, ROUNDS);
	s = bench_median(samp, ROUNDS);
	printf("telemetry_power sample, %s (%d files), median of %d\n", title, nfiles, ROUNDS);
	printf("  %-44s %8s %8s\n", "", "us", "x read");
	bench_row("baseline: open + read + close the files", b, b);
	bench_row("sample: read+parse+emit (rapl,hwmon,thermal)", s, b);
	printf("  %-44s %7.4f%%\n", "share of a core at 1 s", s / 1e6 * 100);
	printf("  %-44s %7.4f%%\n", "share of a core at 50 ms", s / 5e4 * 100);
	for (size_t c = 0; c < NCOLL; c++)
		if (up[c])
			colls[c]->fini(state[c]);
	pw_sink_close(k);
}

int main(void)
{
	const char *t = getenv("TMPDIR"), *src = getenv("SRC"), *b = getenv("B");
	char root[256], tel[300], sys[300], cmd[2048];

	snprintf(root, sizeof(root), "%s/power-bench-XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(root)) {
		perror(root);
		return 1;
	}
	snprintf(tel, sizeof(tel), "%s/tel", root);
	mkdir(tel, 0755);
	snprintf(cmd, sizeof(cmd), "'%s/%s/tests/tools/ttar_unpack' '%s/../shared/fixtures/node_exporter/sys.ttar' '%s/fx'",
		 src ? src : ".", b ? b : "build", src ? src : ".", root);
	if (!system(cmd)) {
		snprintf(sys, sizeof(sys), "%s/fx/sys", root);
		run("node_exporter's sysfs fixture", sys, tel);
		printf("\n");
	} else {
		printf("telemetry_power sample: no node_exporter fixture, that tree skipped\n\n");
	}
	make_tree(root);
	snprintf(sys, sizeof(sys), "%s/sys", root);
	run("50 hwmon sensors", sys, tel);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		fprintf(stderr, "bench: could not remove %s\n", root);
	return 0;
}
