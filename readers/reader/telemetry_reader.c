/* SPDX-License-Identifier: MIT */
/*
 * telemetry_reader - print telemetry events as they arrive, like tail -f.
 *
 * Each source (file) has its own cursor; every round the new events of all
 * sources are merged by timestamp and printed.  Following sleeps on the
 * ring's doorbell futex when there is one source and nothing has happened
 * for a few ms, and polls every couple of ms otherwise, so an idle reader
 * costs next to nothing and a new event is printed within milliseconds.
 *
 * Arguments are found as tail finds them (a bare name is a file here
 * before it is an agent of $NIXL_TELEMETRY_DIR), and -F/--retry is tail's
 * -F: what cannot be opened is tried again every second, with tail's
 * messages.  Ctrl+C ends as tail's does, by the signal (status 130),
 * only after the summary.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "common/cli.h"
#include "common/fmt.h"
#include "common/scan.h"
#include "shm/clock.h"
#include "shm/ring_read.h"
#include "out.h"
#include "src.h"
#include "srcset.h"

#define PROG "telemetry_reader"
#define BATCH 4096

/* Exit codes: scripts tell failures apart by these. */
enum {
	EX_OK = 0, EX_ERR = 1, EX_USAGE = CLI_EX_USAGE, EX_MISSING = 3, EX_NORINGS = 4,
	EX_NOTRING = 5, EX_VERSION = 6, EX_UNREADABLE = 7, EX_CORRUPT = 8,
};

struct opts {
	enum out_fmt fmt;
	int once, from_now, peek, retry;
	long long last;			/* -1: not given */
	int category;			/* -1: all */
	const char *name_glob;
	struct src_opts so;
};

/* Collected events: their index is the order they were collected in (ties keep it). */
struct item {
	struct src_event e;
};

/*
 * One argument.  Found at start; with --retry, one that cannot be opened
 * is found again at every check until it can (a bare name may turn up
 * here or in $NIXL_TELEMETRY_DIR).
 */
struct input {
	const char *arg;		/* as given: what --retry's messages name */
	char path[4096];
	int is_dir;
	int failing;			/* --retry: -errno of the failure said; 0: open */
};

static struct srcset set;
/* Files a directory scan could not open for want of descriptors, reported once. */
static int short_of_fds;
static volatile sig_atomic_t stop;	/* the signal that ends the run; 0: none */
static uint64_t total_read, total_missed;

static void on_signal(int sig)
{
	stop = sig;
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A path or argument escaped for an error message (two calls may share a line). */
static const char *printable(const char *in)
{
	static char buf[2][1024];
	static int k;

	k ^= 1;
	esc_term(buf[k], sizeof(buf[k]), in);
	return buf[k];
}

static void usage(void)
{
	printf("usage: " PROG " [OPTIONS] AGENT|FILE|DIR...\n"
	       "Print telemetry events from ring files and follow new ones until Ctrl+C.\n"
	       "A name without a '/' is the file or directory of that name here if there is\n"
	       "one, else the agent of that name in $NIXL_TELEMETRY_DIR.\n\n"
	       "  --format block|line|json  output format (default block; json = JSON Lines)\n"
	       "  --once                    print what is there and exit\n"
	       "  -F, --retry               wait for files to appear and follow them across\n"
	       "                            re-creation, as tail -F does\n"
	       "  --from oldest|now         where to start (default oldest retained)\n"
	       "  --last N                  start with only the N newest retained events\n"
	       "  --category C              only events of category C (e.g. TRANSFER)\n"
	       "  --name GLOB               only events whose name matches GLOB\n"
	       "  --peek                    NIXL rings: read without consuming\n"
	       "  -h, --help                this help\n\n"
	       "Exit status: 0 ok, 2 usage, 3 missing file, 4 no rings in directory,\n"
	       "5 not a ring, 6 unsupported version, 7 unreadable, 8 corrupt ring, 1 other;\n"
	       "130 Ctrl+C and 143 SIGTERM, after the summary (as tail).\n");
}

static int exit_code(int err)
{
	switch (err) {
	case -ENOENT: return EX_MISSING;
	case -ENOTRING: return EX_NOTRING;
	case -EPROTONOSUPPORT: return EX_VERSION;
	case -EACCES: case -EPERM: case -EIO: case -EISDIR: return EX_UNREADABLE;
	case -EBADMSG: return EX_CORRUPT;
	default: return EX_ERR;
	}
}

/* A source that cannot go on: close it; the last source takes its index. */
static void drop(int i)
{
	if (srcset_drop(&set, i)) {
		say("%s", strerror(ENOMEM));
		exit(EX_ERR);
	}
	out_forget();
}

/* After a directory scan: one line for every file it lacked descriptors for. */
static void report_fds(const char *dir, int quiet)
{
	struct rlimit rl;

	if (short_of_fds && !quiet) {
		getrlimit(RLIMIT_NOFILE, &rl);
		say("%s: %d rings not opened: out of file descriptors "
		    "(each consumed NIXL ring holds one; limit %llu)", printable(dir),
		    short_of_fds, (unsigned long long)rl.rlim_cur);
	}
	short_of_fds = 0;
}

struct scan_ctx {
	const struct opts *o;
	int loud;			/* a first scan: say what could not be read */
	int added, others;		/* rings opened; files that are not rings */
	int first_err;			/* -errno of the first ring that could not be read */
	int unreadable, unreadable_err;	/* files we may not read (any could be a ring) */
	char first_unreadable[4096], unreadable_why[256];
};

static int scan_one(const char *path, const char *name, void *arg)
{
	struct scan_ctx *c = arg;
	char why[256];
	int ret;

	(void)name;
	if (srcset_has(&set, path))
		return 0;
	ret = srcset_add(&set, path, &c->o->so, why, sizeof(why));
	if (!ret) {
		c->added++;
	} else if (ret == -ENOTRING) {
		/* Logs, other tools' files: a telemetry directory may be /tmp. */
		c->others++;
	} else if (ret == -EMFILE || ret == -ENFILE) {
		short_of_fds++;
	} else if (ret != -ENOENT) {	/* ENOENT: gone since the scan listed it */
		if (!c->first_err)
			c->first_err = ret;
		if (ret != -EACCES && ret != -EPERM) {
			if (c->loud)
				say("%s: %s", printable(path), why);
		} else if (!c->unreadable++) {
			/* Other users' files in a shared directory: one line for all (scan_input). */
			snprintf(c->first_unreadable, sizeof(c->first_unreadable), "%s", path);
			snprintf(c->unreadable_why, sizeof(c->unreadable_why), "%s", why);
			c->unreadable_err = -ret;
		}
	}
	return 0;
}

/* After a first scan: the files it may not read, in one line (as telemetry_prom says them). */
static void report_unreadable(const struct scan_ctx *c, const char *dir)
{
	const char *name = strrchr(c->first_unreadable, '/');

	if (c->unreadable == 1)
		say("%s: %s", printable(c->first_unreadable), c->unreadable_why);
	else if (c->unreadable > 1)
		say("%s: %d files not readable (%s): %s and %d more", printable(dir), c->unreadable,
		    strerror(c->unreadable_err), printable(name ? name + 1 : c->first_unreadable),
		    c->unreadable - 1);
}

/*
 * Open the rings of directory @in.  @status: NULL for a rescan (quiet);
 * on the first scan, what a --once run ends with when the directory gave
 * nothing: EX_NORINGS, or the status of the first ring it could not read.
 * 0, or -errno if the directory cannot be read.
 */
static int scan_input(const struct input *in, const struct opts *o, int *status)
{
	struct scan_ctx c = { .o = o, .loud = status != NULL };
	char others[96] = "";
	int n = scan_dir(in->path, scan_one, &c);

	report_fds(in->path, !status);
	if (n < 0 || !status)
		return n < 0 ? n : 0;
	report_unreadable(&c, in->path);
	if (c.others)
		snprintf(others, sizeof(others), "skipped %d %s", c.others,
			 c.others == 1 ? "file that is not a ring" : "files that are not rings");
	if (!c.added && o->once && !c.first_err) {
		say("%s: no rings in directory%s%s%s", printable(in->path), c.others ? " (" : "",
		    others, c.others ? ")" : "");
		if (!*status)
			*status = EX_NORINGS;
		return 0;
	}
	if (c.others)
		say("%s: %s", printable(in->path), others);
	if (!c.added && o->once && !*status)
		*status = exit_code(c.first_err);
	return 0;
}

static int keep(const struct src_event *e, const struct opts *o)
{
	if (o->category >= 0 && e->category != o->category)
		return 0;
	return !o->name_glob || !fnmatch(o->name_glob, e->ser->name, 0);
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->e.ns != y->e.ns)
		return x->e.ns < y->e.ns ? -1 : 1;
	return x < y ? -1 : x > y;	/* both in one array: collection order */
}

/* The end of the run of items in order that starts at @i (of @n). */
static size_t run_end(const struct item *v, size_t i, size_t n)
{
	while (++i < n && cmp_item(&v[i - 1], &v[i]) <= 0)
		;
	return i;
}

struct run {
	size_t pos, end;
};

static void *grow(void *p, size_t *cap, size_t want, size_t size)
{
	size_t nc = *cap ? *cap : 1024;

	if (want <= *cap)
		return p;
	while (nc < want)
		nc *= 2;
	p = realloc(p, nc * size);
	if (!p) {
		say("%s", strerror(ENOMEM));
		exit(EX_ERR);
	}
	*cap = nc;
	return p;
}

/* Restore the heap below @i: the run whose next item comes first on top. */
static void sift(struct run *h, size_t nh, size_t i, const struct item *v)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i;

		if (l < nh && cmp_item(&v[h[l].pos], &v[h[m].pos]) < 0)
			m = l;
		if (l + 1 < nh && cmp_item(&v[h[l + 1].pos], &v[h[m].pos]) < 0)
			m = l + 1;
		if (m == i)
			return;
		struct run t = h[i];

		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/*
 * The order in which to print @n items: NULL when they are in time order
 * already, else their indices.  What a round collects is runs that are in
 * order (a ring gives each lane's events in order, lane after lane, in
 * batches; rings follow each other), so the runs are merged through a
 * heap: n log(runs) compares and no item moved, where a sort would move
 * every item log2(n) times.  Ties keep their collection order (cmp_item).
 */
static const size_t *merge_order(const struct item *v, size_t n)
{
	static struct run *h;
	static size_t *idx, h_cap, idx_cap;
	size_t nh = 0, k = 0;

	if (n < 2 || run_end(v, 0, n) == n)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t e = run_end(v, i, n);

		h = grow(h, &h_cap, nh + 1, sizeof(*h));
		h[nh++] = (struct run){ i, e };
		i = e;
	}
	idx = grow(idx, &idx_cap, n, sizeof(*idx));
	for (size_t i = nh / 2; i-- > 0;)
		sift(h, nh, i, v);
	while (nh) {
		idx[k++] = h[0].pos++;
		if (h[0].pos == h[0].end)
			h[0] = h[--nh];
		sift(h, nh, 0, v);
	}
	return idx;
}

/* Poll every source once, appending what it has to @items (*@n of them). */
static void collect(struct item **items, size_t *cap, size_t *np, const struct opts *o)
{
	size_t n = *np;
	static struct src_event buf[BATCH];

	for (int i = 0; i < set.n; i++) {
		while (!set.v[i]->failed) {
			uint64_t missed = 0;
			long k = set.v[i]->ops->poll(set.v[i], buf, BATCH, &missed);

			if (k < 0) {
				/*
				 * Gone or shrunk: a rescan (or --retry) may bring it
				 * back.  Closed after this round's events, some of
				 * which may be its own, are printed.
				 */
				say("%s: %s", printable(set.v[i]->path), k == -EBADMSG ?
				    "ring became inconsistent; dropped" :
				    "file shrank or went away; dropped");
				set.v[i]->failed = 1;
				break;
			}
			if (missed) {
				total_missed += missed;
				out_missed(o->fmt, set.v[i], missed, clock_realtime_ns());
			}
			for (long j = 0; j < k; j++) {
				if (!keep(&buf[j], o))
					continue;
				if (n == *cap) {
					size_t nc = *cap ? *cap * 2 : BATCH;
					struct item *ni = realloc(*items, nc * sizeof(**items));

					if (!ni) {
						say("%s", strerror(ENOMEM));
						exit(EX_ERR);
					}
					*items = ni;
					*cap = nc;
				}
				(*items)[n++].e = buf[j];
			}
			if (k < BATCH)
				break;
		}
	}
	*np = n;
}

/*
 * The soonest any source can get past a slot its writer has not finished
 * (ns from now), or 0 if none stopped at one.
 */
static uint64_t stalled(void)
{
	uint64_t soonest = 0;

	for (int i = 0; i < set.n; i++) {
		uint64_t w = set.v[i]->ops->stalled && !set.v[i]->failed ?
			     set.v[i]->ops->stalled(set.v[i]) : 0;

		if (w && (!soonest || w < soonest))
			soonest = w;
	}
	return soonest;
}

/*
 * One round: poll every source, merge, print.  With @skip_to_last >= 0 (the
 * first round of --last N), only the newest N are printed.  With @settle
 * (--once), a source stopped at a slot a writer has not finished is polled
 * again once that slot's grace is over, so what is printed includes every
 * committed event after it: a round then takes up to RING_STALL_NS, no more
 * (a slot taken during the wait is a live writer's, not a stalled one's).
 * Returns the number of events printed.
 */
static size_t round_once(struct item **items, size_t *cap, const struct opts *o, long long skip_to_last,
			 int settle)
{
	uint64_t end = clock_ns(CLOCK_MONOTONIC) + RING_STALL_NS, w;
	size_t n = 0, first = 0;
	const size_t *order;

	collect(items, cap, &n, o);
	/*
	 * A stall's grace runs from when this reader first saw it, which may
	 * be late in a slow first collect: wait for graces that end within
	 * one more grace of the start, not only those ending by the start's.
	 */
	while (settle && !stop && (w = stalled()) && clock_ns(CLOCK_MONOTONIC) + w <= end + RING_STALL_NS) {
		struct timespec d = { (time_t)(w / 1000000000u), (long)(w % 1000000000u) };

		nanosleep(&d, NULL);
		collect(items, cap, &n, o);
	}
	/* One busy lane is already in time order: then this is one pass of compares. */
	order = merge_order(*items, n);
	if (skip_to_last >= 0 && (size_t)skip_to_last < n)
		first = n - (size_t)skip_to_last;
	for (size_t i = first; i < n; i++) {
		const struct item *it = &(*items)[order ? order[i] : i];

		out_event(o->fmt, &it->e, it->e.ser->src, set.n > 1);
	}
	total_read += n - first;
	out_flush();
	for (int i = 0; i < set.n; i++)
		if (set.v[i]->failed)
			drop(i--);
	return n - first;
}

/* A value outside what an option takes: a usage error that says what it takes. */
static int bad_value(const char *opt, const char *allowed)
{
	return cli_usage_error(PROG, "invalid value '%s' for --%s (allowed: %s)", printable(optarg),
			       opt, allowed);
}

/* 0, or the exit status of a usage error (said). */
static int parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_FORMAT = 256, O_ONCE, O_FROM, O_LAST, O_CATEGORY, O_NAME, O_PEEK };
	static const struct option lo[] = {
		{ "format", required_argument, NULL, O_FORMAT }, { "once", no_argument, NULL, O_ONCE },
		{ "retry", no_argument, NULL, 'F' }, { "from", required_argument, NULL, O_FROM },
		{ "last", required_argument, NULL, O_LAST },
		{ "category", required_argument, NULL, O_CATEGORY },
		{ "name", required_argument, NULL, O_NAME }, { "peek", no_argument, NULL, O_PEEK },
		{ "help", no_argument, NULL, 'h' }, { 0 },
	};
	int c;
	char *end;

	memset(o, 0, sizeof(*o));
	o->last = -1;
	o->category = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hF", lo, NULL)) != -1) {
		switch (c) {
		case O_FORMAT:
			if (!strcmp(optarg, "block")) o->fmt = OUT_BLOCK;
			else if (!strcmp(optarg, "line")) o->fmt = OUT_LINE;
			else if (!strcmp(optarg, "json")) o->fmt = OUT_JSON;
			else return bad_value("format", "block, line, json");
			break;
		case O_ONCE: o->once = 1; break;
		case 'F': o->retry = 1; break;
		case O_FROM:
			if (!strcmp(optarg, "oldest")) o->from_now = 0;
			else if (!strcmp(optarg, "now")) o->from_now = 1;
			else return bad_value("from", "oldest, now");
			break;
		case O_LAST:
			errno = 0;
			o->last = strtoll(optarg, &end, 10);
			if (*end || end == optarg || o->last < 0 || errno)
				return bad_value("last", "a count, 0 or more");
			break;
		case O_CATEGORY:
			o->category = parse_category(optarg);
			if (o->category < 0)
				return bad_value("category", "MEMORY, TRANSFER, CONNECTION, BACKEND, "
						 "ERROR, PERFORMANCE, SYSTEM, CUSTOM");
			break;
		case O_NAME: o->name_glob = optarg; break;
		case O_PEEK: o->peek = 1; break;
		case 'h': usage(); exit(EX_OK);
		default: return cli_getopt_error(PROG, c, argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error(PROG, "no ring file, agent name or directory given");
	if (o->retry && o->once) {
		/* tail's word for the same: not an error, nothing to retry. */
		say("warning: --retry ignored; --retry is useful only when following");
		o->retry = 0;
	}
	o->so.from_now = o->from_now;
	o->so.peek = o->peek;
	return 0;
}

/*
 * Where @in->arg is, as tail and the other tools find it: a path with a
 * slash as it is; a bare name as the file or directory of that name in
 * the current directory if there is one, else as the agent of that name
 * in $NIXL_TELEMETRY_DIR.  0, or -errno with the reason in @why.
 */
static int resolve(struct input *in, char *why, size_t len)
{
	const char *dir = scan_default_dir();
	int bare = in->arg[0] && !strchr(in->arg, '/');
	struct stat st;

	if (bare && dir && stat(in->arg, &st))
		snprintf(in->path, sizeof(in->path), "%s/%s", dir, in->arg);
	else
		snprintf(in->path, sizeof(in->path), "%s", in->arg);
	if (stat(in->path, &st)) {
		int err = errno;

		snprintf(why, len, "%s%s", strerror(err), bare && !dir ?
			 " (nor an agent: NIXL_TELEMETRY_DIR is not set)" : "");
		return -err;
	}
	in->is_dir = S_ISDIR(st.st_mode);
	return 0;
}

/*
 * --retry: find and open @in again; say (once) when it fails, as tail -F
 * does, and when it is back.
 */
static void retry_input(struct input *in, const struct opts *o)
{
	char why[256];
	int ret = resolve(in, why, sizeof(why));

	if (!ret && in->is_dir) {
		ret = scan_input(in, o, NULL);
		if (ret)
			snprintf(why, sizeof(why), "%s", strerror(-ret));
	} else if (!ret) {
		ret = srcset_add(&set, in->path, &o->so, why, sizeof(why));
	}
	if (ret && !in->failing)
		say("'%s' has become inaccessible: %s", printable(in->arg), why);
	else if (!ret && in->failing == -ENOENT)
		say("'%s' has appeared;  following new %s", printable(in->arg),
		    in->is_dir ? "directory" : "file");
	else if (!ret && in->failing)
		say("'%s' has become accessible", printable(in->arg));
	in->failing = ret;
}

/* The file input open on @path, or NULL (a ring found in a directory). */
static struct input *file_input(struct input *ins, int nins, const char *path)
{
	for (int i = 0; i < nins; i++)
		if (!ins[i].failing && !ins[i].is_dir && !strcmp(ins[i].path, path))
			return &ins[i];
	return NULL;
}

/* Once a second while following: replaced files (restarted agents), new rings, inputs back. */
static void check_inputs(struct input *ins, int nins, const struct opts *o)
{
	char why[256];

	for (int i = 0; i < set.n; i++) {
		struct input *in;
		char path[4096];
		int ret;

		if (!set.v[i]->ops->changed(set.v[i]))
			continue;
		snprintf(path, sizeof(path), "%s", set.v[i]->path);
		in = o->retry ? file_input(ins, nins, path) : NULL;
		if (!in)
			say("%s: replaced (agent restarted); reopening", printable(path));
		drop(i--);
		ret = srcset_add(&set, path, &o->so, why, sizeof(why));
		if (ret) {
			if (in) {
				say("'%s' has become inaccessible: %s", printable(in->arg), why);
				in->failing = ret;
			}
		} else if (in) {
			say("'%s' has been replaced;  following new file", printable(in->arg));
		}
	}
	for (int i = 0; i < nins; i++) {
		struct input *in = &ins[i];

		if (in->failing)
			retry_input(in, o);
		else if (in->is_dir)
			scan_input(in, o, NULL);
		else if (srcset_has(&set, in->path))
			continue;
		else if (o->retry)
			retry_input(in, o);
		else
			srcset_add(&set, in->path, &o->so, why, sizeof(why));
	}
}

static void follow(struct input *ins, int nins, const struct opts *o, struct item **items, size_t *cap)
{
	/* Whole seconds on CLOCK_MONOTONIC: the checks below run when one ends. */
	uint64_t last_check = clock_ns(CLOCK_MONOTONIC) / 1000000000u, now;
	int idle = 0;

	while (!stop) {
		if (round_once(items, cap, o, -1, 0))
			idle = 0;
		else
			idle++;
		now = clock_ns(CLOCK_MONOTONIC) / 1000000000u;
		if (now != last_check) {
			last_check = now;
			check_inputs(ins, nins, o);
		}
		/*
		 * Writers ring the doorbell at most once a millisecond, so after any
		 * activity keep polling for a few ms before sleeping on it.
		 */
		if (set.n == 1 && idle > 3) {
			set.v[0]->ops->wait(set.v[0], set.v[0]->idle_ms > 0 ? set.v[0]->idle_ms : 100);
		} else {
			struct timespec d = { 0, idle > 3 ? 2000000 : 1000000 };

			nanosleep(&d, NULL);
		}
	}
}

/*
 * Open every argument.  Returns 0 or the exit status of the first hard
 * failure (with --retry there is none: what fails is said and retried);
 * *@soft gets what a --once run ends with when a directory gave no rings.
 * *@waiting: an input is being retried (the waiting is said).
 */
static int open_inputs(struct input *ins, int nins, char **args, const struct opts *o, int *soft,
		       int *waiting)
{
	for (int i = 0; i < nins; i++) {
		struct input *in = &ins[i];
		char why[256];
		int ret;

		in->arg = args[i];
		ret = resolve(in, why, sizeof(why));
		if (!ret && in->is_dir) {
			ret = scan_input(in, o, soft);
			if (ret)
				snprintf(why, sizeof(why), "%s", strerror(-ret));
		} else if (!ret) {
			ret = srcset_add(&set, in->path, &o->so, why, sizeof(why));
		}
		if (!ret)
			continue;
		if (o->retry) {
			/* tail -F's words, so that its users recognise what follows. */
			say("cannot open '%s' for reading: %s", printable(in->arg), why);
			in->failing = ret;
			*waiting = 1;
			continue;
		}
		say("%s: %s", printable(in->path), why);
		return in->is_dir && ret != -ENOENT ? EX_UNREADABLE : exit_code(ret);
	}
	return 0;
}

/* Consumed NIXL rings hold a descriptor each: allow as many as we may. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/*
 * End by @sig, as a program that did not catch it would: a shell then
 * sees 128 + @sig and, for SIGINT, stops a script or loop that ran us.
 */
static int die_of(int sig)
{
	struct sigaction sa;

	out_flush();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(sig, &sa, NULL);
	raise(sig);
	return 128 + sig;
}

int main(int argc, char **argv)
{
	struct input *ins;
	struct item *items = NULL;
	size_t cap = 0;
	struct opts o;
	int nins, soft = 0, waiting = 0, status;
	struct sigaction sa;

	status = parse_args(argc, argv, &o);
	if (status)
		return status;
	raise_fd_limit();
	nins = argc - optind;
	ins = calloc((size_t)nins, sizeof(*ins));
	if (!ins)
		return EX_ERR;
	status = open_inputs(ins, nins, argv + optind, &o, &soft, &waiting);
	if (status || (!set.n && o.once)) {
		status = status ? status : soft ? soft : EX_NORINGS;
		goto out;
	}
	if (!set.n && !waiting)
		say("no rings yet; waiting for agents");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_DFL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);	/* flushed after every round */

	round_once(&items, &cap, &o, o.last, o.once);
	if (!o.once)
		follow(ins, nins, &o, &items, &cap);
	say("read %" PRIu64 " events, missed %" PRIu64, total_read, total_missed);
	status = stop ? -stop : soft;
out:
	srcset_free(&set);
	free(items);
	free(ins);
	return status < 0 ? die_of(-status) : status;
}
