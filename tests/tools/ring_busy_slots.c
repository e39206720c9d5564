/* SPDX-License-Identifier: MIT */
/*
 * ring_busy_slots DIR NAME BUSY COMMITTED - write a ring as writers killed
 * mid-event leave it: the first BUSY slots of the shared lane (lane 0)
 * hold SHM_SEQ_BUSY, and COMMITTED events follow them there.  One more
 * event, "owned", sits on lane 1.  The agent is closed before it exits,
 * so no writer is alive to finish the busy slots.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "shm/geom.h"
#include "shm/layout.h"
#include "shmtel.h"

static struct shmtel_series *shared;
static long busy, committed;

/* A second thread: the first one owns lane 1, so this one writes lane 0. */
static void *emit_shared(void *arg)
{
	(void)arg;
	for (long i = 0; i < busy + committed; i++)
		shmtel_emit(shared, (uint64_t)i);
	return NULL;
}

int main(int argc, char **argv)
{
	struct shmtel_config cfg = { .capacity = 256, .lanes = 2 };
	struct shmtel_series_desc d = { .category = SHMTEL_CUSTOM, .name = "shared",
					.kind = SHMTEL_GAUGE, .type = SHMTEL_U64 };
	struct shmtel_series *owned;
	struct shmtel_agent *a;
	struct shm_header h;
	struct shm_event *ev;
	struct geom g;
	char path[4096];
	pthread_t t;
	uint8_t *m;
	int fd, ret;

	if (argc != 5 || (busy = atol(argv[3])) < 0 || (committed = atol(argv[4])) < 0 ||
	    busy + committed > 256) {
		fprintf(stderr, "usage: ring_busy_slots DIR NAME BUSY COMMITTED (at most 256 in all)\n");
		return 2;
	}
	cfg.dir = argv[1];
	cfg.name = argv[2];
	ret = shmtel_agent_open(&cfg, &a);
	if (!ret)
		ret = shmtel_series_get(a, &d, &shared);
	d.name = "owned";
	if (!ret)
		ret = shmtel_series_get(a, &d, &owned);
	if (ret) {
		fprintf(stderr, "ring_busy_slots: %s\n", strerror(-ret));
		return 1;
	}
	shmtel_emit(owned, 1);
	if (pthread_create(&t, NULL, emit_shared, NULL) || pthread_join(t, NULL))
		return 1;
	shmtel_agent_close(a);

	/* Now mark the first slots of lane 0 as a writer that died in them would have. */
	snprintf(path, sizeof(path), "%s/%s", argv[1], argv[2]);
	fd = open(path, O_RDWR);
	if (fd < 0 || pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    geom_compute(&g, h.capacity, h.lanes, h.max_series, h.max_hist)) {
		perror("ring_busy_slots: reopen");
		return 1;
	}
	m = mmap(NULL, g.file_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("ring_busy_slots: mmap");
		return 1;
	}
	ev = (struct shm_event *)(m + g.lanes_off + g.lane_events_off);
	for (long i = 0; i < busy; i++)
		atomic_store_explicit(&ev[i].seq, SHM_SEQ_BUSY, memory_order_relaxed);
	munmap(m, g.file_size);
	close(fd);
	return 0;
}
