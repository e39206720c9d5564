/* SPDX-License-Identifier: MIT */
/*
 * host.c - the host's memory (/proc/meminfo MemTotal, MemAvailable) and
 * CPU utilization (/proc/stat).  Utilization is the share of non-idle
 * time between two samples, so the first sample has none.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pw.h"
#include "sysval.h"

#define MAX_CPUS 1024

struct times {
	uint64_t busy, total;
};

struct host {
	char meminfo[PATH_MAX];
	char stat[PATH_MAX];
	struct pw_warn wmem, wstat;
	int have_prev;
	unsigned ncpu;		/* entries of prev: "cpu" then cpu0.. */
	struct times prev[MAX_CPUS + 1];
};

static int probe(void **state, const struct pw_env *e, FILE *list)
{
	struct host *h = calloc(1, sizeof(*h));
	FILE *f;

	if (!h)
		return -ENOMEM;
	snprintf(h->meminfo, sizeof(h->meminfo), "%.4000s/meminfo", e->procfs);
	snprintf(h->stat, sizeof(h->stat), "%.4000s/stat", e->procfs);
	f = fopen(h->meminfo, "r");
	if (!f) {
		int err = -errno;

		if (list)
			fprintf(list, "host: %s: %s\n", h->meminfo, pw_why(err));
		free(h);
		return err;
	}
	fclose(f);
	if (list)
		fprintf(list, "host: %s, %s: found\n", h->meminfo, h->stat);
	*state = h;
	return 0;
}

static int memory(struct host *h, struct pw_sink *k)
{
	char line[256];
	int found = 0;
	FILE *f = fopen(h->meminfo, "r");

	if (!f) {
		pw_skip(&h->wmem, h->meminfo, -errno);
		return -errno;
	}
	while (fgets(line, sizeof(line), f)) {
		const char *name = !strncmp(line, "MemTotal:", 9) ? "memory_total" :
				   !strncmp(line, "MemAvailable:", 13) ? "memory_available" : NULL;
		uint64_t kb;

		if (name && sscanf(strchr(line, ':') + 1, "%" SCNu64 " kB", &kb) == 1 &&
		    kb <= UINT64_MAX / 1024) {
			pw_gauge(k, name, "source=\"host\"", "bytes", (double)(kb * 1024));
			found++;
		}
	}
	fclose(f);
	if (!found) {
		pw_skip(&h->wmem, h->meminfo, -EINVAL);
		return -EINVAL;
	}
	pw_ok(&h->wmem);
	return 0;
}

static int cpus(struct host *h, struct pw_sink *k)
{
	char line[512], labels[64], cpu[16];
	unsigned n = 0;
	FILE *f = fopen(h->stat, "r");

	if (!f) {
		pw_skip(&h->wstat, h->stat, -errno);
		return -errno;
	}
	while (fgets(line, sizeof(line), f) && n <= MAX_CPUS) {
		uint64_t v[8] = { 0 }, total = 0, busy;
		struct times *p = &h->prev[n];
		int got;

		if (strncmp(line, "cpu", 3))
			break;	/* the cpu lines come first */
		got = sscanf(line, "%15s %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			     " %" SCNu64 " %" SCNu64 " %" SCNu64, cpu, &v[0], &v[1], &v[2], &v[3],
			     &v[4], &v[5], &v[6], &v[7]);
		if (got < 5)
			continue;
		for (int i = 0; i < 8; i++)
			total += v[i];
		busy = total - v[3] - v[4];	/* idle and iowait */
		if (h->have_prev && n < h->ncpu && total > p->total && busy >= p->busy) {
			pw_label(labels, sizeof(labels), pw_label(labels, sizeof(labels), 0, "source",
				 "host"), "cpu", strcmp(cpu, "cpu") ? cpu : "all");
			pw_gauge(k, "cpu_utilization", labels, "percent",
				 100.0 * (double)(busy - p->busy) / (double)(total - p->total));
		}
		p->busy = busy;
		p->total = total;
		n++;
	}
	fclose(f);
	h->ncpu = n;
	h->have_prev = n > 0;
	if (!n) {
		pw_skip(&h->wstat, h->stat, -EINVAL);
		return -EINVAL;
	}
	pw_ok(&h->wstat);
	return 0;
}

static int sample(void *state, struct pw_sink *k)
{
	int a = memory(state, k), b = cpus(state, k);

	return a ? a : b;
}

static void fini(void *state)
{
	free(state);
}

const struct pw_collector pw_host = { "host", probe, sample, fini };
