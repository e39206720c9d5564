/* SPDX-License-Identifier: MIT */
/*
 * bridge.c - HailoRT monitor files to shmtel rings (see bridge.h).
 *
 * Two tables: the files of the monitor directory, sorted by name, each
 * remembering the identity of the content last read, the pid its last
 * good dump named and when that dump was written; and the processes,
 * sorted by pid, each owning a ring.  A file is read again only when its
 * identity changes, so a tick where nothing was rewritten costs a stat
 * per file.  A dump is written to its process' ring only if it is the
 * newest dump of that pid and the process is up, so a stale file left by
 * a dead process whose pid was reused never overwrites the live one.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bridge.h"
#include "common/esc.h"
#include "hmon_decode.h"
#include "hmon_env.h"
#include "hmon_read.h"
#include "hring.h"
#include "common/scan.h"
#include "shm/clock.h"

/* Files followed at most: a directory flooded with more is not HailoRT's doing. */
#define MAX_FILES 4096
/* The shortest stale window, whatever the interval: a loaded host may be late. */
#define MIN_WINDOW_NS 3000000000ull
/*
 * The window of a process whose interval is not known yet (its environment
 * is not readable and it has not rewritten its file twice): generous, so a
 * slow writer is not shown gone before its second dump teaches its pace.
 */
#define PROVISIONAL_WINDOW_NS 30000000000ull

struct hfile {
	char *name;
	struct hmon_id id;		/* of the content last read */
	int have_id;
	int32_t pid;			/* named by the last good dump; 0: none yet */
	uint64_t good_ns;		/* mtime of the last good dump */
	int warned;			/* a bad read was reported */
	unsigned seen;			/* full scan that last listed it */
};

struct hproc {
	int32_t pid;
	struct hring *ring;		/* NULL while it cannot be created */
	uint64_t retry_ns;		/* when to try creating it again */
	uint64_t orphan_ns;		/* when its last file went; 0 while it has one */
	struct hfile *best;		/* its newest file, during judge() */
	int open_warned;		/* a failure to create the ring was reported */
	int put_warned;			/* a failure to write a series was reported */
	uint32_t env_ms;		/* interval from its environment; 0: not known */
	uint32_t learned_ms;		/* gap between its last two dumps; 0: not yet */
	uint64_t last_ns;		/* mtime of its newest dump taken */
	int frame_stats;		/* its writer has shown min/max/avg (fields 5-7) */
};

struct bridge {
	struct bridge_cfg cfg;
	uint64_t window_ns;		/* for a file whose process is not known */
	uint64_t retention_ns;		/* cfg.retention_s */
	struct hmon_arena arena;
	uint8_t *buf;
	struct hfile **files;
	size_t nfiles, capfiles;
	struct hproc **procs;
	size_t nprocs, capprocs;
	unsigned scan;
	int full_warned;		/* MAX_FILES reached */
	struct bridge_stats st;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(BRIDGE_PROG ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* A file name as it may be printed: anyone can name files in the directory. */
static const char *shown(const char *name, char *buf, size_t len)
{
	esc_term(buf, len, name);
	return buf;
}

static int pid_alive(int32_t pid)
{
	return kill(pid, 0) == 0 || errno == EPERM;
}

/* @arr (@n of *@cap elements of @size used) with room for one more, or NULL. */
static void *grow(void *arr, size_t n, size_t *cap, size_t size)
{
	size_t nc = *cap ? *cap * 2 : 16;
	void *na;

	if (n < *cap)
		return arr;
	na = realloc(arr, nc * size);
	if (na)
		*cap = nc;
	return na;
}

/* Index of @name in the sorted file table, or where it would go (*@found = 0). */
static size_t file_find(const struct bridge *b, const char *name, int *found)
{
	size_t lo = 0, hi = b->nfiles;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(b->files[mid]->name, name);

		if (!c) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

static void file_drop(struct bridge *b, size_t i)
{
	char esc[1024];

	if (b->cfg.verbose)
		say("%s/%s: gone", b->cfg.hmon_dir, shown(b->files[i]->name, esc, sizeof(esc)));
	free(b->files[i]->name);
	free(b->files[i]);
	memmove(&b->files[i], &b->files[i + 1], (b->nfiles - i - 1) * sizeof(*b->files));
	b->nfiles--;
}

static struct hfile *file_add(struct bridge *b, size_t at, const char *name)
{
	struct hfile *f, **files;

	if (b->nfiles >= MAX_FILES) {
		if (!b->full_warned)
			say("%s: more than %d files; ignoring the rest", b->cfg.hmon_dir, MAX_FILES);
		b->full_warned = 1;
		return NULL;
	}
	files = grow(b->files, b->nfiles, &b->capfiles, sizeof(*files));
	if (!files)
		return NULL;
	b->files = files;
	f = calloc(1, sizeof(*f));
	if (!f || !(f->name = strdup(name))) {
		free(f);
		return NULL;
	}
	memmove(&b->files[at + 1], &b->files[at], (b->nfiles - at) * sizeof(*b->files));
	b->files[at] = f;
	b->nfiles++;
	return f;
}

static size_t proc_find(const struct bridge *b, int32_t pid, int *found)
{
	size_t lo = 0, hi = b->nprocs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (b->procs[mid]->pid == pid) {
			*found = 1;
			return mid;
		}
		if (b->procs[mid]->pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

static uint64_t window_of_ms(uint32_t ms)
{
	uint64_t w = 3ull * ms * 1000000u;

	return w > MIN_WINDOW_NS ? w : MIN_WINDOW_NS;
}

/* @p's dump interval as best known: its environment, else its pace, else 0. */
static uint32_t proc_interval(const struct hproc *p)
{
	return p->env_ms ? p->env_ms : p->learned_ms;
}

/* How long @p may go without a dump before it is stale: from its own interval. */
static uint64_t proc_window(const struct hproc *p)
{
	uint32_t ms = proc_interval(p);

	return ms ? window_of_ms(ms) : PROVISIONAL_WINDOW_NS;
}

/*
 * Where the environment is readable, it is the truth: HailoRT's default
 * when it sets nothing is taken to be --interval.  Where it is not, the
 * interval is learned from the dumps.
 */
static void proc_learn_env(struct bridge *b, struct hproc *p)
{
	uint32_t ms = 0;
	int ret = hmon_env_interval(p->pid, &ms);

	if (ret >= 0)
		p->env_ms = ret ? ms : b->cfg.interval_ms;
	if (b->cfg.verbose)
		say("hailo-%d: interval %s", (int)p->pid,
		    ret > 0 ? "from its environment" : !ret ? "default (--interval)"
							  : "not readable; learned from its dumps");
}

/* A new dump of @p written at @ns: the gap since the last one is its pace. */
static void proc_learn_pace(struct hproc *p, uint64_t ns)
{
	if (ns <= p->last_ns)
		return;
	if (p->last_ns) {
		uint64_t ms = (ns - p->last_ns) / 1000000u;

		p->learned_ms = ms < HMON_INTERVAL_MIN ? HMON_INTERVAL_MIN
			      : ms > HMON_INTERVAL_MAX ? HMON_INTERVAL_MAX : (uint32_t)ms;
	}
	p->last_ns = ns;
}

/* Mark @p up or gone, saying why when it changes. */
static void proc_set_up(struct bridge *b, struct hproc *p, int up, const char *why)
{
	if (!p->ring || hring_gone(p->ring) == !up)
		return;
	hring_set_gone(p->ring, !up);
	if (b->cfg.verbose)
		say("%s: %s", hring_agent(p->ring), up ? "up" : why);
}

/* Create @p's ring if it has none, at most once per stale window on failure. */
static void proc_open(struct bridge *b, struct hproc *p, int up, uint64_t now)
{
	int ret;

	if (p->ring || now < p->retry_ns)
		return;
	ret = hring_open(b->cfg.dir, p->pid, proc_interval(p) ? proc_interval(p) : b->cfg.interval_ms,
			 !up, &p->ring);
	if (ret) {
		if (!p->open_warned)
			say("hailo-%d: cannot create ring in %s: %s%s", (int)p->pid, b->cfg.dir,
			    strerror(-ret), ret == -EBUSY ? " (is another bridge running?)" : "");
		p->open_warned = 1;
		p->retry_ns = now + b->window_ns;
		return;
	}
	b->st.rings++;
	if (b->cfg.verbose)
		say("%s: ring created%s", hring_agent(p->ring), up ? "" : ", gone");
}

static struct hproc *proc_get(struct bridge *b, int32_t pid)
{
	struct hproc *p, **procs;
	int found;
	size_t at = proc_find(b, pid, &found);

	if (found)
		return b->procs[at];
	procs = grow(b->procs, b->nprocs, &b->capprocs, sizeof(*procs));
	if (!procs)
		return NULL;
	b->procs = procs;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	proc_learn_env(b, p);
	memmove(&b->procs[at + 1], &b->procs[at], (b->nprocs - at) * sizeof(*b->procs));
	b->procs[at] = p;
	b->nprocs++;
	return p;
}

static void proc_drop(struct bridge *b, size_t i)
{
	struct hproc *p = b->procs[i];

	if (p->ring) {
		if (b->cfg.verbose)
			say("%s: ring removed", hring_agent(p->ring));
		hring_close(p->ring, 1);
		b->st.rings--;
	}
	free(p);
	memmove(&b->procs[i], &b->procs[i + 1], (b->nprocs - i - 1) * sizeof(*b->procs));
	b->nprocs--;
}

static int fresh(const struct hproc *p, const struct hfile *f, uint64_t now)
{
	return f->good_ns + proc_window(p) >= now;
}

/* Has the process of @f been dead for longer than the retention time? */
static int expired(const struct bridge *b, const struct hfile *f, uint64_t now)
{
	return now > f->good_ns && now - f->good_ns >= b->retention_ns && !pid_alive(f->pid);
}

/* Is @f the newest good dump of its pid? */
static int newest(const struct bridge *b, const struct hfile *f)
{
	for (size_t i = 0; i < b->nfiles; i++) {
		const struct hfile *o = b->files[i];

		if (o != f && o->pid == f->pid && o->good_ns > f->good_ns)
			return 0;
	}
	return 1;
}

struct put_ctx {
	struct hring *ring;
	int err;
	uint32_t ok;			/* values written */
};

static int put_one(void *arg, const struct hmon_value *v)
{
	struct put_ctx *c = arg;
	int ret = hring_put(c->ring, v);

	if (ret && !c->err)
		c->err = ret;
	c->ok += !ret;
	return 0;	/* one series that cannot be created must not stop the rest */
}

static long put_dump(struct hproc *p, const ProtoMon *m, struct put_ctx *c)
{
	long n;

	*c = (struct put_ctx){ .ring = p->ring };
	hring_dump_begin(p->ring);
	n = hmon_convert(m, p->frame_stats ? 0 : HMON_NO_FRAME_STATS, put_one, c);
	hring_dump_end(p->ring);
	return n;
}

/*
 * The ring of @p ran out of series while holding some this dump does not
 * have (a long-lived process that switched models).  Every Hailo series
 * is a gauge, so a fresh ring with only the current ones loses nothing a
 * reader reports; it is renamed over the old file, which readers holding
 * it see closed.  0, or -errno with @p left without a ring.
 */
static int proc_replace_ring(struct bridge *b, struct hproc *p, uint64_t now)
{
	uint32_t old = hring_series(p->ring);

	hring_close(p->ring, 0);
	p->ring = NULL;
	b->st.rings--;
	proc_open(b, p, 1, now);
	if (!p->ring)
		return -ENOSPC;
	b->st.replaced++;
	if (b->cfg.verbose)
		say("%s: ring replaced: its %u series were full", hring_agent(p->ring), old);
	return 0;
}

static void write_dump(struct bridge *b, struct hproc *p, const ProtoMon *m, uint64_t now)
{
	struct put_ctx c;
	long n;

	n = put_dump(p, m, &c);
	if (c.err == -ENOSPC && n >= 0 && n <= HRING_MAX_SERIES && hring_series(p->ring) > c.ok) {
		if (proc_replace_ring(b, p, now))
			return;
		n = put_dump(p, m, &c);
	}
	b->st.dumps++;
	if (c.err && !p->put_warned)
		say("%s: some series not written: %s", hring_agent(p->ring), strerror(-c.err));
	p->put_warned |= !!c.err;
	if (b->cfg.verbose)
		say("%s: %ld values", hring_agent(p->ring), n);
}

static void bad(struct bridge *b, struct hfile *f, const char *why)
{
	char esc[1024];

	b->st.bad++;
	if (!f->warned || b->cfg.verbose)
		say("%s/%s: %s; skipped%s", b->cfg.hmon_dir, shown(f->name, esc, sizeof(esc)), why,
		    f->warned ? "" : " (reported once per file)");
	f->warned = 1;
}

/*
 * The pid in a monitor file's name, <pid><6 random chars> (mkstemp's), or
 * 0 if the name is not of that form.
 */
static int32_t name_pid(const char *name)
{
	size_t n = strlen(name);
	long v = 0;

	if (n < 7 || n > 16)
		return 0;
	for (size_t i = 0; i < n - 6; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		v = v * 10 + (name[i] - '0');
	}
	return v > 0 && v <= INT32_MAX ? (int32_t)v : 0;
}

/*
 * Is the empty file @f a dump on its way?  HailoRT 4.22+ creates each name
 * empty first, 4.21- truncates before writing: so an empty file is normal
 * while it is younger than the stale window of its process and that
 * process (the one its last dump named, or its name does) is alive.
 */
static int young_empty(const struct bridge *b, const struct hfile *f, uint64_t now)
{
	int32_t pid = f->pid ? f->pid : name_pid(f->name);
	int found = 0;
	size_t at = pid ? proc_find(b, pid, &found) : 0;
	uint64_t w = found ? proc_window(b->procs[at]) : b->window_ns;

	return pid && pid_alive(pid) && hmon_mtime_ns(&f->id) + w >= now;
}

/* Decode the new content of @f (read into b->buf) and write it if it is current. */
static void take_dump(struct bridge *b, struct hfile *f, size_t len, uint64_t now)
{
	ProtoMon *m;
	struct hproc *p;
	int32_t pid;
	int up, stats;

	if (!len && young_empty(b, f, now)) {
		f->have_id = 0;		/* look again next time, and judge its age then */
		return;
	}
	m = hmon_decode(&b->arena, b->buf, len);
	if (!m || hmon_pid(m, &pid)) {
		bad(b, f, !len ? "empty file" : !m ? "not a ProtoMon message (truncated or garbage)"
						   : "no valid pid in the message");
		hmon_release(&b->arena, m);
		return;
	}
	stats = hmon_frame_stats(b->buf, len);
	f->pid = pid;
	f->good_ns = hmon_mtime_ns(&f->id);
	/* A crashed process' file, met again later (a restart): no ring for it. */
	if (expired(b, f, now)) {
		hmon_release(&b->arena, m);
		return;
	}
	p = proc_get(b, pid);
	if (p && newest(b, f)) {
		proc_learn_pace(p, f->good_ns);
		p->frame_stats |= stats > 0;
		up = fresh(p, f, now) && pid_alive(pid);
		p->orphan_ns = 0;
		proc_open(b, p, up, now);
		if (p->ring && up) {
			write_dump(b, p, m, now);
			proc_set_up(b, p, 1, NULL);
		}
	}
	hmon_release(&b->arena, m);
}

/* Follow one directory entry: read it if it changed, forget it if it went. */
static void file_update(struct bridge *b, const char *name, uint64_t now)
{
	char path[8192];
	struct hmon_id id;
	struct hfile *f;
	size_t at, len = 0, n = strlen(name);
	int found, ret;

	/* HailoRT's temporaries (4.22+) and anything hidden are never dumps. */
	if (name[0] == '.' || (n >= 4 && !strcmp(name + n - 4, ".tmp")))
		return;
	snprintf(path, sizeof(path), "%s/%s", b->cfg.hmon_dir, name);
	at = file_find(b, name, &found);
	ret = hmon_stat(path, &id);
	if (ret) {
		if (found)
			file_drop(b, at);
		return;
	}
	f = found ? b->files[at] : file_add(b, at, name);
	if (!f)
		return;
	f->seen = b->scan;
	if (f->have_id && hmon_id_same(&f->id, &id))
		return;
	ret = hmon_read(path, b->buf, HMON_MAX_FILE, &len, &id);
	if (ret == -ENOENT || ret == -EINVAL) {
		file_drop(b, at);
		return;
	}
	if (ret == -EAGAIN)
		return;		/* being written: the next event or tick rereads it */
	f->id = id;
	f->have_id = 1;
	if (ret) {
		bad(b, f, ret == -EFBIG ? "larger than any monitor file" : strerror(-ret));
		return;
	}
	take_dump(b, f, len, now);
}

/*
 * Judge process @i from its newest file (p->best): up, gone (stale or
 * dead), dead for longer than the retention time (removed), or without
 * files (gone now, removed one stale window later).  Returns 1 if it was
 * removed.
 */
static int judge_proc(struct bridge *b, size_t i, uint64_t now)
{
	struct hproc *p = b->procs[i];
	int stale, dead;

	if (!p->best) {
		if (!p->orphan_ns) {
			p->orphan_ns = now;
			proc_set_up(b, p, 0, "gone (its file was removed)");
		} else if (now - p->orphan_ns >= proc_window(p)) {
			proc_drop(b, i);
			return 1;
		}
		return 0;
	}
	p->orphan_ns = 0;
	if (expired(b, p->best, now)) {
		proc_drop(b, i);
		return 1;
	}
	stale = !fresh(p, p->best, now);
	dead = !pid_alive(p->pid);
	proc_open(b, p, !stale && !dead, now);
	proc_set_up(b, p, !stale && !dead, dead ? "gone (process exited)" : "gone (file stale)");
	return 0;
}

/* Judge every process, after a full scan. */
static void judge(struct bridge *b, uint64_t now)
{
	int found;

	for (size_t i = 0; i < b->nprocs; i++)
		b->procs[i]->best = NULL;
	for (size_t i = 0; i < b->nfiles; i++) {
		struct hfile *f = b->files[i];
		size_t at;

		if (!f->pid)
			continue;
		at = proc_find(b, f->pid, &found);
		if (found && (!b->procs[at]->best || f->good_ns > b->procs[at]->best->good_ns))
			b->procs[at]->best = f;
	}
	for (size_t i = 0; i < b->nprocs; i++)
		i -= (size_t)judge_proc(b, i, now);
}

/* Judge only the process of @pid (0: none), after one of its files changed. */
static void judge_pid(struct bridge *b, int32_t pid, uint64_t now)
{
	struct hproc *p;
	int found;
	size_t at;

	if (!pid)
		return;
	at = proc_find(b, pid, &found);
	if (!found)
		return;
	p = b->procs[at];
	p->best = NULL;
	for (size_t i = 0; i < b->nfiles; i++)
		if (b->files[i]->pid == pid && (!p->best || b->files[i]->good_ns > p->best->good_ns))
			p->best = b->files[i];
	judge_proc(b, at, now);
}

/* The pid the last good dump of file @name named, or 0. */
static int32_t pid_of(const struct bridge *b, const char *name)
{
	int found;
	size_t at = file_find(b, name, &found);

	return found ? b->files[at]->pid : 0;
}

struct scan_ctx {
	struct bridge *b;
	uint64_t now;
};

static int scan_one(const char *path, const char *name, void *arg)
{
	struct scan_ctx *c = arg;

	(void)path;
	file_update(c->b, name, c->now);
	return 0;
}

int bridge_scan(struct bridge *b)
{
	struct scan_ctx c = { .b = b, .now = clock_realtime_ns() };
	int n;

	b->scan++;
	n = scan_dir(b->cfg.hmon_dir, scan_one, &c);
	/*
	 * Unlisted files are gone, and a directory that is gone took them all;
	 * a directory that cannot be read says nothing either way.
	 */
	if (n >= 0 || n == -ENOENT)
		for (size_t i = 0; i < b->nfiles; i++)
			if (b->files[i]->seen != b->scan)
				file_drop(b, i--);
	judge(b, c.now);
	return n < 0 ? n : 0;
}

void bridge_file(struct bridge *b, const char *name)
{
	uint64_t now = clock_realtime_ns();
	int32_t before = pid_of(b, name), after;

	file_update(b, name, now);
	/* Only the processes this file belonged to can have changed. */
	after = pid_of(b, name);
	judge_pid(b, before, now);
	if (after != before)
		judge_pid(b, after, now);
}

void bridge_stats(const struct bridge *b, struct bridge_stats *out)
{
	*out = b->st;
	out->no_ring = 0;
	for (size_t i = 0; i < b->nprocs; i++)
		out->no_ring += !b->procs[i]->ring && b->procs[i]->open_warned;
}

int bridge_new(const struct bridge_cfg *cfg, struct bridge **out)
{
	struct bridge *b;

	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->cfg = *cfg;
	b->window_ns = window_of_ms(cfg->interval_ms);
	b->retention_ns = (uint64_t)cfg->retention_s * 1000000000u;
	b->buf = malloc(HMON_MAX_FILE);
	if (!b->buf || hmon_arena_init(&b->arena, HMON_ARENA_SIZE)) {
		free(b->buf);
		free(b);
		return -ENOMEM;
	}
	*out = b;
	return 0;
}

void bridge_free(struct bridge *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nprocs; i++) {
		/* A process whose files are gone has no ring worth keeping. */
		hring_close(b->procs[i]->ring, b->procs[i]->orphan_ns != 0);
		free(b->procs[i]);
	}
	for (size_t i = 0; i < b->nfiles; i++) {
		free(b->files[i]->name);
		free(b->files[i]);
	}
	free(b->procs);
	free(b->files);
	hmon_arena_fini(&b->arena);
	free(b->buf);
	free(b);
}
