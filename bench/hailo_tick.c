/* SPDX-License-Identifier: MIT */
/*
 * hailo_tick.c - CPU cost of one telemetry_hailo tick with 16 Hailo
 * processes, next to baselines measured in the same run.
 *
 * Each process' dump is HailoRT-sized: 2 devices, 4 networks of 3 streams
 * (70 values).  The 16 pids are live children, so every dump is written.
 * Before each timed tick all 16 files are replaced by rename, as HailoRT
 * does every interval, so the tick reads, decodes and writes all of them:
 * the steady state at one tick per HailoRT interval.  The running bridge
 * mostly learns of the new dumps from inotify instead, one event per
 * file, followed by a tick with nothing left to read; both paths are
 * timed.  Figures are thread CPU time (what the budget is about), medians
 * of ROUNDS rounds.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "hailo/bridge.h"
#include "hailo/hmon_decode.h"
#include "bench.h"

#define PROCS 16
#define ROUNDS 301

static char hmon[256], tel[256];
static pid_t kids[PROCS];
static uint8_t *files[PROCS];
static size_t lens[PROCS];

static double cpu_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}



/* One process' dump, packed. */
static void make_dump(int k, int round)
{
	ProtoMonInfo ni[4], *pni[4];
	ProtoMonDeviceInfo di[2], *pdi[2];
	ProtoMonStreamFramesInfo si[12], *psi[12];
	ProtoMonNetworkFrames nf[4], *pnf[4];
	ProtoMon m = PROTO_MON__INIT;
	char pid[16], names[24][32];
	int nn = 0;

	snprintf(pid, sizeof(pid), "%d", (int)kids[k]);
	m.pid = pid;
	for (int i = 0; i < 2; i++) {
		proto_mon_device_info__init(&di[i]);
		snprintf(names[nn], 32, "0000:%02x:00.0", i + 1);
		di[i].device_id = names[nn++];
		di[i].device_arch = "HAILO8";
		di[i].utilization = 50 + (round + i) % 40;
		pdi[i] = &di[i];
	}
	for (int i = 0; i < 4; i++) {
		proto_mon_info__init(&ni[i]);
		snprintf(names[nn], 32, "yolov5m_wo_spp_%d", i);
		ni[i].network_name = nf[i].network_name = names[nn++];
		ni[i].fps = 100 + round % 7;
		ni[i].utilization = 20 + i;
		pni[i] = &ni[i];
		proto_mon_network_frames__init(&nf[i]);
		nf[i].network_name = ni[i].network_name;
		nf[i].n_streams_frames_infos = 3;
		nf[i].streams_frames_infos = &psi[i * 3];
		for (int j = 0; j < 3; j++) {
			ProtoMonStreamFramesInfo *s = &si[i * 3 + j];

			proto_mon_stream_frames_info__init(s);
			snprintf(names[nn], 32, "yolov5m/conv%d_%d", j, i);
			s->stream_name = names[nn++];
			s->stream_direction = j ? PROTO_MON_STREAM_DIRECTION__PROTO__STREAM_DIRECTION__DEVICE_TO_HOST
						: PROTO_MON_STREAM_DIRECTION__PROTO__STREAM_DIRECTION__HOST_TO_DEVICE;
			s->buffer_frames_size = 8;
			s->pending_frames_count = round % 8;
			s->min_pending_frames_count = 0;
			s->max_pending_frames_count = 7;
			s->avg_pending_frames_count = 3.5;
			psi[i * 3 + j] = s;
		}
		pnf[i] = &nf[i];
	}
	m.n_device_infos = 2;
	m.device_infos = pdi;
	m.n_networks_infos = 4;
	m.networks_infos = pni;
	m.n_net_frames_infos = 4;
	m.net_frames_infos = pnf;
	free(files[k]);
	files[k] = malloc(proto_mon__get_packed_size(&m));
	lens[k] = proto_mon__pack(&m, files[k]);
}

/* Replace every file by rename, as HailoRT 4.22+ does. */
static void rewrite_all(int round)
{
	for (int k = 0; k < PROCS; k++) {
		char tmp[600], path[512];
		int fd;

		make_dump(k, round);
		snprintf(path, sizeof(path), "%s/%dabc%03d", hmon, (int)kids[k], k);
		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, files[k], lens[k]) != (ssize_t)lens[k]) {
			perror("bench: write");
			exit(1);
		}
		close(fd);
		rename(tmp, path);
	}
}

/* Baseline: list the directory and read every file, nothing else. */
static void read_all(uint8_t *buf)
{
	struct dirent **list;
	int n = scandir(hmon, &list, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		char path[512];
		int fd;

		snprintf(path, sizeof(path), "%s/%s", hmon, list[i]->d_name);
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
		if (fd >= 0) {
			while (read(fd, buf, HMON_MAX_FILE) > 0)
				;
			close(fd);
		}
		free(list[i]);
	}
	free(list);
}

static void cleanup(void)
{
	char cmd[600];

	for (int k = 0; k < PROCS; k++)
		if (kids[k] > 0) {
			kill(kids[k], SIGKILL);
			waitpid(kids[k], NULL, 0);
		}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", hmon, tel);
	if (system(cmd))
		fprintf(stderr, "bench: could not remove %s, %s\n", hmon, tel);
}

int main(void)
{
	double full[ROUNDS], idle[ROUNDS], rd[ROUNDS], dec[ROUNDS], ev[ROUNDS];
	struct bridge_cfg cfg = { .interval_ms = 1000 };
	struct hmon_arena arena;
	struct bridge *b;
	uint8_t *buf = malloc(HMON_MAX_FILE);
	const char *t = getenv("TMPDIR");

	snprintf(hmon, sizeof(hmon), "%s/hailo-bench-hmon-XXXXXX", t ? t : "/tmp");
	snprintf(tel, sizeof(tel), "%s/hailo-bench-tel-XXXXXX", t ? t : "/tmp");
	if (!buf || !mkdtemp(hmon) || !mkdtemp(tel) || hmon_arena_init(&arena, HMON_ARENA_SIZE)) {
		perror("bench: setup");
		return 1;
	}
	for (int k = 0; k < PROCS; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			pause();
			_exit(0);
		}
	}
	atexit(cleanup);
	cfg.hmon_dir = hmon;
	cfg.dir = tel;
	if (bridge_new(&cfg, &b))
		return 1;
	rewrite_all(0);
	bridge_scan(b);		/* creates the 16 rings: not part of a tick */
	for (int r = 0; r < ROUNDS; r++) {
		double t0;

		rewrite_all(r + 1);
		t0 = cpu_us();
		read_all(buf);
		rd[r] = cpu_us() - t0;
		t0 = cpu_us();
		for (int k = 0; k < PROCS; k++)
			hmon_release(&arena, hmon_decode(&arena, files[k], lens[k]));
		dec[r] = cpu_us() - t0 + rd[r];
		t0 = cpu_us();
		bridge_scan(b);
		full[r] = cpu_us() - t0;
		t0 = cpu_us();
		bridge_scan(b);
		idle[r] = cpu_us() - t0;
		/* The same work as inotify brings it: one event per rewritten file. */
		rewrite_all(r + 1000);
		t0 = cpu_us();
		for (int k = 0; k < PROCS; k++) {
			char name[64];

			snprintf(name, sizeof(name), "%dabc%03d", (int)kids[k], k);
			bridge_file(b, name);
		}
		ev[r] = cpu_us() - t0;
	}
	{
		struct bridge_stats st;
		double f = bench_median(full, ROUNDS), i = bench_median(idle, ROUNDS), r = bench_median(rd, ROUNDS),
		       d = bench_median(dec, ROUNDS), e = bench_median(ev, ROUNDS);

		bridge_stats(b, &st);
		printf("telemetry_hailo tick, %d Hailo processes x 70 values, median of %d ticks "
		       "(CPU us per tick)\n", PROCS, ROUNDS);
		printf("  %-52s %8s %8s\n", "", "us", "x read");
		printf("  %-52s %8.1f %8.2f\n", "baseline: list dir + read 16 files", r, 1.0);
		printf("  %-52s %8.1f %8.2f\n", "baseline: read + protobuf-c decode 16 files", d, d / r);
		printf("  %-52s %8.1f %8.2f\n", "tick, nothing rewritten (stat only)", i, i / r);
		printf("  %-52s %8.1f %8.2f\n", "tick, all 16 rewritten (read+decode+emit 1120)", f, f / r);
		printf("  %-52s %8.1f %8.2f\n", "16 inotify events, one per rewritten file", e, e / r);
		printf("  budget 1000 us per interval: %s (%llu dumps written)\n",
		       f + i < 1000 && e + i < 1000 ? "met" : "NOT met", (unsigned long long)st.dumps);
	}
	bridge_free(b);
	hmon_arena_fini(&arena);
	free(buf);
	for (int k = 0; k < PROCS; k++)
		free(files[k]);
	return 0;
}
