/* SPDX-License-Identifier: MIT */
/*
 * tegrastats.c - the Jetson collector: NVIDIA's tegrastats as a child.
 *
 * tegrastats prints one line of readings every --interval ms on its
 * stdout; we run `tegrastats --interval MS` (or the shell command line
 * --tegrastats CMD, as /bin/sh -c 'CMD "$@"' with "--interval MS" as its
 * arguments, so CMD may be `ssh board tegrastats` or a script) in a
 * process group of its own, with its stdout on a non-blocking pipe.
 * sample() drains the pipe and parses only the newest complete line, so
 * a slow or silent child never holds up the sample loop (one that closes
 * its stdout yet lives on costs at most 0.1 s, then SIGKILL).  A child that
 * ends is restarted from sample() after a backoff of 1 s doubling to
 * 30 s (back to 1 s once a child has given a line).
 *
 * telemetry_power probes every collector again on SIGHUP and every
 * rescan (fini, then probe).  Restarting tegrastats each time would lose
 * a line and reset its running averages, so fini() parks the running
 * child and the next probe() with the same command and interval adopts
 * it; an atexit handler ends a child still parked when the program
 * exits, and PR_SET_PDEATHSIG ends it if the program dies.  The program
 * is single-threaded: the parked slot needs no lock.
 */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "common/esc.h"
#include "pw.h"
#include "tegra_parse.h"

#define TG_BUF 16384		/* longest line kept; tegrastats prints < 2 KiB */
#define TG_BACKOFF_MIN 1000u
#define TG_BACKOFF_MAX 30000u
#define TG_FIRST_LINE_MS 2000u	/* probe waits this much past one interval */

struct tg {
	char cmd[1024];			/* the shell command line */
	char ms[16];			/* --interval's argument */
	pid_t pid;			/* 0: not running */
	int fd;				/* read end of its stdout, -1 when none */
	char buf[TG_BUF];		/* bytes read, not yet a whole line */
	size_t have;
	char line[TG_BUF];		/* the newest complete line */
	size_t len;
	int fresh;			/* line not yet sampled */
	int gave_line;			/* this child printed a line */
	unsigned backoff_ms;
	long long restart_at;		/* CLOCK_MONOTONIC ms; when pid == 0 */
	int warned_bad, warned_unknown;
	struct tegra_reading r;
};

static struct tg *parked;
static int registered;		/* end_parked is an atexit handler */

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* on_path: @prog (no '/') is an executable in $PATH. */
static int on_path(const char *prog, size_t n)
{
	const char *path = getenv("PATH"), *p;
	char f[4096];

	if (!path || !*path)
		path = "/usr/bin:/bin";
	for (p = path;; p++) {
		const char *e = strchr(p, ':');
		size_t d = e ? (size_t)(e - p) : strlen(p);

		if (snprintf(f, sizeof(f), "%.*s/%.*s", (int)d, d ? p : ".", (int)n, prog) <
		    (int)sizeof(f) && !access(f, X_OK))
			return 1;
		if (!e)
			return 0;
		p = e;
	}
}

/* findable: the first word of the command line @cmd can be run. */
static int findable(const char *cmd)
{
	size_t s = strspn(cmd, " \t"), n = strcspn(cmd + s, " \t");
	char f[4096];

	if (!n)
		return 0;
	if (memchr(cmd + s, '/', n))
		return snprintf(f, sizeof(f), "%.*s", (int)n, cmd + s) < (int)sizeof(f) &&
		       !access(f, X_OK);
	return on_path(cmd + s, n);
}

static void say(const struct tg *t, const char *what)
{
	char e[2048];

	/* The command line is the user's text: escape before the terminal. */
	esc_term(e, sizeof(e), t->cmd);
	fprintf(stderr, "telemetry_power: tegrastats: %s: %s\n", e, what);
}

/* start: run the child; 0 or -errno. */
static int start(struct tg *t)
{
	char script[1100];
	int p[2], devnull;
	pid_t pid, self;

	snprintf(script, sizeof(script), "%s \"$@\"", t->cmd);
	if (pipe2(p, O_CLOEXEC))
		return -errno;
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	self = getpid();
	pid = fork();
	if (pid < 0) {
		int err = -errno;

		close(p[0]);
		close(p[1]);
		if (devnull >= 0)
			close(devnull);
		return err;
	}
	if (!pid) {
		sigset_t none;

		/* Only async-signal-safe calls until exec. */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != self)
			_exit(127);	/* the parent died before prctl took */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/* Ignored dispositions survive exec; tegrastats gets the defaults. */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		if (dup2(p[1], STDOUT_FILENO) < 0)
			_exit(127);
		if (devnull >= 0)
			dup2(devnull, STDIN_FILENO);
		execl("/bin/sh", "sh", "-c", script, "tegrastats", "--interval", t->ms, (char *)NULL);
		_exit(127);
	}
	/* Both sides set the group, so a kill(-pid) right away finds it. */
	setpgid(pid, pid);
	close(p[1]);
	if (devnull >= 0)
		close(devnull);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	t->pid = pid;
	t->fd = p[0];
	t->have = 0;
	t->gave_line = 0;
	return 0;
}

/* reap: end the child and collect it; returns its wait status. */
static int reap(struct tg *t, int kill_it)
{
	pid_t got = 0;
	int st = 0;

	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	if (!t->pid)
		return 0;
	if (kill_it)
		kill(-t->pid, SIGTERM);
	/* A moment to end on SIGTERM before SIGKILL. */
	for (int i = 0; i < 20 && !(got = waitpid(t->pid, &st, WNOHANG)); i++)
		usleep(5000);
	if (!got) {
		/* Closed its stdout but lives on, or ignores SIGTERM. */
		kill(-t->pid, SIGKILL);
		while (waitpid(t->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	t->pid = 0;
	return st;
}

/* take: the newest non-empty whole line among the bytes read into
 * t->line; at @eof the unterminated rest counts as a line too. */
static void take(struct tg *t, int eof)
{
	char *nl = t->have ? memrchr(t->buf, '\n', t->have) : NULL;
	size_t whole = eof ? t->have : nl ? (size_t)(nl - t->buf) + 1 : 0, end = whole, beg;

	while (end && (t->buf[end - 1] == '\n' || t->buf[end - 1] == '\r'))
		end--;
	if (end) {
		beg = end;
		while (beg && t->buf[beg - 1] != '\n')
			beg--;
		memcpy(t->line, t->buf + beg, end - beg);
		t->len = end - beg;
		t->fresh = 1;
	}
	memmove(t->buf, t->buf + whole, t->have - whole);
	t->have -= whole;
}

/* drain: read what the pipe holds; 1 at end of file, 0 otherwise. */
static int drain(struct tg *t)
{
	for (;;) {
		ssize_t n;

		if (t->have == sizeof(t->buf)) {
			/* No newline in a whole buffer: not tegrastats output. */
			if (!t->warned_bad++)
				say(t, "a line longer than 16 KiB, skipped");
			t->have = 0;
		}
		n = read(t->fd, t->buf + t->have, sizeof(t->buf) - t->have);
		if (n > 0) {
			t->have += (size_t)n;
			take(t, 0);
			continue;
		}
		if (n == 0) {
			take(t, 1);
			return 1;
		}
		if (errno == EINTR)
			continue;
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : 1;
	}
}

static void died(struct tg *t)
{
	char what[128];
	int st = reap(t, 1);

	if (t->gave_line)
		t->backoff_ms = TG_BACKOFF_MIN;
	if (WIFEXITED(st))
		snprintf(what, sizeof(what), "exited with status %d; restarting in %u s",
			 WEXITSTATUS(st), t->backoff_ms / 1000);
	else
		snprintf(what, sizeof(what), "killed by signal %d; restarting in %u s",
			 WIFSIGNALED(st) ? WTERMSIG(st) : 0, t->backoff_ms / 1000);
	say(t, what);
	t->restart_at = now_ms() + t->backoff_ms;
	t->backoff_ms = t->backoff_ms * 2 > TG_BACKOFF_MAX ? TG_BACKOFF_MAX : t->backoff_ms * 2;
}

static void tg_free(struct tg *t)
{
	reap(t, 1);
	free(t);
}

static void end_parked(void)
{
	if (parked)
		tg_free(parked);
	parked = NULL;
}

/* first_line: wait up to @ms for a line or the end; 0, or -ENODEV when
 * the child ended without one. */
static int first_line(struct tg *t, unsigned ms)
{
	long long end = now_ms() + ms;

	while (!t->fresh) {
		struct pollfd pfd = { .fd = t->fd, .events = POLLIN };
		long long left = end - now_ms();

		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return -errno;
		if (drain(t)) {
			if (t->fresh)
				return 0;
			reap(t, 1);
			return -ENODEV;
		}
	}
	return 0;
}

static int tg_probe(void **state, const struct pw_env *e, FILE *list)
{
	const char *cmd = e->tegrastats && *e->tegrastats ? e->tegrastats : "tegrastats";
	char ms[16];
	struct tg *t;
	int ret;

	snprintf(ms, sizeof(ms), "%u", e->interval_ms);
	if (parked && !strcmp(parked->cmd, cmd) && !strcmp(parked->ms, ms)) {
		*state = parked;
		parked = NULL;
		if (list)
			fprintf(list, "tegrastats: running\n");
		return 0;
	}
	end_parked();
	if (strlen(cmd) >= sizeof(t->cmd) || !findable(cmd)) {
		if (list)
			fprintf(list, "tegrastats: not found\n");
		return -ENOENT;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	strcpy(t->cmd, cmd);
	strcpy(t->ms, ms);
	t->fd = -1;
	t->backoff_ms = TG_BACKOFF_MIN;
	ret = start(t);
	if (!ret)
		ret = first_line(t, e->interval_ms + TG_FIRST_LINE_MS);
	if (ret) {
		if (list)
			fprintf(list, "tegrastats: %s: %s\n", cmd,
				ret == -ENODEV ? "ended without a line (not a Jetson?)" : strerror(-ret));
		tg_free(t);
		return ret;
	}
	if (list)
		fprintf(list, "tegrastats: %s: %s\n", cmd, t->fresh ? "found" : "running, no line yet");
	if (!registered++)
		atexit(end_parked);
	*state = t;
	return 0;
}

static void gauge(struct pw_sink *k, const char *name, const char *key, const char *val,
		  const char *unit, double v)
{
	char l[256];
	size_t off = pw_label(l, sizeof(l), 0, "source", "tegrastats");

	if (key)
		off = pw_label(l, sizeof(l), off, key, val);
	if (off < sizeof(l))
		pw_gauge(k, name, l, unit, v);
}

static void emit_mem(struct pw_sink *k, const char *kind, const struct tegra_mem *m)
{
	if (!m->present)
		return;
	gauge(k, "memory_used", "kind", kind, "bytes", (double)m->used);
	gauge(k, "memory_total", "kind", kind, "bytes", (double)m->total);
	if (m->has_cached)
		gauge(k, "memory_cached", "kind", kind, "bytes", (double)m->cached);
}

static void emit(struct pw_sink *k, const struct tegra_reading *r)
{
	char n[16];

	emit_mem(k, "ram", &r->ram);
	emit_mem(k, "swap", &r->swap);
	emit_mem(k, "iram", &r->iram);
	for (unsigned i = 0; i < r->ncpu; i++) {
		const struct tegra_cpu *c = &r->cpu[i];

		snprintf(n, sizeof(n), "%u", i);
		/* An off core has no load: NaN, so no stale value stays. */
		gauge(k, "cpu_utilization", "cpu", n, "percent", c->has_load ? c->load : NAN);
		if (c->has_freq || c->off)
			gauge(k, "cpu_frequency", "cpu", n, "MHz", c->off ? NAN : c->mhz);
	}
	for (unsigned i = 0; i < r->nengine; i++) {
		const struct tegra_engine *g = &r->engine[i];

		if (g->has_load || g->off)
			gauge(k, "engine_utilization", "engine", g->name, "percent",
			      g->off ? NAN : g->load);
		if (g->has_freq || g->off)
			gauge(k, "engine_frequency", "engine", g->name, "MHz",
			      g->off ? NAN : g->mhz);
		if (!strncmp(g->name, "GR3D", 4) && (g->has_load || g->off))
			gauge(k, "gpu_utilization", "engine", g->name, "percent",
			      g->off ? NAN : g->load);
	}
	for (unsigned i = 0; i < r->ntemp; i++) {
		gauge(k, "temperature", "sensor", r->temp[i].name, "celsius", r->temp[i].celsius);
		if (r->temp[i].has_max)
			gauge(k, "temperature_max", "sensor", r->temp[i].name, "celsius",
			      r->temp[i].max_celsius);
	}
	for (unsigned i = 0; i < r->nrail; i++) {
		const struct tegra_rail *p = &r->rail[i];

		gauge(k, "power", "rail", p->name, "W", p->cur_mw / 1000);
		gauge(k, "power_average", "rail", p->name, "W", p->avg_mw / 1000);
		if (p->has_max)
			gauge(k, "power_max", "rail", p->name, "W", p->max_mw / 1000);
	}
}

/* warn_line: one warning per kind for the life of the collector; a
 * board that prints one odd item prints it every line. */
static void warn_line(struct tg *t, int *flag, const char *what)
{
	char e[512], l[300], m[900];

	if ((*flag)++)
		return;
	snprintf(l, sizeof(l), "%.*s", (int)(t->len < 256 ? t->len : 256), t->line);
	esc_term(e, sizeof(e), l);
	snprintf(m, sizeof(m), "%s (warned once): \"%s%s\"", what, e, t->len > 256 ? "..." : "");
	say(t, m);
}

static int tg_sample(void *state, struct pw_sink *k)
{
	struct tg *t = state;

	if (!t->pid) {
		if (now_ms() < t->restart_at)
			return 0;
		if (start(t)) {
			t->restart_at = now_ms() + t->backoff_ms;
			return 0;
		}
	}
	if (drain(t)) {
		/* Its last line is still this sample's. */
		if (t->fresh)
			t->gave_line = 1;
		died(t);
	}
	if (!t->fresh)
		return 0;
	t->fresh = 0;
	t->gave_line = 1;
	if (tegra_parse(t->line, t->len, &t->r) == 0) {
		warn_line(t, &t->warned_bad, "a line with no readings, skipped");
		return -EINVAL;
	}
	if (t->r.unknown)
		warn_line(t, &t->warned_unknown, "items not understood, skipped");
	emit(k, &t->r);
	return 0;
}

static void tg_fini(void *state)
{
	struct tg *t = state;

	end_parked();
	parked = t;
}

const struct pw_collector pw_tegrastats = {
	.name = "tegrastats",
	.probe = tg_probe,
	.sample = tg_sample,
	.fini = tg_fini,
};
