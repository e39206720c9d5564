/* SPDX-License-Identifier: MIT */
/*
 * emit.c - cost of one emit, next to baselines measured in the same run,
 * and the reader's decoding throughput.
 *
 * Every figure is the median of ROUNDS rounds; a round times ITERS calls
 * and divides.  Two-thread figures are per call per thread, with both
 * threads released together by a barrier.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>
#include "shm/ring_read.h"
#include "shmtel.h"
#include "bench.h"
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

#define ROUNDS 9
#define ITERS 2000000

/* --- baselines ---------------------------------------------------------- */

static volatile uint64_t sink;

static void base_clock(void *arg)
{
	struct timespec ts;

	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		sink += (uint64_t)ts.tv_nsec;
	}
}

/*
 * The timestamp floor: the tick read an emit does, alone (the x86 TSC,
 * ARM64's virtual counter; elsewhere the clock_gettime an emit falls back
 * to).
 */
static inline uint64_t floor_ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
	return __rdtsc();
#elif defined(__aarch64__)
	uint64_t t;

	__asm__ __volatile__("mrs %0, cntvct_el0" : "=r"(t));
	return t;
#else
	return bench_now_ns();
#endif
}

#if defined(__x86_64__) || defined(__i386__)
#define FLOOR_NAME "rdtsc"
#elif defined(__aarch64__)
#define FLOOR_NAME "mrs cntvct_el0"
#else
#define FLOOR_NAME "clock_gettime(MONOTONIC)"
#endif

static void base_ticks(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++)
		sink += floor_ticks();
}

/* A bare ring: fetch-add a shared head, store the event.  No timestamp. */
struct bare_ev { uint64_t seq, value; };
static struct bare_ev bare[4096];
static _Atomic uint64_t bare_head;

static void base_bare(void *arg)
{
	(void)arg;
	for (uint64_t i = 0; i < ITERS; i++) {
		uint64_t p = atomic_fetch_add_explicit(&bare_head, 1, memory_order_relaxed);
		struct bare_ev *e = &bare[p & 4095];

		e->value = i;
		atomic_store_explicit((_Atomic uint64_t *)&e->seq, p + 1, memory_order_release);
	}
}

/* NIXL's shape: a mutex-protected staging vector drained by a flusher. */
struct staged { uint64_t ts, value; char name[32]; };
static pthread_mutex_t stage_lock = PTHREAD_MUTEX_INITIALIZER;
static struct staged *stage;
static size_t stage_n, stage_cap;

static void base_mutex(void *arg)
{
	struct timespec ts;

	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		pthread_mutex_lock(&stage_lock);
		if (stage_n == stage_cap) {
			stage_n = 0;	/* the flusher would have drained it */
		}
		stage[stage_n].ts = (uint64_t)ts.tv_nsec;
		stage[stage_n].value = (uint64_t)i;
		memcpy(stage[stage_n].name, "agent_tx_bytes", 15);
		stage_n++;
		pthread_mutex_unlock(&stage_lock);
	}
}

/* --- shmtel ------------------------------------------------------------- */

static struct shmtel_series *hist[2], *cnt[2];

static void emit_counter(void *arg)
{
	struct shmtel_series *s = *(struct shmtel_series **)arg;

	for (uint64_t i = 0; i < ITERS; i++)
		shmtel_emit(s, i);
}

static void emit_hist(void *arg)
{
	struct shmtel_series *s = *(struct shmtel_series **)arg;

	for (uint64_t i = 0; i < ITERS; i++)
		shmtel_emit(s, i & 0xffff);
}

static struct shmtel_agent *agent;
static struct shmtel_series *other;	/* a counter of a second agent */

/* One thread alternating between two agents' counters: the lane cache's case. */
static void emit_two_agents(void *arg)
{
	struct shmtel_series *s = *(struct shmtel_series **)arg;

	for (uint64_t i = 0; i < ITERS; i += 2) {
		shmtel_emit(s, i);
		shmtel_emit(other, i);
	}
}

static void emit_by_name(void *arg)
{
	(void)arg;
	for (uint64_t i = 0; i < ITERS; i++)
		shmtel_emit_name(agent, "c0", i);
}

static void emit_null(void *arg)
{
	struct shmtel_series *volatile s = NULL;

	(void)arg;
	for (uint64_t i = 0; i < ITERS; i++)
		shmtel_emit(s, i);
}

/* --- harness ------------------------------------------------------------ */

/* One row: ns, and the ratios to the 1-thread counter emit and to the timestamp floor. */
static void row(const char *what, double v, double emit1, double floor)
{
	printf("  %-44s %8.2f %8.2f %8.2f\n", what, v, v / emit1, v / floor);
}


struct job {
	void (*fn)(void *);
	void *arg;
	pthread_barrier_t *bar;
	double ns;
};

static void *run_job(void *p)
{
	struct job *j = p;
	uint64_t t0;

	pthread_barrier_wait(j->bar);
	t0 = bench_now_ns();
	j->fn(j->arg);
	j->ns = (double)(bench_now_ns() - t0) / ITERS;
	return NULL;
}

/* Median ns per call; with two functions, they run at once on two threads. */
static double measure(void (*f0)(void *), void *a0, void (*f1)(void *), void *a1)
{
	double v[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		pthread_barrier_t bar;
		struct job j[2] = { { f0, a0, &bar, 0 }, { f1, a1, &bar, 0 } };
		pthread_t t[2];
		int n = f1 ? 2 : 1;

		pthread_barrier_init(&bar, NULL, (unsigned)n);
		for (int i = 0; i < n; i++)
			pthread_create(&t[i], NULL, run_job, &j[i]);
		for (int i = 0; i < n; i++)
			pthread_join(t[i], NULL);
		pthread_barrier_destroy(&bar);
		v[r] = n == 2 ? (j[0].ns + j[1].ns) / 2 : j[0].ns;
	}
	return bench_median(v, ROUNDS);
}

static int make_series(struct shmtel_agent *a, const char *name, enum shmtel_kind kind,
		       struct shmtel_series **out)
{
	struct shmtel_series_desc d = {
		.category = SHMTEL_PERFORMANCE, .name = name, .kind = kind, .type = SHMTEL_U64,
		.unit = "ns",
	};

	return shmtel_series_get(a, &d, out);
}

/*
 * Opening agents in one process, in ms: the first open (which may do
 * per-process work once), and the median of later ones, each a new agent
 * closed again.
 */
static void open_times(const char *dir, double *first, double *later)
{
	double v[ROUNDS];

	for (int k = -1; k < ROUNDS; k++) {
		struct shmtel_config cfg = { .dir = dir, .capacity = 4096, .lanes = 4 };
		struct shmtel_agent *a;
		char name[32], path[4096];
		uint64_t t0;

		snprintf(name, sizeof(name), "open%d", k + 1);
		cfg.name = name;
		t0 = bench_now_ns();
		if (shmtel_agent_open(&cfg, &a)) {
			fprintf(stderr, "bench: cannot open agent %s in %s\n", name, dir);
			exit(1);
		}
		if (k < 0)
			*first = (double)(bench_now_ns() - t0) / 1e6;
		else
			v[k] = (double)(bench_now_ns() - t0) / 1e6;
		shmtel_agent_close(a);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		unlink(path);
	}
	*later = bench_median(v, ROUNDS);
}

/*
 * The ring the reader rows read: READER_EVENTS events, a third each from
 * three threads into their own lanes, as three threads of an agent write
 * them.  The file is 512 MiB (four lanes of 4 Mi events, all reserved at
 * open); on /dev/shm when it has room for that (a disk's page cache would
 * write 320 MB back while we time), else in the bench's directory.
 */
#define READER_EVENTS	10000000
#define READER_THREADS	3

static void *fill(void *arg)
{
	struct shmtel_series *s = arg;

	for (uint64_t i = 0; i < READER_EVENTS / READER_THREADS + 1; i++)
		shmtel_emit(s, i * 4096);
	return NULL;
}

static void reader_ring(const char *dir, char *path, size_t len)
{
	struct shmtel_config cfg = { .name = "bench-reader", .capacity = 1u << 22,
				     .lanes = READER_THREADS + 1 };
	struct shmtel_series *s[READER_THREADS];
	pthread_t t[READER_THREADS];
	struct shmtel_agent *a;

	struct statvfs vfs;
	char name[64];

	snprintf(name, sizeof(name), "bench-reader-%ld", (long)getpid());
	cfg.name = name;
	cfg.dir = !statvfs("/dev/shm", &vfs) && !access("/dev/shm", W_OK) &&
		  (uint64_t)vfs.f_bavail * vfs.f_frsize > (600ull << 20) ? "/dev/shm" : dir;
	if (shmtel_agent_open(&cfg, &a)) {
		fprintf(stderr, "bench: cannot open the reader's ring in %s\n", cfg.dir);
		exit(1);
	}
	for (int i = 0; i < READER_THREADS; i++) {
		char sname[16];

		snprintf(sname, sizeof(sname), "r%d", i);
		if (make_series(a, sname, SHMTEL_COUNTER, &s[i])) {
			fprintf(stderr, "bench: cannot make the reader's series\n");
			shmtel_agent_close(a);
			snprintf(path, len, "%s/%s", cfg.dir, cfg.name);
			unlink(path);
			exit(1);
		}
	}
	for (int i = 0; i < READER_THREADS; i++)
		pthread_create(&t[i], NULL, fill, s[i]);
	for (int i = 0; i < READER_THREADS; i++)
		pthread_join(t[i], NULL);
	shmtel_agent_close(a);
	snprintf(path, len, "%s/%s", cfg.dir, cfg.name);
}

/* Reader: decode every retained event of a full ring, events per second. */
static double reader_decode(const char *path, uint64_t *events)
{
	static struct ring_event buf[65536];
	double v[ROUNDS];
	struct ring *r;
	char why[128];

	if (ring_open(path, &r, why, sizeof(why))) {
		fprintf(stderr, "bench: %s: %s\n", path, why);
		unlink(path);
		exit(1);
	}
	for (int k = 0; k < ROUNDS; k++) {
		struct ring_cursor c;
		uint64_t missed = 0, n = 0, t0;
		long got;

		ring_cursor_init(r, &c, 0);
		t0 = bench_now_ns();
		while ((got = ring_poll(r, &c, buf, 65536, &missed)) > 0)
			n += (uint64_t)got;
		v[k] = (double)n / ((double)(bench_now_ns() - t0) / 1e9);
		*events = n;
		ring_cursor_free(&c);
	}
	ring_close(r);
	return bench_median(v, ROUNDS);
}

/* The real tool, line format to /dev/null (includes its start-up). */
static double reader_line(const char *path, uint64_t events)
{
	char cmd[8192];
	double v[5];

	snprintf(cmd, sizeof(cmd), "telemetry_reader --once --format line '%s' >/dev/null 2>&1", path);
	for (int k = 0; k < 5; k++) {
		uint64_t t0 = bench_now_ns();

		if (system(cmd)) {
			fprintf(stderr, "bench: telemetry_reader failed\n");
			unlink(path);
			exit(1);
		}
		v[k] = (double)events / ((double)(bench_now_ns() - t0) / 1e9);
	}
	return bench_median(v, 5);
}

int main(void)
{
	char dir[] = "/tmp/shmtel-bench-XXXXXX", path[4096];
	struct shmtel_config cfg = { .name = "bench", .capacity = 1u << 20, .lanes = 4 };
	struct shmtel_agent *a, *a2;
	double open1 = 0, openn = 0, ticks, clk, two, bare1, bare2, mtx1, mtx2, e1, e2same, e2diff, h1, h2diff, byname, nul, dec, line;
	uint64_t events = 0;

	if (!mkdtemp(dir))
		return 1;
	cfg.dir = dir;
	stage_cap = 4096;
	stage = calloc(stage_cap, sizeof(*stage));
	open_times(dir, &open1, &openn);
	if (shmtel_agent_open(&cfg, &a) || make_series(a, "c0", SHMTEL_COUNTER, &cnt[0]) ||
	    make_series(a, "c1", SHMTEL_COUNTER, &cnt[1]) ||
	    make_series(a, "h0", SHMTEL_HISTOGRAM, &hist[0]) ||
	    make_series(a, "h1", SHMTEL_HISTOGRAM, &hist[1])) {
		fprintf(stderr, "bench: cannot open agent in %s\n", dir);
		return 1;
	}
	cfg.name = "bench2";
	cfg.capacity = 1u << 16;
	if (shmtel_agent_open(&cfg, &a2) || make_series(a2, "c0", SHMTEL_COUNTER, &other)) {
		fprintf(stderr, "bench: cannot open a second agent in %s\n", dir);
		return 1;
	}
	ticks = measure(base_ticks, NULL, NULL, NULL);
	clk = measure(base_clock, NULL, NULL, NULL);
	bare1 = measure(base_bare, NULL, NULL, NULL);
	bare2 = measure(base_bare, NULL, base_bare, NULL);
	mtx1 = measure(base_mutex, NULL, NULL, NULL);
	mtx2 = measure(base_mutex, NULL, base_mutex, NULL);
	e1 = measure(emit_counter, &cnt[0], NULL, NULL);
	e2same = measure(emit_counter, &cnt[0], emit_counter, &cnt[0]);
	e2diff = measure(emit_counter, &cnt[0], emit_counter, &cnt[1]);
	h1 = measure(emit_hist, &hist[0], NULL, NULL);
	h2diff = measure(emit_hist, &hist[0], emit_hist, &hist[1]);
	two = measure(emit_two_agents, &cnt[0], NULL, NULL);
	agent = a;
	byname = measure(emit_by_name, NULL, NULL, NULL);
	nul = measure(emit_null, NULL, NULL, NULL);
	reader_ring(dir, path, sizeof(path));
	dec = reader_decode(path, &events);
	line = reader_line(path, events);
	unlink(path);

	printf("emit cost, median of %d rounds x %d calls (ns per call per thread)\n", ROUNDS, ITERS);
	printf("  %-44s %8s %8s %8s\n", "", "ns", "x emit1", "x floor");
	row("floor: " FLOOR_NAME " alone", ticks, e1, ticks);
	row("baseline: clock_gettime(REALTIME)", clk, e1, ticks);
	row("baseline: bare fetch-add ring, 1 thread", bare1, e1, ticks);
	row("baseline: bare fetch-add ring, 2 threads", bare2, e1, ticks);
	row("baseline: mutex staging queue, 1 thread", mtx1, e1, ticks);
	row("baseline: mutex staging queue, 2 threads", mtx2, e1, ticks);
	row("shmtel_emit counter, 1 thread", e1, e1, ticks);
	row("shmtel_emit counter, 2 threads same series", e2same, e1, ticks);
	row("shmtel_emit counter, 2 threads diff series", e2diff, e1, ticks);
	row("shmtel_emit counter, 1 thread, 2 agents", two, e1, ticks);
	row("shmtel_emit histogram, 1 thread", h1, e1, ticks);
	row("shmtel_emit histogram, 2 threads diff series", h2diff, e1, ticks);
	row("shmtel_emit_name (name seen before)", byname, e1, ticks);
	row("shmtel_emit on a NULL handle (disabled)", nul, e1, ticks);
	printf("opening an agent (ms)\n");
	printf("  %-44s %8.3f\n", "first open in the process", open1);
	printf("  %-44s %8.3f (median of %d)\n", "later opens", openn, ROUNDS);
	printf("reader throughput, %" PRIu64 " events (median)\n", events);
	printf("  %-44s %8.2f M events/s\n", "ring_poll decode only", dec / 1e6);
	printf("  %-44s %8.2f M events/s\n", "telemetry_reader --format line >/dev/null", line / 1e6);
	shmtel_agent_close(a);
	shmtel_agent_close(a2);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bench2", dir);
	unlink(path);
	rmdir(dir);
	free(stage);
	return 0;
}
