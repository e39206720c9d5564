/* SPDX-License-Identifier: MIT */
/*
 * telemetry_reader - print telemetry events as they arrive, like tail -f.
 *
 * Each source (file) has its own cursor; every round the new events of all
 * sources are merged by timestamp and printed.  Following sleeps on the
 * ring's doorbell futex when there is one source and nothing has happened
 * for a few ms, and polls every couple of ms otherwise, so an idle reader
 * costs next to nothing and a new event is printed within milliseconds.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "common/fmt.h"
#include "shm/clock.h"
#include "shm/ring_read.h"
#include "common/scan.h"
#include "src.h"

#define PROG "telemetry_reader"
#define BATCH 4096

/* Exit codes: scripts tell failures apart by these. */
enum {
	EX_OK = 0, EX_ERR = 1, EX_USAGE = 2, EX_MISSING = 3, EX_NORINGS = 4,
	EX_NOTRING = 5, EX_VERSION = 6, EX_UNREADABLE = 7, EX_CORRUPT = 8,
};

enum fmt { F_BLOCK, F_LINE, F_JSON };

struct opts {
	enum fmt fmt;
	int once, from_now, peek;
	long long last;			/* -1: not given */
	int category;			/* -1: all */
	const char *name_glob;
	struct src_opts so;
};

struct item {
	struct src_event e;
	struct src *src;
	uint64_t order;			/* stable sort */
};

struct input {
	char path[4096];
	int is_dir;
};

/* Every open source; by path in a hash set (slots index srcs, -1: free). */
static struct src **srcs;
static int nsrcs, srcs_cap;
static int *by_path;
static size_t by_path_mask;
/* Files a directory scan could not open for want of descriptors, reported once. */
static int short_of_fds;
static volatile sig_atomic_t stop;
static uint64_t total_read, total_missed;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
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

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [OPTIONS] AGENT|FILE|DIR...\n"
		"Print telemetry events from ring files and follow new ones until Ctrl+C.\n"
		"An argument without a '/' is an agent name in $NIXL_TELEMETRY_DIR.\n\n"
		"  --format block|line|json  output format (default block; json = JSON Lines)\n"
		"  --once                    print what is there and exit\n"
		"  --from oldest|now         where to start (default oldest retained)\n"
		"  --last N                  start with only the N newest retained events\n"
		"  --category C              only events of category C (e.g. TRANSFER)\n"
		"  --name GLOB               only events whose name matches GLOB\n"
		"  --peek                    NIXL rings: read without consuming\n"
		"  -h, --help                this help\n\n"
		"Exit status: 0 ok, 2 usage, 3 missing file, 4 no rings in directory,\n"
		"5 not a ring, 6 unsupported version, 7 unreadable, 8 corrupt ring, 1 other.\n");
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

static size_t hash_path(const char *s)
{
	size_t h = 1469598103934665603u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* Index of the source open on @path, or -1; *@slot: where it is or would go. */
static int find_src(const char *path, size_t *slot)
{
	size_t i = hash_path(path) & by_path_mask;

	while (by_path[i] >= 0 && strcmp(srcs[by_path[i]]->path, path))
		i = (i + 1) & by_path_mask;
	if (slot)
		*slot = i;
	return by_path[i];
}

/*
 * Rebuild the set for @cap sources (a power of two; twice as many slots):
 * after growing, and after a drop, which moves the last source.
 */
static int index_srcs(int cap)
{
	int *t = malloc(2 * (size_t)cap * sizeof(*t));

	if (!t)
		return -ENOMEM;
	free(by_path);
	by_path = t;
	by_path_mask = 2 * (size_t)cap - 1;
	memset(by_path, -1, 2 * (size_t)cap * sizeof(*t));
	for (int i = 0; i < nsrcs; i++) {
		size_t slot;

		find_src(srcs[i]->path, &slot);
		by_path[slot] = i;
	}
	return 0;
}

static int have_src(const char *path)
{
	return by_path && find_src(path, NULL) >= 0;
}

/* Make room for one more source: no fixed cap, only memory (and descriptors, see add_src). */
static int grow_srcs(void)
{
	struct src **ns;
	int cap = srcs_cap ? srcs_cap * 2 : 64;

	if (nsrcs < srcs_cap)
		return 0;
	ns = realloc(srcs, (size_t)cap * sizeof(*ns));
	if (!ns)
		return -ENOMEM;
	srcs = ns;
	srcs_cap = cap;
	return index_srcs(cap);
}

/*
 * Open @path and follow it.  A shmtel ring keeps no descriptor once mapped;
 * a NIXL ring that is consumed keeps one (its consumer lock), so a
 * directory of many of those can run out: with @in_scan such a failure is
 * counted in short_of_fds for one line at the end of the scan, not one per
 * file.
 */
static int add_src(const char *path, const struct opts *o, int quiet, int in_scan)
{
	char why[256];
	struct src *s;
	size_t slot;
	int ret;

	ret = grow_srcs();
	if (ret) {
		fprintf(stderr, PROG ": %s: %s\n", printable(path), strerror(-ret));
		return ret;
	}
	ret = src_open(path, &o->so, &s, why, sizeof(why));
	if (ret) {
		if (in_scan && (ret == -EMFILE || ret == -ENFILE))
			short_of_fds++;
		else if (!quiet)
			fprintf(stderr, PROG ": %s: %s\n", printable(path), why);
		return ret;
	}
	esc_term(s->agent_esc, sizeof(s->agent_esc), s->agent);
	find_src(path, &slot);
	by_path[slot] = nsrcs;
	srcs[nsrcs++] = s;
	return 0;
}

/* After a directory scan: one line for every file it lacked descriptors for. */
static void report_fds(const char *dir, int quiet)
{
	struct rlimit rl;

	if (short_of_fds && !quiet) {
		getrlimit(RLIMIT_NOFILE, &rl);
		fprintf(stderr, PROG ": %s: %d rings not opened: out of file descriptors "
			"(each consumed NIXL ring holds one; limit %llu)\n", printable(dir),
			short_of_fds, (unsigned long long)rl.rlim_cur);
	}
	short_of_fds = 0;
}

struct scan_ctx {
	const struct opts *o;
	int quiet, added, last_err;
};

static int scan_one(const char *path, const char *name, void *arg)
{
	struct scan_ctx *c = arg;
	int ret;

	(void)name;
	if (have_src(path))
		return 0;
	ret = add_src(path, c->o, c->quiet, 1);
	if (ret)
		c->last_err = ret;
	else
		c->added++;
	return 0;
}

/* Print @in escaped for the output format. */
static void put_escaped(const char *in, enum fmt f)
{
	char buf[1024];

	if (f == F_JSON)
		esc_json(buf, sizeof(buf), in);
	else
		esc_term(buf, sizeof(buf), in);
	fputs(buf, stdout);
}

/*
 * name{labels} and the unit, escaped for a terminal.  Escaping is per
 * series, not per event, so results are cached by the (stable) pointers.
 */
struct name_text {
	const char *name, *labels, *unit;
	char text[1024];
	char unit_text[64];
};

static const struct name_text *name_text(const struct src_event *e)
{
	static struct name_text cache[256];
	uintptr_t h = ((uintptr_t)e->name >> 4 ^ (uintptr_t)e->labels >> 8) & 255;
	struct name_text *c = &cache[h];

	if (c->name != e->name || c->labels != e->labels || c->unit != e->unit) {
		char labels[2048];
		size_t n = esc_term(c->text, sizeof(c->text), e->name);

		if (e->labels[0]) {
			fmt_labels_enc(labels, sizeof(labels), e->labels, esc_term);
			snprintf(c->text + n, sizeof(c->text) - n, "{%s}", labels);
		}
		esc_term(c->unit_text, sizeof(c->unit_text), e->unit);
		c->name = e->name;
		c->labels = e->labels;
		c->unit = e->unit;
	}
	return c;
}

static void put_json_labels(const char *enc)
{
	const char *k, *v;
	size_t pos = 0;
	int first = 1;

	fputs(",\"labels\":{", stdout);
	while (ring_label_next(enc, &pos, &k, &v)) {
		printf("%s\"", first ? "" : ",");
		put_escaped(k, F_JSON);
		fputs("\":\"", stdout);
		put_escaped(v, F_JSON);
		fputs("\"", stdout);
		first = 0;
	}
	fputs("}", stdout);
}

static void print_event(const struct item *it, const struct opts *o)
{
	const struct src_event *e = &it->e;
	char ts[64], val[64];

	fmt_time(ts, sizeof(ts), e->ns);
	fmt_value(val, sizeof(val), e->vtype, e->value);
	switch (o->fmt) {
	case F_BLOCK:
		printf("=== NIXL Telemetry Event ===\n");
		if (nsrcs > 1)
			printf("Agent: %s\n", it->src->agent_esc);
		printf("Timestamp: %s\nCategory: %s\nEvent: %s\nValue: %s\n"
		       "===========================\n\n",
		       ts, fmt_category(e->category), name_text(e)->text, val);
		break;
	case F_LINE: {
		const struct name_text *nt = name_text(e);

		fputs(ts, stdout);
		putchar(' ');
		fputs(it->src->agent_esc, stdout);
		putchar(' ');
		fputs(fmt_category(e->category), stdout);
		putchar(' ');
		fputs(nt->text, stdout);
		putchar(' ');
		fputs(val, stdout);
		if (nt->unit_text[0]) {
			putchar(' ');
			fputs(nt->unit_text, stdout);
		}
		putchar('\n');
		break;
	}
	case F_JSON:
		printf("{\"timestamp\":\"%s\",\"ns\":%" PRIu64 ",\"agent\":\"", ts, e->ns);
		put_escaped(it->src->agent, F_JSON);
		printf("\",\"category\":\"%s\",\"name\":\"", fmt_category(e->category));
		put_escaped(e->name, F_JSON);
		printf("\"");
		put_json_labels(e->labels);
		printf(",\"value\":%s,\"unit\":\"", e->vtype == SHM_F64 &&
		       !(ring_value_double(SHM_F64, e->value) - ring_value_double(SHM_F64, e->value) == 0)
		       ? "null" : val);
		put_escaped(e->unit, F_JSON);
		printf("\",\"tid\":%u%s}\n", e->tid, e->ns_is_read_time ? ",\"read_time\":true" : "");
		break;
	}
}

static void print_missed(struct src *s, uint64_t n, const struct opts *o)
{
	switch (o->fmt) {
	case F_BLOCK:
		printf("=== Missed %" PRIu64 " events (", n);
		fputs(s->agent_esc, stdout);
		printf(": overwritten before they were read) ===\n\n");
		break;
	case F_LINE:
		printf("# missed %" PRIu64 " events from ", n);
		fputs(s->agent_esc, stdout);
		printf(" (overwritten before they were read)\n");
		break;
	case F_JSON:
		printf("{\"missed\":%" PRIu64 ",\"agent\":\"", n);
		put_escaped(s->agent, F_JSON);
		printf("\"}\n");
		break;
	}
}

static int keep(const struct src_event *e, const struct opts *o)
{
	if (o->category >= 0 && e->category != o->category)
		return 0;
	return !o->name_glob || !fnmatch(o->name_glob, e->name, 0);
}

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->e.ns != y->e.ns)
		return x->e.ns < y->e.ns ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A source whose file went away or shrank: drop it (a directory rescan may bring it back). */
static void drop_src(int i, const char *why)
{
	fprintf(stderr, PROG ": %s: %s\n", printable(srcs[i]->path), why);
	srcs[i]->ops->close(srcs[i]);
	srcs[i] = srcs[--nsrcs];
	/* Drops are rare (a file went away): rebuilding beats tombstones. */
	if (index_srcs(srcs_cap)) {
		fprintf(stderr, PROG ": out of memory\n");
		exit(EX_ERR);
	}
}

/* Poll every source once, appending what it has to @items (*@n of them). */
static void collect(struct item **items, size_t *cap, size_t *np, const struct opts *o)
{
	size_t n = *np;
	static uint64_t order;
	static struct src_event buf[BATCH];

	for (int i = 0; i < nsrcs; i++) {
		for (;;) {
			uint64_t missed = 0;
			long k = srcs[i]->ops->poll(srcs[i], buf, BATCH, &missed);

			if (k < 0) {
				drop_src(i--, k == -EBADMSG ? "ring became inconsistent; dropped" :
					      "file shrank or went away; dropped");
				break;
			}
			if (missed) {
				/* Flush what came before, so the gap shows where it was. */
				total_missed += missed;
				print_missed(srcs[i], missed, o);
			}
			for (long j = 0; j < k; j++) {
				if (!keep(&buf[j], o))
					continue;
				if (n == *cap) {
					size_t nc = *cap ? *cap * 2 : BATCH;
					struct item *ni = realloc(*items, nc * sizeof(**items));

					if (!ni) {
						fprintf(stderr, PROG ": out of memory\n");
						exit(EX_ERR);
					}
					*items = ni;
					*cap = nc;
				}
				(*items)[n].e = buf[j];
				(*items)[n].src = srcs[i];
				(*items)[n].order = order++;
				n++;
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

	for (int i = 0; i < nsrcs; i++) {
		uint64_t w = srcs[i]->ops->stalled ? srcs[i]->ops->stalled(srcs[i]) : 0;

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

	collect(items, cap, &n, o);
	while (settle && !stop && (w = stalled()) && clock_ns(CLOCK_MONOTONIC) + w <= end + 1000000) {
		struct timespec d = { (time_t)(w / 1000000000u), (long)(w % 1000000000u) };

		nanosleep(&d, NULL);
		collect(items, cap, &n, o);
	}
	/* One busy lane is already in time order: skip the sort then. */
	for (size_t i = 1; i < n; i++) {
		if (cmp_item(&(*items)[i - 1], &(*items)[i]) > 0) {
			qsort(*items, n, sizeof(**items), cmp_item);
			break;
		}
	}
	if (skip_to_last >= 0 && (size_t)skip_to_last < n)
		first = n - (size_t)skip_to_last;
	for (size_t i = first; i < n; i++)
		print_event(&(*items)[i], o);
	total_read += n - first;
	fflush(stdout);
	return n - first;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "format", required_argument, NULL, 'f' }, { "once", no_argument, NULL, 'o' },
		{ "from", required_argument, NULL, 'F' }, { "last", required_argument, NULL, 'l' },
		{ "category", required_argument, NULL, 'c' }, { "name", required_argument, NULL, 'n' },
		{ "peek", no_argument, NULL, 'p' }, { "help", no_argument, NULL, 'h' }, { 0 },
	};
	int c, li = 0;
	char *end;

	memset(o, 0, sizeof(*o));
	o->last = -1;
	o->category = -1;
	while ((c = getopt_long(argc, argv, "h", lo, &li)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "block")) o->fmt = F_BLOCK;
			else if (!strcmp(optarg, "line")) o->fmt = F_LINE;
			else if (!strcmp(optarg, "json")) o->fmt = F_JSON;
			else goto bad;
			break;
		case 'o': o->once = 1; break;
		case 'F':
			if (!strcmp(optarg, "oldest")) o->from_now = 0;
			else if (!strcmp(optarg, "now")) o->from_now = 1;
			else goto bad;
			break;
		case 'l':
			o->last = strtoll(optarg, &end, 10);
			if (*end || end == optarg || o->last < 0)
				goto bad;
			break;
		case 'c':
			o->category = parse_category(optarg);
			if (o->category < 0)
				goto bad;
			break;
		case 'n': o->name_glob = optarg; break;
		case 'p': o->peek = 1; break;
		case 'h': usage(stdout); exit(EX_OK);
		default: usage(stderr); return -1;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, PROG ": no ring file, agent name or directory given\n");
		usage(stderr);
		return -1;
	}
	o->so.from_now = o->from_now;
	o->so.peek = o->peek;
	return 0;
bad:
	fprintf(stderr, PROG ": invalid value '%s' for --%s\n", printable(optarg), lo[li].name);
	return -1;
}

/* Resolve one argument: agent name, file or directory. */
static int resolve(const char *arg, struct input *in)
{
	struct stat st;

	if (!strchr(arg, '/')) {
		const char *dir = scan_default_dir();

		if (!dir) {
			fprintf(stderr, PROG ": %s: an agent name needs NIXL_TELEMETRY_DIR set\n",
				printable(arg));
			return EX_USAGE;
		}
		snprintf(in->path, sizeof(in->path), "%s/%s", dir, arg);
	} else {
		snprintf(in->path, sizeof(in->path), "%s", arg);
	}
	if (stat(in->path, &st)) {
		fprintf(stderr, PROG ": %s: %s\n", printable(in->path), strerror(errno));
		return errno == ENOENT ? EX_MISSING : EX_UNREADABLE;
	}
	in->is_dir = S_ISDIR(st.st_mode);
	return 0;
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
			/* Once a second: replaced files (restarted agents), new agents. */
			last_check = now;
			for (int i = 0; i < nsrcs; i++) {
				if (srcs[i]->ops->changed(srcs[i])) {
					char path[4096];

					snprintf(path, sizeof(path), "%s", srcs[i]->path);
					drop_src(i--, "replaced (agent restarted); reopening");
					add_src(path, o, 1, 0);
				}
			}
			for (int i = 0; i < nins; i++) {
				struct scan_ctx c = { .o = o, .quiet = 1 };

				if (ins[i].is_dir) {
					scan_dir(ins[i].path, scan_one, &c);
					report_fds(ins[i].path, 1);
				} else if (!have_src(ins[i].path)) {
					add_src(ins[i].path, o, 1, 0);
				}
			}
		}
		/*
		 * Writers ring the doorbell at most once a millisecond, so after any
		 * activity keep polling for a few ms before sleeping on it.
		 */
		if (nsrcs == 1 && idle > 3) {
			srcs[0]->ops->wait(srcs[0], srcs[0]->idle_ms > 0 ? srcs[0]->idle_ms : 100);
		} else {
			struct timespec d = { 0, idle > 3 ? 2000000 : 1000000 };

			nanosleep(&d, NULL);
		}
	}
}

/*
 * Open every argument.  Returns 0 or the exit status of the first hard
 * failure; *@soft gets EX_NORINGS if a directory had no rings (--once).
 */
static int open_inputs(struct input *ins, int nins, char **args, const struct opts *o, int *soft)
{
	for (int i = 0; i < nins; i++) {
		int ret = resolve(args[i], &ins[i]);

		if (ret)
			return ret;
		if (ins[i].is_dir) {
			struct scan_ctx c = { .o = o };
			int n = scan_dir(ins[i].path, scan_one, &c);

			report_fds(ins[i].path, 0);
			if (n < 0) {
				fprintf(stderr, PROG ": %s: %s\n", printable(ins[i].path),
					strerror(-n));
				return EX_UNREADABLE;
			}
			if (!c.added && o->once) {
				fprintf(stderr, PROG ": %s: no rings in directory\n",
					printable(ins[i].path));
				*soft = EX_NORINGS;
			}
		} else {
			ret = add_src(ins[i].path, o, 0, 0);
			if (ret)
				return exit_code(ret);
		}
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

int main(int argc, char **argv)
{
	struct input *ins;
	struct item *items = NULL;
	size_t cap = 0;
	struct opts o;
	int nins, soft = 0, status;
	struct sigaction sa;

	if (parse_args(argc, argv, &o))
		return EX_USAGE;
	raise_fd_limit();
	nins = argc - optind;
	ins = calloc((size_t)nins, sizeof(*ins));
	if (!ins)
		return EX_ERR;
	status = open_inputs(ins, nins, argv + optind, &o, &soft);
	if (status || (!nsrcs && o.once)) {
		status = status ? status : soft ? soft : EX_NORINGS;
		goto out;
	}
	if (!nsrcs)
		fprintf(stderr, PROG ": no rings yet; waiting for agents\n");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_DFL);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);	/* flushed after every round */

	round_once(&items, &cap, &o, o.last, o.once);
	if (!o.once)
		follow(ins, nins, &o, &items, &cap);
	fprintf(stderr, PROG ": read %" PRIu64 " events, missed %" PRIu64 "\n", total_read,
		total_missed);
	status = soft;
out:
	for (int i = 0; i < nsrcs; i++)
		srcs[i]->ops->close(srcs[i]);
	free(srcs);
	free(by_path);
	free(items);
	free(ins);
	return status;
}
