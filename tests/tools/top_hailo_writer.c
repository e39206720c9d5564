/* SPDX-License-Identifier: MIT */
/*
 * top_hailo_writer - write a ring the way the Hailo bridge does, with
 * known values, for telemetry_top's Hailo view tests.
 *
 *   top_hailo_writer DIR PID [--gone] [--long] [--sentinel]
 *
 * Agent hailo-PID, source_pid PID; one device (device_id 0000:01:00.0,
 * arch HAILO8, 37.5 %), network "yolov5m" (37.5 %, 29.97 fps) and two
 * streams:
 *   yolov5m/input_layer1 host_to_device  now 1 min 0 max 3 avg 1.25 capacity 4
 *   yolov5m/conv84       device_to_host  now 0 min 0 max 2 avg 0.5  capacity 4
 * --long makes the network and stream names longer than their columns, --sentinel
 * emits the FPS as NaN (Hailo's "no samples"), --gone marks the ring gone.
 * Prints "ready" once everything is emitted, then holds the ring (so the
 * writer stays alive) until SIGTERM or SIGINT, and closes it cleanly.
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "shmtel.h"

static struct shmtel_agent *agent;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void gauge(const char *name, const char *labels, const char *unit, double v)
{
	struct shmtel_series_desc d = {
		.category = SHMTEL_SYSTEM, .name = name, .labels = labels, .kind = SHMTEL_GAUGE,
		.type = SHMTEL_F64, .unit = unit,
	};
	struct shmtel_series *s;
	int ret = shmtel_series_get(agent, &d, &s);

	if (ret) {
		fprintf(stderr, "top_hailo_writer: %s: %s\n", name, strerror(-ret));
		exit(1);
	}
	shmtel_emit_f64(s, v);
}

static void stream(const char *net, const char *name, const char *dir, const double v[5])
{
	static const char *const series[] = {
		"hailo_stream_pending_frames", "hailo_stream_pending_frames_min",
		"hailo_stream_pending_frames_max", "hailo_stream_pending_frames_avg",
		"hailo_stream_buffer_frames",
	};
	char labels[512];

	snprintf(labels, sizeof(labels), "network=\"%s\",stream=\"%s/%s\",direction=\"%s\"", net, net,
		 name, dir);
	for (int i = 0; i < 5; i++)
		gauge(series[i], labels, "frames", v[i]);
}

int main(int argc, char **argv)
{
	static const double in[5] = { 1, 0, 3, 1.25, 4 }, out[5] = { 0, 0, 2, 0.5, 4 };
	char name[64], net[128] = "yolov5m", in_name[128] = "input_layer1", out_name[128] = "conv84";
	char labels[256];
	struct shmtel_config cfg = { .capacity = 64, .lanes = 2, .max_series = 32, .max_histograms = 1 };
	int gone = 0, sentinel = 0, ret;

	if (argc < 3) {
		fprintf(stderr, "usage: top_hailo_writer DIR PID [--gone] [--long] [--sentinel]\n");
		return 2;
	}
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--gone")) {
			gone = 1;
		} else if (!strcmp(argv[i], "--sentinel")) {
			sentinel = 1;
		} else if (!strcmp(argv[i], "--long")) {
			/* Long, but within the 256 bytes a series' labels may take. */
			snprintf(net, sizeof(net), "%s", "yolov5m_wide_model_with_a_long_name_that_fits_no_column");
			snprintf(in_name, sizeof(in_name), "%s", "input_layer_with_a_long_name_as_well");
		}
	}
	snprintf(name, sizeof(name), "hailo-%s", argv[2]);
	cfg.dir = argv[1];
	cfg.name = name;
	cfg.source_pid = atoi(argv[2]);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	ret = shmtel_agent_open(&cfg, &agent);
	if (ret) {
		fprintf(stderr, "top_hailo_writer: open %s: %s\n", name, strerror(-ret));
		return 1;
	}
	gauge("hailo_device_utilization", "device_id=\"0000:01:00.0\",arch=\"HAILO8\"", "percent", 37.5);
	snprintf(labels, sizeof(labels), "network=\"%s\"", net);
	gauge("hailo_network_utilization", labels, "percent", 37.5);
	gauge("hailo_network_fps", labels, "fps", sentinel ? NAN : 29.97);
	stream(net, in_name, "host_to_device", in);
	stream(net, out_name, "device_to_host", out);
	if (gone)
		shmtel_agent_set_gone(agent, 1);
	printf("ready\n");
	fflush(stdout);
	while (!stop)
		pause();
	shmtel_agent_close(agent);
	return 0;
}
