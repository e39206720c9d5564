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
#include "hmon_read.h"
#include "hring.h"
#include "common/scan.h"
#include "shm/clock.h"

/* Files followed at most: a directory flooded with more is not HailoRT's doing. */
#define MAX_FILES 4096

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
};

struct bridge {
	struct bridge_cfg cfg;
	uint64_t window_ns;		/* stale after this long without a dump */
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
	ret = hring_open(b->cfg.dir, p->pid, b->cfg.interval_ms, !up, &p->ring);
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

static int fresh(const struct bridge *b, const struct hfile *f, uint64_t now)
{
	return f->good_ns + b->window_ns >= now;
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
};

static int put_one(void *arg, const struct hmon_value *v)
{
	struct put_ctx *c = arg;
	int ret = hring_put(c->ring, v);

	if (ret && !c->err)
		c->err = ret;
	return 0;	/* one series that cannot be created must not stop the rest */
}

static void write_dump(struct bridge *b, struct hproc *p, const ProtoMon *m)
{
	struct put_ctx c = { .ring = p->ring };
	long n;

	hring_dump_begin(p->ring);
	n = hmon_convert(m, put_one, &c);
	hring_dump_end(p->ring);
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

/* Decode the new content of @f (read into b->buf) and write it if it is current. */
static void take_dump(struct bridge *b, struct hfile *f, size_t len, uint64_t now)
{
	ProtoMon *m;
	struct hproc *p;
	int32_t pid;
	int up;

	m = hmon_decode(&b->arena, b->buf, len);
	if (!m || hmon_pid(m, &pid)) {
		bad(b, f, !len ? "empty file" : !m ? "not a ProtoMon message (truncated or garbage)"
						   : "no valid pid in the message");
		hmon_release(&b->arena, m);
		return;
	}
	f->pid = pid;
	f->good_ns = hmon_mtime_ns(&f->id);
	up = fresh(b, f, now) && pid_alive(pid);
	p = proc_get(b, pid);
	if (p && newest(b, f)) {
		p->orphan_ns = 0;
		proc_open(b, p, up, now);
		if (p->ring && up) {
			write_dump(b, p, m);
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
		return;		/* rewritten while read: the next event or tick rereads it */
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
 * dead), or without files (gone now, removed one stale window later).
 * Returns 1 if it was removed.
 */
static int judge_proc(struct bridge *b, size_t i, uint64_t now)
{
	struct hproc *p = b->procs[i];
	int stale, dead;

	if (!p->best) {
		if (!p->orphan_ns) {
			p->orphan_ns = now;
			proc_set_up(b, p, 0, "gone (its file was removed)");
		} else if (now - p->orphan_ns >= b->window_ns) {
			proc_drop(b, i);
			return 1;
		}
		return 0;
	}
	p->orphan_ns = 0;
	stale = !fresh(b, p->best, now);
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
}

int bridge_new(const struct bridge_cfg *cfg, struct bridge **out)
{
	struct bridge *b;
	uint64_t w;

	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->cfg = *cfg;
	w = 3ull * cfg->interval_ms * 1000000u;
	b->window_ns = w > 3000000000ull ? w : 3000000000ull;
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
